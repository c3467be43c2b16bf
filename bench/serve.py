"""Web serving latency and throughput, page by page, with the page cache on and off, side
by side with datasette serving the same SQLite file.

    .venv/bin/python bench/serve.py [--db PATH] [--data ../shared/data] [--workers 1]
                                    [--cache 512,0] [--clients 1,8] [--pages NAME,...]
                                    [--requests 1500] [--seconds 20] [--films 300]
                                    [--datasette auto|off] [--client raw|httpx] [--warm-all]

Builds a store of the wikipedia-movie-data ``extract`` texts plus the sample corpus
(about 26,000 films; three minutes to ingest) at --db, or by default at a file in the
temporary folder named after the source's size and time, and reuses it on later runs.
Starts ``backtrace serve`` on 127.0.0.1 and a free port in a subprocess, and drives it from
this process on loopback only, 1 and 8 clients at a time, each with its own keep-alive
connection. Each run is bounded by a request count and a time limit, and starts a fresh
server, once with the page cache (``--cache 512``: the first request for each page is
rendered from the database, the later ones are hits) and once without (``--cache 0``:
every request is rendered). The first 20 URLs of a run are fetched once before it is
timed; the first requests of the others are timed, rendered while the other clients are
served, and where a page has more than 35 URLs they are over 1% of its 1,500 requests: its
p99 "with the cache" is then that of those renders (``--warm-all`` fetches every URL
first, so that a run with the cache times hits alone). The pages, each cycling through
many URLs:

- ``film page``, ``film JSON``: ``/film/ID`` and ``/film/ID.json`` of --films films;
- ``films/decade``: ``/films?decade=1950``, every decade, also with ``&genre=`` and
  ``&sort=year``; ``films JSON``: the same as ``/films.json``; ``films after``: their
  later keyset pages (``&after=``, followed from each page's ``next`` link);
- ``people/role``: ``/people?role=director`` (every role) and its later pages;
- ``conflicts``: ``/conflicts`` and its later pages;
- ``search``: ``/search?q=`` a film's title or the prefix of one of its words;
- ``fuzzy search``: misspelt titles and directors' names (a letter inside the longest
  word dropped, or two swapped: "Sylvester Stalone"), kept when the full-text index finds
  nothing and the typo-tolerant search finds something.

When datasette is installed (``pip install -e '.[bench]'``), the same run starts
``datasette serve --immutable`` on the same file (it has no page cache) and drives the
pages that compare: the ``entities`` row of each film (HTML and ``.json``), the table
filtered like /films (``?type=film&year__gte=1950&year__lt=1960&_sort=name&_size=50``,
HTML and ``.json``, and its later pages), and its full-text search (``?_search=``, over
the store's FTS5 table, set in datasette's metadata); otherwise it says so and runs
without it. The ratio is backtrace's p99 over datasette's.

The default client (``raw``) speaks HTTP/1.1 over asyncio streams: it checks the status
and reads every body to its Content-Length (or its last chunk), and costs a fraction of
the CPU httpx does (``--client httpx`` to compare), which matters when it shares two
cores with the server. Prints p50/p99 latency, requests per second and the CPU time per
request of client and server for each run, then a table of the figures with the goals
(at 8 clients, p99 under 50 ms with the page cache, under 100 ms without) and the ratios,
the servers' configuration, and the command that reproduces it.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import itertools
import json
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
from collections.abc import Awaitable, Callable, Iterable
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import httpx

import backtrace
from backtrace.store.browse import ROLES

ROOT = Path(__file__).resolve().parents[1]
MIN_FILMS = 10_000
DECADES = tuple(range(1910, 2030, 10))
GENRES = ("drama", "comedy", "western", "romance", "crime", "horror", "musical")
LATER_PAGES = 4  # keyset pages followed from each first page of /films and /people
CONFLICT_PAGES = 30  # pages of /conflicts
FUZZY_NAMES = 200  # names misspelt (those the fuzzy search finds are kept)
GOALS = {True: 50.0, False: 100.0}  # p99 (ms) at 8 clients, with and without the page cache
GOAL_CLIENTS = 8

# backtrace's pages, and the datasette page each compares with
PAGES = ("film page", "film JSON", "films/decade", "films JSON", "films after", "people/role",
         "conflicts", "search", "fuzzy search")
DATASETTE_PAGES = {"film page": "row page", "film JSON": "row JSON",
                   "films/decade": "table filter", "films JSON": "table JSON",
                   "films after": "table next", "search": "table search"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build(db: Path, source: Path, min_films: int = MIN_FILMS) -> None:
    with backtrace.open(db) as kb:
        if kb.counts()["films"] >= min_films:
            print(f"reusing {db}: {kb.counts()['films']} films")
            return
        print(f"building {db} from {source} (about three minutes) ...", flush=True)
        start = time.perf_counter()
        kb.ingest([source], text_field="extract")
        kb.ingest([ROOT / "examples" / "corpus"])
        print(f"built in {time.perf_counter() - start:.0f} s: {kb.counts()}")


def sample(db: Path, n: int) -> tuple[list[int], list[str], list[str]]:
    """Film ids with the most facts (pages worth looking at), search queries made from
    their titles (a prefix of the first long word, or the whole title), and names to
    misspell (their titles and directors)."""
    with backtrace.open(db) as kb:
        films = [f for f in kb.films() if f["facts"] >= 10] or kb.films()
        rng = random.Random(7)
        chosen = rng.sample(films, min(n, len(films)))
        names = []
        for film in chosen:
            names.append(film["title"])
            record = kb.record_by_id(film["id"])
            names += [str(f.value) for f in record.facts.get("director", [])[:1]]
    queries = []
    for i, film in enumerate(chosen):
        words = [w for w in film["title"].split() if len(w) > 3] or [film["title"]]
        queries.append(words[0][:5] if i % 2 else film["title"])
    return [f["id"] for f in chosen], queries, names


def misspell(name: str, i: int) -> str | None:
    """``name`` with a letter of its longest word (of five letters or more) dropped (odd
    ``i``) or swapped with the next (even ``i``), never the word's first or last letter
    (the last is what a prefix search would forgive); None for a name without such a word.
    Deterministic: the position is ``i`` along the word."""
    words = name.split()
    long = [k for k, w in enumerate(words) if len(w) >= 5 and w.isalpha()]
    if not long:
        return None
    k = max(long, key=lambda k: (len(words[k]), -k))
    word = words[k]
    pos = 1 + i % (len(word) - 3)  # 1 .. len - 3: pos + 1 is never the last letter
    if i % 2 or word[pos] == word[pos + 1]:
        word = word[:pos] + word[pos + 1 :]
    else:
        word = word[:pos] + word[pos + 1] + word[pos] + word[pos + 2 :]
    words[k] = word
    return " ".join(words)


def crawl(fetch: Callable[[str], dict[str, Any]], first: Iterable[str], pages: int,
          json_url: Callable[[str], str], next_url: Callable[[dict[str, Any]], str | None]
          ) -> list[str]:  # fmt: skip
    """The URLs of the pages after each of ``first`` (up to ``pages`` of each), following
    the ``next`` link of each page's JSON (``fetch``: a JSON URL -> the payload)."""
    found: list[str] = []
    for url in first:
        link = next_url(fetch(json_url(url)))  # the next links are JSON URLs
        for n in range(pages):
            if not link:
                break
            found.append(link)
            link = next_url(fetch(link)) if n + 1 < pages else None
    return found


