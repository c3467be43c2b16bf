"""Read-only queries for the pages of a film, person or document (web, API and CLI) that the
store's own ``queries`` module lacks.

Every function takes a Connection; an entity, a person, a document and the recent documents
come back as the records of :mod:`backtrace.store.page_records`, a film's value links as a
mapping.
Every value that comes from a request reaches SQL as a bound parameter.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import Connection, select

from backtrace.keys import name_key
from backtrace.model import PROPERTIES, EntityType
from backtrace.people import role_words
from backtrace.resolve.identity import RULES
from backtrace.store.page_records import (
    Credit,
    CreditSource,
    DocumentClaim,
    DocumentRecord,
    DocumentSummary,
    EntityRow,
    LinkedName,
    PersonRecord,
    WorkRef,
    WrittenReview,
)
from backtrace.store.queries import sentence_around
from backtrace.store.reviews import critic_reviews, document_reviews
from backtrace.store.schema import aliases, claims, documents, entities, fact_claims, facts, spans
from backtrace.store.sql import chunked

PERSON_PAGE_TYPES = (EntityType.PERSON, EntityType.ORGANIZATION, EntityType.PLACE)


def _film_ref(row: Any, work_type: str | None = None) -> WorkRef | None:
    if row.film_ref_id is None:
        return None
    return WorkRef(row.film_ref_id, row.film_ref_title, row.film_ref_year or None, work_type)


# A document's summary columns, with the film it is linked to (outer-joined entities).
_DOCUMENT_COLUMNS = (
    documents.c.id,
    documents.c.path,
    documents.c.kind,
    documents.c.title,
    documents.c.date,
    documents.c.seq,
    entities.c.id.label("film_ref_id"),
    entities.c.name.label("film_ref_title"),
    entities.c.year.label("film_ref_year"),
)


def _document_summary(r: Any) -> DocumentSummary:
    return DocumentSummary(r.id, r.path, r.kind, r.title, r.date, r.seq, _film_ref(r))


def recent_documents(conn: Connection, limit: int = 20) -> list[DocumentSummary]:
    """The last documents ingested (``documents.seq`` descending), with their film."""
    rows = conn.execute(
        select(*_DOCUMENT_COLUMNS)
        .outerjoin(entities, entities.c.id == documents.c.film_id)
        .order_by(documents.c.seq.desc())
        .limit(limit)
    )
    return [_document_summary(r) for r in rows]


def film_value_links(conn: Connection, film_id: int) -> dict[str, dict[str, int]]:
    """``{property: {value: entity id}}`` for the film's facts whose value is an entity."""
    rows = conn.execute(
        select(facts.c.property, facts.c.value, claims.c.value_entity_id)
        .join(fact_claims, fact_claims.c.fact_id == facts.c.id)
        .join(claims, claims.c.id == fact_claims.c.claim_id)
        .where(facts.c.entity_id == film_id, claims.c.value_entity_id.is_not(None))
    )
    links: dict[str, dict[str, int]] = defaultdict(dict)
    for r in rows:
        if isinstance(r.value, str):
            links[r.property].setdefault(r.value, r.value_entity_id)
    return dict(links)


def entity(conn: Connection, entity_id: int) -> EntityRow | None:
    """The entity ``entity_id`` (None when there is none)."""
    row = conn.execute(
        select(entities.c.id, entities.c.type, entities.c.name, entities.c.year).where(
            entities.c.id == entity_id
        )
    ).first()
    if row is None:
        return None
    return EntityRow(row.id, row.type, row.name, row.year or None)


def _texts(conn: Connection, doc_ids: set[str]) -> dict[str, tuple[str, list[list[int]]]]:
    if not doc_ids:
        return {}
    rows = conn.execute(
        select(documents.c.id, documents.c.text, documents.c.sentences).where(
            documents.c.id.in_(sorted(doc_ids))
        )
    )
    return {r.id: (r.text, r.sentences) for r in rows}


