"""Small helpers shared by the store's writers and readers."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from operator import itemgetter
from typing import Any, TypeVar

from sqlalchemy import Connection, Table, insert
from sqlalchemy.engine import Dialect

T = TypeVar("T")

CHUNK = 500  # ids bound in one IN (...): well under SQLite's limit of bound parameters


class Part:
    """One concern of a transaction's view of the store, over its connection; ``Writer``
    is made of them (each part calls ``super().__init__(conn)`` after setting up its own
    state)."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def flush_queued(self) -> None:
        """Write the rows this transaction's parts hold queued (``DocumentWriter`` queues
        documents, spans and claims): called before a read that must see them. A part used
        alone queues nothing."""


def insert_ignoring_duplicates(conn: Connection, table: Table) -> Any:
    """INSERT that skips rows violating a unique constraint, in this connection's dialect
    (imported here: PostgreSQL's is slow to import and a command that reads needs none)."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects import postgresql

        return postgresql.insert(table).on_conflict_do_nothing()
    from sqlalchemy.dialects import sqlite

    return sqlite.insert(table).on_conflict_do_nothing()


_DRIVER_INSERTS: dict[tuple[str, str, tuple[str, ...], bool], tuple[str, list[Any]]] = {}


def _driver_insert(
    dialect: Dialect, table: Table, names: tuple[str, ...], ignore: bool
) -> tuple[str, list[Any]]:
    """SQLite's INSERT of these columns, with each column's bind processor (None: the value
    as it is), made once."""
    key = (dialect.name, table.name, names, ignore)
    if key not in _DRIVER_INSERTS:
        quote = dialect.identifier_preparer.quote
        sql = (f"INSERT INTO {quote(table.name)} ({', '.join(quote(n) for n in names)}) "
               f"VALUES ({', '.join('?' for _ in names)})"
               f"{' ON CONFLICT DO NOTHING' if ignore else ''}")
        processors = [table.c[n].type.dialect_impl(dialect).bind_processor(dialect)
                      for n in names]
        _DRIVER_INSERTS[key] = (sql, processors)
    return _DRIVER_INSERTS[key]


def insert_rows(
    conn: Connection, table: Table, rows: list[dict[str, Any]], *, ignore_duplicates: bool = False
) -> None:
    """INSERT ``rows`` (each with the same keys) in one executemany; with
    ``ignore_duplicates``, rows violating a unique constraint are skipped. On SQLite the
    rows go to the driver as SQLAlchemy would give them, each value through its column's
    bind processing (JSON as text, ...), without SQLAlchemy's per-row parameter building,
    which costs more than SQLite's insert; elsewhere, or when a row leaves a column to its
    Python-side default, through SQLAlchemy."""
    if not rows:
        return
    names = tuple(rows[0])
    defaults = {c.name for c in table.c if c.default is not None}
    if conn.dialect.name != "sqlite" or not defaults <= set(names):
        statement = insert_ignoring_duplicates(conn, table) if ignore_duplicates else insert(table)
        conn.execute(statement, rows)
        return
    sql, processors = _driver_insert(conn.dialect, table, names, ignore_duplicates)
    values = itemgetter(*names) if len(names) > 1 else lambda r: (r[names[0]],)
    params = list(map(values, rows))
    processed = [(i, p) for i, p in enumerate(processors) if p is not None]
    if processed:
        for n, row in enumerate(params):
            row = list(row)
            for i, p in processed:
                row[i] = p(row[i])
            params[n] = tuple(row)
    conn.exec_driver_sql(sql, params)


def chunked(items: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    """``items`` in consecutive slices of at most ``size``."""
    for i in range(0, len(items), size):
        yield items[i : i + size]
