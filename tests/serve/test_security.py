"""Hostile text stays inert; security headers everywhere; read-only; one error shape."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from backtrace.serve.http import SECURITY_HEADERS
from backtrace.store.schema import documents, entities


class Executable(HTMLParser):
    """Finds markup that a browser would run: script elements, on* handler attributes,
    javascript: URLs in href/src/action, inline style."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self.data_blocks: list[str] = []  # <script type="application/ld+json">: never run
        self._in_data = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script" and dict(attrs).get("type") == "application/ld+json" and len(attrs) == 1:
            self._in_data = True
            self.data_blocks.append("")
        elif tag in ("script", "iframe", "object", "embed", "base"):
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag}[{name}]")
            url_attr = name in ("href", "src", "action", "formaction", "xlink:href")
            if url_attr and (value or "").strip().lower().startswith(("javascript:", "data:text")):
                self.found.append(f"{tag}[{name}={value}]")
            if name == "style":
                self.found.append(f"{tag}[style]")


    def handle_data(self, data: str) -> None:
        if self._in_data:
            self.data_blocks[-1] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_data = False


def data_blocks(html: str) -> list[str]:
    parser = Executable()
    parser.feed(html)
    parser.close()
    return parser.data_blocks


def executable(html: str) -> list[str]:
    parser = Executable()
    parser.feed(html)
    parser.close()
    return parser.found


def _doc_id(served_kb: Any, path: str) -> str:
    with served_kb.store.read() as conn:
        return conn.execute(select(documents.c.id).where(documents.c.path == path)).scalar_one()


@pytest.fixture(scope="module")
def hostile_pages(client: Any, served_kb: Any, built: Any) -> dict[str, str]:
    pages = {}
    for path in (built.hostile_txt, built.hostile_html):
        doc = _doc_id(served_kb, built.stored(path))
        pages[path.name] = client.get(f"/document/{doc}").text
    return pages


def test_hostile_documents_render_inert(hostile_pages: dict[str, str]) -> None:
    for name, html in hostile_pages.items():
        assert executable(html) == [], name
        assert "<script" not in html.lower(), name
        assert "<img" not in html.lower(), name
        assert 'href="javascript:' not in html.lower(), name


def test_hostile_text_is_shown_escaped(hostile_pages: dict[str, str]) -> None:
    txt = hostile_pages["late-desk.txt"]
    assert "&lt;script&gt;document.title = &#34;owned&#34;" in txt
    assert "&lt;img src=&#34;x&#34; onerror=&#34;window.__pwned = 2; alert(2)&#34;&gt;" in txt
    assert "&lt;a href=&#34;javascript:window.__pwned = 3&#34;&gt;book here&lt;/a&gt;" in txt
    html = hostile_pages["harbour-memo.html"]
    assert "&lt;script&gt;window.__pwned = 11&lt;/script&gt;" in html


def test_hostile_names_are_escaped_everywhere(client: Any, served_kb: Any) -> None:
    """The HTML memo's title became a film name with markup in it; every page showing it
    (film, search, home, the JSON) must escape it."""
    with served_kb.store.read() as conn:
        rows = conn.execute(
            select(entities.c.id, entities.c.name).where(entities.c.name.like("%<%"))
        ).all()
    assert rows, "the memo's title should have become a film name"
    for row in rows:
        for url in (f"/film/{row.id}", f"/person/{row.id}", f"/film/{row.id}/article",
                    f"/film/{row.id}.html"):
            page = client.get(url)
            assert executable(page.text) == [], url
            assert "<img" not in page.text.lower()
        # the film page's JSON-LD carries the name as data, with no markup a parser could end
        page = client.get(f"/film/{row.id}")
        (block,) = data_blocks(page.text)
        assert "<" not in block and ">" not in block
        assert json.loads(block)["name"] == row.name
    for url in ("/", "/search?q=harbour+memo", "/search?q=onerror", "/search?q=pwned"):
        page = client.get(url)
        assert page.status_code == 200
        assert executable(page.text) == [], url
        assert "<script" not in page.text.lower() and "<img" not in page.text.lower()