def _credit_rows(conn: Connection, person_id: int) -> list[Any]:
    """Every claim whose value is this person, with its span, document and film, newest
    film first."""
    film = entities.alias("film")
    return conn.execute(
        select(
            claims.c.property,
            claims.c.value,
            claims.c.qualifiers,
            claims.c.document_id,
            documents.c.path,
            documents.c.kind,
            spans.c.start,
            spans.c.end,
            spans.c.text,
            claims.c.subject_mention,
            film.c.id.label("film_ref_id"),
            film.c.name.label("film_ref_title"),
            film.c.year.label("film_ref_year"),
            film.c.type.label("film_ref_type"),
        )
        .join(spans, spans.c.id == claims.c.span_id)
        .join(documents, documents.c.id == claims.c.document_id)
        .outerjoin(film, film.c.id == claims.c.subject_id)
        .where(claims.c.value_entity_id == person_id)
        .order_by(
            film.c.year.desc(), film.c.name, claims.c.property, documents.c.seq, spans.c.start,
            spans.c.end, claims.c.id,
        )
    ).all()


def _credit_entry(r: Any, unlinked: str | None) -> Credit:
    """A filmography entry for a credit row, with no sources yet."""
    quals = r.qualifiers or {}
    prop = PROPERTIES.get(r.property)
    ref = _film_ref(r, r.film_ref_type)  # "film", "tv_series", "series", "book", ...
    return Credit(ref, unlinked, r.property, prop.label if prop else r.property,
                  quals.get("character"), quals.get("description"), r.value, [])


def _credit_source(r: Any, texts: dict[str, tuple[str, list[list[int]]]]) -> CreditSource:
    text, sents = texts[r.document_id]
    return CreditSource(r.document_id, r.path, r.kind, r.start, r.end, r.text,
                        sentence_around(text, sents, r.start, r.end))


def _credits(
    conn: Connection, person_id: int
) -> tuple[list[Credit], dict[str, list[CreditSource]]]:
    """(one entry per (film, property, character) with its sources; the sources by the
    key of the name they credit)."""
    rows = _credit_rows(conn, person_id)
    texts = _texts(conn, {r.document_id for r in rows})
    entries: dict[tuple, Credit] = {}
    by_name: dict[str, list[CreditSource]] = {}
    for r in rows:
        quals = r.qualifiers or {}
        # a title named in passing that several works fit stays an unlinked mention
        unlinked = r.subject_mention if r.film_ref_id is None else None
        key = (r.film_ref_id, unlinked, r.property, quals.get("character"))
        entry = entries.get(key)
        if entry is None:
            entry = entries[key] = _credit_entry(r, unlinked)
        if not entry.description and quals.get("description"):
            entry.description = quals["description"]
        source = _credit_source(r, texts)
        entry.sources.append(source)
        by_name.setdefault(name_key(str(r.value)), []).append(source)
    return list(entries.values()), by_name


def person_record(conn: Connection, person_id: int) -> PersonRecord | None:
    """A person (or organisation, place): aliases and every film a claim links them to.

    ``filmography`` has one entry per (film, property, character), each with its sources
    (document, offsets, the span's text and the sentence holding it)."""
    who = entity(conn, person_id)
    if who is None or who.type not in PERSON_PAGE_TYPES:
        return None
    alias_rows = conn.execute(
        select(aliases.c.alias, aliases.c.key, aliases.c.reason)
        .where(aliases.c.entity_id == person_id)
        .order_by(aliases.c.alias)
    ).all()
    entries, by_name = _credits(conn, person_id)
    name = who.name
    # names first stored as another person's, with the rule that linked them and where
    # they were read (resolve.identity)
    linked = [LinkedName(a.alias, a.reason, RULES.get(a.reason, a.reason),
                         by_name.get(a.key, [])[:3])
              for a in alias_rows if a.reason and a.alias != name]  # fmt: skip
    return PersonRecord(who.id, who.type, name, who.year,
                        [a.alias for a in alias_rows if a.alias != name], linked,
                        fold_credits(entries), reviews_written(conn, person_id))


