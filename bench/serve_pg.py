"""Web pages and questions on PostgreSQL against SQLite: the same corpus, the same run.

    .venv/bin/python bench/serve_pg.py [--data ../shared/data] [--limit N] [--clients 8]
                                       [--requests 600] [--seconds 15] [--films 200]
                                       [--questions 400] [--pages NAME,...]
                                       [--pg-url postgresql://USER@HOST/DB]

Ingests the first ``--limit`` records (default: all, about 26,000 films) of
wikipedia-movie-data's movies_dev.jsonl (text field ``extract``) and the sample corpus into
a SQLite file and into a PostgreSQL database: a throwaway server started for the run
(``tests/pgserver.py``: Debian's ``initdb`` and ``pg_ctl``), or a new database on the server
of ``--pg-url``, dropped at the end. Then, for each store in turn:

- **pages**: ``backtrace serve --cache 0`` (every request rendered from the database) on
  127.0.0.1, a server for each store side by side, each page driven on one and then on the
  other (so that both meet the same machine), by ``--clients`` concurrent keep-alive
  clients with the URLs and the load generator of ``bench/serve.py`` (film pages and their
  JSON, /films by decade, /people by role, /conflicts, search, misspelt search),
  ``--requests`` requests or ``--seconds`` per page, whichever ends first: p50 and p99
  latency and the server's CPU per request (in brackets: on a busy machine, the figure
  that other work inflates least);
- **questions**: ``KnowledgeBase.ask`` in this process, one thread, each question on one
  store and then on the other, over questions made from the sampled films (who directed,
  who starred in, when was it released, the films of its director): p50 and p99 per
  question, this process's CPU per question (PostgreSQL's own server CPU not counted), and
  the share answered.

The films are sampled the same way in both stores (the same films: the stores hold the
same records; the run checks that the titles drawn agree). Prints each store's figures
side by side, the ratio PostgreSQL / SQLite of every p99 (the goal: within 1.5), the load
average, and the command that reproduces the run.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import backtrace

ROOT = Path(__file__).resolve().parents[1]
GOAL = 1.5  # PostgreSQL's p99 within this many times SQLite's
PAGES = ("film page", "film JSON", "films/decade", "people/role", "conflicts", "search",
         "fuzzy search")
QUESTIONS = ("who directed {title}?", "who starred in {title}?",
             "when was {title} released?", "what films did {director} direct?")


def _bench(name: str) -> Any:
    """bench/<name>.py, imported as a module (bench is no package)."""
    spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / "bench" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@dataclass
class Figures:
    """One store's figures: page -> (p50, p99, server CPU ms a request, requests), and the
    questions' latencies (ms) with how many were answered."""

    name: str
    films: int = 0
    build_s: float = 0.0
    pages: dict[str, tuple[float, float, float | None, int]] = field(default_factory=dict)
    ask_ms: list[float] = field(default_factory=list)
    ask_cpu_ms: float = 0.0  # this process's CPU for all the questions
    answered: int = 0


def corpus(source: Path, limit: int, folder: Path) -> Path:
    """The first ``limit`` records of ``source`` (all when 0) as a file in ``folder``."""
    if not limit:
        return source
    path = folder / "corpus.jsonl"
    with source.open("rb") as f, path.open("wb") as out:
        for i, line in enumerate(f):
            if i >= limit:
                break
            out.write(line)
    return path


def build(db: str, records: Path) -> tuple[int, float]:
    """Ingest ``records`` and the sample corpus into ``db``: (films, seconds)."""
    start = time.perf_counter()
    with backtrace.open(db) as kb:
        kb.ingest([records], text_field="extract")
        kb.ingest([ROOT / "examples" / "corpus"])
        return kb.counts()["films"], time.perf_counter() - start


def questions(db: str, film_ids: list[int]) -> list[str]:
    """Questions about the sampled films, in the forms of :data:`QUESTIONS`."""
    asked: list[str] = []
    with backtrace.open(db) as kb:
        for film_id in film_ids:
            record = kb.record_by_id(film_id)
            directors = [str(f.value) for f in record.facts.get("director", [])[:1]]
            for form in QUESTIONS:
                if "{director}" in form and not directors:
                    continue
                asked.append(form.format(title=record.title,
                                         director=directors[0] if directors else ""))
    return asked


