"""A film's record as the store reads it, typed for every stage after the store.

:func:`backtrace.store.queries.film_record` gives a :class:`FilmRecord`; the exporters, the
web pages and the command line read its attributes. ``to_json()`` is the JSON edge: the
dict of ``show --json``, ``KnowledgeBase.film`` and ``/film/<id>.json``
(docs/json-shape.md), its keys in that order and an optional key only when it is set.
:func:`record_json` writes the same JSON text without making the dicts (an export of a
million films writes one a film); tests/store/test_records.py holds the two together.

Treat them as values: what changes one makes a new one with ``dataclasses.replace`` (as
the exporters do, widening sources to whole sentences). They are not frozen only because
a frozen dataclass is slower to make, and a film page makes a few hundred of them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from json.encoder import encode_basestring
from typing import Any

from backtrace.reception.records import Reception


@dataclass(slots=True)
class Sentence:
    """The sentence (or infobox line) that holds a span: ``text == document.text[start:end]``."""

    start: int
    end: int
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(slots=True)
class Source:
    """A span of a document that states a fact's value, and the sentence that holds it
    (read with ``sentences=True``)."""

    document: str
    path: str
    kind: str
    date: str | None
    start: int
    end: int
    text: str
    sentence: Sentence | None = None

    @property
    def passage(self) -> Sentence:
        """What a quote of the source shows: its sentence when known, else its span."""
        return self.sentence or Sentence(self.start, self.end, self.text)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "document": self.document,
            "path": self.path,
            "kind": self.kind,
            "date": self.date,
            "start": self.start,
            "end": self.end,
            "text": self.text,
        }
        if self.sentence is not None:
            out["sentence"] = self.sentence.to_json()
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Source:
        """A source from its JSON (a review's, which may leave out path, kind and date)."""
        held = data.get("sentence")
        return cls(
            data["document"],
            data.get("path", ""),
            data.get("kind", ""),
            data.get("date"),
            data["start"],
            data["end"],
            data["text"],
            Sentence(held["start"], held["end"], held["text"]) if held else None,
        )


@dataclass(slots=True)
class Override:
    """The curator's decision behind a fact: its id, why, and when (ISO)."""

    id: int
    reason: str
    created_at: str

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "reason": self.reason, "created_at": self.created_at}


@dataclass(slots=True)
class Fact:
    """One value of a film's property with its standing (``status``: agreed, conflict or
    overridden; ``believed``; ``reason``) and the sources that state it. A fact a curator
    decided has its ``override`` (its only provenance when no source states the value)."""

    value: Any
    qualifiers: dict[str, Any]
    status: str
    believed: bool
    confidence: float
    reason: str
    sources: list[Source]
    override: Override | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "value": self.value,
            "qualifiers": self.qualifiers,
            "status": self.status,
            "believed": self.believed,
            "confidence": self.confidence,
            "reason": self.reason,
            "sources": [s.to_json() for s in self.sources],
        }
        if self.override is not None:
            out["override"] = self.override.to_json()
        return out


@dataclass(slots=True)
class FilmRecord:
    """A film: its facts by property (in the order of ``model.PROPERTIES``; the year is a
    field of its own, and among the facts only when sources dispute it) and, when read
    with it, the critics' reception (:func:`backtrace.store.reviews.reception_record`)."""

    id: int
    title: str
    year: int | None
    facts: dict[str, list[Fact]]
    reception: Reception | None = None

    def believed(self, prop: str) -> list[Fact]:
        """The believed facts of ``prop``."""
        return [f for f in self.facts.get(prop, ()) if f.believed]

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "year": self.year,
            "facts": {p: [f.to_json() for f in fs] for p, fs in self.facts.items()},
        }
        if self.reception is not None:
            out["reception"] = self.reception.to_json()
        return out


# -- the JSON text of a record, written without its dicts ---------------------------------------
_dumps = json.JSONEncoder(ensure_ascii=False).encode  # json.dumps(value, ensure_ascii=False)
_INFINITY = float("inf")


def json_scalar(value: Any) -> str:
    """``json.dumps(value, ensure_ascii=False)``: strings, whole numbers and constants here,
    floats as ``json`` writes them, anything else through ``json``."""
    kind = type(value)
    if kind is str:
        return encode_basestring(value)
    if kind is int:
        return int.__repr__(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if kind is float and value == value and -_INFINITY < value < _INFINITY:
        return float.__repr__(value)
    if kind is dict and not value:
        return "{}"
    return _dumps(value)


def record_json(record: FilmRecord, reception: str | None = None) -> str:
    """``json.dumps(record.to_json(), ensure_ascii=False)``, byte for byte, written without
    making its dicts (what an export of every film writes a million times). ``reception``:
    the text of ``record.reception.to_json()`` when the caller has it (one text serves
    every film without reviews)."""
    documents: dict[tuple[str, str, str, str | None], str] = {}
    props = [f"{encode_basestring(prop)}: [{', '.join(_fact_json(f, documents) for f in facts)}]"
             for prop, facts in record.facts.items()]  # fmt: skip
    head = (f'{{"id": {json_scalar(record.id)}, "title": {json_scalar(record.title)}, '
            f'"year": {json_scalar(record.year)}, "facts": {{{", ".join(props)}}}')
    if record.reception is None:
        return head + "}"
    if reception is None:
        reception = _dumps(record.reception.to_json())
    return f'{head}, "reception": {reception}}}'


def _fact_json(fact: Fact, documents: dict[tuple[str, str, str, str | None], str]) -> str:
    """``Fact.to_json()`` as JSON text; ``documents``: the start of a source's text, by its
    document (most of a film's sources share one). The usual types are written here, the
    rest by ``json_scalar``."""
    sources = ", ".join([_source_json(s, documents) for s in fact.sources])
    value, quals, status, believed, confidence, reason = (
        fact.value, fact.qualifiers, fact.status, fact.believed, fact.confidence, fact.reason)
    text = (
        f'{{"value": {encode_basestring(value) if type(value) is str else json_scalar(value)}, '
        f'"qualifiers": {"{}" if type(quals) is dict and not quals else json_scalar(quals)}, '
        f'"status": {encode_basestring(status) if type(status) is str else json_scalar(status)}, '
        f'"believed": {"true" if believed is True else json_scalar(believed)}, "confidence": '
        f'{float.__repr__(confidence) if type(confidence) is float and confidence - confidence == 0 else json_scalar(confidence)}, '  # noqa: E501
        f'"reason": {encode_basestring(reason) if type(reason) is str else json_scalar(reason)}, '
        f'"sources": [{sources}]')
    if fact.override is None:
        return text + "}"
    return f'{text}, "override": {_dumps(fact.override.to_json())}}}'


def _source_json(source: Source, documents: dict[tuple[str, str, str, str | None], str]) -> str:
    key = (source.document, source.path, source.kind, source.date)
    head = documents.get(key)
    if head is None:
        head = documents[key] = (
            f'{{"document": {json_scalar(source.document)}, "path": {json_scalar(source.path)}, '
            f'"kind": {json_scalar(source.kind)}, "date": {json_scalar(source.date)}, ')
    start, end, quoted = source.start, source.end, source.text
    text = (f'{head}"start": {int.__repr__(start) if type(start) is int else json_scalar(start)}, '
            f'"end": {int.__repr__(end) if type(end) is int else json_scalar(end)}, '
            f'"text": {encode_basestring(quoted) if type(quoted) is str else json_scalar(quoted)}')
    if source.sentence is None:
        return text + "}"
    return f'{text}, "sentence": {_dumps(source.sentence.to_json())}}}'
