"""Curator overrides (``curate.py``): recorded, read while they stand, undone, never
deleted."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert, select, update

from backtrace.resolve.facts import Override
from backtrace.store.schema import overrides
from backtrace.store.sql import Part, chunked


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


class OverrideLog(Part):
    """The ``overrides`` table in one transaction."""

    def active_overrides(self, film_ids: list[int]) -> dict[int, list[Override]]:
        """The overrides of these films that have not been undone, oldest first."""
        out: dict[int, list[Override]] = defaultdict(list)
        for chunk in chunked(film_ids):
            rows = self.conn.execute(
                select(overrides)
                .where(overrides.c.entity_id.in_(chunk), overrides.c.undone_at.is_(None))
                .order_by(overrides.c.created_at, overrides.c.id)
            )
            for r in rows:
                out[r.entity_id].append(
                    Override(r.id, r.property, r.value, r.qualifiers or {}, r.reason, r.created_at)
                )
        return out

    def add_override(
        self, film_id: int, prop: str, value: Any, qualifiers: dict[str, Any], reason: str
    ) -> int:
        result = self.conn.execute(
            insert(overrides).values(
                entity_id=film_id,
                property=prop,
                value=value,
                qualifiers=qualifiers,
                reason=reason,
                created_at=_now(),
            )
        )
        return int(result.inserted_primary_key[0])

    def undo_overrides(self, ids: list[int]) -> None:
        if ids:
            self.conn.execute(
                update(overrides)
                .where(overrides.c.id.in_(ids), overrides.c.undone_at.is_(None))
                .values(undone_at=_now())
            )
