from __future__ import annotations

from collections.abc import Callable

from backtrace.extract import extract
from backtrace.extract.docparts import same_title, similar_title, strip_disambiguation
from backtrace.model import Document, Kind

MakeDoc = Callable[..., Document]


def test_title_from_explicit_title_without_disambiguation(make_doc: MakeDoc) -> None:
    ex = extract(make_doc("= Tin Lantern (2011 film) =\n\nA short note.\n"))
    assert (ex.film_title, ex.film_year) == ("Tin Lantern", 2011)


def test_year_from_the_lead(make_doc: MakeDoc) -> None:
    ex = extract(make_doc("= Tin Lantern (film) =\n\nTin Lantern is a 2011 drama film.\n"))
    assert (ex.film_title, ex.film_year) == ("Tin Lantern", 2011)


def test_year_from_the_first_infobox_release_date(make_doc: MakeDoc) -> None:
    text = ("= Tin Lantern =\n\nTin Lantern\n- Released: 4 May 2012 (Cannes), 2013\n\n"
            "Tin Lantern is an Irish drama film.\n")
    ex = extract(make_doc(text))
    assert (ex.film_title, ex.film_year) == ("Tin Lantern", 2012)


def test_title_from_the_lead_when_no_explicit_title(make_doc: MakeDoc) -> None:
    ex = extract(make_doc("Tin Lantern is a 2011 drama film directed by Ivo Renn.\n"))
    assert (ex.film_title, ex.film_year) == ("Tin Lantern", 2011)
    assert all(c.subject is None for c in ex.claims)


def test_news_and_reviews_leave_the_film_to_resolve(make_doc: MakeDoc) -> None:
    text = "Tin Lantern is a 2011 drama film directed by Ivo Renn. We loved it.\n"
    ex = extract(make_doc(text, kind=Kind.REVIEW))
    assert (ex.film_title, ex.film_year) == (None, None)
    assert {c.subject for c in ex.claims} == {"Tin Lantern"}


def test_explicit_title_that_is_not_the_leads(make_doc: MakeDoc) -> None:
    ex = extract(make_doc("= Tin Lantern =\n\nCopper Bell is a 2001 comedy film.\n"))
    assert (ex.film_title, ex.film_year) == ("Tin Lantern", None)
    assert {c.subject for c in ex.claims} == {"Copper Bell"}


def test_title_helpers() -> None:
    assert strip_disambiguation("Tin Lantern (2011 film)") == ("Tin Lantern", 2011)
    assert strip_disambiguation("Tin Lantern (film)") == ("Tin Lantern", None)
    assert strip_disambiguation("Tin Lantern (novel)") == ("Tin Lantern (novel)", None)
    assert same_title("The Gull's Café", "gulls cafe (film)")
    assert same_title("Rolf Dam's Tin Lantern", "Tin Lantern")
    assert same_title("Q & A", "Q&A")
    assert not same_title("Tin Lantern", "Copper Bell")
    assert similar_title("Harbour Lights", "Harbor Lights")
    assert not similar_title("Harbour Lights II", "Harbour Lights III")
