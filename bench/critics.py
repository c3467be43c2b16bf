"""Critics and outlets as entities (issue 22), on the real data of ../shared/data.

    .venv/bin/python bench/critics.py [--data ../shared/data] [--db PATH]

Two corpora, each counted two ways side by side: as a store of plain strings counts them
(the baseline: what backtrace stored before critics and outlets were entities, one name
as written = one critic or outlet) and as backtrace now counts them (an outlet by
``keys.outlet_key``: case, punctuation and a leading "the" folded, the known other names of
``vocabulary.OUTLET_VARIANTS``; a critic by the person their name keys to).

- rt-critics (dev CSV, critic and publication of each Rotten Tomatoes quote): distinct
  outlets and critics, and the critics whose quotes cover two films or more.
- wiki-2018-films (dev JSONL, ingested as encyclopedia entries into a fresh SQLite store):
  the critics quoted in the articles' Reception sections ("X of Y called it ..."), as
  stored: distinct outlets (stored strings, then keys, and the names shown), critics linked
  to a person of the store, those also credited on a film, and the critics with reviews of
  two films or more, the first of them shown as ``backtrace person`` shows them.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

from sqlalchemy import func, select

import backtrace
from backtrace.keys import name_key, outlet_key
from backtrace.reception.corpora import DEFAULT_DATA
from backtrace.render import render_reviews_written
from backtrace.store.critics import outlet_names
from backtrace.store.pages import reviews_written
from backtrace.store.schema import claims, documents, entities, review_spans, reviews, spans

REPRODUCE = ".venv/bin/python bench/critics.py"


def _merged(by_key: dict[str, Counter[str]]) -> list[str]:
    """The keys written more than one way, each with its forms (most written first)."""
    return [f"{' = '.join(f'{f!r}' for f, _ in forms.most_common())}"
            for _, forms in sorted(by_key.items()) if len(forms) > 1]


def as_written(outlet: str, quote: str) -> str:
    """The outlet as the quote writes it, with its "the" if it has one (the reader drops
    a leading "the" before storing)."""
    m = re.search(rf"\b(?:[Tt]he\s+)?{re.escape(outlet)}", quote)
    return m.group() if m else outlet


def rt_critics(data: Path) -> dict[str, Counter[str]]:
    rows = list(csv.DictReader((data / "rt-critics" / "critics.csv").open(encoding="utf-8")))
    outlets: dict[str, Counter[str]] = defaultdict(Counter)
    critics: dict[str, Counter[str]] = defaultdict(Counter)
    films: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        if r["publication"].strip():
            outlets[outlet_key(r["publication"])][r["publication"]] += 1
        if r["critic"].strip():
            critics[name_key(r["critic"])][r["critic"]] += 1
            films[name_key(r["critic"])].add(r["rtid"])
    raw_outlets = sum(len(forms) for forms in outlets.values())
    raw_critics = sum(len(forms) for forms in critics.values())
    print(f"rt-critics dev: {len(rows)} rows")
    print(f"  {'':34s} {'as strings (baseline)':>22s} {'as entities':>12s}")
    print(f"  {'distinct outlets':34s} {raw_outlets:>22d} {len(outlets):>12d}")
    print(f"  {'distinct critics':34s} {raw_critics:>22d} {len(critics):>12d}")
    many = sorted(((len(f), k) for k, f in films.items() if len(f) >= 2), reverse=True)
    print(f"  critics quoted on two films or more: {len(many)} of {len(critics)}")
    print(f"  outlets made one: {'; '.join(_merged(outlets)) or 'none'}")
    if many:
        n, key = many[0]
        name = critics[key].most_common(1)[0][0]
        print(f"  most films: {name}, {n} films")
    return outlets


def _ingest(corpus: Path, db: Path) -> float:
    start = time.perf_counter()
    with backtrace.open(db) as kb:
        report = kb.ingest([corpus], kind="encyclopedia", title_field="page_title",
                           year_field="year_list")
    print(f"  ingested {report.summary()} in {time.perf_counter() - start:.0f} s")
    return time.perf_counter() - start


def wiki_2018(data: Path, db: Path) -> dict[str, Counter[str]]:
    corpus = data / "wiki-2018-films" / "films2018_dev.jsonl"
    print(f"\nwiki-2018-films dev: {corpus.name} into {db.name}")
    _ingest(corpus, db)
    with backtrace.open(db) as kb, kb.store.read() as conn:
        rows = conn.execute(
            select(reviews.c.critic, reviews.c.critic_id, reviews.c.outlet,
                   reviews.c.outlet_key, documents.c.film_id, spans.c.text)
            .join(documents, documents.c.id == reviews.c.document_id)
            .join(review_spans, (review_spans.c.review_id == reviews.c.id)
                  & (review_spans.c.position == 0))
            .join(spans, spans.c.id == review_spans.c.span_id)
            .where(reviews.c.source != "summary")).all()
        stored = {r.outlet for r in rows if r.outlet}
        keys = {r.outlet_key for r in rows if r.outlet_key}
        names = outlet_names(conn, keys)
        critic_ids = {r.critic_id for r in rows if r.critic_id is not None}
        credited = set(conn.execute(
            select(claims.c.value_entity_id).where(claims.c.value_entity_id.in_(critic_ids))
            .distinct()).scalars())
        by_critic: dict[int, set[int]] = defaultdict(set)
        for r in rows:
            if r.critic_id is not None and r.film_id is not None:
                by_critic[r.critic_id].add(r.film_id)
        many = sorted(by_critic, key=lambda c: (-len(by_critic[c]), c))
        many = [c for c in many if len(by_critic[c]) >= 2]
        people = dict(conn.execute(select(entities.c.id, entities.c.name)
                                   .where(entities.c.id.in_(critic_ids))).tuples().all())
        n_films = conn.execute(select(func.count(documents.c.film_id.distinct()))
                               .select_from(documents)).scalar_one()
        example = reviews_written(conn, many[0]) if many else []
    named = sum(1 for r in rows if r.critic)
    print(f"  critics' reviews read: {len(rows)} ({named} naming their critic) "
          f"of {n_films} films")
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    for r in rows:
        if r.outlet_key:
            forms[r.outlet_key][as_written(r.outlet, r.text)] += 1
    written = sum(len(f) for f in forms.values())
    print(f"  {'':34s} {'as written':>11s} {'as strings (baseline)':>22s} {'as entities':>12s}")
    print(f"  {'distinct outlets':34s} {written:>11d} {len(stored):>22d} {len(keys):>12d}")
    print(f"  {'distinct critics':34s} {'':>11s} {len({r.critic for r in rows if r.critic}):>22d} "
          f"{len(critic_ids):>12d}")
    print(f"  outlets made one (shown as the first): {'; '.join(_merged(forms)) or 'none'}")
    print(f"  critics linked to a person: {len(critic_ids)}; also credited on a film: "
          f"{len(credited)}" + (f" ({', '.join(sorted(people[c] for c in credited))})"
                                if credited else ""))
    print(f"  critics with reviews of two films or more: {len(many)}: "
          + ", ".join(f"{people[c]} ({len(by_critic[c])})" for c in many[:10]))
    if example:
        print(f"  {people[many[0]]}, as `backtrace person` lists the reviews:")
        print(render_reviews_written(example))
    shown = sorted({names[k] for k in keys})
    print(f"  outlet names shown ({len(shown)}): {', '.join(shown)}")
    return forms


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--db", type=Path, default=None, help="keep the wiki-2018 store here")
    args = ap.parse_args()
    if not (args.data / "rt-critics" / "critics.csv").is_file():
        print(f"skipped: no rt-critics under {args.data}", file=sys.stderr)
        return 0
    rt = rt_critics(args.data)
    with tempfile.TemporaryDirectory(prefix="critics-") as tmp:
        wiki = wiki_2018(args.data, args.db or Path(tmp) / "critics.db")
    both: dict[str, Counter[str]] = defaultdict(Counter)
    for found in (rt, wiki):
        for key, forms in found.items():
            both[key].update(forms)
    print(f"\nboth corpora's outlets together: {sum(len(f) for f in both.values())} as "
          f"written, {len(both)} as entities; made one: {'; '.join(_merged(both))}")
    print(f"\nreproduce: {REPRODUCE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