def as_json(url: str) -> str:
    """``/films?decade=1950`` -> ``/films.json?decade=1950``."""
    path, sep, query = url.partition("?")
    return f"{path}.json{sep}{query}"


def as_html(url: str) -> str:
    """A JSON URL, absolute or not, as the path and query of its HTML page."""
    parts = urlsplit(url)
    path = parts.path.removesuffix(".json")
    return f"{path}?{parts.query}" if parts.query else path


def backtrace_urls(base: str, film_ids: list[int], queries: list[str], names: list[str]
                   ) -> dict[str, list[str]]:  # fmt: skip
    """Every page's URLs, the later pages and the misspellings found from the server at
    ``base``."""
    client = httpx.Client(base_url=base, timeout=60)

    def fetch(url: str) -> dict[str, Any]:
        response = client.get(url)
        response.raise_for_status()
        return response.json()

    films = []
    for i, decade in enumerate(DECADES):
        films += [f"/films?decade={decade}",
                  f"/films?{urlencode({'decade': decade, 'genre': GENRES[i % len(GENRES)]})}",
                  f"/films?decade={decade}&sort=year"]
    people = ["/people", *(f"/people?role={role}" for role in ROLES)]
    fuzzy = []
    with client:
        later = crawl(fetch, films, LATER_PAGES, as_json, lambda p: p["next"])
        people += crawl(fetch, people, LATER_PAGES, as_json, lambda p: p["next"])
        conflicts = ["/conflicts", *crawl(fetch, ["/conflicts"], CONFLICT_PAGES, as_json,
                                          lambda p: p["next"])]
        for i, name in enumerate(names[:FUZZY_NAMES]):
            query = misspell(name, i)
            if query is None or query.lower() == name.lower():
                continue
            found = fetch("/search.json?" + urlencode({"q": query}))
            if found["fuzzy"] and (found["films"] or found["people"]):
                fuzzy.append("/search?" + urlencode({"q": query}))
    return {
        "film page": [f"/film/{i}" for i in film_ids],
        "film JSON": [f"/film/{i}.json" for i in film_ids],
        "films/decade": films,
        "films JSON": [as_json(u) for u in films],
        "films after": [as_html(u) for u in later],
        "people/role": [as_html(u) for u in people],
        "conflicts": [as_html(u) for u in conflicts],
        "search": ["/search?" + urlencode({"q": q}) for q in queries],
        "fuzzy search": fuzzy,
    }


