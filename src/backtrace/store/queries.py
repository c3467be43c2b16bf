"""Read-only queries: a film as a :class:`~backtrace.store.records.FilmRecord`, the disputed
properties as :class:`~backtrace.store.page_records.ConflictRecord` s, the rest as plain
JSON-ready dicts."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    ColumnElement,
    CompoundSelect,
    Connection,
    Select,
    bindparam,
    func,
    or_,
    select,
    union,
)
from sqlalchemy.exc import NoResultFound

if TYPE_CHECKING:
    from backtrace.reception.records import Reception

from backtrace.keys import clean_title, name_key, title_key
from backtrace.model import PROPERTIES, EntityType
from backtrace.store.page_records import ConflictRecord, WorkRef
from backtrace.store.records import Fact, FilmRecord, Override, Sentence, Source
from backtrace.store.schema import (
    aliases,
    claims,
    documents,
    entities,
    fact_claims,
    facts,
    overrides,
    spans,
)

_ORDER = {name: i for i, name in enumerate(PROPERTIES)}


def stored_ids(conn: Connection, doc_ids: list[str]) -> set[str]:
    """Which of these documents the store already holds."""
    out: set[str] = set()
    for i in range(0, len(doc_ids), 500):
        chunk = doc_ids[i : i + 500]
        out.update(conn.execute(select(documents.c.id).where(documents.c.id.in_(chunk))).scalars())
    return out


def list_films(conn: Connection) -> list[dict[str, Any]]:
    """Every film with how many documents and facts it has, by title."""
    return list(iter_films(conn))


def iter_films(conn: Connection) -> Iterator[dict[str, Any]]:
    """:func:`list_films` one film at a time, as the database reads them: each film's
    documents and facts counted through their indexes, so a million films are listed in
    constant memory."""
    n_docs = (select(func.count()).select_from(documents)
              .where(documents.c.film_id == entities.c.id).scalar_subquery())
    n_facts = (select(func.count()).select_from(facts)
               .where(facts.c.entity_id == entities.c.id).scalar_subquery())
    rows = conn.execute(
        select(entities.c.id, entities.c.name, entities.c.year,
               n_docs.label("documents"), n_facts.label("facts"))
        .where(entities.c.type == EntityType.FILM)
        .order_by(entities.c.name, entities.c.year, entities.c.id)
    )
    for r in rows:
        yield {"id": r.id, "title": r.name, "year": r.year or None,
               "documents": r.documents, "facts": r.facts}


def film_ids(conn: Connection) -> list[int]:
    """The id of every film, in the order of :func:`list_films` (by title, then year),
    without counting each one's documents and facts (what an export of every film reads
    first)."""
    return list(conn.execute(select(entities.c.id).where(entities.c.type == EntityType.FILM)
                             .order_by(entities.c.name, entities.c.year, entities.c.id)).scalars())


def _named(key: str, *where: ColumnElement[bool], by_alias: bool = False) -> CompoundSelect:
    """The entities (``where``) whose own key is ``key``, and those with an alias of that
    key: a union of two look-ups in an index (``uq_entities_type_key_year``, then
    ``ix_aliases_key`` and the primary key), never an OR across an outer join with the
    aliases, which SQLite answers by reading every entity of the type (tests/store/
    test_lookup_plans.py). ``by_alias``: with a column saying the entity's own key is not
    ``key``. The union's rows are distinct."""
    columns = [entities.c.id, entities.c.type, entities.c.name, entities.c.year]
    if by_alias:
        columns.append((entities.c.key != key).label("by_alias"))
    own: Select[Any] = select(*columns).where(*where, entities.c.key == key)
    aliased: Select[Any] = (select(*columns).join(aliases, aliases.c.entity_id == entities.c.id)
                            .where(*where, aliases.c.key == key))
    return union(own, aliased)


def find_films(conn: Connection, title: str, year: int | None = None) -> list[dict[str, Any]]:
    """Films whose title or an alias matches ``title`` (case, accents, punctuation folded),
    newest first."""
    title, disamb_year = clean_title(title)
    year = year or disamb_year
    where = [entities.c.type == EntityType.FILM] + ([entities.c.year == year] if year else [])
    query = _named(title_key(title), *where)
    query = query.order_by(query.selected_columns.year.desc(), query.selected_columns.id)
    return [{"id": r.id, "title": r.name, "year": r.year or None} for r in conn.execute(query)]


