"""Every page and its JSON twin, in process (httpx's ASGI transport)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import pytest
from markupsafe import escape


def _film_id(kb: Any, title: str) -> int:
    return kb.find_films(title)[0]["id"]


def _person_id(kb: Any, name: str) -> int:
    from sqlalchemy import select

    from backtrace.store.schema import entities

    with kb.store.read() as conn:
        return conn.execute(
            select(entities.c.id).where(entities.c.type == "person", entities.c.name == name)
        ).scalar_one()


def _a_document(kb: Any) -> str:
    record = kb.film("Cinder Road", sentences=True)
    return record["facts"]["director"][0]["sources"][0]["document"]


class Anchors(HTMLParser):
    """Collects element ids and hrefs."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            if name == "href" and value:
                self.hrefs.append(value)


def parse(html: str) -> Anchors:
    p = Anchors()
    p.feed(html)
    return p


def test_every_page_and_its_json_twin(client: Any, served_kb: Any) -> None:
    film = _film_id(served_kb, "Cinder Road")
    person = _person_id(served_kb, "Grace Whitford")
    doc = _a_document(served_kb)
    pages = [
        ("/", "/index.json"),
        ("/search?q=cinder", "/search.json?q=cinder"),
        (f"/film/{film}", f"/film/{film}.json"),
        (f"/person/{person}", f"/person/{person}.json"),
        (f"/document/{doc}", f"/document/{doc}.json"),
    ]
    for html_url, json_url in pages:
        page = client.get(html_url)
        assert page.status_code == 200, html_url
        assert page.headers["content-type"] == "text/html; charset=utf-8"
        assert '<meta name="viewport"' in page.text
        assert f'href="{json_url}"' in page.text.replace("&amp;", "&")
        twin = client.get(json_url)
        assert twin.status_code == 200, json_url
        assert twin.headers["content-type"] == "application/json"
        assert isinstance(twin.json(), dict)
        head = client.request("HEAD", html_url)
        assert head.status_code == 200
    css = client.get("/static/style.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    again = client.get("/static/style.css", headers={"If-None-Match": css.headers["etag"]})
    assert again.status_code == 304


def test_home_counts_and_recent_documents(client: Any, served_kb: Any) -> None:
    home = client.get("/index.json").json()
    assert home["counts"] == served_kb.counts()
    seqs = [d["seq"] for d in home["recent_documents"]]
    assert seqs == sorted(seqs, reverse=True) and len(seqs) == 20
    assert 'action="/search"' in client.get("/").text


def test_film_twin_is_the_api_record(client: Any, served_kb: Any) -> None:
    for film in served_kb.films():
        got = client.get(f"/film/{film['id']}.json").json()
        assert got == served_kb.film_by_id(film["id"], sentences=True)


def test_film_page_shows_every_fact_with_its_sentence(client: Any, served_kb: Any) -> None:
    film = _film_id(served_kb, "Cinder Road")
    record = served_kb.film_by_id(film, sentences=True)
    html = client.get(f"/film/{film}").text
    assert html.count("<details>") >= sum(len(v) for v in record["facts"].values())
    hrefs = parse(html).hrefs
    for facts in record["facts"].values():
        for fact in facts:
            for src in fact["sources"]:
                assert f"/document/{src['document']}#s-{src['start']}" in hrefs
    assert "Release timeline" in html and "<svg" in html and "Cast" in html
    assert "Loretta" in html  # a character of the cast table
    assert re.search(r'class="cast-link" href="/person/\d+"', html)


def test_source_links_land_on_highlighted_spans(client: Any, served_kb: Any) -> None:
    record = served_kb.film("Cinder Road", sentences=True)
    src = record["facts"]["director"][0]["sources"][0]
    html = client.get(f"/document/{src['document']}").text
    assert f'<mark id="s-{src["start"]}">' in html
    doc = client.get(f"/document/{src['document']}.json").json()
    ids = parse(html).ids
    for claim in doc["claims"]:
        assert f"s-{claim['start']}" in ids
        assert doc["text"][claim["start"] : claim["end"]] == claim["text"]


def test_conflicts_are_marked_where_the_fact_is(client: Any, served_kb: Any) -> None:
    record = served_kb.film("Iron Meridian")
    durations = record["facts"]["duration"]
    assert {f["status"] for f in durations} == {"conflict"}
    html = client.get(f"/film/{record['id']}").text
    # a note at the top links the row; the row holds every value, each with its standing
    assert '<p class="note">Sources disagree on <a href="#p-duration">Running time</a>' in html
    row = html[html.index('<tr id="p-duration">'):]
    row = row[: row.index("</tr>")]
    for fact in durations:
        assert f"{fact['value']} minutes" in row
        assert str(escape(fact["reason"])) in row
    assert row.count("status-believed") == 1 and row.count("status-disputed") == 1
    assert ">believed</span>" in row and ">disputed</span>" in row  # words, not colour alone
    # a value the sources agree on is not shown as a conflict
    director = html[html.index('<tr id="p-director">'):]
    assert "status-" not in director[: director.index("</tr>")]


def test_person_page_aliases_and_filmography(client: Any, served_kb: Any) -> None:
    person = _person_id(served_kb, "Grace Whitford")
    data = client.get(f"/person/{person}.json").json()
    assert data["name"] == "Grace Whitford"
    films = {e["film"]["title"] for e in data["filmography"] if e["film"]}
    assert "Cinder Road" in films
    cast = [e for e in data["filmography"] if e["property"] == "cast_member"]
    assert any(e["character"] for e in cast)
    for entry in data["filmography"]:
        for src in entry["sources"]:
            assert src["sentence"]["start"] <= src["start"] <= src["end"] <= src["sentence"]["end"]
    html = client.get(f"/person/{person}").text
    assert "Filmography" in html and "Cinder Road" in html


def test_search_prefix_finds_a_film(client: Any) -> None:
    data = client.get("/search.json", params={"q": "cind"}).json()
    assert [f["name"] for f in data["films"]][:1] == ["Cinder Road"]
    assert not data["fuzzy"]
    html = client.get("/search", params={"q": "cind"}).text
    assert "Cinder Road" in html


def test_search_misspelt_person(client: Any) -> None:
    data = client.get("/search.json", params={"q": "Grace Whitfrod"}).json()
    assert data["fuzzy"] is True
    assert data["people"][0]["name"] == "Grace Whitford"


def test_search_documents_have_snippets(client: Any) -> None:
    data = client.get("/search.json", params={"q": "trucker"}).json()
    assert data["documents"]
    assert any(p["match"] for p in data["documents"][0]["snippet"])


@pytest.mark.parametrize(
    "query",
    ['"', "NEAR(a b", "title:x", "a AND OR", "^*", "') OR 1=1 --", "x" * 5000, "", "   ", "\x00"],
)
def test_search_never_errors(client: Any, query: str) -> None:
    for url in ("/search", "/search.json"):
        assert client.get(url, params={"q": query}).status_code == 200


def test_openapi(client: Any) -> None:
    spec = client.get("/openapi.json").json()
    assert spec["openapi"].startswith("3.1")
    assert {"/film/{id}.json", "/person/{id}.json", "/document/{id}.json", "/search.json"} <= set(
        spec["paths"]
    )


def test_film_page_embeds_its_json_ld_and_links_the_article(client: Any, served_kb: Any) -> None:
    import json

    film = _film_id(served_kb, "Cinder Road")
    html = client.get(f"/film/{film}").text
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert block is not None
    node = json.loads(block.group(1))
    assert node["@type"] == "Movie" and node["name"] == "Cinder Road"
    assert node == served_kb.jsonld("Cinder Road")
    assert f'href="/film/{film}/article"' in html
    article = client.get(f"/film/{film}/article")
    assert article.status_code == 200 and article.headers["content-type"].startswith("text/html")
    assert "<h2>References</h2>" in article.text and "Sources disagree" in article.text
    assert "Content-Security-Policy" in article.headers
    assert client.get("/film/999999/article").status_code == 404


def test_conflicts_page_lists_every_disputed_property_with_paging(
        client: Any, served_kb: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import backtrace.serve.app as app_module

    everything = served_kb.conflicts()
    assert everything  # the corpus disagrees with itself somewhere
    page = client.get("/conflicts.json").json()
    assert [(c["film"]["id"], c["property"]) for c in page["conflicts"]] == [
        (c["film"]["id"], c["property"]) for c in everything]
    html = client.get("/conflicts").text
    first = everything[0]
    assert f'href="/film/{first["film"]["id"]}"' in html and "[believed]" in html
    # a page of one film links the next, which starts after it
    films = sorted({c["film"]["id"] for c in everything})
    monkeypatch.setattr(app_module, "CONFLICT_PAGE", 1)
    one = client.get("/conflicts.json?after=0").json()
    assert {c["film"]["id"] for c in one["conflicts"]} == {films[0]}
    nxt = client.get(one["next"]).json() if one["next"] else {"conflicts": []}
    if len(films) > 1:
        assert {c["film"]["id"] for c in nxt["conflicts"]} == {films[1]}
    assert client.get("/conflicts.json?after=x' OR 1=1").status_code == 200


def test_every_page_has_a_main_landmark_and_a_skip_link(client: Any, served_kb: Any) -> None:
    film = served_kb.films()[0]["id"]
    for url in ("/", "/search?q=cinder", "/conflicts", f"/film/{film}", "/ask"):
        html = client.get(url).text
        assert '<a class="skip" href="#main">' in html and '<main id="main">' in html, url
    assert "<main><article>" in client.get(f"/film/{film}/article").text


def test_films_page_filters_and_pages(client: Any, served_kb: Any) -> None:
    every = client.get("/films.json").json()
    titles = [f["title"] for f in every["films"]]
    assert titles == sorted(titles) and "Cinder Road" in titles
    assert every["next"] is None  # one page holds them all (paging: tests/store/test_browse)
    cinder = served_kb.film("Cinder Road")
    only = client.get("/films.json", params={"year": cinder["year"]}).json()
    assert "Cinder Road" in [f["title"] for f in only["films"]]
    assert all(f["year"] == cinder["year"] for f in only["films"])
    html = client.get("/films", params={"decade": "abc", "after": "9" * 30, "sort": "x"}).text
    assert 'href="/film/' in html  # parameters that mean nothing are ignored, not a 500
    assert 'href="/films"' in client.get("/").text  # the home page's count links here


def test_people_page_lists_people_by_role(client: Any, served_kb: Any) -> None:
    cinder = served_kb.film("Cinder Road")
    director = cinder["facts"]["director"][0]["value"]
    found = client.get("/people.json", params={"role": "director"}).json()
    assert director in [p["name"] for p in found["people"]] and found["role"] == "director"
    assert all(p["films"] >= 1 for p in found["people"])
    html = client.get("/people", params={"role": "nonsense", "after": "x"}).text
    assert 'href="/person/' in html  # an unknown role is any role, not an error
    assert 'href="/people"' in client.get("/").text


def test_the_film_page_shows_the_cast_before_the_reception(client: Any, served_kb: Any) -> None:
    for film in served_kb.films():
        html = client.get(f"/film/{film['id']}").text
        if "<h2>Cast</h2>" in html and "<h2>Reception</h2>" in html:
            assert html.index("<h2>Cast</h2>") < html.index("<h2>Reception</h2>")
            return
    raise AssertionError("no film page has both a cast and a reception")
