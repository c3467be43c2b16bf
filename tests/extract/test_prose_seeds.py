"""prose_rules on the real seed documents (skipped when ../shared/seeds is absent)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from backtrace.extract import extract
from backtrace.model import Claim, Document
from backtrace.read import read_path

pytestmark = pytest.mark.realdata

SEEDS = Path(__file__).parents[2].parent / "shared" / "seeds"


def read_seed(prefix: str) -> Document:
    if not SEEDS.is_dir():
        pytest.skip(f"{SEEDS} is absent")
    paths = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not paths:
        pytest.skip(f"seed {prefix} is absent")
    (doc,) = [d for d in read_path(paths[0]) if isinstance(d, Document)]
    return doc


def prose(doc: Document) -> list[Claim]:
    return [c for c in extract(doc).claims if c.extractor == "prose_rules"]


def releases(claims: list[Claim]) -> set[tuple[str, str | None]]:
    return {(c.value, c.qualifiers.get("kind")) for c in claims
            if c.property == "publication_date"}


def test_encyclopedia_entry() -> None:
    claims = prose(read_seed("001"))
    (location,) = [c for c in claims if c.property == "filming_location"]
    assert (location.value, location.qualifiers) == ("Savannah, Georgia", {"shoot_days": 12})
    gross = {(c.value["amount"], c.qualifiers.get("region")) for c in claims
             if c.property == "box_office"}
    assert gross == {(0, "North America"), (488_148, "other territories")}
    assert [c.value["amount"] for c in claims if c.property == "home_media_sales"] == [717_998]
    assert releases(claims) == {("2018-12-14", "limited"), ("2018-12-14", "VOD"),
                                ("2019-02-19", "home video")}
    for c in claims:
        assert c.subject is None
        assert len(c.span.text) < 80


def test_news_item() -> None:
    doc = read_seed("000")
    claims = prose(doc)
    producers = [c.value for c in claims if c.property == "producer"]
    assert producers == ["Randall Emmett", "George Furla", "Mark Stewart", "Ambyr Childers",
                         "Matt Luber"]
    assert [c.value for c in claims if c.property == "director"] == ["Brian A. Miller"]
    assert [c.value for c in claims if c.property == "distributor"] == ["Lionsgate Premiere"]
    dated = [c for c in claims if c.property == "publication_date"]
    assert releases(dated) == {("2018-12-14", "wide"), ("2018-12-14", "VOD")}
    assert all(c.qualifiers["announced"] is True for c in dated)


def test_news_item_gives_nothing_about_the_other_films_it_names() -> None:
    doc = read_seed("000")
    other = doc.text.index("He last played one")
    sentence = doc.sentence_at(other)
    assert sentence is not None
    for c in extract(doc).claims:
        if c.subject is not None:  # film_mentions: a claim about the film named in passing
            assert c.extractor == "film_mentions" and c.subject != "Backtrace", c
            continue
        assert not sentence.start <= c.span.start < sentence.end, c
        assert "Bullet" not in str(c.value) and "2012" not in str(c.value), c
        assert c.property not in ("year", "genre"), c


def test_review_home_video_release() -> None:
    doc = read_seed("002")
    assert doc.date is None  # the review is undated: "February 19" has no year to take
    assert releases(prose(doc)) == {("--02-19", "home video")}  # reconcile dates it
    assert [c.value for c in prose(doc) if c.property == "distributor"] == ["Lionsgate"]
    dated = dataclasses.replace(doc, date="2019-02-05")
    (release,) = [c for c in prose(dated) if c.property == "publication_date"]
    assert release.value == "2019-02-19"
    assert release.qualifiers == {"kind": "home video", "media": ["Blu-ray", "DVD", "Digital"],
                                  "announced": True}
