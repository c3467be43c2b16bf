"""The first pass over the real seed documents (skipped when ../shared/seeds is absent)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from backtrace.extract import extract
from backtrace.extract.normalize import (
    country_from_demonym,
    normalize_country,
    parse_date,
    parse_duration,
    parse_money,
)
from backtrace.model import Claim, Document, Kind

from .conftest import SEEDS, build_document

pytestmark = pytest.mark.realdata


def seed_path(prefix: str) -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is absent")
    paths = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not paths:
        pytest.skip(f"seed {prefix} is absent")
    return paths[0]


def seed(prefix: str, kind: Kind) -> Document:
    """The seed as the conftest helper builds it."""
    text = seed_path(prefix).read_text(encoding="utf-8")
    return build_document(text, kind=kind, doc_id=prefix)


def seed_as_read(prefix: str, kind: Kind) -> Document:
    """The seed as the real ``read`` stage builds it (the kind is the reader's own)."""
    read = pytest.importorskip("backtrace.read")
    docs = [d for d in read.read_path(seed_path(prefix)) if isinstance(d, Document)]
    assert len(docs) == 1
    return docs[0]


def written_as(claim: Claim) -> bool:
    """Whether the claim's span text holds its value as written."""
    text, value = claim.span.text, claim.value
    if claim.property in ("cost", "box_office", "home_media_sales"):
        return parse_money(text) == value
    if claim.property in ("publication_date", "announcement_date"):
        parsed = parse_date(text)
        return parsed is not None and parsed[0] == value
    if claim.property == "duration":
        return parse_duration(text) == value
    if claim.property == "year":
        return str(value) in text
    if claim.property == "country_of_origin":
        return value in (normalize_country(text), country_from_demonym(text), text)
    if claim.property == "genre":
        return value.lower() in text.lower()
    return isinstance(value, str) and value in text


@pytest.mark.parametrize("build", [seed, seed_as_read], ids=["conftest", "reader"])
def test_seed_001_encyclopedia_entry(build: Callable[[str, Kind], Document]) -> None:
    doc = build("001", Kind.ENCYCLOPEDIA)
    extraction = extract(doc)
    claims = extraction.claims
    assert (extraction.film_title, extraction.film_year) == ("Backtrace", 2018)

    def values(prop: str, extractor: str | None = None) -> list[object]:
        return [c.value for c in claims
                if c.property == prop and (extractor is None or c.extractor == extractor)]

    assert set(values("director")) == {"Brian A. Miller"}
    assert values("announcement_date") == ["2018-11"]
    assert set(values("screenwriter")) == {"Mike Maples"}
    assert sorted(values("producer")) == [
        "George Furla", "Mark Stewart", "Matt Luber", "Randall Emmett"]
    assert values("composer") == ["Tim Jones"]
    assert values("director_of_photography") == ["Peter Holland"]
    assert values("production_company") == [
        "Grindstone Entertainment Group", "Emmett/Furla/Oasis Films",
        "Diamond Film Productions LLC", "Ingenious Media", "Dreamscape Productions", "The Fyzz",
        "Happinet", "Highland Film Group"]
    assert set(values("distributor")) == {"Lionsgate Premiere"}
    assert values("duration") == [87]
    assert values("cost") == [{"amount": 6_000_000, "currency": "USD"}]
    assert values("box_office", "infobox") == [{"amount": 490_636, "currency": "USD"}]
    assert {"amount": 488_148, "currency": "USD"} in values("box_office", "prose_rules")
    assert set(values("publication_date")) == {"2018-12-14", "2019-02-19"}
    assert values("country_of_origin", "infobox") == ["United States"]

    cast = {c.value: c.qualifiers["character"] for c in claims
            if c.extractor == "cast_list" and c.property == "cast_member"}
    assert len(cast) == 11
    # "Williams additionally served as executive producer on the film", in her cast line
    assert values("executive_producer", "cast_list") == ["Williams"]
    assert "Meadow Williams" not in values("producer")
    assert cast["Sylvester Stallone"] == "Detective Sykes"
    assert cast["Matthew Modine"] == 'Donovan "Mac" MacDonald'
    assert cast["Baylee Curran"] == "Secure Guard Alicia"
    assert len(values("cast_member", "infobox")) == 10
    assert set(values("genre")) == {"action", "crime", "thriller"}

    for c in claims:
        assert c.span.text == doc.text[c.span.start:c.span.end], c
        assert written_as(c), c
        assert c.subject is None
        assert len(c.span.text) < 80  # tight spans, never a paragraph
    stallone = next(c for c in claims if c.extractor == "cast_list")
    assert stallone.span.text == "Sylvester Stallone as Detective Sykes"
    assert Counter(c.extractor for c in claims)["cast_list"] == 12  # 11 cast, 1 credit


@pytest.mark.parametrize(("prefix", "kind"), [("000", Kind.NEWS), ("002", Kind.REVIEW)])
def test_news_and_review_seeds_have_no_structured_parts(prefix: str, kind: Kind) -> None:
    extraction = extract(seed(prefix, kind))
    assert extraction.film_title is None
    assert not [c for c in extraction.claims if c.extractor in ("infobox", "cast_list")]
