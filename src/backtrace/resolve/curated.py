"""Curator overrides applied to a film's facts: the decided value wins its slot."""

from __future__ import annotations

from typing import Any

from backtrace.keys import name_key, value_key
from backtrace.model import PROPERTIES
from backtrace.resolve.records import (
    ENTITY_TYPES,
    ClaimRow,
    FactRow,
    Override,
    show_value,
)


def _matches(prop: str, override: Override, fact: FactRow, rows: list[ClaimRow]) -> bool:
    vtype = PROPERTIES[prop].value_type
    if vtype in ENTITY_TYPES or vtype == "text":
        wanted = name_key(str(override.value))
        names = {name_key(str(fact.value))} | {name_key(str(r.value)) for r in rows}
        if wanted not in names:
            return False
    elif value_key(prop, override.value) != value_key(prop, fact.value):
        return False
    for name, value in override.qualifiers.items():
        have = fact.qualifiers.get(name)
        if value not in (None, "") and str(have or "").lower() != str(value).lower():
            return False
    return True


def apply_override(
    facts: list[FactRow], override: Override, slots: dict[int, str], rows_of: dict[int, list]
) -> None:
    prop = override.property
    quote = f"“{override.reason}”"
    when = override.created_at[:10]
    chosen = next(
        (f for f in facts if f.property == prop and _matches(prop, override, f, rows_of[id(f)])),
        None,
    )
    if chosen is None:
        chosen = FactRow(
            property=prop,
            value=override.value,
            value_key=value_key(prop, override.value),
            qualifiers=dict(override.qualifiers),
            status="overridden",
            believed=True,
            confidence=1.0,
            reason=(
                f"curator's decision ({when}): {quote}; no source states this value, "
                "the decision is its only provenance"
            ),
            position=-1,
            override_id=override.id,
        )
        facts.append(chosen)
        rows_of[id(chosen)] = []
        slot = _override_slot(prop, override.qualifiers)
    else:
        slot = slots.get(id(chosen)) or _override_slot(prop, chosen.qualifiers)
        chosen.reason = f"curator's decision ({when}): {quote}; the sources: {chosen.reason}"
        chosen.status, chosen.believed, chosen.confidence = "overridden", True, 1.0
        chosen.override_id = override.id
    slots[id(chosen)] = slot
    if not slot:
        return  # a list value (a cast member): the others stand
    label = show_value(prop, chosen.value, chosen.qualifiers)
    for fact in facts:
        if fact is chosen or fact.property != prop:
            continue
        same = slots.get(id(fact)) == slot or (
            prop not in ("box_office", "publication_date")
            or _override_slot(prop, fact.qualifiers) == slot
        )
        if same:
            fact.status, fact.believed = "overridden", False
            fact.reason = f"overruled by the curator, who chose {label}: {quote}; {fact.reason}"


def _override_slot(prop: str, qualifiers: dict[str, Any]) -> str:
    """The slot an override settles: the whole property when it holds one value, a region's
    box office, or nothing (a list value: it adds or confirms one value)."""
    if prop == "box_office":
        return f"box_office:{qualifiers.get('region') or ''}"
    if PROPERTIES[prop].single:
        return prop
    return ""
