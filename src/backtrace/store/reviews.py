"""Storing critics' reviews and reading a film's reception back, with their spans.

A review row belongs to its document; its film is the document's film, so a review read
from a document linked to its film later (``ingest.link_unlinked``) follows the link.
Review, span and aspect ids are deterministic (``<document>:r<n>``, ``<document>:<start>-
<end>``, ``<review>:a<n>``), and spans already stored for claims are shared.

A review document that names its film only in its text is placed by :class:`ReviewPlacer`
(:mod:`backtrace.reception.linking` over the films the store knows); the placement and its
reason, linked or not, are kept in the document's ``meta`` under ``film_link``, and each
review read from it carries them as ``link``. :func:`unlinked_reviews` lists the reviews of
documents no film could be found for.

A review's critic is linked to a person of the store and its outlet kept with its key
(:mod:`backtrace.store.critics`): :func:`critic_reviews` gives the reviews one person wrote,
and every review read back shows its outlet by the name most reviews of that outlet write.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

from sqlalchemy import Connection, insert, select, update

from backtrace.keys import outlet_key, title_key
from backtrace.model import EntityType, Review, Span
from backtrace.reception.aggregate import aggregate
from backtrace.reception.linking import Candidate, FilmIndex, Placement
from backtrace.reception.records import Reception, ReviewAspect, ReviewRecord, ReviewScore
from backtrace.resolve.films import guess_film
from backtrace.store.critics import critic_entity, is_critic_name, outlet_names
from backtrace.store.schema import (
    aliases,
    documents,
    entities,
    facts,
    review_aspects,
    review_spans,
    reviews,
    spans,
)
from backtrace.store.sql import chunked, insert_ignoring_duplicates

KIND_RANK = {"encyclopedia": 0, "news": 1, "review": 2}


def _span_row(doc_id: str, span: Span) -> dict[str, Any]:
    return {
        "id": f"{doc_id}:{span.start}-{span.end}",
        "document_id": doc_id,
        "start": span.start,
        "end": span.end,
        "text": span.text,
    }


def _score(review: Review) -> dict[str, Any] | None:
    if review.score is None:
        return None
    return {
        "text": review.score.text,
        "value": review.score.value,
        "scale": review.score.scale,
        "normalized": review.score.normalized,
    }


@dataclass
class _ReviewRows:
    """The rows of one document's reviews: spans (each once), reviews, their quoted spans
    and their aspects."""

    doc_id: str
    critics: dict[str, int] = field(default_factory=dict)  # a critic's name -> their person
    span_rows: dict[str, dict[str, Any]] = field(default_factory=dict)
    review_rows: list[dict[str, Any]] = field(default_factory=list)
    links: list[dict[str, Any]] = field(default_factory=list)
    aspects: list[dict[str, Any]] = field(default_factory=list)

    def _span(self, span: Span) -> str:
        row = _span_row(self.doc_id, span)
        self.span_rows[row["id"]] = row
        return row["id"]

    def add(self, n: int, review: Review) -> None:
        review_id = f"{self.doc_id}:r{n}"
        score_span = self._span(review.score.span) if review.score is not None else None
        self.review_rows.append(
            {
                "id": review_id,
                "document_id": self.doc_id,
                "position": n,
                "source": review.source,
                "critic": review.critic,
                "outlet": review.outlet,
                "critic_id": self.critics.get(review.critic) if review.critic else None,
                "outlet_key": outlet_key(review.outlet) if review.outlet else None,
                "date": review.date,
                "polarity": review.polarity,
                "probability": review.probability,
                "basis": review.basis,
                "score": _score(review),
                "score_span_id": score_span,
            }
        )
        for i, span in enumerate(review.spans):
            self.links.append({"review_id": review_id, "span_id": self._span(span), "position": i})
        for i, aspect in enumerate(review.aspects):
            self.aspects.append(
                {
                    "id": f"{review_id}:a{i}",
                    "review_id": review_id,
                    "aspect": aspect.aspect,
                    "polarity": aspect.polarity,
                    "mentioned": aspect.actors,
                    "span_id": self._span(aspect.span),
                    "position": i,
                }
            )


def write_reviews(conn: Connection, doc_id: str, found: list[Review],
                  person: Callable[[str], int] | None = None) -> int:
    """Store the reviews read from one document (after its claims); returns how many. A
    critic named as a person is linked to the person ``person(name)`` gives (the ingest's
    resolver: as a credit links the person it names), else to the one their name keys to
    (:func:`~backtrace.store.critics.critic_entity`)."""
    if not found:
        return 0
    person = person or (lambda name: critic_entity(conn, name))
    named = sorted({r.critic for r in found if r.critic and is_critic_name(r.critic)})
    rows = _ReviewRows(doc_id, {name: person(name) for name in named})
    for n, review in enumerate(found):
        rows.add(n, review)
    conn.execute(insert_ignoring_duplicates(conn, spans), list(rows.span_rows.values()))
    conn.execute(insert(reviews), rows.review_rows)
    if rows.links:
        conn.execute(insert(review_spans), rows.links)
    if rows.aspects:
        conn.execute(insert(review_aspects), rows.aspects)
    return len(rows.review_rows)


def film_reviews(conn: Connection, film_id: int) -> list[ReviewRecord]:
    """Every review read from the film's documents, ordered by document kind
    (encyclopedia, news, review), document id and position: not by ingest order, so the
    same documents give the same list whatever order they arrived in."""
    return _review_records(conn, documents.c.film_id == film_id)


def document_reviews(conn: Connection, doc_id: str) -> list[ReviewRecord]:
    """The reviews read from one document, in order, shaped as :func:`film_reviews`."""
    return _review_records(conn, documents.c.id == doc_id)


def critic_reviews(conn: Connection, person_id: int) -> list[ReviewRecord]:
    """The reviews the person wrote (linked to them as their critic), shaped as
    :func:`film_reviews`."""
    return _review_records(conn, reviews.c.critic_id == person_id)


def unlinked_reviews(conn: Connection) -> list[ReviewRecord]:
    """The reviews of documents linked to no film, shaped as :func:`film_reviews`, each with
    ``link``: why no film was found (None when no placement was tried yet)."""
    return _review_records(conn, documents.c.film_id.is_(None))


def _review_spans(
    conn: Connection, ids: list[str]
) -> tuple[defaultdict[str, list[Span]], defaultdict[str, list[ReviewAspect]]]:
    """(the spans each review quotes, the aspects each judges), in order, by review id."""
    quoted: defaultdict[str, list[Span]] = defaultdict(list)
    judged: defaultdict[str, list[ReviewAspect]] = defaultdict(list)
    for chunk in chunked(ids):
        for s in conn.execute(
            select(review_spans.c.review_id, spans.c.start, spans.c.end, spans.c.text)
            .join(spans, spans.c.id == review_spans.c.span_id)
            .where(review_spans.c.review_id.in_(chunk))
            .order_by(review_spans.c.review_id, review_spans.c.position)
        ):
            quoted[s.review_id].append(Span(s.start, s.end, s.text))
        for a in conn.execute(
            select(review_aspects, spans.c.start, spans.c.end, spans.c.text)
            .join(spans, spans.c.id == review_aspects.c.span_id)
            .where(review_aspects.c.review_id.in_(chunk))
            .order_by(review_aspects.c.review_id, review_aspects.c.position)
        ):
            judged[a.review_id].append(ReviewAspect(
                a.aspect, a.polarity, list(a.mentioned or []), list(a.mentioned or []),
                a.start, a.end, a.text))
    return quoted, judged


def _review_record(r: Any, spans_of: list[Span], aspects: list[ReviewAspect],
                   outlet: str | None) -> ReviewRecord:
    score = None
    if r.score is not None:
        s = r.score
        score = ReviewScore(s["text"], s["value"], s["scale"], s["normalized"], r.score_start,
                            r.score_end)  # fmt: skip
    return ReviewRecord(
        r.id, r.document_id, r.path, r.kind, r.source, r.critic, outlet, r.date, r.polarity,
        r.probability, r.basis, score, " ".join(s.text for s in spans_of), spans_of, aspects,
        (r.meta or {}).get(LINK_KEY), r.critic_id,
    )


def _review_records(conn: Connection, where: Any) -> list[ReviewRecord]:
    rows = conn.execute(
        select(
            reviews,
            documents.c.path,
            documents.c.kind,
            documents.c.meta,
            spans.c.start.label("score_start"),
            spans.c.end.label("score_end"),
        )
        .join(documents, documents.c.id == reviews.c.document_id)
        .outerjoin(spans, spans.c.id == reviews.c.score_span_id)
        .where(where)
    ).all()
    rows.sort(key=lambda r: (KIND_RANK.get(r.kind, 3), r.document_id, r.position))
    quoted, judged = _review_spans(conn, [r.id for r in rows])
    # one outlet, one name: the one its reviews write most ("the LA Times" = "L.A. Times")
    names = outlet_names(conn, {r.outlet_key for r in rows if r.outlet_key})
    return [_review_record(r, quoted[r.id], judged[r.id], names.get(r.outlet_key, r.outlet))
            for r in rows]


# -- placing review documents that name their film only in their text ----------------------
LINK_KEY = "film_link"


def film_candidates(conn: Connection) -> list[Candidate]:
    """The films some document is about, as the review linker sees them: titles and
    aliases, year, believed directors and cast (in order)."""
    about = select(documents.c.film_id).where(documents.c.film_id.is_not(None))
    films = {
        r.id: r
        for r in conn.execute(
            select(entities.c.id, entities.c.name, entities.c.year).where(
                entities.c.type == EntityType.FILM, entities.c.id.in_(about)
            )
        )
    }
    titles: dict[int, list[str]] = defaultdict(list)
    for r in conn.execute(
        select(aliases.c.entity_id, aliases.c.alias)
        .where(aliases.c.entity_id.in_(about))
        .order_by(aliases.c.entity_id, aliases.c.alias)
    ):
        if r.entity_id in films:
            titles[r.entity_id].append(r.alias)
    people: dict[tuple[int, str], list[str]] = defaultdict(list)
    for r in conn.execute(
        select(facts.c.entity_id, facts.c.property, facts.c.value)
        .where(
            facts.c.entity_id.in_(about),
            facts.c.property.in_(("director", "cast_member")),
            facts.c.believed.is_(True),
        )
        .order_by(facts.c.entity_id, facts.c.property, facts.c.position, facts.c.id)
    ):
        if isinstance(r.value, str) and r.value not in people[(r.entity_id, r.property)]:
            people[(r.entity_id, r.property)].append(r.value)
    return [
        Candidate(
            film_id=f.id,
            title=f.name,
            year=f.year or None,
            titles=tuple(dict.fromkeys([f.name, *titles[f.id]])),
            directors=tuple(people[(f.id, "director")]),
            cast=tuple(people[(f.id, "cast_member")]),
        )
        for f in sorted(films.values(), key=lambda f: f.id)
    ]


class ReviewPlacer:
    """Finds the film of review documents that do not name it (for ``ingest.link_unlinked``):

        placer = ReviewPlacer(w.conn)
        if placer.handles(doc_id):
            film = placer.place(doc_id, text)   # a film id, or None; the reason is kept

    The films the store knows are read once, when the first review is placed."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self._index: FilmIndex | None = None
        self._keys: dict[str, int] | None = None
        self._kinds: dict[str, tuple[str, dict[str, Any]]] | None = None

    @property
    def index(self) -> FilmIndex:
        if self._index is None:
            self._index = FilmIndex(film_candidates(self.conn))
        return self._index

    def _document(self, doc_id: str) -> tuple[str, dict[str, Any]] | None:
        if self._kinds is None:
            self._kinds = {
                r.id: (r.kind, dict(r.meta or {}))
                for r in self.conn.execute(
                    select(documents.c.id, documents.c.kind, documents.c.meta).where(
                        documents.c.film_id.is_(None), documents.c.kind == "review"
                    )
                )
            }
        return self._kinds.get(doc_id)

    def handles(self, doc_id: str) -> bool:
        """Whether ``doc_id`` is an unlinked review document (the others are left to
        ``resolve.guess_film``)."""
        return self._document(doc_id) is not None

    @property
    def keys(self) -> dict[str, int]:
        """Every known title's key -> film (as ``Writer.film_keys``), for ``guess_film``."""
        if self._keys is None:
            self._keys = {title_key(t): c.film_id for c in self.index.films.values()
                          for t in c.titles}  # fmt: skip
        return self._keys

    def placement(self, text: str) -> Placement:
        """Where ``text`` goes: :meth:`FilmIndex.place`; when that finds too little evidence,
        the rule for any document that does not name its film (``resolve.guess_film``: the
        known title, written as a title, that it names most), so a review that names its
        film once, capitalised, is placed as before; not in a text without capitals."""
        found = self.index.place(text)
        if found.film_id is not None or not found.reason.startswith("too little evidence"):
            return found
        if text == text.lower():  # no capitals: nothing is written as a title ("8mm film")
            return found
        film = guess_film(text, self.keys)
        if film is None:
            return found
        title = self.index.films[film].title
        return Placement(film, found.points, f"its title written as a title (“{title}”), the "
                         "known title it names most", found.evidence, film, found.others)

    def place(self, doc_id: str, text: str) -> int | None:
        """The film of the review document ``doc_id`` (None: no film fits well enough); the
        placement is kept in the document's ``meta``. The caller links the document."""
        found = self.placement(text)
        known = self._document(doc_id)
        meta = dict(known[1]) if known else {}
        meta[LINK_KEY] = {**found.as_dict(), "film_title": self._title(found.film_id)}
        self.conn.execute(update(documents).where(documents.c.id == doc_id).values(meta=meta))
        return found.film_id

    def _title(self, film_id: int | None) -> str | None:
        if film_id is None:
            return None
        c = self.index.films[film_id]
        return f"{c.title} ({c.year})" if c.year else c.title


