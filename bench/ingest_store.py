"""The ingest store step alone: extraction results to commit, on wikipedia-movie-data.

    .venv/bin/python bench/ingest_store.py [--data ../shared/data] [--limit 3000]
    .venv/bin/python bench/ingest_store.py --baseline REV   # and a git revision, side by side
    .venv/bin/python bench/ingest_store.py --repeat 3       # best of 3 runs of each (CPU)
    .venv/bin/python bench/ingest_store.py --dump DIR       # keep the stores written

The first ``--limit`` records (``extract`` as the text) are read and extracted once, in
this process, and the results kept in a pickle (``--cache``, reused on later runs of the
same limit). Each run then loads them in a fresh process whose ``backtrace`` is this
checkout's (or, with ``--baseline``, first the code of REV in a temporary git worktree)
and times only the write path, chunk by chunk as ``ingest`` does (``_write_chunk``, then
``link_unlinked`` and ``relink_people``): seconds, statements issued (SQLAlchemy's
``before_cursor_execute`` events, an executemany counting once) and the main process's
resident memory (its growth per 1,000 documents while writing, and its peak); statements
sent straight to SQLite's driver (``backtrace.store.sql.DRIVER``) are added to the count. The
stores both runs wrote are compared table by table (every column but ``ingested_at``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import pickle
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TABLES = ("documents", "entities", "aliases", "alias_spans", "spans", "claims", "facts",
          "fact_claims", "reviews", "review_spans", "review_aspects", "pending_people",
          "store_meta")


def _rss_kb() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * (os.sysconf("SC_PAGE_SIZE") // 1024)


def extract_corpus(source: Path, limit: int, cache: Path) -> None:
    """Read and extract the first ``limit`` records of ``source`` into ``cache``."""
    from backtrace.extract.parallel import extract_all
    from backtrace.ingest import ReadOptions, read_documents
    from backtrace.read.jsonl import JsonlFields

    head = cache.with_suffix(".jsonl")
    with source.open("rb") as src, head.open("wb") as out:
        for i, line in enumerate(src):
            if i >= limit:
                break
            out.write(line)
    docs = [d for d in read_documents([str(head)], ReadOptions(fields=JsonlFields("extract")))
            if not isinstance(d, Exception)]
    pairs = [(d, ex) for d, ex in extract_all(iter(docs), None) if not isinstance(ex, str)]
    head.unlink()
    with cache.open("wb") as f:
        pickle.dump(pairs, f, protocol=pickle.HIGHEST_PROTOCOL)


def _driver_tally() -> Any:
    """``backtrace.store.sql.DRIVER`` (statements sent to SQLite's driver directly), or
    None in a revision without it."""
    try:
        from backtrace.store import sql
    except ImportError:
        return None
    return getattr(sql, "DRIVER", None)


def measure(cache: Path, db: str) -> dict[str, Any]:
    """Write the extractions in ``cache`` to a new store ``db`` with whatever
    ``backtrace`` imports here; the figures of the write path alone."""
    from sqlalchemy import event

    from backtrace import ingest as ing
    from backtrace.resolve import Resolver
    from backtrace.store import Store

    with cache.open("rb") as f:
        pairs = list({d.id: (d, ex) for d, ex in reversed(pickle.load(f))}.values())[::-1]
    store = Store(db)
    statements = [0]

    @event.listens_for(store.engine, "before_cursor_execute")
    def count(*_: Any) -> None:
        statements[0] += 1

    driver = _driver_tally()  # statements sent straight to the driver, which events miss
    driver0 = driver.statements if driver else 0

    with tempfile.TemporaryDirectory() as tmp:  # what the write path loads, loaded first
        warm = Store(str(Path(tmp) / "warm.db"))
        ing.link_unlinked(warm, ing.IngestReport())
        ing.relink_people(warm)
        warm.close()
    report = ing.IngestReport()
    session = ing._Session(Resolver(None))  # type: ignore[arg-type]
    rss0, rss_peak = _rss_kb(), 0
    start, cpu = time.perf_counter(), time.process_time()
    for i in range(0, len(pairs), ing.CHUNK):
        ing._write_chunk(store, pairs[i : i + ing.CHUNK], report, session)
        rss_peak = max(rss_peak, _rss_kb())
    chunks = time.perf_counter() - start
    ing.link_unlinked(store, report)
    ing.relink_people(store)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    statements[0] += (driver.statements - driver0) if driver else 0
    rss1 = _rss_kb()
    store.close()
    n = max(1, len(pairs))
    return {
        "documents": len(pairs), "stored": report.stored, "failed": len(report.failed),
        "claims": report.claims, "seconds": round(elapsed, 2), "chunk_seconds": round(chunks, 2),
        "cpu_seconds": round(cpu, 2),
        "failures": [f"{Path(p).name}: {r}" for p, r in report.failed],
        "statements": statements[0],
        "growth_kb_per_1000": round((rss1 - rss0) * 1000 / n),
        "peak_mb": round(max(rss_peak, rss1,
                             resource.getrusage(resource.RUSAGE_SELF).ru_maxrss) / 1024),
    }


def _in_process(label: str, src: Path, cache: Path, db: str, repeat: int = 1) -> dict[str, Any]:
    """``measure`` in fresh Pythons whose ``backtrace`` is the one under ``src``, ``repeat``
    times into a new store each time: the run of least CPU time (on a shared machine the
    others are slowed by what else runs)."""
    env = dict(os.environ, PYTHONPATH=str(src))
    runs = []
    for _ in range(repeat):
        Path(db).unlink(missing_ok=True)
        out = subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), "--measure", str(cache), db],
            env=env, capture_output=True, text=True, check=False,
        )
        if out.returncode:
            last = (out.stderr.strip().splitlines() or ["no output"])[-1]
            sys.exit(f"the run of {label} failed: {last}")
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    return min(runs, key=lambda m: m["cpu_seconds"])


def table_digests(db: str) -> dict[str, tuple[int, str]]:
    """Each table's (row count, digest of its rows sorted), ``ingested_at`` left out."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    out = {}
    for table in TABLES:
        cols = [r[1] for r in con.execute(f"PRAGMA table_info({table})")
                if r[1] != "ingested_at"]
        if not cols:
            continue
        rows = sorted(repr(r) for r in con.execute(f"SELECT {', '.join(cols)} FROM {table}"))
        out[table] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest()[:16])
    con.close()
    return out


