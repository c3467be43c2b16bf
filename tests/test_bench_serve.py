"""bench/serve.py: its URLs, its HTTP client, its table of figures, and a run on a tiny store
(no timing is asserted)."""

from __future__ import annotations

import asyncio
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def bench(load_bench):
    return load_bench("serve")


def test_misspellings_are_deterministic_and_inside_the_longest_word(bench) -> None:
    assert bench.misspell("Sylvester Stallone", 1) == "Syvester Stallone"  # dropped
    assert bench.misspell("Sylvester Stallone", 0) == "Slyvester Stallone"  # swapped
    assert bench.misspell("The Birth of a Nation", 2) == "The Birth of a Natoin"
    for i in range(20):
        wrong = bench.misspell("Sylvester Stallone", i)
        assert wrong == bench.misspell("Sylvester Stallone", i)  # the same every time
        word = wrong.split()[0]
        assert wrong != "Sylvester Stallone" and word[0] == "S" and word[-1] == "r"
    assert bench.misspell("Up", 3) is None and bench.misspell("M*A*S*H", 0) is None
    assert bench.misspell("Ballet", 4) == "Balet"  # swapping "ll" would change nothing


def test_crawl_follows_next_links_a_few_pages_from_each_first_page(bench) -> None:
    pages = {"/films.json?decade=1950": "/films.json?decade=1950&after=9",
             "/films.json?decade=1950&after=9": "/films.json?decade=1950&after=19",
             "/films.json?decade=1950&after=19": "/films.json?decade=1950&after=29",
             "/films.json?decade=1960": None}
    fetched = []

    def fetch(url: str) -> dict:
        fetched.append(url)
        return {"next": pages[url]}

    found = bench.crawl(fetch, ["/films?decade=1950", "/films?decade=1960"], 2, bench.as_json,
                        lambda p: p["next"])
    assert found == ["/films.json?decade=1950&after=9", "/films.json?decade=1950&after=19"]
    assert fetched == ["/films.json?decade=1950", "/films.json?decade=1950&after=9",
                       "/films.json?decade=1960"]
    assert [bench.as_html(u) for u in found] == ["/films?decade=1950&after=9",
                                                 "/films?decade=1950&after=19"]
    assert bench.as_html("http://127.0.0.1:9/db/entities.json?_next=3") == "/db/entities?_next=3"
    assert bench.as_json("/conflicts") == "/conflicts.json"


def test_datasette_urls_mirror_the_film_pages(bench, tmp_path) -> None:
    urls = bench.datasette_urls("http://127.0.0.1:1", tmp_path / "films.v2.db", [3, 8],
                                ["Iron Meridian"], ["film page", "search"])
    assert urls["row page"] == ["/films~2Ev2/entities/3", "/films~2Ev2/entities/8"]
    assert urls["row JSON"][0] == "/films~2Ev2/entities/3.json"
    assert urls["table filter"][4] == ("/films~2Ev2/entities?type=film&year__gte=1950&"
                                       "year__lt=1960&_sort=name&_size=50")
    assert urls["table JSON"][4].startswith("/films~2Ev2/entities.json?type=film&")
    assert urls["table search"] == ["/films~2Ev2/entities?_search=Iron+Meridian&_size=20"]
    assert "table next" not in urls  # only crawled (from a running datasette) when wanted
    meta = bench.datasette_metadata(tmp_path / "films.v2.db", tmp_path).read_text()
    assert '"films.v2": {"tables": {"entities": {"fts_table": "search_films"' in meta


def test_datasette_missing_is_said_not_fatal(bench, monkeypatch) -> None:
    monkeypatch.setattr(bench.importlib.util, "find_spec", lambda name: None)
    assert bench.datasette_version() is None


