"""Turning stored values and film records into text for people (CLI, pages, articles)."""

from __future__ import annotations

import textwrap

from backtrace.model import PROPERTIES
from backtrace.reception.records import Aggregate, Citation, Reception, ReviewRecord
from backtrace.store.page_records import ConflictRecord, WrittenReview
from backtrace.store.records import Fact, FilmRecord, Sentence
from backtrace.vocabulary import (  # noqa: F401 - re-exported: render is where callers look
    CURRENCY_SIGNS,
    format_money,
    format_qualifiers,
    format_value,
)


def _label(prop: str) -> str:
    return PROPERTIES[prop].label if prop in PROPERTIES else prop


def render_film(record: FilmRecord, *, sources: bool = False, width: int = 100) -> str:
    """A film record as an infobox in plain text; ``sources`` quotes each fact's sentence."""
    year = f" ({record.year})" if record.year else ""
    lines = [f"{record.title}{year}"]
    if not record.facts:
        lines.append("  (no facts yet)")
    for prop, facts in record.facts.items():
        label = _label(prop)
        for i, fact in enumerate(facts):
            head = label if i == 0 else ""
            text = format_value(prop, fact.value)
            quals = format_qualifiers(prop, fact.qualifiers or {})
            if quals:
                text = f"{text} {quals}"
            text += fact_marker(fact)
            lines.append(f"  {head:<22}{text}")
            if sources:
                lines += _provenance(fact, width)
    return "\n".join(lines)


def _provenance(fact: Fact, width: int) -> list[str]:
    """The lines under a fact of ``show --sources``: the curator's decision, each source's
    sentence and where it is."""
    lines = []
    if fact.override:
        decision = fact.override
        lines.append(
            f"  {'':<22}  ↳ curator's decision {decision.created_at[:10]}: “{decision.reason}”"
        )
    for src in fact.sources:
        quote = src.passage.text.replace("\n", " ")
        where = f"{src.path} [{src.start}:{src.end}]"
        wrapped = textwrap.shorten(quote, width=width - 30, placeholder=" …")
        lines.append(f"  {'':<22}  ↳ “{wrapped}”  {where}")
    return lines


def around(held: Sentence, start: int, end: int, width: int) -> str:
    """The part of the sentence ``held`` (offsets in its document) around the span
    ``start:end``, at most about ``width`` characters, cut at words and marked "…" where
    cut: "… Matthew Modine (Full Metal Jacket, Stranger ...".
    """
    text, offset = held.text.replace("\n", " "), held.start
    if len(text) <= width:
        return text
    a, b = max(0, start - offset), min(len(text), end - offset)
    room = max(0, width - (b - a)) // 2
    lo, hi = max(0, a - room), min(len(text), b + room)
    if lo > 0:
        lo = text.find(" ", lo, a) + 1 or lo
    if hi < len(text):
        hi = text.rfind(" ", b, hi) if text.rfind(" ", b, hi) > 0 else hi
    return ("… " if lo > 0 else "") + text[lo:hi].strip() + (" …" if hi < len(text) else "")


def fact_marker(fact: Fact) -> str:
    """What ``show`` writes after a fact that is disputed or decided by a curator."""
    if fact.status == "conflict":
        return "  ! [disputed: believed]" if fact.believed else "  ! [disputed: not believed]"
    if fact.status == "overridden" and fact.believed:
        unsourced = "; no source states it" if not fact.sources else ""
        return f"  [curator's decision{unsourced}]"
    if fact.status == "overridden":
        return "  [overruled by the curator]"
    return ""


def render_conflict(row: ConflictRecord, width: int = 100) -> str:
    """One disputed property of a film: every value, its sources quoted, and the verdict."""
    film = row.film
    year = f" ({film.year})" if film.year else ""
    prop = row.property
    settled = "  (settled by a curator)" if row.status == "overridden" else ""
    lines = [f"{film.title}{year}: {_label(prop)} [{prop}]{settled}"]
    for fact in row.values:
        if fact.status == "overridden":
            mark = "curator's decision" if fact.believed else "overruled"
        else:
            mark = "believed" if fact.believed else "disputed"
        value = format_value(prop, fact.value)
        quals = format_qualifiers(prop, fact.qualifiers or {})
        lines.append(f"  [{mark}] {value} {quals}".rstrip() + f"  confidence {fact.confidence}")
        why = textwrap.wrap(fact.reason, width=width - 10)
        lines.append("      why: " + "\n           ".join(why))
        if not fact.sources:
            lines.append("      ↳ no source states this value (the curator's override)")
        for src in fact.sources:
            quote = src.passage.text.replace("\n", " ")
            lines.append(f"      ↳ “{quote}”  in {src.kind} {src.path}")
    return "\n".join(lines)


