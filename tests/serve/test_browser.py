"""A real browser over a real server: Debian's Chromium driven by Playwright.

Skips when /usr/bin/chromium or the playwright package is absent. Never downloads a
browser: it launches the system one with ``executable_path``.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path(os.environ.get("BACKTRACE_CHROMIUM", "/usr/bin/chromium"))
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Set BACKTRACE_SCREENSHOT=docs/screenshot-film.png to refresh the picture in the docs.
SCREENSHOT = os.environ.get("BACKTRACE_SCREENSHOT")

pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def base_url(app: Any) -> Iterator[str]:
    uvicorn = pytest.importorskip("uvicorn")
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(10_000)
    yield pg
    context.close()


def test_fact_source_and_cast_link(
    page: Any, base_url: str, served_kb: Any, tmp_path: Path
) -> None:
    record = served_kb.film("Cinder Road", sentences=True)
    director = record["facts"]["director"][0]
    page.goto(f"{base_url}/film/{record['id']}")
    assert page.title().startswith("Cinder Road")
    fact = page.locator("li.fact details").first
    sentence = director["sources"][0]["sentence"]["text"]
    quote = fact.locator("q").first
    assert not quote.is_visible()
    fact.locator("summary").click()
    assert quote.is_visible()
    assert quote.inner_text().strip() == sentence.strip()
    shot = Path(SCREENSHOT) if SCREENSHOT else tmp_path / "film.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    # and on a phone: "docs/screenshot-film.png" -> "docs/screenshot-film-phone.png"
    phone = shot.with_name(f"{shot.stem}-phone{shot.suffix}")
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(phone), full_page=True)
    assert phone.stat().st_size > 10_000
    page.set_viewport_size({"width": 1200, "height": 900})

    link = page.locator("a.cast-link").first
    name = link.inner_text()
    link.click()
    page.wait_for_load_state()
    assert "/person/" in page.url
    assert page.locator("h1").inner_text() == name
    assert "Cinder Road" in page.locator("table").inner_text()


def test_source_link_scrolls_to_the_span(page: Any, base_url: str, served_kb: Any) -> None:
    record = served_kb.film("Cinder Road", sentences=True)
    src = record["facts"]["director"][0]["sources"][0]
    page.goto(f"{base_url}/document/{src['document']}#s-{src['start']}")
    mark = page.locator(f"mark#s-{src['start']}")
    assert mark.inner_text() == src["text"]


def test_hostile_scripts_never_run(page: Any, base_url: str, served_kb: Any, built: Any) -> None:
    from sqlalchemy import select

    from backtrace.store.schema import documents

    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    with served_kb.store.read() as conn:
        ids = conn.execute(
            select(documents.c.id).where(
                documents.c.path.in_([built.stored(built.hostile_txt),
                                      built.stored(built.hostile_html)])
            )
        ).scalars()
        urls = [f"{base_url}/document/{i}" for i in ids]
    urls.append(f"{base_url}/search?q=pwned")
    assert len(urls) == 3
    for url in urls:
        page.goto(url)
        page.wait_for_timeout(300)
        for link in page.locator("a").all():
            href = link.get_attribute("href") or ""
            assert not href.lower().startswith("javascript:")
        assert page.evaluate("() => window.__pwned === undefined")
        assert "owned" not in page.title()
        assert page.locator("script").count() == 0
        assert page.locator("img").count() == 0
    assert dialogs == []


@pytest.mark.parametrize("width", [320, 390])
def test_no_page_scrolls_sideways_on_a_phone(browser: Any, base_url: str, served_kb: Any,
                                             width: int) -> None:
    record = served_kb.film("Cinder Road", sentences=True)
    director = record["facts"]["director"][0]
    person = served_kb.person(director["value"])["id"]
    document = director["sources"][0]["document"]
    film = record["id"]
    context = browser.new_context(viewport={"width": width, "height": 800})
    pg = context.new_page()
    try:
        for url in ("/", "/films", "/people?role=director", "/search?q=cinder",
                    "/search?q=cindr+raod", f"/film/{film}",
                    f"/person/{person}", f"/document/{document}", "/conflicts",
                    f"/person/{served_kb.person('Martin Ashcombe')['id']}",  # a critic
                    f"/film/{film}/article", "/ask?q=who+directed+Cinder+Road"):
            pg.goto(base_url + url)
            wide = pg.evaluate("document.documentElement.scrollWidth")
            assert wide <= width, (url, wide)
            # a table's cells are all shown, stacked: none hidden by the layout
            hidden = pg.evaluate("""() => [...document.querySelectorAll('table.list td')]
                .filter(td => td.textContent.trim() && !td.getClientRects().length).length""")
            assert hidden == 0, url
        # the article's own stylesheet applies (the policy allows it by its hash): long
        # paths wrap whatever fonts the machine has
        pg.goto(base_url + f"/film/{film}/article")
        assert pg.evaluate("getComputedStyle(document.body).overflowWrap") == "anywhere"
    finally:
        context.close()


# axe-core, installed by `npm install` (package.json; .ci/run runs it): never fetched here.
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
SEVERE = ("serious", "critical")
# every <details> opened first, so the sources they hide are checked too
AXE_RUN = """async () => {
    document.querySelectorAll('details').forEach(d => { d.open = true; });
    return (await axe.run(document)).violations.map(v => ({id: v.id, impact: v.impact,
        nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
}"""


def _axe_urls(kb: Any) -> list[str]:
    """A page of every kind: home, search (all groups, and one group paged), films, film,
    person (and a critic), document, conflicts and the cited article."""
    record = kb.film("Cinder Road", sentences=True)
    director = record["facts"]["director"][0]
    person = kb.person(director["value"])["id"]
    document = director["sources"][0]["document"]
    film = record["id"]
    disputed = kb.film("Iron Meridian")["id"]
    critic = kb.person("Martin Ashcombe")["id"]  # a critic: the reviews they wrote
    return ["/", "/search?q=cinder", "/search?q=whitford",
            "/search?q=the&group=documents&offset=20", "/films", f"/film/{film}",
            f"/film/{disputed}", f"/person/{person}", f"/person/{critic}",
            f"/document/{document}", "/conflicts", f"/film/{film}/article"]


def _severe(page: Any) -> list[str]:
    """The serious and critical violations axe-core finds on the page."""
    page.add_script_tag(path=str(AXE))
    return [f"{v['id']} ({v['impact']}): {', '.join(v['nodes'])}"
            for v in page.evaluate(AXE_RUN) if v["impact"] in SEVERE]


def test_axe_finds_no_serious_accessibility_violation(browser: Any, base_url: str,
                                                      served_kb: Any) -> None:
    if not AXE.is_file():
        pytest.skip(f"{AXE} is absent (run `npm install` at the repository root)")
    # the pages' Content-Security-Policy forbids the injected script: bypassed here only
    context = browser.new_context(viewport={"width": 1200, "height": 900}, bypass_csp=True)
    pg = context.new_page()
    pg.set_default_timeout(20_000)
    found: dict[str, list[str]] = {}
    try:
        for url in _axe_urls(served_kb):
            pg.goto(base_url + url)
            severe = _severe(pg)
            if severe:
                found[url] = severe
        # the check sees a violation: a page that does not say its language
        pg.goto(base_url + "/")
        pg.evaluate("document.documentElement.removeAttribute('lang')")
        assert any(v.startswith("html-has-lang ") for v in _severe(pg))
    finally:
        context.close()
    assert found == {}
