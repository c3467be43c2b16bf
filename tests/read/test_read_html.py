"""HTML: boilerplate removed, rendered in the encyclopedia conventions, never crashing."""

from __future__ import annotations

import hashlib
import warnings

import pytest
from read_helpers import check_document, fixture, section_texts, sentence_texts

from backtrace.errors import ReadError
from backtrace.model import Document, Kind
from backtrace.read import read_bytes
from backtrace.read.html_clean import strip_site_name


def html(body: str, head: str = "", path: str = "page.html", **kwargs: object) -> Document:
    page = f"<html><head>{head}</head><body>{body}</body></html>"
    return check_document(read_bytes(page.encode(), path, **kwargs))  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def page() -> Document:
    return check_document(read_bytes(fixture("page.html"), "page.html"))


def test_rendered_text_of_a_full_page(page: Document) -> None:
    assert page.text == (
        "= Lantern Road (2019 film) =\n"
        "\n"
        "- Directed by: Ines Calloway\n"
        "- Starring: Dana Whitlock, Pieter Vos\n"
        "- Music by: Haruki Bell, Tomas Ek\n"
        "- Running time: 104 minutes\n"
        "\n"
        "Lantern Road is a 2019 Canadian mystery film by Ines Calloway. "
        "It was shot on the Halvard Bridge.\n"
        "\n"
        "==Plot==\n"
        "\n"
        "Mara counts cars at night. A grey sedan keeps coming back.\n"
        "\n"
        "===Ending===\n"
        "\n"
        "She follows it at dawn.\n"
        "\n"
        "==Cast==\n"
        "\n"
        "- Dana Whitlock as Mara Quist\n"
        "- Pieter Vos as Det. Oren Sallis\n"
    )


def test_page_metadata(page: Document) -> None:
    assert page.source_format == "html"
    assert page.kind is Kind.ENCYCLOPEDIA
    assert page.title == "Lantern Road"
    assert page.title_explicit is True
    assert page.meta["disambiguation"] == "2019 film"
    assert page.meta["html_title"] == "Lantern Road (2019 film)"
    assert page.date == "2021-06-30"


def test_page_sections_and_sentences(page: Document) -> None:
    sections = section_texts(page)
    assert sections["Infobox"] == (
        "- Directed by: Ines Calloway\n- Starring: Dana Whitlock, Pieter Vos\n"
        "- Music by: Haruki Bell, Tomas Ek\n- Running time: 104 minutes"
    )
    assert sections["Plot"].startswith("==Plot==") and sections["Plot"].endswith("dawn.\n\n")
    assert sections["Ending"] == "===Ending===\n\nShe follows it at dawn.\n\n"
    assert [(s.title, s.level) for s in page.sections] == [
        ("Infobox", 1), ("Plot", 1), ("Ending", 2), ("Cast", 1),
    ]  # fmt: skip
    sentences = sentence_texts(page)
    assert "- Music by: Haruki Bell, Tomas Ek" in sentences
    assert "It was shot on the Halvard Bridge." in sentences
    assert sentences[-1] == "- Pieter Vos as Det. Oren Sallis"


def test_boilerplate_is_gone(page: Document) -> None:
    for gone in ("tracker", "color", "Reelopedia", "Films", "crumbs", "Trending", "Share this",
                 "Great movie", "Related reading", "All rights", "[1]", "Fine"):  # fmt: skip
        assert gone not in page.text, gone


def test_hostile_html_keeps_only_text() -> None:
    doc = check_document(read_bytes(fixture("hostile.html"), "hostile.html"))
    assert doc.text == (
        "Safe words before.\n\nClick this harmless link now.\n\nSafe words after.\n"
    )
    for bad in ("alert", "pwned", "javascript", "onerror", "steal", "evil", "svg text",
                "hidden payload", "enable scripts", "template body", "comment"):  # fmt: skip
        assert bad not in doc.text, bad


def test_malformed_html_is_recovered() -> None:
    page = (
        b"<html><body><div><p>First <b>bold <i>part</p></div></div></span>"
        b"<p>Second part<li>loose item<table><tr><td>cell</div>\x1b garbage <<>> &bogus; end"
    )
    doc = check_document(read_bytes(page, "broken.html"))
    assert "First bold part" in doc.text
    assert "Second part" in doc.text
    assert "- loose item" in doc.text
    assert "end" in doc.text


