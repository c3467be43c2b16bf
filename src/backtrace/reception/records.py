"""A film's critical reception as the store reads it back, typed for every later stage.

:func:`backtrace.store.reviews.reception_record` gives a :class:`Reception` (its reviews
as :func:`backtrace.reception.aggregate.aggregate` leaves them, and the
:class:`Aggregate`); ``film_reviews``, ``document_reviews`` and ``unlinked_reviews`` give
:class:`ReviewRecord` s. The exporters, the pages, the command line and the answers read
their attributes. ``to_json()`` is the JSON edge: the dicts of ``reviews --json``,
``KnowledgeBase.reviews``, a film's ``reception`` and a document's ``reviews``
(docs/json-shape.md), their keys in that order.

They are not frozen because the aggregate fills in a review's count (``n``, ``counted``,
``same_as``) and matches its performance aspects' actors to the cast, on copies.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from backtrace.model import Span
from backtrace.reception.approval import Estimate


@dataclass(slots=True)
class ReviewAspect:
    """What a review praises or faults (``polarity``), the names its sentence gives
    (``mentioned``) and, for performances, those names matched to the cast (``actors``),
    with the sentence's offsets and text."""

    aspect: str
    polarity: str
    mentioned: list[str]
    actors: list[str]
    start: int
    end: int
    text: str

    def to_json(self) -> dict[str, Any]:
        return {
            "aspect": self.aspect,
            "polarity": self.polarity,
            "mentioned": self.mentioned,
            "actors": self.actors,
            "start": self.start,
            "end": self.end,
            "text": self.text,
        }


@dataclass(slots=True)
class ReviewScore:
    """A score the review states (``text`` as written, ``value`` on its ``scale``,
    ``normalized`` to 0-100) and where it is written (None for a score without a span)."""

    text: str
    value: float
    scale: float
    normalized: float
    start: int | None
    end: int | None

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "value": self.value,
            "scale": self.scale,
            "normalized": self.normalized,
            "start": self.start,
            "end": self.end,
        }


@dataclass(slots=True)
class ReviewRecord:
    """One stored review: where it was read (``document``, ``path``, ``kind``), who wrote it,
    its polarity (with ``probability`` and ``basis``), its score, the spans it quotes
    (``quote`` is their text joined), its aspects, and how its document was placed
    (``link``, the ``film_link`` of the document's meta, or None), and the person of the
    store who wrote it (``critic_id``, for links to their page; None for no critic, or one
    not named as a person; not in the JSON, as an entity id depends on the order of
    ingest).

    ``counted`` is None until the aggregate has counted the film's reviews; then
    ``counted`` says whether this one is, ``n`` is its number among them and ``same_as``
    the review it repeats (both None when not set)."""

    id: str
    document: str
    path: str
    kind: str
    source: str
    critic: str | None
    outlet: str | None
    date: str | None
    polarity: str
    probability: float
    basis: str | None
    score: ReviewScore | None
    quote: str
    spans: list[Span]
    aspects: list[ReviewAspect]
    link: dict[str, Any] | None = None
    critic_id: int | None = None
    n: int | None = None
    counted: bool | None = None
    same_as: str | None = None

    @property
    def summary(self) -> bool:
        """Whether this is what a source says of critics in general (never counted)."""
        return self.source == "summary"

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "document": self.document,
            "path": self.path,
            "kind": self.kind,
            "source": self.source,
            "critic": self.critic,
            "outlet": self.outlet,
            "date": self.date,
            "polarity": self.polarity,
            "probability": self.probability,
            "basis": self.basis,
            "score": self.score.to_json() if self.score is not None else None,
            "quote": self.quote,
            "spans": [{"start": s.start, "end": s.end, "text": s.text} for s in self.spans],
            "aspects": [a.to_json() for a in self.aspects],
            "link": self.link,
        }
        if self.counted is not None:
            out["n"] = self.n
            out["counted"] = self.counted
            out["same_as"] = self.same_as
        return out


@dataclass(slots=True)
class Citation:
    """A numbered citation of the consensus: the aspect sentence of one review (``review``:
    its number among the counted; None for a summary) or summary behind one part of it."""

    n: int
    review: int | None
    review_id: str
    summary: bool
    aspect: str
    polarity: str
    document: str
    start: int
    end: int
    text: str

    def to_json(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "review": self.review,
            "review_id": self.review_id,
            "summary": self.summary,
            "aspect": self.aspect,
            "polarity": self.polarity,
            "document": self.document,
            "start": self.start,
            "end": self.end,
            "text": self.text,
        }


@dataclass(slots=True)
class Aggregate:
    """The counts of a film's counted reviews, the approval (percent positive) with its
    ``estimate``, the average stated score (of ``scored`` reviews), the ``band``, the ids
    counted, the ``duplicates`` (``{dropped id: the id kept}``), and the consensus sentence
    with its ``citations``."""

    count: int
    positive: int
    negative: int
    mixed: int
    approval: float | None
    estimate: Estimate
    average_score: float | None
    scored: int
    band: str | None
    counted: list[str]
    duplicates: dict[str, str]
    consensus: str | None
    citations: list[Citation]

    def to_json(self) -> dict[str, Any]:
        return {
            "count": self.count,
            "positive": self.positive,
            "negative": self.negative,
            "mixed": self.mixed,
            "approval": self.approval,
            "estimate": self.estimate.as_dict(),
            "average_score": self.average_score,
            "scored": self.scored,
            "band": self.band,
            "counted": list(self.counted),
            "duplicates": [{"id": k, "same_as": v} for k, v in self.duplicates.items()],
            "consensus": self.consensus,
            "citations": [c.to_json() for c in self.citations],
        }


@dataclass(slots=True)
class Reception:
    """A film's reviews (each counted or not) and their :class:`Aggregate`."""

    reviews: list[ReviewRecord]
    aggregate: Aggregate

    def to_json(self) -> dict[str, Any]:
        return {
            "reviews": [r.to_json() for r in self.reviews],
            "aggregate": self.aggregate.to_json(),
        }
