"""A film's critical reception from its reviews: counts, approval, band, consensus.

:func:`aggregate` is a pure function of the review records (as the store gives them,
see docs/json-shape.md) and the film's cast names. It

* counts each critic once: reviews with the same critic and outlet (folded names; a
  missing outlet matches any) are one review, the review document kept over a quote of it;
  reviews without a named critic are each their own;
* gives ``approval`` = positive reviews / counted reviews, in percent (mixed reviews are
  not positive), ``average_score`` = mean of the stated scores normalised to 0-100;
* names a ``band`` by approval (:data:`BANDS`);
* writes a one-sentence ``consensus`` from the reviews' aspects only: an aspect is
  *praised* when more reviews praise it than fault it, *faulted* when more fault it; each
  part cites the aspect sentence of every review behind it (``citations``, numbered in the
  order they appear, each with its review, document and offsets).
"""

from __future__ import annotations

import copy
from collections import Counter
from typing import Any

from backtrace.keys import name_key

BANDS: tuple[tuple[float, str], ...] = (
    (90.0, "universal acclaim"),
    (70.0, "generally favorable"),
    (40.0, "mixed or average"),
    (15.0, "generally unfavorable"),
    (0.0, "overwhelmingly negative"),
)
"""(lowest approval in percent, band): the first band whose floor approval reaches."""

ASPECT_ORDER = ("plot", "performances", "direction", "writing", "camera", "pacing", "action",
                "music")  # fmt: skip
ASPECT_PHRASES = {
    "plot": "the plot",
    "performances": "the performances",
    "direction": "the direction",
    "writing": "the writing",
    "camera": "the camera work",
    "pacing": "the pacing",
    "action": "the action scenes",
    "music": "the music",
}
MAX_PARTS = 4  # aspects named on each side of the consensus
MAX_ACTORS = 3


def band(approval: float | None) -> str | None:
    if approval is None:
        return None
    return next(name for floor, name in BANDS if approval >= floor)


def _key(name: str | None) -> str | None:
    """A critic's or outlet's name folded for comparison ("The Daily Reel" = "Daily Reel")."""
    if not name:
        return None
    key = name_key(name)
    return key.removeprefix("the ") or key


