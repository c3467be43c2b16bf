"""Web serving latency and throughput: film page, its JSON twin, search.

    .venv/bin/python bench/serve.py [--db PATH] [--data ../shared/data] [--workers 1]
                                    [--requests 1500] [--seconds 20]

Builds (or reuses, with --db) a store of the wikipedia-movie-data ``extract`` texts plus the
sample corpus (>= 10,000 films; about two minutes to ingest), starts ``backtrace serve`` on
127.0.0.1 and a free port in a subprocess, and drives it from this process with httpx
async clients on loopback only, 1 and 8 at a time. Each run is bounded by a request count
and a time limit. Film pages and searches cycle through a sample of different films.
Prints p50/p99 latency and requests per second for each, and the command that reproduces it.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import random
import shlex
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

import httpx

import backtrace

ROOT = Path(__file__).resolve().parents[1]
MIN_FILMS = 10_000


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build(db: Path, source: Path) -> None:
    with backtrace.open(db) as kb:
        if kb.counts()["films"] >= MIN_FILMS:
            print(f"reusing {db}: {kb.counts()['films']} films")
            return
        print(f"building {db} from {source} (about two minutes) ...", flush=True)
        start = time.perf_counter()
        kb.ingest([source], text_field="extract")
        kb.ingest([ROOT / "examples" / "corpus"])
        print(f"built in {time.perf_counter() - start:.0f} s: {kb.counts()}")


def sample(db: Path, n: int) -> tuple[list[int], list[str]]:
    """Film ids with the most facts (pages worth looking at), and search queries made
    from their titles (a prefix of the first long word, or the whole title)."""
    with backtrace.open(db) as kb:
        films = [f for f in kb.films() if f["facts"] >= 10]
    rng = random.Random(7)
    chosen = rng.sample(films, min(n, len(films)))
    queries = []
    for i, film in enumerate(chosen):
        words = [w for w in film["title"].split() if len(w) > 3] or [film["title"]]
        queries.append(words[0][:5] if i % 2 else film["title"])
    return [f["id"] for f in chosen], queries


def start_server(db: Path, port: int, workers: int, cache: int) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "backtrace.cli", "serve", "--db", str(db)]
    cmd += ["--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)]
    cmd += ["--cache", str(cache)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited with {proc.returncode}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/index.json", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    stop_server(proc)
    raise SystemExit("server did not start in 120 s")


def stop_server(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


async def load(base: str, urls: list[str], clients: int, count: int, seconds: float) -> dict:
    """``count`` GETs (at most ``seconds``) from ``clients`` concurrent clients."""
    cycle = itertools.cycle(urls)
    latencies: list[float] = []
    errors = 0
    deadline = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async def one_client(client: httpx.AsyncClient) -> None:
        nonlocal errors
        while len(latencies) + errors < count and time.perf_counter() < deadline:
            url = next(cycle)
            t0 = time.perf_counter()
            response = await client.get(url)
            elapsed = time.perf_counter() - t0
            if response.status_code == 200:
                latencies.append(elapsed)
            else:
                errors += 1

    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:
        for url in urls[: min(len(urls), 20)]:  # warm up
            await client.get(url)
        start = time.perf_counter()
        await asyncio.gather(*(one_client(client) for _ in range(clients)))
        wall = time.perf_counter() - start
    latencies.sort()
    return {
        "n": len(latencies),
        "errors": errors,
        "p50": statistics.median(latencies) * 1000 if latencies else float("nan"),
        "p99": latencies[int(0.99 * (len(latencies) - 1))] * 1000 if latencies else float("nan"),
        "rps": len(latencies) / wall if wall else 0.0,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--db", default=None, help="database to reuse or build (default: temporary)")
    ap.add_argument("--workers", type=int, default=1, help="server processes (default 1)")
    ap.add_argument("--requests", type=int, default=1500, help="requests per run")
    ap.add_argument("--seconds", type=float, default=20.0, help="time limit per run")
    ap.add_argument("--films", type=int, default=300, help="distinct films to cycle through")
    ap.add_argument("--cache", type=int, default=512, help="server's page cache (0: none)")
    args = ap.parse_args()

    source = Path(args.data) / "wikipedia-movie-data" / "movies_dev.jsonl"
    if not args.db and not source.exists():
        print(f"skipped: {source} not found", file=sys.stderr)
        return 0
    tmp = tempfile.TemporaryDirectory()
    db = Path(args.db) if args.db else Path(tmp.name) / "serve-bench.db"
    if not db.exists() and not source.exists():
        print(f"skipped: {source} not found and {db} does not exist", file=sys.stderr)
        return 0
    build(db, source)
    film_ids, queries = sample(db, args.films)
    port = free_port()
    proc = start_server(db, port, args.workers, args.cache)
    base = f"http://127.0.0.1:{port}"
    scenarios = {
        "film page": [f"/film/{i}" for i in film_ids],
        "film JSON": [f"/film/{i}.json" for i in film_ids],
        "search": ["/search?" + urlencode({"q": q}) for q in queries],
    }
    results = []
    try:
        for name, urls in scenarios.items():
            for clients in (1, 8):
                r = asyncio.run(load(base, urls, clients, args.requests, args.seconds))
                results.append((name, clients, r))
                print(
                    f"{name:<10} clients={clients}  n={r['n']:>5}  errors={r['errors']}  "
                    f"p50={r['p50']:6.1f} ms  p99={r['p99']:6.1f} ms  {r['rps']:7.1f} req/s",
                    flush=True,
                )
    finally:
        stop_server(proc)
    print(
        f"server: {args.workers} worker(s), page cache {args.cache}, "
        f"cpus: {os.cpu_count()}, films sampled: {len(film_ids)}"
    )
    argv = ["bench/serve.py", *sys.argv[1:]]
    print("reproduce: .venv/bin/python " + shlex.join(argv))
    return 0


if __name__ == "__main__":
    sys.exit(main())
