"""Plain text and encyclopedia text: title, sections, infobox, date, byline, sentences."""

from __future__ import annotations

import hashlib

import pytest
from read_helpers import check_document, fixture, section_texts, sentence_texts

from backtrace.model import Document, Kind
from backtrace.read import read_bytes
from backtrace.read.markup import key_value, parse_structure, split_disambiguation


@pytest.fixture(scope="module")
def encyclopedia() -> Document:
    return check_document(read_bytes(fixture("encyclopedia.txt"), "wiki/lantern.txt"))


def test_identity_and_text_kept_as_is(encyclopedia: Document) -> None:
    data = fixture("encyclopedia.txt")
    assert encyclopedia.id == hashlib.sha256(data).hexdigest()[:16]
    assert encyclopedia.path == "wiki/lantern.txt"
    assert encyclopedia.text == data.decode("utf-8")
    assert encyclopedia.source_format == "text"


def test_title_and_disambiguation(encyclopedia: Document) -> None:
    assert encyclopedia.kind is Kind.ENCYCLOPEDIA
    assert encyclopedia.title == "Lantern Road"
    assert encyclopedia.title_explicit is True
    assert encyclopedia.meta["disambiguation"] == "2019 film"
    assert encyclopedia.date is None


def test_infobox_section(encyclopedia: Document) -> None:
    infobox = section_texts(encyclopedia)["Infobox"]
    assert infobox.startswith("- Director: Ines Calloway\n")
    assert infobox.endswith("- Budget: $4.5 million")
    assert infobox.count("\n") == 8
    section = encyclopedia.sections[0]
    assert (section.title, section.level) == ("Infobox", 1)


def test_heading_sections_and_levels(encyclopedia: Document) -> None:
    text = encyclopedia.text
    by_title = {s.title: s for s in encyclopedia.sections}
    assert [s.title for s in encyclopedia.sections] == [
        "Infobox", "Plot", "Cast", "Release", "Festivals", "Box office",
    ]  # fmt: skip
    assert {t: s.level for t, s in by_title.items()}["Festivals"] == 2
    plot = by_title["Plot"]
    assert text[plot.start : plot.end].startswith("==Plot==\n\nNight after night")
    assert plot.end == by_title["Cast"].start
    release, festivals, box = by_title["Release"], by_title["Festivals"], by_title["Box office"]
    assert release.end == len(text)  # no later level-1 heading
    assert festivals.end == box.start
    assert text[box.start : box.end].startswith("===Box office===")
    assert box.end == len(text)
    assert encyclopedia.section_at(text.index("Halifax")) == festivals


def test_sentences_of_an_encyclopedia_entry(encyclopedia: Document) -> None:
    sentences = sentence_texts(encyclopedia)
    assert sentences[:4] == [
        "= Lantern Road (2019 film) =",
        "Lantern Road",
        "- Director: Ines Calloway",
        "- Producer: Omar Feld, Ruth Abernathy",
    ]
    assert "- Budget: $4.5 million" in sentences
    assert (
        "When a grey sedan passes at 3 a.m. for the fourth time, she writes down its plate."
        in sentences
    )
    assert "Det. Oren Sallis tells her to go home." in sentences
    assert "- Pieter Vos as Det. Oren Sallis" in sentences
    assert "She trusts nobody." in sentences
    assert sentences[-1] == 'One critic called it "patient...and quietly eerie."'


def test_news_leading_date_on_the_body_line() -> None:
    doc = check_document(read_bytes(fixture("news.txt"), "news.txt"))
    assert doc.kind is Kind.NEWS
    assert doc.date == "2020-02-11"
    assert doc.meta["date_source"] == "text"
    assert doc.text.startswith(" date 2020-02-11 Northgate")  # kept in the text
    sentences = sentence_texts(doc)
    assert sentences[0] == "date 2020-02-11"
    assert sentences[1].startswith("Northgate Pictures has announced")
    assert doc.title is None and doc.title_explicit is False


def test_date_on_its_own_line_and_written_out() -> None:
    for first in ("date 2021-03-03", "Date: March 3, 2021", "Published: 3 March 2021"):
        doc = check_document(read_bytes(f"{first}\nThe festival opened.\n".encode(), "n.txt"))
        assert doc.date == "2021-03-03", first
        assert sentence_texts(doc) == [first, "The festival opened."]


@pytest.mark.parametrize(
    "first", ["date 2021-02-30 Body.", "Date: March 2021\nBody.", "Dated notes follow.\n"]
)
def test_no_date_when_incomplete_or_invalid(first: str) -> None:
    assert read_bytes(first.encode(), "n.txt").date is None


def test_review_byline() -> None:
    doc = check_document(read_bytes(fixture("review.txt"), "review.txt"))
    assert doc.kind is Kind.REVIEW
    assert doc.meta["byline"] == "Maya Thornbury, The Lamplight Review"
    assert doc.meta["critic"] == "Maya Thornbury"
    assert doc.meta["outlet"] == "The Lamplight Review"
    assert sentence_texts(doc)[0] == "By Maya Thornbury, The Lamplight Review"


def test_byline_without_blank_line_is_its_own_sentence() -> None:
    doc = read_bytes(b"By Ana Ruiz\nThe ferry scenes are lovely.\n", "r.txt")
    assert doc.meta["critic"] == "Ana Ruiz" and "outlet" not in doc.meta
    assert sentence_texts(doc) == ["By Ana Ruiz", "The ferry scenes are lovely."]


def test_prose_starting_with_by_is_not_a_byline() -> None:
    doc = read_bytes(b"By Tuesday, the crew had left the island.\n", "r.txt")
    assert "byline" not in doc.meta


