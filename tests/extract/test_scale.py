"""Extraction is linear in a document's length: large generated inputs finish, an
over-long sentence is skipped with a warning, and the rewrites behind it answer exactly
what the scans they replace answered."""

from __future__ import annotations

import logging
import random
import re
from collections.abc import Callable
from types import ModuleType

import pytest

from backtrace.extract import RULES_PIPELINE, extract, extraction_notes
from backtrace.extract.docparts import LastBefore, SectionIndex, SpanSet, in_sections
from backtrace.extract.lead_sentence import MAX_SENTENCE_CHARS, long_sentences, prose_sentences
from backtrace.extract.prose_rules import about_other_film
from backtrace.model import Document, Kind, Section
from backtrace.read.text import build_document


@pytest.fixture(scope="module")
def scale(load_bench: Callable[[str], ModuleType]) -> ModuleType:
    return load_bench("extraction_scale")


def test_200_kb_of_prose_is_read(scale: ModuleType) -> None:
    text = scale.prose(200_000)
    doc = build_document(text, doc_id="prose", path="prose.txt")
    claims = extract(doc, RULES_PIPELINE).claims
    assert len(claims) > 1000
    assert {"director", "cast_member", "box_office", "filming_location"} <= {
        c.property for c in claims}
    assert extraction_notes(doc) == []


def test_200_kb_without_full_stops_is_skipped_with_a_warning(
        scale: ModuleType, caplog: pytest.LogCaptureFixture) -> None:
    text = scale.flat(200_000)
    assert "." not in text and "\n" not in text
    doc = build_document(text, doc_id="flat", path="flat.txt")
    with caplog.at_level(logging.WARNING, logger="backtrace.extract"):
        extraction = extract(doc)  # the default pipeline: spaCy is never asked
    assert extraction.claims == []
    assert [r.getMessage() for r in caplog.records] == [
        f"flat.txt: 1 sentence over 20,000 characters skipped (characters 0-{len(text):,}; "
        f"the longest {len(text):,}): text not cut into sentences is not read"]


def _sentence(words: int, seed: int) -> str:
    rng = random.Random(seed)
    vocabulary = ["the", "harbour", "night", "under", "a", "copper", "sky", "with", "lanterns"]
    return " ".join(rng.choice(vocabulary) for _ in range(words))


def test_an_over_long_sentence_is_skipped_and_the_rest_read(
        caplog: pytest.LogCaptureFixture) -> None:
    short = "Tin Harbour is a 2014 drama film directed by Ivo Renn."
    long = "It was shot " + _sentence(4000, 1) + " by Ola Brand."
    near = "The score is by Kaja Lind and " + _sentence(700, 2) + "."
    assert len(long) > MAX_SENTENCE_CHARS > len(near)
    text = f"{short} {near}\n\n{long}\n\nThe film was produced by Mira Castellan.\n"
    doc = build_document(text, doc_id="d", path="mixed.txt")
    with caplog.at_level(logging.WARNING, logger="backtrace.extract"):
        claims = extract(doc, RULES_PIPELINE).claims
    values = {(c.property, c.value) for c in claims}
    assert {("director", "Ivo Renn"), ("composer", "Kaja Lind"),
            ("producer", "Mira Castellan")} <= values
    assert not any(c.value == "Ola Brand" for c in claims)
    start = text.index("It was shot")
    assert long_sentences(doc) == [(start, start + len(long))]
    assert all(e - s <= MAX_SENTENCE_CHARS for s, e in prose_sentences(doc))
    (message,) = [r.getMessage() for r in caplog.records]
    assert message.startswith("mixed.txt: 1 sentence over 20,000 characters skipped")
    assert f"the longest {len(long):,}" in message


def test_many_long_sentences_are_reported_in_one_line() -> None:
    text = "\n\n".join(_sentence(4000, n) for n in range(5))
    doc = build_document(text, doc_id="d", path="d.txt")
    (note,) = extraction_notes(doc)
    assert note.startswith("5 sentences over 20,000 characters skipped (characters 0-")
    assert ", ...;" in note


# ---------------------------------------------------------------- exact rewrites

