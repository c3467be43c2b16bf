"""The Reception section of an article: approval, consensus and attributed quotes.

It reads the exporters' reception shape (``KnowledgeBase._reception``)::

    {"count": 4, "approval": 25, "band": "...", "average_score": 41.0 | None,
     "consensus": {"text": "...", "sources": [source, ...]} | None,
     "reviews": [{"critic", "outlet", "polarity", "quote", "sources": [source, ...]}, ...]}

where each source is shaped like a fact's source (document, path, kind, date, start, end,
text). Every line cites the reviews it rests on.
"""

from __future__ import annotations

import re
from typing import Any

from backtrace.export.citations import Citations, Line

MAX_QUOTES = 3
# the critic's own words inside a sentence that reports them
_QUOTED = re.compile(r"[\"“]([^\"“”]{2,400})[\"”]")


def export_reception(reception: dict[str, Any]) -> dict[str, Any] | None:
    """The store's reception record (``{"reviews", "aggregate"}``, see
    ``store/reviews.reception_record``) in the exporters' shape, or None without reviews.
    Only the reviews the aggregate counts are kept; the consensus keeps its ``[n]`` marks
    with the span each one cites (``marks``)."""
    agg = reception.get("aggregate") or {}
    if not agg.get("count"):
        return None
    out_reviews = []
    by_id: dict[str, dict[str, Any]] = {}
    for r in reception.get("reviews", []):
        sources = [
            {"document": r["document"], "path": r.get("path", ""), "kind": r.get("kind", ""),
             "date": r.get("date"), "start": sp["start"], "end": sp["end"], "text": sp["text"]}
            for sp in r.get("spans", [])
        ]  # fmt: skip
        by_id[r["id"]] = {"path": r.get("path", ""), "kind": r.get("kind", ""),
                          "date": r.get("date")}  # fmt: skip
        if not r.get("counted", True):
            continue
        score = r.get("score")
        out_reviews.append(
            {
                "critic": r.get("critic"),
                "outlet": r.get("outlet"),
                "date": r.get("date"),
                "polarity": r.get("polarity"),
                "probability": r.get("probability"),
                "quote": r.get("quote"),
                "score": _score(score),
                "sources": sources,
            }
        )
    marks: dict[int, dict[str, Any]] = {}
    for c in agg.get("citations", []):
        where = by_id.get(c.get("review_id"), {})
        marks[int(c["n"])] = {"document": c["document"], "start": c["start"], "end": c["end"],
                              "text": c["text"], **where}  # fmt: skip
    consensus = None
    if agg.get("consensus"):
        consensus = {"text": agg["consensus"], "sources": list(marks.values()), "marks": marks}
    return {
        "count": agg["count"],
        "approval": agg.get("approval"),
        "band": agg.get("band"),
        "average_score": agg.get("average_score"),
        "consensus": consensus,
        "reviews": out_reviews,
    }


def _score(score: dict[str, Any] | None) -> dict[str, Any] | None:
    """A stated score on a 0-100 scale, as schema.org's Rating wants it."""
    if not score or score.get("normalized") is None:
        return None
    return {"value": score["normalized"], "best": 100, "worst": 0, "text": score.get("text")}


def _renumber(
    text: str, marks: dict[int, dict[str, Any]], citations: Citations
) -> tuple[str, list[int]]:
    """The consensus with its own ``[n]`` marks replaced by the article's numbers."""
    used: list[int] = []

    def swap(m: re.Match[str]) -> str:
        source = marks.get(int(m.group(1)))
        if source is None:
            return ""
        number = citations.cite([source])[0]
        used.append(number)
        return f"[{number}]"

    return re.sub(r"\[(\d+)\]", swap, text), sorted(set(used))


def _who(review: dict[str, Any]) -> str:
    critic, outlet = review.get("critic"), review.get("outlet")
    if critic and outlet:
        return f"{critic} of {outlet}"
    return critic or outlet or "One review"


def reception_lines(citations: Citations, reception: dict[str, Any]) -> list[Line]:
    reviews = [r for r in reception.get("reviews", []) if r.get("sources")]
    if not reviews:
        return []
    lines: list[Line] = []
    all_sources = [s for r in reviews for s in r["sources"]]
    facts = [("review", {"value": r.get("polarity"), "sources": r["sources"]}) for r in reviews]
    count = reception.get("count") or len(reviews)
    approval = reception.get("approval")
    if approval is not None:
        text = (
            f"Of the {count} review{'s' if count != 1 else ''} backtrace counted, "
            f"{round(approval)}% are positive"
        )
        if reception.get("average_score") is not None:
            text += f", with an average stated score of {round(reception['average_score'])}/100"
        lines.append(Line(text=text + ".", cites=citations.cite(all_sources), facts=facts))
    consensus = reception.get("consensus") or {}
    if consensus.get("text") and consensus.get("sources"):
        if consensus.get("marks"):
            text, cites = _renumber(consensus["text"], consensus["marks"], citations)
        else:
            text, cites = consensus["text"], citations.cite(consensus["sources"])
        lines.append(
            Line(
                text=text.rstrip(".") + ".",
                cites=cites,
                facts=[("consensus", {"value": consensus["text"], **consensus})],
                inline=bool(consensus.get("marks")),
            )
        )
    quoted = [r for r in reviews if r.get("quote")]
    # both sides first: a positive and a negative quote before a second of either
    quoted.sort(key=lambda r: r.get("polarity") != "positive")
    first = quoted[:1]
    other = [r for r in quoted[1:] if first and r.get("polarity") != first[0].get("polarity")]
    picked = first + other[:1]
    picked += [r for r in quoted if r not in picked][: MAX_QUOTES - len(picked)]
    for review in picked:
        verb = {"positive": "praised the film", "negative": "faulted the film"}.get(
            review.get("polarity", ""), "reviewed the film"
        )
        quote = " ".join(str(review["quote"]).split())
        words = _QUOTED.findall(quote)
        if words and len(max(words, key=len)) >= 20:
            text = f"{_who(review)} {verb}: “{max(words, key=len).strip()}”"
        else:  # the source reports the verdict in its own words
            text = f"{_who(review)} {verb}, in the words of the source: “{quote}”"
        lines.append(
            Line(
                text=text,
                cites=citations.cite(review["sources"]),
                facts=[("review", {"value": review.get("polarity"), "sources": review["sources"]})],
            )
        )
    return lines
