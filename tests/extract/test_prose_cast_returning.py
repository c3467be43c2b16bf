"""Cast that returns from an earlier film, joins it, or is listed with an aside (sentences
invented for these tests)."""

from __future__ import annotations

import pytest

from backtrace.extract import extract
from backtrace.extract.pipeline import RULES_PIPELINE
from backtrace.model import Kind

from .conftest import build_document

LEAD = "Glass Orchard 2 is a 2011 American comedy film directed by Ira Voss. "


def cast(text: str) -> list[str]:
    doc = build_document(LEAD + text, kind=Kind.ENCYCLOPEDIA)
    return sorted({str(c.value) for c in extract(doc, RULES_PIPELINE).claims
                   if c.property == "cast_member" and c.subject is None})


@pytest.mark.parametrize(("text", "expected"), [
    # the earlier film is named, but the cast returns in this one
    ("All the leads of the first film, including Ada Holm, Leo Marsh, and Nia Vance, "
     "reprise their roles, and are joined by Tess Grey and Omar Rafi.",
     ["Ada Holm", "Leo Marsh", "Nia Vance", "Omar Rafi", "Tess Grey"]),
    ("Ada Holm and Leo Marsh reprise their character roles from the previous film.",
     ["Ada Holm", "Leo Marsh"]),
    ("Besides Holm, Leo Marsh and Nia Vance also co-star, reprising their roles from the "
     "first film.", ["Holm", "Leo Marsh", "Nia Vance"]),
    # newcomers and a cast that "consists of" or is "played by"
    ("Newcomers to the cast include Tess Grey and Omar Rafi.", ["Omar Rafi", "Tess Grey"]),
    ("The film's human cast consists of Ada Holm, Leo Marsh and Nia Vance.",
     ["Ada Holm", "Leo Marsh", "Nia Vance"]),
    ("It stars Ada Holm with a supporting cast played by Leo Marsh and Nia Vance.",
     ["Ada Holm", "Leo Marsh", "Nia Vance"]),
    ("Leo Marsh and Nia Vance round out the rest of the film's cast.",
     ["Leo Marsh", "Nia Vance"]),
    # an aside inside the list does not end it
    ("It stars Ada Holm in the lead role, Leo Marsh and Nia Vance.",
     ["Ada Holm", "Leo Marsh", "Nia Vance"]),
    ("It stars the voices of Ada Holm, Tess Grey in her feature debut, and Omar Rafi.",
     ["Ada Holm", "Omar Rafi", "Tess Grey"]),
    # older ways of writing the cast
    ("Supporting actors include Leo Marsh and Nia Vance.", ["Leo Marsh", "Nia Vance"]),
    ("It was directed by Omar Rafi with Ada Holm and Leo Marsh in the leading roles.",
     ["Ada Holm", "Leo Marsh"]),
    ("Ada Holm and Leo Marsh star in this adventure.", ["Ada Holm", "Leo Marsh"]),
    ("Omar Rafi directed and Nia Vance starred in the film.", ["Nia Vance"]),
    ("It starred stage and matinee idol Leo Marsh and Ada Holm.", ["Ada Holm", "Leo Marsh"]),
    ("It stars husband and wife team Ada Holm and Leo Marsh.", ["Ada Holm", "Leo Marsh"]),
    ("It stars stage star Nia Vance in her last silent film.", ["Nia Vance"]),
    ("It was produced by Leo Marsh, who stars along with Ada Holm.", ["Ada Holm"]),
    ("It features Ada Holm, Tess Grey and Leo Marsh in the lead roles.",
     ["Ada Holm", "Leo Marsh", "Tess Grey"]),
    ("The cast included Ada Holm and Leo Marsh, Sr.", ["Ada Holm", "Leo Marsh, Sr."]),
    ("Ada Holm and Leo Marsh, Jr. co-star.", ["Ada Holm", "Leo Marsh, Jr."]),
])
def test_cast_of_this_film(text: str, expected: list[str]) -> None:
    assert cast(text) == expected


@pytest.mark.parametrize("text", [
    # a role taken up again in another film is that film's
    "Ada Holm reprised her role in the sequel Glass Orchard 3.",
    "Ada Holm reprised her role as Mina for the 2014 film Glass Orchard 3.",
    # "joined by" outside a sentence about the cast is no cast
    "The director was joined by Leo Marsh on the festival tour.",
    "Ada Holm starred in the sequel Glass Orchard 3.",
    "The film features music by Leo Marsh and a cameo by the director.",
])
def test_no_cast_of_this_film(text: str) -> None:
    assert cast(text) == []


@pytest.mark.parametrize(("text", "director"), [
    # "and stars X" ends a director list; it is no description of X
    ("It was directed by Omar Rafi, and stars Leo Marsh and Ada Holm.", ["Omar Rafi"]),
    ("It was directed by Omar Rafi and stars Leo Marsh.", ["Omar Rafi"]),
])
def test_a_cast_verb_ends_a_credit_list(text: str, director: list[str]) -> None:
    doc = build_document(LEAD + text, kind=Kind.ENCYCLOPEDIA)
    found = {str(c.value) for c in extract(doc, RULES_PIPELINE).claims
             if c.property == "director" and c.subject is None}
    assert sorted(found - {"Ira Voss"}) == director
