"""Families credited by their plural surname ("The Kandells and Woodley produced the film")."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from backtrace.model import PROPERTIES, Claim

_PLURAL_SURNAME = re.compile(r"(?:The\s+)?(?P<surname>[A-Z][\w'’-]+?)(?:e?s)")


def families_named(claims: list[Claim], context: Sequence[Claim] = ()) -> list[Claim]:
    """A person claim whose value is a plural surname ("Kandells") becomes one claim per
    person of that surname the document names in full ("Aaron Kandell", "Jordan Kandell"),
    at the same span; with no such person it stays as written. ``context``: the document's
    other claims."""
    people = sorted({str(c.value) for c in (*claims, *context)
                     if _is_person(c) and " " in str(c.value)})
    by_surname: dict[str, list[str]] = {}  # in the order of ``people``
    for p in people:
        if words := p.split():
            by_surname.setdefault(words[-1], []).append(p)
    out: list[Claim] = []
    for c in claims:
        m = _PLURAL_SURNAME.fullmatch(str(c.value)) if _is_person(c) else None
        surnames = (m.group("surname"), m.group("surname") + "e") if m else ()
        members = sorted(p for s in dict.fromkeys(surnames) for p in by_surname.get(s, ()))
        if len(members) > 1:
            out.extend(dataclasses.replace(c, value=name) for name in members)
        else:
            out.append(c)
    return out


def _is_person(c: Claim) -> bool:
    prop = PROPERTIES.get(c.property)
    return prop is not None and prop.value_type == "person"
