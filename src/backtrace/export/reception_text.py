"""The Reception section of an article: approval, consensus and attributed quotes.

It reads the exporters' reception shape (``KnowledgeBase._reception``)::

    {"count": 4, "approval": 25, "band": "...", "average_score": 41.0 | None,
     "consensus": {"text": "...", "sources": [source, ...]} | None,
     "reviews": [{"critic", "outlet", "polarity", "quote", "sources": [source, ...]}, ...]}

where each source is shaped like a fact's source (document, path, kind, date, start, end,
text). Every line cites the reviews it rests on.
"""

from __future__ import annotations

from typing import Any

from backtrace.export.citations import Citations

MAX_QUOTES = 3


def _who(review: dict[str, Any]) -> str:
    critic, outlet = review.get("critic"), review.get("outlet")
    if critic and outlet:
        return f"{critic} of {outlet}"
    return critic or outlet or "One review"


def reception_lines(citations: Citations, reception: dict[str, Any]) -> list[Any]:
    from backtrace.export.article import Line

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
        lines.append(
            Line(
                text=consensus["text"].rstrip(".") + ".",
                cites=citations.cite(consensus["sources"]),
                facts=[("consensus", {"value": consensus["text"], **consensus})],
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
        lines.append(
            Line(
                text=f"{_who(review)} {verb}: “{quote}”",
                cites=citations.cite(review["sources"]),
                facts=[("review", {"value": review.get("polarity"), "sources": review["sources"]})],
            )
        )
    return lines
