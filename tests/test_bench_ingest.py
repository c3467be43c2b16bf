"""bench/ingest.py runs, alone and beside a baseline revision (real data; skips without it)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"


@pytest.mark.slow
@pytest.mark.realdata
def test_ingest_bench_prints_both_runs_and_the_command() -> None:
    if not (DATA / "wikipedia-movie-data" / "movies_dev.jsonl").exists():
        pytest.skip("../shared/data is absent")
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "ingest.py"), "--limit", "12", "--baseline", "HEAD"],
        capture_output=True, text=True, check=True, cwd=ROOT,
    ).stdout
    assert "baseline HEAD: " in out and "this checkout: " in out
    assert "documents/s" in out and "throughput: " in out
    assert out.rstrip().endswith("reproduce: .venv/bin/python bench/ingest.py --limit 12 "
                                 "--baseline HEAD")
    assert "/work/" not in out and str(ROOT) not in out  # no local path in the output


@pytest.mark.slow
@pytest.mark.realdata
def test_ingest_bench_compares_with_bare_nlp_pipe() -> None:
    if not (DATA / "wikipedia-movie-data" / "movies_dev.jsonl").exists():
        pytest.skip("../shared/data is absent")
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "ingest.py"), "--limit", "12", "--vs-pipe"],
        capture_output=True, text=True, check=True, cwd=ROOT,
    ).stdout
    assert "this checkout: " in out
    assert "nlp.pipe(texts, n_process=2): " in out and "as fast as nlp.pipe (goal 1.5x;" in out
    assert out.rstrip().endswith("reproduce: .venv/bin/python bench/ingest.py --limit 12 "
                                 "--vs-pipe")
