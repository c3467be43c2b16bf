"""A store built once for the question tests: the sample corpus (invented films) plus four
short records written for these tests (two films of one title, a person in three films
of three decades and genres, a film based on a novel, a French-language film)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "examples" / "corpus"

# Written for these tests; every name and title is invented.
RECORDS = [
    {"title": "Moss and Mortar", "year": 1994, "cast": ["Petra Vollan", "Ivo Grange"],
     "genres": ["Comedy"],
     "text": "Moss and Mortar is a 1994 American comedy film directed by Sela Okafor and "
             "starring Petra Vollan and Ivo Grange. It is based on a 1971 novel of that "
             "name by Odile Ferrant."},
    {"title": "Glass Harbor", "year": 1951, "cast": ["Rufus Teague"], "genres": ["Drama"],
     "text": "Glass Harbor is a 1951 American drama film directed by Lorne Abbott and "
             "starring Rufus Teague."},
    {"title": "Glass Harbor", "year": 1999, "cast": ["Petra Vollan", "Dana Quill"],
     "genres": ["Thriller"],
     "text": "Glass Harbor is a 1999 American thriller film directed by Sela Okafor and "
             "starring Petra Vollan, Dana Quill and Ivo Grange. The film was shot in Duluth, "
             "Minnesota."},
    {"title": "Le Quai Bleu", "year": 2003, "cast": ["Petra Vollan"], "genres": ["Comedy"],
     "text": "Le Quai Bleu is a 2003 French-language comedy film written and directed by "
             "Sela Okafor, starring Petra Vollan."},
]


@pytest.fixture(scope="module")
def kb_of(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """Builds a store of records written for a test module (as JSONL, one process) and
    gives it open; closed after the module."""
    import backtrace

    opened = []

    def make(records: list[dict[str, Any]]) -> Any:
        root = tmp_path_factory.mktemp("records")
        path = root / "records.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        kb = backtrace.open(root / "store.db")
        opened.append(kb)
        assert not kb.ingest([path], workers=1).failed
        return kb

    yield make
    for kb in opened:
        kb.close()


@pytest.fixture(scope="session")
def ask_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import backtrace

    root = tmp_path_factory.mktemp("ask")
    records = root / "records.jsonl"
    records.write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    db = root / "ask.db"
    with backtrace.open(db) as kb:
        report = kb.ingest([CORPUS, records], workers=1)
        assert not report.failed
    return db


@pytest.fixture(scope="session")
def ask_kb(ask_db: Path) -> Any:
    import backtrace

    with backtrace.open(ask_db) as kb:
        yield kb


@pytest.fixture(scope="session")
def ask(ask_kb: Any) -> Any:
    """``ask(question)`` -> the result dict, checked for the invariants every answer keeps."""

    def run(question: str) -> dict[str, Any]:
        result = ask_kb.ask(question)
        check_result(ask_kb, result)
        return result

    return run


def check_result(kb: Any, result: dict[str, Any]) -> None:
    """Every answer has a source; every source's text is the document's text at its
    offsets and holds the claim's span."""
    from sqlalchemy import select

    from backtrace.store.schema import documents

    assert set(result) == {"question", "interpretation", "answers", "note"}
    assert result["answers"] or result["note"], "no answer without a note"
    with kb.store.read() as conn:
        for answer in result["answers"]:
            assert answer["sources"], answer
            assert {"value", "entity", "sources"} <= set(answer)
            for s in answer["sources"]:
                text = conn.execute(select(documents.c.text).where(
                    documents.c.id == s["document"])).scalar_one()
                assert text[s["start"]:s["end"]] == s["text"]
                assert s["start"] <= s["span"]["start"] <= s["span"]["end"] <= s["end"]
                assert text[s["span"]["start"]:s["span"]["end"]] == s["span"]["text"]


def values(result: dict[str, Any]) -> list[Any]:
    return [a["value"] for a in result["answers"]]
