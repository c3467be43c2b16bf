"""The search index kept current by the writers (issue 25): an ingest indexes what it
added and what it changed, not the whole store, and the index it leaves is the one a full
rebuild makes. On SQLite and on PostgreSQL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import text

from backtrace.store import search

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "examples" / "corpus"
QUERIES = ("cinder", "orchard", "winter orch", "trailer", "review", "lorna", "vance", "road")


def found(kb: Any) -> dict[str, Any]:
    """What search finds for each query: entities and documents, in order."""
    with kb.store.read() as conn:
        return {q: ([(e.id, e.name) for e in search.search_entities(
                    conn, q, ("film", "person", "organization"), 50)],
                    [d.id for d in search.search_documents(conn, q, 50)])
                for q in QUERIES}


def index_rows(kb: Any) -> list[tuple[Any, ...]]:
    """The entities' rows of the index (their aliases as sorted words)."""
    with kb.store.read() as conn:
        if conn.dialect.name == "postgresql":
            rows = conn.execute(text("SELECT id, words::text FROM search_entities ORDER BY id"))
            return [tuple(r) for r in rows]
        rows = conn.execute(text("SELECT rowid, name, aliases FROM search_entities UNION ALL "
                                 "SELECT rowid, name, aliases FROM search_films ORDER BY 1"))
        return [(r[0], r[1], sorted(r[2].split())) for r in rows]


def test_an_ingest_indexes_what_it_added_and_changed_as_a_rebuild_would(kb: Any) -> None:
    kb.ingest([CORPUS / "cinder-road"])
    first = found(kb)
    assert first["cinder"][0] and first["trailer"][1]
    kb.ingest([CORPUS])  # more films, people merged and renamed, aliases added
    with kb.store.read() as conn:
        assert not search.is_stale(conn)
    incremental, rows = found(kb), index_rows(kb)
    with kb.store.engine.begin() as conn:
        search.refresh_search(conn)
    assert found(kb) == incremental
    assert index_rows(kb) == rows


def test_a_write_behind_the_index_is_noted_and_caught_up(kb: Any) -> None:
    kb.ingest([CORPUS / "cinder-road"])
    with kb.store.transaction() as w:
        person = w.create_entity("person", "Quillon Marsh", "quillon marsh", 0)
    with kb.store.read() as conn:
        assert search.is_stale(conn)
        assert search.search_entities(conn, "quillon", ("person",)) == []
    with kb.store.engine.begin() as conn:
        assert search.ensure_fresh(conn)
        assert not search.ensure_fresh(conn)  # nothing waits any more
    with kb.store.read() as conn:
        assert [e.id for e in search.search_entities(conn, "quillon", ("person",))] == [person]
    with kb.store.transaction() as w:  # renamed, then gone: the index follows
        w.conn.execute(text("UPDATE entities SET name = 'Quillon Marsh-Ives' WHERE id = :i"),
                       {"i": person})
    with kb.store.engine.begin() as conn:
        search.ensure_fresh(conn)
        assert [e.name for e in search.search_entities(conn, "ives", ("person",))] == [
            "Quillon Marsh-Ives"]
        conn.execute(text("DELETE FROM entities WHERE id = :i"), {"i": person})
        search.ensure_fresh(conn)
        assert search.search_entities(conn, "quillon", ("person",)) == []


def test_a_document_is_searchable_as_soon_as_it_is_stored(kb: Any) -> None:
    kb.ingest([CORPUS / "cinder-road"])
    with kb.store.read() as conn:
        before = {d.id for d in search.search_documents(conn, "orchard", 50)}
    kb.ingest([CORPUS / "winter-orchard"])
    with kb.store.read() as conn:
        after = {d.id for d in search.search_documents(conn, "orchard", 50)}
    assert after > before
