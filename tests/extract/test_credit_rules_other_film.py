"""Credits after another film's mention: about that film, unless the film itself is the
subject again ("A sequel to the 1984 film, it was directed by ..."). Sentences written for
these tests."""

from __future__ import annotations

import pytest

from backtrace.extract import extract
from backtrace.read import read_bytes


def credits(text: str) -> list[tuple[str, str]]:
    doc = read_bytes(text.encode(), "lead.txt")
    return [(c.property, str(c.value)) for c in extract(doc).claims
            if c.property in ("director", "cast_member", "screenwriter")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Gull Pier is a 2008 comedy film. The first installment in the Gull Pier franchise, it "
     "was directed by Ada Lane and co-directed by Bo Marsh, from a screenplay by Cy Dunn.",
     [("director", "Ada Lane"), ("director", "Bo Marsh"), ("screenwriter", "Cy Dunn")]),
    ("Gull Pier is a 1990 drama film. A sequel to the 1984 film Oak Hill, the film stars "
     "Tam Rudd.", [("cast_member", "Tam Rudd")]),
    # "this (film) version" is the film itself, "the 1950 version" another
    ("Gull Pier is a 1990 drama film. This film version stars Tam Rudd and was directed by "
     "Ada Lane.", [("director", "Ada Lane"), ("cast_member", "Tam Rudd")]),
])
def test_the_film_itself_again(text: str, expected: list[tuple[str, str]]) -> None:
    assert credits(text) == expected


@pytest.mark.parametrize("text", [
    "Gull Pier is a 1990 drama film. It is a remake of the 1954 film directed by Ada Lane.",
    "Gull Pier is a 1990 drama film. It is a remake of the 1954 film of the same name, which "
    "was directed by Ada Lane.",
    "Gull Pier is a 1990 drama film. It follows the silent version directed by Ada Lane.",
])
def test_the_other_films_credits_are_not_read(text: str) -> None:
    assert ("director", "Ada Lane") not in credits(text)
