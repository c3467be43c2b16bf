"""The name a person was credited under (invented documents, written for these tests)."""

from __future__ import annotations

from backtrace.extract import extract
from backtrace.extract.credited_as import CreditedAsExtractor
from backtrace.extract.pipeline import RULES
from backtrace.model import Claim, Kind
from backtrace.read import read_bytes

TEXT = (
    "Harbour Lights is a 1934 American drama film directed by Omar Leclerc, credited as "
    '"Olaf Lee", and starring Rita Dane and Kay Burr. It was an early role for Dane, then '
    'billed under her birth name "Rita Casco". Also appearing is Nell Varga, billed as '
    "Nelly Vargas. Ada Nye, who was billed as Mrs. Rex Nye, plays the aunt. The film was "
    "billed as The Brightest Show in Town. Walt Dunn and Fred Orr, who were credited under "
    "the pseudonym Dunn Orr, wrote the story. Hal Pike, credited as Harold Pike, has a "
    "cameo."
)


def _credited(text: str = TEXT) -> list[Claim]:
    doc = read_bytes(text.encode(), "harbour.txt", kind=Kind.ENCYCLOPEDIA)
    found = extract(doc).claims
    return [c for c in found if "credited_as" in c.qualifiers]


def test_credits_are_repeated_with_the_name_credited() -> None:
    got = {(c.property, c.value, c.qualifiers["credited_as"]) for c in _credited()}
    assert ("director", "Omar Leclerc", "Olaf Lee") in got
    assert ("cast_member", "Rita Dane", "Rita Casco") in got  # "Dane": the one credited
    # "billed" speaks of the cast: a person nothing else credits is a cast member
    assert ("cast_member", "Nell Varga", "Nelly Vargas") in got
    names = {c.qualifiers["credited_as"] for c in _credited()}
    # a "Mrs." name, the film's own billing, a name two people shared, and "credited as"
    # of a person no claim credits give nothing
    assert not names & {"Mrs. Rex Nye", "The Brightest Show", "Dunn Orr", "Harold Pike"}


def test_the_span_runs_from_the_person_to_the_name() -> None:
    (dane,) = [c for c in _credited() if c.value == "Rita Dane"]
    assert dane.span.text == 'Dane, then billed under her birth name "Rita Casco"'


def test_the_component_runs_in_the_pipeline_after_the_credits() -> None:
    assert RULES[-1] == CreditedAsExtractor.name
    assert _credited("Ora Lind directed the film.") == []
