"""Small helpers shared by the store's writers and readers."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, TypeVar

from sqlalchemy import Connection, Table

T = TypeVar("T")

CHUNK = 500  # ids bound in one IN (...): well under SQLite's limit of bound parameters


class Part:
    """One concern of a transaction's view of the store, over its connection; ``Writer``
    is made of them (each part calls ``super().__init__(conn)`` after setting up its own
    state)."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn


def insert_ignoring_duplicates(conn: Connection, table: Table) -> Any:
    """INSERT that skips rows violating a unique constraint, in this connection's dialect
    (imported here: PostgreSQL's is slow to import and a command that reads needs none)."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects import postgresql

        return postgresql.insert(table).on_conflict_do_nothing()
    from sqlalchemy.dialects import sqlite

    return sqlite.insert(table).on_conflict_do_nothing()


def chunked(items: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    """``items`` in consecutive slices of at most ``size``."""
    for i in range(0, len(items), size):
        yield items[i : i + size]
