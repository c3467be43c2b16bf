"""Ingest throughput: the `extract` texts of wikipedia-movie-data as one JSONL corpus.

    .venv/bin/python bench/ingest.py [--data ../shared/data] [--limit N] [--db PATH]

Prints documents per second, peak memory (max RSS) and what was stored.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

import backtrace

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--limit", type=int, default=0, help="only the first N records (0 = all)")
    ap.add_argument("--db", default=None, help="database path (default: a temporary file)")
    args = ap.parse_args()

    source = Path(args.data) / "wikipedia-movie-data" / "movies_dev.jsonl"
    if not source.exists():
        print(f"skipped: {source} not found", file=sys.stderr)
        return 0
    corpus = source
    tmp = tempfile.TemporaryDirectory()
    if args.limit:
        corpus = Path(tmp.name) / "movies_head.jsonl"
        with source.open("rb") as src, corpus.open("wb") as out:
            for i, line in enumerate(src):
                if i >= args.limit:
                    break
                out.write(line)
    db = args.db or str(Path(tmp.name) / "bench.db")

    start = time.perf_counter()
    with backtrace.open(db) as kb:
        report = kb.ingest([corpus], text_field="extract")
        elapsed = time.perf_counter() - start
        counts = kb.counts()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    with_text = report.read
    print(f"corpus: {source} ({'first ' + str(args.limit) if args.limit else 'all'} records)")
    print(
        f"documents read: {with_text}, stored: {report.stored}, "
        f"skipped (no text or bad): {len(report.failed)}"
    )
    print(
        f"claims: {counts['claims']}, facts: {counts['facts']}, films: {counts['films']}, "
        f"people: {counts['persons']}"
    )
    print(
        f"time: {elapsed:.1f} s   throughput: {with_text / elapsed:,.0f} documents/s   "
        f"peak memory: {peak_mb:,.0f} MB"
    )
    limit = f" --limit {args.limit}" if args.limit else ""
    print(f"reproduce: .venv/bin/python bench/ingest.py{limit}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