def reviews_written(conn: Connection, person_id: int) -> list[WrittenReview]:
    """The reviews the person wrote as a critic, each with the film of its document: the
    newest film first (then by title, date, document and position); unplaced ones last."""
    written = critic_reviews(conn, person_id)
    docs = sorted({r.document for r in written})
    films: dict[str, WorkRef | None] = {}
    for chunk in chunked(docs):
        for r in conn.execute(
            select(documents.c.id, entities.c.id.label("film_ref_id"),
                   entities.c.name.label("film_ref_title"),
                   entities.c.year.label("film_ref_year"))
            .join(entities, entities.c.id == documents.c.film_id)
            .where(documents.c.id.in_(chunk))
        ):
            films[r.id] = _film_ref(r)
    found = [WrittenReview(films.get(r.document), r) for r in written]
    return sorted(found, key=lambda w: (
        w.film is None, -(w.film.year or 0) if w.film else 0, w.film.title if w.film else "",
        w.review.date or "", w.review.document, w.review.id))


def _words(character: str | None) -> frozenset[str]:
    return role_words(character) if character else frozenset()


def fold_credits(entries: list[Credit]) -> list[Credit]:
    """One credit per film and role: a credit with no character, or with a character that
    is part of another's name ("MacDonald" of "Donovan "Mac" MacDonald"), joins the credit
    with the fuller name, sources and all. Two different characters stay two credits."""
    out: list[Credit] = []
    for entry in sorted(entries, key=lambda e: -len(_words(e.character))):
        words = _words(entry.character)
        target = next(
            (
                kept
                for kept in out
                if kept.film == entry.film
                and kept.property == entry.property
                and words <= _words(kept.character)
            ),
            None,
        )
        if target is None:
            out.append(entry)
            continue
        target.sources.extend(entry.sources)
        if not target.description:
            target.description = entry.description
    order = {id(e): i for i, e in enumerate(entries)}
    return sorted(out, key=lambda e: order[id(e)])


def document_record(conn: Connection, doc_id: str) -> DocumentRecord | None:
    """A document's text, metadata, film, every claim made from it with its span, and the
    reviews read from it (``store.reviews.document_reviews``: polarity, aspects, and for a
    review placed by its text, ``link``: how its film was found)."""
    row = conn.execute(
        select(*_DOCUMENT_COLUMNS, documents.c.text)
        .outerjoin(entities, entities.c.id == documents.c.film_id)
        .where(documents.c.id == doc_id)
    ).first()
    if row is None:
        return None
    subject = entities.alias("subject")
    claim_rows = conn.execute(
        select(
            claims.c.id,
            claims.c.property,
            claims.c.value,
            claims.c.qualifiers,
            claims.c.value_entity_id,
            claims.c.extractor,
            claims.c.confidence,
            spans.c.start,
            spans.c.end,
            spans.c.text,
            subject.c.id.label("film_ref_id"),
            subject.c.name.label("film_ref_title"),
            subject.c.year.label("film_ref_year"),
        )
        .join(spans, spans.c.id == claims.c.span_id)
        .outerjoin(subject, subject.c.id == claims.c.subject_id)
        .where(claims.c.document_id == doc_id)
        .order_by(spans.c.start, spans.c.end, claims.c.id)
    )
    claimed = [
        DocumentClaim(c.id, c.property, c.value, c.qualifiers, _film_ref(c), c.value_entity_id,
                      c.extractor, c.confidence, c.start, c.end, c.text)
        for c in claim_rows
    ]
    return DocumentRecord(row.id, row.path, row.kind, row.title, row.date, row.seq,
                          _film_ref(row), row.text, claimed, document_reviews(conn, doc_id))
