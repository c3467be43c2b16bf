"""Search bounded by the index (issue 25): past ``RANK_CAP`` matches, the hits come in the
index's order instead of bm25 scoring every match; a prefix reads its own list of the
prefix index (migration ``0012_search_prefixes``). Every name below is invented."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

import backtrace
from backtrace.store import search


@pytest.fixture
def kb(tmp_path: Path) -> Any:
    with backtrace.open(tmp_path / "b.db") as kb:
        with kb.store.transaction() as w:
            for name in ("Quarry Lane Murders", "Quarry", "The Long Quarry Road",
                         "Quarrymen of Dunmore"):
                w.create_entity("film", name, name.lower(), 0)
            alias_only = w.create_entity("film", "Stone Pit", "stone pit", 0)
            w.conn.execute(text("INSERT INTO aliases (entity_id, alias, key) "
                                "VALUES (:e, 'Quarry Pit', 'quarry pit')"), {"e": alias_only})
        for i in range(5):
            path = tmp_path / f"doc{i}.txt"
            path.write_text(f"= Gravel notes {i} =\n\nA note on the gravel, number {i}.\n",
                            encoding="utf-8")
            kb.ingest([path])
        with kb.store.engine.begin() as conn:
            search.ensure_fresh(conn)
        yield kb


def test_the_tables_index_prefixes(kb: Any) -> None:
    with kb.store.read() as conn:
        made = conn.execute(text("SELECT name, sql FROM sqlite_master WHERE name IN "
                                 "('search_entities', 'search_documents')")).all()
    assert len(made) == 2 and all(f"prefix='{search.PREFIXES}'" in sql for _, sql in made)


def test_past_the_cap_exact_names_then_names_then_aliases(
        kb: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    with kb.store.read() as conn:
        ranked = [h.name for h in search.search_entities(conn, "quarr", ("film",))]
        monkeypatch.setattr(search, "RANK_CAP", len(ranked))  # as many as match: bounded
        bounded = search.search_entities(conn, "quarry", ("film",))
        assert [h.name for h in bounded] == [
            "Quarry",  # named exactly so
            "Quarry Lane Murders", "Quarrymen of Dunmore", "The Long Quarry Road",  # fewer words
            "Stone Pit"]  # found by an alias
        assert [h.score for h in bounded] == [0.0, 1.0, 2.0, 3.0, 4.0]
        assert len(search.search_entities(conn, "quarr", ("film",), limit=3)) == 3
    assert set(ranked) == {h.name for h in bounded}


def test_past_the_cap_the_newest_documents_first(kb: Any,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    with kb.store.read() as conn:
        ranked = search.search_documents(conn, "grav")
        monkeypatch.setattr(search, "RANK_CAP", 2)
        newest = search.search_documents(conn, "grav", limit=3)
    assert all(d.score is not None for d in ranked) and len(ranked) == 5
    assert [d.title for d in newest] == ["Gravel notes 4", "Gravel notes 3", "Gravel notes 2"]
    assert all(d.score is None and d.snippet for d in newest)
    assert newest[0].to_json()["score"] is None
