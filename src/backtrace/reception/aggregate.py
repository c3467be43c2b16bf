"""A film's critical reception from its reviews: counts, approval, band, consensus.

:func:`aggregate` is a pure function of the review records (as the store gives them,
see docs/json-shape.md) and the film's cast names. It

* counts each critic once: reviews with the same critic and outlet (folded names, an
  outlet's by ``keys.outlet_key``; a missing outlet matches any) are one review, the
  review document kept over a quote of it;
  reviews without a named critic are each their own; a ``summary`` (a source reporting
  what critics in general said) is never counted;
* gives ``approval`` = positive reviews / counted reviews, in percent (mixed reviews are
  not positive), ``average_score`` = mean of the stated scores normalised to 0-100;
* gives ``estimate``: the approval with its 90% interval allowing for the number of
  reviews and the reader's measured error rates, and whether there are enough reviews for
  a score at all, in plain words (:mod:`backtrace.reception.approval`);
* names a ``band`` by approval (:data:`BANDS`);
* writes a one-sentence ``consensus`` from the aspects of the counted reviews and the
  summaries, every aspect any of them praises or faults: an aspect is *praised* when more
  of them praise it than fault it, *faulted* when more fault it, and critics are *divided*
  on it when as many do each; each part cites the aspect sentence of every review or
  summary behind it (``citations``, numbered in the order they appear, each with its
  review, document and offsets).
"""

from __future__ import annotations

import copy
from collections import Counter

from backtrace.keys import name_key, outlet_key
from backtrace.reception.approval import estimate
from backtrace.reception.records import Aggregate, Citation, Reception, ReviewAspect, ReviewRecord

BANDS: tuple[tuple[float, str], ...] = (
    (90.0, "universal acclaim"),
    (70.0, "generally favorable"),
    (40.0, "mixed or average"),
    (15.0, "generally unfavorable"),
    (0.0, "overwhelmingly negative"),
)
"""(lowest approval in percent, band): the first band whose floor approval reaches."""

ASPECT_ORDER = ("plot", "performances", "direction", "writing", "tone", "camera", "pacing",
                "action", "music")  # fmt: skip
ASPECT_PHRASES = {
    "plot": "the plot",
    "performances": "the performances",
    "direction": "the direction",
    "writing": "the writing",
    "camera": "the camera work",
    "pacing": "the pacing",
    "action": "the action scenes",
    "music": "the music",
    "tone": "the tone",
}
MAX_ACTORS = 4  # actors named for the performances
SUMMARY = "summary"


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


def dedupe(reviews: list[ReviewRecord]) -> tuple[list[ReviewRecord], dict[str, str]]:
    """The reviews to count (in the given order) and ``{dropped id: kept id}``; summaries
    are neither."""
    ranked = sorted(
        (i for i, r in enumerate(reviews) if r.source != SUMMARY),
        key=lambda i: (reviews[i].source != "document", i),
    )
    kept: dict[int, tuple[str, str | None]] = {}
    dropped: dict[str, str] = {}
    for i in ranked:
        r = reviews[i]
        critic, outlet = _key(r.critic), outlet_key(r.outlet) if r.outlet else None
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
            kept[i] = (critic or f"#{r.id}", outlet)
        else:
            dropped[r.id] = reviews[same].id
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


def unique_aspects(aspects: list[ReviewAspect]) -> list[ReviewAspect]:
    """One aspect record per (aspect, polarity), the first, with the actors and names of
    every record saying it (a store written before the reader kept one gives several).
    The first's lists grow: give copies."""
    kept: dict[tuple[str, str], ReviewAspect] = {}
    for a in aspects:
        first = kept.get((a.aspect, a.polarity))
        if first is None:
            kept[(a.aspect, a.polarity)] = a
            continue
        first.actors.extend(n for n in a.actors if n not in first.actors)
        first.mentioned.extend(n for n in a.mentioned if n not in first.mentioned)
    return list(kept.values())


Backers = list[tuple[int, ReviewAspect]]  # (voter index, the aspect it judges)


def _votes(voters: list[ReviewRecord]) -> dict[str, dict[str, Backers]]:
    """``{aspect: {polarity: [(voter index, aspect record), ...]}}``, one vote a review or
    summary: the polarity most of its mentions of the aspect have (the first on a tie)."""
    votes: dict[str, dict[str, Backers]] = {}
    for n, review in enumerate(voters):
        by_aspect: dict[str, list[ReviewAspect]] = {}
        for a in review.aspects:
            if a.polarity in ("positive", "negative"):
                by_aspect.setdefault(a.aspect, []).append(a)
        for aspect, mentions in by_aspect.items():
            tally = Counter(m.polarity for m in mentions)
            top = max(tally.values())
            polarity = next(m.polarity for m in mentions if tally[m.polarity] == top)
            first = next(m for m in mentions if m.polarity == polarity)
            votes.setdefault(aspect, {}).setdefault(polarity, []).append((n, first))
    return votes


def _apart(pos: Backers, neg: Backers) -> bool:
    """Praise and fault of performances that name different actors, every one naming
    someone: both stand ("praised ... of A but faulted the performance of B")."""
    def named(side: Backers) -> set[str] | None:
        names = [set(a.actors) for _, a in side]
        return set().union(*names) if names and all(names) else None

    praised, faulted = named(pos), named(neg)
    return bool(praised and faulted and not praised & faulted)


