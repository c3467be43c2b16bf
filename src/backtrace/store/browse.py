"""Browsing the films and the people of a store a page at a time: films filtered by year
or decade, genre, country and language, sorted by title or by year; people by the role
they are credited in; keyset paging throughout (a page starts after the last row of the one
before, so page 400 costs what page 1 does)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Integer, and_, exists, func, literal_column, or_, select

from backtrace.keys import name_key
from backtrace.model import PROPERTIES, EntityType
from backtrace.store.schema import claims, entities, facts

PAGE = 50
SORTS = ("title", "year")


def _rows(n: int) -> Any:
    """``LIMIT n`` written into the SQL, not bound: told how few rows a page needs,
    SQLite walks an index in the page's order and stops (a bound limit made it walk
    ``ix_entities_key`` past a million films to find 51 directors: 0.15 s, not 0.3 ms)."""
    return literal_column(str(int(n)), Integer)


@dataclass(frozen=True, slots=True)
class FilmFilter:
    """What a list of films is narrowed to (None: anything)."""

    year: int | None = None
    decade: int | None = None  # 1920 for the 1920s
    genre: str | None = None
    country: str | None = None
    language: str | None = None

    def query(self) -> dict[str, Any]:
        """The filter as the query string's parameters (the ones set)."""
        return {k: v for k in ("year", "decade", "genre", "country", "language")
                if (v := getattr(self, k)) not in (None, "")}


def _believed(prop: str, keys: list[str]) -> Any:
    """A film has a believed fact of ``prop`` whose value key is one of ``keys``."""
    return exists().where(facts.c.entity_id == entities.c.id, facts.c.property == prop,
                          facts.c.believed.is_(True), facts.c.value_key.in_(keys))


def _conditions(conn: Connection, f: FilmFilter, sort: str) -> list[Any]:
    where: list[Any] = [entities.c.type == EntityType.FILM]
    if f.year:
        where.append(entities.c.year == f.year)
    if f.decade:
        # sorted by title, a decade of many films is read along ix_entities_type_name,
        # stopping at the page's end (``year + 0``: not by the year's index, then sorting
        # the whole decade); a decade of few is read by its years and sorted
        year = entities.c.year
        if sort == "title" and not f.year and _dense(conn, f.decade):
            year = year + 0
        where.append(year.between(f.decade, f.decade + 9))
    if f.genre:
        where.append(_believed("genre", [name_key(f.genre)]))
    if f.language:
        where.append(_believed("original_language", [name_key(f.language)]))
    if f.country:  # a country is a place entity: its facts' value key is "e:<id>"
        places = conn.execute(select(entities.c.id).where(
            entities.c.type == EntityType.PLACE, entities.c.key == name_key(f.country)))
        where.append(_believed("country_of_origin",
                               [f"e:{p}" for p in places.scalars()] or ["-"]))
    return where


def _after(conn: Connection, sort: str, after: int) -> Any:
    """The keyset condition: the films sorted after the film ``after`` (with a bound the
    index can seek to, ``name >=`` or ``year >=``, so a later page starts where the one
    before ended rather than at the first film)."""
    last = conn.execute(select(entities.c.name, entities.c.year)
                        .where(entities.c.id == after)).one_or_none()
    if last is None:
        return entities.c.id > after
    name, year = last.name, last.year or 0
    by_name = or_(entities.c.name > name, and_(entities.c.name == name, entities.c.id > after))
    if sort == "title":
        return and_(entities.c.name >= name, by_name)
    return and_(entities.c.year >= year,
                or_(entities.c.year > year, and_(entities.c.year == year, by_name)))


DENSE = 2000  # a decade with more films than this is read in title order, not sorted


def _dense(conn: Connection, decade: int) -> bool:
    """Whether the decade holds more than :data:`DENSE` films (counted up to that many, by
    ``ix_entities_type_year``)."""
    some = (select(entities.c.id).where(entities.c.type == EntityType.FILM,
                                        entities.c.year.between(decade, decade + 9))
            .limit(_rows(DENSE + 1)).subquery())
    return conn.execute(select(func.count()).select_from(some)).scalar_one() > DENSE


