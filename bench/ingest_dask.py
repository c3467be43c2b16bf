"""``ingest --dask`` against the plain process-pool ingest, side by side in one run.

    .venv/bin/python bench/ingest_dask.py [--data ../shared/data] [--limit N]
    .venv/bin/python bench/ingest_dask.py --workers 1,2           # per-worker throughput
    .venv/bin/python bench/ingest_dask.py --pg                     # also on a throwaway PostgreSQL
    .venv/bin/python bench/ingest_dask.py --db postgresql://USER@HOST/DB   # ... or on a server
    .venv/bin/python bench/ingest_dask.py --pg --modes direct      # only these Dask runs

The same first N records of wikipedia-movie-data's dev corpus (``extract`` as the text) are
ingested into fresh stores: by the plain ingest (extraction on a process pool of 2) and by
``ingest --dask`` on a local cluster of 1 or 2 worker processes of one thread each; on
SQLite, and on PostgreSQL with ``--pg`` (a server started for the run from
tests/pgserver.py) or ``--db URL`` (a new database made on that server for each run and
dropped after: the URL's user needs CREATEDB). On PostgreSQL ``ingest --dask`` runs both
ways: its workers sending their results back to the one writer ("send"), and writing their
documents and claims to the server themselves, linked by the client after ("direct",
``ingest.direct``). Each run is a fresh Python process. Prints
documents/s, documents/s per extracting process, the writing process's time a document
stored outside waiting for results (wall, and CPU) and the SQL statements it sent a
document, peak memory (max RSS) of the writing process and of the extracting processes,
and whether the store equals the plain ingest's on SQLite (and on PostgreSQL): the films
list, each film's record, the conflicts and the counts, compared by digest.
"""

from __future__ import annotations

import argparse
import hashlib
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
MODES = ("sqlite", "send", "direct")  # the Dask runs: on SQLite; on PostgreSQL both ways


def _digest(kb: Any) -> dict[str, str]:
    """The films list, every film's record (show --json), the conflicts and the store's
    counts, each hashed (ids included). Films are taken by id: the list orders them by
    title and year, and PostgreSQL may give two films of one title and year either way."""
    films = sorted(kb.films(), key=lambda f: f["id"])
    parts = {"films": films, "records": [kb.film_by_id(f["id"]) for f in films],
             "conflicts": kb.conflicts(), "counts": kb.counts()}
    return {name: hashlib.sha256(json.dumps(said, sort_keys=True, default=str).encode())
            .hexdigest()[:16] for name, said in parts.items()}


def _worker_peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class _Timed:
    """An ingest source whose time in ``next`` (reading, extracting, waiting for the
    workers) is counted: the rest of an ingest's time is the writer's."""

    def __init__(self, source: Any) -> None:
        self.source, self.waited = source, 0.0

    def __call__(self, new: Any, paths: list[str], options: Any) -> Any:
        stream = iter(self.source(new, paths, options))
        while True:
            began = time.perf_counter()
            try:
                pair = next(stream)
            except StopIteration:
                self.waited += time.perf_counter() - began
                return
            self.waited += time.perf_counter() - began
            yield pair


def _busy(stream: list[dict[str, Any]]) -> float:
    """Seconds the workers spent computing the tasks of a task stream."""
    return sum(s["stop"] - s["start"] for task in stream for s in task.get("startstops", ())
               if s.get("action") == "compute")


class _Meter:
    """The writing process's CPU time and the SQL statements it sent (each a round trip
    to a server) between ``start`` and ``stop``: figures a machine shared with other jobs
    moves less than wall time. On a local cluster the CPU time includes the scheduler's
    (it runs in this process)."""

    def __init__(self, engine: Any) -> None:
        from sqlalchemy import event

        self.sent, self.cpu, self._sent0, self._cpu0 = 0, 0.0, 0, 0.0
        self._counted = 0
        event.listen(engine, "before_cursor_execute", self._count)

    def _count(self, *args: Any) -> None:
        self._counted += 1

    def _now(self) -> tuple[int, float]:
        from backtrace.store.sql import DRIVER  # SQLite's statements sent to its driver

        usage = resource.getrusage(resource.RUSAGE_SELF)
        return self._counted + DRIVER.statements, usage.ru_utime + usage.ru_stime

    def start(self) -> None:
        self._sent0, self._cpu0 = self._now()

    def stop(self) -> None:
        sent, cpu = self._now()
        self.sent, self.cpu = sent - self._sent0, cpu - self._cpu0


