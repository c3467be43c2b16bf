"""Running times as written -> minutes."""

from __future__ import annotations

import re
from typing import NamedTuple

_HOURS = r"(?:hours?|hrs?\.?|h)"
_MINUTES = r"(?:minutes?|mins?|m)"
_FORMS: list[tuple[str, re.Pattern[str]]] = [
    ("hm", re.compile(
        rf"(?<![\d.])(?P<h>\d{{1,2}})\s*{_HOURS},?\s*(?:and\s+)?(?P<m>\d{{1,2}})\s*{_MINUTES}(?!\w)",
        re.IGNORECASE)),
    ("m", re.compile(
        rf"(?<![\d.])(?P<m>\d{{1,4}})(?:\s*[-–]\s*\d{{1,4}})?\s*{_MINUTES}(?!\w)", re.IGNORECASE)),
    ("h", re.compile(rf"(?<![\d.])(?P<h>\d{{1,2}})\s*{_HOURS}(?!\w)", re.IGNORECASE)),
    ("bare", re.compile(r"^\s*(?P<m>\d{1,4})\s*$")),
]


class FoundDuration(NamedTuple):
    minutes: int
    start: int
    end: int


def find_duration(text: str) -> FoundDuration | None:
    """The first running time written in ``text`` ("87 minutes", "1h 27m", "87"), or None."""
    best: FoundDuration | None = None
    for _form, pattern in _FORMS:
        m = pattern.search(text)
        if m is None:
            continue
        groups = m.groupdict()
        minutes = int(groups.get("h") or 0) * 60 + int(groups.get("m") or 0)
        if not 0 < minutes <= 1500:
            continue
        found = FoundDuration(minutes, m.start(), m.end())
        if best is None or found.start < best.start:
            best = found
    return best


def parse_duration(text: str) -> int | None:
    """Minutes in a running time: "87 minutes", "98 min", "1h 27m", "1 hour 27 minutes"."""
    found = find_duration(text)
    return found.minutes if found else None
