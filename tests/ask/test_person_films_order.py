"""A person's films, best first, and the authors of source works found by the name asked.

Every title and name here is invented for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from backtrace.ask.credits import author_key, authors_after, source_authors
from backtrace.ask.records import Source, Span

RECORDS = [
    # Wren Halloway leads Tin Lanterns (the starring phrase and the cast list name her)
    {"title": "Tin Lanterns", "year": 1962, "cast": ["Wren Halloway", "Otto Brisk"],
     "genres": ["Drama"],
     "text": "Tin Lanterns is a 1962 American drama film directed by Nils Ardent and "
             "starring Wren Halloway and Otto Brisk."},
    # ... and is billed sixth in the cast list of an earlier film, named nowhere else
    {"title": "Copper Bells", "year": 1958,
     "cast": ["Otto Brisk", "Jory Fenn", "Lise Amory", "Tam Rudd", "Cole Vant",
              "Wren Halloway"],
     "genres": ["Comedy"],
     "text": "Copper Bells is a 1958 American comedy film directed by Nils Ardent."},
    # two films both led by Pell Tarrow: the one other documents name is the better known
    {"title": "Slate Harbour", "year": 1971, "cast": ["Pell Tarrow"], "genres": ["Drama"],
     "text": "Slate Harbour is a 1971 British drama film directed by Ysolde Crane and "
             "starring Pell Tarrow."},
    {"title": "Amber Quay", "year": 1974, "cast": ["Pell Tarrow"], "genres": ["Drama"],
     "text": "Amber Quay is a 1974 British drama film directed by Ysolde Crane and "
             "starring Pell Tarrow. It was a success at the box office."},
    {"title": "Amber Quay II", "year": 1977, "cast": ["Dara Wick"], "genres": ["Drama"],
     "text": "Amber Quay II is a 1977 British drama film directed by Ysolde Crane and "
             "starring Dara Wick. It is a sequel to the 1974 film Amber Quay."},
    # the author of a source work, named after a comma; a person of a shorter name exists
    {"title": "Oak Hill", "year": 1980, "cast": ["Rafe Dunmore"], "genres": ["Drama"],
     "text": "Oak Hill is a 1980 American drama film directed by Ysolde Crane and "
             "starring Rafe Dunmore. It is based on Oak Hill, a 1976 novel by Merrit "
             "Vane Osgood."},
    {"title": "Marrow Lane", "year": 1983, "cast": ["Dara Wick"], "genres": ["Drama"],
     "text": "Marrow Lane is a 1983 American drama film directed by Nils Ardent and "
             "starring Dara Wick. The screenplay is based on Lantern Yard, an unproduced "
             "stage play by Hester Quaile and Bram Oduya."},
    {"title": "Gull Point", "year": 1985, "cast": ["Merrit Osgood"], "genres": ["Drama"],
     "text": "Gull Point is a 1985 American drama film directed by Nils Ardent and "
             "starring Merrit Osgood."},
]


@pytest.fixture(scope="module")
def ask_order(kb_of: Any) -> Any:
    return kb_of(RECORDS).ask


def _values(result: dict[str, Any]) -> list[str]:
    return [a["value"] for a in result["answers"]]


def test_a_lead_role_comes_before_a_passing_credit(ask_order: Any) -> None:
    # Copper Bells is the older film (the old order put it first): she is billed sixth
    # there, named by the cast list alone
    result = ask_order("what films did Wren Halloway star in?")
    assert _values(result) == ["Tin Lanterns", "Copper Bells"]


def test_of_two_leads_the_better_known_film_comes_first(ask_order: Any) -> None:
    # both led by Pell Tarrow, stated alike; another document names Amber Quay
    result = ask_order("what movies did Pell Tarrow act in?")
    assert _values(result) == ["Amber Quay", "Slate Harbour"]


def test_the_author_named_after_the_work(ask_order: Any) -> None:
    result = ask_order("what films did Hester Quaile write?")
    assert _values(result) == ["Marrow Lane"]
    assert "Hester Quaile" in result["answers"][0]["sources"][0]["text"]
    assert "author" in result["note"]


def test_a_writer_asked_by_a_fuller_name_than_the_person_found(ask_order: Any) -> None:
    # "Merrit Vane Osgood" finds the actor Merrit Osgood (a middle name left out), who
    # wrote nothing: the novel's author is the one asked about
    result = ask_order("which films did Merrit Vane Osgood write?")
    assert _values(result) == ["Oak Hill"]
    assert result["interpretation"]["entity"]["name"] == "Merrit Vane Osgood"
    assert "author" in result["note"]
    # the actor himself is still found by his own name
    assert _values(ask_order("what films did Merrit Osgood star in?")) == ["Gull Point"]


@pytest.mark.parametrize(("value", "expected"), [
    ("the 1920 Ada Marsh novel Oak Hill", ["Ada Marsh"]),
    ("Ivo Burroughs' 2002 memoir of the same name", ["Ivo Burroughs"]),
    ("Ada Marsh's novel Oak Hill", ["Ada Marsh"]),
    ("the novel by Ada Marsh and Ivo Burroughs", ["Ada Marsh", "Ivo Burroughs"]),
    ("a true story", []),
    ("the 1987 Ada Marsh children's book of the same name", ["Ada Marsh"]),
    ("the book of the same name by Lt. Cmdr. Ada Marsh.", ["Lt. Cmdr. Ada Marsh"]),
])
def test_source_authors(value: str, expected: list[str]) -> None:
    assert source_authors(value) == expected


def _source(sentence: str, value: str) -> Source:
    at = sentence.index(value)
    return Source("d", "p", "encyclopedia", 100, 100 + len(sentence), sentence,
                  Span(100 + at, 100 + at + len(value), value))


@pytest.mark.parametrize(("sentence", "value", "expected"), [
    ("It is based on Oak Hill, a 1987 novel by Ada Marsh.", "Oak Hill", ["Ada Marsh"]),
    ("It is based on the novel Oak Hill, written by Ada Marsh.", "the novel Oak Hill",
     ["Ada Marsh"]),
    # a credit of the film itself is no author of the work
    ("Based on the novel Oak Hill, the film was directed by Bo Lind.", "the novel Oak Hill",
     []),
    ("It is based on Oak Hill and stars Bo Lind.", "Oak Hill", []),
])
def test_authors_after_the_value(sentence: str, value: str, expected: list[str]) -> None:
    assert authors_after(_source(sentence, value)) == expected


def test_author_key_leaves_out_ranks_and_generations() -> None:
    assert author_key("Lt. Cmdr. Ada Marsh") == author_key("Ada Marsh")
    assert author_key("Judge Ada B. Marsh") == author_key("Ada B. Marsh")
    assert author_key("Ada Marsh Sr.") == author_key("Ada Marsh")
    assert author_key("Dr. Seuss") == "dr seuss"  # one word left: the name stays whole
    assert author_key("H. F. Marsh") == "h f marsh"  # initials are no rank


def test_a_misspelt_name_keeps_its_first_letter(ask_order: Any) -> None:
    result = ask_order("what films did Wren Haloway star in?")
    assert _values(result)[0] == "Tin Lanterns"
    assert "Wren Halloway" in result["note"]
    # another given name is another person, not a slip: no answer rather than a wrong one
    result = ask_order("what films did Bren Halloway star in?")
    assert result["answers"] == []
    assert "no person" in result["note"]