@pytest.mark.parametrize(
    ("line", "title", "level"),
    [("==Plot==", "Plot", 1), ("== Plot ==", "Plot", 1), ("===Home media===", "Home media", 2),
     ("=== Home media ===", "Home media", 2), ("====Deep====", "Deep", 3)],
)  # fmt: skip
def test_heading_spellings(line: str, title: str, level: int) -> None:
    text = f"Intro line.\n{line}\nBody text.\n"
    sections = parse_structure(text).sections
    assert [(s.title, s.level, s.start) for s in sections] == [(title, level, 12)]
    assert text[sections[0].start : sections[0].end] == f"{line}\nBody text.\n"


def test_mismatched_heading_marks_are_not_headings() -> None:
    assert parse_structure("Intro.\n==Plot===\nBody.\n").sections == []


def test_infobox_needs_to_come_before_prose() -> None:
    text = "= Quiet Harbor =\n\nA drama about ferries.\n\n- Director: Liv Aasen\n"
    assert parse_structure(text).infobox is None


def test_infobox_directly_under_the_title() -> None:
    text = "= Quiet Harbor =\n- Director: Liv Aasen\n- Country: Norway\nA film.\n"
    structure = parse_structure(text)
    assert structure.infobox is not None
    assert text[structure.infobox.start : structure.infobox.end] == (
        "- Director: Liv Aasen\n- Country: Norway"
    )


def test_plain_text_without_markup() -> None:
    doc = check_document(read_bytes(b"Just a note about ferries.\nNothing more", "n.txt"))
    assert doc.sections == [] and doc.title is None
    assert doc.kind is Kind.OTHER


def test_news_title_markup_is_a_headline() -> None:
    text = "= Salt Flats gets a trailer =\n\nThe studio announced the cast today.\n"
    doc = read_bytes(text.encode(), "n.txt", kind=Kind.NEWS)
    assert doc.title == "Salt Flats gets a trailer"
    assert doc.title_explicit is False
    assert doc.meta["headline"] == "Salt Flats gets a trailer"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Backlot (film)", ("Backlot", "film")),
        ("Backlot (2018 film)", ("Backlot", "2018 film")),
        ("Backlot (TV series)", ("Backlot", "TV series")),
        ("Backlot (1999)", ("Backlot", "1999")),
        ("Backlot (Part Two)", ("Backlot (Part Two)", None)),
        ("(500) Nights", ("(500) Nights", None)),
    ],
)
def test_disambiguation(title: str, expected: tuple[str, str | None]) -> None:
    assert split_disambiguation(title) == expected


@pytest.mark.parametrize(
    ("line", "pair"),
    [
        ("- Director: Liv Aasen", ("Director", "Liv Aasen")),
        ("* Running time: 90 minutes", ("Running time", "90 minutes")),
        ("- Released:", ("Released", "")),
        ("- A sentence that ends. Then: more", None),
        ("- Director Liv Aasen", None),
        ("Director: Liv Aasen", None),
    ],
)
def test_key_value_lines(line: str, pair: tuple[str, str] | None) -> None:
    assert key_value(line) == pair


def test_bare_heading_lines_make_sections() -> None:
    text = ("Marsh Light is a 2018 drama film directed by Ida Crane.\n\nPlot\nA keeper waits "
            "for a ship.\n\nCast\nNia Vance\nLeo Marsh as Tom\n\nProduction\nDevelopment\n"
            "The film was shot in Maine.\n")
    doc = check_document(read_bytes(text.encode(), "marsh.txt"))
    sections = section_texts(doc)
    assert [s.title for s in doc.sections] == ["Plot", "Cast", "Production", "Development"]
    assert sections["Cast"].strip() == "Cast\nNia Vance\nLeo Marsh as Tom"
    assert sections["Development"].rstrip().endswith("shot in Maine.")


@pytest.mark.parametrize("text", [
    # inside a paragraph, or with nothing after it, a word alone is no heading
    "The lighthouse stood dark.\nCast\nwas the word the keeper used.\n",
    "The lighthouse stood dark.\n\nReception\n",
    # a line that is not a heading word
    "The lighthouse stood dark.\n\nMarsh Light\nA keeper waits.\n",
    # lower case
    "The lighthouse stood dark.\n\ncast\nNia Vance\n",
])
def test_no_bare_heading(text: str) -> None:
    assert read_bytes(text.encode(), "marsh.txt").sections == []


@pytest.mark.parametrize("fmt", ["txt", "html", "md"])
def test_the_id_is_the_text_whatever_the_encoding_and_line_ends(fmt: str) -> None:
    text = "= Lantern Road =\n\nA review of Lantern Road, by Zoë Marsh.\n\nIt glows.\n"
    copies = [
        text.encode("utf-8"),
        text.replace("\n", "\r\n").encode("utf-8"),
        text.replace("\n", "\r").encode("utf-8"),
        b"\xef\xbb\xbf" + text.encode("utf-8"),
        text.encode("utf-16"),
        text.replace("\n", "\r\n").encode("utf-16-le"),
        text.encode("utf-32"),
        text.encode("cp1252"),
    ]
    docs = [read_bytes(data, f"copy.{fmt}") for data in copies]
    assert {doc.id for doc in docs} == {hashlib.sha256(text.encode()).hexdigest()[:16]}
    assert len({doc.text for doc in docs}) == 1
    changed = read_bytes(text.replace("glows", "shines").encode(), f"copy.{fmt}")
    assert changed.id != docs[0].id