def test_security_headers_on_every_response(client: Any, served_kb: Any) -> None:
    film = served_kb.films()[0]["id"]
    urls = [
        "/",
        "/index.json",
        f"/film/{film}",
        f"/film/{film}.json",
        "/search?q=x",
        "/static/style.css",
        "/openapi.json",
        "/film/999999",
        "/film/999999.json",
        "/no/such/page",
    ]
    responses = [client.get(u) for u in urls] + [client.request("POST", "/")]
    for response in responses:
        for name, value in SECURITY_HEADERS.items():
            assert response.headers.get(name) == value, (response.url, name)
    csp = SECURITY_HEADERS["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE", "OPTIONS"])
def test_only_get_and_head(client: Any, served_kb: Any, method: str) -> None:
    film = served_kb.films()[0]["id"]
    for url in ("/", f"/film/{film}", "/search?q=x", "/static/style.css", "/nowhere"):
        response = client.request(method, url)
        assert response.status_code == 405, (method, url)
        assert response.headers["allow"] == "GET, HEAD"
    response = client.request(method, f"/film/{film}.json")
    assert response.status_code == 405
    message = f"method {method} not allowed: this server is read-only"
    assert response.json() == {"error": {"status": 405, "message": message}}


def test_not_found_shapes(client: Any, served_kb: Any) -> None:
    person = served_kb.films()[0]["id"]  # a film's id is not a person
    for url in ("/film/999999.json", f"/person/{person}.json", "/document/0000.json", "/x.json"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response.headers["content-type"] == "application/json"
        body = response.json()
        assert set(body) == {"error"} and body["error"]["status"] == 404
        assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    for url in ("/film/999999", "/document/nope", "/film/abc", "/nowhere"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response.headers["content-type"] == "text/html; charset=utf-8"
        assert "<h1>404</h1>" in response.text
    asked = client.get("/nowhere", headers={"Accept": "application/json"})
    assert asked.json()["error"]["status"] == 404


def test_an_id_too_large_for_a_row_is_a_404_not_a_500(client: Any) -> None:
    for url in ("/film/99999999999999999999999", "/person/99999999999999999999.json",
                "/film/99999999999999999999/article", "/film/9999999999999999999999.csv"):
        assert client.get(url).status_code == 404, url


def test_a_trailing_slash_redirects_on_this_server_whatever_the_host(client: Any,
                                                                     served_kb: Any) -> None:
    film = served_kb.films()[0]["id"]
    response = client.get(f"/film/{film}/?q=1", headers={"Host": "elsewhere.example"},
                          follow_redirects=False)
    assert response.status_code == 308
    assert response.headers["location"] == f"/film/{film}?q=1"  # a path, no host


def test_ids_are_bound_parameters(client: Any) -> None:
    for doc in ("' OR '1'='1", '"; DROP TABLE documents; --', "%", "_" * 16):
        assert client.get(f"/document/{doc}.json").status_code == 404
    assert client.get("/index.json").json()["counts"]["documents"] > 0


def test_the_only_inline_style_allowed_is_the_articles_own(client: Any, served_kb: Any) -> None:
    """The article page (also a standalone file) carries one <style> block; the policy
    allows exactly that block by its SHA-256 and nothing else inline."""
    import base64
    import hashlib
    import re

    film = served_kb.films()[0]["id"]
    page = client.get(f"/film/{film}/article")
    styles = re.findall(r"<style>(.*?)</style>", page.text, re.S)
    assert len(styles) == 1
    digest = base64.b64encode(hashlib.sha256(styles[0].encode()).digest()).decode()
    csp = page.headers["Content-Security-Policy"]
    assert f"style-src 'self' 'sha256-{digest}';" in csp
    assert "unsafe-inline" not in csp
    assert "<style>" not in client.get(f"/film/{film}").text


def test_no_page_shows_an_absolute_local_path(client: Any, served_kb: Any, built: Any) -> None:
    """The store was built from absolute folders: every page names documents from the
    folder on ("corpus/cinder-road/..."), never where they lie on this machine."""
    film = served_kb.film("Cinder Road", sentences=True)
    document = film["facts"]["director"][0]["sources"][0]["document"]
    roots = {str(built.db.parent), str(Path(__file__).resolve().parents[2])}
    for url in ("/", "/index.json", f"/film/{film['id']}", f"/film/{film['id']}.json",
                f"/document/{document}", f"/document/{document}.json", "/search?q=cinder",
                f"/film/{film['id']}/article", "/conflicts"):
        page = client.get(url).text
        assert not any(root in page for root in roots), url
