"""Answers read from the store, each with the sentences that state it.

Every function takes a Connection and gives back ``records.Answer``s, each with its
``records.Source``s: ``text`` the sentence (or infobox line, record field) holding the
claim's span, ``start`` and ``end`` its offsets in the document, and ``span`` the claim's
own words. Answers with
no source are never given (a curator's decision that no document states is left to the
caller's note).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, bindparam, func, select

from backtrace.ask.grammar import BROAD_GENRES, FORMAT_GENRES
from backtrace.ask.records import Answer, Entity, Source, Span, unique_sources
from backtrace.keys import name_key
from backtrace.render import format_qualifiers, format_value
from backtrace.store.queries import sentence_around
from backtrace.store.records import Sentence
from backtrace.store.schema import claims, documents, entities, fact_claims, facts, spans

PERSON_ROLES = ("cast_member", "director", "screenwriter", "producer", "composer",
                "director_of_photography", "film_editor", "narrator")
_CACHE_DOCUMENTS = 512

_SOURCE_COLUMNS = (
    claims.c.value_entity_id, claims.c.document_id, claims.c.extractor, documents.c.path,
    documents.c.kind, documents.c.seq, documents.c.film_id.label("doc_film"), spans.c.start,
    spans.c.end, spans.c.text,
)
_FILM_FACTS = (
    select(facts.c.id, facts.c.entity_id, facts.c.property, facts.c.value,
           facts.c.qualifiers, facts.c.status, facts.c.believed, facts.c.confidence,
           facts.c.position, facts.c.reason, *_SOURCE_COLUMNS)
    .select_from(facts)
    .join(fact_claims, fact_claims.c.fact_id == facts.c.id)
    .join(claims, claims.c.id == fact_claims.c.claim_id)
    .join(spans, spans.c.id == claims.c.span_id)
    .join(documents, documents.c.id == claims.c.document_id)
    .where(facts.c.entity_id == bindparam("film"),
           facts.c.property.in_(bindparam("props", expanding=True)))
    .order_by(facts.c.id, documents.c.seq, spans.c.start)
)
FACT_SOURCES = (
    select(facts.c.id, facts.c.entity_id, facts.c.property, facts.c.value,
           facts.c.qualifiers, facts.c.status, facts.c.believed, facts.c.confidence,
           facts.c.position, *_SOURCE_COLUMNS)
    .select_from(facts)
    .join(fact_claims, fact_claims.c.fact_id == facts.c.id)
    .join(claims, claims.c.id == fact_claims.c.claim_id)
    .join(spans, spans.c.id == claims.c.span_id)
    .join(documents, documents.c.id == claims.c.document_id)
    .where(facts.c.id.in_(bindparam("ids", expanding=True)))
    .order_by(facts.c.id, documents.c.seq, spans.c.start)
)
_TEXTS = select(documents.c.id, documents.c.text, documents.c.sentences).where(
    documents.c.id.in_(bindparam("ids", expanding=True)))
ENTITIES = select(entities.c.id, entities.c.type, entities.c.name, entities.c.year).where(
    entities.c.id.in_(bindparam("ids", expanding=True)))
PATHS = select(documents.c.id, documents.c.path, documents.c.kind).where(
    documents.c.id.in_(bindparam("ids", expanding=True)))


Texts = dict[str, tuple[str, list[list[int]]]]  # document id -> (text, sentence offsets)


class Sentences:
    """Documents' texts and sentence offsets, kept for the documents asked about lately
    (shared by the threads of a web server: a lock guards the cache)."""

    def __init__(self, size: int = _CACHE_DOCUMENTS) -> None:
        self.size = size
        self._held: OrderedDict[str, tuple[str, list[list[int]]]] = OrderedDict()
        self._lock = threading.Lock()

    def load(self, conn: Connection, doc_ids: Iterable[str]) -> Texts:
        """The texts of these documents (read from the store when not kept)."""
        ids = set(doc_ids)
        with self._lock:
            out = {d: self._held[d] for d in ids if d in self._held}
        wanted = sorted(ids - set(out))
        for i in range(0, len(wanted), 500):
            for r in conn.execute(_TEXTS, {"ids": wanted[i:i + 500]}):
                out[r.id] = (r.text, r.sentences or [])
        with self._lock:
            for d in wanted:
                if d in out:
                    self._held[d] = out[d]
            while len(self._held) > self.size:
                self._held.popitem(last=False)
        return out


def source_of(texts: Texts, doc: str, path: str, kind: str, start: int, end: int,
              text: str, extractor: str | None = None) -> Source:
    """A source: the sentence (or infobox line) holding the span, and the span."""
    held = texts.get(doc)
    sentence = sentence_around(held[0], held[1], start, end) if held else Sentence(start, end, text)
    return Source(doc, path, kind, sentence.start, sentence.end, sentence.text,
                  Span(start, end, text), extractor)


def _entity_refs(conn: Connection, ids: Iterable[int | None]) -> dict[int, Entity]:
    wanted = sorted({i for i in ids if i is not None})
    if not wanted:
        return {}
    return {r.id: Entity(r.type, r.id, r.name, r.year or None)
            for r in conn.execute(ENTITIES, {"ids": wanted})}


@dataclass(slots=True)
class Fact:
    """A stored fact read with its sources: ``row`` the first of its ``rows`` (a
    ``FACT_SOURCES`` or ``_FILM_FACTS`` row per claim), each sentence once."""

    row: Any
    rows: list[Any] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    value_entity: int | None = None


def group_facts(rows: list[Any], texts: Texts) -> list[Fact]:
    """Rows of (fact, source) -> facts with their sources, in row order."""
    by_fact: dict[int, Fact] = {}
    seen: set[tuple[int, str, int, int]] = set()
    for r in rows:
        fact = by_fact.get(r.id)
        if fact is None:
            fact = by_fact[r.id] = Fact(r)
        fact.rows.append(r)
        key = (r.id, r.document_id, r.start, r.end)
        if key in seen:
            continue
        seen.add(key)
        fact.sources.append(source_of(texts, r.document_id, r.path, r.kind, r.start, r.end,
                                      r.text, r.extractor))
        if fact.value_entity is None and r.value_entity_id is not None:
            fact.value_entity = r.value_entity_id
    for fact in by_fact.values():
        # one quote per sentence: the same sentence read twice is cited once
        fact.sources = list(unique_sources(fact.sources))
    return list(by_fact.values())


def _answer(fact: Fact, film: Entity, refs: dict[int, Entity], prop: str) -> Answer:
    r = fact.row
    quals = r.qualifiers or {}
    entity = refs.get(fact.value_entity) if fact.value_entity is not None else None
    text = format_value(prop, r.value)
    shown = format_qualifiers(prop, quals)
    conflict = r.status == "conflict"
    return Answer(
        value=r.value if prop != "year" else str(r.value),
        text=f"{text} {shown}".strip() if prop != "cast_member" else text,
        entity=entity or film, film=film, property=prop, sources=tuple(fact.sources),
        status=r.status, believed=bool(r.believed), qualifiers=quals or None,
        disputed=conflict, reason=r.reason if conflict else None, layout="believed")


def genre_breadth(conn: Connection) -> dict[str, int]:
    """How many films of the store have each genre: the broader genre ("drama") is
    answered before the narrower ("sports drama", "sports")."""
    rows = conn.execute(select(facts.c.value_key, func.count()).where(
        facts.c.property == "genre", facts.c.believed.is_(True)).group_by(facts.c.value_key))
    return {r[0]: r[1] for r in rows}


def _order(prop: str, facts_: list[Fact], breadth: Mapping[str, int] | None = None
           ) -> list[Fact]:
    """Believed values first; a cast in billing order (the infobox's, then the order the
    facts were stated in), dates in time order, genres: a broad one (``BROAD_GENRES``)
    before a subgenre, then stated by the most sentences, then the broadest (the most
    films have it), kinds of film ("silent", "short") last; other lists by confidence (a
    stated field over a phrase of the lead)."""
    breadth = breadth or {}

    def key(f: Fact) -> tuple:
        r = f.row
        first = (not r.believed, (r.qualifiers or {}).get("announced") is True)
        if prop == "cast_member":  # the infobox's billing ("Starring") first
            billed = any(s.extractor == "infobox" for s in f.sources)
            return (*first, not billed, r.position)
        if prop in ("box_office", "cost"):
            # the worldwide figure first, then each region's, sales of copies last
            region = str((r.qualifiers or {}).get("region") or "").lower()
            rank = 0 if region in ("", "worldwide") else 2 if any(
                w in region for w in ("video", "sales", "dvd", "rental")) else 1
            amount = r.value.get("amount", 0) if isinstance(r.value, dict) else 0
            return (*first, rank, -amount, r.position)
        if prop == "publication_date":
            return (*first, str(r.value), r.position)
        if prop == "genre":
            value = str(r.value).lower()
            return (*first, value in FORMAT_GENRES, value not in BROAD_GENRES, -len(f.sources),
                    -breadth.get(name_key(value), 0), -r.confidence, r.position)
        return (*first, -r.confidence, r.position)

    return sorted(facts_, key=key)


def film_property(conn: Connection, sentences: Sentences, film: Entity, prop: str,
                  breadth: Mapping[str, int] | None = None) -> list[Answer]:
    """Every value the store holds for one property of one film (believed values first,
    the disputed ones marked), each with its sentences."""
    rows = conn.execute(_FILM_FACTS, {"film": film.id, "props": [prop]}).all()
    rows = [r for r in rows if r.status != "overridden" or r.believed]
    if prop == "year":
        rows = [r for r in rows if r.believed]
    texts = sentences.load(conn, (r.document_id for r in rows))
    grouped = [f for f in group_facts(rows, texts) if f.sources]
    refs = _entity_refs(conn, (f.value_entity for f in grouped))
    return [_answer(f, film, refs, prop) for f in _order(prop, grouped, breadth)]
