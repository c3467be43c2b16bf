"""The response cache (keyed by SQLite's data_version), the search's staleness check, and
rendering cache misses off the event loop."""

from __future__ import annotations

import asyncio
import gc
import sqlite3
import sys
import threading
from pathlib import Path
from typing import Any

import httpx
import pytest

import backtrace
from backtrace.serve import create_app
from backtrace.serve import finder as finder_module
from backtrace.serve.app import SWITCH_INTERVAL, settle
from backtrace.serve.cache import DataVersion, ResponseCache, sqlite_path
from backtrace.store import search as fts

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "examples" / "corpus"


def _commit(db: Path, sql: str, params: tuple = ()) -> None:
    """A commit from a connection of its own (as another process's ingest would be)."""
    conn = sqlite3.connect(db)
    with conn:
        conn.execute(sql, params)
    conn.close()


@pytest.fixture
def small_db(tmp_path: Path) -> Path:
    db = tmp_path / "small.db"
    with backtrace.open(db) as kb:
        kb.ingest([CORPUS / "cinder-road"])
    return db


def test_sqlite_path() -> None:
    assert sqlite_path("sqlite:////tmp/x.db") == Path("/tmp/x.db")
    assert sqlite_path("sqlite:///:memory:") is None
    assert sqlite_path("sqlite://") is None
    assert sqlite_path("postgresql://u@h/db") is None


def test_data_version_moves_on_every_commit_elsewhere(tmp_path: Path) -> None:
    db = tmp_path / "v.db"
    _commit(db, "CREATE TABLE t (x INTEGER)")
    version = DataVersion(db)
    first = version.version()
    assert first is not None and version.version() == first  # reading changes nothing
    for i in range(3):  # same size, same second: file times could miss these
        _commit(db, "INSERT INTO t VALUES (?)", (i,))
        now = version.version()
        assert now is not None and now != first
        first = now
    version.close()


def test_data_version_sees_a_replaced_file(tmp_path: Path) -> None:
    db = tmp_path / "v.db"
    _commit(db, "CREATE TABLE t (x INTEGER)")
    version = DataVersion(db)
    before = version.version()
    replacement = tmp_path / "new.db"
    _commit(replacement, "CREATE TABLE t (x INTEGER)")
    replacement.replace(db)
    after = version.version()
    assert after is not None and after != before
    version.close()


def test_data_version_of_nothing_is_none(tmp_path: Path) -> None:
    assert DataVersion(None).version() is None
    assert DataVersion(tmp_path / "missing" / "x.db").version() is None


