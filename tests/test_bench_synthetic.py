"""bench/synthetic.py makes a store every read command accepts: a few hundred films, their
facts what reconciliation makes of their claims, every span stating its value."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest
from click.testing import CliRunner

import backtrace
from backtrace.cli import main
from backtrace.store import queries

ROOT = Path(__file__).resolve().parents[1]

# the shapes to sample, as the dev records give them: our own made-up titles and names
RECORDS = [
    {"title": "The Lantern Keeper", "year": 1931, "cast": ["Odile Varga", "Bram Keller"],
     "genres": ["Drama"]},
    {"title": "Harbor of Glass", "year": 1948, "cast": ["Tamsin Orwell", "Felix Dunmore",
                                                      "Odile Marsh"], "genres": ["Noir", "Crime"]},
    {"title": "A Quiet Meridian", "year": 1957, "cast": [], "genres": []},
    {"title": "Copper Saddles", "year": 1952, "cast": ["Wade Pellam"], "genres": ["Western"]},
    {"title": "Midnight Orchard Waltz", "year": 1966, "cast": ["Ines Calloway", "Rufus Brandt",
                                                               "Mabel Quint", "Otto Fairley"],
     "genres": ["Musical", "Romance"]},
    {"title": "Static Tide", "year": 1983, "cast": ["Jonah Whitcombe", "Priya Castellan"],
     "genres": ["Thriller"]},
]


@pytest.fixture(scope="module")
def synthetic(load_bench: Callable[[str], ModuleType]) -> ModuleType:
    return load_bench("synthetic")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, synthetic: ModuleType) -> Path:
    folder = tmp_path_factory.mktemp("synthetic")
    (folder / "wikipedia-movie-data").mkdir()
    (folder / "wikipedia-movie-data" / "movies_dev.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    db = folder / "films.db"
    # --check-facts: every film's facts also reconciled directly, and compared
    assert synthetic.main(["--films", "300", "--db", str(db), "--data", str(folder),
                              "--check-facts"]) == 0
    return db


def _one(db: Path, sql: str) -> tuple:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return conn.execute(sql).fetchone()
    finally:
        conn.close()


def test_the_store_checks_clean_with_a_current_index(store: Path) -> None:
    out = CliRunner().invoke(main, ["check", "--db", str(store)])
    assert out.exit_code == 0, out.output
    assert "integrity: ok" in out.output and "spans: ok" in out.output
    assert "300 films with claims, 0 without facts, 0 with facts out of date" in out.output
    assert "search index: current" in out.output


def test_show_person_and_films_read_it(store: Path) -> None:
    runner = CliRunner()
    films = json.loads(runner.invoke(main, ["films", "--json", "--db", str(store)]).output)
    assert len(films) == 300 and all(f["documents"] >= 1 and f["facts"] >= 3 for f in films)
    listed = [f["id"] for f in films]  # by title: not the order the films were made in
    with backtrace.open(store) as kb, kb.store.read() as conn:
        assert queries.film_ids(conn) == listed != sorted(listed)
    title, year = _one(store, "SELECT name, year FROM entities WHERE type = 'film' "
                              "ORDER BY id LIMIT 1")
    shown = runner.invoke(main, ["show", title, "--year", str(year), "--db", str(store)])
    assert shown.exit_code == 0 and f"{title} ({year})" in shown.output, shown.output
    # a person looked up by a second name of theirs (no one else's own name)
    name, alias = _one(store, "SELECT e.name, a.alias FROM aliases a JOIN entities e ON "
                              "e.id = a.entity_id WHERE a.reason IS NOT NULL AND a.key NOT IN "
                              "(SELECT key FROM entities WHERE type = 'person') ORDER BY e.id")
    person = runner.invoke(main, ["person", alias, "--db", str(store)])
    assert person.exit_code == 0 and name in person.output and alias in person.output


def test_disputed_facts_are_listed(store: Path) -> None:
    disputed = _one(store, "SELECT count(DISTINCT entity_id) FROM facts "
                           "WHERE status = 'conflict'")[0]
    assert disputed > 0
    out = CliRunner().invoke(main, ["conflicts", "--db", str(store)])
    assert out.exit_code == 0 and "[believed]" in out.output and "[disputed]" in out.output


def test_every_fact_has_a_span_that_states_it(store: Path) -> None:
    # a fact's claims' spans hold the words the document states the value with
    unsupported = _one(store, """
        SELECT count(*) FROM facts f WHERE NOT EXISTS (
          SELECT 1 FROM fact_claims fc JOIN claims c ON c.id = fc.claim_id
          JOIN spans s ON s.id = c.span_id JOIN documents d ON d.id = s.document_id
          WHERE fc.fact_id = f.id
            AND substr(d.text, s.start + 1, s."end" - s.start) = s.text)""")[0]
    assert unsupported == 0
    assert _one(store, "SELECT count(*) FROM facts")[0] > 300 * 5


def test_missing_shapes_are_a_one_line_error(synthetic: ModuleType, tmp_path: Path,
                                             capsys: pytest.CaptureFixture) -> None:
    assert synthetic.main(["--films", "3", "--db", str(tmp_path / "x.db"),
                              "--data", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err.strip() == "movies_dev.jsonl: not found under --data; the shapes are sampled from it"