def sentence_around(text: str, sentences: list[list[int]], start: int, end: int) -> Sentence:
    """The sentence (or infobox line) around a span; a span across sentences ("December 14.
    It will also get a simultaneous release") gets every sentence it touches, whole; the
    span itself if no sentence touches it."""
    # the sentences are in text order: found by bisection, not read one by one
    i = bisect_right(sentences, start, key=_first) - 1
    if i >= 0 and sentences[i][0] <= start and end <= sentences[i][1]:
        s_start, s_end = sentences[i]
        return Sentence(s_start, s_end, text[s_start:s_end])
    lo = i if i >= 0 and sentences[i][1] > start else i + 1
    touching = sentences[lo:bisect_left(sentences, end, key=_first)]
    if touching:
        first, last = min(touching[0][0], start), max(touching[-1][1], end)
        return Sentence(first, last, text[first:last])
    return Sentence(start, end, text[start:end])


def _first(sentence: list[int]) -> int:
    return sentence[0]


# film_records' statements, built once (building them costs more than running them); each
# reads a batch of films at once
_FILMS = select(entities.c.id, entities.c.name, entities.c.year).where(
    entities.c.id.in_(bindparam("film_ids", expanding=True))
)
_FILM_FACTS = select(facts).where(
    facts.c.entity_id.in_(bindparam("film_ids", expanding=True))).order_by(facts.c.id)
_FILM_SOURCES = (
    select(
        fact_claims.c.fact_id,
        claims.c.document_id,
        documents.c.path,
        documents.c.kind,
        documents.c.date,
        spans.c.start,
        spans.c.end,
        spans.c.text,
    )
    .join(claims, claims.c.id == fact_claims.c.claim_id)
    .join(spans, spans.c.id == claims.c.span_id)
    .join(documents, documents.c.id == claims.c.document_id)
    .join(facts, facts.c.id == fact_claims.c.fact_id)
    .where(facts.c.entity_id.in_(bindparam("film_ids", expanding=True)))
    .order_by(fact_claims.c.fact_id, documents.c.seq, spans.c.start)
)
_DOCUMENT_TEXTS = select(documents.c.id, documents.c.text, documents.c.sentences).where(
    documents.c.id.in_(bindparam("doc_ids", expanding=True))
)


_FILM_OVERRIDES = select(overrides.c.id, overrides.c.reason, overrides.c.created_at).where(
    overrides.c.entity_id.in_(bindparam("film_ids", expanding=True))
)
BATCH = 200  # films a batch of film_records reads at once


def _sources_by_fact(
    conn: Connection, source_rows: list[Any], *, sentences: bool
) -> defaultdict[int, list[Source]]:
    """Each fact's sources, in document order; with ``sentences``, each with the sentence
    that holds it."""
    texts: dict[str, tuple[str, list[list[int]]]] = {}
    if sentences and source_rows:
        doc_ids = sorted({r.document_id for r in source_rows})
        for d in conn.execute(_DOCUMENT_TEXTS, {"doc_ids": doc_ids}):
            texts[d.id] = (d.text, d.sentences)
    by_fact: defaultdict[int, list[Source]] = defaultdict(list)
    for r in source_rows:
        sentence = None
        if sentences:
            text, sents = texts[r.document_id]
            sentence = sentence_around(text, sents, r.start, r.end)
        by_fact[r.fact_id].append(
            Source(r.document_id, r.path, r.kind, r.date, r.start, r.end, r.text, sentence)
        )
    return by_fact


