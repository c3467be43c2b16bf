"""The words a pattern needs (the matcher's filter): never a word a match can lack."""

from __future__ import annotations

import re

import pytest

from backtrace.extract.literals import _ASCII_OF, fold, needed_words, scan_words
from backtrace.extract.rules import match

from .test_rules import TABLES

ROWS = [pytest.param(rule, id=f"{table}:{rule.name}")
        for table, rules in TABLES.items() for rule in rules]


@pytest.mark.parametrize(("pattern", "words"), [
    (r"\b(?:co-)?helmed\s+by\s+", ("helmed",)),
    (r"\b(?:written|directed|co-produced)\s+by\s+", ("co-produced", "directed", "written")),
    (r"\bstars?\s+|\bstarring\s+", ("star",)),  # "starring" has "star" in it
    (r"(?i:TV)['’]s\s+", ("tv",)),
    (r"(?:remake\s+)?of\s+", ("of",)),  # an optional group needs nothing
    (r"(?<=produced\s)by\s", ("by",)),  # nor does a lookaround
    (r"\bfilm\b|\d{4}", ()),  # a branch needs what each of its branches needs
    (r"\s+(?:[2-9]|II|V)\b", ()),  # single letters: in nearly every sentence
    (r"\s*\((\d{4})\)", ("(",)),
    (r"(?:ab){2,}c", ("ab",)),
])
def test_needed_words(pattern: str, words: tuple[str, ...]) -> None:
    assert needed_words(pattern, re.IGNORECASE) == words


def test_folding_keeps_what_a_case_blind_pattern_matches() -> None:
    """The characters a case-blind pattern takes for an ASCII letter are that letter."""
    letter = re.compile(r"[a-z]", re.IGNORECASE).fullmatch
    assert [cp for cp in range(128, 0x110000) if letter(chr(cp))] == sorted(_ASCII_OF)
    text = "The \u212aıſſ and İn by"  # Kelvin sign, dotless i, long s, dotted capital I
    for word in ("kiss", "in by"):
        assert re.search(word, text, re.IGNORECASE)
        assert word in fold(text)


@pytest.mark.parametrize("rule", ROWS)
def test_every_match_holds_a_needed_word(rule) -> None:
    """Wherever a row's pattern matches its examples, the words it needs are there."""
    words = scan_words(rule.regex)
    for text in [ex.text for ex in rule.examples] + list(rule.counterexamples):
        for m in rule.regex.finditer(text):
            assert not words or any(w in fold(m.group(0)) for w in words), (rule.name, text)


def test_a_sentence_without_the_words_is_passed_over() -> None:
    text = "It was helmed by Ana Ruiz."
    rule = next(r for r in TABLES["credit"] if r.name == "helmed-by")
    assert [h.value for h in match((rule,), text, 0, len(text))] == ["Ana Ruiz"]
    upper = "IT WAS HELMED BY Ana Ruiz."
    assert [h.value for h in match((rule,), upper, 0, len(upper))] == ["Ana Ruiz"]
    assert match((rule,), "It was directed by Ana Ruiz.", 0, 28) == []