def _print(label: str, m: dict[str, Any]) -> None:
    per = m["seconds"] / max(1, m["documents"]) * 1000
    print(f"{label}: {m['documents']} documents written in {m['seconds']} s ({per:.2f} s "
          f"per 1,000; chunks {m['chunk_seconds']} s; CPU {m['cpu_seconds']} s), "
          f"{m['statements']:,} statements, "
          f"memory +{m['growth_kb_per_1000']:,} KB per 1,000 documents, peak "
          f"{m['peak_mb']:,} MB; stored {m['stored']}, failed {m['failed']}, "
          f"{m['claims']:,} claims")


def _compare(a: str, b: str) -> None:
    da, db_ = table_digests(a), table_digests(b)
    differ = [t for t in da if da[t] != db_.get(t)]
    rows = ", ".join(f"{t} {da[t][0]:,}" for t in da)
    print(f"stores: {'identical' if not differ else 'DIFFER in ' + ', '.join(differ)} "
          f"({rows})")


def main() -> int:
    if len(sys.argv) == 4 and sys.argv[1] == "--measure":  # the child of a run
        print(json.dumps(measure(Path(sys.argv[2]), sys.argv[3])))
        return 0
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--limit", type=int, default=3000, help="the first N records")
    ap.add_argument("--baseline", metavar="REV", help="also run the code of this git revision")
    ap.add_argument("--cache", default=None, help="pickle of the extractions (default: "
                    "<tmp>/backtrace-bench-store-<limit>.pickle, reused)")
    ap.add_argument("--dump", default=None, help="folder to keep the stores written in")
    ap.add_argument("--repeat", type=int, default=1, help="runs of each; the least CPU kept")
    args = ap.parse_args()

    source = Path(args.data) / "wikipedia-movie-data" / "movies_dev.jsonl"
    if not source.exists():
        print(f"skipped: {source} not found", file=sys.stderr)
        return 0
    cache = Path(args.cache or Path(tempfile.gettempdir())
                 / f"backtrace-bench-store-{args.limit}.pickle")
    if not cache.exists():
        print(f"extracting the first {args.limit} records once (kept in {cache.name})")
        extract_corpus(source, args.limit, cache)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.dump or tmp)
        folder.mkdir(parents=True, exist_ok=True)
        print(f"corpus: wikipedia-movie-data/movies_dev.jsonl (first {args.limit} records)")
        ours_db = str(folder / "ours.db")
        if args.baseline:
            tree = Path(tmp) / "baseline"
            subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q",
                            str(tree), args.baseline], check=True)
            try:
                base = _in_process(args.baseline, tree / "src", cache,
                                   str(folder / "baseline.db"), args.repeat)
            finally:
                subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force",
                                str(tree)], check=False)
            _print(f"baseline {args.baseline}", base)
        ours = _in_process("this checkout", ROOT / "src", cache, ours_db, args.repeat)
        _print("this checkout", ours)
        if args.baseline:
            print(f"store step: {base['seconds'] / ours['seconds']:.2f}x as fast as "
                  f"{args.baseline} (CPU: {base['cpu_seconds'] / ours['cpu_seconds']:.2f}x), "
                  f"statements {ours['statements'] / base['statements']:.2f}x")
            _compare(str(folder / "baseline.db"), ours_db)
    baseline = f" --baseline {args.baseline}" if args.baseline else ""
    repeat = f" --repeat {args.repeat}" if args.repeat > 1 else ""
    print(f"reproduce: .venv/bin/python bench/ingest_store.py --limit {args.limit}{baseline}"
          f"{repeat}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
