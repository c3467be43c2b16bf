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


def test_past_the_cap_films_and_people_read_their_own_matches(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first matches in the index's order are people: a search for films still finds
    the films, as one for people finds people (films have a table of their own,
    ``0014_search_films``)."""
    with backtrace.open(tmp_path / "k.db") as kb:
        with kb.store.transaction() as w:
            for first in ("Ada", "Bram", "Cleo", "Dov", "Esme", "Fen"):
                w.create_entity("person", f"{first} Marlow", f"{first.lower()} marlow", 0)
            w.create_entity("film", "Marlow Station", "marlow station", 1931)
            w.create_entity("film", "Marlow Returns", "marlow returns", 1934)
            w.create_entity("film", "Marlow Abroad", "marlow abroad", 1936)
            w.create_entity("film", "Dov Marlow", "dov marlow", 1938)
        with kb.store.engine.begin() as conn:
            search.ensure_fresh(conn)
        monkeypatch.setattr(search, "RANK_CAP", 4)  # the people pass it, and the films
        with kb.store.read() as conn:
            films = search.search_entities(conn, "marl", ("film",))
            people = search.search_entities(conn, "marlow", ("person",))
            both = search.search_entities(conn, "dov marlow", ("person", "film"))
    assert [h.name for h in films] == ["Marlow Station", "Marlow Returns", "Marlow Abroad",
                                       "Dov Marlow"]  # names of two words, by id
    assert [h.name for h in people][:2] == ["Ada Marlow", "Bram Marlow"]
    assert {h.type for h in people} == {"person"} and len(people) == 4  # the window
    assert sorted((h.type, h.name) for h in both) == [("film", "Dov Marlow"),
                                                      ("person", "Dov Marlow")]


def test_a_store_indexed_before_films_had_their_table_gets_it(tmp_path: Path) -> None:
    """A store made before ``0014`` (every entity in one table) is indexed again when
    opened, its films in their own table."""
    path = tmp_path / "old.db"
    with backtrace.open(path) as kb:
        with kb.store.transaction() as w:
            w.create_entity("film", "Marlow Station", "marlow station", 1931)
            w.create_entity("person", "Ada Marlow", "ada marlow", 0)
        with kb.store.engine.begin() as conn:
            conn.execute(text("DROP TABLE search_films"))
            conn.execute(text("DELETE FROM migrations WHERE name = '0014_search_films'"))
            search.refresh_search(conn)  # the films in search_entities, as before 0014
            assert conn.execute(text("SELECT count(*) FROM search_entities")).scalar() == 2
    with backtrace.open(path) as kb, kb.store.read() as conn:
        assert [h.name for h in search.search_entities(conn, "marlow", ("film",))] == [
            "Marlow Station"]
        assert conn.execute(text("SELECT count(*) FROM search_entities")).scalar() == 1


def test_words_nearly_every_document_holds_are_left_out_beside_others(kb: Any) -> None:
    """'A note on the gravel' finds what 'note gravel' finds; 'the' alone is still read."""
    assert search.document_expression("A note on the gravel") == '"note" "gravel"*'
    assert search.document_expression("on the") == '"on" "the"*'
    with kb.store.read() as conn:
        common = search.search_documents(conn, "A note on the gravel")
        plain = search.search_documents(conn, "note gravel")
        alone = search.search_documents(conn, "the")
    assert [d.id for d in common] == [d.id for d in plain] and len(common) == 5
    assert len(alone) == 5  # every note has "the"
