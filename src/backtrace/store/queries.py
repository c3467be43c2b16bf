"""Read-only queries: a film as a :class:`~backtrace.store.records.FilmRecord`, the disputed
properties as :class:`~backtrace.store.page_records.ConflictRecord` s, the rest as plain
JSON-ready dicts."""

from __future__ import annotations

import json
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterator
from itertools import islice
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    ColumnElement,
    CompoundSelect,
    Connection,
    Integer,
    Select,
    Text,
    bindparam,
    cast,
    func,
    or_,
    select,
    type_coerce,
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
    """Which of these documents the store already holds (not counting a document a Dask
    worker wrote and nothing linked yet, ``seq`` 0: an interrupted ``ingest --dask``'s)."""
    out: set[str] = set()
    for i in range(0, len(doc_ids), 500):
        chunk = doc_ids[i : i + 500]
        out.update(conn.execute(select(documents.c.id).where(
            documents.c.id.in_(chunk), documents.c.seq > 0)).scalars())
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


_FILM_IDS = (select(entities.c.id).where(entities.c.type == EntityType.FILM)
             .order_by(entities.c.name, entities.c.year, entities.c.id))


def film_ids(conn: Connection) -> list[int]:
    """The id of every film, in the order of :func:`list_films` (by title, then year),
    without counting each one's documents and facts (what an export of every film reads
    first)."""
    return list(conn.execute(_FILM_IDS).scalars())


def iter_film_ids(conn: Connection) -> Iterator[int]:
    """:func:`film_ids` a few thousand at a time, as the database reads them (on
    PostgreSQL through a cursor of the server's)."""
    yield from conn.execute(_FILM_IDS.execution_options(yield_per=2000)).scalars()


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
# reads a batch of films at once. The JSON columns are read as their text and decoded here
# (``_json``: most values are short strings, a few texts repeat), not by the column type.
_FILMS = select(entities.c.id, entities.c.name, entities.c.year).where(
    entities.c.id.in_(bindparam("film_ids", expanding=True))
)
_FILM_FACTS = select(  # ``believed`` as stored (0 or 1 on SQLite): made a bool in Python
    facts.c.id, facts.c.entity_id, facts.c.property, cast(facts.c.value, Text),
    cast(facts.c.qualifiers, Text), facts.c.status, type_coerce(facts.c.believed, Integer),
    facts.c.confidence, facts.c.reason, facts.c.position, facts.c.override_id,
).where(facts.c.entity_id.in_(bindparam("film_ids", expanding=True)))  # ordered in Python
# each fact's spans (ordered by document and start in Python: the documents are read once
# each, not once a span, since their order column sits after their text)
_FILM_SOURCES = (
    select(fact_claims.c.fact_id, claims.c.document_id, spans.c.start, spans.c.end,
           spans.c.text)
    .join(claims, claims.c.id == fact_claims.c.claim_id)
    .join(spans, spans.c.id == claims.c.span_id)
    .join(facts, facts.c.id == fact_claims.c.fact_id)
    .where(facts.c.entity_id.in_(bindparam("film_ids", expanding=True)))
)
_SOURCE_DOCUMENTS = select(
    documents.c.id, documents.c.path, documents.c.kind, documents.c.date
).where(documents.c.id.in_(bindparam("doc_ids", expanding=True)))
_DOCUMENT_ORDER = select(documents.c.id, documents.c.seq).where(
    documents.c.id.in_(bindparam("doc_ids", expanding=True)))
_DOCUMENT_TEXTS = select(documents.c.id, documents.c.text, documents.c.sentences).where(
    documents.c.id.in_(bindparam("doc_ids", expanding=True))
)


_FILM_OVERRIDES = select(overrides.c.id, overrides.c.reason, overrides.c.created_at).where(
    overrides.c.entity_id.in_(bindparam("film_ids", expanding=True))
)
BATCH = 200  # films a batch of film_records reads at once

_DECODED: dict[str, Any] = {}  # JSON text -> its value, for the texts of immutable values
_DECODED_MAX = 4096


def _json(text: str | None) -> Any:
    """The value of a JSON column's text, as the column type would give it: a string
    without escapes is its own text, ``{}`` a new dict, a number or constant decoded once."""
    if text is None:
        return None
    if text[0] == '"' and "\\" not in text:
        return text[1:-1]
    if text == "{}":
        return {}
    found = _DECODED.get(text, _DECODED)
    if found is not _DECODED:
        return found
    value = json.loads(text)
    if not isinstance(value, dict | list):  # a new dict or list each time: callers may change it
        if len(_DECODED) >= _DECODED_MAX:
            _DECODED.clear()
        _DECODED[text] = value
    return value


