"""Plain text (and text rendered from HTML or Markdown) to a :class:`Document`.

The text is kept exactly as given, so every offset points into it. This module puts the
parts together: the markup (title, sections, infobox), the header (date, byline), the kind,
and the sentences.
"""

from __future__ import annotations

import re
from typing import Any

from backtrace.model import Document, Kind, Sentence
from backtrace.read.header import Header, read_header
from backtrace.read.kind import detect_kind
from backtrace.read.markup import parse_structure, split_disambiguation
from backtrace.read.sentences import split_sentences

_NAMING_KINDS = frozenset({Kind.ENCYCLOPEDIA, Kind.OTHER})


def build_document(
    text: str,
    *,
    doc_id: str,
    path: str,
    fmt: str = "text",
    kind: Kind | None = None,
    title: str | None = None,
    fallback_title: str | None = None,
    date: str | None = None,
    date_source: str = "metadata",
    meta: dict[str, Any] | None = None,
    kind_text: str | None = None,
    former_ids: tuple[str, ...] = (),
) -> Document:
    """Make a Document of ``text``.

    ``title`` is a title the source states outside the text (a JSONL field); ``fallback_title``
    a weaker one (an HTML ``<title>``), used only when nothing better is found and never
    explicit. ``kind_text`` is the part of the text that says what kind of document it is
    (a JSONL record's prose, without its fields). ``date`` is a date known from metadata
    (``date_source`` says where from); a date written at the head of the text is used when
    it is None.
    """
    structure = parse_structure(text)
    header = read_header(text)
    info: dict[str, Any] = {}
    _add_header(info, header)
    if date is None and header.date is not None:
        date, date_source = header.date, "text"
    if date is not None:
        info["date_source"] = date_source
    disambiguation = structure.disambiguation
    if title is not None:
        title, disambiguation = split_disambiguation(title)
    if disambiguation:
        info["disambiguation"] = disambiguation
    info.update(meta or {})
    stated = title if title is not None else structure.title
    if kind is None:
        kind = detect_kind(kind_text or text, stated or fallback_title, fmt, info)
    explicit = stated is not None and kind in _NAMING_KINDS
    if stated is not None and not explicit:
        info["headline"] = stated
    return Document(
        id=doc_id,
        path=path,
        kind=kind,
        text=text,
        title=stated if stated is not None else fallback_title,
        title_explicit=explicit,
        date=date,
        sections=structure.sections,
        sentences=document_sentences(text, header, title=stated),
        source_format=fmt,
        meta=info,
        former_ids=tuple(i for i in former_ids if i != doc_id),
    )


def document_sentences(text: str, header: Header | None = None, *,
                       title: str | None = None) -> list[Sentence]:
    """The sentences of ``text``, with a leading date and a byline kept apart from the body,
    and the document's own ``title`` never cut in two where the text writes it ("Big Girls
    Don't Cry… They Get Even is a 1992 film": one sentence)."""
    header = header if header is not None else read_header(text)
    sentences: list[Sentence] = []
    start = 0
    for cut in [*sorted(header.cuts), len(text)]:
        if cut > start:
            sentences.extend(split_sentences(text, start, cut))
            start = cut
    if title and _SENTENCE_END.search(title.rstrip(".!?…")):
        sentences = _titles_whole(sentences, text, title)
    return sentences


_SENTENCE_END = re.compile(r"[.!?…]\s")
_TITLES_JOINED = 50  # occurrences of the title looked at: a bound for long texts


def _titles_whole(sentences: list[Sentence], text: str, title: str) -> list[Sentence]:
    """``sentences`` with each pair joined whose boundary falls inside an occurrence of
    ``title`` in ``text``."""
    inside: list[tuple[int, int]] = []
    at = text.find(title)
    while at >= 0 and len(inside) < _TITLES_JOINED:
        inside.append((at, at + len(title)))
        at = text.find(title, at + len(title))
    joined: list[Sentence] = []
    for sentence in sentences:
        if joined and any(a < sentence.start < b for a, b in inside):
            joined[-1] = Sentence(joined[-1].start, sentence.end)
        else:
            joined.append(sentence)
    return joined


def _add_header(info: dict[str, Any], header: Header) -> None:
    if header.byline is not None:
        info["byline"] = header.byline
        info["critic"] = header.critic
        if header.outlet is not None:
            info["outlet"] = header.outlet
