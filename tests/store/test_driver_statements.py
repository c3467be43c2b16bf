"""The store's hot statements sent straight to SQLite's driver (issue 25): ``fetch`` reads
what SQLAlchemy reads (JSON decoded, numbers kept, ``IN`` lists expanded), ``execute_one``
gives the new row's id on both databases, ``insert_rows`` writes the JSON text SQLAlchemy
writes, and a driver error is SQLAlchemy's error, as before."""

from __future__ import annotations

import pytest
from sqlalchemy import bindparam, insert, select
from sqlalchemy.exc import IntegrityError

from backtrace.store import Store
from backtrace.store.entity_index import _CREATE_ENTITY
from backtrace.store.schema import claims, documents, entities, spans
from backtrace.store.sql import DRIVER, execute_one, fetch, insert_rows

_BY_IDS = (select(claims.c.id, claims.c.value, claims.c.qualifiers, claims.c.confidence)
           .where(claims.c.id.in_(bindparam("ids", expanding=True)))
           .order_by(claims.c.id))
_BY_PROPERTY = select(claims.c.id).where(claims.c.property == bindparam("p")).order_by(claims.c.id)

VALUES = ["Vera Holm", 1987, 2.5, {}, {"character": "Ines \u00e9", "n": [1, "two"]}, [1, 2],
          "", "a \"quoted\" name", True, None]


def _document(conn, doc_id: str) -> None:  # noqa: ANN001
    conn.execute(insert(documents), [dict(
        id=doc_id, path=f"{doc_id}.txt", kind="encyclopedia", title=None, title_explicit=False,
        date=None, text="some text", sections=[], sentences=[], source_format="text", meta={},
        film_title=None, film_year=None, film_id=None, ingested_at="2026-01-01", seq=1)])
    conn.execute(insert(spans), [dict(id=f"{doc_id}:0-4", document_id=doc_id, start=0, end=4,
                                      text="some")])


def _claim(doc_id: str, n: int, value: object) -> dict[str, object]:
    return dict(id=f"{doc_id}:{n}", document_id=doc_id, span_id=f"{doc_id}:0-4",
                subject_id=None, subject_mention=None, property="cast", value=value,
                value_key=str(n), value_entity_id=None, qualifiers=value if isinstance(
                    value, dict) else {}, extractor="test", confidence=0.5)


def test_fetch_and_insert_rows_read_and_write_what_sqlalchemy_does(db_target) -> None:
    store = Store(db_target)
    try:
        with store.transaction() as w:
            _document(w.conn, "a")
            _document(w.conn, "b")
            insert_rows(w.conn, claims, [_claim("a", n, v) for n, v in enumerate(VALUES)])
            w.conn.execute(insert(claims), [_claim("b", n, v) for n, v in enumerate(VALUES)])
            ids = [f"{d}:{n}" for d in "ab" for n in range(len(VALUES))]
            ours = fetch(w.conn, _BY_IDS, {"ids": ids})
            theirs = w.conn.execute(_BY_IDS, {"ids": ids}).all()
            assert [tuple(r) for r in ours] == [tuple(r) for r in theirs]
            by_doc = {d: [tuple(r[1:]) for r in ours if r[0].startswith(d)] for d in "ab"}
            assert by_doc["a"] == by_doc["b"]  # written by the driver or by SQLAlchemy: same
            assert len(fetch(w.conn, _BY_PROPERTY, {"p": "cast"})) == 2 * len(VALUES)
            assert fetch(w.conn, _BY_IDS, {"ids": ["a:1"]})[0][1] == 1987
    finally:
        store.close()


def test_execute_one_gives_the_new_id_and_errors_are_sqlalchemys(db_target) -> None:
    store = Store(db_target)
    try:
        with store.transaction() as w:
            before = DRIVER.statements
            first = w.create_entity("person", "Vera Holm", "vera holm", 0)
            second = execute_one(w.conn, _CREATE_ENTITY,
                                 {"type": "person", "name": "Ed Lau", "key": "ed lau", "year": 0})
            assert second == first + 1
            assert w.find_entities("person", "ed lau") == [(second, 0)]
            if store.engine.dialect.name == "sqlite":  # counted for the benchmarks
                assert DRIVER.statements == before + 3
        # one type, key and year: one entity; the error is SQLAlchemy's, the write undone
        with pytest.raises(IntegrityError), store.transaction() as w:
            w.create_entity("organization", "Larch", "larch", 0)
            w.create_entity("person", "Vera Holm", "vera holm", 0)
        with store.read() as conn:
            assert fetch(conn, select(entities.c.name).order_by(entities.c.id)) == [
                ("Vera Holm",), ("Ed Lau",)]
    finally:
        store.close()


def test_fetch_needs_every_parameter_the_statement_does_not_bind_itself(tmp_path) -> None:
    store = Store(tmp_path / "s.db")
    try:
        with store.transaction() as w, pytest.raises(KeyError):
            fetch(w.conn, select(entities.c.id).where(entities.c.key == bindparam("k")), {})
    finally:
        store.close()


def test_a_read_outside_a_transaction_is_sqlalchemys_until_it_begins(tmp_path) -> None:
    """On a connection whose transaction has not begun, ``fetch`` leaves it to SQLAlchemy
    (which begins it): nothing is read outside a transaction."""
    store = Store(tmp_path / "s.db")
    try:
        with store.transaction() as w:
            w.create_entity("person", "Vera Holm", "vera holm", 0)
        with store.read() as conn:
            before = DRIVER.statements
            assert not conn.in_transaction()
            assert [tuple(r) for r in fetch(conn, _BY_PROPERTY, {"p": "cast"})] == []
            assert conn.in_transaction() and DRIVER.statements == before
            fetch(conn, _BY_PROPERTY, {"p": "cast"})
            assert DRIVER.statements == before + 1  # now through the driver
    finally:
        store.close()
