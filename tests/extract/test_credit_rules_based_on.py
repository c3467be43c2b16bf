"""The work a film is based on, where a credit comes first: "adapted by A from B's novel",
"based loosely on ..." (sentences written for these tests)."""

from __future__ import annotations

import pytest

from backtrace.extract import extract
from backtrace.read import read_bytes


def claims(text: str) -> list[tuple[str, str]]:
    doc = read_bytes(text.encode(), "lead.txt")
    return [(c.property, str(c.value)) for c in extract(doc).claims
            if c.property in ("based_on", "screenwriter")]


@pytest.mark.parametrize(("text", "value"), [
    ("Adapted by Ada Lane and Bo Marsh from Cy Dunn's 1929 novel, the film tells of a pier.",
     "Cy Dunn's 1929 novel"),
    ("Gull Pier is a 1941 drama film. It was adapted by Ada Lane from the autobiography by "
     "Cy Dunn.", "the autobiography by Cy Dunn"),
    ("Gull Pier was adapted for the screen by Ada Lane from the play Low Tide by Cy Dunn.",
     "the play Low Tide by Cy Dunn"),
    ("Gull Pier is a 2006 drama film. Based loosely on Cy Dunn's short story of a pier, it "
     "tells of a storm.", "Cy Dunn's short story of a pier"),
    ("Gull Pier is a 1950 drama film based on the novel by Cy Dunn and adapted by Ada Lane.",
     "the novel by Cy Dunn"),
    # the first cue names no work: the next one does
    ("Gull Pier is based on events at a pier in Ohio adapted from Cy Dunn's book.",
     "Cy Dunn's book"),
    ("Gull Pier was inspired by Bo Marsh and based on the novel Low Tide by Cy Dunn.",
     "the novel Low Tide by Cy Dunn"),
])
def test_the_work_after_a_credit(text: str, value: str) -> None:
    assert ("based_on", value) in claims(text)


@pytest.mark.parametrize("text", [
    "The script of Gull Pier was adapted by Ada Lane, who came from England.",
    "Gull Pier was adapted by Ada Lane from an idea of Bo Marsh.",
])
def test_adapted_from_no_work_is_no_based_on(text: str) -> None:
    found = claims(text)
    assert ("screenwriter", "Ada Lane") in found
    assert not [v for p, v in found if p == "based_on"]