def _run(kb: Any, corpus: Path, mode: str, workers: int, meter: _Meter
         ) -> tuple[Any, float, float, float, float | None]:
    """(report, seconds, seconds the writer was busy, peak MB of an extracting process,
    seconds the Dask workers were busy reading and extracting)."""
    from backtrace.extract.parallel import extract_all
    from backtrace.ingest import ReadOptions, ingest
    from backtrace.read import JsonlFields

    options = ReadOptions(fields=JsonlFields(text="extract"))
    if mode == "pool":
        timed = _Timed(lambda new, paths, o: extract_all(new.read(paths, o), workers))
        meter.start()
        start = time.perf_counter()
        report = ingest(kb.store, [str(corpus)], options, source=timed)
        elapsed = time.perf_counter() - start
        meter.stop()
        return (report, elapsed, elapsed - timed.waited,
                resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, None)
    from distributed import Client, get_task_stream

    from backtrace.ingest.cluster import dask_source, local_cluster
    from backtrace.ingest.direct import direct_source, ingest_direct
    from backtrace.ingest.facts_stage import facts_on_cluster

    with local_cluster(workers) as cluster, Client(cluster) as client:
        direct = mode == "direct"
        timed = _Timed(direct_source(client, kb.store.url) if direct else dask_source(client))
        with get_task_stream(client) as stream:
            meter.start()
            start = time.perf_counter()  # the cluster is up: as a real one would be
            report = (ingest_direct(kb.store, [str(corpus)], options, timed,
                                    reconcile=facts_on_cluster(client, kb.store)) if direct
                      else ingest(kb.store, [str(corpus)], options, source=timed))
            elapsed = time.perf_counter() - start
            meter.stop()
        return (report, elapsed, elapsed - timed.waited,
                max(client.run(_worker_peak_mb).values()), _busy(stream.data))


def measure(mode: str, corpus: Path, db: str, workers: int) -> dict[str, Any]:
    """One ingest of ``corpus`` into ``db``: ``pool`` (the plain ingest's process pool of
    ``workers``), ``dask`` (a local cluster of ``workers`` processes sending their results
    back to the one writer) or ``direct`` (its workers writing to PostgreSQL themselves,
    this process linking after: ``ingest.direct``)."""
    import backtrace

    with backtrace.open(db) as kb:
        meter = _Meter(kb.store.engine)
        report, elapsed, writing, extractors, busy = _run(kb, corpus, mode, workers, meter)
        counts, digest, size = kb.counts(), _digest(kb), _size_mb(kb, db)
    return {
        "read": report.read, "stored": report.stored, "failed": len(report.failed),
        "claims": counts["claims"], "facts": counts["facts"], "films": counts["films"],
        "seconds": round(elapsed, 1), "docs_per_s": round(report.read / elapsed, 1),
        "writer_ms": round(1000 * writing / max(report.stored, 1), 1),
        "writer_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "writer_cpu_ms": round(1000 * meter.cpu / max(report.stored, 1), 1),
        "statements": round(meter.sent / max(report.stored, 1), 2),
        "extractor_mb": round(extractors), "digest": digest, "store_mb": size,
        "extract_ms": round(1000 * busy / max(report.read, 1), 1) if busy else None,
    }


def _size_mb(kb: Any, db: str) -> float:
    """The store's size on disk: the SQLite file (and its WAL), or the database's."""
    if "://" not in db:
        return round(sum(p.stat().st_size for p in Path(db).parent.glob(Path(db).name + "*"))
                     / 1e6, 1)
    from sqlalchemy import text

    with kb.store.read() as conn:
        size = conn.execute(text("SELECT pg_database_size(current_database())")).scalar()
    return round(size / 1e6, 1)


