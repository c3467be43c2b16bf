"""Curator overrides and the conflicts they settle, through the API and the CLI, on
documents written for these tests (tests/fixtures/reconcile)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, inspect, text

import backtrace
from backtrace.cli import main
from backtrace.errors import NotFound

DOCS = Path(__file__).resolve().parent / "fixtures" / "reconcile"
FILM = "Harbor of Glass"


@pytest.fixture
def docs(tmp_path) -> Path:
    """The encyclopedia entry, news item and review about Harbor of Glass."""
    folder = tmp_path / "docs"
    folder.mkdir()
    for name in ("encyclopedia.txt", "news.txt", "review.txt"):
        shutil.copy(DOCS / name, folder / name)
    return folder


@pytest.fixture
def run(tmp_path):
    db = str(tmp_path / "cli.db")

    def _run(*args: str):
        return CliRunner().invoke(main, [*args], env={"BACKTRACE_DB": db})

    return _run


def facts(kb, prop):
    return kb.film(FILM)["facts"][prop]


def test_both_conflicts_are_found_with_a_believed_value(kb, docs):
    kb.ingest([docs])
    rows = {r["property"]: r for r in kb.conflicts()}
    assert set(rows) == {"box_office", "publication_date"}
    release = rows["publication_date"]
    assert release["status"] == "conflict"
    assert [v["qualifiers"].get("kind") for v in release["values"] if v["believed"]] == ["limited"]
    kinds = {v["qualifiers"].get("kind"): v for v in release["values"]}
    assert {s["kind"] for s in kinds["wide"]["sources"]} == {"news"}
    assert {s["kind"] for s in kinds["limited"]["sources"]} == {"encyclopedia"}
    assert "supersedes the announcement" in kinds["wide"]["reason"]
    gross = rows["box_office"]
    assert gross["believed"] == [{"amount": 2_431_877, "currency": "USD"}]
    for value in gross["values"]:
        assert value["sources"] and all("sentence" in s for s in value["sources"])
    total = next(v for v in gross["values"] if v["believed"])
    assert total["sources"][0]["sentence"]["text"].startswith("- Gross:")


def test_override_wins_survives_reingest_and_can_be_undone(kb, docs, tmp_path):
    kb.ingest([docs])
    result = kb.resolve(
        FILM, "running time", "104 minutes", because="the extended cut is the release version"
    )
    assert result["stated_by_sources"] is False and result["fact"]["sources"] == []
    assert result["fact"]["override"]["reason"] == "the extended cut is the release version"
    durations = facts(kb, "duration")
    assert [(f["value"], f["status"], f["believed"]) for f in durations] == [
        (104, "overridden", True),
        (101, "overridden", False),
    ]
    # more documents, and the same ones again: the decision stands
    extra = tmp_path / "more"
    extra.mkdir()
    shutil.copy(DOCS / "later-news.txt", extra / "later-news.txt")
    kb.ingest([extra, docs])
    assert [f["value"] for f in facts(kb, "duration") if f["believed"]] == [104]
    kb.undo_override(FILM, "duration")
    assert [(f["value"], f["status"]) for f in facts(kb, "duration")] == [(101, "agreed")]
    history = kb.overrides(FILM)
    assert len(history) == 1 and history[0]["undone_at"] and not history[0]["active"]
    assert history[0]["created_at"] <= history[0]["undone_at"]
    with pytest.raises(NotFound):
        kb.undo_override(FILM, "duration")


def test_a_new_decision_replaces_the_last_one_and_history_keeps_both(kb, docs):
    kb.ingest([docs])
    first = kb.resolve(FILM, "duration", "104", because="extended cut")
    second = kb.resolve(FILM, "duration", "101", because="the theatrical cut after all")
    assert second["replaced"] == [first["override"]["id"]]
    assert second["stated_by_sources"] is True
    assert [(o["value"], o["active"]) for o in kb.overrides(FILM)] == [(104, False), (101, True)]
    assert [(f["value"], f["status"]) for f in facts(kb, "duration")] == [(101, "overridden")]


def test_undo_with_a_value_undoes_only_that_decision(kb, docs):
    kb.ingest([docs])
    kb.resolve(FILM, "genre", "thriller", because="marketed as one")
    kb.resolve(FILM, "genre", "drama", because="festival listing")
    kb.undo_override(FILM, "genre", "Thriller")
    assert [(o["value"], o["active"]) for o in kb.overrides(FILM)] == [
        ("thriller", False),
        ("drama", True),
    ]
    assert {f["value"] for f in facts(kb, "genre")} == {"mystery", "drama"}


def test_an_override_settles_a_conflict_and_conflicts_says_so(kb, docs):
    kb.ingest([docs])
    kb.resolve(FILM, "box_office", "$2,354,605", region="worldwide", because="sum of regions")
    rows = {r["property"]: r for r in kb.conflicts()}
    assert rows["box_office"]["status"] == "overridden"
    assert rows["box_office"]["believed"] == [{"amount": 2_354_605, "currency": "USD"}]
    assert rows["publication_date"]["status"] == "conflict"
    kb.resolve(FILM, "publication_date", "April 9, 2021", kind="limited", because="trade paper")
    release = {r["property"]: r for r in kb.conflicts()}["publication_date"]
    assert release["status"] == "overridden"
    wide = next(v for v in release["values"] if v["qualifiers"].get("kind") == "wide")
    assert wide["status"] == "overridden" and not wide["believed"]


def test_bad_override_requests_are_refused(kb, docs):
    kb.ingest([docs])
    with pytest.raises(backtrace.errors.BacktraceError, match="unknown property"):
        kb.resolve(FILM, "sound mix", "mono", because="x")
    with pytest.raises(backtrace.errors.BacktraceError, match="cannot read"):
        kb.resolve(FILM, "duration", "long", because="x")
    with pytest.raises(backtrace.errors.BacktraceError, match="--because"):
        kb.resolve(FILM, "duration", "90", because="  ")
    with pytest.raises(NotFound):
        kb.resolve("No Such Film", "duration", "90", because="x")
    assert kb.overrides(FILM) == []


def test_migration_adds_the_overrides_table_to_an_older_database(tmp_path):
    db = tmp_path / "old.db"
    with backtrace.open(db):
        pass
    engine = create_engine(f"sqlite:///{db}")
    with engine.begin() as conn:  # make it look like a database from before 0004_overrides
        conn.execute(text("DROP TABLE overrides"))
        conn.execute(text("ALTER TABLE facts DROP COLUMN override_id"))
        conn.execute(text("DELETE FROM migrations WHERE name = '0004_overrides'"))
    with backtrace.open(db):
        pass
    with engine.connect() as conn:
        insp = inspect(conn)
        assert insp.has_table("overrides")
        assert "override_id" in {c["name"] for c in insp.get_columns("facts")}
        assert {c["name"] for c in insp.get_columns("overrides")} >= {
            "created_at",
            "undone_at",
            "reason",
        }
        names = conn.execute(text("SELECT name FROM migrations")).scalars().all()
    assert "0004_overrides" in names
    engine.dispose()


# -- the CLI -------------------------------------------------------------------------------
def test_conflicts_cli_text_and_json(run, docs):
    run("ingest", str(docs))
    result = run("conflicts")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Harbor of Glass (2021): Box office [box_office]" in out
    assert "[believed] $2,431,877 (worldwide)" in out and "[disputed] $1,104,210" in out
    assert "[believed] 2021-04-09 (limited)" in out and "[disputed] 2021-04-09 (wide" in out
    assert "why: " in out and "in news " in out and "in encyclopedia " in out
    rows = json.loads(run("conflicts", "--json").output)
    assert [r["property"] for r in rows] == ["publication_date", "box_office"]
    for row in rows:
        assert set(row) == {"film", "property", "status", "believed", "values"}
        for value in row["values"]:
            assert {"value", "qualifiers", "status", "believed", "confidence", "reason"} <= set(
                value
            )
            assert all({"path", "sentence", "kind"} <= set(s) for s in value["sources"])


def test_show_marks_disputed_and_overridden_facts(run, docs):
    run("ingest", str(docs))
    out = run("show", FILM).output
    assert "2021-04-09 (limited)  ! [disputed: believed]" in out
    assert "2021-04-09 (wide, announced)  ! [disputed: not believed]" in out
    result = run("resolve", FILM, "duration", "104", "--because", "the extended cut")
    assert result.exit_code == 0, result.output
    assert "no source states this value" in result.output
    out = run("show", FILM).output
    assert "104 minutes  [curator's decision; no source states it]" in out
    assert "101 minutes  [overruled by the curator]" in out
    out = run("show", FILM, "--sources").output
    assert "↳ curator's decision " in out and "“the extended cut”" in out


def test_resolve_cli_sets_lists_and_undoes(run, docs):
    run("ingest", str(docs))
    assert run("resolve", FILM, "duration", "104").exit_code == 2  # no --because
    result = run("resolve", FILM, "duration", "101", "--because", "checked", "--json")
    assert json.loads(result.output)["stated_by_sources"] is True
    result = run("resolve", FILM, "duration", "--undo")
    assert result.exit_code == 0 and "undone:" in result.output
    assert "101 minutes  [agreed, believed]" in result.output
    assert run("resolve", FILM, "duration", "--undo").exit_code == 1
    assert run("resolve", "Nowhere Film", "duration", "9", "--because", "x").exit_code == 1


def test_values_that_are_no_value_of_the_property_are_refused() -> None:
    from backtrace.curate import OverrideError, parse_value

    assert parse_value("publication_date", "Dec. 14, 2018") == "2018-12-14"
    for prop, written in (("publication_date", "32/13/2018"),
                          ("publication_date", "soon, 2018"), ("director", "Ada " * 200)):
        with pytest.raises(OverrideError):
            parse_value(prop, written)
