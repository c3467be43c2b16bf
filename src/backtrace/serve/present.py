"""Turning records into what the HTML templates show: pieces of text to escape, panels.

Nothing here builds markup: the templates do, and Jinja2 escapes every string they print.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote_plus

from backtrace.model import PROPERTIES
from backtrace.reception.records import Reception, ReviewAspect, ReviewRecord
from backtrace.render import approval_text, format_qualifiers, format_value
from backtrace.store.lead import Passage
from backtrace.store.page_records import (
    ConflictRecord,
    CreditSource,
    DocumentClaim,
    DocumentRecord,
    PersonRecord,
    WrittenReview,
)
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


def quote(source: Source | CreditSource) -> list[Piece]:
    """A source's sentence (a fact's, or a person's credit's) with the span itself marked
    (no anchors)."""
    held = source.passage
    return marked(held.text, held.start, source.start, source.end)


def display(prop: str, value: Any, qualifiers: dict[str, Any] | None) -> str:
    """A value with its qualifiers, as a person reads it."""
    shown = format_value(prop, value)
    quals = format_qualifiers(prop, qualifiers or {})
    return f"{shown} {quals}" if quals else shown


# The film page's sections of facts, in reader's order: the credits after the lead, then
# (after the cast and the plot) release and money; every other property under "Details".
# The cast has a table of its own and the release dates a timeline.
CREDITS = ("director", "screenwriter", "producer", "executive_producer", "narrator",
           "composer", "director_of_photography", "film_editor", "production_company",
           "distributor", "based_on")
RELEASE = ("announcement_date", "duration",
           *(p for p, d in PROPERTIES.items() if d.value_type == "money"))  # budget, takings
_PLACED = frozenset({*CREDITS, *RELEASE, "cast_member", "publication_date"})
_KIND_ORDER = {"encyclopedia": 0, "news": 1, "review": 2}

# How a value stands when its sources disagree or a curator decided: a word and a symbol,
# never colour alone. A value the sources agree on has no standing to show.
_STANDINGS = {
    ("conflict", True): ("believed", "believed", "✓"),
    ("conflict", False): ("disputed", "disputed", "?"),
    ("overridden", True): ("decided", "curator's decision", "✓"),
    ("overridden", False): ("overruled", "overruled", "✗"),
}


def standing(fact: Fact) -> dict[str, str] | None:
    """``{"key", "word", "symbol"}`` of a disputed or curated value; None when agreed."""
    found = _STANDINGS.get((fact.status, fact.believed))
    return None if found is None else dict(zip(("key", "word", "symbol"), found, strict=True))


def _fact_view(prop: str, fact: Fact, links: dict[str, int]) -> dict[str, Any]:
    value = fact.value
    return {
        "fact": fact,
        "text": display(prop, value, fact.qualifiers),
        "value_text": format_value(prop, value),
        "qualifier_text": format_qualifiers(prop, fact.qualifiers or {}),
        "entity_id": links.get(value) if isinstance(value, str) else None,
        "standing": standing(fact),
        "sources": [{"source": s, "quote": quote(s)} for s in fact.sources],
    }


def _rows(record: FilmRecord, props: Iterable[str],
          links: dict[str, dict[str, int]]) -> list[dict[str, Any]]:
    """A table row per property that has values: its label and each value's view."""
    return [{"property": p, "label": label(p),
             "facts": [_fact_view(p, f, links.get(p, {})) for f in record.facts[p]]}
            for p in props if record.facts.get(p)]  # fmt: skip


def film_view(record: FilmRecord, links: dict[str, dict[str, int]],
              lead: Passage | None = None, plot: Passage | None = None) -> dict[str, Any]:
    """The sections of a film page in reader's order: the lead, the credits, the cast, the
    plot, release and money, other details, the reception and the documents cited; and
    the properties whose values are disputed (each value is marked where it is shown)."""
    cast_links = links.get("cast_member", {})
    cast = [{**_fact_view("cast_member", f, cast_links), "name": f.value,
             "character": (f.qualifiers or {}).get("character"),
             "description": (f.qualifiers or {}).get("description")}
            for f in record.facts.get("cast_member", [])]
    releases = sorted(
        record.facts.get("publication_date", []), key=lambda f: (str(f.value), f.reason)
    )
    timeline = [{**_fact_view("publication_date", f, {}), "date": str(f.value),
                 "what": format_qualifiers("publication_date", f.qualifiers or {}) or "release"}
                for f in releases]
    return {
        "lead": lead,
        "disputed": [{"property": p, "label": label(p)} for p, facts in record.facts.items()
                     if any(f.status != "agreed" for f in facts)],
        "credits": _rows(record, CREDITS, links),
        "cast": cast,
        "plot": plot,
        "timeline": timeline,
        "release": _rows(record, RELEASE, links),
        "box_office": box_office_bars(record.facts.get("box_office", [])),
        "details": _rows(record, [p for p in record.facts if p not in _PLACED], links),
        "reception": reception_view(record.reception),
        "sources": cited_documents(record, [lead, plot]),
    }


