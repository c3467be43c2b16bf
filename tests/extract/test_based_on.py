"""What a film is based on: the cues of a lead sentence and which values name a work
(sentences written for these tests)."""

from __future__ import annotations

import pytest

from backtrace.extract import extract
from backtrace.extract.roles import names_a_work
from backtrace.read import read_bytes


def based_on(text: str) -> list[str]:
    doc = read_bytes(text.encode(), "lead.txt")
    return [str(c.value) for c in extract(doc).claims if c.property == "based_on"]


@pytest.mark.parametrize(("text", "value"), [
    ("Gull Pier is a drama from 1931, based on a novel that Ada Merrow wrote in 1928 about "
     "a pier.", "a novel that Ada Merrow wrote in 1928 about a pier"),
    ("Gull Pier is a 1931 drama film, a film adaptation of the classic 1880 novel of the same "
     "name by Osric Vane.", "the classic 1880 novel of the same name by Osric Vane"),
    ("Gull Pier is a 1931 drama film adapted from Nell Varney's 1925 play Low Tide.",
     "Nell Varney's 1925 play Low Tide"),
    ("The screenplay by Ivo Lark was loosely inspired by Bea Roth's 1842 short story of the "
     "same name.", "Bea Roth's 1842 short story of the same name"),
    ("Gull Pier is a 1931 film based on Hugo Tolliver's 1929 bestseller Gull Pier.",
     "Hugo Tolliver's 1929 bestseller Gull Pier"),
])
def test_a_work_named_after_a_cue_is_what_the_film_is_based_on(text: str, value: str) -> None:
    assert based_on(text) == [value]


@pytest.mark.parametrize("text", [
    "Gull Pier is a 2001 drama film based on a true story.",
    "Gull Pier is a 2001 drama film inspired by true events.",
    "Gull Pier is a 2001 drama film based on the true story of a lighthouse keeper.",
    "Her part in Gull Pier was inspired by Ada Merrow.",
    "Gull Pier is a 2001 drama film based on the theory of tides.",
])
def test_no_work_no_based_on(text: str) -> None:
    assert based_on(text) == []


def test_names_a_work() -> None:
    assert names_a_work("the board game of the same name")
    assert names_a_work("the True Magazine article by a crime reporter")
    assert not names_a_work("the true story of a lighthouse keeper")
    assert not names_a_work("his success as a rock musician")
