"""A small cache of rendered responses, dropped whenever the database changes.

Pages are pure functions of the database, so a body rendered once can be served again until
the next write. For a SQLite file the "version" is the size and modification time of the
file and its write-ahead log (every commit touches one of them); entries also expire after
``TTL`` seconds, so a write the file times cannot show is seen within that time. Other
databases get no cache.
"""

from __future__ import annotations

import os
import threading
import time
from collections import OrderedDict
from pathlib import Path

TTL = 5.0
MAX_ENTRIES = 512

Version = tuple[int, ...]


class ResponseCache:
    def __init__(self, url: str, max_entries: int = MAX_ENTRIES, ttl: float = TTL) -> None:
        self.path = Path(url.removeprefix("sqlite:///")) if url.startswith("sqlite:///") else None
        self.max_entries = max_entries
        self.ttl = ttl
        self._entries: OrderedDict[str, tuple[Version, float, bytes, str]] = OrderedDict()
        self._lock = threading.Lock()

    @property
    def enabled(self) -> bool:
        return self.path is not None and self.max_entries > 0

    def version(self) -> Version:
        assert self.path is not None
        out: list[int] = []
        for suffix in ("", "-wal"):
            try:
                st = os.stat(f"{self.path}{suffix}")
            except OSError:
                out += [0, 0]
                continue
            out += [st.st_size, st.st_mtime_ns]
        return tuple(out)

    def get(self, key: str) -> tuple[bytes, str] | None:
        if not self.enabled:
            return None
        version = self.version()
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            stored_version, born, body, media_type = entry
            if stored_version != version or time.monotonic() - born > self.ttl:
                del self._entries[key]
                return None
            self._entries.move_to_end(key)
            return body, media_type

    def put(self, key: str, version: Version, body: bytes, media_type: str) -> None:
        if not self.enabled:
            return
        with self._lock:
            self._entries[key] = (version, time.monotonic(), body, media_type)
            self._entries.move_to_end(key)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)
