"""Shared helpers for the prose_rules tests: run the component over invented text."""

from __future__ import annotations

from typing import Any

from backtrace.extract.pipeline import run
from backtrace.extract.prose_rules import ProseRulesExtractor
from backtrace.model import Claim, Kind

from .conftest import build_document


def prose_claims(text: str, *, kind: Kind = Kind.NEWS, date: str | None = None) -> list[Claim]:
    """The claims of ``prose_rules`` for ``text`` (its contract checked by ``run``)."""
    doc = build_document(text, kind=kind, date=date)
    claims = run(doc, [ProseRulesExtractor()])
    for c in claims:
        assert doc.text[c.span.start:c.span.end] == c.span.text
        assert c.subject is None
    return claims


def values(claims: list[Claim], prop: str) -> list[Any]:
    return [c.value for c in claims if c.property == prop]


def pairs(claims: list[Claim], prop: str, qualifier: str) -> set[tuple[Any, Any]]:
    """(value, qualifier) of each claim of ``prop``; money values as amounts."""
    out = set()
    for c in claims:
        if c.property == prop:
            value = c.value["amount"] if isinstance(c.value, dict) else c.value
            out.add((value, c.qualifiers.get(qualifier)))
    return out
