"""The store: one small interface over SQLite (default) or any SQLAlchemy database.

store = Store("films.db")
with store.transaction() as w:     # a Writer; commits on success, rolls back on error
    ...
with store.read() as conn:         # a Connection for the read-only queries
    queries.film_record(conn, film_id)
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection

from backtrace.store import queries
from backtrace.store.engine import database_url, make_engine
from backtrace.store.writer import Writer

__all__ = ["Store", "Writer", "queries", "database_url"]


class Store:
    def __init__(self, target: str | Path) -> None:
        self.target = str(target)
        self.url = database_url(target)
        self.engine = make_engine(target)

    @contextmanager
    def transaction(self) -> Iterator[Writer]:
        with self.engine.begin() as conn:
            yield Writer(conn)

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            yield conn

    def close(self) -> None:
        self.engine.dispose()
