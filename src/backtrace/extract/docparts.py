"""Read-only views of the parts of a Document the extractors use: titled sections, their
lines and list items, the infobox's ``Key: Value`` entries and prose sentences."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from backtrace.model import Document, Section, Sentence

_BULLET = re.compile(r"[ \t]*[-*•][ \t]+")
_HEADING = re.compile(r"\s*=+[^=\n]*=+\s*$")
_DISAMBIGUATION = re.compile(r"\s*\((?:[^()]*\b)?(?:film|movie)\)\s*$", re.IGNORECASE)


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
    """Whether ``offset`` lies in a section titled one of ``titles``."""
    wanted = {section_key(t) for t in titles}
    return any(s.start <= offset < s.end and section_key(s.title) in wanted
               for s in doc.sections)


def sentence_text(doc: Document, sentence: Sentence) -> str:
    return doc.text[sentence.start:sentence.end]


def strip_disambiguation(title: str) -> tuple[str, int | None]:
    """"Backtrace (2018 film)" -> ("Backtrace", 2018); "Heat" -> ("Heat", None)."""
    m = _DISAMBIGUATION.search(title)
    if not m:
        return title.strip(), None
    year = re.search(r"\b(1[89]\d\d|20\d\d)\b", m.group(0))
    return title[:m.start()].strip(), int(year.group(1)) if year else None


_POSSESSOR = re.compile(r"^.{2,60}?(?:['’]s|\bPresents:?)\s+(?=\S)")


def title_key(title: str) -> str:
    """A title for comparison: no disambiguation, accents, punctuation or leading article;
    "&" read as "and"; one space; any case."""
    bare, _ = strip_disambiguation(title)
    bare = re.sub(r"\[[^\]]*\]", " ", bare).replace("&", " and ").replace("+", " and ")
    bare = "".join(c for c in unicodedata.normalize("NFKD", bare) if not unicodedata.combining(c))
    bare = re.sub(r"[^\w\s]|_", "", bare.replace("-", " ").replace("–", " ")).casefold()
    words = bare.split()
    if len(words) > 1 and words[0] in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words)


def same_title(a: str | None, b: str | None) -> bool:
    """Whether two titles name the same film, ignoring case, punctuation, accents and
    disambiguation; "Rudyard Kipling's The Jungle Book" is "The Jungle Book"."""
    if a is None or b is None:
        return False
    ka, kb = title_key(a), title_key(b)
    if ka == kb:
        return bool(ka)
    for longer, other in ((a, kb), (b, ka)):
        m = _POSSESSOR.match(longer)
        if m and title_key(longer[m.end():]) == other:
            return True
    return False


_NUMBERISH = re.compile(r"\b(?:\d+|[ivxlc]+)\b")


def similar_title(a: str | None, b: str | None) -> bool:
    """:func:`same_title`, or spellings a letter or two apart ("Aan Dhevathai" / "Aan
    Devathai") with the same numbers (so "Part II" is never "Part III")."""
    if same_title(a, b):
        return True
    if a is None or b is None:
        return False
    ka, kb = title_key(a), title_key(b)
    if _NUMBERISH.findall(ka) != _NUMBERISH.findall(kb) or min(len(ka), len(kb)) < 6:
        return False
    return difflib.SequenceMatcher(None, ka, kb).ratio() >= 0.9
