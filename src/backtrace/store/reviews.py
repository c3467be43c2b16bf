"""Storing critics' reviews and reading a film's reception back, with their spans.

A review row belongs to its document; its film is the document's film, so a review read
from a document linked to its film later (``ingest.link_unlinked``) follows the link.
Review, span and aspect ids are deterministic (``<document>:r<n>``, ``<document>:<start>-
<end>``, ``<review>:a<n>``), and spans already stored for claims are shared.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import Connection, insert, select

from backtrace.model import Review, Span
from backtrace.reception.aggregate import aggregate
from backtrace.store.schema import (
    documents,
    facts,
    review_aspects,
    review_spans,
    reviews,
    spans,
)
from backtrace.store.writer import _insert_ignoring_duplicates

KIND_RANK = {"encyclopedia": 0, "news": 1, "review": 2}


def _span_row(doc_id: str, span: Span) -> dict[str, Any]:
    return {
        "id": f"{doc_id}:{span.start}-{span.end}",
        "document_id": doc_id,
        "start": span.start,
        "end": span.end,
        "text": span.text,
    }


def write_reviews(conn: Connection, doc_id: str, found: list[Review]) -> int:
    """Store the reviews read from one document (after its claims); returns how many."""
    if not found:
        return 0
    span_rows: dict[str, dict[str, Any]] = {}
    review_rows, link_rows, aspect_rows = [], [], []
    for n, review in enumerate(found):
        review_id = f"{doc_id}:r{n}"
        score_span = None
        if review.score is not None:
            row = _span_row(doc_id, review.score.span)
            span_rows[row["id"]] = row
            score_span = row["id"]
        review_rows.append(
            {
                "id": review_id,
                "document_id": doc_id,
                "position": n,
                "source": review.source,
                "critic": review.critic,
                "outlet": review.outlet,
                "date": review.date,
                "polarity": review.polarity,
                "probability": review.probability,
                "basis": review.basis,
                "score": None
                if review.score is None
                else {
                    "text": review.score.text,
                    "value": review.score.value,
                    "scale": review.score.scale,
                    "normalized": review.score.normalized,
                },
                "score_span_id": score_span,
            }
        )
        for i, span in enumerate(review.spans):
            row = _span_row(doc_id, span)
            span_rows[row["id"]] = row
            link_rows.append({"review_id": review_id, "span_id": row["id"], "position": i})
        for i, aspect in enumerate(review.aspects):
            row = _span_row(doc_id, aspect.span)
            span_rows[row["id"]] = row
            aspect_rows.append(
                {
                    "id": f"{review_id}:a{i}",
                    "review_id": review_id,
                    "aspect": aspect.aspect,
                    "polarity": aspect.polarity,
                    "mentioned": aspect.actors,
                    "span_id": row["id"],
                    "position": i,
                }
            )
    conn.execute(_insert_ignoring_duplicates(conn, spans), list(span_rows.values()))
    conn.execute(insert(reviews), review_rows)
    if link_rows:
        conn.execute(insert(review_spans), link_rows)
    if aspect_rows:
        conn.execute(insert(review_aspects), aspect_rows)
    return len(review_rows)


def film_reviews(conn: Connection, film_id: int) -> list[dict[str, Any]]:
    """Every review read from the film's documents, ordered by document kind
    (encyclopedia, news, review), document id and position: not by ingest order, so the
    same documents give the same list whatever order they arrived in."""
    rows = conn.execute(
        select(
            reviews,
            documents.c.path,
            documents.c.kind,
            spans.c.start.label("score_start"),
            spans.c.end.label("score_end"),
        )
        .join(documents, documents.c.id == reviews.c.document_id)
        .outerjoin(spans, spans.c.id == reviews.c.score_span_id)
        .where(documents.c.film_id == film_id)
    ).all()
    rows.sort(key=lambda r: (KIND_RANK.get(r.kind, 3), r.document_id, r.position))
    ids = [r.id for r in rows]
    quoted: dict[str, list[dict[str, Any]]] = defaultdict(list)
    judged: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        for s in conn.execute(
            select(review_spans.c.review_id, spans.c.start, spans.c.end, spans.c.text)
            .join(spans, spans.c.id == review_spans.c.span_id)
            .where(review_spans.c.review_id.in_(chunk))
            .order_by(review_spans.c.review_id, review_spans.c.position)
        ):
            quoted[s.review_id].append({"start": s.start, "end": s.end, "text": s.text})
        for a in conn.execute(
            select(review_aspects, spans.c.start, spans.c.end, spans.c.text)
            .join(spans, spans.c.id == review_aspects.c.span_id)
            .where(review_aspects.c.review_id.in_(chunk))
            .order_by(review_aspects.c.review_id, review_aspects.c.position)
        ):
            judged[a.review_id].append(
                {
                    "aspect": a.aspect,
                    "polarity": a.polarity,
                    "mentioned": list(a.mentioned or []),
                    "actors": list(a.mentioned or []),
                    "start": a.start,
                    "end": a.end,
                    "text": a.text,
                }
            )
    out = []
    for r in rows:
        score = None
        if r.score is not None:
            score = {**r.score, "start": r.score_start, "end": r.score_end}
        spans_of = quoted[r.id]
        out.append(
            {
                "id": r.id,
                "document": r.document_id,
                "path": r.path,
                "kind": r.kind,
                "source": r.source,
                "critic": r.critic,
                "outlet": r.outlet,
                "date": r.date,
                "polarity": r.polarity,
                "probability": r.probability,
                "basis": r.basis,
                "score": score,
                "quote": " ".join(s["text"] for s in spans_of),
                "spans": spans_of,
                "aspects": judged[r.id],
            }
        )
    return out


def film_cast(conn: Connection, film_id: int) -> list[str]:
    """The film's cast names (believed facts), in order."""
    rows = conn.execute(
        select(facts.c.value)
        .where(facts.c.entity_id == film_id, facts.c.property == "cast_member")
        .order_by(facts.c.position, facts.c.id)
    )
    return [v for v in rows.scalars() if isinstance(v, str)]


def reception_record(conn: Connection, film_id: int) -> dict[str, Any]:
    """``{"reviews": [...], "aggregate": {...}}`` (see :func:`reception.aggregate.aggregate`)."""
    return aggregate(film_reviews(conn, film_id), film_cast(conn, film_id))
