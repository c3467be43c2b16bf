"""What critics thought of a film: the stored reception (``store.reviews``) as answers,
the aggregate with its consensus first, then each counted review, with their sentences."""

from __future__ import annotations

from sqlalchemy import Connection

from backtrace.ask.answers import PATHS, Sentences, source_of
from backtrace.ask.records import Answer, Entity, Source, unique_sources
from backtrace.reception.records import Aggregate
from backtrace.store.reviews import reception_record


def reception(conn: Connection, sentences: Sentences, film: Entity) -> list[Answer]:
    """The critics' reception: the aggregate with its consensus first, then each review."""
    record = reception_record(conn, film.id)
    agg, reviews = record.aggregate, record.reviews
    if not agg.count:
        return []
    doc_ids = {r.document for r in reviews}
    info = {r.id: r for r in conn.execute(PATHS, {"ids": sorted(doc_ids)})} if doc_ids else {}
    texts = sentences.load(conn, doc_ids)

    def source(doc: str, start: int, end: int, text: str) -> Source:
        row = info.get(doc)
        return source_of(texts, doc, row.path if row else "", row.kind if row else "",
                         start, end, text)

    cited = [source(c.document, c.start, c.end, c.text) for c in agg.citations]
    quoted = [source(r.document, s.start, s.end, s.text)
              for r in reviews if r.counted is not False for s in r.spans[:1]]
    answers = [_summary(agg, film, unique_sources(cited or quoted))]
    for r in reviews:
        if r.counted is False or not r.spans:
            continue
        if r.summary:  # what a document says of critics in general
            who = "critics in general, as reported"
        else:
            who = r.critic or "an unnamed critic"
            if r.outlet:
                who += f" ({r.outlet})"
        polarity = r.polarity or "unknown"
        answers.append(Answer(
            polarity, f"{who}: {polarity}", film, film, "review",
            unique_sources([source(r.document, s.start, s.end, s.text) for s in r.spans]),
            qualifiers={"critic": r.critic, "outlet": r.outlet, "polarity": polarity,
                        "probability": r.probability,
                        "score": r.score.text if r.score else None},
            layout="property"))
    return [a for a in answers if a.sources]


def _summary(agg: Aggregate, film: Entity, sources: tuple[Source, ...]) -> Answer:
    """The answer of the aggregate: the approval in words (with its interval, or "too
    few"), the band, the average score and the consensus."""
    summary = agg.estimate.text or f"{agg.approval or 0:g}% positive of {agg.count} counted " \
        "review" + ("" if agg.count == 1 else "s")
    summary += f" ({agg.band})" if agg.band else ""
    if agg.average_score is not None:
        summary += f", average score {agg.average_score:g}/100"
    return Answer(
        summary, summary + (f". {agg.consensus}" if agg.consensus else ""), film, film,
        "reception", sources,
        qualifiers={"approval": agg.approval, "count": agg.count, "positive": agg.positive,
                    "negative": agg.negative, "mixed": agg.mixed, "band": agg.band,
                    "average_score": agg.average_score, "consensus": agg.consensus},
        layout="property")
