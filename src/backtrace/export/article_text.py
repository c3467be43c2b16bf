"""Small phrase helpers of the article: lists of words, dates, places, release phrases,
and which cast members the sources call the film's leads."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import Any

from backtrace.store.records import Fact, Source

_NUMBER_WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                 "ten"]  # fmt: skip


def join_words(words: Iterable[str]) -> str:
    """``["A", "B", "C"]`` -> ``"A, B and C"``."""
    items = [w for w in words if w]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def unique(words: Iterable[str]) -> list[str]:
    out: list[str] = []
    for w in words:
        if w and w not in out:
            out.append(w)
    return out


def number_words(n: int) -> str:
    """3 -> "three"; numbers above ten in figures."""
    return _NUMBER_WORDS[n] if 0 <= n < len(_NUMBER_WORDS) else f"{n:,}"


def a_or_an(word: str) -> str:
    """The indefinite article for ``word`` ("an action", "a 2018", "an 18th-century")."""
    low = word.lower()
    if re.match(r"(?:8|11|18)(?:\D|$)|8\d", low):
        return "an"
    return "an" if low[:1] in "aeio" or (low[:1] == "u" and not low.startswith("uni")) else "a"


def format_date(value: Any) -> str:
    """An ISO date (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``) as people write it."""
    parts = str(value).split("-")
    try:
        if len(parts) == 3:
            d = date(int(parts[0]), int(parts[1]), int(parts[2]))
            return f"{d:%B} {d.day}, {d.year}"
        if len(parts) == 2:
            return f"{date(int(parts[0]), int(parts[1]), 1):%B %Y}"
    except ValueError:
        pass
    return str(value)


def place_phrase(name: Any) -> str:
    """"United States" -> "the United States"; other names as they are."""
    words = str(name).split()
    if words and words[0].lower() in {"united", "republic", "netherlands", "philippines"}:
        return f"the {name}"
    return str(name)


# -- releases ---------------------------------------------------------------------------------
_KIND_PHRASES = {
    "theatrical": "in theaters",
    "wide": "in a wide theatrical release",
    "limited": "in a limited theatrical release",
    "vod": "through video on demand",
    "home video": "on home video",
    "premiere": "at its premiere",
    "digital": "digitally",
}


def release_phrase(quals: dict[str, Any], *, region: bool = True) -> str:
    """How a release happened: "in a limited theatrical release", "on Blu-ray and DVD"."""
    kind = str(quals.get("kind") or "").lower()
    phrase = _KIND_PHRASES.get(kind, f"({kind})" if kind else "")
    media = quals.get("media")
    if media:
        media_text = join_words(media) if isinstance(media, list) else str(media)
        phrase = f"on {media_text}" if kind in ("home video", "") else f"{phrase} on {media_text}"
    if region and quals.get("region"):
        where = place_phrase(quals["region"])
        phrase = f"{phrase} in {where}" if phrase else f"in {where}"
    if quals.get("festival"):
        phrase = f"{phrase} at {quals['festival']}"
    return " ".join(phrase.split())


def release_shown(f: Fact) -> str:
    """"December 14, 2018 (announced, in a wide theatrical release)"."""
    quals = f.qualifiers or {}
    notes = [release_phrase(quals)] if release_phrase(quals) else []
    if quals.get("announced"):
        notes.insert(0, "announced")
    return format_date(f.value) + (f" ({', '.join(notes)})" if notes else "")


def releases_phrase(facts: list[Fact]) -> str:
    """The releases of one day as one phrase: the ways, then the places they share."""
    quals = [f.qualifiers or {} for f in facts]
    regions = unique(str(q["region"]) for q in quals if q.get("region"))
    if len(regions) <= 1:
        ways = unique(release_phrase(q, region=False) for q in quals)
        where = f" in {place_phrase(regions[0])}" if regions else ""
        return f"{join_words(ways)}{where}".strip()
    return join_words(unique(release_phrase(q) for q in quals))


# -- the leads --------------------------------------------------------------------------------
_STAR = re.compile(
    r"\b(?:co-?)?star(?:s|ring|red)?\b|\bled\b(?:\s+\w+){0,2}\s+by\b"
    r"|\blead(?:s|ing)?\s+(?:role|roles|actor|actors|actress|actresses|cast|performance)\b"
    r"|\bin the (?:lead|title) role\b|\bheadlin\w+|\btop-?(?:lin|bill)\w*",
    re.IGNORECASE,
)
_INFOBOX_LINE = re.compile(r"\s*-\s*([^:\n]{1,40}):")


def infobox_key(text: str) -> str | None:
    """The key of an infobox line (``- Starring: A, B`` -> ``starring``), else None."""
    m = _INFOBOX_LINE.match(text)
    return m.group(1).strip().lower() if m else None


# between a star word and the name it is about: only other names ("starring A, B and C",
# "A and B co-star"), each perhaps with a parenthesis ("A (TV's X, Y), B")
_PARENTHESIS = re.compile(r"\([^()]*\)")
_NAME_LIST = re.compile(r"(?:\s*(?:,|\band\b|&)?\s*(?:[A-Z][\w.'’-]*\s*)+)*[\s,]*(?:and\s*)?")


def _names_only(between: str) -> bool:
    return bool(_NAME_LIST.fullmatch(_PARENTHESIS.sub("", between)))


def calls_star(text: str, start: int, end: int) -> bool:
    """Whether ``text`` calls the person named at ``text[start:end]`` a star or lead: a
    star word with only names between it and the name ("starring A, B and C", "X
    co-stars"), not one about someone else in the same sentence."""
    for m in _STAR.finditer(text):
        if start <= m.start() < end:  # the span is "X stars as Y"
            return True
        if m.start() >= end and _names_only(text[end : m.start()]):
            return True
        if m.end() <= start and _names_only(text[m.end() : start]):
            return True
    return False


def star_sources(fact: Fact) -> tuple[list[Source], list[Source]]:
    """The sources that call a cast member a star or lead: prose sentences, and infobox
    ``Starring`` lines."""
    prose, box = [], []
    for src in fact.sources:
        held = src.passage
        text = held.text
        key = infobox_key(text)
        if key is not None:
            if key in ("starring", "stars", "starring roles", "leads"):
                box.append(src)
            continue
        start, end = src.start - held.start, src.end - held.start
        if 0 <= start <= end <= len(text) and calls_star(text, start, end):
            prose.append(src)
    return prose, box


BILLED = 4  # the names of an infobox "Starring" line the lead names: the top of the billing


def leads(cast: list[Fact]) -> list[tuple[Fact, list[Source]]]:
    """The cast members the sources name as the film's leads, in billing order, each with
    the sources that say so: everyone a sentence calls a star or a lead, and the first
    four of an infobox "Starring" line (its top billing). Nobody when no source says."""
    out = []
    billed = 0
    for fact in cast:
        prose, box = star_sources(fact)
        top = bool(box) and billed < BILLED
        billed += bool(box)
        if prose or top:
            out.append((fact, prose + (box if top else [])))
    return out
