"""Read-only queries for passages of a film's documents (the plot summary an article quotes)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select

from backtrace.extract.prose_rules import PLOT_SECTIONS
from backtrace.store.schema import documents

PLOT_TITLES = frozenset(title.lower() for title in PLOT_SECTIONS)
_KIND_RANK = {"encyclopedia": 2, "news": 1}


def plot_passage(conn: Connection, film_id: int) -> dict[str, Any] | None:
    """The plot section of the film's best source: an encyclopedia entry before a news
    item, then the longer summary. ``{"document", "path", "kind", "date", "start", "end",
    "text"}`` with ``text == document.text[start:end]`` (the heading line left out)."""
    rows = conn.execute(
        select(
            documents.c.id,
            documents.c.path,
            documents.c.kind,
            documents.c.date,
            documents.c.text,
            documents.c.sections,
        ).where(documents.c.film_id == film_id)
    ).all()
    best: tuple[tuple[int, int], dict[str, Any]] | None = None
    for row in rows:
        for section in row.sections or []:
            if str(section.get("title", "")).strip().lower() not in PLOT_TITLES:
                continue
            start, end = int(section["start"]), int(section["end"])
            first_line_end = row.text.find("\n", start, end)
            heading = row.text[start:first_line_end] if first_line_end >= 0 else ""
            if heading.lstrip()[:1] in ("=", "#") or heading.strip().lower() in PLOT_TITLES:
                start = first_line_end + 1
            while start < end and row.text[start].isspace():
                start += 1
            while end > start and row.text[end - 1].isspace():
                end -= 1
            if end - start < 40:
                continue
            rank = (_KIND_RANK.get(row.kind, 0), end - start)
            passage = {
                "document": row.id,
                "path": row.path,
                "kind": row.kind,
                "date": row.date,
                "start": start,
                "end": end,
                "text": row.text[start:end],
            }
            if best is None or rank > best[0]:
                best = (rank, passage)
    return best[1] if best else None
