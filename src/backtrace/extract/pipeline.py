"""The ordered extractor components, and running them over one document."""

from __future__ import annotations

from collections.abc import Sequence

from backtrace.extract.cast_list import CastListExtractor
from backtrace.extract.component import Component
from backtrace.extract.film_mentions import FilmMentionsExtractor
from backtrace.extract.infobox import InfoboxExtractor
from backtrace.extract.lead_sentence import LeadSentenceExtractor
from backtrace.extract.nlp_cast import NlpCastExtractor
from backtrace.extract.prose_rules import ProseRulesExtractor
from backtrace.model import PROPERTIES, Claim, Document

RULES_PIPELINE: tuple[Component, ...] = (
    InfoboxExtractor(),
    CastListExtractor(),
    LeadSentenceExtractor(),
    ProseRulesExtractor(),
    FilmMentionsExtractor(),
)
"""The rule components only (no statistical model): ``extract(doc, RULES_PIPELINE)``."""

PIPELINE: tuple[Component, ...] = (*RULES_PIPELINE, NlpCastExtractor())
"""The components ``extract()`` runs, in order: the rules, then spaCy's ``nlp_cast``, which
only adds cast members the rules missed."""

NLP_PIPELINE = PIPELINE
"""The default pipeline, by the name the benchmark uses for "with nlp_cast"."""


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
    """Every claim the components find in ``doc``, in component order.

    A component marked ``fills_gaps = True`` (``nlp_cast``) is called as
    ``component(doc, known)`` with the claims found so far, and any claim of it that repeats
    an earlier (property, value) is dropped: it only adds what the others missed.
    """
    claims: list[Claim] = []
    for component in components:
        if getattr(component, "fills_gaps", False):
            said = {(c.property, _value_key(c.value)) for c in claims}
            found = component(doc, tuple(claims))  # type: ignore[call-arg]
            check(component, doc, found)
            found = [c for c in found if (c.property, _value_key(c.value)) not in said]
        elif "claims:person" in component.requires:  # the people found so far, in full
            people = [str(c.value) for c in claims
                      if PROPERTIES[c.property].value_type == "person" and c.subject is None]
            found = component(doc, people)  # type: ignore[call-arg]
            check(component, doc, found)
        else:
            found = component(doc)
            check(component, doc, found)
        claims.extend(found)
    return claims


def _value_key(value: object) -> str:
    return " ".join(str(value).casefold().split())
