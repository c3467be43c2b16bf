"""bench/ingest_store.py runs beside a baseline revision and compares the stores both
wrote (real data; skips without it)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"


@pytest.mark.slow
@pytest.mark.realdata
def test_store_bench_prints_both_runs_the_comparison_and_the_command(tmp_path: Path) -> None:
    if not (DATA / "wikipedia-movie-data" / "movies_dev.jsonl").exists():
        pytest.skip("../shared/data is absent")
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "ingest_store.py"), "--limit", "12",
         "--baseline", "HEAD", "--cache", str(tmp_path / "extracted.pickle")],
        capture_output=True, text=True, check=True, cwd=ROOT,
    ).stdout
    assert "baseline HEAD: " in out and "this checkout: " in out
    assert "statements" in out and "per 1,000 documents" in out and "store step: " in out
    assert "stores: " in out and "claims" in out
    assert out.rstrip().endswith("reproduce: .venv/bin/python bench/ingest_store.py --limit 12 "
                                 "--baseline HEAD")
    assert "/work/" not in out and str(ROOT) not in out and str(tmp_path) not in out


def test_table_digests_tell_two_stores_apart(tmp_path: Path, load_bench) -> None:
    import sqlite3

    bench = load_bench("ingest_store")
    for name, title in (("a", "Gull Harbour"), ("b", "Gull Harbour"), ("c", "Gull Harbor")):
        con = sqlite3.connect(tmp_path / f"{name}.db")
        con.execute("CREATE TABLE entities (id INTEGER PRIMARY KEY, name TEXT)")
        con.execute("CREATE TABLE documents (id TEXT, ingested_at TEXT)")
        con.execute("INSERT INTO entities (name) VALUES (?)", (title,))
        con.execute("INSERT INTO documents VALUES ('d1', ?)", (name,))  # the time: ignored
        con.commit()
        con.close()
    a, b, c = (bench.table_digests(str(tmp_path / f"{n}.db")) for n in "abc")
    assert a == b and a["entities"] != c["entities"] and a["documents"] == c["documents"]
