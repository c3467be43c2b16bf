"""JSON-LD that validates: BCP 47 languages, reviews as Review items with authors and
publishers and only quoted words as their body, no aggregateRating nobody gave; checked
by expansion with PyLD and against schema.org's Movie shape."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from backtrace.export import film_jsonld
from backtrace.export.languages import language_tag
from backtrace.store.records import Fact, FilmRecord

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "examples" / "corpus"
S = "https://schema.org/"
BCP47 = re.compile(r"[a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-(?:[A-Z]{2}|\d{3}))?")
ISO_DURATION = re.compile(r"PT(?:\d+H)?(?:\d+M)?")
ISO_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")

# schema.org's Movie (and the nodes it holds) as these exports use it: each property with
# the node types or value kinds schema.org allows for it ("Text", "Number", "Date",
# "Duration", "Language" as BCP 47 text).
SHAPES: dict[str, dict[str, tuple[str, ...]]] = {
    "Movie": {
        "name": ("Text",), "director": ("Person",), "author": ("Person", "Organization"),
        "producer": ("Person", "Organization"), "musicBy": ("Person", "MusicGroup"),
        "contributor": ("Person", "Organization"), "editor": ("Person",),
        "actor": ("Person", "PerformanceRole"), "productionCompany": ("Organization",),
        "publisher": ("Organization", "Person"), "duration": ("Duration",),
        "datePublished": ("Date",), "countryOfOrigin": ("Country",),
        "inLanguage": ("Language", "BCP47"), "genre": ("Text",),
        "locationCreated": ("Place",), "review": ("Review",),
        "aggregateRating": ("AggregateRating",),
    },
    "Person": {"name": ("Text",)},
    "Organization": {"name": ("Text",)},
    "Country": {"name": ("Text",)},
    "Place": {"name": ("Text",)},
    "Language": {"name": ("Text",)},
    "PerformanceRole": {"actor": ("Person",), "characterName": ("Text",)},
    "Review": {"author": ("Person", "Organization"), "publisher": ("Organization",),
               "datePublished": ("Date",), "reviewBody": ("Text",), "reviewRating": ("Rating",)},
    "Rating": {"ratingValue": ("Number",), "bestRating": ("Number",),
               "worstRating": ("Number",)},
}  # fmt: skip
REQUIRED = {"Movie": ("name",), "Review": ("author",), "PerformanceRole": ("actor",),
            "Person": ("name",), "Organization": ("name",)}  # fmt: skip


def check_shape(node: Any, allowed: tuple[str, ...], where: str = "Movie") -> None:
    """``node`` fits one of ``allowed`` (node types or value kinds), recursively."""
    for value in node if isinstance(node, list) else [node]:
        if isinstance(value, dict):
            kind = value.get("@type")
            assert kind in allowed and kind in SHAPES, f"{where}: {kind} not in {allowed}"
            for req in REQUIRED.get(kind, ()):
                if kind != "Review":  # an unsigned review has no author
                    assert req in value, f"{where}: a {kind} without {req}"
            for key, inner in value.items():
                if key.startswith("@"):
                    continue
                assert key in SHAPES[kind], f"{where}: {kind} has no property {key}"
                check_shape(inner, SHAPES[kind][key], f"{where}.{key}")
        elif isinstance(value, bool):
            raise AssertionError(f"{where}: a boolean")
        elif isinstance(value, int | float):
            assert "Number" in allowed, f"{where}: a number where {allowed}"
        else:
            text = str(value)
            ok = ("Text" in allowed
                  or ("BCP47" in allowed and BCP47.fullmatch(text))
                  or ("Duration" in allowed and ISO_DURATION.fullmatch(text))
                  or ("Date" in allowed and ISO_DATE.fullmatch(text)))  # fmt: skip
            assert ok, f"{where}: {text!r} is none of {allowed}"


def test_language_names_to_bcp47() -> None:
    assert language_tag("English") == "en"
    assert language_tag("French language") == "fr"
    assert language_tag("mandarin") == "cmn"
    assert language_tag("Greek") == "el"
    assert language_tag("Hawaiian") == "haw"  # no two-letter code: the three-letter one
    assert language_tag("Elvish of the Western Reach") is None


def test_no_rating_nobody_gave_and_reviews_quote_only_the_critics_words() -> None:
    def src(text: str, kind: str) -> dict:
        return {"document": kind, "kind": kind, "start": 0, "end": len(text), "text": text}

    reported = src('Ida Marsh of The Lantern called it "a slow, radiant wonder of a film".',
                   "encyclopedia")  # fmt: skip
    own = src("A slow film that earns its ending.", "review")
    reception = {
        "count": 3, "approval": 67, "band": "generally favorable",
        "reviews": [
            {"critic": "Ida Marsh", "outlet": "The Lantern", "polarity": "positive",
             "quote": reported["text"], "score": None, "sources": [reported]},
            {"critic": None, "outlet": "Reel Weekly", "polarity": "positive",
             "quote": own["text"], "score": {"value": 80, "best": 100, "worst": 0},
             "sources": [own], "date": "2015-03-07"},
            {"critic": "Tom Ash", "outlet": None, "polarity": "negative",
             "quote": "Tom Ash disliked it.", "score": None,
             "sources": [src("Tom Ash disliked it.", "news")]},
        ],
    }  # fmt: skip
    languages = [Fact(name, {}, "agreed", True, 1.0, "", [])
                 for name in ("English", "Elvish of the Western Reach")]  # fmt: skip
    record = FilmRecord(7, "Lamp Year", 2015, {"original_language": languages})
    node = film_jsonld(record, reception)
    assert "aggregateRating" not in node
    unknown = {"@type": "Language", "name": "Elvish of the Western Reach"}
    assert node["inLanguage"] == ["en", unknown]
    first, second, third = node["review"]
    assert first["author"] == {"@type": "Person", "name": "Ida Marsh"}
    assert first["publisher"] == {"@type": "Organization", "name": "The Lantern"}
    assert first["reviewBody"] == "a slow, radiant wonder of a film"  # not the report
    assert "reviewRating" not in first  # no score stated: none made up from polarity
    assert second["author"] == {"@type": "Organization", "name": "Reel Weekly"}
    assert second["reviewBody"] == own["text"] and second["reviewRating"]["ratingValue"] == 80
    assert "reviewBody" not in third  # the source quotes no words of his
    check_shape(node, ("Movie",))


@pytest.fixture(scope="module")
def jsonld_module():
    jsonld = pytest.importorskip("pyld.jsonld")

    def loader(url: str, options: dict | None = None) -> dict:
        # schema.org's context without the network: every term in the schema.org vocabulary
        return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url,
                "document": {"@context": {"@vocab": S}}}  # fmt: skip

    jsonld.set_document_loader(loader)
    return jsonld


def test_every_film_expands_and_fits_the_movie_shape(harbor, jsonld_module) -> None:
    graph = harbor.jsonld()
    assert graph["@context"] == "https://schema.org"
    for node in graph["@graph"]:
        check_shape(node, ("Movie",))
        assert "aggregateRating" not in node
        expanded = jsonld_module.expand({"@context": "https://schema.org", **node})[0]
        assert expanded["@type"] == [S + "Movie"]
        for key in expanded:  # nothing dropped by the expansion: every term is schema.org's
            assert key.startswith(("@", S)), key
        assert len([k for k in expanded if not k.startswith("@")]) == \
            len([k for k in node if not k.startswith("@")])
    film = harbor.jsonld("Harbor of Glass")
    assert film["inLanguage"] == ["en"]
    reviews = film["review"]
    assert any(r.get("author", {}).get("name") == "Perrin Lusk" for r in reviews)
    lusk = next(r for r in reviews if r.get("author", {}).get("name") == "Perrin Lusk")
    assert lusk["publisher"]["name"].endswith("Tidewater Post")
    assert lusk["reviewBody"].startswith("Venn makes every breath")
    assert "gave the film" not in lusk["reviewBody"]