def _sources_by_fact(
    conn: Connection, source_rows: list[Any], *, sentences: bool
) -> dict[int, list[Source]]:
    """Each fact's sources, in document order (then by start); with ``sentences``, each with
    the sentence that holds it."""
    doc_ids = sorted({r[1] for r in source_rows})
    docs = {d[0]: d for d in conn.execute(_SOURCE_DOCUMENTS, {"doc_ids": doc_ids})
            } if doc_ids else {}  # fmt: skip
    texts: dict[str, tuple[str, list[list[int]]]] = {}
    if sentences and doc_ids:
        for d_id, text, sents in conn.execute(_DOCUMENT_TEXTS, {"doc_ids": doc_ids}):
            texts[d_id] = (text, sents)
    by_fact: dict[int, list[Source]] = {}
    for fact_id, doc_id, start, end, text in source_rows:
        if doc_id not in docs:
            continue  # as an inner join would: no span of a document not stored
        _, path, kind, date = docs[doc_id]
        sentence = None
        if sentences:
            whole, sents = texts[doc_id]
            sentence = sentence_around(whole, sents, start, end)
        source = Source(doc_id, path, kind, date, start, end, text, sentence)
        held = by_fact.get(fact_id)
        if held is None:
            by_fact[fact_id] = [source]
        else:
            held.append(source)
    _order_sources([held for held in by_fact.values() if len(held) > 1], conn)
    return by_fact


def _order_sources(many: list[list[Source]], conn: Connection) -> None:
    """Put each list of a fact's sources in document order, then by start and end (a span
    and a longer one from the same place: the same order on every database): the order of
    the documents is read only for the facts stated by more than one (it is the last column
    of a document's row, after its text)."""
    mixed = []
    for held in many:
        if any(s.document != held[0].document for s in held):
            mixed.append(held)
        else:
            held.sort(key=_by_start)
    if mixed:
        doc_ids = sorted({s.document for held in mixed for s in held})
        order = dict(conn.execute(_DOCUMENT_ORDER, {"doc_ids": doc_ids}).all())
        for held in mixed:
            held.sort(key=lambda s: (order[s.document], s.start, s.end))


def _by_start(source: Source) -> tuple[int, int]:
    return source.start, source.end


