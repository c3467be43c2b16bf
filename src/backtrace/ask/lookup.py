"""What a question's slot names: films and people, found as the store links them.

A film reference is read by the small grammar of ``grammar.FILM_REFS`` ("the 1926 film
The General", "The General (1926)"), then looked up by title key and aliases, as
``queries.find_films`` does ("Creed II" = "Creed 2"). A person by name or alias (as
``queries.find_entities``), a surname alone (as ``queries.find_by_surname``), or a familiar
given name with the surname ("Sly Stallone", the identity rules' ``given_fit``). When
none of these finds anything, a misspelling is repaired with rapidfuzz over every stored
title or name, strictly: only one close name, numbers equal ("Rocky II" is never
"Rocky III"), so that a guess does not become a wrong answer.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz, process, utils
from sqlalchemy import Connection, bindparam, func, or_, select, text, union

from backtrace.ask.grammar import FILM_REFS, FREE_SLOTS, PERSON_REFS, READERS, REF_MACROS
from backtrace.ask.matcher import Matcher
from backtrace.ask.records import Entity
from backtrace.keys import clean_title, name_key, title_key
from backtrace.model import EntityType
from backtrace.people import canonical_given_names
from backtrace.resolve.identity import block_key, given_fit, parse_name
from backtrace.store import search as fts
from backtrace.store.schema import aliases, claims, documents, entities

FILM_CUTOFF = 90.0  # rapidfuzz ratio of a misspelt title to the stored one
PERSON_CUTOFF = 90.0
SURNAME_CUTOFF = 85.0
MIN_FUZZY_LENGTH = 5  # shorter names are not repaired: too many are one letter apart
_NUMBER = re.compile(r"\b(\d+|ii|iii|iv|v|vi|vii|viii|ix|x|xi|xii)\b")
_QUOTES = "\"'“”‘’«»`"

# Entities of a type whose key or an alias's key is ``key``: the store's find functions ask
# the same with one OR over an outer join, which SQLite answers by reading every entity of
# the type; a union of the two indexed lookups reads a few rows.
_BY_KEY = union(
    select(entities.c.id, entities.c.type, entities.c.name, entities.c.year,
           entities.c.key).where(entities.c.type.in_(bindparam("types", expanding=True)),
                                 entities.c.key == bindparam("key")),
    select(entities.c.id, entities.c.type, entities.c.name, entities.c.year, entities.c.key)
    .join(aliases, aliases.c.entity_id == entities.c.id)
    .where(entities.c.type.in_(bindparam("types", expanding=True)),
           aliases.c.key == bindparam("key")),
)


@dataclass(frozen=True, slots=True)
class Named:
    """An entity found by a name: by an alias (or a surname), or by its own name."""

    entity: Entity
    by_alias: bool

    @property
    def id(self) -> int:
        return self.entity.id or 0

    @property
    def name(self) -> str:
        return self.entity.name


def _named(r: Any, by_alias: bool) -> Named:
    return Named(Entity(r.type, r.id, r.name, r.year or None), by_alias)


def by_key(conn: Connection, key: str, types: tuple[str, ...]) -> list[Named]:
    """Entities of ``types`` named ``key`` (folded) or with an alias of that key; those
    whose own key it is first, then by id."""
    rows = conn.execute(_BY_KEY, {"key": key, "types": list(types)}).all()
    rows.sort(key=lambda r: (r.key != key, r.id))
    return [_named(r, r.key != key) for r in rows]


def people_of_surname(conn: Connection, surname: str) -> list[Named]:
    """People whose name ends with ``surname`` (folded, particles glued as the identity
    rules glue them), as ``queries.find_by_surname``; through the search index when the
    store has one (a look-up, not a scan of every person)."""
    key = name_key(surname)
    if not key:
        return []
    rows: list[Any] = []
    if fts.available(conn):
        expr = " ".join(f'"{w}"' for w in key.split())
        rows = conn.execute(text(
            "SELECT e.id, e.type, e.name, e.year, e.key FROM search_entities "
            "JOIN entities e ON e.id = search_entities.rowid "
            "WHERE search_entities MATCH :q AND e.type = 'person' ORDER BY e.id LIMIT 500"),
            {"q": expr}).all()
    if not rows:  # no index, or one not brought up to date: read the entities
        rows = conn.execute(
            select(entities.c.id, entities.c.type, entities.c.name, entities.c.year,
                   entities.c.key)
            .where(entities.c.type == EntityType.PERSON,
                   entities.c.key.like(f"% {key.replace(' ', '%')}"))
            .order_by(entities.c.id)).all()
    glued = key.replace(" ", "")
    return [_named(r, True) for r in rows
            if " " in r.key and (r.key.endswith(f" {key}") or block_key(r.key) == glued)]


def films_titled(conn: Connection, title: str) -> list[Entity]:
    """``queries.find_films`` by indexed lookups: the films of a title, newest first."""
    title, year = clean_title(title)
    found = [n.entity for n in by_key(conn, title_key(title), (EntityType.FILM,))]
    if year:
        found = [f for f in found if f.year == year]
    found.sort(key=lambda f: (-(f.year or 0), f.id or 0))
    return found


@dataclass(slots=True)
class Found:
    """What a slot names: the entities (best first), how they were found, and the text."""

    entities: list[Entity] = field(default_factory=list)
    how: str = "none"  # exact | alias | surname | familiar | fuzzy | none
    text: str = ""
    year: int | None = None  # the year the reference gives, if any
    near_year: bool = False  # no film of that year: the one of a year next to it
    others: list[Entity] = field(default_factory=list)  # the title's other years


def clean_slot(text: str) -> str:
    """The slot as a name: spacing folded, wrapping quotes and stray punctuation gone."""
    text = " ".join(text.split())
    while text and (text[0] in _QUOTES or text[-1] in _QUOTES or text[-1] in ",;:"):
        if text[0] in _QUOTES and text[-1] in _QUOTES and len(text) > 1:
            text = text[1:-1].strip()
        elif text[0] in _QUOTES:
            text = text[1:].strip()
        else:
            text = text[:-1].strip()
    return text


class Names:
    """Every film title and person name of a store, for repairing misspellings; loaded on
    first use and again when the store has new entities."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._loaded: dict[str, tuple[int, list[tuple[int, str]], list[str]]] = {}

    def _choices(self, conn: Connection, etype: str) -> tuple[list[tuple[int, str]], list[str]]:
        # entity ids only grow: a new largest id means new names (a merge only removes)
        newest = conn.execute(select(func.max(entities.c.id))).scalar() or 0
        with self._lock:
            held = self._loaded.get(etype)
            if held is not None and held[0] == newest:
                return held[1], held[2]
            rows = conn.execute(select(entities.c.id, entities.c.name)
                                .where(entities.c.type == etype).order_by(entities.c.id)).all()
            names = [(r.id, r.name) for r in rows]
            keys = [utils.default_process(r.name) for r in rows]
            self._loaded[etype] = (newest, names, keys)
            return names, keys

    def close(self, conn: Connection, etype: str, text: str, cutoff: float) -> list[int]:
        """Ids of the entities whose name is within ``cutoff`` of ``text``, best first."""
        names, keys = self._choices(conn, etype)
        wanted = utils.default_process(text)
        if len(wanted) < MIN_FUZZY_LENGTH:
            return []
        found = process.extract(wanted, keys, scorer=fuzz.ratio, processor=None, limit=5,
                                score_cutoff=cutoff)
        numbers = set(_NUMBER.findall(wanted))
        return [names[i][0] for _, _, i in found if set(_NUMBER.findall(keys[i])) == numbers]


