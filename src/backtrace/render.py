"""Turning stored values and film records into text for people (CLI, pages, articles)."""

from __future__ import annotations

import textwrap
from typing import Any

from backtrace.model import PROPERTIES

CURRENCY_SIGNS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹"}


def format_money(value: dict[str, Any]) -> str:
    amount, currency = value["amount"], value["currency"]
    sign = CURRENCY_SIGNS.get(currency)
    return f"{sign}{amount:,}" if sign else f"{amount:,} {currency}"


def format_value(prop: str, value: Any) -> str:
    """A fact's value as a person reads it."""
    vtype = PROPERTIES[prop].value_type if prop in PROPERTIES else "text"
    if vtype == "money" and isinstance(value, dict):
        return format_money(value)
    if vtype == "duration":
        return f"{value} minutes"
    return str(value)


def format_qualifiers(prop: str, qualifiers: dict[str, Any]) -> str:
    """The part of a fact that qualifies it: "as Detective Sykes", "(limited, US)"."""
    if prop == "cast_member" and qualifiers.get("character"):
        return f"as {qualifiers['character']}"
    shown = [
        str(qualifiers[k])
        for k in ("kind", "media", "region", "credit", "announced")
        if qualifiers.get(k) not in (None, "", False)
    ]
    if qualifiers.get("announced") is True:
        shown[-1] = "announced"
    return f"({', '.join(shown)})" if shown else ""


def _label(prop: str) -> str:
    return PROPERTIES[prop].label if prop in PROPERTIES else prop


def render_film(record: dict[str, Any], *, sources: bool = False, width: int = 100) -> str:
    """A film record as an infobox in plain text; ``sources`` quotes each fact's sentence."""
    year = f" ({record['year']})" if record.get("year") else ""
    lines = [f"{record['title']}{year}"]
    if not record["facts"]:
        lines.append("  (no facts yet)")
    for prop, facts in record["facts"].items():
        label = _label(prop)
        for i, fact in enumerate(facts):
            head = label if i == 0 else ""
            text = format_value(prop, fact["value"])
            quals = format_qualifiers(prop, fact.get("qualifiers") or {})
            if quals:
                text = f"{text} {quals}"
            if fact["status"] == "conflict":
                text += "  [conflict: believed]" if fact["believed"] else "  [conflict: disputed]"
            elif fact["status"] == "overridden":
                text += "  [curator's decision]"
            lines.append(f"  {head:<22}{text}")
            if sources:
                for src in fact["sources"]:
                    quote = (src.get("sentence") or src)["text"].replace("\n", " ")
                    where = f"{src['path']} [{src['start']}:{src['end']}]"
                    wrapped = textwrap.shorten(quote, width=width - 30, placeholder=" …")
                    lines.append(f"  {'':<22}  ↳ “{wrapped}”  {where}")
    return "\n".join(lines)
