"""Turning records into what the HTML templates show: pieces of text to escape, panels.

Nothing here builds markup: the templates do, and Jinja2 escapes every string they print.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from backtrace.model import PROPERTIES
from backtrace.reception.records import Reception
from backtrace.render import approval_text, format_qualifiers, format_value
from backtrace.store.records import Fact, FilmRecord, Source

BAR_WIDTH = 200  # the widest box-office bar, in SVG user units


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of text; ``mark`` when a span covers it; ``id`` the anchor of spans starting."""

    text: str
    mark: bool = False
    id: str | None = None


def label(prop: str) -> str:
    return PROPERTIES[prop].label if prop in PROPERTIES else prop.replace("_", " ")


def highlight(text: str, ranges: list[tuple[int, int]], anchor: bool = True) -> list[Piece]:
    """``text`` cut at every range boundary; pieces inside a range are marked, and the piece
    where a range starts carries the anchor ``s-<start>`` (each start once).

    Overlapping and nested ranges are fine; ranges outside the text are clipped."""
    n = len(text)
    clipped = sorted({(max(0, min(s, n)), max(0, min(e, n))) for s, e in ranges})
    starts = {s for s, _ in clipped}
    cuts = sorted({0, n} | starts | {e for _, e in clipped})
    pieces: list[Piece] = []
    named: set[int] = set()
    for a, b in zip(cuts, cuts[1:] + [n], strict=True):
        ident = f"s-{a}" if anchor and a in starts and a not in named else None
        if ident:
            named.add(a)
        if a == b:
            if ident:  # an empty range, or the end of the text: keep its anchor
                pieces.append(Piece("", True, ident))
            continue
        covered = any(s <= a and b <= e for s, e in clipped)
        pieces.append(Piece(text[a:b], covered, ident))
    return pieces


def marked(sentence: str, offset: int, start: int, end: int) -> list[Piece]:
    """A sentence that begins at ``offset`` of its document, with the span ``start:end`` of
    the document marked (no anchors)."""
    return highlight(sentence, [(start - offset, end - offset)], anchor=False)


def quote(source: Source) -> list[Piece]:
    """A source's sentence with the span itself marked (no anchors)."""
    held = source.passage
    return marked(held.text, held.start, source.start, source.end)


def _quote_json(source: dict[str, Any]) -> list[Piece]:
    """:func:`quote` of a source given as JSON (a person's credit)."""
    held = source.get("sentence") or source
    return marked(held["text"], held["start"], source["start"], source["end"])


def display(prop: str, value: Any, qualifiers: dict[str, Any] | None) -> str:
    """A value with its qualifiers, as a person reads it."""
    shown = format_value(prop, value)
    quals = format_qualifiers(prop, qualifiers or {})
    return f"{shown} {quals}" if quals else shown


def _fact_view(prop: str, fact: Fact, links: dict[str, int]) -> dict[str, Any]:
    value = fact.value
    return {
        "fact": fact,
        "text": display(prop, value, fact.qualifiers),
        "entity_id": links.get(value) if isinstance(value, str) else None,
        "sources": [{"source": s, "quote": quote(s)} for s in fact.sources],
    }


def film_view(record: FilmRecord, links: dict[str, dict[str, int]]) -> dict[str, Any]:
    """The panels of a film page: infobox, cast, release timeline, box office, conflicts."""
    infobox = []
    for prop, facts in record.facts.items():
        plinks = links.get(prop, {})
        infobox.append(
            {
                "property": prop,
                "label": label(prop),
                "facts": [_fact_view(prop, f, plinks) for f in facts],
            }
        )
    cast_links = links.get("cast_member", {})
    cast = [
        {
            "name": f.value,
            "entity_id": cast_links.get(f.value),
            "character": (f.qualifiers or {}).get("character"),
            "description": (f.qualifiers or {}).get("description"),
            "sources": [{"source": s, "quote": quote(s)} for s in f.sources],
        }
        for f in record.facts.get("cast_member", [])
    ]
    releases = sorted(
        record.facts.get("publication_date", []), key=lambda f: (str(f.value), f.reason)
    )
    timeline = [
        {
            "date": str(f.value),
            "text": format_qualifiers("publication_date", f.qualifiers or {}) or "release",
            "fact": f,
        }
        for f in releases
    ]
    conflicts = [
        {
            "property": prop,
            "label": label(prop),
            "facts": [_fact_view(prop, f, links.get(prop, {})) for f in facts],
        }
        for prop, facts in record.facts.items()
        if any(f.status == "conflict" for f in facts)
    ]
    return {
        "infobox": infobox,
        "cast": cast,
        "timeline": timeline,
        "box_office": box_office_bars(record.facts.get("box_office", [])),
        "conflicts": conflicts,
        "reception": reception_view(record.reception),
    }


_CITATION = re.compile(r"\[(\d+)\]")


