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


@pytest.mark.slow
def test_scale_bench_times_the_commands_that_read_every_film(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "scale.py"), "--repeat", "1", "--budget", "60"],
        capture_output=True, text=True, check=True, cwd=ROOT,
    ).stdout
    for measure in ("search 'film' (common word), CPU", "(misspelt name), CPU",
                    "every film (7), stopped after 60 s", "films --json", "conflicts",
                    "export --format csv", "export --format jsonl"):
        assert measure in out, measure
    rows = [line for line in out.splitlines() if line.startswith("export --format")]
    assert all(" MB, " in row and "films/s" in row and "exit" not in row for row in rows), rows
    assert out.rstrip().endswith("reproduce: .venv/bin/python bench/scale.py --repeat 1 "
                                 "--budget 60")
    missing = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "scale.py"), "--store", str(tmp_path / "no.db")],
        capture_output=True, text=True, check=False, cwd=ROOT)
    assert missing.returncode == 2 and "no.db: no such store" in missing.stderr
    assert str(tmp_path) not in missing.stderr
