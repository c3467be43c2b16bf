"""Browsing films a page at a time (invented records, written for these tests)."""

from __future__ import annotations

import json
from pathlib import Path

import backtrace
from backtrace.store.browse import FilmFilter, browse_films

RECORDS = [
    {"title": f"Harbor {n:02d}", "year": 1920 + n, "genres": ["Comedy" if n % 2 else "Drama"],
     "extract": f"Harbor {n:02d} is a {1920 + n} American "
                f"{'comedy' if n % 2 else 'drama'} film directed by Ada Vell{n}."}
    for n in range(12)
]


def _kb(tmp_path: Path, db_target: str | Path) -> backtrace.KnowledgeBase:
    corpus = tmp_path / "films.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    kb = backtrace.open(db_target)
    kb.ingest([corpus], text_field="extract")
    return kb


def test_pages_follow_one_another_without_a_gap_or_a_repeat(
    tmp_path: Path, db_target: str | Path
) -> None:
    with _kb(tmp_path, db_target) as kb, kb.store.read() as conn:
        seen, after = [], None
        while True:
            films, after = browse_films(conn, FilmFilter(), after=after, limit=5)
            seen += [f["title"] for f in films]
            if after is None:
                break
        assert seen == [f"Harbor {n:02d}" for n in range(12)]
        films, _ = browse_films(conn, FilmFilter(), limit=1)
        assert films[0]["directors"] == ["Ada Vell0"]


def test_filters_by_decade_year_and_genre_sorted_by_year(
    tmp_path: Path, db_target: str | Path
) -> None:
    with _kb(tmp_path, db_target) as kb, kb.store.read() as conn:
        films, after = browse_films(conn, FilmFilter(decade=1920, genre="comedy"), sort="year")
        assert [f["year"] for f in films] == [1921, 1923, 1925, 1927, 1929] and after is None
        films, _ = browse_films(conn, FilmFilter(year=1930), sort="year")
        assert [f["title"] for f in films] == ["Harbor 10"]
        assert browse_films(conn, FilmFilter(country="Nowhere"))[0] == []


def test_people_by_role_with_their_works_counted(
    tmp_path: Path, db_target: str | Path
) -> None:
    from backtrace.store.browse import browse_people

    with _kb(tmp_path, db_target) as kb, kb.store.read() as conn:
        directors, after = browse_people(conn, "director", limit=5)
        assert [p["name"] for p in directors] == [f"Ada Vell{n}" for n in (0, 1, 10, 11, 2)]
        assert all(p["films"] == 1 for p in directors) and after is not None
        rest, end = browse_people(conn, "director", after=after, limit=50)
        assert len(directors) + len(rest) == 12 and end is None
        assert browse_people(conn, "composer")[0] == []