def _review_head(review: ReviewRecord) -> str:
    if review.source == "summary":
        return f"critics in general, as the source reports: {review.polarity}"
    who = review.critic or "unnamed critic"
    if review.outlet:
        who += f", {review.outlet}"
    text = f"{who}: {review.polarity} ({review.probability:.2f}, {review.basis})"
    if review.score:
        text += f", score {review.score.text} = {review.score.normalized:g}/100"
    if review.counted is False and review.same_as:
        text += f"  [same review as {review.same_as}, counted once]"
    return text


def approval_text(agg: Aggregate) -> str:
    """The approval with its interval in words, and its band when there is a score:
    "60% positive, likely between 35% and 80%, from 10 reviews (mixed or average)"; or
    why there is none ("1 of 4 reviews positive: too few for a score ...")."""
    est = agg.estimate
    if not est.enough:
        return est.text
    return f"{est.text} ({agg.band})"


def _citation_head(c: Citation) -> str:
    return "critics in general" if c.summary else f"review {c.review}"


def render_reception(reception: Reception, *, width: int = 100) -> str:
    """A film's reception as text: the approval with its interval, the consensus with its
    citations, each review with its quote and aspects, and what the sources say of critics
    in general."""
    agg = reception.aggregate
    if not agg.count:
        return "Reception\n  (no reviews yet)"
    lines = ["Reception"]
    head = f"  {approval_text(agg)}"
    if agg.average_score is not None:
        head += f", average score {agg.average_score:g}/100 from {agg.scored}"
    lines.append(head)
    if agg.estimate.enough:
        lines.append(f"  ({agg.estimate.level * 100:g}% interval, allowing for the number of "
                     "reviews and how often the reader misreads one)")
    if agg.consensus:
        lines.extend(textwrap.wrap(agg.consensus, width - 2, initial_indent="  ",
                                   subsequent_indent="  "))
        for c in agg.citations:
            quote = textwrap.shorten(c.text.replace("\n", " "), width=width - 16,
                                     placeholder=" …")
            lines.append(f"    [{c.n}] {_citation_head(c)}: “{quote}”")
    for review in sorted(reception.reviews, key=lambda r: r.summary):
        mark = f"{review.n}." if review.n else "-"
        lines.append(f"  {mark} {_review_head(review)}")
        quote = textwrap.shorten(review.quote.replace("\n", " "), width=width - 8,
                                 placeholder=" …")
        lines.append(f"       “{quote}”  {review.path}")
        link = review.link or {}
        if link.get("film") is not None:
            lines.extend(textwrap.wrap(f"linked to this film by its text: {link['reason']}",
                                       width - 7, initial_indent="       ",
                                       subsequent_indent="         "))
        for a in review.aspects:
            actors = f" ({', '.join(a.actors)})" if a.actors else ""
            lines.append(f"       {a.polarity}: {a.aspect}{actors}")
    return "\n".join(lines)


def render_unlinked(reviews: list[ReviewRecord], *, width: int = 100) -> str:
    """The reviews of documents linked to no film, one document at a time, with why no
    film was found."""
    if not reviews:
        return "Every review is linked to a film."
    by_doc: dict[str, list[ReviewRecord]] = {}
    for r in reviews:
        by_doc.setdefault(r.document, []).append(r)
    lines = [f"{len(reviews)} review{'' if len(reviews) == 1 else 's'} in {len(by_doc)} "
             f"document{'' if len(by_doc) == 1 else 's'} linked to no film"]
    for doc_reviews in by_doc.values():
        first = doc_reviews[0]
        lines.append(f"  {first.path}")
        link = first.link or {}
        why = link.get("reason") or "not placed yet (the next ingest tries)"
        lines.extend(textwrap.wrap(f"why: {why}", width - 4, initial_indent="    ",
                                   subsequent_indent="      "))
        for review in doc_reviews:
            lines.append(f"    {_review_head(review)}")
    return "\n".join(lines)


def render_reviews_written(written: list[WrittenReview], *, width: int = 100) -> str:
    """A critic's reviews, one line a review (film, outlet, date, polarity) with the
    sentences it was read from and where: "" when they wrote none."""
    if not written:
        return ""
    lines = [f"  Reviews written ({len(written)})"]
    for w in written:
        r = w.review
        film = w.film.title if w.film else "(no film linked)"
        film += f" ({w.film.year})" if w.film and w.film.year else ""
        head = ", ".join(x for x in (film, r.outlet, r.date) if x)
        lines.append(f"    {head}: {r.polarity} ({r.probability:.2f}, {r.basis})")
        quote = textwrap.shorten(r.quote.replace("\n", " "), width=width - 12,
                                 placeholder=" …")
        where = f" [{r.spans[0].start}:{r.spans[-1].end}]" if r.spans else ""
        lines.append(f"      ↳ “{quote}”  {r.path}{where}")
    return "\n".join(lines)
