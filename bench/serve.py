"""Web serving latency and throughput: film page, its JSON twin, search.

    .venv/bin/python bench/serve.py [--db PATH] [--data ../shared/data] [--workers 1]
                                    [--cache 512] [--requests 1500] [--seconds 20]
                                    [--client raw|httpx]

Builds a store of the wikipedia-movie-data ``extract`` texts plus the sample corpus
(>= 10,000 films; about two minutes to ingest) at --db, or by default at a file in the
temporary folder named after the source's size and time, and reuses it on later runs.
Starts ``backtrace serve`` on 127.0.0.1 and a free port in a subprocess, and drives it from
this process on loopback only, 1 and 8 clients at a time, each with its own keep-alive
connection. Each run is bounded by a request count and a time limit, and starts with an
empty page cache (the server is restarted), so the first request for each page is rendered
from the database. Film pages and searches cycle through a sample of different films.

The default client (``raw``) speaks HTTP/1.1 over asyncio streams: it checks the status
and reads every body to its Content-Length, and costs a fraction of the CPU httpx does
(``--client httpx`` to compare), which matters when it shares two cores with the server.
Prints p50/p99 latency, requests per second and the CPU time per request of client and
server for each run, the server's configuration, and the command that reproduces it.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import itertools
import os
import random
import resource
import shlex
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
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


def server_cpu(pgid: int) -> float | None:
    """CPU seconds used so far by every process in the server's group (Linux /proc)."""
    total = 0
    try:
        pids = [p for p in os.listdir("/proc") if p.isdigit()]
    except OSError:
        return None
    for pid in pids:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(fields[2]) == pgid:  # field 5, the process group
            total += int(fields[11]) + int(fields[12])  # utime, stime (clock ticks)
    return total / os.sysconf("SC_CLK_TCK")


def client_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


Get = Callable[[str], Awaitable[int]]  # a GET: the URL's path -> the status


