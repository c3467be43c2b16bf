"""Turning records into what the HTML templates show: pieces of text to escape, panels.

Nothing here builds markup: the templates do, and Jinja2 escapes every string they print.
Each view is a frozen dataclass the templates read by attribute (the pages are HTML only:
their JSON twins are the records' ``to_json()``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import quote_plus

from backtrace.model import PROPERTIES
from backtrace.reception.records import Aggregate, Citation, Reception, ReviewAspect, ReviewRecord
from backtrace.render import approval_text, format_qualifiers, format_value
from backtrace.store.lead import Passage
from backtrace.store.page_records import (
    ConflictRecord,
    CreditSource,
    DocumentClaim,
    DocumentRecord,
    PersonRecord,
    WorkCredits,
    WorkRef,
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


@dataclass(frozen=True, slots=True)
class Standing:
    """How a disputed or curated value stands: its CSS ``key``, the ``word`` and ``symbol``."""

    key: str
    word: str
    symbol: str


def standing(fact: Fact) -> Standing | None:
    """The standing of a disputed or curated value; None when agreed."""
    found = _STANDINGS.get((fact.status, fact.believed))
    return None if found is None else Standing(*found)


@dataclass(frozen=True, slots=True)
class Quoted:
    """A source with its sentence cut into pieces, the span marked."""

    source: Source | CreditSource
    quote: list[Piece]


def quoted(sources: Iterable[Source | CreditSource]) -> list[Quoted]:
    return [Quoted(s, quote(s)) for s in sources]


@dataclass(frozen=True, slots=True)
class FactView:
    """A value as a page shows it: with its qualifiers (``text``) and apart, the person or
    place it links to, its standing and its quoted sources."""

    fact: Fact
    text: str
    value_text: str
    qualifier_text: str
    entity_id: int | None
    standing: Standing | None
    sources: list[Quoted]


def _fact_fields(prop: str, fact: Fact, links: dict[str, int]) -> tuple[Any, ...]:
    """A :class:`FactView`'s fields, in order (its subclasses add theirs after them)."""
    value = fact.value
    return (fact, display(prop, value, fact.qualifiers), format_value(prop, value),
            format_qualifiers(prop, fact.qualifiers or {}),
            links.get(value) if isinstance(value, str) else None, standing(fact),
            quoted(fact.sources))


def _fact_view(prop: str, fact: Fact, links: dict[str, int]) -> FactView:
    return FactView(*_fact_fields(prop, fact, links))


@dataclass(frozen=True, slots=True)
class CastView(FactView):
    """A cast member's row: the name, the character played and its description."""

    name: Any
    character: str | None
    description: str | None


@dataclass(frozen=True, slots=True)
class ReleaseView(FactView):
    """A release on the timeline: the date and what it was ("release" when unqualified)."""

    date: str
    what: str


@dataclass(frozen=True, slots=True)
class FactRow:
    """A row of a facts table: a property, its label and each value's view."""

    property: str
    label: str
    facts: list[FactView]


@dataclass(frozen=True, slots=True)
class Disputed:
    """A property whose values are disputed, as the note atop a film page links it."""

    property: str
    label: str


def _rows(record: FilmRecord, props: Iterable[str],
          links: dict[str, dict[str, int]]) -> list[FactRow]:
    """A table row per property that has values: its label and each value's view."""
    return [FactRow(p, label(p), [_fact_view(p, f, links.get(p, {})) for f in record.facts[p]])
            for p in props if record.facts.get(p)]  # fmt: skip


@dataclass(frozen=True, slots=True)
class FilmView:
    """The sections of a film page (:func:`film_view`)."""

    lead: Passage | None
    disputed: list[Disputed]
    credits: list[FactRow]
    cast: list[CastView]
    plot: Passage | None
    timeline: list[ReleaseView]
    release: list[FactRow]
    box_office: BoxOffice
    details: list[FactRow]
    reception: ReceptionView | None
    sources: list[CitedDocument]


