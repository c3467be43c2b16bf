"""Normalised keys for matching names of people, organisations, places and films."""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^\w\s]", re.UNICODE)
_SPACE = re.compile(r"\s+")
_DISAMBIGUATION = re.compile(r"\s*\((?:(?P<year>\d{4})\s+)?(?:[\w\s-]*\s)?film\)\s*$", re.I)


def name_key(name: str) -> str:
    """``"Zoë  Marchetti."`` -> ``"zoe marchetti"``: case, accents, punctuation, spacing folded."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _NON_WORD.sub(" ", text.casefold().replace("&", " and "))
    return _SPACE.sub(" ", text).strip()


def clean_title(title: str) -> tuple[str, int | None]:
    """``"Backtrace (2018 film)"`` -> ``("Backtrace", 2018)``; other titles unchanged."""
    title = _SPACE.sub(" ", title).strip().strip('"\u201c\u201d')
    m = _DISAMBIGUATION.search(title)
    if not m:
        return title, None
    year = int(m.group("year")) if m.group("year") else None
    return title[: m.start()].strip(), year