def reception_view(reception: Reception | None) -> dict[str, Any] | None:
    """The reception panel: the aggregate, the consensus cut into text and citation numbers
    (``{"text", "cite"}``, ``cite`` a number or None), the citations, and each review with
    its headline."""
    if reception is None or not reception.aggregate.count:
        return None
    agg = reception.aggregate
    consensus: list[dict[str, Any]] = []
    text = agg.consensus or ""
    at = 0
    for m in _CITATION.finditer(text):
        if m.start() > at:
            consensus.append({"text": text[at : m.start()], "cite": None})
        consensus.append({"text": "", "cite": int(m.group(1))})
        at = m.end()
    if at < len(text):
        consensus.append({"text": text[at:], "cite": None})
    reviews = []
    for r in sorted(reception.reviews, key=lambda r: r.summary):
        summary = r.summary
        who = "Critics in general, as reported" if summary else r.critic or "Unnamed critic"
        reviews.append(
            {
                "review": r,
                "who": who,
                "outlet": r.outlet,
                "summary": summary,
                "probability": "" if summary else f"{r.probability:.2f}",
                "aspects": [{"aspect": a, "text": _aspect_text(a.aspect, a.actors)}
                            for a in r.aspects],
            }
        )
    est = agg.estimate
    return {"aggregate": agg, "consensus": consensus, "citations": agg.citations,
            "reviews": reviews, "approval": approval_text(agg),
            "interval": est.enough, "level": f"{est.level * 100:g}"}


def _aspect_text(aspect: str, actors: list[str] | None) -> str:
    """An aspect as the pages show it: "performances (Ada Lind)"."""
    return aspect + (f" ({', '.join(actors)})" if actors else "")


def aspect_views(aspects: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A review's aspects (as a document's JSON gives them) as the pages show them."""
    return [{"aspect": a, "text": _aspect_text(a["aspect"], a.get("actors"))} for a in aspects]


def box_office_bars(facts: list[Fact]) -> dict[str, Any]:
    """One bar per box-office figure, grouped by region, scaled to the largest amount."""
    rows = []
    for f in facts:
        value = f.value
        if not isinstance(value, dict) or not isinstance(value.get("amount"), int | float):
            continue
        region = (f.qualifiers or {}).get("region") or "worldwide"
        rows.append({"region": region, "amount": value["amount"], "fact": f})
    rows.sort(key=lambda r: (r["region"], not r["fact"].believed, -r["amount"]))
    top = max((r["amount"] for r in rows), default=0)
    row_height = 22
    for i, r in enumerate(rows):
        r["y"] = i * row_height
        r["width"] = max(1, round(BAR_WIDTH * r["amount"] / top)) if top > 0 else 1
        r["text"] = format_value("box_office", r["fact"].value)
    return {"rows": rows, "height": max(len(rows) * row_height, 1), "bar_width": BAR_WIDTH}


def claim_view(claim: dict[str, Any]) -> dict[str, Any]:
    """A claim of a document page: its property label and value as a person reads it."""
    prop = claim["property"]
    return {"claim": claim, "label": label(prop),
            "text": display(prop, claim["value"], claim.get("qualifiers"))}  # fmt: skip


def document_view(record: dict[str, Any]) -> dict[str, Any]:
    ranges = [(c["start"], c["end"]) for c in record["claims"]]
    reviews = record.get("reviews") or []
    ranges += [(sp["start"], sp["end"]) for r in reviews for sp in r["spans"]]
    ranges += [(a["start"], a["end"]) for r in reviews for a in r["aspects"]]
    return {
        "pieces": highlight(record["text"], ranges),
        "claims": [claim_view(c) for c in record["claims"]],
        "reviews": [review_view(r) for r in reviews],
    }


def review_view(review: dict[str, Any]) -> dict[str, Any]:
    """A review as the document page shows it: who, polarity with its probability and
    basis, aspects, and how its film was found when the text alone placed it."""
    summary = review.get("source") == "summary"
    who = "Critics in general, as reported" if summary else (
        review.get("critic") or "Unnamed critic")
    link = review.get("link") or {}
    return {
        "review": review,
        "who": who,
        "outlet": review.get("outlet"),
        "summary": summary,
        "probability": "" if summary else f"{review['probability']:.2f}",
        "aspects": aspect_views(review["aspects"]),
        "link": link.get("reason"),
        "linked": link.get("film") is not None,
    }


def person_view(record: dict[str, Any]) -> dict[str, Any]:
    return {
        "filmography": [
            {"entry": e, "sources": [{"source": s, "quote": _quote_json(s)} for s in e["sources"]]}
            for e in record["filmography"]
        ]
    }


def conflict_view(conflict: dict[str, Any]) -> dict[str, Any]:
    """A disputed property of ``queries.conflicts`` as the conflicts page shows it: the
    film, the property's label, and each value with its mark, reason and sources."""
    prop = conflict["property"]
    values = [{"text": display(prop, f["value"], f.get("qualifiers")),
               "mark": "believed" if f["believed"] else "not believed",
               "reason": f.get("reason") or "", "sources": len(f["sources"])}
              for f in conflict["values"]]
    return {"film": conflict["film"], "label": PROPERTIES[prop].label,
            "status": conflict["status"], "values": values}