def film_cast(conn: Connection, film_id: int) -> list[str]:
    """The film's cast names (believed facts), in order."""
    rows = conn.execute(
        select(facts.c.value)
        .where(facts.c.entity_id == film_id, facts.c.property == "cast_member")
        .order_by(facts.c.position, facts.c.id)
    )
    return [v for v in rows.scalars() if isinstance(v, str)]


def reception_record(conn: Connection, film_id: int) -> Reception:
    """The film's reviews and their aggregate (see :func:`reception.aggregate.aggregate`);
    ``to_json()`` gives ``{"reviews": [...], "aggregate": {...}}``."""
    return aggregate(film_reviews(conn, film_id), film_cast(conn, film_id))


def reception_records(conn: Connection, film_ids: list[int]) -> dict[int, Reception]:
    """:func:`reception_record` of each film; most films have no review, and theirs is the
    empty aggregate, found with one query for all of them."""
    reviewed = set(conn.execute(
        select(documents.c.film_id).join(reviews, reviews.c.document_id == documents.c.id)
        .where(documents.c.film_id.in_(film_ids)).distinct()).scalars())
    return {i: reception_record(conn, i) if i in reviewed else no_reviews() for i in film_ids}


@cache
def _no_reviews() -> Reception:
    return aggregate([])


def no_reviews() -> Reception:
    """``aggregate([])``, the reception of a film without reviews: made once, then copied
    (its lists and dict new each time; the rest of it is immutable)."""
    made = _no_reviews().aggregate
    return Reception([], replace(made, counted=[], duplicates={}, citations=[]))