def _facts_by_property(
    fact_rows: list[Any],
    by_fact: defaultdict[int, list[Source]],
    decisions: dict[int, Override],
    year: bool = False,
) -> dict[str, list[Fact]]:
    """A film's facts by property, in the order of ``PROPERTIES``. Its year is a field of
    the record: the year's facts are listed only when sources dispute it (each value marked
    where the facts are shown), or with ``year``."""
    year = year or any(f.property == "year" and f.status != "agreed" for f in fact_rows)
    grouped: dict[str, list[Fact]] = defaultdict(list)
    for f in sorted(fact_rows, key=lambda f: (_ORDER.get(f.property, 99), f.position)):
        if f.property == "year" and not year:
            continue  # the year is the record's own field
        grouped[f.property].append(
            Fact(f.value, f.qualifiers, f.status, f.believed, f.confidence, f.reason,
                 by_fact[f.id], decisions.get(f.override_id))  # fmt: skip
        )
    return grouped


def film_record(
    conn: Connection, film_id: int, *, sentences: bool = False, reception: bool = True
) -> FilmRecord:
    """A film with its facts by property, each with its sources; ``to_json()`` gives
    ``{"id", "title", "year", "facts": {property: [fact, ...]}, "reception"}``.

    With ``sentences`` every source also carries the ``sentence`` that holds it. A fact a
    curator decided also has its ``override`` (its provenance when no source states the
    value: then ``sources`` is empty). ``reception`` (None when ``reception`` is false) is
    the critics' reception: a :class:`~backtrace.reception.records.Reception`
    (:func:`backtrace.store.reviews.reception_record`).
    """
    (record,) = film_records(conn, [film_id], sentences=sentences, reception=reception)
    return record


def film_records(conn: Connection, film_ids: list[int], *, sentences: bool = False,
                 reception: bool = True, properties: list[str] | None = None
                 ) -> list[FilmRecord]:  # fmt: skip
    """:func:`film_record` of each film, in the order given, read :data:`BATCH` films at a
    time (four queries a batch, not four a film: exports and lists of many films); with
    ``properties``, only the facts of those. A missing id raises ``NoResultFound``."""
    out: list[FilmRecord] = []
    for i in range(0, len(film_ids), BATCH):
        out += _film_batch(conn, film_ids[i:i + BATCH], sentences, reception, properties)
    return out


def _film_batch(conn: Connection, film_ids: list[int], sentences: bool, reception: bool,
                properties: list[str] | None) -> list[FilmRecord]:
    params = {"film_ids": film_ids}
    films = {r.id: r for r in conn.execute(_FILMS, params)}
    if len(films) < len(set(film_ids)):
        raise NoResultFound(f"no film with id {min(set(film_ids) - set(films))}")
    fact_query, source_query = _FILM_FACTS, _FILM_SOURCES
    if properties is not None:  # the facts of these properties only
        fact_query = fact_query.where(facts.c.property.in_(properties))
        source_query = source_query.where(facts.c.property.in_(properties))
    fact_rows: dict[int, list[Any]] = defaultdict(list)
    for f in conn.execute(fact_query, params):
        fact_rows[f.entity_id].append(f)
    source_rows = conn.execute(source_query, params).all()
    decisions = {
        r.id: Override(r.id, r.reason, r.created_at) for r in conn.execute(_FILM_OVERRIDES, params)
    }
    by_fact = _sources_by_fact(conn, source_rows, sentences=sentences)
    received: dict[int, Reception] = {}
    if reception:
        from backtrace.store.reviews import reception_records  # reviews imports our peers

        received = reception_records(conn, film_ids)
    out = []
    for film_id in film_ids:
        film = films[film_id]
        grouped = _facts_by_property(fact_rows[film_id], by_fact, decisions,
                                     year=properties is not None and "year" in properties)
        out.append(FilmRecord(film.id, film.name, film.year or None, dict(grouped),
                              received.get(film_id)))
    return out


# the keys of ``counts``: "films", "persons", "series" (of films), "tv_series", "books", ...
_PLURALS = {EntityType.SERIES: "series", EntityType.TV_SERIES: "tv_series"}


def counts(conn: Connection) -> dict[str, int]:
    """How much the store holds."""
    out = {"documents": conn.execute(select(func.count()).select_from(documents)).scalar_one()}
    for etype in EntityType:
        out[_PLURALS.get(etype, f"{etype}s")] = conn.execute(
            select(func.count()).select_from(entities).where(entities.c.type == etype)
        ).scalar_one()
    out["claims"] = conn.execute(select(func.count()).select_from(claims)).scalar_one()
    out["facts"] = conn.execute(select(func.count()).select_from(facts)).scalar_one()
    return out


