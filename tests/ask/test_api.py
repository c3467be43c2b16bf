"""`kb.ask(question)`: the same answers as the CLI, from the Python API."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def test_the_api_answers_with_sources(ask_kb: Any) -> None:
    result = ask_kb.ask("who directed The Salt Ledger?")
    assert result["question"] == "who directed The Salt Ledger?"
    assert result["interpretation"] == {
        "kind": "film_property", "form": "film_director", "property": "director",
        "entity": {"type": "film", "id": result["interpretation"]["entity"]["id"],
                   "title": "The Salt Ledger", "year": 2019},
        "asked": "The Salt Ledger", "matched": "exact", "filters": {}}
    answer = result["answers"][0]
    assert answer["value"] == "Corinne Ashdown"
    assert answer["film"]["title"] == "The Salt Ledger"
    assert answer["sources"][0]["path"].endswith("the-salt-ledger/encyclopedia.txt")
    assert result["note"] is None


def test_one_asker_per_knowledge_base(ask_kb: Any) -> None:
    ask_kb.ask("who directed Cinder Road?")
    first = ask_kb.__dict__["_asker"]
    ask_kb.ask("who wrote Cinder Road?")
    assert ask_kb.__dict__["_asker"] is first


def test_a_store_opened_anew_answers_the_same(ask_db: Path, ask_kb: Any) -> None:
    import backtrace

    with backtrace.open(ask_db) as kb:
        assert kb.ask("who edited Cinder Road?") == ask_kb.ask("who edited Cinder Road?")


def test_seed_questions(seeds: Path, tmp_path: Path) -> None:
    import backtrace

    with backtrace.open(tmp_path / "seeds.db") as kb:
        kb.ingest([seeds], workers=1)
        directed = kb.ask("who directed Backtrace?")
        gross = kb.ask("how much did Backtrace gross?")
        films = kb.ask("what films did Sly Stallone star in?")
    assert directed["answers"][0]["value"] == "Brian A. Miller"
    assert any("directed by Brian A. Miller" in s["text"]
               for s in directed["answers"][0]["sources"])
    first = gross["answers"][0]
    assert first["value"] == {"amount": 490636, "currency": "USD"} and first["believed"]
    assert first["disputed"] and "disagree" in gross["note"]
    assert any(not a["believed"] for a in gross["answers"])
    assert films["answers"][0]["value"] == "Backtrace"
    assert "read 'Sly Stallone' as Sylvester Stallone" in films["note"]
