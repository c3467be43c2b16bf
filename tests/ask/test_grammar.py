"""The question grammar is data: every form's examples parse as that form with the slot
values written in them, and the matcher reads the pattern syntax its docstring gives."""

from __future__ import annotations

import re

import pytest

from backtrace.ask.engine import matcher
from backtrace.ask.grammar import FILM_REFS, FORMS, FREE_SLOTS, PERSON_REFS, READERS
from backtrace.ask.lookup import _FILM_REFS, _PERSON_REFS, film_readings, person_readings
from backtrace.ask.matcher import Matcher, PatternError, compile_pattern, tokenize

MARK = re.compile(r"\{(\w+)=([^}]*)\}")


def _examples(forms: tuple) -> list[tuple]:
    return [(form, example) for form in forms for example in form.examples]


def _check(m: Matcher, form: object, example: str) -> None:
    question = MARK.sub(lambda x: x.group(2), example)
    wanted = dict(MARK.findall(example))
    parses = m.parses(question.rstrip("?"))

    def slots(p: object) -> dict[str, str]:
        return {k: question[a:b] for k, (a, b) in p.spans.items() if k in wanted}

    mine = [p for p in parses if p.form is form and slots(p) == wanted]
    assert mine, f"{example!r} -> {[(p.form.name, p.slots) for p in parses[:3]]}"
    # no other form reads it more specifically
    assert not [p for p in parses if p.form is not form and p.words > mine[0].words], example


@pytest.mark.parametrize(("form", "example"), _examples(FORMS),
                         ids=lambda v: getattr(v, "name", None) or v)
def test_every_example_parses_as_its_form(form: object, example: str) -> None:
    _check(matcher(), form, example)


@pytest.mark.parametrize(("form", "example"), _examples(FILM_REFS) + _examples(PERSON_REFS),
                         ids=lambda v: getattr(v, "name", None) or v)
def test_every_reference_example_parses(form: object, example: str) -> None:
    _check(_FILM_REFS if form in FILM_REFS else _PERSON_REFS, form, example)


def test_the_table_is_well_formed() -> None:
    names = [f.name for f in FORMS]
    assert len(names) == len(set(names))
    kinds = {"film_property", "person_films", "character_actor", "actor_character",
             "reception"}
    for form in FORMS:
        assert form.kind in kinds and form.patterns and len(form.examples) >= 2, form.name
    properties = {f.prop for f in FORMS if f.kind == "film_property"}
    assert {"director", "screenwriter", "producer", "cast_member", "composer",
            "director_of_photography", "film_editor", "production_company", "distributor",
            "year", "publication_date", "duration", "genre", "original_language",
            "country_of_origin", "cost", "box_office", "filming_location",
            "based_on"} <= properties
    roles = {f.prop for f in FORMS if f.kind == "person_films"}
    assert {"cast_member", "director", "screenwriter", "producer", "any"} <= roles


def _one(forms_patterns: list[str]) -> Matcher:
    class F:
        name, kind, prop, examples = "t", "t", None, ()
        patterns = tuple(forms_patterns)

    return Matcher([F], {"film": "( film | movie )"}, READERS, FREE_SLOTS)


def test_pattern_syntax() -> None:
    m = _one(["who directed|made [the] [@film] {film}", "( what year | when ) was {film} out",
              "{title} \\( {year} \\)"])
    assert [p.slots for p in m.parses("Who made the movie Cinder Road")] == [
        {"film": "Cinder Road"}, {"film": "movie Cinder Road"},
        {"film": "the movie Cinder Road"}]
    assert m.parses("when was Glass Harbor out")[0].slots == {"film": "Glass Harbor"}
    assert m.parses("Glass Harbor (1951)")[0].slots == {"title": "Glass Harbor", "year": 1951}
    assert m.parses("who wrote Glass Harbor") == []
    assert m.parses("") == []


def test_typed_slots_read_only_what_they_accept() -> None:
    m = _one(["( @film | films ) in the {decade}", "{genre} from {year}", "in {language}"])
    assert m.parses("films in the 1990s")[0].slots == {"decade": 1990}
    assert m.parses("films in the '90s")[0].slots == {"decade": 1990}
    assert m.parses("films in the nineties")[0].slots == {"decade": 1990}
    assert m.parses("films in the 2020s")[0].slots == {"decade": 2020}
    assert m.parses("comedies from 1994")[0].slots == {"genre": "comedy", "year": 1994}
    assert m.parses("sci-fi from 1994")[0].slots["genre"] == "science fiction"
    assert m.parses("romantic comedies from 1994")[0].slots["genre"] == "romantic comedy"
    assert m.parses("comedies from 994") == [] and m.parses("in Klingon") == []
    assert m.parses("in french")[0].slots == {"language": "French"}


@pytest.mark.parametrize("bad", ["who [directed {film}", "who ( directed {film}",
                                 "who directed ] {film}", "who @nothing {film}",
                                 "who directed {nothing}"])
def test_a_bad_pattern_is_refused(bad: str) -> None:
    with pytest.raises(PatternError):
        _one([bad])


def test_a_lead_in_and_a_tail_are_left_out() -> None:
    first = matcher().parses("can you tell me who directed Cinder Road please")
    assert {"film": "Cinder Road"} in [p.slots for p in first]
    assert matcher().parses("please who directed Cinder Road")[0].slots == {
        "film": "Cinder Road"}


def test_tokens_keep_offsets_and_fold_apostrophes() -> None:
    tokens = tokenize("Who’s in Glass Harbor?")
    assert [t.text for t in tokens] == ["who", "'", "s", "in", "glass", "harbor", "?"]
    assert tokens[4].start == 9 and tokens[5].end == 21
    assert compile_pattern("who's", {})[0].options == frozenset({("who", "'", "s")})


def test_film_and_person_references() -> None:
    assert film_readings("the 1951 film Glass Harbor")[1] == ("Glass Harbor", 1951)
    assert ("Glass Harbor", 1951) in film_readings("Glass Harbor (1951)")
    assert ("Glass Harbor", 1951) in film_readings("Glass Harbor (1951 film)")
    assert ("Glass Harbor", None) in film_readings("the movie “Glass Harbor”")
    assert film_readings("'Glass Harbor'")[0] == ("Glass Harbor", None)
    assert "Sela Okafor" in person_readings("the director Sela Okafor")


def test_questions_no_form_reads() -> None:
    for text in ("describe Cinder Road in a few words", "which words describe Cinder Road",
                 "what topics is Cinder Road about", "how would people rate Cinder Road",
                 "hello", "films", "?"):
        assert matcher().parses(text) == [], text