def ask_both(dbs: list[str], asked: list[str], runs: list[Figures]) -> None:
    """Each question through ``KnowledgeBase.ask`` on each store in turn (so that both
    see the same machine), timed one by one, after one to warm each up."""
    kbs = [backtrace.open(db) for db in dbs]
    try:
        for kb in kbs:
            if asked:
                kb.ask(asked[0])
        for question in asked:
            for kb, figures in zip(kbs, runs, strict=True):
                t0, c0 = time.perf_counter(), time.process_time()
                found = kb.ask(question)
                figures.ask_ms.append((time.perf_counter() - t0) * 1000)
                figures.ask_cpu_ms += (time.process_time() - c0) * 1000
                figures.answered += bool(found["answers"])
    finally:
        for kb in kbs:
            kb.close()


def sampled(sb: Any, db: str, films: int) -> tuple[list[str], list[int], list[str], list[str]]:
    """The films drawn from ``db`` (titles, ids), search queries and names to misspell."""
    film_ids, queries, names = sb.sample(db, films)
    with backtrace.open(db) as kb:
        titles = [kb.record_by_id(i).title for i in film_ids]
    return titles, film_ids, queries, names


def drive(sb: Any, dbs: list[str], pages: list[str], args: argparse.Namespace,
          runs: list[Figures]) -> list[list[int]]:
    """Both stores' servers started side by side; each page driven on one then the other
    (so that both see the same machine); figures into ``runs``. Returns each store's
    sampled film ids."""
    draws = [sampled(sb, db, args.films) for db in dbs]
    same = "the same films" if draws[0][0] == draws[1][0] else "DIFFERENT films"
    print(f"films drawn: {len(draws[0][0])} in each store, {same}", flush=True)
    procs, ports, urls = [], [], []
    try:
        for db, (_, film_ids, queries, names) in zip(dbs, draws, strict=True):
            ports.append(sb.free_port())
            procs.append(sb.start_server(db, ports[-1], 1, 0))
            urls.append(sb.backtrace_urls(f"http://127.0.0.1:{ports[-1]}", film_ids, queries,
                                          names))
        for page in pages:
            for proc, port, found, figures in zip(procs, ports, urls, runs, strict=True):
                if not found[page]:
                    continue
                r = sb.measure(proc, port, found[page], args.clients, args)
                figures.pages[page] = (r["p50"], r["p99"], r["server_cpu"], r["n"])
                print(f"  {figures.name:<10} {page:<13} p50 {r['p50']:7.1f} ms  p99 "
                      f"{r['p99']:7.1f} ms  {r['n']:>5} requests, {r['errors']} errors",
                      flush=True)
    finally:
        for proc in procs:
            sb.stop_server(proc)
    return [d[1] for d in draws]


