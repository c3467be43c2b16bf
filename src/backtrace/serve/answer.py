"""The answer card: an ``ask`` result as the templates show it (quoted sentences with the
span that states the answer marked, links to the film, person and document pages).

Nothing here builds markup; the templates do, and Jinja2 escapes every string they print.
"""

from __future__ import annotations

from typing import Any

from backtrace.ask.text import headline
from backtrace.serve.present import marked

MAX_SOURCES = 5  # sentences quoted per answer on a page (the JSON has them all)


def _link(entity: dict[str, Any] | None) -> str | None:
    if not entity or entity.get("id") is None:
        return None
    if entity.get("type") == "film":
        return f"/film/{entity['id']}"
    if entity.get("type") in ("person", "organization", "place"):
        return f"/person/{entity['id']}"
    return None


def _source_view(source: dict[str, Any]) -> dict[str, Any]:
    span = source.get("span") or source
    return {"source": {**source, "start": span["start"], "end": span["end"]},
            "quote": marked(source["text"], source["start"], span["start"], span["end"])}


def answer_view(result: dict[str, Any] | None) -> dict[str, Any] | None:
    """The card for one ``ask`` result: its headline and each answer with its links and
    quoted sources; None when there is no result."""
    if result is None:
        return None
    answers = result["answers"]
    films_asked = result["interpretation"].get("kind") == "person_films"
    several_films = len({a["film"]["id"] for a in answers if a.get("film")}) > 1
    shown = []
    for a in answers:
        entity = a.get("entity")
        film = a.get("film")
        shown.append({
            "answer": a,
            "text": a.get("text") or str(a["value"]),
            "disputed": bool(a.get("disputed")),
            "believed": bool(a.get("believed", True)),
            # a value that is an entity links to its page; a figure or a date does not
            "link": _link(entity) if films_asked or (entity or {}).get("id") != (
                film or {}).get("id") else None,
            "film": film if film and (several_films or entity is not film) and
            (entity or {}).get("id") != film.get("id") else None,
            "sources": [_source_view(s) for s in a["sources"][:MAX_SOURCES]],
            "more": max(0, len(a["sources"]) - MAX_SOURCES),
        })
    return {
        "headline": headline(result) if result["interpretation"].get("kind") else None,
        "entity_link": _link(result["interpretation"].get("entity")),
        "answers": shown,
        "note": result.get("note"),
        "question": result["question"],
    }
