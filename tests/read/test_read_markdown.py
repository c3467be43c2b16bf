"""Markdown: rendered in the encyclopedia conventions."""

from __future__ import annotations

import pytest
from read_helpers import check_document, fixture, section_texts, sentence_texts

from backtrace.errors import ReadError
from backtrace.model import Document, Kind
from backtrace.read import read_bytes


def md(source: str, **kwargs: object) -> Document:
    return check_document(read_bytes(source.encode(), "notes.md", **kwargs))  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def article() -> Document:
    return check_document(read_bytes(fixture("article.md"), "article.md"))


def test_rendered_text(article: Document) -> None:
    assert article.text == (
        "= Lantern Road (2019 film) =\n"
        "\n"
        "- Directed by: Ines Calloway\n"
        "- Running time: 104 minutes\n"
        "- Starring: Dana Whitlock, Pieter Vos\n"
        "\n"
        "Lantern Road is a 2019 Canadian mystery film. It was shot on the Halvard Bridge.\n"
        "\n"
        "==Cast==\n"
        "\n"
        "- Dana Whitlock as Mara Quist\n"
        "- Pieter Vos as Det. Oren Sallis\n"
        "\n"
        "===Notes===\n"
        "\n"
        "Watch for the grey sedan in every act.\n"
    )


def test_metadata_title_and_front_matter(article: Document) -> None:
    assert article.source_format == "markdown"
    assert article.kind is Kind.ENCYCLOPEDIA
    assert article.title == "Lantern Road"
    assert article.title_explicit is True
    assert article.meta["disambiguation"] == "2019 film"
    assert article.date == "2021-05-06"
    assert article.meta["critic"] == "Pat Quill"


def test_sections_and_sentences(article: Document) -> None:
    sections = section_texts(article)
    assert sections["Infobox"] == (
        "- Directed by: Ines Calloway\n- Running time: 104 minutes\n"
        "- Starring: Dana Whitlock, Pieter Vos"
    )
    assert sections["Cast"].startswith("==Cast==\n\n- Dana")
    assert sections["Notes"] == "===Notes===\n\nWatch for the grey sedan in every act.\n"
    assert [(s.title, s.level) for s in article.sections] == [
        ("Infobox", 1), ("Cast", 1), ("Notes", 2),
    ]  # fmt: skip
    assert sentence_texts(article)[1:4] == [
        "- Directed by: Ines Calloway",
        "- Running time: 104 minutes",
        "- Starring: Dana Whitlock, Pieter Vos",
    ]


def test_a_key_value_list_after_prose_is_not_the_infobox() -> None:
    doc = md(
        "# Quiet Harbor\n\nA drama about ferries.\n\n- Director: Liv Aasen\n- Country: Norway\n"
    )
    assert "Infobox" not in section_texts(doc)
    assert doc.text.endswith("A drama about ferries.\n\n- Director: Liv Aasen\n- Country: Norway\n")


def test_a_bare_title_line_may_precede_the_infobox() -> None:
    doc = md(
        "# Quiet Harbor\n\nQuiet Harbor\n\n- Director: Liv Aasen\n- Country: Norway\n\nProse.\n"
    )
    assert section_texts(doc)["Infobox"] == "- Director: Liv Aasen\n- Country: Norway"


def test_a_list_that_is_not_all_key_value_is_not_the_infobox() -> None:
    doc = md("# Quiet Harbor\n\n- Director: Liv Aasen\n- filmed in winter\n\nProse.\n")
    assert "Infobox" not in section_texts(doc)
    assert "- Director: Liv Aasen\n- filmed in winter" in doc.text


def test_a_cast_list_under_a_heading_is_not_the_infobox() -> None:
    doc = md("## Cast\n\n- Ana Ruiz as Lena: a ferry pilot\n- Tom Brandt as Ewan: her brother\n")
    assert "Infobox" not in section_texts(doc)


