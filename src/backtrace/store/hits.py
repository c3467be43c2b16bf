"""Search hits, and what tells them apart: a film's year and directors, a person's
best-known works and main role (four people called alike are four different lines).

The hits are dataclasses (:class:`EntityHit`, :class:`DocumentHit`); ``to_json`` gives the
dict the JSON API and the web pages show, at the edge. The context is read by read-only
queries over a page of hits (a few dozen ids), run in the search's transaction.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, func, select

from backtrace.model import PROPERTIES
from backtrace.store.schema import claims, entities, facts, reviews
from backtrace.vocabulary import ROLE_NOUNS

KNOWN_FOR = 3  # works shown with a person found
_ORDER = {p: i for i, p in enumerate(PROPERTIES)}


@dataclass(frozen=True, slots=True)
class KnownWork:
    """A work a person found is known for."""

    id: int
    type: str
    title: str
    year: int | None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "type": self.type, "title": self.title, "year": self.year}


@dataclass(frozen=True, slots=True)
class Credits:
    """What tells a person found apart: the works crediting them most, the role they are
    credited in on most works (or "critic (N reviews)", or None) and how many works
    credit them."""

    known_for: list[KnownWork] = field(default_factory=list)
    role: str | None = None
    works: int = 0


@dataclass(slots=True)
class EntityHit:
    """A film or a person found: by the index (``score`` lower is better, as bm25's) or by
    its spelling (``score`` 0 to 100, higher is better). :func:`add_context` gives a film
    its ``directors`` and a person its ``credits``."""

    id: int
    type: str
    name: str
    year: int | None
    score: float
    directors: list[str] | None = None
    credits: Credits | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "type": self.type, "name": self.name,
                               "year": self.year, "score": self.score}
        if self.directors is not None:
            out["directors"] = self.directors
        if self.credits is not None:
            out.update(known_for=[w.to_json() for w in self.credits.known_for],
                       role=self.credits.role, works=self.credits.works)
        return out


@dataclass(frozen=True, slots=True)
class SnippetPiece:
    """A piece of a document's snippet: a match of the query, or the text between."""

    text: str
    match: bool

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "match": self.match}


@dataclass(frozen=True, slots=True)
class DocumentHit:
    """A document found, with the words around a match."""

    id: str
    path: str
    kind: str
    title: str | None
    date: str | None
    film_id: int | None
    snippet: list[SnippetPiece]
    score: float | None  # None: found among more than can be ranked (the newest first)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "path": self.path, "kind": self.kind, "title": self.title,
                "date": self.date, "film_id": self.film_id,
                "snippet": [p.to_json() for p in self.snippet], "score": self.score}


def film_directors(conn: Connection, ids: list[int]) -> dict[int, list[str]]:
    """The believed directors of each film of ``ids``, in the film's order."""
    found: dict[int, list[str]] = {i: [] for i in ids}
    if not ids:
        return found
    for film, value in conn.execute(
            select(facts.c.entity_id, facts.c.value)
            .where(facts.c.entity_id.in_(ids), facts.c.property == "director",
                   facts.c.believed.is_(True))
            .order_by(facts.c.entity_id, facts.c.position)):  # fmt: skip
        found[film].append(str(value))
    return found


def person_credits(conn: Connection, ids: list[int]) -> dict[int, Credits]:
    """Each person's :class:`Credits`: the works crediting them most (in most roles, then
    named most often; at most :data:`KNOWN_FOR`), the role they are credited in on most
    works (for one credited on none: "critic (N reviews)" when they wrote reviews, else
    None) and how many works credit them."""
    if not ids:
        return {}
    rows = conn.execute(
        select(claims.c.value_entity_id, claims.c.subject_id, claims.c.property, func.count())
        .where(claims.c.value_entity_id.in_(ids), claims.c.subject_id.is_not(None))
        .group_by(claims.c.value_entity_id, claims.c.subject_id, claims.c.property)
    ).all()
    roles: dict[int, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    mentions: dict[tuple[int, int], int] = defaultdict(int)
    for person, work, prop, n in rows:
        roles[person][work].add(prop)
        mentions[person, work] += n
    works = {w for by_work in roles.values() for w in by_work}
    titles = {r.id: r for r in conn.execute(select(
        entities.c.id, entities.c.type, entities.c.name, entities.c.year)
        .where(entities.c.id.in_(works)))}
    out: dict[int, Credits] = {}
    for person in ids:
        by_work = roles.get(person, {})
        best = sorted(by_work, key=lambda w: (-len(by_work[w]), -mentions[person, w],
                                              titles[w].name, w))[:KNOWN_FOR]
        out[person] = Credits(
            [KnownWork(w, titles[w].type, titles[w].name, titles[w].year or None) for w in best],
            _main_role(by_work), len(by_work))
    uncredited = [p for p in ids if out[p].role is None]
    if uncredited:  # one credited on nothing who wrote reviews is found as a critic
        for person, n in conn.execute(
            select(reviews.c.critic_id, func.count())
            .where(reviews.c.critic_id.in_(uncredited)).group_by(reviews.c.critic_id)
        ):
            known = out[person]
            out[person] = Credits(known.known_for, f"critic ({n} review{'' if n == 1 else 's'})",
                                  known.works)
    return out


def _main_role(by_work: dict[int, set[str]]) -> str | None:
    """The role credited on most works (the earlier property of ``PROPERTIES`` on a tie)."""
    counts: dict[str, int] = defaultdict(int)
    for props in by_work.values():
        for prop in props:
            counts[prop] += 1
    if not counts:
        return None
    prop = min(counts, key=lambda p: (-counts[p], _ORDER.get(p, len(_ORDER)), p))
    return ROLE_NOUNS.get(prop, prop.replace("_", " "))


def add_context(conn: Connection, films: list[EntityHit], people: list[EntityHit]) -> None:
    """Each film hit gets its ``directors``; each person hit its ``credits``."""
    directors = film_directors(conn, [f.id for f in films])
    for film in films:
        film.directors = directors.get(film.id, [])
    credits = person_credits(conn, [p.id for p in people])
    for person in people:
        person.credits = credits.get(person.id, Credits())