def test_deeply_nested_html_does_not_exhaust_the_stack() -> None:
    page = "<div>" * 3000 + "<p>Deep text.</p>" + "</div>" * 3000
    doc = read_bytes(f"<html><body>{page}</body></html>".encode(), "deep.html")
    assert "Deep text." in doc.text


N = 5000  # deep enough that work quadratic in the depth would take minutes


@pytest.mark.parametrize(
    ("nested", "expected"),
    [
        ("<table><tr><td>" * N + "cell" + "</td></tr></table>" * N, "- cell"),
        ("<table><tr><th>Key</th><td>" * N + "v" + "</td></tr></table>" * N, "- Key: Key"),
        ("<dl><dd>" * N + "term" + "</dd></dl>" * N, "- term"),
        ("<article>" * N + "<p>In an article.</p>" + "</article>" * N, "In an article."),
        ("<nav>" * N + "menu" + "</nav>" * N + "<p>After the menu.</p>", "After the menu."),
        ("<header>" * N + "site" + "</header>" * N + "<p>After the header.</p>", "After the"),
        ('<div class="ad">' * N + "buy" + "</div>" * N + "<p>After the ad.</p>", "After the ad."),
    ],
    ids=["tables", "pair-tables", "definitions", "articles", "navs", "headers", "ads"],
)
def test_deep_nesting_of_any_element_takes_linear_time(nested: str, expected: str) -> None:
    doc = read_bytes(f"<html><body>{nested}</body></html>".encode(), "deep.html")
    assert doc.text.startswith(expected)
    assert not {"menu", "site", "buy"} & set(doc.text.split())


def test_a_row_of_removed_elements_and_of_tables() -> None:
    page = "<nav>menu</nav>" * N + "<table><tr><th>A</th><td>b</td></tr></table>" * 2000
    doc = read_bytes(f"<html><body>{page}<p>Body.</p></body></html>".encode(), "row.html")
    assert "menu" not in doc.text and doc.text.count("- A: b") == 2000


def test_nested_lists_of_definitions_are_read_once() -> None:
    page = "<dl><dt>Outer</dt><dd>one<dl><dt>Inner</dt><dd>two</dd></dl></dd></dl>"
    doc = read_bytes(f"<html><body>{page}</body></html>".encode(), "dl.html")
    assert doc.text == "- Outer: one Inner two\n"


@pytest.mark.parametrize(
    "page",
    [
        "<html><body><script>only()</script><style>p{}</style></body></html>",
        "<html><head><title>Only a title</title></head><body>  </body></html>",
        "<html><body><nav>menu</nav><footer>foot</footer></body></html>",
        "<!-- nothing -->",
    ],
)
def test_no_text_after_cleaning_is_an_error(page: str) -> None:
    with pytest.raises(ReadError) as caught:
        read_bytes(page.encode(), "empty.html")
    assert caught.value.reason == "no text in HTML after removing markup"


def test_article_is_the_root_and_its_header_is_kept() -> None:
    body = (
        "<header><p>Site banner text</p></header>"
        "<p>Outside the article.</p>"
        "<article><header><p>By Ana Ruiz</p></header><p>Inside the article.</p></article>"
        "<article><p>Short.</p></article>"
    )
    doc = html(body)
    assert doc.text == "By Ana Ruiz\n\nInside the article.\n"
    assert doc.meta["critic"] == "Ana Ruiz"


def test_main_is_the_root_without_an_article() -> None:
    doc = html("<p>Outside.</p><main><p>Inside main.</p></main>")
    assert doc.text == "Inside main.\n"


def test_h1_outside_the_root_is_still_the_title() -> None:
    doc = html("<h1>Quiet Harbor</h1><article><p>A film about ferries.</p></article>")
    assert doc.text.startswith("= Quiet Harbor =\n\n")


def test_pair_table_before_the_first_paragraph_is_an_infobox() -> None:
    body = (
        "<h1>Quiet Harbor</h1><table><tr><th>Director</th><td>Liv Aasen</td></tr>"
        "<tr><th>Country</th><td>Norway</td></tr></table>"
        "<p>Quiet Harbor is a 2017 Norwegian drama film.</p>"
        "<table><tr><th>Award</th><td>Best Film</td></tr><tr><td>a</td><td>b</td></tr></table>"
    )
    doc = html(body)
    assert section_texts(doc)["Infobox"] == "- Director: Liv Aasen\n- Country: Norway"
    assert doc.text.endswith("- Award: Best Film\n- a | b\n")
    assert doc.kind is Kind.ENCYCLOPEDIA


