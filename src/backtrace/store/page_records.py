"""The records of a person's page, a document's page and the conflicts, as the store reads
them, typed for every stage after the store (as :mod:`backtrace.store.records` types a film).

:func:`backtrace.store.pages.person_record` gives a :class:`PersonRecord`,
:func:`~backtrace.store.pages.document_record` a :class:`DocumentRecord`,
:func:`~backtrace.store.pages.recent_documents` :class:`DocumentSummary` s and
:func:`backtrace.store.queries.conflicts` :class:`ConflictRecord` s; the web pages, the
command line and the API read their attributes. ``to_json()`` is the JSON edge: the dicts of
``person --json``, ``KnowledgeBase.person``, ``/person/<id>.json``, ``/document/<id>.json``,
``conflicts --json``, ``KnowledgeBase.conflicts`` and ``/conflicts.json``, their keys in
that order.

They are frozen but for a :class:`Credit`, whose sources and description grow while a
person's credits of one film and role are folded into one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from backtrace.reception.records import ReviewRecord
from backtrace.store.records import Fact, Sentence


@dataclass(frozen=True, slots=True)
class EntityRow:
    """An entity as a page first looks it up: what it is (``type``), its name and year."""

    id: int
    type: str
    name: str
    year: int | None


@dataclass(frozen=True, slots=True)
class WorkRef:
    """The film a document, claim or disputed property is about, or the work (``type``:
    "film", "tv_series", "book", ...; set on a person's credits only) a credit is on."""

    id: int
    title: str
    year: int | None
    type: str | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "title": self.title, "year": self.year}
        if self.type is not None:
            out["type"] = self.type
        return out


def _ref_json(ref: WorkRef | None) -> dict[str, Any] | None:
    return ref.to_json() if ref is not None else None


@dataclass(frozen=True, slots=True)
class CreditSource:
    """Where a credit is written: the span that names the person, and its sentence."""

    document: str
    path: str
    kind: str
    start: int
    end: int
    text: str
    sentence: Sentence

    @property
    def passage(self) -> Sentence:
        """What a quote of the source shows, as for a fact's source: its sentence."""
        return self.sentence

    def to_json(self) -> dict[str, Any]:
        return {
            "document": self.document,
            "path": self.path,
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "sentence": self.sentence.to_json(),
        }


@dataclass(slots=True)
class Credit:
    """One entry of a filmography: the work (None for a title several works fit, then
    named by ``unlinked_mention``), the property and its ``role`` label, the character and
    description, the value as written, and every source that states it."""

    film: WorkRef | None
    unlinked_mention: str | None
    property: str
    role: str
    character: str | None
    description: str | None
    value: Any
    sources: list[CreditSource]

    def to_json(self) -> dict[str, Any]:
        return {
            "film": _ref_json(self.film),
            "unlinked_mention": self.unlinked_mention,
            "property": self.property,
            "role": self.role,
            "character": self.character,
            "description": self.description,
            "value": self.value,
            "sources": [s.to_json() for s in self.sources],
        }


@dataclass(frozen=True, slots=True)
class LinkedName:
    """A name first stored as another person's, the rule that linked it (``rule``, and
    ``reason`` in words: ``resolve.identity.RULES``) and up to three places it was read."""

    alias: str
    rule: str
    reason: str
    sources: list[CreditSource]

    def to_json(self) -> dict[str, Any]:
        return {
            "alias": self.alias,
            "rule": self.rule,
            "reason": self.reason,
            "sources": [s.to_json() for s in self.sources],
        }


@dataclass(frozen=True, slots=True)
class WorkCredits:
    """A person's credits on one work, as a filmography row: every role held on it ("Directed
    by", "Produced by"), every part played (character, description) and each source once."""

    film: WorkRef | None
    unlinked_mention: str | None
    roles: list[str]
    parts: list[tuple[str | None, str | None]]
    sources: list[CreditSource]

    def when(self) -> tuple[bool, int, str]:
        """The row's place in a filmography: by year, undated last, then by title."""
        year = self.film.year if self.film else None
        title = self.film.title if self.film else self.unlinked_mention or ""
        return (year is None, year or 0, title.casefold())