def _facts_by_property(
    fact_rows: list[Any],
    by_fact: dict[int, list[Source]],
    decisions: dict[int, Override],
    year: bool = False,
) -> dict[str, list[Fact]]:
    """A film's facts by property, in the order of ``PROPERTIES``. Its year is a field of
    the record: the year's facts are listed only when sources dispute it (each value marked
    where the facts are shown), or with ``year``. Each row is a row of ``_FILM_FACTS``."""
    year = year or any(f[2] == "year" and f[5] != "agreed" for f in fact_rows)
    grouped: dict[str, list[Fact]] = {}
    order = _ORDER.get
    for (f_id, _, prop, value, quals, status, believed, confidence, reason, _,
         override_id) in sorted(fact_rows, key=lambda f: (order(f[2], 99), f[9], f[0])):
        if prop == "year" and not year:
            continue  # the year is the record's own field
        fact = Fact(_json(value), _json(quals), status, bool(believed), confidence, reason,
                    by_fact.get(f_id, []), decisions.get(override_id))  # fmt: skip
        held = grouped.get(prop)
        if held is None:
            grouped[prop] = [fact]
        else:
            held.append(fact)
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
    time (a few queries a batch, not a few a film: exports and lists of many films); with
    ``properties``, only the facts of those. A missing id raises ``NoResultFound``."""
    out: list[FilmRecord] = []
    for i in range(0, len(film_ids), BATCH):
        out += _film_batch(conn, list(film_ids[i:i + BATCH]), sentences, reception, properties)
    return out


def _film_batch(conn: Connection, film_ids: list[int], sentences: bool, reception: bool,
                properties: list[str] | None) -> list[FilmRecord]:
    params = {"film_ids": film_ids}
    films = {r[0]: r for r in conn.execute(_FILMS, params)}
    if len(films) < len(set(film_ids)):
        raise NoResultFound(f"no film with id {min(set(film_ids) - set(films))}")
    fact_query, source_query = _FILM_FACTS, _FILM_SOURCES
    if properties is not None:  # the facts of these properties only
        fact_query = fact_query.where(facts.c.property.in_(properties))
        source_query = source_query.where(facts.c.property.in_(properties))
    fact_rows: dict[int, list[Any]] = {i: [] for i in film_ids}
    for f in conn.execute(fact_query, params).all():
        fact_rows[f[1]].append(f)
    by_fact = _sources_by_fact(conn, conn.execute(source_query, params).all(),
                               sentences=sentences)
    decisions = {r[0]: Override(*r) for r in conn.execute(_FILM_OVERRIDES, params)}
    received: dict[int, Reception] = {}
    if reception:
        from backtrace.store.reviews import reception_records  # reviews imports our peers

        received = reception_records(conn, film_ids)
    year = properties is not None and "year" in properties
    out = []
    for film_id in film_ids:
        _, name, film_year = films[film_id]
        grouped = _facts_by_property(fact_rows[film_id], by_fact, decisions, year=year)
        out.append(FilmRecord(film_id, name, film_year or None, grouped,
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
# the films with a disputed fact after a film, by id: two searches of ix_facts_status (one
# a status) merged as they are read (on SQLite), never a scan of every fact
_AFTER = bindparam("after")
_DISPUTED_FILMS = union(
    select(facts.c.entity_id).where(facts.c.status == "conflict", facts.c.entity_id > _AFTER),
    select(facts.c.entity_id).where(facts.c.status == "overridden",
                                    facts.c.believed.is_(False), facts.c.entity_id > _AFTER),
).order_by("entity_id")
_DISPUTED_PAGE = _DISPUTED_FILMS.limit(bindparam("limit"))
_DISPUTED_PROPERTIES = select(facts.c.entity_id, facts.c.property).where(
    facts.c.entity_id.in_(bindparam("film_ids", expanding=True)), _DISPUTED).distinct()


def conflicts(conn: Connection, *, after: int = 0, films: int | None = None,
              sentences: bool = True) -> list[ConflictRecord]:  # fmt: skip
    """Every (film, property) whose sources disagree, or did until a curator decided; with
    ``films``, those of the first ``films`` films whose id is above ``after`` (keyset
    paging: the next page starts after the last film of this one).

    Each a :class:`ConflictRecord` (``to_json()``: ``{"film": {"id", "title", "year"},
    "property", "status": "conflict" | "overridden", "believed": [value, ...], "values":
    [fact, ...]}``); the facts are those of ``film_record`` (sources with their sentence,
    unless ``sentences`` is false: a page that shows how many sources, not what they say)
    in dispute only."""
    return list(iter_conflicts(conn, after=after, films=films, sentences=sentences))


def iter_conflicts(conn: Connection, *, after: int = 0, films: int | None = None,
                   sentences: bool = True) -> Iterator[ConflictRecord]:  # fmt: skip
    """:func:`conflicts` one at a time, by film id then property: the disputed films are
    read as they are found (through ``ix_facts_status``), :data:`BATCH` films a batch, so
    every conflict of a million films is listed in constant memory."""
    if films is None:
        query, params = _DISPUTED_FILMS, {"after": after}
    else:
        query, params = _DISPUTED_PAGE, {"after": after, "limit": films}
    found = conn.execute(query.execution_options(yield_per=BATCH), params).scalars()
    while page := list(islice(found, BATCH)):
        yield from _conflict_page(conn, page, sentences)


def _conflict_page(conn: Connection, film_ids: list[int], sentences: bool = True
                   ) -> Iterator[ConflictRecord]:  # fmt: skip
    """The conflicts of these films (each with a disputed fact), in order."""
    rows = conn.execute(_DISPUTED_PROPERTIES, {"film_ids": film_ids}).all()
    disputed_props: defaultdict[int, list[str]] = defaultdict(list)
    for film_id, prop in sorted(rows, key=lambda r: (r[0], _ORDER.get(r[1], 99), r[1])):
        disputed_props[film_id].append(prop)
    props = sorted({r[1] for r in rows})  # only the disputed properties' facts are read
    for record in film_records(conn, film_ids, sentences=sentences, reception=False,
                               properties=props):
        for prop in disputed_props[record.id]:
            disputed = [f for f in record.facts.get(prop, []) if f.status != "agreed"]
            status = ("conflict" if any(f.status == "conflict" for f in disputed)
                      else "overridden")
            yield ConflictRecord(WorkRef(record.id, record.title, record.year), prop,
                                 status, [f.value for f in disputed if f.believed], disputed)


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