class RawConnection:
    """One keep-alive HTTP/1.1 connection: GET, read the head and the whole body."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> int:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        request = f"GET {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n\r\n"
        self.writer.write(request.encode("ascii"))
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        if "content-length" not in headers:
            raise RuntimeError(f"{path}: no Content-Length in the response")
        body = await self.reader.readexactly(int(headers["content-length"]))
        if status == 200 and not body:
            raise RuntimeError(f"{path}: empty body")
        if headers.get("connection", "").lower() == "close":
            await self.close()
        return status

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            await self.writer.wait_closed()
            self.reader = self.writer = None


async def load(
    base: str, urls: list[str], clients: int, count: int, seconds: float, kind: str
) -> dict:
    """``count`` GETs (at most ``seconds``) from ``clients`` concurrent clients, each on
    a connection of its own."""
    cycle = itertools.cycle(urls)
    latencies: list[float] = []
    errors = 0
    issued = 0
    host, port = base.removeprefix("http://").split(":")
    raw = [RawConnection(host, int(port)) for _ in range(clients)]
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    client = httpx.AsyncClient(base_url=base, limits=limits, timeout=30)

    async def via_httpx(url: str) -> int:
        return (await client.get(url)).status_code

    gets: list[Get] = [c.get for c in raw] if kind == "raw" else [via_httpx] * clients

    async def one_client(get: Get) -> None:
        nonlocal errors, issued
        while issued < count and time.perf_counter() < deadline:
            issued += 1
            url = next(cycle)
            t0 = time.perf_counter()
            status = await get(url)
            elapsed = time.perf_counter() - t0
            if status == 200:
                latencies.append(elapsed)
            else:
                errors += 1

    try:
        for url in urls[: min(len(urls), 20)]:  # warm up the connections (and those pages)
            await gets[0](url)
        cpu0 = client_cpu()
        start = time.perf_counter()
        deadline = start + seconds
        await asyncio.wait_for(
            asyncio.gather(*(one_client(get) for get in gets)), timeout=seconds + 30
        )
        wall = time.perf_counter() - start
        cpu = client_cpu() - cpu0
    finally:
        for c in raw:
            await c.close()
        await client.aclose()
    latencies.sort()
    n = len(latencies)
    return {
        "n": n,
        "errors": errors,
        "p50": statistics.median(latencies) * 1000 if latencies else float("nan"),
        "p99": latencies[int(0.99 * (n - 1))] * 1000 if latencies else float("nan"),
        "rps": n / wall if wall else 0.0,
        "client_cpu": cpu * 1000 / max(1, n + errors),
    }


def default_db(source: Path) -> Path:
    """The built store's cache: named after the source's size and time, in the temp folder."""
    try:
        st = source.stat()
        tag = f"{st.st_size:x}-{int(st.st_mtime):x}"
    except OSError:
        tag = "nosource"
    return Path(tempfile.gettempdir()) / f"backtrace-serve-bench-{tag}.db"


def server_stack() -> str:
    """What uvicorn picks in this interpreter: httptools or h11, uvloop or asyncio."""
    http = "httptools" if importlib.util.find_spec("httptools") else "h11"
    loop = "uvloop" if importlib.util.find_spec("uvloop") else "asyncio"
    return f"uvicorn {http}/{loop}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument(
        "--db", default=None, help="database to reuse or build (default: one in the temp folder)"
    )
    ap.add_argument("--workers", type=int, default=1, help="server processes (default 1)")
    ap.add_argument("--requests", type=int, default=1500, help="requests per run")
    ap.add_argument("--seconds", type=float, default=20.0, help="time limit per run")
    ap.add_argument("--films", type=int, default=300, help="distinct films to cycle through")
    ap.add_argument("--cache", type=int, default=512, help="server's page cache (0: none)")
    ap.add_argument("--client", choices=("raw", "httpx"), default="raw", help="load generator")
    args = ap.parse_args()

    source = Path(args.data) / "wikipedia-movie-data" / "movies_dev.jsonl"
    if not args.db and not source.exists():
        print(f"skipped: {source} not found", file=sys.stderr)
        return 0
    db = Path(args.db) if args.db else default_db(source)
    if not db.exists() and not source.exists():
        print(f"skipped: {source} not found and {db} does not exist", file=sys.stderr)
        return 0
    build(db, source)
    film_ids, queries = sample(db, args.films)
    scenarios = {
        "film page": [f"/film/{i}" for i in film_ids],
        "film JSON": [f"/film/{i}.json" for i in film_ids],
        "search": ["/search?" + urlencode({"q": q}) for q in queries],
    }
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    for name, urls in scenarios.items():
        for clients in (1, 8):
            port = free_port()
            proc = start_server(db, port, args.workers, args.cache)
            try:
                cpu0 = server_cpu(proc.pid)
                r = asyncio.run(
                    load(
                        f"http://127.0.0.1:{port}",
                        urls,
                        clients,
                        args.requests,
                        args.seconds,
                        args.client,
                    )
                )
                cpu1 = server_cpu(proc.pid)
            finally:
                stop_server(proc)
            served = max(1, r["n"] + r["errors"])
            server = f"{(cpu1 - cpu0) * 1000 / served:4.2f}" if cpu0 is not None else " n/a"
            print(
                f"{name:<10} clients={clients}  n={r['n']:>5}  errors={r['errors']}  "
                f"p50={r['p50']:6.1f} ms  p99={r['p99']:6.1f} ms  {r['rps']:7.1f} req/s  "
                f"cpu/request: client {r['client_cpu']:4.2f} ms, server {server} ms",
                flush=True,
            )
    print(
        f"server: backtrace serve --workers {args.workers} --cache {args.cache} "
        f"({server_stack()}); client: {args.client}, cpus: {os.cpu_count()}, "
        f"films sampled: {len(film_ids)}, database: {db}"
    )
    argv = ["bench/serve.py", *sys.argv[1:]]
    print("reproduce: .venv/bin/python " + shlex.join(argv))
    return 0


if __name__ == "__main__":
    sys.exit(main())
