"""Reviews joined to their films: review documents that name their film only in their text.

    .venv/bin/python bench/review_links.py [--data ../shared/data] [--from 1987 --to 2001]
                                           [--sample 20] [--db PATH]

Builds a store of films from the wikipedia-movie-data dev records with an ``extract`` of the
years given (1987-2001 by default: 3,133 records, the years the reviews are about), ingested
as ``--text-field extract``; then ingests the 1,515 dev reviews of review-polarity-v2 (one
lower-cased, tokenised review a file, no title, no byline) as ``--kind review``, and prints
the share the ingest links to a film, the share it leaves unlinked and why, and a seeded
random sample of links (film, reason, the review's opening words) to check by hand.

Linking is ``ingest.link_unlinked``, which places review documents with
:class:`backtrace.store.reviews.ReviewPlacer`.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from sqlalchemy import select

import backtrace
from backtrace.reception.corpora import DEFAULT_DATA
from backtrace.store.reviews import LINK_KEY
from backtrace.store.schema import documents


def films_corpus(data: Path, first: int, last: int, out: Path) -> int:
    n = 0
    with out.open("w", encoding="utf-8") as fh, (
        data / "wikipedia-movie-data" / "movies_dev.jsonl"
    ).open(encoding="utf-8") as src:
        for line in src:
            record = json.loads(line)
            if record.get("extract") and first <= record["year"] <= last:
                fh.write(line)
                n += 1
    return n


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--from", dest="first", type=int, default=1987)
    ap.add_argument("--to", dest="last", type=int, default=2001)
    ap.add_argument("--sample", type=int, default=20)
    ap.add_argument("--db", type=Path, default=None, help="keep the store here")
    args = ap.parse_args()
    reviews_dir = args.data / "review-polarity-v2" / "txt_sentoken"
    if not reviews_dir.is_dir():
        print(f"skipped: {args.data} not found", file=sys.stderr)
        return 0
    tmp = Path(tempfile.mkdtemp(prefix="review-links-"))
    db = args.db or tmp / "links.db"
    corpus = tmp / "films.jsonl"
    n_films = films_corpus(args.data, args.first, args.last, corpus)
    start = time.perf_counter()
    with backtrace.open(db) as kb:
        films = kb.ingest([corpus], text_field="extract")
        t_films = time.perf_counter() - start
        files = sorted(p for p in reviews_dir.glob("*/*.txt"))
        kb.ingest(files, kind="review")
        t_reviews = time.perf_counter() - start - t_films
        with kb.store.read() as conn:
            rows = conn.execute(
                select(documents.c.path, documents.c.film_id, documents.c.meta,
                       documents.c.text).where(documents.c.kind == "review")
            ).all()
    linked = [r for r in rows if r.film_id is not None]
    unlinked = [r for r in rows if r.film_id is None]
    why = Counter(((r.meta or {}).get(LINK_KEY) or {}).get("reason", "not placed").split(":")[0]
                  for r in unlinked)
    print(f"films: {n_films} wikipedia-movie-data dev records of {args.first}-{args.last} "
          f"with an extract, {len(films.films)} films ({t_films:.0f} s)")
    print(f"reviews: {len(rows)} review-polarity-v2 dev reviews ingested as reviews "
          f"({t_reviews:.0f} s)")
    print(f"linked to a film: {len(linked)} of {len(rows)} ({len(linked) / len(rows):.1%}); "
          f"unlinked {len(unlinked)}: " + ", ".join(f"{k} {v}" for k, v in why.most_common()))
    kinds = Counter()
    for r in linked:
        for e in (r.meta or {}).get(LINK_KEY, {}).get("evidence", []):
            kinds[e["kind"]] += 1
    print("evidence behind the links: " + ", ".join(f"{k} {v}" for k, v in kinds.most_common()))
    rng = random.Random(0)
    sample = rng.sample(linked, min(args.sample, len(linked)))
    print(f"\n{len(sample)} links drawn at random (seed 0), to check by hand:")
    for i, r in enumerate(sample, 1):
        link = r.meta[LINK_KEY]
        opening = " ".join(r.text.split()[:30])
        print(f"{i:2d}. {Path(r.path).parent.name}/{Path(r.path).name} -> {link['film_title']}: "
              f"{link['reason']} ({link['points']} points)\n      “{opening} …”")
    print(f"\ntotal time {time.perf_counter() - start:.0f} s")
    print("reproduce: .venv/bin/python bench/review_links.py")
    return 0


if __name__ == "__main__":
    sys.exit(main())
