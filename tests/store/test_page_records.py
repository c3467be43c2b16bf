"""The typed records of a person, a document and the conflicts give back exactly the JSON
the pages, ``person --json`` and ``conflicts --json`` print: the same keys in the same
order, a work's ``type`` only on a person's credits."""

from __future__ import annotations

from pathlib import Path

import backtrace
from backtrace.store.page_records import (
    ConflictRecord,
    Credit,
    CreditSource,
    DocumentClaim,
    DocumentRecord,
    DocumentSummary,
    LinkedName,
    PersonRecord,
    WorkRef,
)
from backtrace.store.records import Fact, Sentence, Source

LINE = "Paper Comet stars Ada Voss as Nell."
SENTENCE = Sentence(100, 100 + len(LINE), LINE)


def _source() -> CreditSource:
    return CreditSource("3f2a9c0d", "docs/paper-comet.txt", "news", 118, 126, "Ada Voss",
                        SENTENCE)  # fmt: skip


def _person() -> PersonRecord:
    credit = Credit(WorkRef(7, "Paper Comet", 2019, "film"), None, "cast_member", "Cast member",
                    "Nell", None, "Ada Voss", [_source()])  # fmt: skip
    unlinked = Credit(None, "Gull Hollow", "cast_member", "Cast member", None, None,
                      "Ada Voss", [_source()])  # fmt: skip
    linked = LinkedName("A. Voss", "initials", "the same initials and surname", [_source()])
    return PersonRecord(3, "person", "Ada Voss", None, ["A. Voss"], [linked], [credit, unlinked])


def test_a_person_record_keeps_the_keys_and_order_of_its_json() -> None:
    shown = _person().to_json()
    assert list(shown) == ["id", "type", "name", "year", "aliases", "linked_names",
                           "filmography", "reviews_written"]  # fmt: skip
    assert shown["reviews_written"] == []
    credit, unlinked = shown["filmography"]
    assert list(credit) == ["film", "unlinked_mention", "property", "role", "character",
                            "description", "value", "sources"]  # fmt: skip
    assert credit["film"] == {"id": 7, "title": "Paper Comet", "year": 2019, "type": "film"}
    assert unlinked["film"] is None and unlinked["unlinked_mention"] == "Gull Hollow"
    (source,) = credit["sources"]
    assert list(source) == ["document", "path", "kind", "start", "end", "text", "sentence"]
    assert source["sentence"] == {"start": 100, "end": 100 + len(LINE), "text": LINE}
    (linked,) = shown["linked_names"]
    assert list(linked) == ["alias", "rule", "reason", "sources"]
    assert linked["sources"] == [source]


def test_a_work_has_its_type_only_when_read_with_it() -> None:
    assert WorkRef(7, "Paper Comet", None).to_json() == {"id": 7, "title": "Paper Comet",
                                                         "year": None}  # fmt: skip
    assert list(WorkRef(7, "Paper Comet", None, "book").to_json()) == ["id", "title", "year",
                                                                       "type"]  # fmt: skip


def test_a_document_record_is_its_summary_with_text_claims_and_reviews() -> None:
    film = WorkRef(7, "Paper Comet", 2019)
    summary = DocumentSummary("3f2a9c0d", "docs/paper-comet.txt", "news", None, "2019-05-01",
                              4, film)  # fmt: skip
    assert list(summary.to_json()) == ["id", "path", "kind", "title", "date", "seq", "film"]
    claim = DocumentClaim(12, "cast_member", "Ada Voss", {"character": "Nell"}, film, 3,
                          "cast", 0.9, 118, 126, "Ada Voss")  # fmt: skip
    record = DocumentRecord("3f2a9c0d", "docs/paper-comet.txt", "news", None, "2019-05-01", 4,
                            film, "x" * 200, [claim], [])  # fmt: skip
    shown = record.to_json()
    assert list(shown) == [*summary.to_json(), "text", "claims", "reviews"]
    assert {k: shown[k] for k in summary.to_json()} == summary.to_json()
    assert shown["claims"] == [claim.to_json()] and shown["reviews"] == []
    assert list(claim.to_json()) == ["id", "property", "value", "qualifiers", "film",
                                     "value_entity_id", "extractor", "confidence", "start",
                                     "end", "text"]  # fmt: skip
    assert claim.to_json()["film"] == {"id": 7, "title": "Paper Comet", "year": 2019}


def test_a_conflict_record_gives_its_facts_as_a_film_record_does() -> None:
    source = Source("3f2a9c0d", "docs/paper-comet.txt", "news", None, 5, 15, "104 minutes",
                    Sentence(0, 20, "It runs 104 minutes."))  # fmt: skip
    believed = Fact(112, {}, "conflict", True, 0.6, "more reliable", [])
    doubted = Fact(104, {}, "conflict", False, 0.4, "less reliable", [source])
    row = ConflictRecord(WorkRef(7, "Paper Comet", 2019), "duration", "conflict", [112],
                         [believed, doubted])  # fmt: skip
    shown = row.to_json()
    assert list(shown) == ["film", "property", "status", "believed", "values"]
    assert shown["film"] == {"id": 7, "title": "Paper Comet", "year": 2019}
    assert shown["values"] == [believed.to_json(), doubted.to_json()]


def test_the_api_gives_the_records_json(tmp_path: Path, db_target: str | Path) -> None:
    doc = tmp_path / "paper-comet.txt"
    doc.write_text("= Paper Comet =\n\nPaper Comet\n- Director: Odile Ferrant\n- Runtime: 104 "
                   "minutes\n\nPaper Comet is a 2019 film directed by Odile Ferrant. It runs 97 "
                   "minutes.\n", encoding="utf-8")  # fmt: skip
    with backtrace.open(db_target) as kb:
        kb.ingest([doc])
        record = kb.person_record("Odile Ferrant")
        assert isinstance(record, PersonRecord) and record.filmography
        assert kb.person("Odile Ferrant") == record.to_json()
        rows = kb.conflict_records()
        assert rows and all(isinstance(r, ConflictRecord) for r in rows)
        assert kb.conflicts() == [r.to_json() for r in rows]
