"""A tiny stand-in for the ``read`` stage: builds Documents from text in the seeds' format
(``= Title =``; ``==Heading==`` sections of level 1, ``===Sub===`` level 2; a level-1
``Infobox`` section over the ``- Key: Value`` block; naive sentences)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from backtrace.model import Document, Kind, Section, Sentence

SEEDS = Path(__file__).parents[2] / ".." / "shared" / "seeds"

_TITLE = re.compile(r"=\s*(.+?)\s*=")
_HEADING = re.compile(r"(={2,6})\s*(.+?)\s*\1\s*")
_INFOBOX_LINE = re.compile(r"- [^:\n]{1,60}: ")
_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
_NO_SPLIT_AFTER = re.compile(r"(?:\b[A-Z]|\bDr|\bMr|\bMrs|\bMs|\bSt|\bDet|\bJr|\bBros|\bInc)\.$")


def _lines(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _sentences(text: str, start: int, end: int) -> list[Sentence]:
    found: list[Sentence] = []
    pos = start
    for m in _SPLIT.finditer(text, start, end):
        if _NO_SPLIT_AFTER.search(text, pos, m.start()):
            continue
        found.append(Sentence(pos, m.start()))
        pos = m.end()
    if pos < end:
        found.append(Sentence(pos, end))
    return found


def build_document(text: str, *, kind: Kind = Kind.ENCYCLOPEDIA, doc_id: str = "test",
                   date: str | None = None, title: str | None = None) -> Document:
    """A Document for ``text`` as the reader would make it (near enough for these tests)."""
    lines = _lines(text)
    doc_title, explicit = title, title is not None
    headings: list[tuple[int, str, int]] = []  # (level, title, line start)
    sentences: list[Sentence] = []
    infobox: list[tuple[int, int]] = []
    for start, end in lines:
        line = text[start:end]
        if not line.strip():
            continue
        if m := _HEADING.fullmatch(line):
            headings.append((len(m.group(1)) - 1, m.group(2), start))  # "==H==" is level 1
            continue
        if (m := _TITLE.fullmatch(line)) and doc_title is None and not headings:
            doc_title, explicit = m.group(1), True
            continue
        if line.startswith("- "):
            if not headings and _INFOBOX_LINE.match(line):
                infobox.append((start, end))
            sentences.append(Sentence(start, end))
            continue
        sentences.extend(_sentences(text, start, end))
    sections: list[Section] = []
    if infobox:
        sections.append(Section("Infobox", 1, infobox[0][0], infobox[-1][1]))
    for i, (level, name, start) in enumerate(headings):
        end = next((s for lv, _, s in headings[i + 1:] if lv <= level), len(text))
        sections.append(Section(name, level, start, end))
    return Document(id=doc_id, path=f"{doc_id}.txt", kind=kind, text=text, title=doc_title,
                    title_explicit=explicit, date=date, sections=sections, sentences=sentences)


@pytest.fixture
def make_doc() -> Callable[..., Document]:
    return build_document
