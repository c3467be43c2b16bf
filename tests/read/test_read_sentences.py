"""Sentence splitting by character offset."""

from __future__ import annotations

import json

import pytest

from backtrace.read import read_jsonl
from backtrace.read.sentences import split_sentences


def pieces(text: str, start: int = 0, end: int | None = None) -> list[str]:
    found = split_sentences(text, start, end)
    for s in found:
        assert text[s.start : s.end] == text[s.start : s.end].strip()
    return [text[s.start : s.end] for s in found]


def test_simple_split_with_offsets() -> None:
    text = "The ferry left at noon. Nobody waved! Was anyone aboard? Yes."
    found = split_sentences(text)
    assert [(s.start, s.end) for s in found] == [(0, 23), (24, 37), (38, 56), (57, 61)]
    assert pieces(text) == [
        "The ferry left at noon.",
        "Nobody waved!",
        "Was anyone aboard?",
        "Yes.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Pell and Mrs. Pell argued with Ms. Ode over dinner.",
        "The case went to Det. Sallis and then to Dr. Hale on St. Agnes Street.",
        "Made in the U.S. The crew later flew home.",
        "Produced by Ana Ruiz, p.g.a. Tom Brandt co-produced.",
        "It was shot between 5 a.m. Monday and 9 p.m. Friday.",
        "They compared Cats vs. Dogs and other films, e.g. Bolt, i.e. cartoons.",
        "Sgt. Mara, Lt. Cole, Capt. Reyes, Gen. Hart and Prof. Lind all appear.",
        "The studio, Northgate Inc. Canada, hired Vos Jr. The rest were extras.",
        "See Vol. 2 and No. 7 of the series, released Dec. 14 of that year.",
        "Warner Bros. Pictures picked it up.",
    ],
)
def test_abbreviations_do_not_end_sentences(text: str) -> None:
    assert pieces(text) == [text]


def test_single_initials_do_not_end_sentences() -> None:
    text = "The film is directed by Ines K. Calloway and scored by J. R. Bell. It opens soon."
    assert pieces(text) == [
        "The film is directed by Ines K. Calloway and scored by J. R. Bell.",
        "It opens soon.",
    ]


def test_ellipsis_inside_a_word_or_a_quote() -> None:
    text = 'One critic found it "patient...and eerie." Another said "slow... Very slow." Fine.'
    assert pieces(text) == [
        'One critic found it "patient...and eerie."',
        'Another said "slow... Very slow."',
        "Fine.",
    ]


def test_ellipsis_outside_quotes_ends_a_sentence() -> None:
    assert pieces("She waited... Then the sedan came back.") == [
        "She waited...",
        "Then the sedan came back.",
    ]


def test_closing_quotes_and_brackets_stay_with_their_sentence() -> None:
    text = "He said “go home.” She stayed. (Nobody asked why.) It rained."
    assert pieces(text) == [
        "He said “go home.”",
        "She stayed.",
        "(Nobody asked why.)",
        "It rained.",
    ]


def test_no_split_before_lower_case_or_without_space() -> None:
    text = "The budget was $4.5 million. the number is odd. Version 2.0 shipped."
    assert pieces(text) == [
        "The budget was $4.5 million. the number is odd.",
        "Version 2.0 shipped.",
    ]


def test_split_before_a_digit_or_an_opening_quote() -> None:
    text = 'It closed in June. 2019 was quieter. "Never again," she said.'
    assert pieces(text) == ["It closed in June.", "2019 was quieter.", '"Never again," she said.']


def test_structure_lines_are_sentences_of_their_own() -> None:
    text = (
        "= Lantern Road =\n\nLantern Road\n- Director: Ines Calloway\n- Runtime: 104 minutes\n\n"
        "==Cast==\n* Dana Whitlock as Mara\n1. first\n2) second\n===Notes===\nA note"
    )
    assert pieces(text) == [
        "= Lantern Road =",
        "Lantern Road",
        "- Director: Ines Calloway",
        "- Runtime: 104 minutes",
        "==Cast==",
        "* Dana Whitlock as Mara",
        "1. first",
        "2) second",
        "===Notes===",
        "A note",
    ]


def test_blank_lines_end_sentences_and_single_newlines_do_not() -> None:
    text = "A paragraph that is\nwrapped by hand and has no full stop\n\nA second one"
    assert pieces(text) == [
        "A paragraph that is\nwrapped by hand and has no full stop",
        "A second one",
    ]


def test_list_item_with_several_sentences() -> None:
    text = "- Dana Whitlock as Mara: A toll collector. She trusts nobody.\n- Pieter Vos"
    assert pieces(text) == [
        "- Dana Whitlock as Mara: A toll collector.",
        "She trusts nobody.",
        "- Pieter Vos",
    ]


def test_range_offsets_point_into_the_whole_text() -> None:
    text = "Skip this. Keep this one. And this.  Not this."
    start = text.index("Keep")
    end = text.index("Not")
    found = split_sentences(text, start, end)
    assert [text[s.start : s.end] for s in found] == ["Keep this one.", "And this."]
    assert found[0].start == start


def test_nothing_to_split() -> None:
    assert split_sentences("") == []
    assert split_sentences("  \n\n \t") == []


def test_sentences_never_overlap_and_keep_order() -> None:
    text = "Q? A! B. C...\n\n- x\n==H==\nD. E.  F"
    found = split_sentences(text)
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))


def test_a_documents_own_title_is_never_cut_in_two() -> None:
    """A title with a sentence end inside ("…", ". ") stays in one sentence wherever the
    text writes it; other sentences are cut as ever."""
    from backtrace.read import read_bytes

    text = ("Quiet Pier… Loud Gulls is a 1994 comedy film directed by Ada Lane. It was a hit. "
            "Quiet Pier… Loud Gulls was remade. We waited… Then it rained.")
    record = json.dumps({"title": "Quiet Pier… Loud Gulls", "text": text}).encode()
    (doc,) = list(read_jsonl(record, "films.jsonl"))
    assert [doc.text[s.start:s.end] for s in doc.sentences] == [
        "Quiet Pier… Loud Gulls is a 1994 comedy film directed by Ada Lane.", "It was a hit.",
        "Quiet Pier… Loud Gulls was remade.", "We waited…", "Then it rained."]
    plain = read_bytes(text.encode(), "pier.txt")  # no title given: cut where it always was
    assert plain.text[plain.sentences[0].start:plain.sentences[0].end] == "Quiet Pier…"
