"""The sentence a source quotes around its span (store.queries.sentence_around)."""

from __future__ import annotations

from backtrace.store.queries import sentence_around

# written for this test
TEXT = "Kestrel Bay opens on May 2. It also streams the same day. Tickets are cheap."
SENTENCES = [[0, 27], [28, 57], [58, 76]]


def test_a_span_in_one_sentence_quotes_that_sentence() -> None:
    start = TEXT.index("May 2")
    held = sentence_around(TEXT, SENTENCES, start, start + 5)
    assert (held.start, held.end, held.text) == (0, 27, "Kestrel Bay opens on May 2.")


def test_a_span_across_sentences_quotes_each_of_them_whole() -> None:
    start = TEXT.index("May 2")
    end = TEXT.index(" the same day")
    held = sentence_around(TEXT, SENTENCES, start, end)
    assert held.text == "Kestrel Bay opens on May 2. It also streams the same day."
    assert (held.start, held.end) == (0, 57)


def test_a_span_no_sentence_touches_is_quoted_as_it_is() -> None:
    held = sentence_around(TEXT, [], 5, 10)
    assert (held.start, held.end, held.text) == (5, 10, TEXT[5:10])


def test_a_span_over_three_sentences_and_one_in_a_gap() -> None:
    start, end = TEXT.index("May 2"), TEXT.index("cheap")
    held = sentence_around(TEXT, SENTENCES, start, end)
    assert (held.start, held.end) == (0, 76)
    gap = [[0, 27], [58, 76]]  # no sentence holds "It also streams ..."
    held = sentence_around(TEXT, gap, 30, 40)
    assert (held.start, held.end, held.text) == (30, 40, TEXT[30:40])
