from __future__ import annotations

import copy
from collections.abc import Callable, Sequence

import pytest

from backtrace.extract import PIPELINE, Component, extract
from backtrace.extract.pipeline import ContractError, run
from backtrace.model import PROPERTIES, Claim, Document, Span

TEXT = """= Tin Lantern =

Tin Lantern
- Director: Ivo Renn
- Budget: $2 million

Tin Lantern is a 2011 drama film directed by Ivo Renn.

==Cast==
- Ola Brand as Nurse Kell
"""


def test_components_declare_their_contracts() -> None:
    assert [c.name for c in PIPELINE] == [
        "infobox", "cast_list", "lead_sentence", "prose_rules", "film_mentions", "credited_as",
        "nlp_cast"]
    for component in PIPELINE:
        assert isinstance(component, Component)
        assert component.requires and component.produces
        assert set(component.produces) <= set(PROPERTIES)
    assert PIPELINE[0].requires == ("sections:Infobox",)
    assert "sections:Cast" in PIPELINE[1].requires
    assert PIPELINE[2].requires == ("sentences",)


def test_extract_is_pure_and_deterministic(make_doc: Callable[..., Document]) -> None:
    doc = make_doc(TEXT)
    before = copy.deepcopy(doc)
    first, second = extract(doc), extract(doc)
    assert first == second
    assert doc == before  # the document is not touched
    assert {c.extractor for c in first.claims} == {"infobox", "cast_list", "lead_sentence"}


class _Rogue:
    name = "rogue"
    requires: tuple[str, ...] = ("sentences",)
    produces: tuple[str, ...] = ("director",)

    def __init__(self, claim: Claim) -> None:
        self.claim = claim

    @classmethod
    def named(cls, name: str) -> _Rogue:
        rogue = cls(Claim("director", "x", Span(0, 0, ""), name))
        rogue.name = name
        return rogue

    def __call__(self, doc: Document, found: Sequence[Claim] = ()) -> list[Claim]:
        return [self.claim]


def test_contract_is_enforced(make_doc: Callable[..., Document]) -> None:
    doc = make_doc(TEXT)
    good = Claim("director", "Ivo Renn", Span.of(doc.text, 0, 5), "rogue")
    assert run(doc, [_Rogue(good)]) == [good]
    undeclared = Claim("genre", "drama", Span.of(doc.text, 0, 5), "rogue")
    with pytest.raises(ContractError):
        run(doc, [_Rogue(undeclared)])
    misplaced = Claim("director", "Ivo Renn", Span(0, 5, "Ivo R"), "rogue")
    with pytest.raises(ContractError):
        run(doc, [_Rogue(misplaced)])


def test_components_are_registered_by_name_with_one_signature(
        make_doc: Callable[..., Document]) -> None:
    from backtrace.extract import COMPONENTS
    from backtrace.extract.component import components, register

    assert set(COMPONENTS) >= {"infobox", "cast_list", "lead_sentence", "prose_rules",
                               "film_mentions", "nlp_cast", "reviews"}
    assert [c.name for c in PIPELINE] == ["infobox", "cast_list", "lead_sentence",
                                         "prose_rules", "film_mentions", "credited_as",
                                         "nlp_cast"]
    doc = make_doc(TEXT)
    for component in COMPONENTS.values():  # (doc, found) -> what it finds
        assert isinstance(component(doc, ()), list)
    with pytest.raises(ValueError, match="registered already"):
        register(_Rogue.named("infobox"))
    with pytest.raises(KeyError, match="no component named nope"):
        components("infobox", "nope")


def test_empty_document(make_doc: Callable[..., Document]) -> None:
    ex = extract(make_doc(""))
    assert ex.claims == [] and ex.film_title is None and ex.film_year is None