def _sides(votes: dict[str, dict[str, Backers]]) -> dict[str, list[tuple[str, Backers]]]:
    """The aspects critics praise, fault and are divided on, each with its backers, most
    backed first (aspect order on ties)."""
    sides: dict[str, list[tuple[str, Backers]]] = {
        "positive": [], "negative": [], "divided": []}  # fmt: skip
    for aspect in ASPECT_ORDER:
        sides_of = votes.get(aspect, {})
        pos, neg = sides_of.get("positive", []), sides_of.get("negative", [])
        if not pos and not neg:
            continue
        if aspect == "performances" and _apart(pos, neg):
            sides["positive"].append((aspect, pos))  # praise for some actors, fault for
            sides["negative"].append((aspect, neg))  # others: no disagreement
            continue
        if len(pos) == len(neg):
            sides["divided"].append((aspect, sorted(pos + neg, key=lambda v: v[0])))
            continue
        side = "positive" if len(pos) > len(neg) else "negative"
        sides[side].append((aspect, pos if side == "positive" else neg))
    for side in sides.values():
        side.sort(key=lambda item: -len(item[1]))  # stable: aspect order on ties
    return sides


def _phrase(aspect: str, backers: Backers) -> str:
    """An aspect in words; performances with the actors most named ("the performance of
    X", "the performances of X and Y")."""
    text = ASPECT_PHRASES[aspect]
    if aspect == "performances":
        actors = Counter(name for _, a in backers for name in a.actors)
        named = [name for name, _ in actors.most_common(MAX_ACTORS)]
        if len(named) == 1:
            text = "the performance of " + named[0]
        elif named:
            text += " of " + _join(named)
    return text


def _cite(voters: list[ReviewRecord], citations: list[Citation], aspect: str,
          backers: Backers) -> str:
    """Add a citation per backer to ``citations``; return their marks ("[1][2]")."""
    marks = []
    for i, a in backers:
        voter = voters[i]
        summary = voter.source == SUMMARY
        citations.append(Citation(
            len(citations) + 1, None if summary else voter.n, voter.id, summary, aspect,
            a.polarity, voter.document, a.start, a.end, a.text))
        marks.append(f"[{len(citations)}]")
    return "".join(marks)


def consensus(
    counted: list[ReviewRecord],
    approval: float | None,
    summaries: list[ReviewRecord] | None = None,
) -> tuple[str | None, list[Citation]]:
    """The consensus sentence and its citations (see the module's doc): every aspect the
    counted reviews and the ``summaries`` praise or fault."""
    voters = list(counted) + list(summaries or [])
    sides = _sides(_votes(voters))
    if not any(sides.values()):
        return None, []
    order = ["positive", "negative"] if (approval or 0) >= 50 else ["negative", "positive"]
    verbs = {"positive": "praised", "negative": "faulted"}
    citations: list[Citation] = []
    clauses = []
    for polarity in order:
        parts = [f"{_phrase(aspect, backers)} {_cite(voters, citations, aspect, backers)}"
                 for aspect, backers in sides[polarity]]
        if parts:
            clauses.append(f"{verbs[polarity]} {_join(parts)}")
    divided = [f"{ASPECT_PHRASES[aspect]} {_cite(voters, citations, aspect, backers)}"
               for aspect, backers in sides["divided"]]
    if clauses:
        sentence = "Critics " + " but ".join(clauses)
        if divided:
            sentence += "; they were divided on " + _join(divided)
    else:
        sentence = "Critics were divided on " + _join(divided)
    return sentence + ".", citations


def aggregate(reviews: list[ReviewRecord], cast: list[str] | None = None) -> Reception:
    """The reception of one film from its review records (see the module's doc).

    Returns the reviews and their :class:`~backtrace.reception.records.Aggregate` (count,
    positive, negative, mixed, approval, estimate, average_score, scored, band, counted,
    duplicates, consensus, citations). The reviews are copies of those given, each with
    ``counted``, ``n`` (its number among the counted, or None), ``same_as`` (the review it
    repeats), its aspects one per (aspect, polarity) and its performance aspects'
    ``actors``: the names it ``mentioned`` matched to ``cast``."""
    reviews = copy.deepcopy(reviews)
    for r in reviews:
        r.aspects = unique_aspects(r.aspects)
        for a in r.aspects:
            if a.aspect == "performances":
                a.actors = match_actors(a.mentioned, cast or [])
    counted, dropped = dedupe(reviews)
    numbers = {r.id: n for n, r in enumerate(counted, 1)}
    for r in reviews:
        r.n = numbers.get(r.id)
        r.counted = r.id in numbers
        r.same_as = dropped.get(r.id)
    labels = Counter(r.polarity for r in counted)
    count = len(counted)
    approval = round(100.0 * labels["positive"] / count, 1) if count else None
    scores = [r.score.normalized for r in counted if r.score]
    average = round(sum(scores) / len(scores), 1) if scores else None
    summaries = [r for r in reviews if r.source == SUMMARY]
    sentence, citations = consensus(counted, approval, summaries)
    judged = estimate((r.polarity, r.basis, r.source) for r in counted)
    return Reception(reviews, Aggregate(
        count, labels["positive"], labels["negative"], labels["mixed"], approval, judged,
        average, len(scores), band(approval), [r.id for r in counted], dropped, sentence,
        citations))
