"""Read-only views of the parts of a Document the extractors use: titled sections, their
lines and list items, the infobox's ``Key: Value`` entries and prose sentences."""

from __future__ import annotations

import bisect
import re
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

from backtrace.keys import same_title, similar_title, strip_disambiguation
from backtrace.model import Document, Section

__all__ = ["same_title", "similar_title", "strip_disambiguation"]  # read by extract

T = TypeVar("T")
_MEMO = threading.local()


@contextmanager
def reading(doc: Document) -> Iterator[None]:
    """While one document is extracted: what several components compute from it alone
    (its prose sentences, its lead sentences) is computed once and handed out again.
    Nothing outlives the block, and other documents are never served from it."""
    outer = getattr(_MEMO, "entry", None)
    _MEMO.entry = (doc, {})
    try:
        yield
    finally:
        _MEMO.entry = outer


def memoized(doc: Document, key: str, compute: Callable[[], T]) -> T:
    """``compute()``, kept under ``key`` while :func:`reading` ``doc`` (else not kept)."""
    entry: tuple[Document, dict[str, Any]] | None = getattr(_MEMO, "entry", None)
    if entry is None or entry[0] is not doc:
        return compute()
    store = entry[1]
    if key not in store:
        store[key] = compute()
    return store[key]  # type: ignore[no-any-return]


_BULLET = re.compile(r"[ \t]*[-*•][ \t]+")
_HEADING = re.compile(r"\s*=+[^=\n]*=+\s*$")


def section_key(title: str) -> str:
    """A section title for comparison: no "=" marks, one space, lower case."""
    return " ".join(title.strip().strip("=").split()).lower()


def sections_titled(doc: Document, titles: Iterable[str]) -> list[Section]:
    """The sections whose title is one of ``titles`` (case-insensitive), in order."""
    wanted = {section_key(t) for t in titles}
    return sorted((s for s in doc.sections if section_key(s.title) in wanted),
                  key=lambda s: s.start)


def lines(doc: Document, start: int, end: int) -> Iterator[tuple[int, int]]:
    """(start, end) of each line of ``doc.text[start:end]``, without the line break."""
    pos = start
    while pos < end:
        stop = doc.text.find("\n", pos, end)
        if stop == -1:
            stop = end
        yield pos, stop
        pos = stop + 1


def is_heading(text: str) -> bool:
    return bool(_HEADING.fullmatch(text))


def list_items(doc: Document, section: Section) -> Iterator[tuple[int, int]]:
    """(start, end) of the text of each ``- item`` line of ``section`` (after the bullet)."""
    for start, end in lines(doc, section.start, section.end):
        m = _BULLET.match(doc.text, start, end)
        if m and m.end() < end:
            yield m.end(), end


def bare_lines(doc: Document, section: Section, *, longest: int = 100) -> Iterator[tuple[int, int]]:
    """(start, end) of each short line of ``section`` that is not its heading, a list item
    or blank (a cast list written one name a line), without its surrounding spaces."""
    for start, end in lines(doc, section.start, section.end):
        line = doc.text[start:end]
        stripped = line.strip()
        if (not stripped or len(stripped) > longest or start == section.start
                or _BULLET.match(line) or _HEADING.match(line)):
            continue
        lead = len(line) - len(line.lstrip())
        yield start + lead, start + lead + len(stripped)


@dataclass(frozen=True, slots=True)
class InfoboxEntry:
    """One ``- Key: Value`` line: the key as written, and where the value is."""

    key: str
    key_start: int
    value_start: int
    value_end: int


