"""The registered extractor components, the pipelines (lists of their names), and running
them over one document."""

from __future__ import annotations

from collections.abc import Sequence

from backtrace.extract.cast_list import CastListExtractor
from backtrace.extract.component import Component, components, register
from backtrace.extract.credited_as import CreditedAsExtractor
from backtrace.extract.film_mentions import FilmMentionsExtractor
from backtrace.extract.infobox import InfoboxExtractor
from backtrace.extract.lead_sentence import LeadSentenceExtractor
from backtrace.extract.nlp_cast import NlpCastExtractor
from backtrace.extract.prose_rules import ProseRulesExtractor
from backtrace.keys import value_key
from backtrace.model import Claim, Document
from backtrace.reception.reader import ReviewReader

for _component in (InfoboxExtractor(), CastListExtractor(), LeadSentenceExtractor(),
                   ProseRulesExtractor(), FilmMentionsExtractor(), CreditedAsExtractor(),
                   NlpCastExtractor(), ReviewReader()):
    register(_component)

RULES = ("infobox", "cast_list", "lead_sentence", "prose_rules", "film_mentions", "credited_as")
RULES_PIPELINE: tuple[Component, ...] = components(*RULES)
"""The rule components only (no statistical model): ``extract(doc, RULES_PIPELINE)``."""

PIPELINE: tuple[Component, ...] = components(*RULES, "nlp_cast")
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

    Each is called as ``component(doc, found)`` with the claims found so far. Of a
    component marked ``fills_gaps = True`` (``nlp_cast``), a claim that repeats an earlier
    (property, value) is dropped: it only adds what the others missed.
    """
    claims: list[Claim] = []
    for component in components:
        found = component(doc, tuple(claims))
        check(component, doc, found)
        if getattr(component, "fills_gaps", False):
            said = {(c.property, value_key(c.property, c.value)) for c in claims}
            found = [c for c in found if (c.property, value_key(c.property, c.value)) not in said]
        claims.extend(found)
    return claims
