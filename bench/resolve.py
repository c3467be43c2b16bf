"""Entity linking of people: pairwise precision and recall of person merges, and its cost.

    .venv/bin/python bench/resolve.py [--data ../shared/data] [--limit N] [--db PATH]

The ``extract`` texts of wikipedia-movie-data are ingested as one JSONL corpus. Every place
a document names a person (a person claim's span, or an alias span: "Hanks", "Tom Hanks")
is a mention. A mention's gold person is the name in its record's ``cast`` list that it
names: the same name (case, accents, punctuation folded), or, for one word, the surname of
exactly one cast name (as written). Mentions that name no cast member are left out.

Two mentions with the same gold name (in any records) must be one entity; two with
different gold names must not. Over all pairs of gold-labelled mentions:

    precision = pairs merged that should be / pairs merged
    recall    = pairs merged that should be / pairs that should be

The time linking adds: the same corpus ingested again with linking off (no ``film_mentions``
component, no surname/nickname scopes or alias spans), into a fresh store.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from sqlalchemy import select

import backtrace
from backtrace.keys import name_key
from backtrace.store.schema import alias_spans, claims, documents, entities, spans

ROOT = Path(__file__).resolve().parents[1]
PERSON_PROPS = ("director", "screenwriter", "producer", "cast_member", "narrator", "composer",
                "director_of_photography", "film_editor")


def write_corpus(source: Path, out: Path, limit: int) -> dict[int, list[str]]:
    """The records with an extract, as JSONL with a ``rec`` number; returns rec -> cast."""
    casts: dict[int, list[str]] = {}
    with source.open(encoding="utf-8") as src, out.open("w", encoding="utf-8") as dst:
        for line in src:
            record = json.loads(line)
            if not record.get("extract"):
                continue
            rec = len(casts)
            casts[rec] = [c for c in record.get("cast") or [] if isinstance(c, str)]
            dst.write(json.dumps({"rec": rec, "title": record["title"],
                                  "extract": record["extract"]}) + "\n")
            if limit and len(casts) >= limit:
                break
    return casts


def gold_name(mention: str, cast: list[str]) -> str | None:
    """The cast name a mention names, folded; None if none or more than one."""
    key = name_key(mention)
    if not key:
        return None
    for name in cast:
        if name_key(name) == key:
            return key
    if len(mention.split()) == 1:
        fits = {name_key(n) for n in cast if n.split() and n.split()[-1] == mention}
        if len(fits) == 1:
            return fits.pop()
    return None


def mentions(kb: Any) -> list[tuple[str, int, str, int, int]]:
    """(document, rec, text, entity id, start) of every person mention in the store."""
    out: dict[tuple[str, int, int], tuple[str, int, str, int, int]] = {}
    with kb.store.read() as conn:
        rec_of = {r.id: (r.meta or {}).get("rec") for r in conn.execute(
            select(documents.c.id, documents.c.meta))}
        person_claims = conn.execute(
            select(claims.c.document_id, claims.c.value_entity_id, spans.c.start, spans.c.end,
                   spans.c.text)
            .join(spans, spans.c.id == claims.c.span_id)
            .join(entities, entities.c.id == claims.c.value_entity_id)
            .where(entities.c.type == "person", claims.c.property.in_(PERSON_PROPS))
        )
        for r in person_claims:
            out[(r.document_id, r.start, r.end)] = (r.document_id, rec_of[r.document_id],
                                                    r.text, r.value_entity_id, r.start)
        try:
            alias_rows = conn.execute(
                select(alias_spans.c.document_id, alias_spans.c.entity_id, spans.c.start,
                       spans.c.end, spans.c.text)
                .join(spans, spans.c.id == alias_spans.c.span_id)
            ).all()
        except Exception:  # a store without alias spans (linking off)
            alias_rows = []
        for r in alias_rows:
            out.setdefault((r.document_id, r.start, r.end),
                           (r.document_id, rec_of[r.document_id], r.text, r.entity_id, r.start))
    return list(out.values())


def pairwise(labelled: list[tuple[str, int]]) -> dict[str, float]:
    """Pairwise precision/recall of (gold, predicted) labels, by counting, not enumerating."""
    def pairs(counter: Counter) -> int:
        return sum(n * (n - 1) // 2 for n in counter.values())

    gold = pairs(Counter(g for g, _ in labelled))
    pred = pairs(Counter(p for _, p in labelled))
    both = pairs(Counter(labelled))
    precision = both / pred if pred else 1.0
    recall = both / gold if gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "gold_pairs": gold,
            "merged_pairs": pred, "correct_pairs": both}


def ingest(corpus: Path, db: str) -> tuple[float, Any]:
    start = time.perf_counter()
    kb = backtrace.open(db)
    report = kb.ingest([corpus], text_field="extract", title_field="title")
    return time.perf_counter() - start, (kb, report)


def linking_off() -> None:
    """Turn entity linking off in this process (for the baseline timing)."""
    import backtrace.extract as extract_pkg
    import backtrace.ingest as ingest_mod
    from backtrace.extract import pipeline
    from backtrace.people import PersonScope

    plain = tuple(c for c in pipeline.PIPELINE if c.name != "film_mentions")
    extract_pkg.run = lambda doc: pipeline.run(doc, plain)  # type: ignore[assignment]
    ingest_mod.linking_scope = lambda *args: (PersonScope(), [])  # type: ignore[assignment]
    ingest_mod.record_person_mentions = lambda *args: None  # type: ignore[assignment]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--limit", type=int, default=0, help="only the first N extracts (0 = all)")
    ap.add_argument("--db", default=None, help="database path (default: a temporary file)")
    ap.add_argument("--no-baseline", action="store_true", help="skip the linking-off timing")
    args = ap.parse_args()

    source = Path(args.data) / "wikipedia-movie-data" / "movies_dev.jsonl"
    if not source.exists():
        print(f"skipped: {source} not found", file=sys.stderr)
        return 0
    tmp = tempfile.TemporaryDirectory()
    corpus = Path(tmp.name) / "extracts.jsonl"
    casts = write_corpus(source, corpus, args.limit)

    linked_time, (kb, report) = ingest(corpus, args.db or str(Path(tmp.name) / "linked.db"))
    found = mentions(kb)
    labelled, surnames = [], 0
    for _, rec, text, entity_id, _ in found:
        gold = gold_name(text, casts.get(rec, []))
        if gold is None:
            continue
        labelled.append((gold, entity_id))
        surnames += len(text.split()) == 1
    scores = pairwise(labelled)
    counts = kb.counts()
    kb.close()

    baseline_time = None
    if not args.no_baseline:
        linking_off()
        baseline_time, (base_kb, _) = ingest(corpus, str(Path(tmp.name) / "baseline.db"))
        base_counts = base_kb.counts()
        base_kb.close()

    which = f"first {args.limit}" if args.limit else "all"
    print(f"corpus: wikipedia-movie-data/movies_dev.jsonl ({which} extracts)")
    print(f"documents stored: {report.stored}, failed: {len(report.failed)}; "
          f"people: {counts['persons']}, films: {counts['films']}, series: {counts['series']}")
    print(f"person mentions: {len(found)}, naming a cast member: {len(labelled)} "
          f"(of which one-word surnames: {surnames})")
    print(f"pairwise precision: {scores['precision']:.4f}  recall: {scores['recall']:.4f}  "
          f"F1: {scores['f1']:.4f}  (gold pairs {scores['gold_pairs']:,}, merged "
          f"{scores['merged_pairs']:,}, correct {scores['correct_pairs']:,})")
    n = max(report.stored, 1)
    if baseline_time is not None:
        extra = linked_time - baseline_time
        print(f"ingest time: {linked_time:.1f} s with linking, {baseline_time:.1f} s without "
              f"(+{extra:.1f} s, {100 * extra / baseline_time:+.0f}%, "
              f"{1000 * extra / n:.2f} ms a document); films without linking: "
              f"{base_counts['films']}")
    else:
        print(f"ingest time: {linked_time:.1f} s with linking")
    limit = f" --limit {args.limit}" if args.limit else ""
    print(f"reproduce: .venv/bin/python bench/resolve.py{limit}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
