"""The question pages: /ask and /ask.json, and the answer card the search page shows when
its query is a question, with document text escaped."""

from __future__ import annotations

from typing import Any

from test_pages import parse
from test_security import executable


def test_ask_page_and_its_json_twin(client: Any, served_kb: Any) -> None:
    page = client.get("/ask", params={"q": "who directed Cinder Road?"})
    assert page.status_code == 200
    assert page.headers["content-type"] == "text/html; charset=utf-8"
    assert 'class="answer-card"' in page.text
    assert "Cinder Road (2021): director" in page.text
    film = served_kb.find_films("Cinder Road")[0]["id"]
    links = parse(page.text).hrefs
    assert f"/film/{film}" in links
    assert any(h.startswith("/person/") for h in links)  # the director's page
    assert any(h.startswith("/document/") and "#s-" in h for h in links)  # the sentence
    assert "<mark>Marcus Oyelaran</mark>" in page.text
    twin = client.get("/ask.json", params={"q": "who directed Cinder Road?"})
    assert twin.headers["content-type"] == "application/json"
    data = twin.json()
    assert data == served_kb.ask("who directed Cinder Road?")
    assert 'href="/ask.json?q=who+directed+Cinder+Road%3F"' in page.text.replace("&amp;", "&")


def test_ask_page_without_a_question_and_with_nonsense(client: Any) -> None:
    empty = client.get("/ask")
    assert empty.status_code == 200 and 'class="answer-card"' not in empty.text
    assert client.get("/ask.json").json()["answers"] == []
    for q in ["\x00", "x" * 5000, "describe it", "who directed Nothing Here", "' OR 1=1 --"]:
        page = client.get("/ask", params={"q": q})
        assert page.status_code == 200
        assert client.get("/ask.json", params={"q": q}).json()["answers"] == []


def test_search_shows_an_answer_card_for_a_question(client: Any) -> None:
    page = client.get("/search", params={"q": "how long is Cinder Road"})
    assert 'class="answer-card"' in page.text
    assert "112 minutes" in page.text and "104 minutes" in page.text
    assert "disputed" in page.text and "not believed" in page.text
    data = client.get("/search.json", params={"q": "how long is Cinder Road"}).json()
    assert [a["value"] for a in data["answer"]["answers"]] == [112, 104]
    plain = client.get("/search", params={"q": "cinder"})
    assert 'class="answer-card"' not in plain.text
    assert "answer" not in client.get("/search.json", params={"q": "cinder"}).json()


def test_a_question_the_store_cannot_answer_shows_the_note(client: Any) -> None:
    page = client.get("/search", params={"q": "who directed Nothing Here"})
    assert 'class="answer-card"' in page.text
    assert "No answer." in page.text and "no film called" in page.text


def test_document_text_in_an_answer_is_escaped(client: Any) -> None:
    # the hostile news item says the film's year inside a sentence holding a script
    for url in ("/ask", "/search"):
        page = client.get(url, params={"q": "what year was Winter Orchard released?"})
        assert page.status_code == 200
        assert "&lt;script&gt;alert(5)&lt;/script&gt;" in page.text, url
        assert executable(page.text) == [], url
        assert "<script" not in page.text.lower()
    data = client.get("/ask.json", params={"q": "what year was Winter Orchard released?"})
    assert any("<script>alert(5)</script>" in s["text"]
               for a in data.json()["answers"] for s in a["sources"])


def test_openapi_describes_ask(client: Any) -> None:
    spec = client.get("/openapi.json").json()
    assert "/ask.json" in spec["paths"]
    assert "Answer" in spec["components"]["schemas"]
