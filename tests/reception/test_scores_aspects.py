"""Scores stated in reviews, and the aspects a review praises or faults."""

from __future__ import annotations

import pytest

from backtrace.reception.aspects import find_aspects
from backtrace.reception.lexicon import clause_polarity, verdict_hits
from backtrace.reception.scores import find_score


@pytest.mark.parametrize(
    ("text", "normalized"),
    [
        ("My verdict: 3/5.", 60.0),
        ("I give it 3 out of 4 stars.", 75.0),
        ("three out of four stars", 75.0),
        ("Rating: 7/10", 70.0),
        ("Grade: B-", 67.0),
        ("It gets a ★★★½☆ from me.", 70.0),
        ("Score: 85/100", 85.0),
    ],
)
def test_scores(text, normalized):
    score = find_score(text)
    assert score is not None and score.normalized == normalized
    assert text[score.span.start : score.span.end] == score.span.text


@pytest.mark.parametrize(
    "text",
    [
        "The film has an average rating of 6.5/10 on Rotten Tomatoes.",
        "It opened on 12/10/2019 in two cities.",
        "A B-movie through and through.",
        "Seven of its 10 songs are covers.",
    ],
)
def test_no_score(text):
    assert find_score(text) is None


def aspects_of(text: str, polarity: dict | None = None):
    found = find_aspects(text, [(0, len(text))], polarity)
    return [(a.aspect, a.polarity, a.actors) for a in found]


def test_aspects_by_keyword_and_clause():
    assert aspects_of("The plot is a muddled mess, but the music is beautiful.") == [
        ("plot", "negative", []),
        ("music", "positive", []),
    ]
    assert aspects_of("The pacing is sluggish.") == [("pacing", "negative", [])]
    assert aspects_of("The shaky cam makes the fight scenes hard to watch.") == [
        ("camera", "negative", []),
        ("action", "negative", []),
    ]
    assert aspects_of("The script is sharp and the dialogue witty.") == [
        ("writing", "positive", [])
    ]
    assert aspects_of("Her direction is assured.") == [("direction", "positive", [])]


def test_performances_name_the_actors():
    [(aspect, polarity, actors)] = aspects_of("Mara Quint is superb as a weary ferry captain.")
    assert (aspect, polarity, actors) == ("performances", "positive", ["Mara Quint"])
    [(_, polarity, actors)] = aspects_of("The performances of Ola Brenn and Ivo Stam feel stiff.")
    assert polarity == "negative" and actors == ["Ola Brenn", "Ivo Stam"]


def test_no_aspect_without_judgement_or_in_a_question():
    assert aspects_of("The story follows a ferry captain in 1950.") == []
    assert aspects_of("Could the plot be any better?") == []
    assert aspects_of("Ama Sello, writing for Tide Review, saw it twice.") == []


def test_sentence_polarity_is_the_fallback():
    text = "The story follows a ferry captain in 1950."
    assert aspects_of(text, {(0, len(text)): "negative"}) == [("plot", "negative", [])]


def test_lexicon():
    assert clause_polarity("an interesting premise that sadly falls flat") == "negative"
    assert clause_polarity("a slow start but a gripping finale") == "positive"
    assert clause_polarity("it is not bad at all") == "positive"
    assert clause_polarity("the harbour at dawn") is None
    assert verdict_hits("Could this be a great thriller?") == []
    assert [h.polarity for h in verdict_hits("It could have been great, but it is dull.")] == [
        "negative"
    ]


def test_a_contrasting_clause_does_not_take_the_sentence_polarity():
    text = 'Ivo Stam praised the sets but said the screenplay "has nothing to say".'
    found = aspects_of(text, {(0, len(text)): "positive"})
    assert ("writing", "positive", []) not in found
