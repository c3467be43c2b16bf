"""The ordered extractor components, and running them over one document."""

from __future__ import annotations

from collections.abc import Sequence

from backtrace.extract.cast_list import CastListExtractor
from backtrace.extract.component import Component
from backtrace.extract.film_mentions import FilmMentionsExtractor
from backtrace.extract.infobox import InfoboxExtractor
from backtrace.extract.lead_sentence import LeadSentenceExtractor
from backtrace.extract.prose_rules import ProseRulesExtractor
from backtrace.model import PROPERTIES, Claim, Document

PIPELINE: tuple[Component, ...] = (
    InfoboxExtractor(),
    CastListExtractor(),
    LeadSentenceExtractor(),
    ProseRulesExtractor(),
    FilmMentionsExtractor(),
)
"""The components ``extract()`` runs, in order."""


class ContractError(AssertionError):
    """A component emitted a claim its contract does not allow (a bug in the component)."""


def check(component: Component, doc: Document, claims: list[Claim]) -> None:
    """Raise :class:`ContractError` unless every claim keeps the component's contract."""
    for c in claims:
        if c.property not in component.produces:
            raise ContractError(f"{component.name} emitted undeclared property {c.property!r}")
        if c.extractor != component.name:
            raise ContractError(f"{component.name} emitted a claim marked {c.extractor!r}")
        if not 0 <= c.span.start <= c.span.end <= len(doc.text) or (
                doc.text[c.span.start:c.span.end] != c.span.text):
            raise ContractError(f"{component.name} emitted a span not in the text: {c.span}")


def run(doc: Document, components: Sequence[Component] = PIPELINE) -> list[Claim]:
    """Every claim the components find in ``doc``, in component order."""
    claims: list[Claim] = []
    for component in components:
        if "claims:person" in component.requires:  # the people found so far, in full
            people = [str(c.value) for c in claims
                      if PROPERTIES[c.property].value_type == "person" and c.subject is None]
            found = component(doc, people)  # type: ignore[call-arg]
        else:
            found = component(doc)
        check(component, doc, found)
        claims.extend(found)
    return claims