def test_inline_markup_links_images_and_code() -> None:
    doc = md(
        "Some *emphasis*, __strong__, ~~struck~~ and `code`; a [link](https://example.org) "
        "and an image ![poster art](poster.png) here.\n"
    )
    assert doc.text == "Some emphasis, strong, struck and code; a link and an image here.\n"


def test_raw_html_and_scripts_are_dropped() -> None:
    doc = md(
        "Before <b>bold</b> and <script>alert(1)</script> after.\n\n"
        '<div onclick="steal()">\nraw block\n</div>\n\n<script>\nalert(2)\n</script>\n\nEnd.\n'
    )
    assert doc.text == "Before bold and after.\n\nEnd.\n"


def test_nested_and_ordered_lists_and_tables() -> None:
    doc = md(
        "1. First\n   - nested\n2. Second\n\n| Award | Result |\n|---|---|\n| Best Film | Won |\n"
    )
    assert doc.text == "- First\n- nested\n- Second\n\n- Award | Result\n- Best Film | Won\n"


def test_setext_headings_and_levels() -> None:
    doc = md("Title\n=====\n\nPart\n----\n\nText.\n\n#### Deep\n\nMore.\n")
    assert doc.text.startswith("= Title =\n\n==Part==\n\nText.\n\n====Deep====\n")
    assert [(s.title, s.level) for s in doc.sections] == [("Part", 1), ("Deep", 3)]


def test_front_matter_title_without_a_heading() -> None:
    doc = md("---\ntitle: Quiet Harbor\ndate: March 3, 2021\n---\nA note.\n", kind=Kind.OTHER)
    assert doc.text == "= Quiet Harbor =\n\nA note.\n"
    assert doc.title == "Quiet Harbor" and doc.title_explicit is True
    assert doc.date == "2021-03-03"


def test_markdown_with_no_text_is_an_error() -> None:
    with pytest.raises(ReadError, match="no text in Markdown"):
        read_bytes(b"<div>\nonly html\n</div>\n\n![img](x.png)\n", "empty.md")


@pytest.mark.parametrize(
    "unit", ["=", "*", "_ ", "~", "&amp;", "<a>", "\\*", "**a ", "x<y"]
)
def test_a_long_run_of_markup_characters_is_read_in_linear_time(unit: str) -> None:
    """200,000 characters: minutes (or gigabytes) for the quadratic parser, a second now."""
    source = "Some words. " + unit * (200_000 // len(unit))
    doc = read_bytes(source.encode(), "run.md")
    assert doc.text.startswith("Some words.")


def test_long_runs_keep_their_text() -> None:
    doc = read_bytes(("Stars: " + "*" * 50_000 + " and = signs " + "=" * 50_000).encode(), "s.md")
    assert doc.text == "Stars: " + "*" * 50_000 + " and = signs " + "=" * 50_000 + "\n"


def test_the_bounded_parser_gives_the_same_tokens_as_markdown_it() -> None:
    """The rules that keep parsing linear change nothing on ordinary Markdown, even with
    text handed over every 3 characters."""
    import random

    from markdown_it import MarkdownIt

    from backtrace.read import markdown_limits
    from backtrace.read.markdown import _PARSER

    stock = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    pieces = [
        *"*_~[]()!<>&#;:=-+`\\\n |.x", "&amp;", "&#65;", "&#x41;", "&bogus;", "<a href='x'>",
        "</a>", "<!-- c -->", "**", "\n\n", "# ", "- ", "1. ", "> ", "    ", "```", "word",
        "Zoë", "<?p?>", "<![CDATA[x]]>", "&#0;", "&#xD800;", "  \n", "[a](b)", "![i](j)",
    ]  # fmt: skip
    rng = random.Random(23)
    sources = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 60))) for _ in range(800)]
    for limit in (markdown_limits.PENDING_LIMIT, 3):
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(markdown_limits, "PENDING_LIMIT", limit)
            for source in sources:
                assert _PARSER.render(source) == stock.render(source), source
