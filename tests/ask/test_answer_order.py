"""Which answer comes first: a broad genre before a subgenre, a lead part before a
supporting one, the author a source work's sentence names (not a character of the work's
series, without a knighthood).

Every title and name here is invented for these tests."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from backtrace.ask.credits import LEAD_BILLING, _credit_key, source_authors

RECORDS = [
    # the lead calls it a spy film, the genres field says action and spy
    {"title": "Cinder Flats", "year": 1975, "cast": [], "genres": ["Action", "Spy"],
     "text": "Cinder Flats is a 1975 spy film directed by Nils Ardent."},
    # a novel of a detective's series, by a knighted author
    {"title": "Moor Lights", "year": 1939, "cast": [], "genres": [],
     "text": "Moor Lights is a 1939 American mystery film directed by Nils Ardent, based on "
             "the 1902 Inspector Vane novel of the same name by Sir Aldous Pryce."},
    # the "based on" value stops at the comma; its author is named after it
    {"title": "Salt Acre", "year": 2012, "cast": [], "genres": [],
     "text": "Salt Acre is a 2012 American drama film directed by Nils Ardent. It was "
             "based on Salt Acre, a 2004 memoir by journalist Wendell Orme."},
]


@pytest.fixture(scope="module")
def ask_first(kb_of: Any) -> Any:
    return kb_of(RECORDS).ask


def _values(result: dict[str, Any]) -> list[str]:
    return [a["value"] for a in result["answers"]]


def test_a_broad_genre_comes_before_a_subgenre(ask_first: Any) -> None:
    # "spy" is stated twice (the lead and the field), "action" once: still action first
    assert _values(ask_first("what genre is Cinder Flats?")) == ["action", "spy"]


def test_the_author_named_by_by_is_no_character_and_has_no_knighthood(ask_first: Any) -> None:
    result = ask_first("who wrote Moor Lights?")
    assert _values(result) == ["Aldous Pryce"]
    assert "Sir Aldous Pryce" in result["answers"][0]["sources"][0]["text"]


def test_an_author_named_after_the_based_on_value(ask_first: Any) -> None:
    result = ask_first("who wrote Salt Acre?")
    assert _values(result) == ["Wendell Orme"]
    assert _values(ask_first("what did Wendell Orme write?")) == ["Salt Acre"]


@pytest.mark.parametrize(("value", "authors"), [
    ("her own book by playwright and screenwriter Ada Marsh", ["Ada Marsh"]),
    ("a 1962 life story, written by his widow, Ada Marsh", ["Ada Marsh"]),
    ("the memoir Tin Roof by the band's lead singer Ada Marsh", ["Ada Marsh"]),
    ("the 1902 Inspector Vane novel by Sir Ada Marsh", ["Ada Marsh"]),
    ("the 1920 Ada Marsh novel", ["Ada Marsh"]),  # no "by": the name before is the author
    ("the novel by Ada Marsh and Kai Dorn", ["Ada Marsh", "Kai Dorn"]),
])
def test_source_authors_past_descriptions(value: str, authors: list[str]) -> None:
    assert source_authors(value) == authors


def _credit(position: int, own_film: int) -> Any:
    row = SimpleNamespace(property="cast_member", position=position)
    return SimpleNamespace(row=row, rows=[SimpleNamespace(doc_film=own_film)])


def test_a_lead_part_comes_before_a_supporting_one_stated_more() -> None:
    # billed second, stated once; billed sixth, stated by two sentences
    lead = _credit_key(1, [_credit(1, 1)], 1, (1, 0, 400), 1966, "Rust Meridian")
    support = _credit_key(2, [_credit(LEAD_BILLING + 1, 2)], 2, (1, 0, 400), 1960,
                          "Tallow Creek")
    assert lead < support
    # two leads: the one stated by more sentences first, whatever the billing
    second = _credit_key(3, [_credit(LEAD_BILLING - 1, 3)], 2, (1, 0, 400), 1970, "Gull Point")
    assert second < lead