def test_cache_serves_only_what_the_current_version_rendered(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    _commit(db, "CREATE TABLE t (x INTEGER)")
    cache = ResponseCache(f"sqlite:///{db}", max_entries=4)
    version = cache.version()
    cache.put("/a?", version, b"A", "text/html")
    assert cache.get("/a?") == (b"A", "text/html")
    _commit(db, "INSERT INTO t VALUES (1)")
    assert cache.get("/a?") is None and len(cache) == 0  # dropped, not just skipped
    stale = version  # rendered from before the commit: never served
    cache.put("/b?", stale, b"B", "text/html")
    assert cache.get("/b?") is None
    cache.close()


def test_cache_bounds_entries_and_bytes(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    _commit(db, "CREATE TABLE t (x INTEGER)")
    cache = ResponseCache(f"sqlite:///{db}", max_entries=3, max_bytes=10)
    version = cache.version()
    for key in "abc":
        cache.put(key, version, b"1234", "text/plain")
    assert cache.get("a") is None and cache.get("c") is not None  # 12 bytes > 10
    cache.put("big", version, b"x" * 11, "text/plain")  # larger than the whole budget
    assert cache.get("big") is None
    for key in "defg":
        cache.put(key, version, b"1", "text/plain")
    assert len(cache) == 3 and cache.get("d") is None and cache.get("g") is not None
    cache.close()


def test_cache_is_off_without_a_sqlite_file() -> None:
    cache = ResponseCache("postgresql://u@h/db")
    assert not cache.enabled and cache.version() is None
    cache.put("/a?", (1,), b"A", "text/html")
    assert cache.get("/a?") is None


def _get(app: Any, url: str) -> httpx.Response:
    async def go() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
            return await c.get(url)

    return asyncio.run(go())


def test_page_changes_with_the_next_commit_without_waiting(small_db: Path) -> None:
    with backtrace.open(small_db) as kb:
        film = kb.films()[0]
    app = create_app(small_db)
    site = app.state.site
    try:
        first = _get(app, f"/film/{film['id']}.json")
        assert _get(app, f"/film/{film['id']}.json").content == first.content
        assert site.cache.hits >= 1
        _commit(small_db, "UPDATE entities SET name = ? WHERE id = ?", ("Renamed", film["id"]))
        after = _get(app, f"/film/{film['id']}.json").json()
        assert after["title"] == "Renamed"
        assert "Renamed" in _get(app, f"/film/{film['id']}").text
    finally:
        site.cache.close()
        site.store.close()


def test_search_checks_staleness_only_after_a_commit(
    small_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = create_app(small_db)
    site = app.state.site
    checks: list[int] = []
    real = fts.ensure_fresh

    def counting(conn: Any) -> bool:
        checks.append(1)
        return real(conn)

    monkeypatch.setattr(fts, "ensure_fresh", counting)
    monkeypatch.setattr(finder_module, "CHECK_EVERY", 0.0)
    try:
        # start-up indexed the new store: that commit of its own is checked once
        assert _get(app, "/search.json?q=cinder").json()["films"]
        assert len(checks) <= 1
        checks.clear()
        for query in ("road", "cinder", "ro"):
            assert _get(app, f"/search.json?q={query}").status_code == 200
        assert checks == []  # nothing committed since
        with backtrace.open(small_db) as kb:
            kb.ingest([CORPUS / "winter-orchard"])
        found = _get(app, "/search.json?q=orchard").json()
        assert checks == [1]
        assert any("Orchard" in f["name"] for f in found["films"])
    finally:
        site.cache.close()
        site.store.close()


def test_a_slow_miss_does_not_hold_up_cached_pages(small_db: Path) -> None:
    """Misses render in worker threads: a page served from the cache comes back while
    another page is still being rendered."""
    with backtrace.open(small_db) as kb:
        film_id = kb.films()[0]["id"]
    app = create_app(small_db)
    site = app.state.site
    release = threading.Event()
    rendering = threading.Event()
    home = site.home

    def slow_film(request: Any) -> Any:  # a film page that takes until it is released
        rendering.set()
        assert release.wait(10)
        return home(request)

    async def go() -> tuple[int, bool, int]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
            assert (await c.get("/")).status_code == 200  # now cached
            slow = asyncio.create_task(c.get(f"/film/{film_id}"))
            while not rendering.is_set():
                await asyncio.sleep(0.01)
            cached = await asyncio.wait_for(c.get("/"), 5)
            still_rendering = not slow.done()
            release.set()
            return cached.status_code, still_rendering, (await slow).status_code

    # the routes hold the bound views: rebuild them around the slow one
    original = site.film
    site.film = slow_film
    app.router.routes[:] = site.routes()
    try:
        assert asyncio.run(go()) == (200, True, 200)
    finally:
        release.set()
        site.film = original
        site.cache.close()
        site.store.close()


def test_settle_freezes_start_up_objects() -> None:
    interval = sys.getswitchinterval()
    try:
        settle()
        assert gc.get_freeze_count() > 0
        assert sys.getswitchinterval() == pytest.approx(SWITCH_INTERVAL)
    finally:
        gc.unfreeze()
        sys.setswitchinterval(interval)


def test_concurrent_misses_of_one_page_render_it_once(small_db: Path) -> None:
    """Requests for a page that is being rendered wait for it and are answered from the
    cache (issue 24: at 8 clients, a page's first requests no longer each take a thread)."""
    with backtrace.open(small_db) as kb:
        film_id = kb.films()[0]["id"]
    app = create_app(small_db)
    site = app.state.site
    release = threading.Event()
    renders: list[int] = []
    film = site.film

    def slow_film(request: Any) -> Any:
        renders.append(1)
        assert release.wait(10)
        return film(request)

    async def go() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
            first = asyncio.create_task(c.get(f"/film/{film_id}"))
            while not renders:
                await asyncio.sleep(0.01)
            others = [asyncio.create_task(c.get(f"/film/{film_id}")) for _ in range(3)]
            await asyncio.sleep(0.05)
            release.set()
            return [await first] + [await o for o in others]

    site.film = slow_film
    app.router.routes[:] = site.routes()
    try:
        answers = asyncio.run(go())
        assert [a.status_code for a in answers] == [200] * 4
        assert len({a.content for a in answers}) == 1 and renders == [1]
        assert site.rendering == {}
    finally:
        release.set()
        site.film = film
        site.cache.close()
        site.store.close()


def test_home_page_counts_once_per_commit(small_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The home page's counts (a whole index read each, on a big store) are counted again
    only after a commit, with the page cache off too."""
    from backtrace.store import queries

    app = create_app(small_db, cache_size=0)
    site = app.state.site
    calls: list[int] = []
    real = queries.counts

    def counting(conn: Any) -> dict[str, int]:
        calls.append(1)
        return real(conn)

    monkeypatch.setattr(queries, "counts", counting)
    try:
        first = _get(app, "/index.json").json()["counts"]
        assert _get(app, "/index.json").json()["counts"] == first and calls == [1]
        _commit(small_db, "INSERT INTO entities (type, name, key, year) VALUES (?, ?, ?, ?)",
                ("film", "Another", "another", 1999))
        assert _get(app, "/index.json").json()["counts"]["films"] == first["films"] + 1
        assert calls == [1, 1]
    finally:
        site.cache.close()
        site.store.close()
