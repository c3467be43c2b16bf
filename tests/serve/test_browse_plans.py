"""The lists of films and people read the same pages whichever way the store is read
(issue 25): a decade of many films along the title index or of few sorted whole, a rare
role from its holders or a common one by probing people in name order (invented records,
written for these tests)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import backtrace
from backtrace.store import browse
from backtrace.store.browse import FilmFilter, browse_films, browse_people

RECORDS = [
    {"title": f"Quay {'ABCDEFGH'[n % 8]}{n:02d}", "year": 1940 + n % 13,
     "genres": ["Comedy" if n % 3 else "Drama"],
     "extract": f"Quay {'ABCDEFGH'[n % 8]}{n:02d} is a {1940 + n % 13} American "
                f"{'comedy' if n % 3 else 'drama'} film directed by Ona Brell{n % 7}."}
    for n in range(30)
]


@pytest.fixture
def kb(tmp_path: Path, db_target: str | Path) -> backtrace.KnowledgeBase:
    corpus = tmp_path / "films.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    kb = backtrace.open(db_target)
    kb.ingest([corpus], text_field="extract")
    return kb


def _films(conn: object, wanted: FilmFilter, sort: str) -> list[list[dict]]:
    pages, after = [], None
    while True:
        films, after = browse_films(conn, wanted, sort=sort, after=after, limit=4)  # type: ignore[arg-type]
        pages.append(films)
        if after is None:
            return pages


def _people(conn: object, role: str | None) -> list[list[dict]]:
    pages, after = [], None
    while True:
        people, after = browse_people(conn, role, after=after, limit=2)  # type: ignore[arg-type]
        pages.append(people)
        if after is None:
            return pages


def test_a_decade_reads_the_same_pages_along_either_index(
    kb: backtrace.KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    cases = [(FilmFilter(decade=d, genre=g), sort) for d in (1940, 1950) for g in (None, "comedy")
             for sort in ("title", "year")]
    with kb, kb.store.read() as conn:
        sorted_whole = [_films(conn, *case) for case in cases]
        monkeypatch.setattr(browse, "DENSE", 0)  # every decade read along the title index
        assert [_films(conn, *case) for case in cases] == sorted_whole
    titles = [f["title"] for page in sorted_whole[0] for f in page]
    assert titles == sorted(titles) and len(titles) == 24  # 1940-1949: 24 of the thirty
    by_year = [(f["year"], f["title"]) for page in sorted_whole[1] for f in page]
    assert by_year == sorted(by_year)


def test_a_role_reads_the_same_pages_from_its_holders_or_by_probing(
    kb: backtrace.KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    with kb, kb.store.read() as conn:
        holders = [_people(conn, role) for role in ("director", "composer", None)]
        monkeypatch.setattr(browse, "FEW", 0)  # every role probed in name order
        assert [_people(conn, role) for role in ("director", "composer", None)] == holders
    names = [p["name"] for page in holders[0] for p in page]
    assert names == [f"Ona Brell{n}" for n in range(7)]
    assert all(p["films"] >= 4 for page in holders[0] for p in page)
    assert holders[1] == [[]]


def test_the_browse_indexes_are_measured_where_the_store_was(tmp_path: Path) -> None:
    """Migration 0013 on an analyzed SQLite store measures its new indexes too (unmeasured
    beside measured ones, SQLite sorted every person for the first page of /people)."""
    import sqlite3

    db = tmp_path / "old.db"
    backtrace.open(db).close()
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("DROP INDEX ix_entities_type_name")
        conn.execute("DROP INDEX ix_entities_type_year")
        conn.execute("DELETE FROM migrations WHERE name = '0013_browse_order'")
        conn.execute("INSERT INTO entities (type, name, key, year) VALUES "
                     "('film', 'Quay', 'quay', 1950)")  # ANALYZE passes empty tables by
        conn.execute("ANALYZE")
    conn.close()
    backtrace.open(db).close()  # migrates
    conn = sqlite3.connect(db)
    measured = {r[0] for r in conn.execute("SELECT idx FROM sqlite_stat1 WHERE tbl = 'entities'")}
    conn.close()
    assert {"ix_entities_type_name", "ix_entities_type_year"} <= measured
