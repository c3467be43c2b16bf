"""prose_rules as a component: what it reads, what it leaves to the other components."""

from __future__ import annotations

from backtrace.extract import PIPELINE, extract
from backtrace.extract.pipeline import run
from backtrace.extract.prose_rules import ProseRulesExtractor, about_other_film
from backtrace.model import PROPERTIES, Kind

from .conftest import build_document
from .prose_helpers import prose_claims

ENTRY = """= Tin Lantern =

Tin Lantern
- Director: Ivo Renn
- Budget: $2 million

Tin Lantern is a 2011 drama film directed by Ivo Renn. The film was produced by Asa Lund.

==Cast==
Ola Brand plays Nurse Kell, a role written for her.

==Production==
The film was shot in Tromso, Norway in 24 days, on a budget of $2 million.
"""


def test_contract() -> None:
    component = ProseRulesExtractor()
    assert component.name == "prose_rules"
    assert component.requires == ("sentences",)
    assert set(component.produces) <= set(PROPERTIES)
    assert PIPELINE[-2].name == "prose_rules"


def test_leaves_lead_infobox_and_cast_sections_to_the_other_components() -> None:
    doc = build_document(ENTRY)
    claims = run(doc, [ProseRulesExtractor()])
    assert {(c.property, str(c.value)) for c in claims} == {
        ("filming_location", "Tromso, Norway"),
        ("cost", "{'amount': 2000000, 'currency': 'USD'}"),
    }
    (location,) = [c for c in claims if c.property == "filming_location"]
    assert location.qualifiers == {"shoot_days": 24}


def test_whole_pipeline_has_one_claim_per_statement() -> None:
    extraction = extract(build_document(ENTRY))
    directors = [c for c in extraction.claims if c.property == "director"]
    assert [c.extractor for c in directors] == ["infobox", "lead_sentence"]
    producers = [c for c in extraction.claims if c.property == "producer"]
    assert [c.extractor for c in producers] == ["lead_sentence"]
    assert (extraction.film_title, extraction.film_year) == ("Tin Lantern", 2011)


def test_a_lead_shaped_sentence_about_another_film_gives_nothing() -> None:
    text = ("Copper Bell is a 1998 crime film directed by Hal Ostrow. It grossed $9 million "
            "worldwide.")
    claims = prose_claims(text, kind=Kind.NEWS)
    assert [c.property for c in claims] == ["box_office"]  # only the second sentence


def test_plot_gives_cast_only_without_a_cast_section() -> None:
    plot = "= Pale Yard =\n\n==Plot==\nA nurse named Vera (Lise Holm) hides $3 million.\n"
    claims = prose_claims(plot, kind=Kind.ENCYCLOPEDIA)
    assert [(c.property, c.value, c.qualifiers) for c in claims] == [
        ("cast_member", "Lise Holm", {"character": "Vera"})]
    with_cast = plot + "\n==Cast==\n- Lise Holm as Vera Sand\n"
    assert prose_claims(with_cast, kind=Kind.ENCYCLOPEDIA) == []


def test_about_other_film() -> None:
    for text in ("He played one in the 2012 crime thriller Iron Lanes.",
                 "In the sequel, she runs a bar.", "She starred in Paper Kites (2009)."):
        assert about_other_film(text, 0, len(text)), text
    assert not about_other_film("The film was shot in 2018.", 0, 26)


def test_spans_are_tight() -> None:
    claims = prose_claims("The caper is directed by Petra Lindqvist, who adapts a script "
                          "written by Omar Feld, and it runs 98 minutes.")
    assert [c.span.text for c in claims] == ["Omar Feld", "Petra Lindqvist", "98 minutes"]