_DISPUTED = or_(facts.c.status == "conflict",
                (facts.c.status == "overridden") & (facts.c.believed.is_(False)))


def conflicts(conn: Connection, *, after: int = 0, films: int | None = None
              ) -> list[ConflictRecord]:  # fmt: skip
    """Every (film, property) whose sources disagree, or did until a curator decided; with
    ``films``, those of the first ``films`` films whose id is above ``after`` (keyset
    paging: the next page starts after the last film of this one).

    Each a :class:`ConflictRecord` (``to_json()``: ``{"film": {"id", "title", "year"},
    "property", "status": "conflict" | "overridden", "believed": [value, ...], "values":
    [fact, ...]}``); the facts are those of ``film_record`` (sources with their sentence)
    in dispute only."""
    query = select(facts.c.entity_id, facts.c.property).where(_DISPUTED)
    if after or films is not None:
        page = (select(facts.c.entity_id).where(_DISPUTED, facts.c.entity_id > after)
                .distinct().order_by(facts.c.entity_id).limit(films))
        query = query.where(facts.c.entity_id.in_(page.scalar_subquery()))
    rows = conn.execute(query.distinct().order_by(facts.c.entity_id, facts.c.property)).all()
    out: list[ConflictRecord] = []
    disputed_props: defaultdict[int, list[str]] = defaultdict(list)
    for film_id, prop in sorted(rows, key=lambda r: (r[0], _ORDER.get(r[1], 99))):
        disputed_props[film_id].append(prop)
    ids = list(disputed_props)
    props = sorted({r[1] for r in rows})  # only the disputed properties' facts are read
    for i in range(0, len(ids), BATCH):  # a batch of records held at a time, not every one
        for record in film_records(conn, ids[i:i + BATCH], sentences=True, reception=False,
                                   properties=props):
            for prop in disputed_props[record.id]:
                disputed = [f for f in record.facts.get(prop, []) if f.status != "agreed"]
                status = ("conflict" if any(f.status == "conflict" for f in disputed)
                          else "overridden")
                out.append(ConflictRecord(WorkRef(record.id, record.title, record.year), prop,
                                          status, [f.value for f in disputed if f.believed],
                                          disputed))
    return out


def override_history(conn: Connection, film_id: int) -> list[dict[str, Any]]:
    """Every curator override of a film, active or undone, oldest first."""
    rows = conn.execute(
        select(overrides)
        .where(overrides.c.entity_id == film_id)
        .order_by(overrides.c.created_at, overrides.c.id)
    )
    return [
        {
            "id": r.id,
            "property": r.property,
            "value": r.value,
            "qualifiers": r.qualifiers or {},
            "reason": r.reason,
            "created_at": r.created_at,
            "undone_at": r.undone_at,
            "active": r.undone_at is None,
        }
        for r in rows
    ]


def find_entities(conn: Connection, name: str, types: tuple[str, ...]) -> list[dict[str, Any]]:
    """Entities of these types whose name or an alias matches ``name`` (folded)."""
    query = _named(name_key(name), entities.c.type.in_(types), by_alias=True)
    rows = conn.execute(  # a full name before an alias
        query.order_by(query.selected_columns.by_alias, query.selected_columns.id))
    return [{"id": r.id, "type": r.type, "name": r.name, "year": r.year or None,
             "by_alias": bool(r.by_alias)} for r in rows]


def find_by_surname(conn: Connection, surname: str) -> list[dict[str, Any]]:
    """People whose name ends with this surname ("Quillfeather" -> "Charlie Quillfeather")."""
    key = name_key(surname)
    if not key or " " in key:
        return []
    rows = conn.execute(
        select(entities.c.id, entities.c.type, entities.c.name, entities.c.year)
        .where(entities.c.type == EntityType.PERSON, entities.c.key.like(f"% {key}"))
        .order_by(entities.c.id)
    )
    return [{"id": r.id, "type": r.type, "name": r.name, "year": r.year or None,
             "by_alias": True} for r in rows]
