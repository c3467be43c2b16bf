"""What critics thought of a film: the stored reception (``store.reviews``) as answers,
the aggregate with its consensus first, then each counted review, with their sentences."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection

from backtrace.ask.answers import PATHS, Sentences, source_of
from backtrace.store.reviews import reception_record


def reception(conn: Connection, sentences: Sentences, film: dict[str, Any]) -> list[dict[str, Any]]:
    """The critics' reception: the aggregate with its consensus first, then each review."""
    record = reception_record(conn, film["id"])
    agg, reviews = record["aggregate"], record["reviews"]
    if not agg.get("count"):
        return []
    doc_ids = {r["document"] for r in reviews}
    info = {r.id: r for r in conn.execute(PATHS, {"ids": sorted(doc_ids)})} if doc_ids else {}
    texts = sentences.load(conn, doc_ids)

    def source(doc: str, start: int, end: int, text: str) -> dict[str, Any]:
        row = info.get(doc)
        return source_of(texts, doc, row.path if row else "", row.kind if row else "",
                         start, end, text)

    estimate = (agg.get("estimate") or {}).get("text")  # with its interval, or "too few"
    summary = estimate or f"{agg.get('approval') or 0:g}% positive of {agg['count']} counted " \
        "review" + ("" if agg["count"] == 1 else "s")
    summary += f" ({agg['band']})" if agg.get("band") else ""
    if agg.get("average_score") is not None:
        summary += f", average score {agg['average_score']:g}/100"
    cited = [source(c["document"], c["start"], c["end"], c["text"])
             for c in agg.get("citations", [])]
    quoted = [source(r["document"], s["start"], s["end"], s["text"])
              for r in reviews if r.get("counted", True) for s in r["spans"][:1]]
    answers = [{
        "value": summary, "text": summary + (f". {agg['consensus']}" if agg.get("consensus")
                                             else ""),
        "entity": film, "film": film, "property": "reception",
        "qualifiers": {k: agg.get(k) for k in ("approval", "count", "positive", "negative",
                                                "mixed", "band", "average_score",
                                                "consensus")},
        "sources": _unique(cited or quoted), "status": "agreed", "believed": True,
    }]
    for r in reviews:
        if not r.get("counted", True) or not r.get("spans"):
            continue
        if r.get("source") == "summary":  # what a document says of critics in general
            who = "critics in general, as reported"
        else:
            who = r.get("critic") or "an unnamed critic"
            if r.get("outlet"):
                who += f" ({r['outlet']})"
        polarity = r.get("polarity") or "unknown"
        answers.append({
            "value": polarity, "text": f"{who}: {polarity}",
            "entity": film, "film": film, "property": "review",
            "qualifiers": {"critic": r.get("critic"), "outlet": r.get("outlet"),
                           "polarity": polarity, "probability": r.get("probability"),
                           "score": (r.get("score") or {}).get("text")},
            "sources": _unique([source(r["document"], s["start"], s["end"], s["text"])
                                for s in r["spans"]]),
            "status": "agreed", "believed": True,
        })
    return [a for a in answers if a["sources"]]


def _unique(sources: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: dict[tuple[str, int, int], dict[str, Any]] = {}
    for s in sources:
        seen.setdefault((s["document"], s["start"], s["end"]), s)
    return list(seen.values())
