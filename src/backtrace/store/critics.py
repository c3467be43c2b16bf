"""Critics as people of the store, outlets under one name (issue 22).

A review's critic is linked to the person of the store their name keys to
(``reviews.critic_id``), as a credit links the person it names: a critic credited on a film
elsewhere is that one person, and a critic who only wrote reviews is a person too, with a
page and a place in search. A review's outlet is kept with its key
(``reviews.outlet_key``, :func:`backtrace.keys.outlet_key`): "the Los Angeles Times",
"Los Angeles Times" and "L.A. Times" are one outlet, shown under the name most of its
reviews write (:func:`outlet_names`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import Connection, bindparam, func, select, update

from backtrace.keys import name_key, outlet_key
from backtrace.model import EntityType
from backtrace.people import name_parts
from backtrace.store.schema import aliases, reviews
from backtrace.store.sql import chunked, insert_ignoring_duplicates

MAX_NAME_WORDS = 5


def is_critic_name(name: str | None) -> bool:
    """Whether a review's critic reads as a person's name: two to five words, no digits
    ("Mara Quint"; not "Staff", not "Reviewer 2")."""
    if not name or any(c.isdigit() for c in name) or len(name.split()) > MAX_NAME_WORDS:
        return False
    return name_parts(name) is not None and bool(name_key(name))


def critic_entity(conn: Connection, name: str) -> int:
    """The person ``name`` keys to (one merged into another: that other), created with the
    name as its alias when the store has none; for a store written without the ingest's
    resolver (the migration, a caller with no resolver)."""
    from backtrace.store.entity_index import EntityIndex  # writing only: reading commands
    # never load the resolver it is built on (tests/test_cli_startup.py)

    index = EntityIndex(conn)
    key = name_key(name)
    found = index.find_entities(EntityType.PERSON, key)
    if found:
        return found[0][0]
    person = index.create_entity(EntityType.PERSON, name, key, 0)
    conn.execute(insert_ignoring_duplicates(conn, aliases),
                 [{"entity_id": person, "alias": name, "key": key, "reason": None}])
    return person


def outlet_names(conn: Connection, keys: Iterable[str]) -> dict[str, str]:
    """Each outlet key -> the name its reviews write most (on a tie, the first in order)."""
    wanted = sorted(set(keys))
    counts: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for chunk in chunked(wanted):
        for key, outlet, n in conn.execute(
            select(reviews.c.outlet_key, reviews.c.outlet, func.count())
            .where(reviews.c.outlet_key.in_(chunk), reviews.c.outlet.is_not(None))
            .group_by(reviews.c.outlet_key, reviews.c.outlet)
        ):
            counts[key].append((-n, outlet))
    return {key: min(forms)[1] for key, forms in counts.items()}


def link_critics(conn: Connection) -> int:
    """Give every stored review its critic's person and its outlet's key (the migration
    ``0010_critics``, for reviews stored before them). Returns how many critics were linked."""
    rows = conn.execute(select(reviews.c.id, reviews.c.critic, reviews.c.outlet)).all()
    people: dict[str, int] = {}
    changes = []
    for r in rows:
        critic_id = None
        if is_critic_name(r.critic):
            if r.critic not in people:
                people[r.critic] = critic_entity(conn, r.critic)
            critic_id = people[r.critic]
        key = outlet_key(r.outlet) if r.outlet else None
        if critic_id is not None or key is not None:
            changes.append({"rid": r.id, "cid": critic_id, "okey": key})
    if changes:
        conn.execute(
            update(reviews).where(reviews.c.id == bindparam("rid"))
            .values(critic_id=bindparam("cid"), outlet_key=bindparam("okey")),
            changes,
        )
    return sum(1 for c in changes if c["cid"] is not None)
