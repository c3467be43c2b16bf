"""Which clause a figure or a release belongs to, in leads and in prose (sentences invented
for these tests)."""

from __future__ import annotations

from typing import Any

import pytest

from backtrace.extract import extract
from backtrace.extract.pipeline import RULES_PIPELINE
from backtrace.model import Kind

from .conftest import build_document
from .prose_helpers import prose_claims, values


def releases(text: str) -> list[tuple[str, Any, Any]]:
    """(date, kind, media) of every release of the document's own film."""
    doc = build_document(text, kind=Kind.ENCYCLOPEDIA)
    return sorted({(str(c.value), c.qualifiers.get("kind"), tuple(c.qualifiers.get("media", ())))
                   for c in extract(doc, RULES_PIPELINE).claims
                   if c.property == "publication_date" and c.subject is None})


def test_a_lead_continuation_reads_each_release_with_its_own_words() -> None:
    text = ("Pale Hound is a 2009 American comedy film directed by Ira Voss. It was released in "
            "theaters on November 20, 2009 and it was released on April 2, 2010 on DVD.")
    assert releases(text) == [("2009-11-20", "theatrical", ()),
                              ("2010-04-02", "home video", ("DVD",))]


@pytest.mark.parametrize("text", [
    # a book in the opening phrase does not make the main clause's release the book's
    ("Pale Hound is a 1957 American western film directed by Ira Voss. Based on a novel by "
     "Ada Crane, the film was produced by Leo Marsh and released to theatres on May 3, 1957."),
    ("Pale Hound is a 1957 American western film directed by Ira Voss. Produced for Kestrel "
     "Pictures through their production companies, the film was released on May 3, 1957."),
])
def test_the_release_clause_after_an_opening_phrase(text: str) -> None:
    assert [d for d, _kind, _media in releases(text)] == ["1957-05-03"]


def test_a_soundtrack_release_is_not_the_films() -> None:
    text = ("Pale Hound is a 1957 American western film directed by Ira Voss. The soundtrack "
            "album was released on May 3, 1957.")
    assert releases(text) == []


@pytest.mark.parametrize(("text", "cost"), [
    ("Leo Marsh was the art director of the $40 million budgeted film.", 40_000_000),
    ("It was a $3 million-budget thriller.", 3_000_000),
])
def test_a_budget_written_as_an_adjective(text: str, cost: int) -> None:
    assert [v["amount"] for v in values(prose_claims(text), "cost")] == [cost]


def test_an_opening_rank_earning_is_not_the_gross() -> None:
    claims = prose_claims("The film debuted at number 9 at the box office, earning $2.1 "
                          "million. It went on to gross $30 million worldwide.")
    assert [v["amount"] for v in values(claims, "box_office")] == [30_000_000]


@pytest.mark.parametrize("text", [
    "By the end of seven days, the film earned $48 million worldwide.",
    "In the north, its dubbed version earned around $11 million.",
])
def test_a_part_of_the_run_is_not_the_gross(text: str) -> None:
    assert values(prose_claims(text), "box_office") == []


def test_the_rest_of_a_budget_is_not_the_budget() -> None:
    claims = prose_claims("The film's $35 million budget came from presales; the studio paid "
                          "$3 million of the remaining $15 million budget.")
    assert [v["amount"] for v in values(claims, "cost")] == [35_000_000]


def test_he_and_b_produced_names_the_person_of_the_clause_before() -> None:
    claims = prose_claims("The film was directed by Ana Ruiz, and both she and Tom Bell "
                          "produced it.")
    assert values(claims, "producer") == ["Ana Ruiz", "Tom Bell"]
    # no one named before the pronoun: only the name given
    assert values(prose_claims("He and Tom Bell produced the film."), "producer") == [
        "Tom Bell"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Ben Ode produced, wrote the screenplay, and stars in this adaptation.",
     {("producer", "Ben Ode"), ("screenwriter", "Ben Ode")}),
    ("Ben Ode wrote the script and produced the film.",
     {("screenwriter", "Ben Ode"), ("producer", "Ben Ode")}),
    # another subject, or a passive, is not the same series
    ("Ben Ode directed, and Tia Lamb produced.",
     {("director", "Ben Ode"), ("producer", "Tia Lamb")}),
    ("Ben Ode directed the film and produced by Tia Lamb.",
     {("director", "Ben Ode"), ("producer", "Tia Lamb")}),
    ("Ben Ode directed the film and wrote a novel about it.", {("director", "Ben Ode")}),
])
def test_a_series_of_verbs_credits_its_subject_with_each(text: str, expected: set[Any]) -> None:
    assert {(c.property, c.value) for c in prose_claims(text)} == expected
