"""Named schema migrations, applied in order and recorded in the ``migrations`` table."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import Connection, inspect, select, text, update

from backtrace.errors import StoreError
from backtrace.keys import title_key
from backtrace.store import schema
from backtrace.store.critics import link_critics
from backtrace.store.search import (
    create_postgres_search,
    create_search_tables,
    index_films,
    index_prefixes,
    make_incremental,
)


def _initial(conn: Connection) -> None:
    schema.metadata.create_all(conn)


def create_overrides(conn: Connection) -> None:
    """Curator overrides: the ``overrides`` table and ``facts.override_id``, if absent."""
    schema.overrides.create(conn, checkfirst=True)
    if "override_id" not in {c["name"] for c in inspect(conn).get_columns("facts")}:
        conn.execute(text("ALTER TABLE facts ADD COLUMN override_id INTEGER"))


def _reviews(conn: Connection) -> None:
    """The review tables, when a database made before them lacks them."""
    for table in (schema.reviews, schema.review_spans, schema.review_aspects):
        table.create(conn, checkfirst=True)


def _linking(conn: Connection) -> None:
    """Alias spans: where each alias of an entity was read (entity linking, issue 4); film
    and series keys recomputed with ``title_key`` ("Creed II" keys as "creed 2"), except
    where that would make two stored films one."""
    schema.alias_spans.create(conn, checkfirst=True)
    e, a = schema.entities, schema.aliases
    rows = conn.execute(
        select(e.c.id, e.c.type, e.c.name, e.c.key, e.c.year).where(
            e.c.type.in_(("film", "series"))
        )
    ).all()
    taken = {(r.type, r.key, r.year) for r in rows}
    for r in rows:
        key = title_key(r.name)
        if key != r.key and (r.type, key, r.year) not in taken:
            conn.execute(update(e).where(e.c.id == r.id).values(key=key))
            taken.add((r.type, key, r.year))
    film_ids = [r.id for r in rows]
    for alias in conn.execute(
        select(a.c.entity_id, a.c.alias, a.c.key).where(a.c.entity_id.in_(film_ids))
    ).all():
        key = title_key(alias.alias)
        if key != alias.key:
            conn.execute(
                update(a)
                .where(a.c.entity_id == alias.entity_id, a.c.alias == alias.alias)
                .values(key=key)
            )


def _identity(conn: Connection) -> None:
    """``aliases.reason``: why a name merged from another entity belongs to this one."""
    if "reason" not in {c["name"] for c in inspect(conn).get_columns("aliases")}:
        conn.execute(text("ALTER TABLE aliases ADD COLUMN reason TEXT"))


def _writers(conn: Connection) -> None:
    """What an ingest leaves for its later steps (``pending_people``) and the store's
    write generation (``store_meta``): a writer that sees another's commit forgets its
    caches (``Writer.generation``)."""
    for table in (schema.pending_people, schema.store_meta):
        table.create(conn, checkfirst=True)


def _browse_indexes(conn: Connection) -> None:
    """The indexes the lists read by (``ix_claims_property_value``, ``ix_facts_status``),
    on a store made before them."""
    for table in (schema.claims, schema.facts):
        for index in table.indexes:
            if index.name in ("ix_claims_property_value", "ix_facts_status"):
                index.create(conn, checkfirst=True)


def _critics(conn: Connection) -> None:
    """``reviews.critic_id`` and ``reviews.outlet_key`` (issue 22: critics are people,
    outlets are matched by key), filled in for the reviews already stored."""
    columns = {c["name"] for c in inspect(conn).get_columns("reviews")}
    if "critic_id" not in columns:
        conn.execute(text("ALTER TABLE reviews ADD COLUMN critic_id INTEGER "
                          "REFERENCES entities (id) ON DELETE SET NULL"))
    if "outlet_key" not in columns:
        conn.execute(text("ALTER TABLE reviews ADD COLUMN outlet_key TEXT"))
    for index in schema.reviews.indexes:
        if index.name in ("ix_reviews_critic", "ix_reviews_outlet"):
            index.create(conn, checkfirst=True)
    link_critics(conn)


def _browse_order(conn: Connection) -> None:
    """The indexes the films are listed by, by title and by year (issue 25: a page of a
    million films' store read in its order and stopped at its end, not sorted whole).

    On a SQLite store whose tables were analyzed (``sqlite_stat1``), the new indexes are
    too: unmeasured beside measured ones, SQLite took one of them for "every person", and
    sorted 1.4 million people for the first page of /people (17 s, not 2 ms)."""
    names = ("ix_entities_type_name", "ix_entities_type_year")
    for index in schema.entities.indexes:
        if index.name in names:
            index.create(conn, checkfirst=True)
    if conn.dialect.name == "sqlite" and inspect(conn).has_table("sqlite_stat1"):
        for name in names:
            conn.execute(text(f"ANALYZE {name}"))


MIGRATIONS: list[tuple[str, Callable[[Connection], None]]] = [
    ("0001_initial", _initial),
    ("0002_search", create_search_tables),
    ("0003_reviews", _reviews),
    ("0004_overrides", create_overrides),
    ("0005_linking", _linking),
    ("0006_identity", _identity),
    ("0007_writers", _writers),
    ("0008_postgres_search", create_postgres_search),
    ("0009_browse_indexes", _browse_indexes),
    ("0010_critics", _critics),
    ("0011_incremental_search", make_incremental),
    ("0012_search_prefixes", index_prefixes),
    ("0013_browse_order", _browse_order),
    ("0014_search_films", index_films),
]


def pending(conn: Connection) -> list[str]:
    """The migrations this store lacks; raises StoreError for a store of a newer schema."""
    if not inspect(conn).has_table("migrations"):
        return [name for name, _ in MIGRATIONS]
    done = set(conn.execute(select(schema.migrations.c.name)).scalars())
    newer = sorted(done - {name for name, _ in MIGRATIONS})
    if newer:  # never write to a schema this version does not know
        raise StoreError(f"made by a newer backtrace (migration {newer[-1]}); upgrade backtrace "
                         "to use it")
    return [name for name, _ in MIGRATIONS if name not in done]


def migrate(conn: Connection) -> list[str]:
    """Apply every migration not yet recorded; return the names applied."""
    todo = pending(conn)
    if not inspect(conn).has_table("migrations"):
        schema.migrations.create(conn)
    applied = []
    for name, step in MIGRATIONS:
        if name not in todo:
            continue
        step(conn)
        conn.execute(
            schema.migrations.insert().values(name=name, applied_at=datetime.now(UTC).isoformat())
        )
        applied.append(name)
    return applied