_FILM_REFS = Matcher(FILM_REFS, REF_MACROS, READERS, FREE_SLOTS)
_PERSON_REFS = Matcher(PERSON_REFS, REF_MACROS, READERS, FREE_SLOTS)


def film_readings(text: str) -> list[tuple[str, int | None]]:
    """(title, year) readings of a film reference: as written first, then the grammar's."""
    text = clean_slot(text)
    out: list[tuple[str, int | None]] = [(text, None)] if text else []
    for parse in _FILM_REFS.parses(text):
        reading = (clean_slot(parse.slots["title"]), parse.slots.get("year"))
        if reading[0] and reading not in out:
            out.append(reading)
    return out


def prominence(conn: Connection, ids: list[int]) -> dict[int, tuple[int, int, int]]:
    """Per film: documents about it, other documents naming it in passing, and the length
    of its own documents: the better-known film of a title first."""
    docs: dict[int, int] = {}
    length: dict[int, int] = {}
    named: dict[int, int] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        for r in conn.execute(select(documents.c.film_id, func.count(),
                                     func.sum(func.length(documents.c.text)))
                              .where(documents.c.film_id.in_(chunk))
                              .group_by(documents.c.film_id)):
            docs[r[0]], length[r[0]] = r[1], r[2] or 0
        named.update(conn.execute(
            select(claims.c.subject_id, func.count(func.distinct(claims.c.document_id)))
            .join(documents, documents.c.id == claims.c.document_id)
            .where(claims.c.subject_id.in_(chunk),
                   or_(documents.c.film_id.is_(None),
                       documents.c.film_id != claims.c.subject_id))
            .group_by(claims.c.subject_id)).tuples().all())
    return {i: (docs.get(i, 0), named.get(i, 0), length.get(i, 0)) for i in ids}


