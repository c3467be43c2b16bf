"""Running times as written -> minutes."""

from __future__ import annotations

import re
from typing import NamedTuple

from backtrace.extract.normalize.numbers import NUMBER_WORDS, word_number

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
_WORD_FORMS: list[re.Pattern[str]] = [
    # "two hours and ten minutes", "an hour and 27 minutes", "one hour, forty minutes"
    re.compile(rf"\b(?P<h>{NUMBER_WORDS}|an?)\s+{_HOURS},?\s*(?:and\s+)?"
               rf"(?P<m>{NUMBER_WORDS}|\d{{1,2}})\s+{_MINUTES}(?!\w)", re.IGNORECASE),
    # "two and a half hours", "an hour and a half"
    re.compile(rf"\b(?P<h>{NUMBER_WORDS}|\d)\s+(?P<half>and\s+a\s+half)\s+{_HOURS}(?!\w)"
               rf"|\b(?P<h2>an?|one)\s+{_HOURS}\s+and\s+a\s+half\b", re.IGNORECASE),
    # "ninety minutes", "two hours"
    re.compile(rf"\b(?P<m>{NUMBER_WORDS})\s+{_MINUTES}(?!\w)", re.IGNORECASE),
    re.compile(rf"\b(?P<h>{NUMBER_WORDS})\s+{_HOURS}(?!\w)", re.IGNORECASE),
]


# a unit of time as a word of its own after a number or a space: every running time has
# one (or is a bare number), so most sentences are passed over with one search, not eight
_UNIT = re.compile(r"(?<=[\d\s])(?:hours?|hrs?|h|minutes?|mins?|m)(?![a-z])", re.IGNORECASE)


def _word_duration(m: re.Match[str]) -> int | None:
    groups = {k: v for k, v in m.groupdict().items() if v}
    if "h2" in groups:  # "an hour and a half"
        return 90
    hours = (1 if groups["h"].lower() in ("a", "an") else word_number(groups["h"])
             ) if "h" in groups else 0
    minutes = word_number(groups["m"]) if "m" in groups else 0
    if hours is None or minutes is None:
        return None
    return hours * 60 + (30 if "half" in groups else minutes)


class FoundDuration(NamedTuple):
    minutes: int
    start: int
    end: int


def find_duration(text: str) -> FoundDuration | None:
    """The first running time written in ``text`` ("87 minutes", "1h 27m", "87", "two hours
    and ten minutes", "ninety minutes"), or None."""
    if _UNIT.search(text) is None and _FORMS[-1][1].match(text) is None:
        return None
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
    for pattern in _WORD_FORMS:
        m = pattern.search(text)
        if m is None or (best is not None and best.start <= m.start()):
            continue
        if (minutes := _word_duration(m)) and 0 < minutes <= 1500:
            best = FoundDuration(minutes, m.start(), m.end())
    return best


def parse_duration(text: str) -> int | None:
    """Minutes in a running time: "87 minutes", "98 min", "1h 27m", "1 hour 27 minutes"."""
    found = find_duration(text)
    return found.minutes if found else None
