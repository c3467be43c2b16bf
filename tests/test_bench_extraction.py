"""The extraction benchmark's scoring rules: what counts as stated, equal, and claimed."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType

import pytest

from backtrace.model import Claim, Span


@pytest.fixture(scope="module")
def bench(load_bench: Callable[[str], ModuleType]) -> ModuleType:
    return load_bench("extraction")


def _claim(prop: str, value: object, text: str, **qualifiers: object) -> Claim:
    start = text.index(str(value)) if str(value) in text else 0
    return Claim(prop, value, Span.of(text, start, start + len(str(value))), "test",
                 qualifiers=dict(qualifiers))


def test_recall_counts_only_values_the_text_states(bench: ModuleType) -> None:
    text = ("Tin Lantern is a 2018 Indian Tamil-language film made for $4 million and released "
            "on 3 May 2018. Its French distributor is Ardoise.")
    key = f" {bench.name_key(text)} "
    assert bench.stated("cost", {4_000_000, 9_000_000}, text, key) == {4_000_000}
    assert bench.stated("duration", {104}, text, key) == set()
    assert bench.stated("publication_date", {"2018-05-03", "2018-06-01"}, text, key) == {
        "2018-05-03"}
    assert bench.stated("country_of_origin", {"India", "Japan"}, text, key) == {"India"}
    # "French" is a nationality here; Tamil is named as a language
    assert bench.stated("original_language", {"tamil", "french", "english"}, text, key) == {
        "tamil"}
    assert bench.stated("director", {"ivo renn", "ardoise"}, text, key) == {"ardoise"}
    text = "Made by Walt Disney Productions, produced by Ben Sharp."
    key = f" {bench.name_key(text)} "
    assert bench.stated("producer", {"walt disney", "ben sharp"}, text, key) == {"ben sharp"}


def test_names_match_without_initials_on_one_side_only(bench: ModuleType) -> None:
    assert bench._same("producer", "ross m dinerstein", "ross dinerstein")
    assert bench._same("director", "s shankar", "shankar")
    assert not bench._same("director", "j smith", "k smith")
    assert not bench._same("director", "ann lee", "anna lee")


def test_claims_are_scored_as_the_store_links_them(bench: ModuleType) -> None:
    text = "It was directed by Hasra Dulon. The script is by Dulon and Gary Hale."
    claims = [_claim("director", "Hasra Dulon", text), _claim("screenwriter", "Dulon", text),
              _claim("publication_date", "2019-02-01", text, kind="home video"),
              _claim("box_office", {"amount": 5, "currency": "USD"}, text,
                     region="North America")]
    values = bench._values(claims, text)
    assert values == {"director": ["Hasra Dulon"], "screenwriter": ["Hasra Dulon"]}


def test_genres_are_scored_as_the_broad_genres_they_name(bench: ModuleType) -> None:
    vocabulary = {"romance", "comedy", "drama", "noir", "biography", "silent"}
    assert bench.broad_genres("romantic comedy", vocabulary) == {"romance", "comedy"}
    assert bench.broad_genres("comedy-drama", vocabulary) == {"comedy", "drama"}
    assert bench.broad_genres("neo-noir", vocabulary) == {"noir"}
    assert bench.broad_genres("biographical", vocabulary) == {"biography"}
    assert bench.broad_genres("silent", vocabulary) == {"silent"}
    assert bench.broad_genres("space opera", vocabulary) == set()  # not scored


def test_infobox_labels_are_not_names(bench: ModuleType) -> None:
    raw = "'''Score:'''<br>[[Ravi Nair]]<br>'''Songs:'''<br>[[Mira Dev]]<br />Songs: Tom Hale"
    assert bench.wikitext_values(raw) == ["Ravi Nair", "Mira Dev", "Tom Hale"]


def test_company_names_match_without_a_legal_suffix(bench: ModuleType) -> None:
    assert bench._same("distributor", "northway distribution company", "northway distribution")
    assert bench._same("production_company", "kestrel films inc", "kestrel films")
    assert not bench._same("distributor", "northway distribution", "northway pictures")
    assert not bench._same("director", "ann company", "ann")
