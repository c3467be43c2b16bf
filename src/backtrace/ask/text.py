"""An answer as text for a terminal: each value, then the sentences that state it."""

from __future__ import annotations

import textwrap

from backtrace.ask.records import Entity, Result

MAX_SOURCES = 3  # sentences quoted per answer (the JSON has them all)


def _who(entity: Entity | None) -> str:
    return entity.label if entity else "?"


def headline(result: Result) -> str:
    """What the question was understood to ask: "Cinder Road (2021): director"."""
    from backtrace.ask.engine import PROPERTY_WORDS, ROLE_WORDS

    interp = result.interpretation
    kind = interp.kind
    entity = interp.entity
    about = _who(entity) if entity else repr(interp.asked or result.question)
    if kind == "film_property":
        return f"{about}: {PROPERTY_WORDS.get(interp.property, interp.property)}"
    if kind == "reception":
        if interp.critic:
            return f"{about}: the review by {interp.critic}"
        return f"{about}: critics' reception"
    if kind == "person_films":
        return f"{about}: films {ROLE_WORDS.get(interp.role or '', '')}".rstrip()
    film = interp.film if kind == "actor_character" else entity
    where = f" in {_who(film)}" if film else ""
    if kind == "character_actor":
        return f"who played {interp.character!r}{where}"
    if kind == "actor_character":
        return f"{about}: characters played{where}"
    return "not understood"


def render_result(result: Result, *, width: int = 100) -> str:
    """``ask``'s result as lines: what was understood, the answers, the note."""
    interp = result.interpretation
    lines = [headline(result)] if interp.kind else []
    answers = result.answers
    several_films = len({a.film.id for a in answers}) > 1
    for answer in answers:
        head = f"  {answer.text}"
        if several_films and interp.kind != "person_films":
            head += f"  [{_who(answer.film)}]"
        if answer.disputed:
            head += "  ! [disputed: believed]" if answer.believed else \
                "  ! [disputed: not believed]"
        lines.append(head)
        for source in answer.sources[:MAX_SOURCES]:
            quote = textwrap.shorten(" ".join(source.text.split()), width=width - 30,
                                     placeholder=" …")
            lines.append(f"      ↳ “{quote}”  {source.path} [{source.start}:{source.end}]")
        if len(answer.sources) > MAX_SOURCES:
            lines.append(f"      (+{len(answer.sources) - MAX_SOURCES} more sources)")
    if not answers:
        lines.append("  (no answer)")
    if result.note:
        lines.extend(textwrap.wrap(f"note: {result.note}", width,
                                   subsequent_indent="  "))
    return "\n".join(lines)
