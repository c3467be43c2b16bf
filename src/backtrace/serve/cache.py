"""A cache of rendered responses, dropped whenever the database changes.

Pages are pure functions of the database, so a body rendered once can be served again until
the next write. The database's version is ``store.data_version.DataVersion``: SQLite's
``PRAGMA data_version`` read on a read-only connection of its own (it changes whenever any
other connection, in this process or another, commits) together with the file's device and
inode (a file replaced under the same name is a new database). Reading it costs a few
microseconds, so every hit checks it: a page is never served from before the last commit.
Databases other than a SQLite file, and files whose version cannot be read, get no cache.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from backtrace.store.data_version import DataVersion, Version, sqlite_path

__all__ = ["MAX_BYTES", "MAX_ENTRIES", "DataVersion", "ResponseCache", "Version", "sqlite_path"]

MAX_ENTRIES = 512
MAX_BYTES = 64 * 1024 * 1024  # all cached bodies together


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
