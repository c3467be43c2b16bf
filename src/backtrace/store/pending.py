"""What one write transaction leaves for the next: kept in the store, not in memory, so it
survives a kill between them and is seen by every writer.

- the **write generation**: a counter each ingest chunk raises; a writer that finds it
  other than it left it knows another process committed since, and forgets its caches of
  names to entities (the other may have merged one of them away);
- the **pending name blocks**: the blocks (``resolve.identity.block_key``) of the people
  each chunk named, for ``ingest.relink_people`` to relink and clear;
- **films without facts**: films some claim is about whose facts were never computed.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, delete, exists, select

from backtrace.store.schema import claims, facts, pending_people, store_meta
from backtrace.store.sql import insert_ignoring_duplicates

GENERATION = "generation"


def generation(conn: Connection) -> int:
    value = conn.execute(
        select(store_meta.c.value).where(store_meta.c.key == GENERATION)
    ).scalar()
    return int(value or 0)


def next_generation(conn: Connection) -> int:
    """Raise the write generation by one (inside a write transaction); return it."""
    new = generation(conn) + 1
    insert = insert_ignoring_duplicates(conn, store_meta)
    conn.execute(insert, {"key": GENERATION, "value": "0"})
    conn.execute(store_meta.update().where(store_meta.c.key == GENERATION).values(value=str(new)))
    return new


def add_blocks(conn: Connection, blocks: Iterable[str]) -> None:
    rows = [{"block": b} for b in sorted(set(blocks)) if b]
    if rows:
        conn.execute(insert_ignoring_duplicates(conn, pending_people), rows)


def take_blocks(conn: Connection) -> set[str]:
    """Every pending block, removed from the store (the caller's transaction relinks
    them: if it rolls back, they are pending again)."""
    blocks = set(conn.execute(select(pending_people.c.block)).scalars())
    if blocks:
        conn.execute(delete(pending_people))
    return blocks


def films_without_facts(conn: Connection, film_ids: Iterable[int] | None = None) -> set[int]:
    """Of these films (every film when None), those with claims and no facts."""
    query = select(claims.c.subject_id).distinct().where(
        claims.c.subject_id.is_not(None),
        ~exists().where(facts.c.entity_id == claims.c.subject_id),
    )
    if film_ids is None:
        return set(conn.execute(query).scalars())
    ids, out = sorted(set(film_ids)), set()
    for i in range(0, len(ids), 500):
        out.update(conn.execute(query.where(claims.c.subject_id.in_(ids[i : i + 500]))).scalars())
    return out
