"""Reconciliation by film on the Dask workers, once, after ``ingest.direct`` has linked
every document: the facts of a film are a function of its claims and its curator's
overrides alone (``resolve.reconcile``), so films are independent and their facts can be
computed and written in parallel, each task in its own transaction.

Tasks take disjoint sets of films (no two write one film's facts: no lock is contended);
fact ids come from the table's sequence (``nextval``, which never hands one id out twice),
synchronised first above every id the store holds. A task retried (its worker died)
replaces the same films' facts again: nothing is written twice. Fact ids are not those a
plain ingest gives (they count its chunks); nothing shown depends on them: facts are read
by film, property and position.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from sqlalchemy import JSON, Connection, Table, delete, func, select, text

from backtrace.resolve import reconcile
from backtrace.resolve.facts import FactRow
from backtrace.store import Store, Writer
from backtrace.store.document_writer import _fact_row
from backtrace.store.schema import fact_claims, facts

FILMS_PER_TASK = 256


def _sequence(conn: Connection) -> str | None:
    """The sequence that numbers ``facts.id`` (PostgreSQL's serial), or None."""
    return conn.execute(text("SELECT pg_get_serial_sequence('facts', 'id')")).scalar()


def sync_sequence(conn: Connection) -> None:
    """Move the facts' sequence past every id stored (the client writes ids of its own)."""
    sequence = _sequence(conn)
    if sequence is None:
        raise RuntimeError("facts.id has no sequence: reconcile in the client")
    top = conn.execute(select(func.coalesce(func.max(facts.c.id), 0))).scalar_one()
    conn.execute(text("SELECT setval(CAST(:s AS regclass), :v, :called)"),
                 {"s": sequence, "v": max(top, 1), "called": top > 0})


def write_facts(conn: Connection, by_film: dict[int, list[FactRow]]) -> int:
    """Replace these films' facts, ids taken from the sequence. Returns the facts written."""
    ids = sorted(by_film)
    old = select(facts.c.id).where(facts.c.entity_id.in_(ids))
    conn.execute(delete(fact_claims).where(fact_claims.c.fact_id.in_(old)))
    conn.execute(delete(facts).where(facts.c.entity_id.in_(ids)))
    count = sum(len(rows) for rows in by_film.values())
    if not count:
        return 0
    sequence = _sequence(conn)
    new_ids = iter(conn.execute(text("SELECT nextval(CAST(:s AS regclass)) FROM "
                                     "generate_series(1, :n)"), {"s": sequence, "n": count})
                   .scalars().all())
    fact_rows, link_rows = [], []
    for film_id in ids:
        for row in by_film[film_id]:
            fact_id = next(new_ids)
            fact_rows.append(_fact_row(fact_id, film_id, row))
            link_rows.extend({"fact_id": fact_id, "claim_id": c} for c in row.claim_ids)
    insert_columns(conn, facts, fact_rows)
    insert_columns(conn, fact_claims, link_rows)
    return count


def insert_columns(conn: Connection, table: Table, rows: list[dict[str, Any]], *,
                   ignore_duplicates: bool = False) -> None:
    """INSERT ``rows`` (each with the same keys) in one statement, in their order, each
    column sent as one array (PostgreSQL's ``unnest``): not a statement a row, as an
    executemany sends. JSON values are written as SQLAlchemy writes them (``json.dumps``);
    with ``ignore_duplicates``, rows violating a unique constraint are skipped."""
    if not rows:
        return
    names = list(rows[0])
    arrays = ", ".join(f"CAST(:{n} AS {table.c[n].type.compile(conn.dialect)}[])"
                       for n in names)
    quoted = ", ".join(conn.dialect.identifier_preparer.quote(n) for n in names)
    statement = text(f"INSERT INTO {table.name} ({quoted}) SELECT * FROM unnest({arrays})"
                     + (" ON CONFLICT DO NOTHING" if ignore_duplicates else ""))
    conn.execute(statement, {n: [json.dumps(r[n]) for r in rows]
                             if isinstance(table.c[n].type, JSON) else [r[n] for r in rows]
                             for n in names})


def reconcile_films(url: str, film_ids: list[int]) -> int:
    """A task: the facts of these films from their claims and overrides, written to the
    store at ``url`` in one transaction. Runs on a worker; returns the facts written."""
    from backtrace.ingest.direct import _engine

    with _engine(url).begin() as conn:
        w = Writer(conn)  # its readers only
        rows, decided = w.claim_rows(film_ids), w.active_overrides(film_ids)
        return write_facts(conn, {f: reconcile(rows.get(f, []), decided.get(f, ()))
                                  for f in film_ids})


def facts_on_cluster(client: Any, store: Store) -> Callable[[set[int]], None]:
    """What reconciles a set of films on ``client``'s workers, ``FILMS_PER_TASK`` a task,
    and returns once every task has written (a task that failed on every worker it was
    given is a ``ClusterError``)."""

    def run(film_ids: set[int]) -> None:
        if not film_ids:
            return
        from backtrace.ingest.cluster import ClusterError

        with store.transaction() as w:
            sync_sequence(w.conn)
        ids = sorted(film_ids)
        futures = [client.submit(reconcile_films, store.url, ids[i:i + FILMS_PER_TASK],
                                 pure=False) for i in range(0, len(ids), FILMS_PER_TASK)]
        try:
            client.gather(futures)
        except Exception as exc:
            first = (str(exc).splitlines() or [""])[0][:200]
            raise ClusterError(f"the Dask cluster could not reconcile the facts of "
                               f"{len(ids)} films ({exc.__class__.__name__}: {first})"
                               ) from exc

    return run
