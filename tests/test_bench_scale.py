"""bench/scale.py runs beside a baseline revision and prints both, side by side."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_scale_bench_prints_both_revisions_and_the_command() -> None:
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "scale.py"), "--repeat", "1", "--baseline", "HEAD"],
        capture_output=True, text=True, check=True, cwd=ROOT,
    ).stdout
    header = next(line for line in out.splitlines() if line.startswith("backtrace ..."))
    assert "baseline HEAD" in header and "this checkout" in header
    for measure in ("--version", "--help", "show 'Cinder Road'", "(exact)", "(alias)",
                    "(misspelt)", "find_films('Cinder Road')", "plan of the person look-up"):
        assert measure in out, measure
    assert "(misspelt)" in out and "(exit 1)" in out  # no such person
    assert out.rstrip().endswith("reproduce: .venv/bin/python bench/scale.py --baseline HEAD "
                                 "--repeat 1")
    assert "/work/" not in out and str(ROOT) not in out  # no local path in the output
