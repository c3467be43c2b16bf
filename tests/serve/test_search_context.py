"""Search hits a researcher can tell apart, grouped and paged.

Four people of one family name (written for these tests: every film, name and sentence
below is invented) are told apart by their main role and the works they are best known
for; a film hit shows its year and director.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from asgi_client import Client

FILMS = {
    "lamplighters-waltz.txt": """\
= The Lamplighter's Waltz (film) =

The Lamplighter's Waltz
- Director: Osric Pemberley
- Writer: Osric Pemberley
- Producer: Marguerite Pemberley
- Starring: Hedda Pemberley, Clement Ashgrove
- Music: Ines Fallowmere
- Released: March 3, 1931
- Country: United Kingdom

The Lamplighter's Waltz is a 1931 British musical film directed by Osric Pemberley.
Hedda Pemberley plays a lamplighter's daughter who wins a dance contest.
""",
    "tin-harbour.txt": """\
= Tin Harbour (film) =

Tin Harbour
- Director: Osric Pemberley
- Producer: Agatha Crane
- Starring: Rupert Vane
- Music: Linus Pemberley
- Released: June 9, 1934
- Country: United Kingdom

Tin Harbour is a 1934 British drama film directed by Osric Pemberley.
Rupert Vane plays a tinsmith who keeps a harbour light burning through a strike.
""",
    "saltwater-parade.txt": """\
= Saltwater Parade (film) =

Saltwater Parade
- Director: Wilhelmina Stroud
- Producer: Marguerite Pemberley
- Writer: Marguerite Pemberley
- Starring: Hedda Pemberley, Rupert Vane
- Released: August 21, 1938
- Country: United Kingdom

Saltwater Parade is a 1938 British comedy film directed by Wilhelmina Stroud.
Hedda Pemberley and Rupert Vane play rival bandleaders at a seaside resort.
""",
}

# name -> (main role, the works shown, best known first)
EXPECTED = {
    "Osric Pemberley": ("director", ["The Lamplighter's Waltz (1931)", "Tin Harbour (1934)"]),
    "Hedda Pemberley": ("actor", ["Saltwater Parade (1938)", "The Lamplighter's Waltz (1931)"]),
    "Linus Pemberley": ("composer", ["Tin Harbour (1934)"]),
    "Marguerite Pemberley": ("producer", ["Saltwater Parade (1938)",
                                          "The Lamplighter's Waltz (1931)"]),
}


@pytest.fixture(scope="module")
def family(tmp_path_factory: pytest.TempPathFactory) -> Any:
    import backtrace
    from backtrace.serve import create_app

    root = tmp_path_factory.mktemp("family")
    corpus = root / "corpus"
    corpus.mkdir()
    for name, text in FILMS.items():
        (corpus / name).write_text(text, encoding="utf-8")
    db = root / "family.db"
    with backtrace.open(db) as kb:
        assert not kb.ingest([corpus]).failed
    app = create_app(str(db), cache_size=0)  # no cache: a test changes the page size
    yield Client(app)
    app.state.site.store.close()


def _work(w: dict[str, Any]) -> str:
    return f"{w['title']} ({w['year']})"


def test_four_people_of_one_name_are_told_apart(family: Client) -> None:
    found = family.get("/search.json", params={"q": "pemberley"}).json()
    people = {p["name"]: p for p in found["people"]}
    assert set(EXPECTED) <= set(people)
    for name, (role, works) in EXPECTED.items():
        assert people[name]["role"] == role, name
        assert sorted(_work(w) for w in people[name]["known_for"]) == sorted(works), name
    # the work crediting them in most roles first: Osric directed and wrote the Waltz,
    # Marguerite produced and wrote the Parade
    assert _work(people["Osric Pemberley"]["known_for"][0]) == "The Lamplighter's Waltz (1931)"
    assert _work(people["Marguerite Pemberley"]["known_for"][0]) == "Saltwater Parade (1938)"
    lines = {(p["role"], tuple(sorted(_work(w) for w in p["known_for"])))
             for p in people.values() if p["name"] in EXPECTED}
    assert len(lines) == 4  # no two of them read alike
    html = family.get("/search", params={"q": "pemberley"}).text
    for name, (role, works) in EXPECTED.items():
        item = re.search(rf'<li><a href="/person/\d+">{name}</a>(.*?)</li>', html, re.S)
        assert item is not None, name
        assert f'<span class="context">{role}</span>' in item.group(1)
        for work in works:
            title, year = work.rsplit(" (", 1)
            assert f">{title.replace(chr(39), '&#39;')}</a> ({year}" in item.group(1), work


def test_a_film_hit_shows_its_year_and_director(family: Client) -> None:
    found = family.get("/search.json", params={"q": "tin harbour"}).json()
    film = found["films"][0]
    assert (film["name"], film["year"], film["directors"]) == (
        "Tin Harbour", 1934, ["Osric Pemberley"])
    html = family.get("/search", params={"q": "tin harbour"}).text
    assert re.search(r'<a href="/film/\d+">Tin Harbour</a> \(1934\) '
                     r'<span class="context">directed by Osric Pemberley</span>', html)


def test_hits_are_grouped_and_paged(family: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    import backtrace.serve.finder as finder

    monkeypatch.setattr(finder, "LIMIT", 2)
    first = family.get("/search.json", params={"q": "pemberley"}).json()
    assert len(first["people"]) == 2 and first["more"]["people"]
    assert first["group"] is None and first["offset"] == 0
    names = [p["name"] for p in first["people"]]
    seen = list(names)
    url = first["next"]["people"]
    assert parse_qs(urlsplit(url).query) == {"q": ["pemberley"], "group": ["people"],
                                             "offset": ["2"]}
    while url:
        page = family.get(url).json()
        assert page["group"] == "people" and not page["films"] and not page["documents"]
        assert "answer" not in page  # a page of one group is not asked as a question
        seen += [p["name"] for p in page["people"]]
        url = page["next"]["people"]
    assert len(seen) == len(set(seen)) and set(EXPECTED) <= set(seen)
    html = family.get("/search", params={"q": "pemberley", "group": "people",
                                         "offset": "2"}).text
    assert ('rel="next"' in html) == (len(seen) > 4)
    assert 'href="/search?q=pemberley&amp;group=people&amp;offset=0" rel="prev"' in html
    assert 'href="/search?q=pemberley">All results</a>' in html
    assert "<h2>People</h2>" in html and "<h2>Films</h2>" not in html
    whole = family.get("/search", params={"q": "pemberley"}).text
    assert whole.index("<h2>Films</h2>") < whole.index("<h2>People</h2>") < whole.index(
        "<h2>Documents</h2>")
    assert 'href="/search?q=pemberley&amp;group=people&amp;offset=2" rel="next"' in whole


@pytest.mark.parametrize("params", [{"group": "nonsense"}, {"offset": "x"},
                                    {"offset": "99999999"}, {"group": "people", "offset": "-3"}])
def test_paging_parameters_that_mean_nothing_are_ignored(family: Client,
                                                         params: dict[str, str]) -> None:
    for url in ("/search", "/search.json"):
        assert family.get(url, params={"q": "pemberley", **params}).status_code == 200
