"""A cache of rendered responses, dropped whenever the database changes.

Pages are pure functions of the database, so a body rendered once can be served again until
the next write. The database's version is SQLite's ``PRAGMA data_version`` read on a
read-only connection of the cache's own (it changes whenever any other connection, in this
process or another, commits) together with the file's device and inode (a file replaced
under the same name is a new database). Reading it costs a few microseconds, so every hit
checks it: a page is never served from before the last commit. Databases other than a
SQLite file, and files whose version cannot be read, get no cache.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
from collections import OrderedDict
from pathlib import Path

log = logging.getLogger(__name__)

MAX_ENTRIES = 512
MAX_BYTES = 64 * 1024 * 1024  # all cached bodies together

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


class ResponseCache:
    """Up to ``max_entries`` bodies (``max_bytes`` in all), least recently used dropped first,
    each kept only while the database is at the version it was rendered from."""

    def __init__(
        self,
        url: str,
        max_entries: int = MAX_ENTRIES,
        max_bytes: int = MAX_BYTES,
        data_version: DataVersion | None = None,
    ) -> None:
        self.path = sqlite_path(url)
        self.data_version = data_version or DataVersion(self.path)
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._entries: OrderedDict[str, tuple[Version, bytes, str]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    @property
    def enabled(self) -> bool:
        return self.path is not None and self.max_entries > 0

    def version(self) -> Version | None:
        return self.data_version.version() if self.enabled else None

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: str, version: Version | None = None) -> tuple[bytes, str] | None:
        """The body and media type stored under ``key`` if it was rendered at the current
        version (``version``, when the caller has just read it)."""
        version = version or self.version()
        with self._lock:
            entry = self._entries.get(key) if version is not None else None
            if entry is None or entry[0] != version:
                if entry is not None:
                    self._drop(key)
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return entry[1], entry[2]

    def put(self, key: str, version: Version | None, body: bytes, media_type: str) -> None:
        """Keep ``body`` for ``key``, rendered at ``version`` (read before rendering began,
        so a commit during the rendering makes the entry stale rather than wrong)."""
        if version is None or not self.enabled or len(body) > self.max_bytes:
            return
        with self._lock:
            if key in self._entries:
                self._drop(key)
            self._entries[key] = (version, body, media_type)
            self._bytes += len(body)
            while len(self._entries) > self.max_entries or self._bytes > self.max_bytes:
                self._drop(next(iter(self._entries)))

    def _drop(self, key: str) -> None:
        _version, body, _media_type = self._entries.pop(key)
        self._bytes -= len(body)

    def close(self) -> None:
        self.data_version.close()
