"""prose_rules: budget, box office, running time and filming locations in prose."""

from __future__ import annotations

import pytest

from .prose_helpers import pairs, prose_claims, values


@pytest.mark.parametrize(("text", "amount"), [
    ("The drama was made on a $4 million budget.", 4_000_000),
    ("It had a budget of $6.5 million, most of it spent on the crash scene.", 6_500_000),
    ("The studio gave it an estimated budget of €8 million.", 8_000_000),
])
def test_budget(text: str, amount: int) -> None:
    claims = prose_claims(text)
    assert [v["amount"] for v in values(claims, "cost")] == [amount]
    assert values(claims, "box_office") == []


def test_box_office_per_region() -> None:
    claims = prose_claims("Night Harbor grossed $12.3 million in the United States and Canada, "
                          "plus $20.1 million in other territories, reaching a worldwide total "
                          "of $32.4 million.")
    assert pairs(claims, "box_office", "region") == {
        (12_300_000, "North America"), (20_100_000, "other territories"),
        (32_400_000, "worldwide")}


def test_box_office_with_home_video_sales() -> None:
    claims = prose_claims("The heist film grossed $0 in North America and $212,400 in other "
                          "countries, plus $301,250 with home video sales.")
    assert pairs(claims, "box_office", "region") == {
        (0, "North America"), (212_400, "other territories")}
    # sales are money the film earned, not box office
    (sales,) = [c for c in claims if c.property == "home_media_sales"]
    assert (sales.value["amount"], sales.qualifiers) == (301_250, {})
    assert [c.span.text for c in claims] == ["$0", "$212,400", "$301,250"]


def test_budget_and_gross_in_one_sentence() -> None:
    claims = prose_claims("Made for $3 million, it went on to gross $41 million worldwide.")
    assert pairs(claims, "box_office", "region") == {(41_000_000, "worldwide")}


@pytest.mark.parametrize(("text", "minutes"), [
    ("The final cut runs 104 minutes.", 104),
    ("The film has a runtime of 1h 27m.", 87),
    ("It is a lean 95-minute film about one bad night.", 95),
    ("The director's cut has a running time of 2 hours and 10 minutes.", 130),
    ("The film runs two hours and twelve minutes.", 132),
    ("Its theatrical cut has a running time of ninety-one minutes.", 91),
])
def test_running_time(text: str, minutes: int) -> None:
    assert values(prose_claims(text), "duration") == [minutes]


@pytest.mark.parametrize("text", [
    "The first seven minutes of the film have no dialogue.",
    "It took two hours to drive to the set.",
])
def test_number_words_that_are_no_running_time(text: str) -> None:
    assert values(prose_claims(text), "duration") == []


def test_filming_location_with_length_of_shoot() -> None:
    claims = prose_claims("Principal photography took place in Duluth, Minnesota over 19 days.")
    assert pairs(claims, "filming_location", "shoot_days") == {("Duluth, Minnesota", 19)}


def test_several_filming_locations() -> None:
    claims = prose_claims("Exteriors were filmed in Lisbon and Porto during the spring.")
    assert values(claims, "filming_location") == ["Lisbon", "Porto"]
    assert all("shoot_days" not in c.qualifiers for c in claims)


@pytest.mark.parametrize("text", [
    "It earned $1.2 million on its opening weekend.",
    "The robbers escape with $2 million in bearer bonds.",
    "The first 20 minutes are the best part of the film.",
    "The hero was shot in the leg during the raid.",
    "Filming wrapped in three weeks.",
    "The 2014 comedy Big Lamp grossed $80 million.",
])
def test_sentences_that_give_no_figure(text: str) -> None:
    assert prose_claims(text) == []
