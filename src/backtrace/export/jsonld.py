"""A film record as schema.org ``Movie`` JSON-LD (believed values only).

People are ``Person`` nodes, cast members ``PerformanceRole`` nodes carrying the actor and
the ``characterName``; the running time is an ISO 8601 duration; ``inLanguage`` holds BCP
47 tags (a language ISO 639 does not know is a ``Language`` node with its name).

Only what sources say: each critic's review is a ``Review`` with its author (the critic,
else the outlet) and publisher (the outlet), a ``reviewRating`` only when the critic states
a score, and a ``reviewBody`` only when the source quotes the critic's words (those words,
not the sentence reporting them). There is no ``aggregateRating``: no source states one,
and backtrace's own count of positive reviews is no rating anyone gave.
"""

from __future__ import annotations

import re
from typing import Any

from backtrace.export.languages import language_tag
from backtrace.store.records import FilmRecord

SCHEMA_CONTEXT = "https://schema.org"
# the critic's own words inside a sentence that reports them
_QUOTED = re.compile(r"[\"“]([^\"“”]{2,1000})[\"”]")

_PEOPLE = {
    "director": "director",
    "screenwriter": "author",
    "producer": "producer",
    "composer": "musicBy",
}
_ORGS = {"production_company": "productionCompany", "distributor": "publisher"}


def iso_duration(minutes: int) -> str:
    """87 -> ``PT1H27M``."""
    hours, mins = divmod(int(minutes), 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{mins}M" if mins or not hours else "")


def _person(name: Any) -> dict[str, Any]:
    return {"@type": "Person", "name": str(name)}


def review_body(review: dict[str, Any]) -> str | None:
    """The critic's own words: the whole review when the document is the review, the
    quoted words when another document reports them; None when it quotes none."""
    sources = review.get("sources") or []
    texts = [" ".join(str(s.get("text", "")).split()) for s in sources]
    if any(s.get("kind") == "review" for s in sources):
        return " ".join(t for t in texts if t) or None
    words = [w.strip() for t in texts for w in _QUOTED.findall(t)]
    return " … ".join(words) if words else None


def _review(review: dict[str, Any]) -> dict[str, Any]:
    node: dict[str, Any] = {"@type": "Review"}
    if review.get("critic"):
        node["author"] = _person(review["critic"])
    elif review.get("outlet"):
        node["author"] = {"@type": "Organization", "name": review["outlet"]}
    if review.get("outlet"):
        node["publisher"] = {"@type": "Organization", "name": review["outlet"]}
    if review.get("date"):
        node["datePublished"] = review["date"]
    body = review_body(review)
    if body:
        node["reviewBody"] = body
    score = review.get("score")
    if isinstance(score, dict) and score.get("value") is not None:
        node["reviewRating"] = {
            "@type": "Rating",
            "ratingValue": score["value"],
            "bestRating": score.get("best", 100),
            "worstRating": score.get("worst", 0),
        }
    return node


def _language(name: Any) -> Any:
    tag = language_tag(str(name))
    return tag if tag else {"@type": "Language", "name": str(name)}


def film_jsonld(record: FilmRecord, reception: dict[str, Any] | None = None) -> dict:
    """The schema.org ``Movie`` node for a film record (``queries.film_record``)."""
    node: dict[str, Any] = {
        "@context": SCHEMA_CONTEXT,
        "@type": "Movie",
        "@id": f"#film-{record.id}",
        "name": record.title,
    }
    _credits(node, record)
    for prop, key in _ORGS.items():
        if orgs := record.believed(prop):
            node[key] = [{"@type": "Organization", "name": str(f.value)} for f in orgs]
    if durations := record.believed("duration"):
        node["duration"] = iso_duration(durations[0].value)
    dates = sorted(
        str(f.value)
        for f in record.believed("publication_date")
        if not (f.qualifiers or {}).get("announced")
    ) or sorted(str(f.value) for f in record.believed("publication_date"))
    if dates:
        node["datePublished"] = dates[0]
    if countries := record.believed("country_of_origin"):
        node["countryOfOrigin"] = [{"@type": "Country", "name": str(f.value)} for f in countries]
    if languages := record.believed("original_language"):
        node["inLanguage"] = [_language(f.value) for f in languages]
    if genres := record.believed("genre"):
        node["genre"] = [str(f.value) for f in genres]
    if places := record.believed("filming_location"):
        node["locationCreated"] = [{"@type": "Place", "name": str(f.value)} for f in places]
    if reception and (reviews := [_review(r) for r in reception.get("reviews", [])]):
        node["review"] = reviews
    return node


def _credits(node: dict[str, Any], record: FilmRecord) -> None:
    """The people of the film: directors, producers, ..., the cast with the parts played."""
    for prop, key in _PEOPLE.items():
        if people := record.believed(prop):
            node[key] = [_person(f.value) for f in people]
    if dop := record.believed("director_of_photography"):
        node.setdefault("contributor", []).extend(_person(f.value) for f in dop)
    if editors := record.believed("film_editor"):
        node["editor"] = [_person(f.value) for f in editors]
    actors = []
    for f in record.believed("cast_member"):
        character = (f.qualifiers or {}).get("character")
        actors.append({"@type": "PerformanceRole", "actor": _person(f.value),
                       "characterName": character} if character else _person(f.value))
    if actors:
        node["actor"] = actors