def tilde_encode(name: str) -> str:
    """A database name as it appears in datasette's URLs (its tilde encoding)."""
    safe = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
    return "".join(c if c in safe else "".join(f"~{b:02X}" for b in c.encode()) for c in name)


def datasette_urls(base: str, db: Path, film_ids: list[int], queries: list[str],
                   wanted: Iterable[str]) -> dict[str, list[str]]:  # fmt: skip
    """The datasette pages that compare with backtrace's (named as in
    :data:`DATASETTE_PAGES`), for those of ``wanted``."""
    table = f"/{tilde_encode(db.stem)}/entities"
    filtered = [f"{table}?" + urlencode({"type": "film", "year__gte": d, "year__lt": d + 10,
                                         "_sort": "name", "_size": 50}) for d in DECADES]
    urls = {
        "row page": [f"{table}/{i}" for i in film_ids],
        "row JSON": [f"{table}/{i}.json" for i in film_ids],
        "table filter": filtered,
        "table JSON": [as_json(u) for u in filtered],
        "table search": [f"{table}?" + urlencode({"_search": q, "_size": 20}) for q in queries],
    }
    if "films after" in wanted:
        with httpx.Client(base_url=base, timeout=60) as client:

            def fetch(url: str) -> dict[str, Any]:
                response = client.get(url)
                response.raise_for_status()
                return response.json()

            later = crawl(fetch, filtered, LATER_PAGES, as_json, lambda p: p.get("next_url"))
        urls["table next"] = [as_html(u) for u in later]
    return urls


