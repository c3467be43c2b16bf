"""bench/serve_pg.py: its table of figures, and a run on a tiny corpus on both stores (real
data and PostgreSQL; skips without them; no timing is asserted)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"


@pytest.fixture(scope="module")
def bench(load_bench):
    return load_bench("serve_pg")


def test_the_table_sets_postgresql_beside_sqlite_with_the_p99_ratio(bench) -> None:
    lite, pg = bench.Figures("SQLite"), bench.Figures("PostgreSQL")
    lite.pages["search"] = (2.0, 10.0, 1.5, 600)
    pg.pages["search"] = (3.0, 12.0, None, 600)
    lite.ask_ms, pg.ask_ms = [1.0, 2.0, 4.0], [2.0, 3.0, 8.0]
    lite.answered = pg.answered = 3
    lines = bench.table([lite, pg], ["search", "film page"])
    (search,) = [line for line in lines if line.startswith("search")]
    assert "(  1.5)" in search and "(  n/a)" in search and search.endswith("1.20x")
    (ask,) = [line for line in lines if line.startswith("ask")]
    assert ask.endswith("2.00x") and "(  0.0)" in ask
    assert lines[-1] == "worst p99 ratio 2.00x: goal within 1.5x MISSED"
    assert not any(line.startswith("film page") for line in lines)  # measured on neither


def test_the_corpus_is_the_first_records(bench, tmp_path) -> None:
    source = tmp_path / "all.jsonl"
    source.write_text("".join(f'{{"n": {i}}}\n' for i in range(5)))
    assert bench.corpus(source, 0, tmp_path) == source
    assert bench.corpus(source, 2, tmp_path).read_text() == '{"n": 0}\n{"n": 1}\n'


@pytest.mark.slow
@pytest.mark.realdata
def test_a_tiny_run_serves_and_asks_both_stores() -> None:
    from pgserver import bin_dir

    if not (DATA / "wikipedia-movie-data" / "movies_dev.jsonl").exists():
        pytest.skip("../shared/data is absent")
    if bin_dir() is None:
        pytest.skip("PostgreSQL is not installed")
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "serve_pg.py"), "--limit", "30", "--requests",
         "20", "--seconds", "5", "--films", "6", "--questions", "8", "--pages",
         "film page,search"],
        capture_output=True, text=True, check=True, cwd=ROOT,
    ).stdout
    assert "films drawn: 6 in each store, the same films" in out
    for page in ("film page", "search", "ask"):
        line = next(line for line in out.splitlines() if line.startswith(page + " "))
        assert line.endswith("x")
    assert "worst p99 ratio" in out
    assert out.rstrip().endswith("reproduce: .venv/bin/python bench/serve_pg.py --limit 30 "
                                 "--clients 8 --requests 20 --films 6 --questions 8")
    assert str(ROOT) not in out  # no local path in the output
