"""Named schema migrations, applied in order and recorded in the ``migrations`` table."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import Connection, inspect, select

from backtrace.store import schema
from backtrace.store.search import create_search_tables


def _initial(conn: Connection) -> None:
    schema.metadata.create_all(conn)


def _linking(conn: Connection) -> None:
    """Alias spans: where each alias of an entity was read (entity linking, issue 4)."""
    schema.alias_spans.create(conn, checkfirst=True)


MIGRATIONS: list[tuple[str, Callable[[Connection], None]]] = [
    ("0001_initial", _initial),
    ("0002_search", create_search_tables),
    ("0005_linking", _linking),
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