def browse_films(conn: Connection, f: FilmFilter, *, sort: str = "title",
                 after: int | None = None, limit: int = PAGE
                 ) -> tuple[list[dict[str, Any]], int | None]:  # fmt: skip
    """A page of films ``{"id", "title", "year", "directors"}`` and the id to start the next
    page after (None on the last page)."""
    where = _conditions(conn, f, sort)
    if after is not None:
        where.append(_after(conn, sort, after))
    order = [entities.c.name, entities.c.id]
    if sort == "year":
        order = [entities.c.year, *order]
    rows = conn.execute(select(entities.c.id, entities.c.name, entities.c.year)
                        .where(*where).order_by(*order).limit(_rows(limit + 1))).all()
    more = len(rows) > limit
    rows = rows[:limit]
    directors: dict[int, list[str]] = {r.id: [] for r in rows}
    for film, value in conn.execute(
            select(facts.c.entity_id, facts.c.value)
            .where(facts.c.entity_id.in_(list(directors)), facts.c.property == "director",
                   facts.c.believed.is_(True)).order_by(facts.c.entity_id, facts.c.position)):
        directors[film].append(str(value))
    films = [{"id": r.id, "title": r.name, "year": r.year or None, "directors": directors[r.id]}
             for r in rows]
    return films, (rows[-1].id if more and rows else None)


# the roles people are browsed by: every property whose value is a person
ROLES = tuple(p for p, d in PROPERTIES.items() if d.value_type == "person")


FEW = 3000  # a role credited by at most this many claims is listed from its holders


def _few_holders(conn: Connection, role: str) -> list[int] | None:
    """Everyone credited in ``role`` when at most :data:`FEW` claims credit it (narrators,
    editors), read by ``ix_claims_property_value``; None when more (cast: probing people
    in name order finds a page sooner). The claims are counted first, up to ``FEW + 1`` of
    them, from the index alone and in SQL: a common role costs one row, not 3,001."""
    some = (select(claims.c.value_entity_id)
            .where(claims.c.property == role, claims.c.value_entity_id.is_not(None))
            .limit(_rows(FEW + 1)).subquery())
    if conn.execute(select(func.count()).select_from(some)).scalar_one() > FEW:
        return None
    found = conn.execute(
        select(claims.c.value_entity_id.distinct()).where(
            claims.c.property == role, claims.c.value_entity_id.is_not(None),
            claims.c.subject_id.is_not(None))).scalars().all()
    return sorted(found)


def browse_people(conn: Connection, role: str | None = None, *, after: int | None = None,
                  limit: int = PAGE) -> tuple[list[dict[str, Any]], int | None]:
    """A page of people ``{"id", "name", "films"}`` (``films``: how many works credit them,
    in ``role`` when given), by name (its folded key), and the id to start the next page
    after."""
    credited = [claims.c.value_entity_id == entities.c.id, claims.c.subject_id.is_not(None)]
    if role:
        credited.append(claims.c.property == role)
    holders = _few_holders(conn, role) if role else None
    kind, key = entities.c.type, entities.c.key
    if holders is not None:
        # a rare role's few holders looked up by id and sorted: ``|| ''`` keeps the planner
        # off the (type, key) index, whose walk in name order would test every person
        kind, key = kind + "", key + ""
    # else each person in name order is probed, until a page is found
    where = [kind == EntityType.PERSON,
             entities.c.id.in_(holders) if holders is not None else exists().where(*credited)]
    if after is not None:  # by key (indexed; the name folded), then id
        last = conn.execute(select(entities.c.key).where(entities.c.id == after)).scalar()
        where.append(entities.c.id > after if last is None else and_(
            key >= last, or_(key > last, and_(key == last, entities.c.id > after))))
    rows = conn.execute(select(entities.c.id, entities.c.name).where(*where)
                        .order_by(entities.c.key, entities.c.id).limit(_rows(limit + 1))).all()
    more = len(rows) > limit
    rows = rows[:limit]
    count = (select(claims.c.value_entity_id, func.count(claims.c.subject_id.distinct()))
             .where(claims.c.value_entity_id.in_([r.id for r in rows]),
                    claims.c.subject_id.is_not(None))
             .group_by(claims.c.value_entity_id))
    if role:
        count = count.where(claims.c.property == role)
    films = dict(conn.execute(count).all())
    people = [{"id": r.id, "name": r.name, "films": films.get(r.id, 0)} for r in rows]
    return people, (rows[-1].id if more and rows else None)
