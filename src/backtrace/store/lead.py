"""The passages a film page quotes whole: its lead (the first sentence of the film's own
encyclopedia entry) and its plot (the plot section of its best source).

Read-only; a passage is text of a stored document,
quoted as it stands, with the document it comes from.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select

from backtrace.store.passages import plot_passage
from backtrace.store.schema import documents

MIN_LEAD_WORDS = 4  # a shorter "sentence" is a title line or a caption, not the lead
_NOT_PROSE = ("=", "#", "-", "*", "•", "|")  # a heading, a list or an infobox line


@dataclass(frozen=True, slots=True)
class Passage:
    """``text == document.text[start:end]`` (stripped) of the document ``document``."""

    document: str
    path: str
    kind: str
    start: int
    end: int
    text: str

    def paragraphs(self) -> list[str]:
        """The passage cut at its blank lines (a plot of several paragraphs)."""
        return [p.strip() for p in self.text.split("\n\n") if p.strip()]


def lead_range(text: str, sections: list[dict[str, Any]],
               sentences: list[list[int]]) -> tuple[int, int] | None:
    """The first prose sentence (of four words or more) of a document before its first
    heading, outside its infobox: ``(start, end)``, or None."""
    def body(s: dict[str, Any]) -> bool:
        return str(s.get("title", "")).lower() != "infobox" and not (
            s.get("level") == 0 and s.get("start") == 0)

    first_heading = min((int(s["start"]) for s in sections if body(s)), default=len(text))
    infoboxes = [(int(s["start"]), int(s["end"])) for s in sections
                 if str(s.get("title", "")).lower() == "infobox"]
    for start, end in sentences:
        if start >= first_heading:
            return None
        if any(a <= start < b for a, b in infoboxes):
            continue
        piece = text[start:end].strip()
        if piece.startswith(_NOT_PROSE) or len(piece.split()) < MIN_LEAD_WORDS:
            continue
        return start, end
    return None


def film_lead(conn: Connection, film_id: int) -> Passage | None:
    """The first sentence of the film's own encyclopedia entry (the first ingested, when
    there are several), or None when no entry has one."""
    rows = conn.execute(
        select(documents.c.id, documents.c.path, documents.c.kind, documents.c.text,
               documents.c.sections, documents.c.sentences)
        .where(documents.c.film_id == film_id, documents.c.kind == "encyclopedia")
        .order_by(documents.c.seq)
    ).all()
    for row in rows:
        found = lead_range(row.text, row.sections or [], row.sentences or [])
        if found is not None:
            start, end = found
            return Passage(row.id, row.path, row.kind, start, end, row.text[start:end].strip())
    return None


def film_plot(conn: Connection, film_id: int) -> Passage | None:
    """The plot section of the film's best source (``store.passages.plot_passage``)."""
    found = plot_passage(conn, film_id)
    if found is None:
        return None
    return Passage(found["document"], found["path"], found["kind"], found["start"],
                   found["end"], found["text"])
