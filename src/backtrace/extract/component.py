"""The contract every extractor keeps.

A component is a small, pure callable, like a spaCy pipeline component: it declares what
parts of a document it reads (``requires``: "sections:Infobox", "sections:Cast",
"claims:person" for the people earlier components found, passed as a second argument,
"sentences") and which properties it emits (``produces``), and ``component(doc)`` returns
its claims without touching anything else.
"""

from __future__ import annotations

from typing import Any, Protocol, runtime_checkable

from backtrace.model import Claim, Document, Span


@runtime_checkable
class Component(Protocol):
    name: str
    requires: tuple[str, ...]
    produces: tuple[str, ...]

    def __call__(self, doc: Document) -> list[Claim]: ...


def claim(
    doc: Document,
    prop: str,
    value: Any,
    start: int,
    end: int,
    *,
    extractor: str,
    confidence: float,
    qualifiers: dict[str, Any] | None = None,
    subject: str | None = None,
    subject_year: int | None = None,
    subject_type: str | None = None,
) -> Claim:
    """A claim whose span is ``doc.text[start:end]`` (trimmed of white space)."""
    return Claim(
        property=prop,
        value=value,
        span=Span.of(doc.text, start, end),
        extractor=extractor,
        qualifiers=dict(qualifiers or {}),
        subject=subject,
        confidence=confidence,
        subject_year=subject_year,
        subject_type=subject_type,
    )


def dedupe(claims: list[Claim]) -> list[Claim]:
    """The claims without repeats (same property, value, qualifiers, span and subject)."""
    seen: set[tuple[Any, ...]] = set()
    kept: list[Claim] = []
    for c in claims:
        key = (c.property, repr(c.value), repr(sorted(c.qualifiers.items())), c.span.start,
               c.span.end, c.subject)
        if key not in seen:
            seen.add(key)
            kept.append(c)
    return kept
