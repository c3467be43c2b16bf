"""The typed records of an answered question, from the store's rows to the JSON shape.

A ``Result`` holds what the question was read as (``Interpretation``) and its
``Answer``s, each with the ``Entity`` it names and the ``Source``s that state it. They are
built where the store's rows are read; ``to_json()`` gives the documented shape, the
only place a dict is made:

    {"question", "interpretation": {"kind", "form", "property", "entity", ...},
     "answers": [{"value", "text", "entity", "film", "property", "sources": [{"document",
     "path", "kind", "start", "end", "text", "span"}], "status", "believed", ...}], "note"}
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from backtrace.model import EntityType

# entities shown by title and year (a film, a series, a book, ...); others by name
TITLED = frozenset({EntityType.FILM, EntityType.TV_SERIES, EntityType.SERIES,
                    EntityType.BOOK, EntityType.PLAY, EntityType.SONG})
# a value as the store holds it: text, a number, or a mapping (an amount, a date)
Value = str | int | float | Mapping[str, Any] | list[Any] | None
Qualifiers = Mapping[str, Any]  # the store's qualifiers of a fact (JSON object)
Filters = Mapping[str, int | str]  # the question's narrowing: year, decade, genre, ...
# where an answer's "qualifiers" sits among its JSON keys: after "property" (a person's
# credit, a review), after "sources" (a film based on an author's work), after
# "believed" (a stored fact), or last (the author of a film's source work)
Layout = Literal["property", "sources", "believed", "last"]


@dataclass(frozen=True, slots=True)
class Entity:
    """A film, person or work an answer or a question names."""

    type: str
    id: int | None
    name: str  # a film's or work's title
    year: int | None = None

    @property
    def titled(self) -> bool:
        return self.type in TITLED

    @property
    def label(self) -> str:
        """"Cinder Road (2021)" for a film, the name for a person."""
        if self.titled and self.year:
            return f"{self.name} ({self.year})"
        return self.name

    def to_json(self) -> dict[str, Any]:
        if self.titled:
            return {"type": self.type, "id": self.id, "title": self.name, "year": self.year}
        return {"type": self.type, "id": self.id, "name": self.name}


def film_ref(film_id: int, title: str, year: int | None) -> Entity:
    return Entity(EntityType.FILM, film_id, title, year or None)


def entity_json(entity: Entity | None) -> dict[str, Any] | None:
    return entity.to_json() if entity is not None else None


@dataclass(frozen=True, slots=True)
class Span:
    """A claim's own words and their offsets in the document."""

    start: int
    end: int
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class Source:
    """The sentence (or infobox line, record field) of a document that states an answer:
    ``start`` and ``end`` its offsets, ``span`` the claim's words within it."""

    document: str
    path: str
    kind: str
    start: int
    end: int
    text: str
    span: Span
    extractor: str | None = None  # the reader of the claim (none for a review's quote)

    @property
    def key(self) -> tuple[str, int, int]:
        """One quote per sentence: the same sentence read twice is one source."""
        return (self.document, self.start, self.end)

    def to_json(self) -> dict[str, Any]:
        out = {"document": self.document, "path": self.path, "kind": self.kind,
               "start": self.start, "end": self.end, "text": self.text,
               "span": self.span.to_json()}
        if self.extractor is not None:
            out["extractor"] = self.extractor
        return out


def unique_sources(sources: list[Source] | tuple[Source, ...]) -> tuple[Source, ...]:
    """Every sentence once, in order (the first reading of it kept)."""
    seen: dict[tuple[str, int, int], Source] = {}
    for s in sources:
        seen.setdefault(s.key, s)
    return tuple(seen.values())


@dataclass(frozen=True, slots=True)
class Answer:
    """One answer: its value, as text, the entity it is (a person, a film; None for an
    author the store does not hold), the film it is about, and its sources."""

    value: Value
    text: str
    entity: Entity | None
    film: Entity
    property: str
    sources: tuple[Source, ...]
    status: str = "agreed"
    believed: bool = True
    qualifiers: Qualifiers | None = None  # None: no "qualifiers" key
    disputed: bool = False  # sources disagree (then ``reason`` says why one is believed)
    reason: str | None = None
    layout: Layout = "believed"

    def qualifier(self, name: str) -> Any:
        return (self.qualifiers or {}).get(name)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"value": self.value, "text": self.text,
                               "entity": entity_json(self.entity),
                               "film": self.film.to_json(), "property": self.property}
        quals = dict(self.qualifiers) if self.qualifiers is not None else None
        if self.layout == "property" and quals is not None:
            out["qualifiers"] = quals
        out["sources"] = [s.to_json() for s in self.sources]
        if self.layout == "sources" and quals is not None:
            out["qualifiers"] = quals
        out["status"] = self.status
        out["believed"] = self.believed
        if self.layout == "believed" and quals is not None:
            out["qualifiers"] = quals
        if self.disputed:
            out["disputed"] = True
            out["reason"] = self.reason
        if self.layout == "last" and quals is not None:
            out["qualifiers"] = quals
        return out


@dataclass(frozen=True, slots=True)
class Interpretation:
    """What the question was read as: its kind and form, the property (or role) asked,
    the entity its main slot names (``asked`` the words, ``matched`` how they were found;
    ``asked`` None: the form has no such slot), the film a person question names, the
    character, the critic, and the filters. ``kind`` None: not read as a question."""

    kind: str | None = None
    form: str = ""
    property: str = ""
    role: str | None = None  # the role of a person's films
    entity: Entity | None = None
    asked: str | None = None
    matched: str = ""
    candidates: tuple[Entity, ...] = ()  # the entities the main slot fits, when several
    film: Entity | None = None
    film_named: bool = False  # whether a person question names a film (``film`` then)
    character: str | None = None
    filters: Filters | None = None
    critic: str | None = None

    def to_json(self) -> dict[str, Any]:
        if self.kind is None:
            return {"kind": None}
        out: dict[str, Any] = {"kind": self.kind, "form": self.form,
                               "property": self.property}
        if self.role is not None:
            out["role"] = self.role
        if self.asked is not None:
            out["entity"] = entity_json(self.entity)
            out["asked"] = self.asked
            out["matched"] = self.matched
            if self.candidates:
                out["candidates"] = [e.to_json() for e in self.candidates]
        if self.film_named:
            out["film"] = entity_json(self.film)
        if self.character is not None:
            out["character"] = self.character
        out["filters"] = dict(self.filters or {})
        if self.critic is not None:
            out["critic"] = self.critic
        return out


@dataclass(frozen=True, slots=True)
class Result:
    """A question, what it was read as, its answers (best first) and a note (why there is
    no answer, or what the reader should know)."""

    question: str
    interpretation: Interpretation
    answers: tuple[Answer, ...] = ()
    note: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"question": self.question, "interpretation": self.interpretation.to_json(),
                "answers": [a.to_json() for a in self.answers], "note": self.note}