def find_film(conn: Connection, text: str, names: Names | None = None) -> Found:
    """The films a film reference names, best known first."""
    readings = film_readings(text)
    for title, year in readings:
        found = films_titled(conn, title) if title_key(title) else []
        if not found:
            continue
        films = found
        if year is not None:
            same = [f for f in films if f.year == year]
            near = [f for f in films if f.year and abs(f.year - year) == 1]
            if not same and not near:
                return Found([], "exact", title, year, others=films)
            return _ranked(conn, Found(same or near, "exact", title, year, near_year=not same))
        return _ranked(conn, Found(films, "exact", title))
    if names is None or not readings:
        return Found(text=clean_slot(text))
    for title, year in readings:
        ids = names.close(conn, EntityType.FILM, title, FILM_CUTOFF)
        if not ids:
            continue
        rows = conn.execute(select(entities.c.id, entities.c.name, entities.c.year)
                            .where(entities.c.id.in_(ids))).all()
        by_id = {r.id: Entity(EntityType.FILM, r.id, r.name, r.year or None) for r in rows}
        films = [by_id[i] for i in ids if i in by_id]
        # one title only: two different close titles is a guess, not a repair
        if len({title_key(f.name) for f in films}) != 1:
            return Found([], "fuzzy", title, year, others=films)
        if year is not None:
            films = [f for f in films if f.year and abs(f.year - year) <= 1]
        if films:
            return _ranked(conn, Found(films, "fuzzy", title, year))
    return Found(text=readings[0][0])


def _ranked(conn: Connection, found: Found) -> Found:
    if len(found.entities) > 1:
        rank = prominence(conn, [f.id or 0 for f in found.entities])
        found.entities.sort(key=lambda f: tuple(-x for x in rank[f.id or 0]) + (f.year or 0,))
    return found


def person_readings(text: str) -> list[str]:
    text = clean_slot(text)
    out = [text] if text else []
    for parse in _PERSON_REFS.parses(text):
        name = clean_slot(parse.slots["title"])
        if name and name not in out:
            out.append(name)
    return out


def find_person(conn: Connection, text: str, names: Names | None = None) -> Found:
    """The people a name names: several when it fits more than one (the caller asks)."""
    readings = person_readings(text)
    for name in readings:
        if not name_key(name):
            continue
        found = by_key(conn, name_key(name), (EntityType.PERSON,))
        if len(name_key(name).split()) == 1:
            # one word: the people of that surname, and those a text called by it; an
            # entity named by the word alone is only a fallback
            full = [f for f in found if len(f.name.split()) > 1]
            known = {f.id for f in full}
            full += [f for f in people_of_surname(conn, name) if f.id not in known]
            if full:
                return Found([f.entity for f in full], "surname", name)
        if found:
            named = [f for f in found if not f.by_alias]
            return Found([f.entity for f in (named or found)],
                         "exact" if named else "alias", name)
        if len(name_key(name).split()) == 1:
            continue
        familiar = _familiar(conn, name)
        if familiar:
            return Found(familiar, "familiar", name)
    if names is None:
        return Found(text=readings[0] if readings else "")
    for name in readings:
        if len(name.split()) < 2:
            continue
        ids = names.close(conn, EntityType.PERSON, name, PERSON_CUTOFF)
        rows = {r.id: r for r in conn.execute(
            select(entities.c.id, entities.c.name).where(entities.c.id.in_(ids)))}
        wanted = parse_name(name)
        people = []
        for i in ids:
            row = rows.get(i)
            cand = parse_name(row.name) if row else None
            if row and wanted and cand and fuzz.ratio(wanted.surname, cand.surname) >= \
                    SURNAME_CUTOFF and _same_initial(wanted.given, cand.given):
                people.append(Entity(EntityType.PERSON, row.id, row.name))
        if people:
            return Found(people[:1] if len(people) == 1 else people, "fuzzy", name)
    return Found(text=readings[0] if readings else "")


def _same_initial(asked: tuple[str, ...], stored: tuple[str, ...]) -> bool:
    """Whether a misspelt given name may be the stored one: a slip keeps the first letter
    ("Jhon" for "John"); another letter makes another name ("Nick" is not "Rick", "Dan"
    not "Adain")."""
    return not asked or not stored or asked[0][:1] == stored[0][:1]


def _familiar_form(asked: str, stored: str) -> bool:
    """Whether the given name asked is a usual short form of the stored one ("sly" of
    "sylvester", "syd" of "sydney")."""
    if stored in canonical_given_names(asked):
        return True
    return len(asked) >= 3 and stored.startswith(asked)


def _familiar(conn: Connection, name: str) -> list[Entity]:
    """People of the same surname whose given names fit ("Sly" / "Sylvester")."""
    wanted = parse_name(name)
    if wanted is None or not wanted.given:
        return []
    out = []
    for r in people_of_surname(conn, name.split()[-1]):
        cand = parse_name(r.name)
        if cand is None or cand.surname != wanted.surname or cand.suffix != wanted.suffix:
            continue
        rule = given_fit(wanted.given, cand.given)
        # initials ("D. W. Griffith"), a middle name left out ("Edward Locke"), or a
        # familiar form of the stored given name for as many given names ("Sly Stallone"
        # for Sylvester): not the other way round ("Ivan" is no familiar form of "John")
        if rule in ("initials", "middle") or (
                rule == "familiar" and len(wanted.given) == len(cand.given)
                and _familiar_form(wanted.given[0], cand.given[0])):
            out.append(Entity(EntityType.PERSON, r.id, r.name))
    return out
