"""bench/ingest_dask.py runs the plain ingest and ``ingest --dask`` side by side and finds
their stores the same (real data; skips without it or without the dask extra)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"


@pytest.mark.slow
@pytest.mark.realdata
def test_dask_bench_prints_both_runs_the_same_store_and_the_command() -> None:
    pytest.importorskip("distributed", reason="the dask extra is not installed")
    if not (DATA / "wikipedia-movie-data" / "movies_dev.jsonl").exists():
        pytest.skip("../shared/data is absent")
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "ingest_dask.py"), "--limit", "40"],
        capture_output=True, text=True, check=True, cwd=ROOT,
    ).stdout
    lines = out.splitlines()
    pool = next(line for line in lines if line.startswith("sqlite pool"))
    dask = next(line for line in lines if line.startswith("sqlite dask (2 workers)"))
    assert "docs/s" in pool and "docs/s" in dask and "ms/doc" in dask
    assert dask.endswith("as sqlite pool: same")
    assert out.rstrip().endswith("reproduce: .venv/bin/python bench/ingest_dask.py --limit 40 "
                                 "--workers 2")
    assert "/work/" not in out and str(ROOT) not in out  # no local path in the output


@pytest.mark.slow
@pytest.mark.realdata
def test_on_postgresql_workers_writing_give_the_plain_store() -> None:
    """``--pg``: the workers sending their results back and writing them themselves
    ("direct") both give the plain ingest's store, on SQLite's and PostgreSQL's terms."""
    pytest.importorskip("distributed", reason="the dask extra is not installed")
    from pgserver import bin_dir

    if not (DATA / "wikipedia-movie-data" / "movies_dev.jsonl").exists():
        pytest.skip("../shared/data is absent")
    if bin_dir() is None:
        pytest.skip("PostgreSQL is not installed")
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "ingest_dask.py"), "--limit", "40", "--pg"],
        capture_output=True, text=True, check=True, cwd=ROOT,
    ).stdout
    lines = out.splitlines()
    for label in ("postgresql dask send (2 w.)", "postgresql dask direct (2 w.)"):
        line = next(line for line in lines if line.startswith(label))
        assert "docs/s" in line
        assert line.endswith("as sqlite pool: same; as postgresql pool: same")
    assert out.rstrip().endswith("--limit 40 --workers 2 --pg")
