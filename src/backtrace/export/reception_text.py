"""The Reception section of an article: approval, consensus and attributed quotes.

It reads the exporters' reception shape (``KnowledgeBase._reception``)::

    {"count": 4, "approval": 25, "band": "...", "average_score": 41.0 | None,
     "estimate": {"enough", "approval", "low", "high", "level", "min_reviews", "text"} | None,
     "consensus": {"text": "...", "sources": [source, ...]} | None,
     "reviews": [{"critic", "outlet", "polarity", "quote", "sources": [source, ...]}, ...]}

where each source is shaped like a fact's source (document, path, kind, date, start, end,
text). Every line cites the reviews it rests on. The approval is stated only with its
interval (allowing for the number of reviews and for misread ones), and not at all when
there are too few reviews for a score.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import Any

from backtrace.export.article_text import join_words, number_words
from backtrace.export.citations import Citations, Line, Mark
from backtrace.reception.records import Reception, ReviewScore
from backtrace.store.records import Source

MAX_QUOTES = 3
# the critic's own words inside a sentence that reports them
_QUOTED = re.compile(r"[\"“]([^\"“”]{2,400})[\"”]")


def export_reception(reception: Reception | None) -> dict[str, Any] | None:
    """The store's reception record (:func:`backtrace.store.reviews.reception_record`) in
    the exporters' shape, or None without reviews. Only the reviews the aggregate counts
    are kept; the consensus keeps its ``[n]`` marks with the span each one cites
    (``marks``)."""
    if reception is None or not reception.aggregate.count:
        return None
    agg = reception.aggregate
    out_reviews = []
    by_id: dict[str, dict[str, Any]] = {}
    for r in reception.reviews:
        sources = [
            {"document": r.document, "path": r.path, "kind": r.kind, "date": r.date,
             "start": sp.start, "end": sp.end, "text": sp.text}
            for sp in r.spans
        ]  # fmt: skip
        by_id[r.id] = {"path": r.path, "kind": r.kind, "date": r.date}
        if r.counted is False:
            continue
        out_reviews.append(
            {
                "critic": r.critic,
                "outlet": r.outlet,
                "date": r.date,
                "polarity": r.polarity,
                "probability": r.probability,
                "quote": r.quote,
                "score": _score(r.score),
                "sources": sources,
            }
        )
    marks: dict[int, dict[str, Any]] = {}
    for c in agg.citations:
        where = by_id.get(c.review_id, {})
        marks[c.n] = {"document": c.document, "start": c.start, "end": c.end, "text": c.text,
                      **where}  # fmt: skip
    consensus = None
    if agg.consensus:
        consensus = {"text": agg.consensus, "sources": list(marks.values()), "marks": marks}
    return {
        "count": agg.count,
        "approval": agg.approval,
        "estimate": agg.estimate.as_dict(),
        "band": agg.band,
        "average_score": agg.average_score,
        "consensus": consensus,
        "reviews": out_reviews,
    }


def _score(score: ReviewScore | None) -> dict[str, Any] | None:
    """A stated score on a 0-100 scale, as schema.org's Rating wants it."""
    if score is None or score.normalized is None:
        return None
    return {"value": score.normalized, "best": 100, "worst": 0, "text": score.text}


def _cite(citations: Citations, sources: Iterable[dict[str, Any]]) -> list[Mark]:
    """The marks of sources in the reception's shape (dicts)."""
    return citations.marks(Source.from_json(s) for s in sources)


def _consensus_parts(
    text: str, marks: dict[int, dict[str, Any]], citations: Citations
) -> list[str | Mark]:
    """The consensus with its own ``[n]`` marks replaced by the article's marks, each
    quoting the sentence its mark cited."""
    parts: list[str | Mark] = []
    for i, piece in enumerate(re.split(r"\[(\d+)\]", text)):
        if i % 2 == 0:
            parts.append(piece)
            continue
        source = marks.get(int(piece))
        if source is not None:
            parts += _cite(citations, [source])
    return _one_mark_per_document(parts)


def _one_mark_per_document(parts: list[str | Mark]) -> list[str | Mark]:
    """Marks side by side that cite one document are one mark with all its sentences:
    "the plot [2][3]", never "the plot [2][3][2]"."""
    out: list[str | Mark] = []
    run: dict[int, Mark] = {}
    for part in parts:
        if isinstance(part, Mark):
            held = run.get(part.number)
            extra = tuple(q for q in part.quotes if held is None or q not in held.quotes)
            run[part.number] = Mark(part.number, (*(held.quotes if held else ()), *extra))
        elif part:  # text ends the run (an empty piece between two marks does not)
            out += [*run.values(), part]
            run = {}
    return [*out, *run.values()]


def _who(review: dict[str, Any]) -> str:
    critic, outlet = review.get("critic"), review.get("outlet")
    if critic and outlet:
        return f"{critic} of {outlet}"
    return critic or outlet or "One review"