def _child(mode: str, corpus: Path, db: str, workers: int) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--measure", mode, str(corpus), db,
         str(workers)],
        env=dict(os.environ, PYTHONPATH=str(ROOT / "src")), capture_output=True, text=True,
    )
    if out.returncode:
        raise SystemExit(f"bench/ingest_dask.py: the {mode} run failed: "
                         f"{(out.stderr.strip().splitlines() or ['?'])[-1]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


class _Databases:
    """Fresh PostgreSQL databases on the server of ``url`` (dropped by ``close``)."""

    def __init__(self, url: str) -> None:
        self.url, self.made = url, []

    def new(self, label: str) -> str:
        import psycopg

        name = f"backtrace_bench_{os.getpid()}_{label}"
        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        self.made.append(name)
        return self.url.rsplit("/", 1)[0] + "/" + name

    def close(self) -> None:
        import psycopg

        with psycopg.connect(self.url, autocommit=True) as conn:
            for name in self.made:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _same(m: dict[str, Any], reference: dict[str, str]) -> str:
    differ = [name for name, digest in reference.items() if m["digest"][name] != digest]
    return "same" if not differ else "DIFFERENT " + "+".join(differ)


def _print(label: str, m: dict[str, Any], workers: int, references: list[dict]) -> None:
    same = f"as sqlite pool: {_same(m, references[0])}"
    if len(references) > 1:
        same += f"; as postgresql pool: {_same(m, references[1])}"
    print(f"{label:<31} {m['read']:>6} docs {m['seconds']:>7.1f} s {m['docs_per_s']:>7.1f} "
          f"docs/s {m['docs_per_s'] / workers:>6.1f} /worker  writer {m['writer_ms']:>5.1f} ms/doc "
          f"(cpu {m['writer_cpu_ms']:>5.1f} ms/doc, {m['statements']:>5.2f} SQL/doc) "
          f"{m['writer_mb']:>4} MB  extractor {m['extractor_mb']:>4} MB"
          + (f" {m['extract_ms']:>5.1f} ms/doc" if m["extract_ms"] else " " * 12)
          + f"  store {m['store_mb']:>5.1f} MB  {m['claims']:,} claims {m['facts']:,} facts "
          f"{m['films']:,} films  {same}", flush=True)


def _corpus(source: Path, limit: int, folder: Path) -> Path:
    corpus = folder / "movies_head.jsonl"
    with source.open("rb") as src, corpus.open("wb") as out:
        for i, line in enumerate(src):
            if limit and i >= limit:
                break
            out.write(line)
    return corpus


def _runs(args: argparse.Namespace, workers: list[int]) -> list[tuple[str, str, int]]:
    """(label, mode, workers) of every run, the plain SQLite one first (the reference)."""
    modes = set(args.modes.split(","))
    runs = [("sqlite pool (2 processes)", "pool", 2)]
    runs += [(f"sqlite dask ({n} worker{'s' * (n > 1)})", "dask", n) for n in workers
             if "sqlite" in modes]
    if args.db or args.pg:
        runs.append(("postgresql pool (2 proc.)", "pool", 2))
        for n in workers:
            runs += [(f"postgresql dask {mode} ({n} w.)", "dask" if mode == "send" else mode, n)
                     for mode in ("send", "direct") if mode in modes]
    return runs


def main() -> int:
    if len(sys.argv) == 6 and sys.argv[1] == "--measure":
        print(json.dumps(measure(sys.argv[2], Path(sys.argv[3]), sys.argv[4], int(sys.argv[5]))))
        return 0
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--limit", type=int, default=3000, help="the first N records (0 = all)")
    ap.add_argument("--workers", default="2", help="Dask worker counts to run, e.g. 1,2")
    ap.add_argument("--db", default=None, help="a PostgreSQL URL: also run there")
    ap.add_argument("--pg", action="store_true", help="also run on a throwaway PostgreSQL")
    ap.add_argument("--modes", default=",".join(MODES),
                    help="the Dask runs besides the plain ones: sqlite, send, direct")
    args = ap.parse_args()
    source = Path(args.data) / "wikipedia-movie-data" / "movies_dev.jsonl"
    if not source.exists():
        print(f"skipped: {source} not found", file=sys.stderr)
        return 0
    workers = [int(n) for n in args.workers.split(",")]
    tmp = tempfile.TemporaryDirectory()
    corpus = _corpus(source, args.limit, Path(tmp.name))
    what = f"first {args.limit}" if args.limit else "all"
    print(f"corpus: wikipedia-movie-data/movies_dev.jsonl ({what} records); "
          f"{os.cpu_count()} cores")
    server, databases = None, None
    if args.pg:
        sys.path.insert(0, str(ROOT / "tests"))
        from pgserver import Server, bin_dir

        binaries = bin_dir()
        if binaries is None:
            raise SystemExit("bench/ingest_dask.py: --pg: PostgreSQL is not installed")
        server = Server(binaries).start()
    if args.db or server:
        databases = _Databases(args.db or server.url())
    references: list[dict[str, str]] = []  # the plain pool's stores: SQLite, PostgreSQL
    try:
        for i, (label, mode, n) in enumerate(_runs(args, workers)):
            pg = label.startswith("postgresql")
            db = (databases.new(f"{mode}{n}") if pg and databases
                  else str(Path(tmp.name) / f"{mode}{n}_{i}.db"))
            m = _child(mode, corpus, db, n)
            if mode == "pool":
                references.append(m["digest"])
            _print(label, m, n, references)
    finally:
        if databases:
            databases.close()
        if server:
            server.stop()
    pg = " --pg" if args.pg else (" --db postgresql://..." if args.db else "")
    modes = "" if set(args.modes.split(",")) == set(MODES) else f" --modes {args.modes}"
    print(f"reproduce: .venv/bin/python bench/ingest_dask.py --limit {args.limit} "
          f"--workers {args.workers}{pg}{modes}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
