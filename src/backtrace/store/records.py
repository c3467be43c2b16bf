"""A film's record as the store reads it, typed for every stage after the store.

:func:`backtrace.store.queries.film_record` gives a :class:`FilmRecord`; the exporters, the
web pages and the command line read its attributes. ``to_json()`` is the JSON edge: the
dict of ``show --json``, ``KnowledgeBase.film`` and ``/film/<id>.json``
(docs/json-shape.md), its keys in that order and an optional key only when it is set.

Treat them as values: what changes one makes a new one with ``dataclasses.replace`` (as
the exporters do, widening sources to whole sentences). They are not frozen only because
a frozen dataclass is slower to make, and a film page makes a few hundred of them.
"""

from __future__ import annotations

from dataclasses import dataclass
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
