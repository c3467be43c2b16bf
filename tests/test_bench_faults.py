"""bench/faults.py: its content snapshot of a store, and a small run of every fault (real
data; skips without it)."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner

from backtrace.cli import main

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"

LANTERN = """= Tin Lantern (film) =

Tin Lantern
- Director: Mara Quint
- Runtime: 88 minutes

Tin Lantern is a 2015 American comedy film directed by Mara Quint and starring Oren Vale.
"""

HARBOUR = """= Glass Harbour (film) =

Glass Harbour
- Director: Ivo Brandt
- Runtime: 101 minutes

Glass Harbour is a 2019 American drama film directed by Ivo Brandt and starring Oren Vale.
"""


def _ingest(db: Path, *paths: Path) -> None:
    result = CliRunner().invoke(main, ["ingest", "-q", "--db", str(db), *map(str, paths)])
    assert result.exit_code == 0, result.output


def _film_id(db: Path, title: str) -> int:
    with closing(sqlite3.connect(db)) as conn:
        return conn.execute(
            "SELECT id FROM entities WHERE type = 'film' AND name = ?", (title,)
        ).fetchone()[0]


def test_snapshot_is_the_content_without_ids(tmp_path, load_bench) -> None:
    faults = load_bench("faults")
    docs = tmp_path / "docs"
    docs.mkdir()
    lantern, harbour = docs / "lantern.txt", docs / "harbour.txt"
    lantern.write_text(LANTERN, encoding="utf-8")
    harbour.write_text(HARBOUR, encoding="utf-8")
    together, one_by_one = tmp_path / "together.db", tmp_path / "one_by_one.db"
    _ingest(together, lantern, harbour)
    _ingest(one_by_one, harbour)  # the other order: other entity ids
    _ingest(one_by_one, lantern)
    assert _film_id(together, "Tin Lantern") != _film_id(one_by_one, "Tin Lantern")

    a, b = faults.snapshot(together), faults.snapshot(one_by_one)
    assert set(a) == set(faults.TABLES)
    assert sorted(row[1] for row in a["documents"]) == ["Glass Harbour", "Tin Lantern"]
    films = {row[0] for row in a["facts"]}
    assert ("film", "Tin Lantern", 2015) in films and ("film", "Glass Harbour", 2019) in films
    directors = {row[2] for row in a["facts"] if row[1] == "director"}
    assert directors == {'"Mara Quint"', '"Ivo Brandt"'}
    assert all(row[6] is True for row in a["facts"])  # agreed and believed
    assert a["claims"] and a["spans"] and a["aliases"] and a["entities"]
    diff = faults.compare(a, b)
    assert faults.equal(diff), faults.describe(diff, "together", "one by one")
    assert faults.describe(diff, "a", "b") == [f"    equal: all {len(faults.TABLES)} tables"]

    with closing(sqlite3.connect(one_by_one)) as conn, conn:  # a fact goes missing
        film = _film_id(one_by_one, "Tin Lantern")
        conn.execute("DELETE FROM fact_claims WHERE fact_id IN (SELECT id FROM facts WHERE "
                     "entity_id = ? AND property = 'director')", (film,))
        conn.execute("DELETE FROM facts WHERE entity_id = ? AND property = 'director'", (film,))
    diff = faults.compare(a, faults.snapshot(one_by_one))
    assert not faults.equal(diff) and faults.facts_lost(diff) == 1
    assert sum(diff["facts"][1].values()) == 0 and not diff["claims"][0]
    lines = faults.describe(diff, "clean", "trial")
    assert "facts 1 only in clean / 0 only in trial" in " ".join(lines)
    assert any("facts only in clean:" in line and "Mara Quint" in line for line in lines)

    empty = faults.snapshot(tmp_path / "absent.db")
    assert not any(empty.values())
    assert faults.facts_lost(faults.compare(a, empty)) == sum(a["facts"].values())


@pytest.mark.slow
@pytest.mark.realdata
def test_faults_bench_runs_every_fault_and_prints_its_figures() -> None:
    if not (DATA / "wikipedia-movie-data" / "movies_dev.jsonl").exists():
        pytest.skip("../shared/data is absent")
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "faults.py"), "--limit", "300", "--trials", "1"],
        capture_output=True, text=True, check=True, cwd=ROOT, timeout=1800,
    ).stdout
    assert "corpus: wikipedia-movie-data/movies_dev.jsonl (first 300 records" in out
    assert "== this checkout ==" in out and "clean run: " in out
    assert "trial 1/1: kill -9 " in out and "Ctrl-C trial: SIGINT " in out
    assert "concurrent writers: " in out and "server beside an ingest: " in out
    summary = out[out.index("summary:"):].splitlines()
    rows = {m[1]: m[2] for line in summary[2:] if (m := re.match(r"  (\S.*?)\s{2,}(.*)$", line))}
    assert rows["trials run"].split()[-1] == "1"
    assert rows["trials equal"].split()[-1] == "1"  # a kill -9 loses nothing
    assert rows["facts lost per trial"].split()[-1] == "0"
    for name in ("clean run", "clean run again", "Ctrl-C trial", "concurrent writers",
                 "server beside an ingest", "time"):
        assert name in rows, name
    assert out.rstrip().endswith("reproduce: .venv/bin/python bench/faults.py --limit 300 "
                                 "--trials 1")
    assert "/work/" not in out and str(ROOT) not in out and "/tmp" not in out  # no local path
