"""prose_rules: release events with kind, media, announced and dates from doc.date."""

from __future__ import annotations

import pytest

from backtrace.model import Claim, Kind

from .prose_helpers import prose_claims


def releases(claims: list[Claim]) -> list[tuple[str, str | None, bool]]:
    return [(c.value, c.qualifiers.get("kind"), bool(c.qualifiers.get("announced")))
            for c in claims if c.property == "publication_date"]


def test_announced_theatrical_date_takes_its_year_from_the_news_item() -> None:
    claims = prose_claims("The thriller will hit theaters on April 12.", date="2019-03-01")
    assert releases(claims) == [("2019-04-12", "theatrical", True)]
    assert claims[0].span.text == "April 12"


def test_partial_date_after_new_year() -> None:
    claims = prose_claims("It opens in theaters on January 9.", date="2019-11-20")
    assert releases(claims) == [("2020-01-09", "theatrical", True)]


def test_home_video_with_media_and_company() -> None:
    claims = prose_claims("It arrives on Blu-ray, DVD and Digital on June 4 from Copperline.",
                          date="2019-05-10")
    (release,) = [c for c in claims if c.property == "publication_date"]
    assert release.value == "2019-06-04"
    assert release.qualifiers == {"kind": "home video", "media": ["Blu-ray", "DVD", "Digital"],
                                  "announced": True}
    assert [c.value for c in claims if c.property == "distributor"] == ["Copperline"]


def test_two_kinds_on_one_date() -> None:
    claims = prose_claims("It got a limited theatrical run and a same-day VOD release on May 3, "
                          "2019.", kind=Kind.ENCYCLOPEDIA)
    assert releases(claims) == [("2019-05-03", "limited", False), ("2019-05-03", "VOD", False)]


def test_premiere() -> None:
    claims = prose_claims("The film premiered at the Tribeca Festival on June 10, 2018.")
    assert releases(claims) == [("2018-06-10", "premiere", False)]


def test_simultaneous_release_reuses_the_date_of_the_sentence_before() -> None:
    claims = prose_claims("It opens nationwide on August 9. It will also stream on demand the "
                          "same day.", date="2019-07-01")
    assert releases(claims) == [("2019-08-09", "wide", True), ("2019-08-09", "VOD", True)]
    assert claims[1].span.text.startswith("August 9")


def test_a_written_date_in_the_past_is_not_announced() -> None:
    claims = prose_claims("It was released on home video on March 2, 2019.", date="2019-06-01")
    assert releases(claims) == [("2019-03-02", "home video", False)]


def test_an_undated_day_is_kept_without_a_year() -> None:
    # no year can be given to the date: reconciliation joins it to a dated day, or drops it
    assert releases(prose_claims("It hits DVD on March 3.")) == [("--03-03", "home video", False)]
    assert releases(prose_claims("It hits DVD on March 3.", date="2019-01-10")) == [
        ("2019-03-03", "home video", True)]


@pytest.mark.parametrize(("text", "date"), [
    ("The first trailer was released on May 2, 2019.", None),
    ("The movie will hit theaters very soon.", "2019-03-01"),
    ("Filming began on May 1, 2017 in a quarry.", None),
    ("The 2012 crime thriller Iron Lanes opened on May 4, 2012.", None),
])
def test_sentences_that_give_no_release(text: str, date: str | None) -> None:
    assert releases(prose_claims(text, date=date)) == []


def test_plot_sections_give_no_release() -> None:
    text = "= Pale Yard =\n\n==Plot==\nHe is released from prison on June 3, 1985.\n"
    assert prose_claims(text, kind=Kind.ENCYCLOPEDIA) == []


def test_the_soundtrack_release_is_not_the_films() -> None:
    claims = prose_claims("The soundtrack album was released by Tone Records on May 3.",
                          date="2019-04-01")
    assert claims == []


@pytest.mark.parametrize(("text", "expected"), [
    ("The project was announced in March 2017, with Kiln Road Films attached.", ["2017-03"]),
    ("Gull Island was officially announced on 9 May 2021.", ["2021-05-09"]),
    ("The trailer was announced on May 3, 2019.", []),
    ("It was announced that Nell Carver would direct.", []),
    ("A sequel was announced in 2022.", []),
])
def test_announcement_dates(text: str, expected: list[str]) -> None:
    from backtrace.extract.prose_releases import announcement_hits

    hits = announcement_hits(text, 0, len(text), ref=None, title="Gull Island")
    assert [h.value for h in hits] == expected
    for h in hits:
        assert text[h.start : h.end] in text and h.value[:4] in text[h.start : h.end]


@pytest.mark.parametrize(("text", "expected"), [
    ("It opened in theaters on April 14, 1994; a VHS edition came out on October 19, 1994 "
     "from Harbor Home Video.",
     {"1994-04-14": {"kind": "theatrical"},
      "1994-10-19": {"kind": "home video", "media": ["VHS"]}}),
    # the medium written after its date
    ("It was released in theaters on May 2, 2009 and on March 9, 2010 on DVD.",
     {"2009-05-02": {"kind": "theatrical"},
      "2010-03-09": {"kind": "home video", "media": ["DVD"]}}),
])
def test_each_date_takes_the_kind_and_media_of_its_own_clause(
        text: str, expected: dict[str, dict[str, object]]) -> None:
    claims = prose_claims(text, kind=Kind.ENCYCLOPEDIA)
    assert {c.value: c.qualifiers for c in claims if c.property == "publication_date"} == expected

def test_region_of_each_release() -> None:
    claims = prose_claims("It was released in France on February 5, 2003, and in the United "
                          "States on February 14, 2003.", kind=Kind.ENCYCLOPEDIA)
    got = {c.value: c.qualifiers.get("region") for c in claims
           if c.property == "publication_date"}
    assert got == {"2003-02-05": "France", "2003-02-14": "United States"}


def test_wide_screen_is_not_a_wide_release() -> None:
    claims = prose_claims("A DVD was released on March 3, 2004, though not in its wide screen "
                          "ratio.", kind=Kind.ENCYCLOPEDIA)
    assert releases(claims) == [("2004-03-03", "home video", False)]


def test_a_company_named_premiere_is_no_premiere() -> None:
    claims = prose_claims("It was released as video on demand by Harrowgate Premiere on May 3, "
                          "2019.", kind=Kind.ENCYCLOPEDIA)
    assert releases(claims) == [("2019-05-03", "VOD", False)]
    claims = prose_claims("Premiered at the Ostend Festival on June 2, 2017, it opened later.",
                          kind=Kind.ENCYCLOPEDIA)
    assert releases(claims)[0] == ("2017-06-02", "premiere", False)


def test_one_release_per_country_named() -> None:
    claims = prose_claims("Harbor Films released it in theaters in the United States and "
                          "Canada on March 3, 2021.", kind=Kind.ENCYCLOPEDIA)
    got = [(c.value, c.qualifiers.get("kind"), c.qualifiers.get("region")) for c in claims
           if c.property == "publication_date"]
    assert got == [("2021-03-03", "theatrical", "United States"),
                   ("2021-03-03", "theatrical", "Canada")]


def test_each_date_takes_the_countries_nearest_before_it() -> None:
    claims = prose_claims("It was released in Norway and Sweden in 2003, in France on 16 March "
                          "2004 and in Spain on 1 May 2004.", kind=Kind.ENCYCLOPEDIA)
    got = {(c.value, c.qualifiers.get("region")) for c in claims
           if c.property == "publication_date"}
    assert got == {("2004-03-16", "France"), ("2004-05-01", "Spain")}