def test_raw_client_reads_sized_and_chunked_bodies(bench) -> None:
    bodies = {b"/sized": b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello",
              b"/chunked": b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                           b"3\r\nhel\r\n2;x=1\r\nlo\r\n0\r\n\r\n",
              b"/missing": b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"}

    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                writer.write(bodies[head.split()[1]])
                await writer.drain()
        except asyncio.IncompleteReadError:  # the client closed the connection
            writer.close()

    async def run() -> list[int]:
        server = await asyncio.start_server(serve, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        connection = bench.RawConnection("127.0.0.1", port)
        try:  # one keep-alive connection: each body must be read to its end
            return [await connection.get(p) for p in ("/chunked", "/sized", "/chunked",
                                                      "/missing", "/sized")]
        finally:
            await connection.close()
            server.close()

    assert asyncio.run(run()) == [200, 200, 200, 404, 200]


def test_table_reports_ratios_and_missed_goals(bench) -> None:
    def r(p50: float, p99: float) -> dict:
        return {"p50": p50, "p99": p99, "rps": 100.0}

    results = {("film page", 512, 8): r(1, 20), ("film page", 0, 8): r(10, 120),
               ("row page", -1, 8): r(5, 40), ("conflicts", 512, 8): r(2, 60),
               ("conflicts", 0, 8): r(30, 90)}
    lines = bench.summary(results, ["film page", "conflicts", "search"], [512, 0], 8)
    assert lines[0].startswith("8 client(s)")
    film = next(line for line in lines if line.startswith("film page"))
    assert "row page" in film and film.rstrip().endswith("0.50 / 3.00")
    assert next(line for line in lines if line.startswith("conflicts")).rstrip().endswith("-")
    assert not any(line.startswith("search") for line in lines)  # not run: no row
    alone = bench.summary({k: v for k, v in results.items() if k[1] != -1},
                          ["film page"], [512, 0], 8)
    assert "datasette" not in "\n".join(alone)  # datasette not run: no such columns
    misses = bench.goals(results, ["film page", "conflicts"], [512, 0])
    assert misses == ["film page (no cache): p99 120.0 ms >= 100 ms",
                      "conflicts (cache 512): p99 60.0 ms >= 50 ms"]


@pytest.mark.slow
def test_serve_bench_runs_every_page_on_a_tiny_store(tmp_path) -> None:
    import backtrace

    db = tmp_path / "tiny.db"
    with backtrace.open(db) as kb:
        kb.ingest([ROOT / "examples" / "corpus"])
    argv = ["bench/serve.py", "--db", str(db), "--data", str(tmp_path / "none"),
            "--min-films", "1", "--requests", "4", "--seconds", "1", "--films", "3",
            "--clients", "1", "--cache", "16,0", "--pages",
            "film page,films/decade,people/role,conflicts,search,fuzzy-search"]
    out = subprocess.run([sys.executable, *argv], capture_output=True, text=True, check=True,
                         cwd=ROOT, timeout=600).stdout
    lines = out.splitlines()
    for page in ("film page", "films/decade", "people/role", "conflicts", "search",
                 "fuzzy search"):
        runs = [line for line in lines if line.startswith(f"{page} ") and "clients=1" in line]
        assert len(runs) == 2 and "cache=16" in runs[0] and "cache=0" in runs[1], page
        assert all("errors=0" in line for line in runs), runs
    assert "1 client(s): p50 p99 (ms) req/s" in out
    if "datasette: not installed" not in out:  # the pages datasette compares with
        for page in ("row page", "table filter", "table search"):
            assert any(line.startswith(f"{page} ") and "datasette" in line for line in lines)
        assert "datasette serve --immutable DB" in out
    assert "films after" not in out  # not asked for
    assert out.rstrip().endswith("reproduce: .venv/bin/python " + shlex.join(argv))


@pytest.mark.slow
def test_serve_bench_without_datasette_says_so_and_runs(bench, tmp_path, monkeypatch,
                                                         capsys) -> None:
    import backtrace

    db = tmp_path / "tiny.db"
    with backtrace.open(db) as kb:
        kb.ingest([ROOT / "tests" / "fixtures" / "mini"])
    find_spec = bench.importlib.util.find_spec
    monkeypatch.setattr(bench.importlib.util, "find_spec",
                        lambda name: None if name == "datasette" else find_spec(name))
    monkeypatch.setattr(sys, "argv", ["serve.py", "--db", str(db), "--min-films", "1",
                                      "--requests", "3", "--seconds", "1", "--clients", "1",
                                      "--cache", "0", "--pages", "film page,conflicts"])
    assert bench.main() == 0
    out = capsys.readouterr().out
    assert "datasette: not installed, run without it" in out
    assert "datasette" not in out.split("datasette: not installed")[1].split("reproduce:")[0]
    assert any(line.startswith("film page ") and "cache=0" in line for line in out.splitlines())
