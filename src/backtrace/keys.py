"""Normalised keys for matching names of people, organisations, places and films: shared
vocabulary every stage may import (``resolve.names`` re-exports it)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NON_WORD = re.compile(r"[^\w\s]", re.UNICODE)
_SPACE = re.compile(r"\s+")
_DISAMBIGUATION = re.compile(r"\s*\((?:(?P<year>\d{4})\s+)?(?:[\w\s-]*\s)?film\)\s*$", re.I)


@lru_cache(maxsize=262144)  # the same names come back in every document of a corpus
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


_ROMAN = {"ii": "2", "iii": "3", "iv": "4", "v": "5", "vi": "6", "vii": "7", "viii": "8",
          "ix": "9", "x": "10", "xi": "11", "xii": "12"}
_TITLE_NUMBER = re.compile(r"(?<=\s)(ii|iii|iv|v|vi|vii|viii|ix|x|xi|xii)(?=\s|$)")


@lru_cache(maxsize=65536)
def title_key(title: str) -> str:
    """A film title's key: ``name_key`` with a roman numeral after the first word read as
    a number, so a sequel keys the same however it is written ("Creed II" = "Creed 2")."""
    return _TITLE_NUMBER.sub(lambda m: _ROMAN[m.group(1)], name_key(title))