def cited_documents(record: FilmRecord, passages: list[Passage | None]) -> list[dict[str, Any]]:
    """Every document the film page quotes, once: ``{"document", "path", "kind", "date",
    "stated"}`` (how many of the film's values it states); encyclopedia entries first."""
    found: dict[str, dict[str, Any]] = {}

    def add(document: str, path: str, kind: str, date: str | None) -> dict[str, Any]:
        return found.setdefault(document, {"document": document, "path": path, "kind": kind,
                                           "date": date, "stated": 0})

    for facts in record.facts.values():
        for fact in facts:
            for s in {s.document: s for s in fact.sources}.values():
                add(s.document, s.path, s.kind, s.date)["stated"] += 1
    for p in passages:
        if p is not None:
            add(p.document, p.path, p.kind, None)
    for r in record.reception.reviews if record.reception else ():
        add(r.document, r.path, r.kind, r.date)
    return sorted(found.values(), key=lambda d: (_KIND_ORDER.get(d["kind"], 3), d["path"]))


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
                "aspects": aspect_views(r.aspects),
            }
        )
    est = agg.estimate
    return {"aggregate": agg, "consensus": consensus, "citations": agg.citations,
            "reviews": reviews, "approval": approval_text(agg),
            "interval": est.enough, "level": f"{est.level * 100:g}"}


def _aspect_text(aspect: str, actors: list[str] | None) -> str:
    """An aspect as the pages show it: "performances (Ada Lind)"."""
    return aspect + (f" ({', '.join(actors)})" if actors else "")


def aspect_views(aspects: list[ReviewAspect]) -> list[dict[str, Any]]:
    """A review's aspects as the pages show them."""
    return [{"aspect": a, "text": _aspect_text(a.aspect, a.actors)} for a in aspects]


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


def claim_view(claim: DocumentClaim) -> dict[str, Any]:
    """A claim of a document page: its property label and value as a person reads it."""
    prop = claim.property
    return {"claim": claim, "label": label(prop),
            "text": display(prop, claim.value, claim.qualifiers)}  # fmt: skip


def document_view(record: DocumentRecord) -> dict[str, Any]:
    ranges = [(c.start, c.end) for c in record.claims]
    reviews = record.reviews
    ranges += [(sp.start, sp.end) for r in reviews for sp in r.spans]
    ranges += [(a.start, a.end) for r in reviews for a in r.aspects]
    return {
        "pieces": highlight(record.text, ranges),
        "claims": [claim_view(c) for c in record.claims],
        "reviews": [review_view(r) for r in reviews],
    }


def review_view(review: ReviewRecord) -> dict[str, Any]:
    """A review as the document page shows it: who, polarity with its probability and
    basis, aspects, and how its film was found when the text alone placed it."""
    summary = review.summary
    who = "Critics in general, as reported" if summary else review.critic or "Unnamed critic"
    link = review.link or {}
    return {
        "review": review,
        "who": who,
        "outlet": review.outlet,
        "summary": summary,
        "probability": "" if summary else f"{review.probability:.2f}",
        "aspects": aspect_views(review.aspects),
        "link": link.get("reason"),
        "linked": link.get("film") is not None,
    }


def person_view(record: PersonRecord) -> dict[str, Any]:
    """The filmography as the person page shows it: one row per work, by year (undated
    last), with every role held on it, every part played and each source once
    (``PersonRecord.by_work``), each source with its quote."""
    return {"filmography": [
        {"entry": w, "roles": w.roles,
         "parts": [{"character": c, "description": d} for c, d in w.parts],
         "sources": [{"source": s, "quote": quote(s)} for s in w.sources]}
        for w in record.by_work()],
        "reviews": [written_view(w) for w in record.reviews_written]}


def written_view(written: WrittenReview) -> dict[str, Any]:
    """A review on its critic's page: its film, the review, its probability as shown, and
    each sentence it was read from, linked to where its document page marks it."""
    r = written.review
    doc = quote_plus(r.document, safe="")
    return {"film": written.film, "review": r, "probability": f"{r.probability:.2f}",
            "quotes": [{"text": s.text.replace("\n", " "),
                        "href": f"/document/{doc}#s-{s.start}"} for s in r.spans]}


def conflict_view(conflict: ConflictRecord) -> dict[str, Any]:
    """A disputed property of ``queries.conflicts`` as the conflicts page shows it: the
    film, the property's label, and each value with its mark, reason and sources."""
    prop = conflict.property
    values = [{"text": display(prop, f.value, f.qualifiers),
               "mark": "believed" if f.believed else "not believed",
               "reason": f.reason or "", "sources": len(f.sources)}
              for f in conflict.values]
    return {"film": conflict.film, "label": PROPERTIES[prop].label,
            "status": conflict.status, "values": values}