_OLD_OTHER_FILM = re.compile(
    r"\b(?:sequel|sequels|prequel|remake|spin-?off|follow-up|predecessor|reboot"
    r"|(?:previous|original|first|last|next|earlier|later|debut|upcoming)\s+(?:film|movie|feature)"
    r")\b"
    r"|\b(?:1[89]|20)\d\d\s+(?:[A-Za-z-]+\s+){0,3}(?:film|movie|thriller|drama|comedy"
    r"|documentary|western|horror|musical|feature|picture|adaptation|version|blockbuster)\b"
    r"|\b[A-Z][\w'’]*(?:\s+[A-Z0-9][\w'’]*)*\s+\((?:1[89]|20)\d\d\)",
    re.IGNORECASE)


def test_about_other_film_answers_as_the_single_pattern_did() -> None:
    pieces = ["Heat", "heat", "2", "3x", "'", "’", "x'H", " ", "  ", "\n", "(1995)", "(2010)",
              "(", ")", "-", "_a", "é", "\u212a", "ſ", "9", "B", ".", '"', "sequel",
              "the 1999 film"]
    rng = random.Random(23)
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 10)))
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text))
        expected = _OLD_OTHER_FILM.search(text, start, end) is not None
        assert about_other_film(text, start, end) == expected, (text, start, end)


def test_about_other_film_is_linear_on_a_run_of_words() -> None:
    text = "Word " * 200_000 + "(2010)"
    assert about_other_film(text, 0, len(text))
    assert not about_other_film(text, 0, len(text) - 1)


def test_section_index_answers_as_in_sections() -> None:
    rng = random.Random(5)
    titles = ["Plot", "Cast", "Infobox", "Reception", "plot "]
    sections = []
    for _ in range(40):
        start = rng.randint(0, 500)
        sections.append(Section(rng.choice(titles), rng.randint(0, 3), start,
                                start + rng.randint(0, 80)))
    doc = Document(id="d", path="d", kind=Kind.OTHER, text="x" * 600, sections=sections)
    index = SectionIndex(doc)
    for asked in (["Plot"], ("Cast", "Infobox"), ["Reception"], ["Music"]):
        for offset in range(-1, 601):
            assert index.within(offset, asked) == in_sections(doc, offset, asked)


def test_span_set_answers_as_a_scan() -> None:
    rng = random.Random(7)
    spans = [(s, s + rng.randint(0, 30)) for s in (rng.randint(0, 300) for _ in range(60))]
    found = SpanSet(spans)
    for _ in range(3000):
        a = rng.randint(-5, 340)
        b = a + rng.randint(0, 40)
        assert found.covers(a, b) == any(s <= a and b <= e for s, e in spans)
        assert found.overlaps(a, b) == any(a < e and s < b for s, e in spans)


def test_last_before_answers_as_rfind() -> None:
    text = "ab\n\ncd\n\n\nef\ng\n\n" * 20
    last = LastBefore(text, "\n\n")
    for pos in [*range(len(text) + 1), 5, 3]:  # in order, then out of order
        assert last(pos) == text.rfind("\n\n", 0, pos)


def test_names_read_back_as_from_the_sentence_start() -> None:
    from backtrace.extract import prose, prose_credits
    from backtrace.extract.prose import read_name

    def old_backward_name(text: str, start: int, stop: int) -> tuple[int, int] | None:
        words = list(re.finditer(r"[^\s,;:()]+?(?=[\s,;:()]|$|(?<=[a-z]{2}\.)[A-Z])",
                                 text[start:stop]))
        for k in range(min(6, len(words)), 0, -1):
            first = words[-k]
            if first.group(0) in prose._LEAD_WORDS or any(
                    w.group(0) in prose._ROLE_TITLES for w in words[-k:-1]):
                continue
            found = read_name(text, start + first.start(), stop)
            if found is not None and found[1] == stop:
                return found
        return None

    pieces = ["Ana", "Ruiz", "de", "la", " ", "  ", ",", ";", "(", ")", "ab.", "Cd", "x.Y",
              "Director", "Starring", "J.", "\n", "lower", "Jr.", "and", "Cinematographer"]
    rng = random.Random(29)
    for _ in range(5000):
        text = "".join(rng.choice(pieces) + " " * rng.randint(0, 1)
                       for _ in range(rng.randint(1, 40)))
        start = rng.randint(0, len(text))
        stop = rng.randint(start, len(text))
        assert prose.backward_name(text, start, stop) == old_backward_name(
            text, start, stop), (text, start, stop)
    assert prose_credits._not_a_part("She is known   ", 0, 15)
    assert not prose_credits._not_a_part("the unknown ", 0, 12)
    assert not prose_credits._not_a_part("x" * 40 + "unknown ", 0, 48)
