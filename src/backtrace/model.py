"""The core records of backtrace and the property vocabulary.

Data flows one way: ``read`` turns bytes into a :class:`Document`; ``extract`` turns a
Document into :class:`Claim` objects, each pointing at the :class:`Span` it came from;
``resolve`` links claims to entities and groups them into facts; ``store`` keeps them.

All offsets are character offsets into ``Document.text``; ``Span.text`` always equals
``document.text[span.start:span.end]``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Kind(StrEnum):
    """What sort of document a text is."""

    NEWS = "news"
    ENCYCLOPEDIA = "encyclopedia"
    REVIEW = "review"
    OTHER = "other"


class EntityType(StrEnum):
    FILM = "film"
    PERSON = "person"
    ORGANIZATION = "organization"
    PLACE = "place"
    SERIES = "series"  # a franchise or series of films ("the Escape Plan franchise")
    TV_SERIES = "tv_series"  # a television or web series ("Stranger Things")
    BOOK = "book"
    PLAY = "play"
    SONG = "song"


# The kinds of works a title can name; only FILM counts as a film (``films``, the ingest
# summary, the web home page). A claim's ``subject_type`` and an Extraction's ``work_type``
# take these values.
WORK_TYPES = frozenset({EntityType.FILM, EntityType.SERIES, EntityType.TV_SERIES,
                        EntityType.BOOK, EntityType.PLAY, EntityType.SONG})


@dataclass(frozen=True, slots=True)
class Property:
    """One film property: our name, its Wikidata id, and what kind of value it holds."""

    name: str
    wikidata: str
    value_type: str  # person | organization | place | date | money | duration | text | year
    single: bool = False  # a film has one true value (runtime, budget), not a list (cast)
    label: str = ""


_PROPS = [
    Property("director", "P57", "person", label="Directed by"),
    Property("screenwriter", "P58", "person", label="Written by"),
    Property("producer", "P162", "person", label="Produced by"),
    Property("executive_producer", "P1431", "person", label="Executive producer"),
    Property("cast_member", "P161", "person", label="Starring"),
    Property("narrator", "P2438", "person", label="Narrated by"),
    Property("composer", "P86", "person", label="Music by"),
    Property("director_of_photography", "P344", "person", label="Cinematography"),
    Property("film_editor", "P1040", "person", label="Edited by"),
    Property("production_company", "P272", "organization", label="Production companies"),
    Property("distributor", "P750", "organization", label="Distributed by"),
    Property("publication_date", "P577", "date", label="Release date"),
    Property("duration", "P2047", "duration", single=True, label="Running time"),
    Property("country_of_origin", "P495", "place", label="Country"),
    Property("original_language", "P364", "text", label="Language"),
    Property("genre", "P136", "text", label="Genre"),
    Property("cost", "P2130", "money", single=True, label="Budget"),
    Property("box_office", "P2142", "money", label="Box office"),
    # home video, DVD and streaming sales: money a film earned, never its box office (no
    # Wikidata property holds it, so QuickStatements leave it out)
    Property("home_media_sales", "", "money", label="Home media sales"),
    Property("filming_location", "P915", "place", label="Filming location"),
    Property("based_on", "P144", "text", label="Based on"),
    Property("announcement_date", "P6949", "date", single=True, label="Announced"),
    Property("year", "P577", "year", single=True, label="Year"),
]

PROPERTIES: dict[str, Property] = {p.name: p for p in _PROPS}
"""Every property backtrace knows, by name, in infobox order."""


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Section:
    """A titled part of a document (``==Cast==``); ``infobox`` is a section too."""

    title: str
    level: int
    start: int
    end: int


@dataclass(slots=True)
class Document:
    """One document: it owns its text; everything else points into it by offset."""

    id: str
    path: str
    kind: Kind
    text: str
    title: str | None = None
    title_explicit: bool = False  # the source names its subject (heading, field), not a guess
    date: str | None = None  # ISO date of writing, when known
    sections: list[Section] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    source_format: str = "text"
    meta: dict[str, Any] = field(default_factory=dict)
    # ids an earlier backtrace gave the same document (a hash of its bytes, not of its
    # meaning): a store written then still knows it (``ingest``)
    former_ids: tuple[str, ...] = ()

    def section_at(self, offset: int) -> Section | None:
        """The innermost section holding ``offset``."""
        best = None
        for s in self.sections:
            if s.start <= offset < s.end and (best is None or s.level >= best.level):
                best = s
        return best

    def sentence_at(self, offset: int) -> Sentence | None:
        for s in self.sentences:
            if s.start <= offset < s.end:
                return s
        return None


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of one document's text."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        """The span ``text[start:end]``, trimmed of surrounding white space."""
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return cls(start, end, text[start:end])


@dataclass(slots=True)
class Claim:
    """What ONE document says about one property of its subject, with where it says it.

    ``value`` is JSON-ready: a name (str) for people, organisations and places; an ISO
    date string; ``{"amount": int, "currency": str}`` for money; minutes (int) for a
    duration; an int for a year; a str otherwise.
    """

    property: str
    value: Any
    span: Span
    extractor: str
    qualifiers: dict[str, Any] = field(default_factory=dict)
    subject: str | None = None  # the film the claim is about; None = the document's film
    confidence: float = 0.9
    # what the text says of a ``subject`` named in passing: its year, and the kind of work it
    # is, one of WORK_TYPES ("tv_series" for "TV's Pretty Little Liars")
    subject_year: int | None = None
    subject_type: str | None = None

    def __post_init__(self) -> None:
        if self.property not in PROPERTIES:
            raise ValueError(f"unknown property {self.property!r}")


@dataclass(slots=True)
class Extraction:
    """What extraction gives back for one document."""

    claims: list[Claim] = field(default_factory=list)
    film_title: str | None = None  # the film the document is about, when it says so
    film_year: int | None = None
    work_type: str = "film"  # what the document's subject is: one of WORK_TYPES
    reviews: list[Review] = field(default_factory=list)  # critics' reviews the document holds


@dataclass(frozen=True, slots=True)
class Score:
    """A rating a review states ("3/5", "3 out of 4 stars", "B-"), normalised to 0-100."""

    text: str
    value: float
    scale: float  # 5, 4, 10, 100; 0 for a letter grade
    normalized: float
    span: Span


@dataclass(slots=True)
class Aspect:
    """What a review praises or faults (``aspect``: plot, performances, direction, camera,
    pacing, action, music, writing), with the clause's polarity and the sentence saying it."""

    aspect: str
    polarity: str  # positive | negative
    span: Span
    actors: list[str] = field(default_factory=list)  # names the sentence gives (performances)


@dataclass(slots=True)
class Review:
    """One critic's review of the document's film: the whole document (``source`` =
    "document") or a critic quoted inside it ("quote"). ``spans`` are the sentences that
    carry the verdict (for a quote: the attribution and what follows about the same critic).
    ``basis`` says what decided the polarity: "model" ("encoder" in the accurate mode),
    "lexicon" (the model found it mixed, the judging words take a side), "cue" (words of the
    attribution such as "praised", "negative review") or "score"."""

    source: str
    polarity: str  # positive | negative | mixed
    probability: float
    basis: str
    spans: list[Span]
    critic: str | None = None
    outlet: str | None = None
    date: str | None = None
    score: Score | None = None
    aspects: list[Aspect] = field(default_factory=list)