def dedupe(reviews: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """The reviews to count (in the given order) and ``{dropped id: kept id}``."""
    ranked = sorted(
        range(len(reviews)), key=lambda i: (reviews[i]["source"] != "document", i)
    )
    kept: dict[int, tuple[str, str | None]] = {}
    dropped: dict[str, str] = {}
    for i in ranked:
        r = reviews[i]
        critic, outlet = _key(r.get("critic")), _key(r.get("outlet"))
        same = None
        if critic:
            same = next(
                (
                    j
                    for j, (c, o) in kept.items()
                    if c == critic and (o == outlet or o is None or outlet is None)
                ),
                None,
            )
        if same is None:
            kept[i] = (critic or f"#{r['id']}", outlet)
        else:
            dropped[r["id"]] = reviews[same]["id"]
    return [reviews[i] for i in sorted(kept)], dropped


def match_actors(names: list[str], cast: list[str]) -> list[str]:
    """``names`` matched to the cast (full name or surname); all of them without a cast."""
    if not cast:
        return list(dict.fromkeys(names))
    by_key = {name_key(c): c for c in cast}
    by_surname: dict[str, list[str]] = {}
    for c in cast:
        by_surname.setdefault(name_key(c.split()[-1]), []).append(c)
    out: list[str] = []
    for name in names:
        name = name.removesuffix("'s").removesuffix("’s")
        found = by_key.get(name_key(name))
        if found is None:
            options = by_surname.get(name_key(name.split()[-1]), [])
            found = options[0] if len(options) == 1 else None
        if found and found not in out:
            out.append(found)
    return out


def _join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def _votes(counted: list[dict[str, Any]]) -> dict[str, dict[str, list[tuple[int, dict]]]]:
    """``{aspect: {polarity: [(review number, aspect record), ...]}}``, one vote a review:
    the polarity most of its mentions of the aspect have (the first on a tie)."""
    votes: dict[str, dict[str, list[tuple[int, dict]]]] = {}
    for n, review in enumerate(counted, 1):
        by_aspect: dict[str, list[dict]] = {}
        for a in review.get("aspects", []):
            if a["polarity"] in ("positive", "negative"):
                by_aspect.setdefault(a["aspect"], []).append(a)
        for aspect, mentions in by_aspect.items():
            tally = Counter(m["polarity"] for m in mentions)
            top = max(tally.values())
            polarity = next(m["polarity"] for m in mentions if tally[m["polarity"]] == top)
            first = next(m for m in mentions if m["polarity"] == polarity)
            votes.setdefault(aspect, {}).setdefault(polarity, []).append((n, first))
    return votes


def consensus(counted: list[dict[str, Any]], approval: float | None) -> tuple[str | None, list]:
    """The consensus sentence and its citations (see the module's doc)."""
    votes = _votes(counted)
    sides: dict[str, list[tuple[str, list[tuple[int, dict]]]]] = {"positive": [], "negative": []}
    for aspect in ASPECT_ORDER:
        sides_of = votes.get(aspect, {})
        pos, neg = sides_of.get("positive", []), sides_of.get("negative", [])
        if len(pos) != len(neg):
            side = "positive" if len(pos) > len(neg) else "negative"
            sides[side].append((aspect, pos if side == "positive" else neg))
    for side in sides.values():
        side.sort(key=lambda item: -len(item[1]))  # stable: aspect order on ties
        del side[MAX_PARTS:]
    if not sides["positive"] and not sides["negative"]:
        return None, []
    order = ["positive", "negative"] if (approval or 0) >= 50 else ["negative", "positive"]
    verbs = {"positive": "praised", "negative": "faulted"}
    citations: list[dict[str, Any]] = []
    clauses = []
    for polarity in order:
        parts = []
        for aspect, backers in sides[polarity]:
            phrase = ASPECT_PHRASES[aspect]
            if aspect == "performances":
                actors = Counter(name for _, a in backers for name in a.get("actors", []))
                named = [name for name, _ in actors.most_common(MAX_ACTORS)]
                if named:
                    phrase += " of " + _join(named)
            marks = []
            for n, a in backers:
                citations.append(
                    {
                        "n": len(citations) + 1,
                        "review": n,
                        "review_id": counted[n - 1]["id"],
                        "aspect": aspect,
                        "polarity": polarity,
                        "document": counted[n - 1]["document"],
                        "start": a["start"],
                        "end": a["end"],
                        "text": a["text"],
                    }
                )
                marks.append(f"[{len(citations)}]")
            parts.append(f"{phrase} {''.join(marks)}")
        if parts:
            clauses.append(f"{verbs[polarity]} {_join(parts)}")
    sentence = "Critics " + " but ".join(clauses) + "."
    return sentence, citations


def aggregate(reviews: list[dict[str, Any]], cast: list[str] | None = None) -> dict[str, Any]:
    """The reception of one film from its review records (see the module's doc).

    Returns ``{"reviews": [...], "aggregate": {"count", "positive", "negative", "mixed",
    "approval", "average_score", "scored", "band", "counted", "duplicates", "consensus",
    "citations"}}``. The reviews are copies of those given, each with ``counted`` (bool),
    ``n`` (its number among the counted, or None), ``same_as`` (the review it repeats) and
    its performance aspects' ``actors``: the names it ``mentioned`` matched to ``cast``."""
    reviews = copy.deepcopy(reviews)
    for r in reviews:
        for a in r.get("aspects", []):
            if a["aspect"] == "performances":
                a["actors"] = match_actors(a.get("mentioned", a.get("actors", [])), cast or [])
    counted, dropped = dedupe(reviews)
    numbers = {r["id"]: n for n, r in enumerate(counted, 1)}
    for r in reviews:
        r["n"] = numbers.get(r["id"])
        r["counted"] = r["id"] in numbers
        r["same_as"] = dropped.get(r["id"])
    labels = Counter(r["polarity"] for r in counted)
    count = len(counted)
    approval = round(100.0 * labels["positive"] / count, 1) if count else None
    scores = [r["score"]["normalized"] for r in counted if r.get("score")]
    average = round(sum(scores) / len(scores), 1) if scores else None
    sentence, citations = consensus(counted, approval)
    return {"reviews": reviews, "aggregate": {
        "count": count,
        "positive": labels["positive"],
        "negative": labels["negative"],
        "mixed": labels["mixed"],
        "approval": approval,
        "average_score": average,
        "scored": len(scores),
        "band": band(approval),
        "counted": [r["id"] for r in counted],
        "duplicates": [{"id": k, "same_as": v} for k, v in dropped.items()],
        "consensus": sentence,
        "citations": citations,
    }}
