from __future__ import annotations

from collections.abc import Callable

import pytest

from backtrace.extract.infobox import InfoboxExtractor, normalize_key, property_for_key
from backtrace.model import Claim, Document

infobox = InfoboxExtractor()


def box(make_doc: Callable[..., Document], *lines: str) -> list[Claim]:
    text = "= Tin Lantern =\n\nTin Lantern\n" + "\n".join(lines) + "\n\n==Plot==\nNone.\n"
    doc = make_doc(text)
    claims = infobox(doc)
    for c in claims:
        assert doc.text[c.span.start:c.span.end] == c.span.text
    return claims


def summary(claims: list[Claim]) -> list[tuple[str, object, str]]:
    return [(c.property, c.value, c.span.text) for c in claims]


@pytest.mark.parametrize(
    ("key", "prop"),
    [
        ("Director", "director"), ("Directed by", "director"), ("directors", "director"),
        ("Producer(s)", "producer"), ("Produced by", "producer"), ("Writer", "screenwriter"),
        ("Written by", "screenwriter"), ("Story by", "screenwriter"),
        ("Teleplay", "screenwriter"), ("Starring", "cast_member"), ("Narrated by", "narrator"),
        ("Music", "composer"), ("Composer", "composer"),
        ("Cinematography", "director_of_photography"), ("Edited by", "film_editor"),
        ("Editing", "film_editor"), ("Studio", "production_company"),
        ("Production companies", "production_company"), ("Distributed by", "distributor"),
        ("Released", "publication_date"), ("Release dates", "publication_date"),
        ("Running time", "duration"), ("Runtime", "duration"), ("Country", "country_of_origin"),
        ("Language", "original_language"), ("Budget", "cost"), ("Gross", "box_office"),
        ("Box office", "box_office"), ("Based on", "based_on"),
        ("release_date:", "publication_date"),
    ],
)
def test_key_mapping(key: str, prop: str) -> None:
    mapped = property_for_key(key)
    assert mapped is not None and mapped[0] == prop


def test_unknown_keys_are_ignored(make_doc: Callable[..., Document]) -> None:
    assert property_for_key("Trivia") is None
    assert box(make_doc, "- Trivia: none", "- Mascot: a heron") == []
    assert normalize_key(" Producer(s) ") == "producer"


def test_people_one_claim_per_name(make_doc: Callable[..., Document]) -> None:
    claims = box(make_doc, "- Produced by: Nell Ardent, p.g.a.; Otto Vass and Pim Salo")
    assert summary(claims) == [
        ("producer", "Nell Ardent", "Nell Ardent"),
        ("producer", "Otto Vass", "Otto Vass"),
        ("producer", "Pim Salo", "Pim Salo"),
    ]
    assert all(c.confidence == 0.95 and c.extractor == "infobox" for c in claims)


def test_writer_credits(make_doc: Callable[..., Document]) -> None:
    claims = box(make_doc, "- Screenplay by: Ivo Renn", "- Story by: Jo Pell",
                 "- Written by: Kai Moss")
    assert [(c.value, c.qualifiers) for c in claims] == [
        ("Ivo Renn", {"credit": "screenplay"}), ("Jo Pell", {"credit": "story"}),
        ("Kai Moss", {"credit": "writer"})]


def test_notes_after_names(make_doc: Callable[..., Document]) -> None:
    claims = box(make_doc, "- Narrated by: Sol Vine (prologue only)")
    assert [(c.value, c.qualifiers, c.span.text) for c in claims] == [
        ("Sol Vine", {"note": "prologue only"}, "Sol Vine")]


def test_companies_keep_slashes(make_doc: Callable[..., Document]) -> None:
    claims = box(make_doc, "- Studio: Bex/Orlo/Kestrel Pictures, Tern Studios LLC")
    assert [c.value for c in claims] == ["Bex/Orlo/Kestrel Pictures", "Tern Studios LLC"]


def test_release_dates_with_places(make_doc: Callable[..., Document]) -> None:
    claims = box(make_doc, "- Release dates: 2 May 2015 (Berlin), June 19, 2015 (United States)")
    assert [(c.value, c.qualifiers, c.span.text) for c in claims] == [
        ("2015-05-02", {"region": "Berlin"}, "2 May 2015"),
        ("2015-06-19", {"region": "United States"}, "June 19, 2015"),
    ]


def test_single_values(make_doc: Callable[..., Document]) -> None:
    claims = box(make_doc, "- Running time: 1h 42m", "- Budget: £2m", "- Gross: $1,250,000",
                 "- Box office: $3 million (US)")
    assert summary(claims) == [
        ("duration", 102, "1h 42m"),
        ("cost", {"amount": 2_000_000, "currency": "GBP"}, "£2m"),
        ("box_office", {"amount": 1_250_000, "currency": "USD"}, "$1,250,000"),
        ("box_office", {"amount": 3_000_000, "currency": "USD"}, "$3 million"),
    ]
    assert [c.qualifiers for c in claims[2:]] == [{"region": "worldwide"}, {"region": "US"}]


def test_countries_languages_and_based_on(make_doc: Callable[..., Document]) -> None:
    claims = box(make_doc, "- Country: U.K., Ireland", "- Language: English, Gaelic",
                 "- Based on: The Drowned Bell by Ines Harrow")
    assert summary(claims) == [
        ("country_of_origin", "United Kingdom", "U.K."),
        ("country_of_origin", "Ireland", "Ireland"),
        ("original_language", "English", "English"),
        ("original_language", "Gaelic", "Gaelic"),
        ("based_on", "The Drowned Bell by Ines Harrow", "The Drowned Bell by Ines Harrow"),
    ]


@pytest.mark.parametrize("line", ["- Budget: unknown", "- Released: TBA", "- Runtime: long",
                                  "- Director:", "- Gross: 1.4 million"])
def test_values_that_say_nothing(make_doc: Callable[..., Document], line: str) -> None:
    assert box(make_doc, line) == []


def test_no_infobox_no_claims(make_doc: Callable[..., Document]) -> None:
    doc = make_doc("= Tin Lantern =\n\nTin Lantern is a play.\n\n==Cast==\n- Ola Brand: a role\n")
    assert infobox(doc) == []
