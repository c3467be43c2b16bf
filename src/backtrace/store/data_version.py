"""Has anything been committed to a SQLite store since I last looked?

SQLite's ``PRAGMA data_version``, read on a read-only connection of its own (it changes
whenever any other connection, in this process or another, commits), together with the
file's device and inode (a file replaced under the same name is a new database). Reading it
costs a few microseconds. The connection is a plain ``sqlite3`` one, not pooled: the number
is only comparable when it is read on the same connection each time. Databases other than a
SQLite file, and files whose version cannot be read, have no version (None).
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
from pathlib import Path

log = logging.getLogger(__name__)

Version = tuple[int, ...]


def sqlite_path(url: str) -> Path | None:
    """The file of a ``sqlite:///`` URL; None for other databases and in-memory SQLite."""
    if not url.startswith("sqlite:///"):
        return None
    path = url.removeprefix("sqlite:///")
    return Path(path) if path and path != ":memory:" else None


class DataVersion:
    """``version()`` changes whenever a commit reaches the SQLite file at ``path``.

    None when it cannot be read (no file, no permission): callers then cache nothing."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._conn: sqlite3.Connection | None = None
        self._file: tuple[int, int] | None = None
        self._lock = threading.Lock()

    def _open(self, file: tuple[int, int]) -> sqlite3.Connection:
        assert self.path is not None
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        uri = f"{self.path.resolve().as_uri()}?mode=ro"
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        self._conn, self._file = conn, file
        return conn

    def version(self) -> Version | None:
        if self.path is None:
            return None
        with self._lock:
            try:
                st = os.stat(self.path)
                file = (st.st_dev, st.st_ino)
                conn = self._conn if self._conn is not None and file == self._file else None
                conn = conn or self._open(file)
                (number,) = conn.execute("PRAGMA data_version").fetchone()
            except (OSError, sqlite3.Error) as exc:
                log.debug("no data version for %s: %s", self.path, exc)
                return None
            return (*file, number)

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None
