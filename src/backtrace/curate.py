"""Curator overrides: a person's decision about a film's property, kept with its history.

An override names a film, a property, a value (written as a person writes it: "$6 million",
"Dec. 14, 2018", "87 minutes", a name) and optional qualifiers (``region`` for box office,
``kind`` for a release date), with the curator's reason. It is stored in the ``overrides``
table and applied by every later reconciliation of the film (so it survives re-ingest): the
value becomes ``overridden`` and believed. Setting a new value for a slot that holds one
value (a single-valued property, a region's box office) undoes the earlier override of
that slot; nothing is deleted, so the history keeps every decision with its time, reason
and the time it was undone.

Undo: ``undo(..., value)`` undoes the standing override(s) of that property with that value;
``undo(..., None)`` undoes every standing override of the property (narrowed by the
qualifiers given).
"""

from __future__ import annotations

from typing import Any

from backtrace.errors import BacktraceError, NotFound
from backtrace.extract.normalize import find_dates, parse_duration, parse_money
from backtrace.keys import name_key, value_key
from backtrace.model import PROPERTIES
from backtrace.resolve.facts import Override
from backtrace.store import Writer


class OverrideError(BacktraceError):
    """An override that cannot be understood (unknown property, unreadable value)."""


def property_name(text: str) -> str:
    """``box_office``, ``box-office``, ``Box office`` -> ``box_office``; labels work too."""
    key = text.strip().lower().replace("-", "_").replace(" ", "_")
    if key in PROPERTIES:
        return key
    for name, prop in PROPERTIES.items():
        if prop.label and prop.label.lower().replace(" ", "_") == key:
            return name
    known = ", ".join(PROPERTIES)
    raise OverrideError(f"unknown property {text!r}; one of: {known}")


MAX_VALUE = 500  # characters: a curator's value is a name, a date, an amount, not a text


def parse_value(prop: str, text: str) -> Any:
    """A value as written, normalised as extraction would store it; a bare number of money
    is US dollars."""
    vtype = PROPERTIES[prop].value_type
    text = text.strip()
    if not text:
        raise OverrideError("the value is empty")
    if len(text) > MAX_VALUE:
        raise OverrideError(f"the value is {len(text):,} characters long, over {MAX_VALUE}")
    value: Any = None
    if vtype == "money":
        value = parse_money(text) or parse_money("$" + text)
    elif vtype == "date":  # the whole value must be the date: "32/13/2018" is none
        found = find_dates(text, years=True)
        whole = found and found[0].start == 0 and not text[found[0].end:].strip(" .,")
        value = found[0].iso if whole else None
    elif vtype == "duration":
        value = parse_duration(text)
    elif vtype == "year":
        value = int(text) if text.isdigit() and len(text) == 4 else None
    else:
        value = text
    if value is None:
        raise OverrideError(f"cannot read {text!r} as a {vtype} for {prop}")
    return value


def _slot(prop: str, qualifiers: dict[str, Any]) -> tuple | None:
    if prop == "box_office":
        return (prop, str(qualifiers.get("region") or "").lower())
    if PROPERTIES[prop].single:
        return (prop,)
    return None


def _same_value(prop: str, a: Any, b: Any) -> bool:
    if PROPERTIES[prop].value_type in ("person", "organization", "place", "text"):
        return name_key(str(a)) == name_key(str(b))
    return value_key(prop, a) == value_key(prop, b)


def _fits(given: dict[str, Any], qualifiers: dict[str, Any]) -> bool:
    return all(
        str(qualifiers.get(k) or "").lower() == str(v).lower() for k, v in given.items() if v
    )


def set_override(
    w: Writer, film_id: int, prop: str, value: Any, qualifiers: dict[str, Any], reason: str
) -> tuple[int, list[int]]:
    """Store a decision; returns its id and the ids of the earlier decisions it replaces."""
    if not reason.strip():
        raise OverrideError("say why: --because TEXT is required")
    standing = w.active_overrides([film_id]).get(film_id, [])
    slot = _slot(prop, qualifiers)
    replaced = [
        o.id
        for o in standing
        if o.property == prop
        and (
            (slot is not None and _slot(prop, o.qualifiers) == slot)
            or (_same_value(prop, o.value, value) and o.qualifiers == qualifiers)
        )
    ]
    w.undo_overrides(replaced)
    return w.add_override(film_id, prop, value, qualifiers, reason.strip()), replaced


def undo_override(
    w: Writer, film_id: int, prop: str, value: Any | None, qualifiers: dict[str, Any]
) -> list[Override]:
    """Undo the standing overrides of ``prop`` (with this value, if given); NotFound if none."""
    standing = w.active_overrides([film_id]).get(film_id, [])
    undone = [
        o
        for o in standing
        if o.property == prop
        and (value is None or _same_value(prop, o.value, value))
        and _fits(qualifiers, o.qualifiers)
    ]
    if not undone:
        what = f" = {value!r}" if value is not None else ""
        raise NotFound(f"no standing override of {prop}{what} for this film")
    w.undo_overrides([o.id for o in undone])
    return undone