def start_server(db: Path, port: int, workers: int, cache: int) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "backtrace.cli", "serve", "--db", str(db)]
    cmd += ["--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)]
    cmd += ["--cache", str(cache)]
    return start(cmd, f"http://127.0.0.1:{port}/index.json", "server", quiet=False)


def datasette_command(db: Path, port: int, metadata: Path) -> list[str]:
    """``datasette serve`` of ``db`` (immutable: opened read-only, as backtrace's server
    opens it) on 127.0.0.1 and ``port``, with ``metadata`` (the FTS table), no browser."""
    return [sys.executable, "-m", "datasette", "serve", "--immutable", str(db),
            "--host", "127.0.0.1", "--port", str(port), "--metadata", str(metadata)]


def datasette_metadata(db: Path, folder: Path) -> Path:
    """datasette's metadata for ``db``: entities searched through the store's FTS5 table
    of films, ``search_films`` (its rowid the entity id; the queries are films' titles),
    as backtrace's search reads it for its films."""
    meta = {"databases": {db.stem: {"tables": {"entities": {
        "fts_table": "search_films", "fts_pk": "id"}}}}}
    path = folder / "datasette-metadata.json"
    path.write_text(json.dumps(meta))
    return path


def start(cmd: list[str], ready: str, what: str, quiet: bool = True) -> subprocess.Popen:
    """Run ``cmd`` in a process group of its own until ``ready`` answers 200 (``quiet``:
    its standard error too is dropped, datasette's log of every request)."""
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL if quiet else None, start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"{what} exited with {proc.returncode}: {shlex.join(cmd)}")
        try:
            if httpx.get(ready, timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    stop_server(proc)
    raise SystemExit(f"{what} did not start in 120 s")


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
    """One keep-alive HTTP/1.1 connection: GET, read the head and the whole body (to its
    Content-Length, or chunk by chunk to the last)."""

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
        if headers.get("transfer-encoding", "").lower() == "chunked":
            body = await self.chunked()
        elif "content-length" in headers:
            body = await self.reader.readexactly(int(headers["content-length"]))
        else:
            raise RuntimeError(f"{path}: no Content-Length in the response")
        if status == 200 and not body:
            raise RuntimeError(f"{path}: empty body")
        if headers.get("connection", "").lower() == "close":
            await self.close()
        return status

    async def chunked(self) -> bytes:
        """A chunked body: each chunk's size in hex, the chunk, to the empty last one."""
        assert self.reader is not None
        body = bytearray()
        while True:
            size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
            if size == 0:
                while await self.reader.readuntil(b"\r\n") != b"\r\n":  # trailers
                    pass
                return bytes(body)
            body += await self.reader.readexactly(size)
            await self.reader.readexactly(2)  # the chunk's CRLF

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            await self.writer.wait_closed()
            self.reader = self.writer = None


async def load(
    base: str, urls: list[str], clients: int, count: int, seconds: float, kind: str,
    warm: int = 20,
) -> dict:
    """``count`` GETs (at most ``seconds``) from ``clients`` concurrent clients, each on
    a connection of its own, after ``warm`` of the URLs are fetched once, one at a time
    (the connections opened; with the page cache, those pages kept)."""
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
        for url in urls[: min(len(urls), warm)]:  # warm up the connections (and those pages)
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


def measure(proc: subprocess.Popen, port: int, urls: list[str], clients: int,
            args: argparse.Namespace) -> dict:  # fmt: skip
    """One run against the server ``proc`` on ``port``, with its CPU per request."""
    cpu0 = server_cpu(proc.pid)
    r = asyncio.run(load(f"http://127.0.0.1:{port}", urls, clients, args.requests,
                         args.seconds, args.client, len(urls) if args.warm_all else 20))
    cpu1 = server_cpu(proc.pid)
    served = max(1, r["n"] + r["errors"])
    measured = cpu0 is not None and cpu1 is not None
    r["server_cpu"] = (cpu1 - cpu0) * 1000 / served if measured else None  # type: ignore[operator]
    return r


def report(name: str, setting: str, clients: int, r: dict) -> None:
    server = f"{r['server_cpu']:4.2f}" if r["server_cpu"] is not None else " n/a"
    print(
        f"{name:<12} {setting:<9} clients={clients}  n={r['n']:>5}  errors={r['errors']}  "
        f"p50={r['p50']:6.1f} ms  p99={r['p99']:6.1f} ms  {r['rps']:7.1f} req/s  "
        f"cpu/request: client {r['client_cpu']:4.2f} ms, server {server} ms",
        flush=True,
    )


Results = dict[tuple[str, int, int], dict]  # (page, cache size or -1 for datasette, clients)


def summary(results: Results, pages: list[str], caches: list[int], clients: int) -> list[str]:
    """The table of one client count: per page, p50/p99 and req/s with each cache size and,
    when datasette ran, of the datasette page compared and the p99 ratios (backtrace /
    datasette)."""

    def cell(r: dict | None) -> str:
        return f"{r['p50']:6.1f} {r['p99']:6.1f} {r['rps']:6.0f}" if r else f"{'-':>20}"

    compared = any(key[1] == -1 for key in results)
    head = f"{'page':<13}" + " ".join(f"{'cache ' + str(c) if c else 'no cache':>20}"
                                      for c in caches)
    if compared:
        head += (f"  {'datasette page':<15}{'datasette':>20}  p99 ratio"
                 f"{'s' if len(caches) > 1 else ''} (backtrace / datasette)")
    lines = [f"{clients} client(s): p50 p99 (ms) req/s", head]
    for page in pages:
        ours = [results.get((page, c, clients)) for c in caches]
        if not any(ours):
            continue
        line = f"{page:<13}" + " ".join(cell(r) for r in ours)
        if compared:
            other_page = DATASETTE_PAGES.get(page, "")
            other = results.get((other_page, -1, clients))
            ratios = " / ".join(f"{r['p99'] / other['p99']:.2f}" if r and other else "-"
                                for r in ours) if other else "-"
            line += f"  {other_page or '-':<15}{cell(other)}  {ratios}"
        lines.append(line)
    return lines


def goals(results: Results, pages: list[str], caches: list[int]) -> list[str]:
    """The pages whose p99 at 8 clients misses its goal, with the figure and the goal."""
    misses = []
    for page in pages:
        for cache in caches:
            r = results.get((page, cache, GOAL_CLIENTS))
            goal = GOALS[cache > 0]
            if r and not r["p99"] < goal:
                setting = f"cache {cache}" if cache else "no cache"
                misses.append(f"{page} ({setting}): p99 {r['p99']:.1f} ms >= {goal:.0f} ms")
    return misses


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


def datasette_version() -> str | None:
    """The installed datasette's version, or None when it is not installed."""
    if importlib.util.find_spec("datasette") is None:
        return None
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("datasette")
    except PackageNotFoundError:
        return "?"


def numbers(text: str) -> list[int]:
    return [int(x) for x in text.split(",") if x.strip()]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument(
        "--db", default=None, help="database to reuse or build (default: one in the temp folder)"
    )
    ap.add_argument("--min-films", type=int, default=MIN_FILMS,
                    help=f"films the database at --db needs to be reused (default {MIN_FILMS})")
    ap.add_argument("--workers", type=int, default=1, help="server processes (default 1)")
    ap.add_argument("--requests", type=int, default=1500, help="requests per run")
    ap.add_argument("--seconds", type=float, default=20.0, help="time limit per run")
    ap.add_argument("--films", type=int, default=300, help="distinct films to cycle through")
    ap.add_argument("--cache", type=numbers, default=[512, 0],
                    help="server's page cache, a run with each (0: none; default 512,0)")
    ap.add_argument("--clients", type=numbers, default=[1, 8],
                    help="concurrent clients, a run with each (default 1,8)")
    ap.add_argument("--pages", default=",".join(PAGES),
                    help="pages to drive, comma separated (default: all of them)")
    ap.add_argument("--datasette", choices=("auto", "off"), default="auto",
                    help="run datasette beside backtrace when it is installed (default)")
    ap.add_argument("--client", choices=("raw", "httpx"), default="raw", help="load generator")
    ap.add_argument("--warm-all", action="store_true",
                    help="fetch every URL once before each run, not the first 20: with the "
                         "page cache, the run then measures hits alone (without it, a page "
                         "with more than 35 URLs has over 1%% of its requests rendered "
                         "under load, and those set its p99)")
    args = ap.parse_args()
    pages = [p.strip().replace("-", " ") for p in args.pages.split(",") if p.strip()]
    if unknown := [p for p in pages if p not in PAGES]:
        ap.error(f"no page {', '.join(unknown)}; the pages: {', '.join(PAGES)}")

    source = Path(args.data) / "wikipedia-movie-data" / "movies_dev.jsonl"
    if not args.db and not source.exists():
        print(f"skipped: {source} not found", file=sys.stderr)
        return 0
    db = Path(args.db) if args.db else default_db(source)
    if not db.exists() and not source.exists():
        print(f"skipped: {source} not found and {db} does not exist", file=sys.stderr)
        return 0
    from backtrace.errors import StoreError

    try:
        build(db, source, args.min_films)
    except StoreError as exc:  # a store of a newer schema, a file that is no store
        print(f"error: {exc}", file=sys.stderr)
        return 2
    film_ids, queries, names = sample(db, args.films)
    port = free_port()
    proc = start_server(db, port, 1, 0)
    try:
        urls = backtrace_urls(f"http://127.0.0.1:{port}", film_ids, queries, names)
    finally:
        stop_server(proc)
    print("URLs per page: " + ", ".join(f"{p} {len(urls[p])}" for p in pages))
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    results: Results = {}
    for name in pages:
        if not urls[name]:
            print(f"{name:<12} skipped: no such pages in this store")
            continue
        for cache in args.cache:
            for clients in args.clients:
                port = free_port()
                proc = start_server(db, port, args.workers, cache)
                try:
                    r = measure(proc, port, urls[name], clients, args)
                finally:
                    stop_server(proc)
                results[(name, cache, clients)] = r
                report(name, f"cache={cache}", clients, r)

    version = datasette_version() if args.datasette == "auto" else None
    compared = [DATASETTE_PAGES[p] for p in pages if p in DATASETTE_PAGES]
    if args.datasette == "off":
        print("datasette: not run (--datasette off)")
    elif version is None:
        print("datasette: not installed, run without it "
              "(.venv/bin/pip install -e '.[bench]' to compare)")
    elif compared:
        with tempfile.TemporaryDirectory() as folder:
            metadata = datasette_metadata(db, Path(folder))
            port = free_port()
            ready = f"http://127.0.0.1:{port}/-/versions.json"
            proc = start(datasette_command(db, port, metadata), ready, "datasette")
            try:
                theirs = datasette_urls(f"http://127.0.0.1:{port}", db, film_ids, queries,
                                        pages)
            finally:
                stop_server(proc)
            for name in compared:
                if not theirs.get(name):
                    print(f"{name:<12} skipped: no such pages in this store")
                    continue
                for clients in args.clients:
                    port = free_port()
                    ready = f"http://127.0.0.1:{port}/-/versions.json"
                    proc = start(datasette_command(db, port, metadata), ready, "datasette")
                    try:
                        r = measure(proc, port, theirs[name], clients, args)
                    finally:
                        stop_server(proc)
                    results[(name, -1, clients)] = r
                    report(name, "datasette", clients, r)

    print()
    for clients in args.clients:
        print("\n".join(summary(results, pages, args.cache, clients)))
    if GOAL_CLIENTS in args.clients:
        misses = goals(results, pages, args.cache)
        print(f"goals at {GOAL_CLIENTS} clients (p99 < {GOALS[True]:.0f} ms with the page "
              f"cache, < {GOALS[False]:.0f} ms without): "
              + ("all met" if not misses else "missed by " + "; ".join(misses)))
    print(
        f"server: backtrace serve --workers {args.workers} --cache "
        f"{','.join(map(str, args.cache))} ({server_stack()}); client: {args.client}, "
        f"cpus: {os.cpu_count()}, films sampled: {len(film_ids)}, database: {db}"
    )
    if version is not None and compared:
        print(f"datasette {version}: datasette serve --immutable DB --metadata META "
              "(films' FTS: search_films; default settings, no page cache)")
    argv = ["bench/serve.py", *sys.argv[1:]]
    print("reproduce: .venv/bin/python " + shlex.join(argv))
    return 0


if __name__ == "__main__":
    sys.exit(main())
