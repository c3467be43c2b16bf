"""Named schema migrations, applied in order and recorded in the ``migrations`` table."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import Connection, inspect, select, text

from backtrace.store import schema
from backtrace.store.search import create_search_tables


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


MIGRATIONS: list[tuple[str, Callable[[Connection], None]]] = [
    ("0001_initial", _initial),
    ("0002_search", create_search_tables),
    ("0003_reviews", _reviews),
    ("0004_overrides", create_overrides),
]


def migrate(conn: Connection) -> list[str]:
    """Apply every migration not yet recorded; return the names applied."""
    if not inspect(conn).has_table("migrations"):
        schema.migrations.create(conn)
    done = set(conn.execute(select(schema.migrations.c.name)).scalars())
    applied = []
    for name, step in MIGRATIONS:
        if name in done:
            continue
        step(conn)
        conn.execute(
            schema.migrations.insert().values(name=name, applied_at=datetime.now(UTC).isoformat())
        )
        applied.append(name)
    return applied