def _cast(facts: list[Fact], links: dict[str, int]) -> list[CastView]:
    out = []
    for f in facts:
        quals = f.qualifiers or {}
        out.append(CastView(*_fact_fields("cast_member", f, links), f.value,
                            quals.get("character"), quals.get("description")))
    return out


def _timeline(facts: list[Fact]) -> list[ReleaseView]:
    """The release dates in date order, each with what it was."""
    return [ReleaseView(*_fact_fields("publication_date", f, {}), str(f.value),
                        format_qualifiers("publication_date", f.qualifiers or {}) or "release")
            for f in sorted(facts, key=lambda f: (str(f.value), f.reason))]  # fmt: skip


def film_view(record: FilmRecord, links: dict[str, dict[str, int]],
              lead: Passage | None = None, plot: Passage | None = None) -> FilmView:
    """The sections of a film page in reader's order: the lead, the credits, the cast, the
    plot, release and money, other details, the reception and the documents cited; and
    the properties whose values are disputed (each value is marked where it is shown)."""
    facts = record.facts
    return FilmView(
        lead=lead,
        disputed=[Disputed(p, label(p)) for p, values in facts.items()
                  if any(f.status != "agreed" for f in values)],
        credits=_rows(record, CREDITS, links),
        cast=_cast(facts.get("cast_member", []), links.get("cast_member", {})),
        plot=plot,
        timeline=_timeline(facts.get("publication_date", [])),
        release=_rows(record, RELEASE, links),
        box_office=box_office_bars(facts.get("box_office", [])),
        details=_rows(record, [p for p in facts if p not in _PLACED], links),
        reception=reception_view(record.reception),
        sources=cited_documents(record, [lead, plot]),
    )


@dataclass(slots=True)
class CitedDocument:
    """A document a film page quotes, and how many of the film's values it states."""

    document: str
    path: str
    kind: str
    date: str | None
    stated: int = 0


def cited_documents(record: FilmRecord, passages: list[Passage | None]) -> list[CitedDocument]:
    """Every document the film page quotes, once, with how many of the film's values it
    states; encyclopedia entries first."""
    found: dict[str, CitedDocument] = {}

    def add(document: str, path: str, kind: str, date: str | None) -> CitedDocument:
        if document not in found:
            found[document] = CitedDocument(document, path, kind, date)
        return found[document]

    for facts in record.facts.values():
        for fact in facts:
            for s in {s.document: s for s in fact.sources}.values():
                add(s.document, s.path, s.kind, s.date).stated += 1
    for p in passages:
        if p is not None:
            add(p.document, p.path, p.kind, None)
    for r in record.reception.reviews if record.reception else ():
        add(r.document, r.path, r.kind, r.date)
    return sorted(found.values(), key=lambda d: (_KIND_ORDER.get(d.kind, 3), d.path))


_CITATION = re.compile(r"\[(\d+)\]")


@dataclass(frozen=True, slots=True)
class ConsensusPiece:
    """A run of a consensus: text, or a citation's number (``cite``; None for text)."""

    text: str
    cite: int | None


@dataclass(frozen=True, slots=True)
class AspectView:
    """A review's aspect and how the pages word it."""

    aspect: ReviewAspect
    text: str


@dataclass(frozen=True, slots=True)
class ReviewView:
    """A review as a page lists it: who, the outlet, whether it only summarises critics in
    general, its probability as shown, its aspects; on a document page, how its film was
    found when the text alone placed it (``link``) and whether one was (``linked``)."""

    review: ReviewRecord
    who: str
    outlet: str | None
    summary: bool
    probability: str
    aspects: list[AspectView]
    link: str | None = None
    linked: bool = False


