"""The answer card: an ``ask`` result as the templates show it (quoted sentences with the
span that states the answer marked, links to the film, person and document pages).

Nothing here builds markup; the templates do, and Jinja2 escapes every string they print.
"""

from __future__ import annotations

from typing import Any

from backtrace.ask.records import Entity, Result, Source
from backtrace.ask.text import headline
from backtrace.serve.present import marked

MAX_SOURCES = 5  # sentences quoted per answer on a page (the JSON has them all)


def _link(entity: Entity | None) -> str | None:
    if entity is None or entity.id is None:
        return None
    if entity.type == "film":
        return f"/film/{entity.id}"
    if entity.type in ("person", "organization", "place"):
        return f"/person/{entity.id}"
    return None


def _source_view(source: Source) -> dict[str, Any]:
    span = source.span
    return {"source": {**source.to_json(), "start": span.start, "end": span.end},
            "quote": marked(source.text, source.start, span.start, span.end)}


def answer_view(result: Result | None) -> dict[str, Any] | None:
    """The card for one ``ask`` result: its headline and each answer with its links and
    quoted sources; None when there is no result."""
    if result is None:
        return None
    answers = result.answers
    films_asked = result.interpretation.kind == "person_films"
    shown = []
    for a in answers:
        entity, film = a.entity, a.film
        same = entity is not None and entity.id == film.id
        shown.append({
            "answer": a.to_json(),
            "text": a.text or str(a.value),
            "disputed": a.disputed,
            "believed": a.believed,
            # a value that is an entity links to its page; a figure or a date does not
            "link": _link(entity) if films_asked or not same else None,
            "film": None if same else film.to_json(),
            "sources": [_source_view(s) for s in a.sources[:MAX_SOURCES]],
            "more": max(0, len(a.sources) - MAX_SOURCES),
        })
    return {
        "headline": headline(result) if result.interpretation.kind else None,
        "entity_link": _link(result.interpretation.entity),
        "answers": shown,
        "note": result.note,
        "question": result.question,
    }
