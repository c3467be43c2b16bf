"""Kinds of works: what a title named in passing is (film, TV series, series of films, book,
play, song), what a document's own subject is, and what is never a work (years, numbers,
characters). Sentences written for these tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from backtrace.extract import extract
from backtrace.extract.film_mentions import FilmMentionsExtractor, find_mentions
from backtrace.extract.lead_sentence import LeadSentenceExtractor, document_work_type
from backtrace.extract.lead_shape import WORK_NOUNS, lead_work_type, number_only
from backtrace.model import WORK_TYPES, Document, EntityType, Kind
from backtrace.read.text import build_document

from .conftest import SEEDS

MakeDoc = Callable[..., Document]


def doc(text: str, title: str | None = "Glass Harbor") -> Document:
    return build_document(text, doc_id="t", path="t.txt", kind=Kind.NEWS, title=title)


def found(text: str, title: str | None = "Glass Harbor") -> set[tuple]:
    return {(m.title, m.kind, m.year, m.person) for m in find_mentions(doc(text, title))}


def test_the_table_names_only_kinds_of_works() -> None:
    assert set(WORK_NOUNS.values()) == set(WORK_TYPES)


# --- titles named in passing ------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "Mary Quinn spent four years on the sitcom Porch Light.",
    "Mary Quinn spent four years on TV's Porch Light.",
    "Mary Quinn spent four years on the BBC television series Porch Light.",
    "Mary Quinn spent four years on the Hulu series Porch Light.",
    "Mary Quinn spent four years on the soap opera Porch Light.",
])
def test_television_frames_name_a_tv_series(text: str) -> None:
    assert found(text) == {("Porch Light", "tv_series", None, "Mary Quinn")}


def test_a_year_frame_with_a_tv_noun_names_a_tv_series() -> None:
    assert found("Oliver Grant led the 2004 miniseries Copper Coast.") == {
        ("Copper Coast", "tv_series", 2004, "Oliver Grant")
    }


def test_a_verb_frame_takes_the_noun_before_the_title() -> None:
    assert found("Oliver Grant starred in the series Copper Coast and Ember.") == {
        ("Copper Coast", "tv_series", None, "Oliver Grant"),
        ("Ember", "film", None, "Oliver Grant"),
    }


@pytest.mark.parametrize("text", [
    "Oliver Grant returns for the Night Shift trilogy.",
    "Oliver Grant returns for the Night Shift film series.",
    "Oliver Grant returns for the Night Shift saga.",
])
def test_franchise_nouns_after_the_title_name_a_series_of_films(text: str) -> None:
    assert found(text) == {("Night Shift", "series", None, "Oliver Grant")}


def test_a_bare_series_noun_needs_a_name_before_it() -> None:
    assert found("Mary Quinn liked the series Finale Night best.") == set()


def test_books_plays_and_songs_credit_nobody_but_keep_their_year() -> None:
    text = ("Mary Quinn adapted the novel Copper Veil (1961), the play Lantern Street "
            "(1931) and the song Harbor Lights (1958).")
    assert found(text) == {
        ("Copper Veil", "book", 1961, None),
        ("Lantern Street", "play", 1931, None),
        ("Harbor Lights", "song", 1958, None),
    }
    claims = FilmMentionsExtractor()(doc(text))
    assert {c.property for c in claims} == {"year"}
    assert {(c.subject, c.subject_type) for c in claims} == {
        ("Copper Veil", "book"), ("Lantern Street", "play"), ("Harbor Lights", "song")}


def test_a_stage_musical_is_a_play_and_a_musical_alone_a_film() -> None:
    assert found("It borrows from the stage musical Tin Parade (1947).") == {
        ("Tin Parade", "play", 1947, None)
    }
    assert found("It borrows from the 1947 musical Tin Parade.") == {
        ("Tin Parade", "film", 1947, None)
    }


def test_play_as_a_verb_names_no_play() -> None:
    assert found("Oliver Grant went on to play Captain Midnight (1999).") == {
        ("Captain Midnight", "film", 1999, "Oliver Grant")
    }


def test_claims_carry_the_kind_as_a_plain_string() -> None:
    claims = FilmMentionsExtractor()(doc("Mary Quinn spent years on TV's Porch Light."))
    assert [(c.subject, c.subject_type) for c in claims] == [("Porch Light", "tv_series")]
    assert all(type(c.subject_type) is str for c in claims)


# --- what is never a work ---------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "Mary Quinn had appeared in 31 films by then.",
    "The story is by Thomas Pell (1874-1911), who never saw it filmed.",
    "The story is by Thomas Pell (1902).",
    "It was first staged as Harbor Song of '98 and later as Trail of '76 (1928).",
    "Its sequel came out as III (2004).",
    "Mary Quinn was in the 2018 series 4 finale.",
])
def test_numbers_and_years_are_never_works(text: str) -> None:
    assert {m.title for m in find_mentions(doc(text))} == set()


def test_number_only_titles() -> None:
    assert all(number_only(t) for t in ("76", "1874-1911", "1999", "III", "#111", "'98"))
    assert not any(number_only(t) for t in ("Dock Runner 3", "X2", "Night Shift II", "Mix"))


def test_a_title_of_numbers_is_a_film_only_when_called_one() -> None:
    assert found("Mary Quinn starred in the 2006 film 300.") == {
        ("300", "film", 2006, "Mary Quinn")
    }


@pytest.mark.parametrize("text", [
    "The supporting cast includes Hana Lind (Sheriff Opal Reyes), Tomas Vell "
    "(Garrick Moor) and Ida Shaw (Wren).",
    "Ida Shaw (Wren) narrates the whole film.",
    "The ferry pilot Garrick Moor (Vell) is the first to see it.",
    "It was made for Harbor Studios Incorporated (HSI).",
])
def test_one_item_in_parentheses_after_a_name_is_never_a_work(text: str) -> None:
    assert found(text) == set()


def test_one_item_with_a_word_of_a_work_is_still_a_credit() -> None:
    assert found("The cast adds Thomas Vell (TV's Porch Light).") == {
        ("Porch Light", "tv_series", None, "Thomas Vell")
    }


def test_parts_the_cast_list_names_are_no_works_in_a_list(make_doc: MakeDoc) -> None:
    prose = "Hannah Lind (Opal, Skipper) plays twice over in Glass Harbor.\n"
    cast = "\n==Cast==\n- Hannah Lind as Opal Reyes\n- Hannah Lind as Skipper\n"
    with_cast = make_doc(f"= Glass Harbor =\n\n{prose}{cast}")
    assert find_mentions(with_cast) == []
    without = make_doc(f"= Glass Harbor =\n\n{prose}")
    assert {m.title for m in find_mentions(without)} == {"Opal", "Skipper"}


def test_a_middle_initial_is_no_sequel_number() -> None:
    assert found("It starred Dusty V. Lane and Mary Quinn.") == set()
    assert found("Mary Quinn is back in Dusty V. It opens in May.") == {
        ("Dusty V", "film", None, "Mary Quinn")
    }


# --- the document's own subject ---------------------------------------------------------


@pytest.mark.parametrize(("sentence", "kind"), [
    ("Porch Light is an American television sitcom created by Mary Quinn.", "tv_series"),
    ("Copper Coast is a 2004 British miniseries written by Oliver Grant.", "tv_series"),
    ("Porch Light is a comedy series about a ferry crew.", "tv_series"),
    ("Night Shift is an American film series of heist films.", "series"),
    ("Night Shift is a series of four films by Oliver Grant.", "series"),
    ("Night Shift is a media franchise created by Oliver Grant.", "series"),
    ("Copper Veil is a 1961 novel by Hana Lind.", "book"),
    ("Lantern Street is a 1931 play by Tomas Vell.", "play"),
    ("Tin Parade is a stage musical with songs by Ida Shaw.", "play"),
    ("Harbor Lights is a 1958 song by Ida Shaw.", "song"),
    ("Ember is a 2004 American drama film directed by Oliver Grant.", "film"),
])
def test_lead_work_type(sentence: str, kind: str) -> None:
    lead = lead_work_type(sentence, 0, len(sentence))
    assert lead is not None
    assert (lead.kind, lead.subject) == (EntityType(kind), sentence.split(" is ")[0])


def test_lead_work_type_keeps_the_year_of_the_descriptor() -> None:
    sentence = "Copper Veil is a 1961 novel by Hana Lind."
    lead = lead_work_type(sentence, 0, len(sentence))
    assert lead is not None and (lead.kind, lead.year) == (EntityType.BOOK, 1961)


@pytest.mark.parametrize("sentence", [
    "Oliver Grant is an American film director.",
    "Mary Quinn is a television producer from Ohio.",
    "The ferry is a long way from home.",
])
def test_a_lead_about_no_work(sentence: str) -> None:
    assert lead_work_type(sentence, 0, len(sentence)) is None


def test_extraction_work_type_follows_the_lead(make_doc: MakeDoc) -> None:
    series = make_doc("= Porch Light =\n\nPorch Light is an American television sitcom "
                      "created by Mary Quinn. It ran for six seasons.\n")
    assert extract(series).work_type == "tv_series"
    film = make_doc("= Ember =\n\nEmber is a 2004 American drama film directed by Oliver "
                    "Grant. It was shot in Maine.\n")
    assert extract(film).work_type == "film"
    nothing = make_doc("= Ember =\n\nThe harbor was quiet that year.\n")
    assert extract(nothing).work_type == "film"


def test_a_lead_about_another_work_leaves_the_document_a_film(make_doc: MakeDoc) -> None:
    other = make_doc("= Ember =\n\nCopper Veil is a 1961 novel by Hana Lind. Ember, the "
                     "2004 film, adapts it.\n")
    assert document_work_type(other) == "film"
    news = build_document("Copper Veil is a 1961 novel by Hana Lind, and a film is coming.",
                          doc_id="n", path="n.txt", kind=Kind.NEWS, title=None)
    assert document_work_type(news) == "film"


def test_a_lead_whose_subject_is_a_split_off_number(make_doc: MakeDoc) -> None:
    text = ("= That's Showtime! III =\n\nThat's Showtime! III is a 1994 American documentary "
            "film released by Harbor Pictures.\n")
    claims = LeadSentenceExtractor()(make_doc(text))
    assert claims and all(c.subject is None for c in claims)
    assert ("year", 1994) in {(c.property, c.value) for c in claims}


def test_a_sentence_about_a_number_names_no_other_work(make_doc: MakeDoc) -> None:
    text = ("= Glass Harbor =\n\nGlass Harbor is a 2001 drama film by Oliver Grant. Its "
            "crew had made III. III is a 1998 comedy film starring Mary Quinn.\n")
    claims = LeadSentenceExtractor()(make_doc(text))
    assert {c.subject for c in claims} == {None}


# --- the seeds ----------------------------------------------------------------------------


@pytest.mark.realdata
def test_seed_works_are_typed() -> None:
    read = pytest.importorskip("backtrace.read")
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is absent")
    kinds: dict[str, set[str | None]] = {}
    for path in sorted(SEEDS.glob("*.txt")):
        for d in read.read_path(path):
            assert isinstance(d, Document)
            extraction = extract(d)
            assert extraction.work_type == "film"
            for c in extraction.claims:
                if c.subject is not None:
                    kinds.setdefault(c.subject, set()).add(c.subject_type)
    if not kinds:
        pytest.skip("the seeds name no other works")
    assert kinds.get("Escape Plan") == {"series"}  # "the Escape Plan franchise"
    assert kinds.get("Pretty Little Liars") == {"tv_series"}  # "TV's Pretty Little Liars"
    assert kinds.get("Rocky") == {"film"}