@dataclass(frozen=True, slots=True)
class ReceptionView:
    """The reception panel: the aggregate, its consensus in pieces, the citations, each
    review, the approval in words and its interval (``interval``: shown; ``level``)."""

    aggregate: Aggregate
    consensus: list[ConsensusPiece]
    citations: list[Citation]
    reviews: list[ReviewView]
    approval: str
    interval: bool
    level: str


def _consensus(text: str) -> list[ConsensusPiece]:
    """The consensus cut into text and citation numbers ("[2]")."""
    pieces: list[ConsensusPiece] = []
    at = 0
    for m in _CITATION.finditer(text):
        if m.start() > at:
            pieces.append(ConsensusPiece(text[at : m.start()], None))
        pieces.append(ConsensusPiece("", int(m.group(1))))
        at = m.end()
    if at < len(text):
        pieces.append(ConsensusPiece(text[at:], None))
    return pieces


def _review_row(r: ReviewRecord) -> ReviewView:
    """A review with its headline: who wrote it (critics in general for a summary)."""
    summary = r.summary
    who = "Critics in general, as reported" if summary else r.critic or "Unnamed critic"
    return ReviewView(r, who, r.outlet, summary, "" if summary else f"{r.probability:.2f}",
                      aspect_views(r.aspects))


def reception_view(reception: Reception | None) -> ReceptionView | None:
    """The reception panel: the aggregate, the consensus cut into text and citation numbers,
    the citations, and each review with its headline."""
    if reception is None or not reception.aggregate.count:
        return None
    agg = reception.aggregate
    reviews = [_review_row(r) for r in sorted(reception.reviews, key=lambda r: r.summary)]
    est = agg.estimate
    return ReceptionView(agg, _consensus(agg.consensus or ""), agg.citations, reviews,
                         approval_text(agg), est.enough, f"{est.level * 100:g}")


def _aspect_text(aspect: str, actors: list[str] | None) -> str:
    """An aspect as the pages show it: "performances (Ada Lind)"."""
    return aspect + (f" ({', '.join(actors)})" if actors else "")


def aspect_views(aspects: list[ReviewAspect]) -> list[AspectView]:
    """A review's aspects as the pages show them."""
    return [AspectView(a, _aspect_text(a.aspect, a.actors)) for a in aspects]


@dataclass(frozen=True, slots=True)
class Bar:
    """A box-office figure's bar: its region, amount and fact, its place and width (SVG
    user units) and the amount as text."""

    region: str
    amount: int | float
    fact: Fact
    y: int
    width: int
    text: str


@dataclass(frozen=True, slots=True)
class BoxOffice:
    """The box-office chart: its bars, its height and the widest bar's width."""

    rows: list[Bar]
    height: int
    bar_width: int


def box_office_bars(facts: list[Fact]) -> BoxOffice:
    """One bar per box-office figure, grouped by region, scaled to the largest amount."""
    found: list[tuple[str, int | float, Fact]] = []
    for f in facts:
        value = f.value
        if not isinstance(value, dict) or not isinstance(value.get("amount"), int | float):
            continue
        region = (f.qualifiers or {}).get("region") or "worldwide"
        found.append((region, value["amount"], f))
    found.sort(key=lambda r: (r[0], not r[2].believed, -r[1]))
    top = max((amount for _, amount, _ in found), default=0)
    row_height = 22
    rows = [Bar(region, amount, f, i * row_height,
                max(1, round(BAR_WIDTH * amount / top)) if top > 0 else 1,
                format_value("box_office", f.value))
            for i, (region, amount, f) in enumerate(found)]  # fmt: skip
    return BoxOffice(rows, max(len(rows) * row_height, 1), BAR_WIDTH)


@dataclass(frozen=True, slots=True)
class ClaimView:
    """A claim of a document page: its property label and value as a person reads it."""

    claim: DocumentClaim
    label: str
    text: str


def claim_view(claim: DocumentClaim) -> ClaimView:
    """A claim of a document page: its property label and value as a person reads it."""
    prop = claim.property
    return ClaimView(claim, label(prop), display(prop, claim.value, claim.qualifiers))


