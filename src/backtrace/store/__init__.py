"""The store: one small interface over SQLite (default) or any SQLAlchemy database.

store = Store("films.db")
with store.transaction() as w:     # a Writer; commits on success, rolls back on error
    ...
with store.read() as conn:         # a Connection for the read-only queries
    queries.film_record(conn, film_id)
store.data_version()               # a DataVersion: has anyone committed since I looked?

A transaction takes the write lock when it begins (SQLite ``BEGIN IMMEDIATE``): writers
queue, each waiting up to ``lock_timeout`` seconds, and one that cannot have the lock in
time fails with a one-line StoreError before it has read or written anything.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection
from sqlalchemy.exc import OperationalError

from backtrace.errors import StoreError
from backtrace.store import queries
from backtrace.store.data_version import DataVersion, sqlite_path
from backtrace.store.engine import WRITE, database_url, describe, is_locked, make_engine, shown
from backtrace.store.engine import lock_timeout as default_lock_timeout

if TYPE_CHECKING:
    from backtrace.store.writer import Writer

__all__ = ["Store", "Writer", "queries", "database_url"]


def __getattr__(name: str) -> Any:
    """``Writer`` (and what it pulls in: the resolver, name parsing) loads when first asked
    for, so that a command that only reads never loads it."""
    if name == "Writer":
        from backtrace.store.writer import Writer

        return Writer
    raise AttributeError(f"module 'backtrace.store' has no attribute {name!r}")


class Store:
    def __init__(
        self, target: str | Path, *, lock_timeout: float | None = None, read_only: bool = False
    ) -> None:
        self.target = shown(target)  # as messages name it: no password
        self.url = database_url(target)
        self.lock_timeout = default_lock_timeout(lock_timeout)
        self.engine = make_engine(target, lock_timeout_s=self.lock_timeout, read_only=read_only)
        self.read_only = read_only or self.engine.url.query.get("mode") == "ro" or bool(
            self.engine.url.query.get("immutable"))

    @contextmanager
    def transaction(self) -> Iterator[Writer]:
        """One write transaction: committed when the block ends, rolled back on an error."""
        if self.read_only:
            raise StoreError(f"{self.target}: the store is read-only here")
        from backtrace.store.writer import Writer

        try:
            with (self.engine.connect() as conn,
                  conn.execution_options(**{WRITE: True}).begin()):
                writer = Writer(conn)
                yield writer
                writer.flush_queued()  # rows still queued (Writer.add_document...) are kept
        except OperationalError as exc:  # locked, disk full, a broken file: one line
            timeout = self.lock_timeout if is_locked(exc) else None
            raise StoreError(f"{self.target}: {describe(exc, timeout)}") from exc

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            yield conn

    def data_version(self) -> DataVersion:
        """A watcher of commits to this store (``DataVersion.version()`` changes with each);
        one of a store that is not a SQLite file reads no version (None)."""
        return DataVersion(sqlite_path(self.url))

    def close(self) -> None:
        self.engine.dispose()

