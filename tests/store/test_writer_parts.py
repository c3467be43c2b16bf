"""The store's Writer is made of one part per concern; each part works alone over a
connection, and the read-only helpers serve uses live in the store (issue 19)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from backtrace.model import EntityType
from backtrace.store import Store, Writer, search
from backtrace.store.claim_reader import ClaimReader
from backtrace.store.entity_index import EntityIndex
from backtrace.store.override_log import OverrideLog
from backtrace.store.sql import chunked
from backtrace.store.writer import (
    AliasQueue,
    DocumentWriter,
    FilmCredits,
    PersonMerges,
)

# every method callers use on the Writer a transaction yields
WRITER_METHODS = (
    "find_entities", "person_units", "stage_name_merges", "merge_people", "find_works",
    "work_evidence", "create_entity", "add_alias", "flush_aliases", "alias_mark",
    "discard_aliases", "add_alias_span", "flush_alias_spans", "film_credits", "film_people",
    "entity_claims", "relink_claim", "credited", "set_entity_type", "set_entity_year",
    "film_keys", "stored_ids", "add_document", "add_claims", "unlinked_documents",
    "link_document", "claim_rows", "replace_facts", "films_among", "films_of_documents",
    "active_overrides", "add_override", "undo_overrides",
)


@pytest.fixture
def store(db_target: str | Path) -> Iterator[Store]:
    s = Store(db_target)
    yield s
    s.close()


def test_the_writer_is_made_of_its_parts() -> None:
    for part in (EntityIndex, AliasQueue, PersonMerges, DocumentWriter, ClaimReader,
                 OverrideLog):
        assert issubclass(Writer, part)
    assert [m for m in WRITER_METHODS if not callable(getattr(Writer, m, None))] == []


def test_a_transaction_yields_a_writer_with_every_part_set_up(store: Store) -> None:
    with store.transaction() as w:
        assert isinstance(w, Writer)
        film = w.create_entity(EntityType.FILM, "Cinder Road", "cinder road", 2018)
        w.add_alias(film, "Cinder Road", "cinder road")
        assert w.alias_mark() == (1, 0)
        w.flush_alias_spans()
        assert w.alias_mark() == (0, 0)
        assert w.find_entities(EntityType.FILM, "cinder road") == [(film, 2018)]
        assert w.film_credits(film) == FilmCredits([], [], [], [])
        assert w.claim_rows([film]) == {}
        assert w.active_overrides([film]) == {}


def test_parts_work_alone_on_a_connection(store: Store) -> None:
    with store.transaction() as w:
        film = w.create_entity(EntityType.FILM, "Cinder Road", "cinder road", 2018)
        w.add_override(film, "running_time", 104, {}, "checked the print")
    with store.read() as conn:
        assert EntityIndex(conn).find_entities(EntityType.FILM, "cinder road") == [(film, 2018)]
        assert ClaimReader(conn).films_among({film, film + 1}) == {film}
        (override,) = OverrideLog(conn).active_overrides([film])[film]
        assert (override.property, override.value) == ("running_time", 104)


def test_chunked() -> None:
    assert [list(c) for c in chunked(list(range(5)), 2)] == [[0, 1], [2, 3], [4]]
    assert list(chunked([], 2)) == []


def test_entity_names_lists_films_and_people_by_id(store: Store) -> None:
    with store.transaction() as w:
        person = w.create_entity(EntityType.PERSON, "Mara Quill", "mara quill", 0)
        film = w.create_entity(EntityType.FILM, "Cinder Road", "cinder road", 2018)
        w.create_entity(EntityType.ORGANIZATION, "Lumen", "lumen", 0)
    with store.read() as conn:
        names = search.entity_names(conn, (EntityType.FILM, EntityType.PERSON))
    assert names == [(person, "person", "Mara Quill", None), (film, "film", "Cinder Road", 2018)]


def test_data_version_moves_when_a_transaction_commits(store: Store, backend: str) -> None:
    if backend != "sqlite":
        pytest.skip("only a SQLite file has a data version (PostgreSQL's store reads None)")
    watcher = store.data_version()
    try:
        before = watcher.version()
        assert before is not None and before == watcher.version()
        with store.transaction() as w:
            w.create_entity(EntityType.PERSON, "Mara Quill", "mara quill", 0)
        assert watcher.version() != before
    finally:
        watcher.close()
