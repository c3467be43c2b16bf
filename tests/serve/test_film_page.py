"""The film page in the order a reader reads it, with each value's standing beside it."""

from __future__ import annotations

import re
from typing import Any

import pytest

from backtrace.serve.present import film_view, standing
from backtrace.serve.templates import environment
from backtrace.store.lead import lead_range
from backtrace.store.records import Fact, FilmRecord, Source

# The film page's sections, in the order they must come.
ORDER = ["<h1>", "<h2>Credits</h2>", "<h2>Cast</h2>", "<h2>Plot</h2>",
         "<h2>Release and money</h2>", "<h2>Reception</h2>", "<h2>Sources</h2>"]


def _html(client: Any, kb: Any, title: str) -> str:
    page = client.get(f"/film/{kb.film(title)['id']}")
    assert page.status_code == 200
    return page.text


def test_sections_come_in_reader_order(client: Any, served_kb: Any) -> None:
    html = _html(client, served_kb, "Cinder Road")
    at = [html.find(marker) for marker in ORDER]
    assert -1 not in at, dict(zip(ORDER, at, strict=True))
    assert at == sorted(at)
    # the lead right under the title, before the credits
    lead = html.index('<p class="lead summary">')
    assert at[0] < lead < at[1]


def test_the_lead_quotes_the_first_sentence_of_the_film_s_own_entry(
        client: Any, served_kb: Any) -> None:
    html = _html(client, served_kb, "Cinder Road")
    found = re.search(r'<p class="lead summary"><q>(.*?)</q>\s*<a class="where" '
                      r'href="/document/(\w+)">([^<]*)</a>', html, re.S)
    assert found is not None
    assert found.group(1).startswith("Cinder Road is a 2021 American")
    assert found.group(1).endswith("Hollis Greer.")
    assert found.group(3).endswith("cinder-road/encyclopedia.txt")
    doc = client.get(f"/document/{found.group(2)}.json").json()
    assert doc["kind"] == "encyclopedia"


def test_the_plot_is_quoted_with_its_source(client: Any, served_kb: Any) -> None:
    html = _html(client, served_kb, "Cinder Road")
    plot = html[html.index("<h2>Plot</h2>"):html.index("<h2>Release and money</h2>")]
    assert '<blockquote class="passage">' in plot and "Haskins" in plot
    assert re.search(r'Quoted from <a class="where" href="/document/\w+">', plot)


def test_a_person_s_name_is_the_link_to_the_person(client: Any, served_kb: Any) -> None:
    record = served_kb.film("Cinder Road")
    director = record["facts"]["director"][0]["value"]
    html = _html(client, served_kb, "Cinder Road")
    row = html[html.index('<tr id="p-director">'):]
    row = row[:row.index("</tr>")]
    link = re.search(r'<a class="entity" href="/person/(\d+)">([^<]+)</a>', row)
    assert link is not None and link.group(2) == director  # the name itself, outside <details>
    assert row.index(link.group(0)) < row.index("<details>")
    person = client.get(f"/person/{link.group(1)}.json").json()
    assert person["name"] == director


def test_the_sources_list_every_document_quoted(client: Any, served_kb: Any) -> None:
    record = served_kb.film("Cinder Road")
    html = _html(client, served_kb, "Cinder Road")
    cited = html[html.index("<h2>Sources</h2>"):]
    documents = {s["document"] for facts in record["facts"].values() for f in facts
                 for s in f["sources"]}
    for document in documents:
        assert f'href="/document/{document}"' in cited
    assert re.search(r"\(states \d+ values?\)", cited)


def _fact(value: Any, status: str, believed: bool) -> Fact:
    source = Source("d1", "notes/a.txt", "news", None, 0, 3, str(value))
    return Fact(value, {}, status, believed, 0.5, f"why {value}", [source])


@pytest.mark.parametrize(("status", "believed", "word"), [
    ("conflict", True, "believed"), ("conflict", False, "disputed"),
    ("overridden", True, "curator's decision"), ("overridden", False, "overruled"),
])
def test_each_standing_has_a_word(status: str, believed: bool, word: str) -> None:
    found = standing(_fact(90, status, believed))
    assert found is not None and found.word == word and found.symbol


def test_an_agreed_value_has_no_standing() -> None:
    assert standing(_fact(90, "agreed", True)) is None


def test_overruled_and_decided_values_are_told_apart_in_words() -> None:
    record = FilmRecord(7, "Paper Lantern", 1990, {
        "duration": [_fact(90, "overridden", True), _fact(95, "overridden", False)],
        "genre": [_fact("drama", "agreed", True)],
    })
    html = environment().get_template("film.html").render(
        film=record, view=film_view(record, {}), jsonld={}, formats=[], json_url="/x.json")
    row = html[html.index('<tr id="p-duration">'):]
    row = row[:row.index("</tr>")]
    assert "90 minutes" in row and "95 minutes" in row
    assert ">curator&#39;s decision</span>" in row and ">overruled</span>" in row
    assert "status-decided" in row and "status-overruled" in row
    assert '<a href="#p-duration">Running time</a>' in html
    details = html[html.index('<tr id="p-genre">'):]
    assert "status-" not in details[:details.index("</tr>")]


def test_the_lead_is_the_first_prose_sentence_before_any_heading() -> None:
    text = "= Paper Lantern =\n- Director: A Person\n\nPaper Lantern is a 1990 film.\n==Plot==\n"
    sections = [{"title": "Infobox", "level": 1, "start": 18, "end": 39},
                {"title": "Plot", "level": 1, "start": 70, "end": len(text)}]
    sentences = [[0, 17], [18, 38], [40, 69], [70, 78]]
    assert text[40:69] == "Paper Lantern is a 1990 film."
    assert lead_range(text, sections, sentences) == (40, 69)
    assert lead_range(text, sections, [[0, 17], [70, 78]]) is None