@dataclass(frozen=True, slots=True)
class WrittenReview:
    """A review the person wrote, as their page lists it: the film it is of (None: its
    document is linked to no film yet) and the review, its quoted spans anchored in its
    document."""

    film: WorkRef | None
    review: ReviewRecord

    def to_json(self) -> dict[str, Any]:
        return {"film": _ref_json(self.film), **self.review.to_json()}


@dataclass(frozen=True, slots=True)
class PersonRecord:
    """A person (or organisation, place): the other names, those linked by a rule, the
    filmography, one :class:`Credit` per work and role, and the reviews they wrote as a
    critic (newest film first)."""

    id: int
    type: str
    name: str
    year: int | None
    aliases: list[str]
    linked_names: list[LinkedName]
    filmography: list[Credit]
    reviews_written: list[WrittenReview] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "name": self.name,
            "year": self.year,
            "aliases": list(self.aliases),
            "linked_names": [n.to_json() for n in self.linked_names],
            "filmography": [c.to_json() for c in self.filmography],
            "reviews_written": [r.to_json() for r in self.reviews_written],
        }

    def by_work(self) -> list[WorkCredits]:
        """The filmography one row per work, by year (undated last)."""
        rows: dict[tuple[int | None, str | None], WorkCredits] = {}
        for c in self.filmography:
            key = (c.film.id if c.film else None, c.unlinked_mention)
            row = rows.setdefault(key, WorkCredits(c.film, c.unlinked_mention, [], [], []))
            if c.role not in row.roles:
                row.roles.append(c.role)
            if c.character or c.description:
                row.parts.append((c.character, c.description))
            seen = {(s.document, s.start, s.end) for s in row.sources}
            for s in c.sources:
                if (s.document, s.start, s.end) not in seen:
                    seen.add((s.document, s.start, s.end))
                    row.sources.append(s)
        return sorted(rows.values(), key=WorkCredits.when)


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    """A stored document as lists show it: where it was read, its order of ingest (``seq``)
    and the film it is linked to."""

    id: str
    path: str
    kind: str
    title: str | None
    date: str | None
    seq: int
    film: WorkRef | None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "path": self.path,
            "kind": self.kind,
            "title": self.title,
            "date": self.date,
            "seq": self.seq,
            "film": _ref_json(self.film),
        }


@dataclass(frozen=True, slots=True)
class DocumentClaim:
    """A claim made from a document: what it says of which film, the entity its value
    names, who extracted it, and the span it was read from."""

    id: int
    property: str
    value: Any
    qualifiers: dict[str, Any] | None
    film: WorkRef | None
    value_entity_id: int | None
    extractor: str
    confidence: float
    start: int
    end: int
    text: str

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "property": self.property,
            "value": self.value,
            "qualifiers": self.qualifiers,
            "film": _ref_json(self.film),
            "value_entity_id": self.value_entity_id,
            "extractor": self.extractor,
            "confidence": self.confidence,
            "start": self.start,
            "end": self.end,
            "text": self.text,
        }


@dataclass(frozen=True, slots=True)
class DocumentRecord(DocumentSummary):
    """A document with its text, every claim made from it (by span) and the reviews read
    from it."""

    text: str
    claims: list[DocumentClaim]
    reviews: list[ReviewRecord]

    def to_json(self) -> dict[str, Any]:
        return {
            **DocumentSummary.to_json(self),
            "text": self.text,
            "claims": [c.to_json() for c in self.claims],
            "reviews": [r.to_json() for r in self.reviews],
        }


@dataclass(frozen=True, slots=True)
class ConflictRecord:
    """A property of a film whose sources disagree (``status`` "conflict"), or did until a
    curator decided ("overridden"): the values believed, and the disputed facts (as in a
    :class:`~backtrace.store.records.FilmRecord`, sources with their sentence)."""

    film: WorkRef
    property: str
    status: str
    believed: list[Any]
    values: list[Fact]

    def to_json(self) -> dict[str, Any]:
        return {
            "film": self.film.to_json(),
            "property": self.property,
            "status": self.status,
            "believed": list(self.believed),
            "values": [f.to_json() for f in self.values],
        }
