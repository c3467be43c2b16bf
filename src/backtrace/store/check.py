"""Read-only checks of a store: is the file sound, does every stored span state what its
document says at that place, is what is derived from the claims (facts, the search index,
the pending relinks) up to date. ``ingest.check_store`` runs them and repairs what it can."""

from __future__ import annotations

from sqlalchemy import Connection, func, select

from backtrace.store import search
from backtrace.store.schema import claims, documents, fact_claims, facts, pending_people, spans

SHOWN = 5  # examples shown of each problem


def integrity(conn: Connection) -> list[str]:
    """SQLite's own verdict on the file and its foreign keys (nothing to say: [])."""
    if conn.dialect.name != "sqlite":
        return []
    found = [r[0] for r in conn.exec_driver_sql("PRAGMA quick_check").all() if r[0] != "ok"]
    keys = conn.exec_driver_sql("PRAGMA foreign_key_check").all()
    found += [f"{r[0]} row {r[1]} points to a missing {r[2]} row" for r in keys]
    return found


def span_mismatches(conn: Connection) -> tuple[int, list[str]]:
    """How many spans do not hold their document's text at their offsets, with examples."""
    piece = func.substr(documents.c.text, spans.c.start + 1, spans.c.end - spans.c.start)
    query = (
        select(spans.c.id)
        .join(documents, documents.c.id == spans.c.document_id)
        .where((piece != spans.c.text) | (spans.c.end < spans.c.start))
    )
    ids = list(conn.execute(query).scalars())
    return len(ids), ids[:SHOWN]


def pending_blocks(conn: Connection) -> int:
    return conn.execute(select(func.count()).select_from(pending_people)).scalar_one()


def index_stale(conn: Connection) -> bool:
    return search.indexed(conn) and search.is_stale(conn)


FactSignature = tuple[str, str, str, bool, tuple[str, ...]]


def films_with_claims(conn: Connection) -> list[int]:
    return sorted(conn.execute(
        select(claims.c.subject_id).distinct().where(claims.c.subject_id.is_not(None))
    ).scalars())


def fact_signatures(conn: Connection, film_ids: list[int]) -> dict[int, set[FactSignature]]:
    """Each film's stored facts as (property, value key, status, believed, claim ids)."""
    out: dict[int, set[FactSignature]] = {f: set() for f in film_ids}
    for i in range(0, len(film_ids), 500):
        part = film_ids[i : i + 500]
        rows = conn.execute(
            select(facts.c.id, facts.c.entity_id, facts.c.property, facts.c.value_key,
                   facts.c.status, facts.c.believed, fact_claims.c.claim_id)
            .outerjoin(fact_claims, fact_claims.c.fact_id == facts.c.id)
            .where(facts.c.entity_id.in_(part))
        ).all()
        by_fact: dict[int, list] = {}
        for r in rows:
            by_fact.setdefault(r.id, [r, []])[1].append(r.claim_id)
        for r, ids in by_fact.values():
            out[r.entity_id].add((r.property, r.value_key, r.status, bool(r.believed),
                                  tuple(sorted(c for c in ids if c))))
    return out
