"""Ingest throughput: the `extract` texts of wikipedia-movie-data as one JSONL corpus.

    .venv/bin/python bench/ingest.py [--data ../shared/data] [--limit N] [--db PATH]
    .venv/bin/python bench/ingest.py --baseline REV     # and a git revision, side by side
    .venv/bin/python bench/ingest.py --no-record-fields # JSONL fields not read as facts
    .venv/bin/python bench/ingest.py --vs-pipe          # and bare nlp.pipe of the same texts

Prints documents per second, peak memory (max RSS) and what was stored. With ``--baseline``
the same ingest runs twice in fresh processes, first with the code of the git revision REV
(checked out in a temporary worktree), then with this checkout's, and both are printed.
With ``--vs-pipe``, after the ingest, the texts it stored are run through the bare spaCy
pipeline of ``backtrace.extract.nlp`` (``nlp.pipe(texts, n_process=2)``, nothing read from
the parsed documents), in a fresh process, and the two times are compared (issue 25's goal:
ingest at least 1.5 times as fast).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def _cpu() -> float:
    """CPU seconds of this process and of its children waited for (a pool's workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(
        resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def measure(corpus: Path, db: str, record_fields: bool = True) -> dict[str, Any]:
    """One ingest of ``corpus`` into ``db`` with whatever ``backtrace`` imports here."""
    import backtrace

    options = {} if record_fields else {"record_fields": False}
    start, cpu = time.perf_counter(), _cpu()
    with backtrace.open(db) as kb:
        report = kb.ingest([corpus], text_field="extract", **options)
        elapsed, cpu = time.perf_counter() - start, _cpu() - cpu
        counts = kb.counts()
    return {
        "read": report.read, "stored": report.stored,
        "skipped": len(report.failed) + getattr(report, "no_text", 0),
        "claims": counts["claims"], "facts": counts["facts"], "films": counts["films"],
        "people": counts["persons"], "seconds": round(elapsed, 1), "cpu_seconds": round(cpu, 1),
        "docs_per_s": round(report.read / elapsed, 1),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def pipe_seconds(corpus: Path, workers: int = 2) -> dict[str, Any]:
    """Seconds bare ``nlp.pipe(texts, n_process=workers)`` takes over the texts of the
    documents ``ingest`` reads from ``corpus`` (the reading not timed)."""
    from backtrace.extract.nlp import pipeline
    from backtrace.ingest import ReadOptions, read_documents
    from backtrace.read.jsonl import JsonlFields

    texts = [d.text for d in read_documents([str(corpus)], ReadOptions(fields=JsonlFields(
        "extract"))) if not isinstance(d, Exception)]
    nlp = pipeline()
    start, cpu = time.perf_counter(), _cpu()
    for _ in nlp.pipe(texts, n_process=workers, batch_size=64):
        pass
    return {"texts": len(texts), "seconds": round(time.perf_counter() - start, 1),
            "cpu_seconds": round(_cpu() - cpu, 1)}


def _vs_pipe(corpus: Path, ingest: dict[str, Any]) -> None:
    out = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--pipe", str(corpus)],
                         env=dict(os.environ, PYTHONPATH=str(ROOT / "src")),
                         capture_output=True, text=True, check=True)
    pipe = json.loads(out.stdout.strip().splitlines()[-1])
    by_cpu = pipe["cpu_seconds"] / max(ingest["cpu_seconds"], 0.1)
    print(f"nlp.pipe(texts, n_process=2): {pipe['texts']} texts in {pipe['seconds']} s "
          f"(CPU {pipe['cpu_seconds']} s); ingest {ingest['seconds']} s (CPU "
          f"{ingest['cpu_seconds']} s): {pipe['seconds'] / ingest['seconds']:.2f}x as fast "
          f"as nlp.pipe (goal 1.5x; by CPU time, {by_cpu:.2f}x)")


def _in_process(src: Path, corpus: Path, db: str, record_fields: bool = True) -> dict[str, Any]:
    """``measure`` in a fresh Python whose ``backtrace`` is the one under ``src``."""
    env = dict(os.environ, PYTHONPATH=str(src))
    out = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--measure", str(corpus), db,
         "1" if record_fields else "0"],
        env=env, capture_output=True, text=True, check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def _print(label: str, m: dict[str, Any]) -> None:
    cpu = f" (CPU {m['cpu_seconds']} s)" if "cpu_seconds" in m else ""
    print(f"{label}: {m['read']} documents in {m['seconds']} s{cpu}: {m['docs_per_s']:,.1f} "
          f"documents/s, peak memory {m['peak_mb']:,} MB; stored {m['stored']}, skipped "
          f"{m['skipped']}; {m['claims']:,} claims, {m['facts']:,} facts, {m['films']:,} "
          f"films, {m['people']:,} people")


def main() -> int:
    if len(sys.argv) == 5 and sys.argv[1] == "--measure":  # the child of --baseline
        print(json.dumps(measure(Path(sys.argv[2]), sys.argv[3], sys.argv[4] == "1")))
        return 0
    if len(sys.argv) == 3 and sys.argv[1] == "--pipe":  # the child of --vs-pipe
        print(json.dumps(pipe_seconds(Path(sys.argv[2]))))
        return 0
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--limit", type=int, default=0, help="only the first N records (0 = all)")
    ap.add_argument("--db", default=None, help="database path (default: a temporary file)")
    ap.add_argument("--baseline", metavar="REV", help="also run the code of this git revision")
    ap.add_argument("--no-record-fields", action="store_true",
                    help="this checkout without reading JSONL fields as facts (as before them)")
    ap.add_argument("--vs-pipe", action="store_true",
                    help="then time bare nlp.pipe(texts, n_process=2) over the same texts")
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
    what = f"first {args.limit}" if args.limit else "all"
    print(f"corpus: wikipedia-movie-data/movies_dev.jsonl ({what} records)")
    if args.baseline:
        tree = Path(tmp.name) / "baseline"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(tree),
                        args.baseline], check=True)
        try:
            base = _in_process(tree / "src", corpus, str(Path(tmp.name) / "baseline.db"))
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)],
                           check=False)
        _print(f"baseline {args.baseline}", base)
        ours = _in_process(ROOT / "src", corpus, db, not args.no_record_fields)
        _print("this checkout", ours)
        print(f"throughput: {ours['docs_per_s'] / base['docs_per_s'] - 1:+.1%} against "
              f"{args.baseline}; claims {ours['claims'] / base['claims'] - 1:+.1%}")
    else:
        ours = measure(corpus, db, not args.no_record_fields)
        _print("this checkout", ours)
    if args.vs_pipe:
        _vs_pipe(corpus, ours)
    limit = f" --limit {args.limit}" if args.limit else ""
    baseline = f" --baseline {args.baseline}" if args.baseline else ""
    fields = " --no-record-fields" if args.no_record_fields else ""
    pipe = " --vs-pipe" if args.vs_pipe else ""
    print(f"reproduce: .venv/bin/python bench/ingest.py{limit}{baseline}{fields}{pipe}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