def _estimate_words(estimate: dict[str, Any] | None) -> str:
    """"; allowing for their number and for misread reviews, between 35% and 80% of
    critics are likely to have liked the film", or why there is no such figure."""
    if not estimate:
        return ""
    if not estimate.get("enough"):
        return (f", too few to estimate the share of critics who liked the film (that takes "
                f"{number_words(int(estimate['min_reviews']))})")
    return (f"; allowing for their number and for misread reviews, between "
            f"{estimate['low']:g}% and {estimate['high']:g}% of critics are likely to have "
            f"liked the film")


def _tally(
    reviews: list[dict[str, Any]], average: float | None, estimate: dict[str, Any] | None = None
) -> str:
    """"Of the four reviews collected here, one is positive and three are negative, too few
    to estimate ..." (the estimate's words, :func:`_estimate_words`, when given)."""
    labels = Counter(r.get("polarity") for r in reviews)
    counts = [(labels[p], p) for p in ("positive", "mixed", "negative") if labels[p]]
    said = [f"{number_words(n)} {'is' if n == 1 else 'are'} {label}" for n, label in counts]
    if len(counts) == 1 and counts[0][0] == len(reviews) > 1:
        said = [f"{'both' if len(reviews) == 2 else 'all ' + number_words(len(reviews))} "
                f"are {counts[0][1]}"]
    if len(reviews) == 1:
        text = f"The one review collected here is {counts[0][1]}" if counts else ""
    else:
        text = f"Of the {number_words(len(reviews))} reviews collected here, {join_words(said)}"
    if text:
        text += _estimate_words(estimate)
    if text and average is not None:
        text += f"; the scores they state average {round(average)} out of 100"
    return text + "." if text else ""


def reception_lines(citations: Citations, reception: dict[str, Any]) -> list[Line]:
    """The Reception section: how many reviews say what, the consensus (its marks in place)
    and up to three attributed quotes, each citing the sentences it rests on."""
    reviews = [r for r in reception.get("reviews", []) if r.get("sources")]
    if not reviews:
        return []
    lines: list[Line] = []
    facts = [("review", {"value": r.get("polarity"), "sources": r["sources"]}) for r in reviews]
    tally = _tally(reviews, reception.get("average_score"), reception.get("estimate"))
    if tally:
        marks = _cite(citations, (s for r in reviews for s in r["sources"]))
        lines.append(Line([tally, *marks], facts))
    consensus = reception.get("consensus") or {}
    if consensus.get("text") and consensus.get("sources"):
        if consensus.get("marks"):
            parts = _consensus_parts(consensus["text"], consensus["marks"], citations)
        else:
            parts = [consensus["text"], *_cite(citations, consensus["sources"])]
        if isinstance(parts[-1], str):
            parts[-1] = parts[-1].rstrip(".")
        parts.append(".")
        lines.append(Line(parts, [("consensus", {"value": consensus["text"], **consensus})]))
    quoted = [r for r in reviews if r.get("quote")]
    # both sides first: a positive and a negative quote before a second of either
    quoted.sort(key=lambda r: r.get("polarity") != "positive")
    first = quoted[:1]
    other = [r for r in quoted[1:] if first and r.get("polarity") != first[0].get("polarity")]
    picked = first + other[:1]
    picked += [r for r in quoted if r not in picked][: MAX_QUOTES - len(picked)]
    for review in picked:
        text, cited = _quoted(review)
        fact = {"value": review.get("polarity"), "sources": cited,
                "critic": review.get("critic"), "outlet": review.get("outlet")}  # fmt: skip
        lines.append(Line([text, *_cite(citations, cited)], [("review", fact)]))
    return lines


def _quoted(review: dict[str, Any]) -> tuple[str, list[dict[str, Any]]]:
    """The sentence quoting a review, and the sources it cites: the critic's own first
    sentence when the document is the review; the critic's words a source quotes; else the
    reporting sentence itself, as the source's words. The verb is "wrote": whether a
    quote praises or faults is backtrace's reading, said by the count above, not here."""
    verb = "wrote"
    byline = [s for s in review["sources"] if s.get("byline")]
    spoken = [s for s in review["sources"] if not s.get("byline")] or review["sources"]
    who = _who(review)
    if any(s.get("kind") == "review" for s in spoken):
        first = " ".join(str(spoken[0]["text"]).split())
        said = f"{who} {verb}" if who != "One review" else "One review reads"
        return f"{said}: “{first}”", byline + spoken[:1]
    quote = " ".join(" ".join(str(s["text"]).split()) for s in spoken)
    words = _QUOTED.findall(quote)
    if words and len(max(words, key=len)) >= 20:
        return f"{who} {verb}: “{max(words, key=len).strip()}”", byline + spoken
    return f"One source reports: “{quote}”", byline + spoken
