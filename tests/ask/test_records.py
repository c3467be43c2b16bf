"""The typed records of an answer (``backtrace.ask.records``) and the JSON shape they give:
``to_json()`` is the only place a dict is made, and it gives the documented keys in the
documented order."""

from __future__ import annotations

import json
from typing import Any

import pytest

from backtrace.ask.records import (
    Answer,
    Entity,
    Interpretation,
    Result,
    Source,
    Span,
    film_ref,
    unique_sources,
)

FILM = film_ref(7, "Pale Orchard", 1988)
PERSON = Entity("person", 12, "Wenna Drach")
LINE = Source("d1", "corpus/pale-orchard.txt", "encyclopedia", 40, 95,
              "Pale Orchard was directed by Wenna Drach in a single winter.",
              Span(69, 80, "Wenna Drach"), "pattern")


def test_entities_by_title_or_by_name() -> None:
    assert FILM.to_json() == {"type": "film", "id": 7, "title": "Pale Orchard", "year": 1988}
    assert list(FILM.to_json()) == ["type", "id", "title", "year"]
    assert PERSON.to_json() == {"type": "person", "id": 12, "name": "Wenna Drach"}
    assert Entity("book", 3, "The Tin Ledger", 1950).to_json()["title"] == "The Tin Ledger"
    assert film_ref(8, "Untimed", 0).year is None  # a year of 0 is no year
    assert FILM.label == "Pale Orchard (1988)" and PERSON.label == "Wenna Drach"


def test_a_source_and_its_span() -> None:
    out = LINE.to_json()
    assert list(out) == ["document", "path", "kind", "start", "end", "text", "span",
                         "extractor"]
    assert out["span"] == {"start": 69, "end": 80, "text": "Wenna Drach"}
    quote = Source("d2", "reviews/x.txt", "review", 0, 10, "Loved it.", Span(0, 5, "Loved"))
    assert "extractor" not in quote.to_json()  # a review's quote has no extractor
    again = Source("d1", "corpus/pale-orchard.txt", "encyclopedia", 40, 95, LINE.text,
                   Span(41, 53, "Pale Orchard"), "infobox")
    assert unique_sources([LINE, quote, again]) == (LINE, quote)  # one quote per sentence


@pytest.mark.parametrize(("layout", "keys"), [
    ("believed", ["value", "text", "entity", "film", "property", "sources", "status",
                  "believed", "qualifiers", "disputed", "reason"]),
    ("property", ["value", "text", "entity", "film", "property", "qualifiers", "sources",
                  "status", "believed", "disputed", "reason"]),
    ("sources", ["value", "text", "entity", "film", "property", "sources", "qualifiers",
                 "status", "believed", "disputed", "reason"]),
    ("last", ["value", "text", "entity", "film", "property", "sources", "status",
              "believed", "disputed", "reason", "qualifiers"]),
])
def test_where_the_qualifiers_sit(layout: Any, keys: list[str]) -> None:
    answer = Answer("Wenna Drach", "Wenna Drach", PERSON, FILM, "director", (LINE,),
                    status="conflict", believed=False, qualifiers={"credited_as": "W. Drach"},
                    disputed=True, reason="two sources against one", layout=layout)
    assert list(answer.to_json()) == keys


def test_an_undisputed_answer_without_qualifiers() -> None:
    answer = Answer("1988", "1988", FILM, FILM, "year", (LINE,))
    out = answer.to_json()
    assert list(out) == ["value", "text", "entity", "film", "property", "sources", "status",
                         "believed"]
    assert out["entity"] == out["film"] == FILM.to_json()
    assert out["status"] == "agreed" and out["believed"] is True
    assert answer.qualifier("character") is None
    unknown = Answer("Ossian Vell", "Ossian Vell", None, FILM, "screenwriter", (LINE,),
                     qualifiers={}, layout="last")
    assert unknown.to_json()["entity"] is None and unknown.to_json()["qualifiers"] == {}


def test_the_interpretation() -> None:
    assert Interpretation().to_json() == {"kind": None}
    read = Interpretation("actor_character", "actor_character", "character",
                          entity=PERSON, asked="Drach", matched="surname",
                          candidates=(PERSON, Entity("person", 13, "Ilse Drach")),
                          film_named=True, film=None, character=None,
                          filters={"decade": 1980})
    out = read.to_json()
    assert list(out) == ["kind", "form", "property", "entity", "asked", "matched",
                         "candidates", "film", "filters"]
    assert out["film"] is None and out["candidates"][1]["name"] == "Ilse Drach"
    films = Interpretation("person_films", "actor_films", "films", "cast_member",
                           entity=None, asked="Nobody Here", matched="none",
                           filters={"year": 1990, "year2": 1995}, critic=None)
    assert list(films.to_json()) == ["kind", "form", "property", "role", "entity", "asked",
                                     "matched", "filters"]
    review = Interpretation("reception", "film_review", "review", entity=FILM, asked="x",
                            matched="exact", filters={}, critic="Calder")
    assert list(review.to_json())[-2:] == ["filters", "critic"]


def test_a_result_round_trips_through_json() -> None:
    result = Result("who directed Pale Orchard?",
                    Interpretation("film_property", "film_director", "director", entity=FILM,
                                   asked="Pale Orchard", matched="exact", filters={}),
                    (Answer("Wenna Drach", "Wenna Drach", PERSON, FILM, "director", (LINE,)),),
                    None)
    out = result.to_json()
    assert list(out) == ["question", "interpretation", "answers", "note"]
    assert json.loads(json.dumps(out)) == out
    source = out["answers"][0]["sources"][0]
    assert {"document", "path", "start", "end", "text"} <= set(source)


QUESTIONS = [
    "who directed Cinder Road?",  # a film's property
    "who directed Glass Harbor?",  # two films of one title
    "who wrote Moss and Mortar?",  # the author of the source work first
    "what films did Odile Ferrant write?",  # only named as an author
    "what films did Petra Vollan star in?",  # a person's films
    "what films did Petra Vollan star in in the 1990s?",  # filtered
    "who played Boone Tolliver?",  # a character's actor
    "what did critics think of Cinder Road?",  # reception
    "who directed Nothing At All Here?",  # no such film
    "describe the weather",  # not a question
]


@pytest.mark.parametrize("question", QUESTIONS)
def test_the_store_answers_as_records_and_as_json(ask_kb: Any, question: str) -> None:
    result = ask_kb.answer(question)
    assert isinstance(result, Result)
    for answer in result.answers:
        assert isinstance(answer.film, Entity) and answer.sources
        assert all(isinstance(s, Source) and isinstance(s.span, Span) for s in answer.sources)
    shape = result.to_json()
    assert ask_kb.ask(question) == shape  # the API's JSON is the records' JSON
    assert json.loads(json.dumps(shape)) == shape
    assert list(shape) == ["question", "interpretation", "answers", "note"]
    assert "kind" in shape["interpretation"]
    if shape["interpretation"]["kind"] is not None:
        assert {"kind", "form", "property", "filters"} <= set(shape["interpretation"])
    for answer in shape["answers"]:
        assert list(answer)[:5] == ["value", "text", "entity", "film", "property"]
        for s in answer["sources"]:
            assert list(s)[:7] == ["document", "path", "kind", "start", "end", "text", "span"]