def test_pair_table_after_a_paragraph_is_not_an_infobox() -> None:
    rows = "<tr><th>A</th><td>1</td></tr><tr><th>B</th><td>2</td></tr>"
    body = f"<p>Notes first.</p><table>{rows}</table>"
    doc = html(body)
    assert "Infobox" not in section_texts(doc)
    assert doc.text == "Notes first.\n\n- A: 1\n- B: 2\n"


def test_lists_paragraphs_and_whitespace() -> None:
    body = (
        "<div>Intro   text <span>with</span>\n spans</div>"
        "<ul><li>One <b>bold</b></li><li>Two<ul><li>Two and a half</li></ul></li></ul>"
        "<ol><li>Three</li></ol><p>Line<br>break &amp; entity&nbsp;here.</p>"
        "<dl><dt>Runtime</dt><dd>90 minutes</dd></dl>"
    )
    doc = html(body)
    assert doc.text == (
        "Intro text with spans\n\n- One bold\n- Two\n- Two and a half\n\n- Three\n\n"
        "Line break & entity here.\n\n- Runtime: 90 minutes\n"
    )


def test_headings_map_to_levels() -> None:
    doc = html("<h1>T</h1><h2>A</h2><p>x.</p><h3>B</h3><p>y.</p><h4>C</h4><p>z.</p><h1>Again</h1>")
    assert [(s.title, s.level) for s in doc.sections] == [
        ("A", 1),
        ("B", 2),
        ("C", 3),
        ("Again", 1),
    ]
    assert "====C====" in doc.text and "==Again==" in doc.text


def test_fallback_title_from_the_head() -> None:
    doc = html("<p>The club meets Thursday.</p>", head="<title>Club notes | Ferry Society</title>")
    assert doc.meta["html_title"] == "Club notes"
    assert doc.title == "Club notes"
    assert doc.title_explicit is False


def test_dates_and_author_from_meta_and_time() -> None:
    head = '<meta name="author" content="Maya Thornbury"><meta name="date" content="March 3, 2021">'
    doc = html("<p>Words.</p>", head=head)
    assert doc.date == "2021-03-03"
    assert doc.meta["critic"] == "Maya Thornbury"
    doc = html('<article><time datetime="2019-09-20T10:00">Sept 20</time><p>Words.</p></article>')
    assert doc.date == "2019-09-20"


def test_a_news_headline_is_not_an_explicit_title() -> None:
    doc = html(
        "<h1>Salt Flats gets a first trailer</h1><p>Northgate announced the cast today, and "
        "the first poster and trailer arrive next week.</p>",
        head='<meta property="article:published_time" content="2021-03-04">',
    )
    assert doc.kind is Kind.NEWS
    assert doc.title == "Salt Flats gets a first trailer"
    assert doc.title_explicit is False
    assert doc.meta["headline"] == "Salt Flats gets a first trailer"


@pytest.mark.parametrize("start", ["<!DOCTYPE html>", "  <html>", "<!doctype HTML>"])
def test_html_is_sniffed_in_a_txt_file(start: str) -> None:
    doc = read_bytes(f"{start}<body><p>Sniffed.</p></body></html>".encode(), "page.txt")
    assert doc.source_format == "html"
    assert doc.text == "Sniffed.\n"


def test_format_can_be_forced() -> None:
    doc = read_bytes(b"<p>Literal tags.</p>", "page.html", fmt="text")
    assert doc.text == "<p>Literal tags.</p>"
    with pytest.raises(ValueError):
        read_bytes(b"x", "page.html", fmt="pdf")


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Lantern Road - Filmpedia", "Lantern Road"),
        ("Lantern Road | Reviews | The Lamplight", "Lantern Road"),
        ("Spider-Man: Far Away — Site", "Spider-Man: Far Away"),
        ("Plain title", "Plain title"),
    ],
)
def test_strip_site_name(title: str, expected: str) -> None:
    assert strip_site_name(title) == expected


def test_text_that_looks_like_a_url_is_read_without_warnings() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        doc = read_bytes(b"https://example.org/lantern-road", "link.html")
    assert doc.text == "https://example.org/lantern-road\n"


def test_the_id_is_the_hash_of_the_source_text(page: Document) -> None:
    assert page.id == hashlib.sha256(fixture("page.html")).hexdigest()[:16]  # UTF-8, LF