def _p(values: list[float], q: float) -> float:
    """The ``q`` quantile of ``values`` by nearest rank."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)] if ordered else float("nan")


def table(runs: list[Figures], pages: list[str]) -> list[str]:
    """The figures side by side, with PostgreSQL's p99 over SQLite's."""
    lite, pg = runs
    lines = [f"{'':<14}{'SQLite p50/p99 (CPU)':>26}{'PostgreSQL p50/p99 (CPU)':>30}"
             f"{'p99 ratio':>11}"]
    for page in pages:
        if page not in lite.pages or page not in pg.pages:
            continue
        a, b = lite.pages[page], pg.pages[page]
        cpu = [f"{x[2]:.1f}" if x[2] is not None else "n/a" for x in (a, b)]
        lines.append(f"{page:<14}{a[0]:>9.1f} /{a[1]:>7.1f} ms ({cpu[0]:>5})"
                     f"{b[0]:>13.1f} /{b[1]:>7.1f} ms ({cpu[1]:>5}){b[1] / a[1]:>10.2f}x")
    if lite.ask_ms and pg.ask_ms:
        a99, b99 = _p(lite.ask_ms, 0.99), _p(pg.ask_ms, 0.99)
        cpu = [f"{f.ask_cpu_ms / len(f.ask_ms):.1f}" for f in (lite, pg)]
        lines.append(f"{'ask':<14}{statistics.median(lite.ask_ms):>9.1f} /{a99:>7.1f} ms "
                     f"({cpu[0]:>5}){statistics.median(pg.ask_ms):>13.1f} /{b99:>7.1f} ms "
                     f"({cpu[1]:>5}){b99 / a99:>10.2f}x")
        lines.append(f"questions: {len(lite.ask_ms)}; answered {lite.answered} (SQLite), "
                     f"{pg.answered} (PostgreSQL)")
    ratios = [pg.pages[p][1] / lite.pages[p][1] for p in pages
              if p in lite.pages and p in pg.pages]
    if lite.ask_ms and pg.ask_ms:
        ratios.append(_p(pg.ask_ms, 0.99) / _p(lite.ask_ms, 0.99))
    if ratios:
        worst = max(ratios)
        lines.append(f"worst p99 ratio {worst:.2f}x: goal within {GOAL}x "
                     f"{'met' if worst <= GOAL else 'MISSED'}")
    return lines


def _postgres(args: argparse.Namespace) -> tuple[Any, Any, str]:
    """(server or None, the databases made on it, the new database's URL): a fresh
    database made and dropped by bench/ingest_dask.py's ``_Databases``."""
    server = None
    url = args.pg_url
    if url is None:
        sys.path.insert(0, str(ROOT / "tests"))
        from pgserver import Server, bin_dir

        binaries = bin_dir()
        if binaries is None:
            raise SystemExit("bench/serve_pg.py: PostgreSQL is not installed (or give --pg-url)")
        server = Server(binaries).start()
        url = server.url()
    databases = _bench("ingest_dask")._Databases(url)
    return server, databases, databases.new("serve")


def run(args: argparse.Namespace, source: Path, pages: list[str]) -> list[Figures]:
    """Both stores built, served and asked; their figures."""
    sb = _bench("serve")
    runs = [Figures("SQLite"), Figures("PostgreSQL")]
    with tempfile.TemporaryDirectory() as tmp:
        records = corpus(source, args.limit, Path(tmp))
        server, databases, pg_url = _postgres(args)
        try:
            dbs = [str(Path(tmp) / "films.db"), pg_url]
            for figures, db in zip(runs, dbs, strict=True):
                figures.films, figures.build_s = build(db, records)
                print(f"{figures.name}: {figures.films:,} films, built in "
                      f"{figures.build_s:.0f} s", flush=True)
            film_ids = drive(sb, dbs, pages, args, runs)
            ask_both(dbs, questions(dbs[0], film_ids[0][: args.questions // len(QUESTIONS)]),
                     runs)
        finally:
            databases.close()
            if server is not None:
                server.stop()
    return runs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--limit", type=int, default=0, help="the first N records (default all)")
    ap.add_argument("--clients", type=int, default=8, help="concurrent clients (default 8)")
    ap.add_argument("--requests", type=int, default=600, help="requests per page")
    ap.add_argument("--seconds", type=float, default=15.0, help="time limit per page")
    ap.add_argument("--films", type=int, default=200, help="films to sample")
    ap.add_argument("--questions", type=int, default=400, help="questions to ask (about)")
    ap.add_argument("--pages", default=",".join(PAGES), help="pages, comma separated")
    ap.add_argument("--pg-url", default=None,
                    help="a PostgreSQL server to use (default: a throwaway one)")
    ap.add_argument("--json", action="store_true", help="also print the figures as JSON")
    args = ap.parse_args()
    args.client, args.warm_all = "raw", False  # what bench/serve.py's measure() reads
    pages = [p.strip().replace("-", " ") for p in args.pages.split(",") if p.strip()]
    if unknown := [p for p in pages if p not in PAGES]:
        ap.error(f"no page {', '.join(unknown)}; the pages: {', '.join(PAGES)}")
    source = Path(args.data) / "wikipedia-movie-data" / "movies_dev.jsonl"
    if not source.exists():
        print(f"skipped: {source.name} not found under --data", file=sys.stderr)
        return 0
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    runs = run(args, source, pages)
    print("\n".join(table(runs, pages)))
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if args.json:
        print(json.dumps([{"store": f.name, "films": f.films, "pages": f.pages,
                           "ask_p50": statistics.median(f.ask_ms) if f.ask_ms else None,
                           "ask_p99": _p(f.ask_ms, 0.99), "answered": f.answered}
                          for f in runs]))
    limit = f" --limit {args.limit}" if args.limit else ""
    print(f"reproduce: .venv/bin/python bench/serve_pg.py{limit} --clients {args.clients} "
          f"--requests {args.requests} --films {args.films} --questions {args.questions}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
