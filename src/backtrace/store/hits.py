"""What tells search hits apart: a film's year and directors, a person's best-known works
and main role (four people called alike are four different lines).

Read-only queries over a page of hits (a few dozen ids), run in the search's transaction.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import Connection, func, select

from backtrace.model import PROPERTIES
from backtrace.store.schema import claims, entities, facts, reviews
from backtrace.vocabulary import ROLE_NOUNS

KNOWN_FOR = 3  # works shown with a person found
_ORDER = {p: i for i, p in enumerate(PROPERTIES)}


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


def person_credits(conn: Connection, ids: list[int]) -> dict[int, dict[str, Any]]:
    """Each person of ``ids``: ``{"known_for": [{"id", "type", "title", "year"}, ...], "role",
    "works"}``: the works crediting them most (in most roles, then named most often; at
    most :data:`KNOWN_FOR`), the role they are credited in on most works (for one credited
    on none: "critic (N reviews)" when they wrote reviews, else None) and how many works
    credit them."""
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
    out = {}
    for person in ids:
        by_work = roles.get(person, {})
        best = sorted(by_work, key=lambda w: (-len(by_work[w]), -mentions[person, w],
                                              titles[w].name, w))[:KNOWN_FOR]
        out[person] = {
            "known_for": [{"id": w, "type": titles[w].type, "title": titles[w].name,
                           "year": titles[w].year or None} for w in best],
            "role": _main_role(by_work),
            "works": len(by_work),
        }
    uncredited = [p for p in ids if out[p]["role"] is None]
    if uncredited:  # one credited on nothing who wrote reviews is found as a critic
        for person, n in conn.execute(
            select(reviews.c.critic_id, func.count())
            .where(reviews.c.critic_id.in_(uncredited)).group_by(reviews.c.critic_id)
        ):
            out[person]["role"] = f"critic ({n} review{'' if n == 1 else 's'})"
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


def add_context(conn: Connection, films: list[dict[str, Any]],
                people: list[dict[str, Any]]) -> None:
    """Each film hit gets ``directors``; each person hit ``known_for``, ``role``, ``works``."""
    directors = film_directors(conn, [f["id"] for f in films])
    for film in films:
        film["directors"] = directors.get(film["id"], [])
    credits = person_credits(conn, [p["id"] for p in people])
    for person in people:
        person.update(credits.get(person["id"], {"known_for": [], "role": None, "works": 0}))
