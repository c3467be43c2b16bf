"""The contract every extractor keeps, and the registry of extractors by name.

A component is a small, pure callable, like a spaCy pipeline component: it declares what
parts of a document it reads (``requires``: "sections:Infobox", "sections:Cast",
"claims:person" for the people earlier components found, "sentences") and what it emits
(``produces``: properties, or "review"), and ``component(doc, found)`` returns what it
finds without touching anything else; ``found`` is what the components before it found.
:func:`register` puts a component in :data:`COMPONENTS` under its name; a pipeline is a
list of names (:mod:`backtrace.extract.pipeline`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol, TypeVar, runtime_checkable

from backtrace.model import Claim, Document, Span


@runtime_checkable
class Component(Protocol):
    name: str
    requires: tuple[str, ...]
    produces: tuple[str, ...]

    def __call__(self, doc: Document, found: Sequence[Claim] = ()) -> list[Any]: ...


C = TypeVar("C", bound=Component)
COMPONENTS: dict[str, Component] = {}


def register(component: C) -> C:
    """Put ``component`` in :data:`COMPONENTS` under its name (a name is taken once)."""
    if component.name in COMPONENTS and COMPONENTS[component.name] is not component:
        raise ValueError(f"a component named {component.name!r} is registered already")
    COMPONENTS[component.name] = component
    return component


def components(*names: str) -> tuple[Component, ...]:
    """The registered components of these names, in this order."""
    missing = [n for n in names if n not in COMPONENTS]
    if missing:
        raise KeyError(f"no component named {', '.join(missing)}; known: "
                       f"{', '.join(sorted(COMPONENTS))}")
    return tuple(COMPONENTS[n] for n in names)


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