@dataclass(frozen=True, slots=True)
class DocumentView:
    """A document page: its text in pieces (every claim's and review's span marked), its
    claims and its reviews."""

    pieces: list[Piece]
    claims: list[ClaimView]
    reviews: list[ReviewView]


def document_view(record: DocumentRecord) -> DocumentView:
    ranges = [(c.start, c.end) for c in record.claims]
    reviews = record.reviews
    ranges += [(sp.start, sp.end) for r in reviews for sp in r.spans]
    ranges += [(a.start, a.end) for r in reviews for a in r.aspects]
    return DocumentView(highlight(record.text, ranges), [claim_view(c) for c in record.claims],
                        [review_view(r) for r in reviews])


def review_view(review: ReviewRecord) -> ReviewView:
    """A review as the document page shows it: who, polarity with its probability and
    basis, aspects, and how its film was found when the text alone placed it."""
    link = review.link or {}
    return replace(_review_row(review), link=link.get("reason"),
                   linked=link.get("film") is not None)


@dataclass(frozen=True, slots=True)
class Part:
    """A part played: the character and its description."""

    character: str | None
    description: str | None


@dataclass(frozen=True, slots=True)
class WorkRow:
    """A filmography row: the work's credits (``entry``), every role held on it, every
    part played and each source once, quoted."""

    entry: WorkCredits
    roles: list[str]
    parts: list[Part]
    sources: list[Quoted]


@dataclass(frozen=True, slots=True)
class QuoteLink:
    """A sentence a review was read from, linked to where its document page marks it."""

    text: str
    href: str


@dataclass(frozen=True, slots=True)
class WrittenView:
    """A review on its critic's page: its film, the review, its probability as shown and
    the sentences it was read from."""

    film: WorkRef | None
    review: ReviewRecord
    probability: str
    quotes: list[QuoteLink]


@dataclass(frozen=True, slots=True)
class PersonView:
    """A person page: the filmography, one row per work, and the reviews written."""

    filmography: list[WorkRow]
    reviews: list[WrittenView]


def person_view(record: PersonRecord) -> PersonView:
    """The filmography as the person page shows it: one row per work, by year (undated
    last), with every role held on it, every part played and each source once
    (``PersonRecord.by_work``), each source with its quote."""
    rows = [WorkRow(w, w.roles, [Part(c, d) for c, d in w.parts], quoted(w.sources))
            for w in record.by_work()]
    return PersonView(rows, [written_view(w) for w in record.reviews_written])


def written_view(written: WrittenReview) -> WrittenView:
    """A review on its critic's page: its film, the review, its probability as shown, and
    each sentence it was read from, linked to where its document page marks it."""
    r = written.review
    doc = quote_plus(r.document, safe="")
    return WrittenView(written.film, r, f"{r.probability:.2f}",
                       [QuoteLink(s.text.replace("\n", " "), f"/document/{doc}#s-{s.start}")
                        for s in r.spans])


@dataclass(frozen=True, slots=True)
class ConflictValue:
    """A disputed value on the conflicts page: as read, its mark, reason and how many
    sources state it."""

    text: str
    mark: str
    reason: str
    sources: int


@dataclass(frozen=True, slots=True)
class ConflictView:
    """A disputed property as the conflicts page shows it."""

    film: WorkRef
    label: str
    status: str
    values: list[ConflictValue]


def conflict_view(conflict: ConflictRecord) -> ConflictView:
    """A disputed property of ``queries.conflicts`` as the conflicts page shows it: the
    film, the property's label, and each value with its mark, reason and sources."""
    prop = conflict.property
    values = [ConflictValue(display(prop, f.value, f.qualifiers),
                            "believed" if f.believed else "not believed", f.reason or "",
                            len(f.sources))
              for f in conflict.values]  # fmt: skip
    return ConflictView(conflict.film, PROPERTIES[prop].label, conflict.status, values)