def infobox_entries(doc: Document) -> list[InfoboxEntry]:
    """Every ``Key: Value`` line of the document's Infobox section(s)."""
    entries: list[InfoboxEntry] = []
    seen: set[int] = set()
    for section in sections_titled(doc, ["Infobox"]):
        for start, end in lines(doc, section.start, section.end):
            if start in seen:
                continue
            seen.add(start)
            m = _BULLET.match(doc.text, start, end)
            body = m.end() if m else start
            colon = doc.text.find(":", body, end)
            if colon <= body or colon - body > 60:
                continue
            value_start = colon + 1
            while value_start < end and doc.text[value_start].isspace():
                value_start += 1
            value_end = end
            while value_end > value_start and doc.text[value_end - 1].isspace():
                value_end -= 1
            if value_end > value_start:
                key = doc.text[body:colon].strip()
                entries.append(InfoboxEntry(key, body, value_start, value_end))
    return entries


def in_sections(doc: Document, offset: int, titles: Iterable[str]) -> bool:
    """Whether ``offset`` lies in a section titled one of ``titles`` (a scan of every
    section: for many offsets of one document, use a :class:`SectionIndex`)."""
    wanted = {section_key(t) for t in titles}
    return any(s.start <= offset < s.end and section_key(s.title) in wanted
               for s in doc.sections)


class SectionIndex:
    """:func:`in_sections` for many offsets of one document, by bisection: for each set of
    titles asked about, the union of those sections as sorted, disjoint stretches."""

    def __init__(self, doc: Document) -> None:
        self._sections = [(section_key(s.title), s.start, s.end) for s in doc.sections
                          if s.start < s.end]
        self._unions: dict[tuple[str, ...], tuple[list[int], list[int]]] = {}

    def _union(self, titles: tuple[str, ...]) -> tuple[list[int], list[int]]:
        wanted = {section_key(t) for t in titles}
        starts: list[int] = []
        ends: list[int] = []
        for start, end in sorted((s, e) for key, s, e in self._sections if key in wanted):
            if ends and start <= ends[-1]:
                ends[-1] = max(ends[-1], end)
            else:
                starts.append(start)
                ends.append(end)
        return starts, ends

    def within(self, offset: int, titles: Iterable[str]) -> bool:
        """Whether ``offset`` lies in a section titled one of ``titles``."""
        key = tuple(titles)
        union = self._unions.get(key)
        if union is None:
            union = self._unions[key] = self._union(key)
        starts, ends = union
        i = bisect.bisect_right(starts, offset) - 1
        return i >= 0 and offset < ends[i]


class LastBefore:
    """``text.rfind(sub, 0, pos)`` for positions asked in increasing order, in one pass
    over the text (each ``rfind`` from 0 would read the text again: quadratic)."""

    def __init__(self, text: str, sub: str) -> None:
        self.text, self.sub = text, sub
        self.last = -1  # the last occurrence found so far
        self.scanned = 0  # occurrences starting before this are all known
        self.pos = 0

    def __call__(self, pos: int) -> int:
        if pos < self.pos:  # asked out of order: the plain search
            return self.text.rfind(self.sub, 0, pos)
        while (i := self.text.find(self.sub, self.scanned, pos)) != -1:
            self.last, self.scanned = i, i + 1
        self.scanned = max(self.scanned, pos - len(self.sub) + 1)
        self.pos = pos
        return self.last


class SpanSet:
    """Stretches of a text, ``(start, end)``, asked whether any covers or overlaps a given
    stretch, by bisection (a scan of every stretch per question is quadratic)."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [s for s, _ in ordered]
        self._reach: list[int] = []  # the furthest end among the first i + 1 stretches
        for _, e in ordered:
            self._reach.append(max(e, self._reach[-1]) if self._reach else e)

    def covers(self, start: int, end: int) -> bool:
        """Whether one stretch holds all of ``start``..``end``."""
        i = bisect.bisect_right(self._starts, start)
        return i > 0 and self._reach[i - 1] >= end

    def overlaps(self, start: int, end: int) -> bool:
        """Whether a stretch shares a character with ``start``..``end`` (``s < end`` and
        ``start < e``)."""
        i = bisect.bisect_left(self._starts, end)
        return i > 0 and self._reach[i - 1] > start
