"""The typed film record gives back exactly the JSON shape of docs/json-shape.md: the same
keys in the same order, ``sentence``, ``override`` and ``reception`` only when set."""

from __future__ import annotations

from backtrace.reception.aggregate import aggregate
from backtrace.store.records import Fact, FilmRecord, Override, Sentence, Source

LINE = "- Director: Odile Ferrant"


def _source(sentence: Sentence | None = None) -> Source:
    return Source("3f2a9c0d", "docs/paper-comet.txt", "encyclopedia", None, 42, 55,
                  "Odile Ferrant", sentence)  # fmt: skip


def _fact(source: Source, override: Override | None = None) -> Fact:
    return Fact("Odile Ferrant", {}, "agreed", True, 0.95, "stated by 1 document", [source],
                override)  # fmt: skip


def test_a_source_has_its_sentence_only_when_read_with_it() -> None:
    bare = _source().to_json()
    assert list(bare) == ["document", "path", "kind", "date", "start", "end", "text"]
    assert bare["date"] is None and bare["text"] == "Odile Ferrant"
    held = _source(Sentence(30, 55, LINE)).to_json()
    assert list(held) == [*bare, "sentence"]
    assert held["sentence"] == {"start": 30, "end": 55, "text": LINE}
    assert list(held["sentence"]) == ["start", "end", "text"]


def test_a_fact_has_its_override_only_when_a_curator_decided_it() -> None:
    fact = _fact(_source()).to_json()
    keys = ["value", "qualifiers", "status", "believed", "confidence", "reason", "sources"]
    assert list(fact) == keys
    assert fact["sources"] == [_source().to_json()]
    decided = _fact(_source(), Override(4, "the final cut", "2026-01-02T10:00:00+00:00"))
    shown = decided.to_json()
    assert list(shown) == [*keys, "override"]
    assert shown["override"] == {"id": 4, "reason": "the final cut",
                                 "created_at": "2026-01-02T10:00:00+00:00"}  # fmt: skip


def test_a_record_keeps_its_properties_in_order_and_reception_when_read() -> None:
    facts = {"director": [_fact(_source())], "cast_member": [], "duration": []}
    record = FilmRecord(1, "Paper Comet", 2019, facts)
    shown = record.to_json()
    assert list(shown) == ["id", "title", "year", "facts"]
    assert list(shown["facts"]) == ["director", "cast_member", "duration"]
    assert shown["facts"]["director"] == [_fact(_source()).to_json()]
    reception = aggregate([])
    with_reception = FilmRecord(1, "Paper Comet", None, {}, reception).to_json()
    assert with_reception == {"id": 1, "title": "Paper Comet", "year": None, "facts": {},
                              "reception": reception.to_json()}  # fmt: skip
    assert with_reception["reception"]["reviews"] == []
    assert list(with_reception) == ["id", "title", "year", "facts", "reception"]


def test_believed_facts_and_the_passage_a_source_quotes() -> None:
    doubted = Fact(104, {}, "conflict", False, 0.4, "", [])
    believed = Fact(112, {}, "conflict", True, 0.6, "", [])
    record = FilmRecord(2, "Cinder Road", 2021, {"duration": [doubted, believed]})
    assert record.believed("duration") == [believed] and record.believed("genre") == []
    assert _source().passage == Sentence(42, 55, "Odile Ferrant")
    assert _source(Sentence(30, 55, LINE)).passage == Sentence(30, 55, LINE)


def test_a_source_read_back_from_its_json() -> None:
    held = _source(Sentence(30, 55, LINE))
    assert Source.from_json(held.to_json()) == held
    review = {"document": "r1", "start": 0, "end": 9, "text": "A delight"}
    assert Source.from_json(review) == Source("r1", "", "", None, 0, 9, "A delight")


def test_the_json_text_of_a_record_is_that_of_its_dict() -> None:
    import json
    import math

    from backtrace.store.records import json_scalar, record_json

    said = Sentence(30, 60, "Ona Vell\u2028directed it, “twice”.")
    odd = [None, True, False, 0, -7, 2.5, 1e-7, 1e22, math.nan, math.inf, -math.inf, "",
           'a "quoted"\n\\ line', "café\x00\x1f", {}, [], {"media": ["DVD", None]},
           {"b": 1, "a": [1.5, {"z": {}}]}]  # fmt: skip
    for value in odd:
        assert json_scalar(value) == json.dumps(value, ensure_ascii=False)
    facts = [
        Fact(value, {"character": value} if i % 2 else {}, "conflict", i % 3 == 0, 0.1 * i,
             f"reason {i}", [_source(said if i % 2 else None),
                             Source("d2", "b.txt", "news", "2019-01-02", 0, 3, "Ona")],
             Override(i, "because", "2024-01-01T00:00:00") if i % 4 == 0 else None)
        for i, value in enumerate(odd)
    ]  # fmt: skip
    records = [
        FilmRecord(7, "Paper Comet", 2019, {"director": facts[:9], "box_office": facts[9:]},
                   aggregate([])),
        FilmRecord(8, "Zéro \u2029", None, {}),
        FilmRecord(9, "No facts", 1950, {"year": []}),
    ]
    for record in records:
        assert record_json(record) == json.dumps(record.to_json(), ensure_ascii=False)
    given = '{"given": true}'
    assert record_json(records[0], given).endswith(f', "reception": {given}}}')
