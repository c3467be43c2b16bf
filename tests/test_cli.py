"""The CLI contract: commands, options, exit codes and the JSON shape."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import backtrace
from backtrace.cli import main


@pytest.fixture
def run(tmp_path):
    db = str(tmp_path / "cli.db")

    def _run(*args: str, env: dict | None = None):
        result = CliRunner().invoke(main, [*args], env={"BACKTRACE_DB": db, **(env or {})})
        return result

    return _run


def test_help_lists_every_command(run):
    result = run("--help")
    assert result.exit_code == 0
    for command in ("ingest", "films", "show", "export", "demo"):
        assert command in result.output


def test_ingest_prints_a_summary_and_exits_0(run, mini_corpus):
    result = run("ingest", str(mini_corpus))
    assert result.exit_code == 0, result.output
    assert "3 documents read" in result.output
    assert "0 failed" in result.output
    again = run("ingest", str(mini_corpus))
    assert "3 skipped as duplicates" in again.output


def test_db_option_wins_over_environment(run, mini_corpus, tmp_path):
    other = tmp_path / "other.db"
    assert run("ingest", "--db", str(other), str(mini_corpus)).exit_code == 0
    assert other.exists()
    result = run("films", "--json")  # the environment's store was never made
    assert result.exit_code == 3 and "cli.db: no such store" in result.output
    assert not (tmp_path / "cli.db").exists()  # and a command that reads makes none


def test_reading_commands_never_make_a_store_and_an_empty_db_is_a_usage_error(run, tmp_path):
    for args in (["films"], ["show", "Paper Comet"], ["person", "Ada"], ["conflicts"],
                 ["relink"], ["export", "--format", "jsonl"]):
        result = run(*args, "--db", str(tmp_path / "typo.db"))
        assert result.exit_code == 3, args  # a store problem
        assert result.output.strip().endswith("typo.db: no such store (backtrace ingest makes "
                                              "one)"), result.output
        assert "Traceback" not in result.output
    assert not (tmp_path / "typo.db").exists()
    result = run("films", "--db", "")
    assert result.exit_code == 2 and "--db is empty" in result.output


def test_films_json(run, mini_corpus):
    run("ingest", str(mini_corpus))
    films = json.loads(run("films", "--json").output)
    assert [(f["title"], f["year"]) for f in films] == [("Paper Comet", 2019)]


def test_films_are_written_as_they_are_read_in_the_same_bytes(run, tmp_path):
    from pathlib import Path

    corpus = Path(__file__).resolve().parents[1] / "examples" / "corpus"
    backtrace.open(tmp_path / "empty.db").close()
    assert run("films", "--json", "--db", str(tmp_path / "empty.db")).output == "[]\n"
    run("ingest", str(corpus))
    streamed = run("films", "--json").output
    with backtrace.open(tmp_path / "cli.db") as kb:
        listed = kb.films()
    assert len(listed) == 7
    assert streamed == json.dumps(listed, ensure_ascii=False, indent=2) + "\n"


def test_show_json_has_the_documented_shape(run, mini_corpus):
    run("ingest", str(mini_corpus))
    result = run("show", "Paper Comet", "--json")
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    assert set(record) == {"id", "title", "year", "facts", "reception"}
    for prop, facts in record["facts"].items():
        for fact in facts:
            assert {"value", "qualifiers", "status", "sources"} <= set(fact), prop
            assert fact["status"] in {"agreed", "conflict", "overridden"}
            for src in fact["sources"]:
                assert {"document", "path", "start", "end", "text"} <= set(src)
                assert isinstance(src["start"], int) and isinstance(src["end"], int)
    assert record["facts"]["duration"][0]["value"] == 96
    cast = record["facts"]["cast_member"]
    assert cast[0]["qualifiers"]["character"] == "Ruth Decker"


def test_show_text_and_sources(run, mini_corpus):
    run("ingest", str(mini_corpus))
    plain = run("show", "paper comet")
    assert plain.exit_code == 0
    assert "Odile Ferrant" in plain.output and "Directed by" in plain.output
    sourced = run("show", "Paper Comet", "--sources")
    assert "- Director: Odile Ferrant" in sourced.output
    assert "encyclopedia.txt" in sourced.output


def test_show_year_and_missing_film(run, mini_corpus):
    run("ingest", str(mini_corpus))
    assert run("show", "Paper Comet", "--year", "2019").exit_code == 0
    missing = run("show", "Paper Comet", "--year", "1950")
    assert missing.exit_code == 1
    assert "no film called" in missing.output
    assert "Traceback" not in missing.output


def test_export_jsonl_matches_show_json(run, mini_corpus):
    run("ingest", str(mini_corpus))
    lines = run("export", "--format", "jsonl").output.strip().splitlines()
    assert len(lines) == 1
    exported = json.loads(lines[0])
    shown = json.loads(run("show", "Paper Comet", "--json").output)
    for facts in shown["facts"].values():
        for fact in facts:
            for src in fact["sources"]:
                src.pop("sentence", None)
    assert exported == shown
    one = run("export", "Paper Comet").output.strip().splitlines()
    assert len(one) == 1


def test_usage_errors_exit_2(run):
    assert run("ingest").exit_code == 2
    assert run("show").exit_code == 2
    assert run("ingest", "--kind", "poem", "x").exit_code == 2


def test_missing_path_is_one_line_and_exit_1(run, tmp_path):
    result = run("ingest", str(tmp_path / "nope.txt"))
    assert result.exit_code == 1
    assert "nope.txt" in result.output
    assert "Traceback" not in result.output


def test_demo_builds_a_fresh_database_and_shows_a_film(tmp_path):
    db = tmp_path / "demo.db"
    result = CliRunner().invoke(main, ["demo", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "ingested" in result.output and "0 failed" in result.output
    assert "Directed by" in result.output
    size = db.stat().st_size
    again = CliRunner().invoke(main, ["demo", "--db", str(db)])
    assert again.exit_code == 0 and db.stat().st_size == size


def test_kind_override(mini_corpus, tmp_path):
    from sqlalchemy import select

    import backtrace
    from backtrace.store.schema import documents

    db = str(tmp_path / "kind.db")
    result = CliRunner().invoke(
        main, ["ingest", "--db", db, "--kind", "review", str(mini_corpus / "news.txt")]
    )
    assert result.exit_code == 0, result.output
    with backtrace.open(db) as kb, kb.store.read() as conn:
        assert conn.execute(select(documents.c.kind)).scalars().all() == ["review"]


def test_polarity_classifies_each_line_without_a_database(tmp_path):
    text = "A tedious, joyless slog.\n\nA thrilling, big-hearted adventure I loved.\n"
    result = CliRunner().invoke(main, ["polarity", "-"], input=text)
    assert result.exit_code == 0, result.output
    rows = [line.split("\t") for line in result.output.splitlines()]
    assert [r[0] for r in rows] == ["negative", "empty", "positive"]
    assert all(0.5 <= float(r[1]) <= 1.0 for r in rows if r[0] != "empty")
    assert not list(tmp_path.iterdir())


def test_person_shows_filmography_with_sources(run, mini_corpus):
    run("ingest", str(mini_corpus))
    result = run("person", "lorna vance")
    assert result.exit_code == 0, result.output
    assert "Paper Comet (2019)" in result.output and "as Ruth Decker" in result.output
    # each credit quotes the sentence around its name, not the name alone
    quotes = [line.split("“")[1].split("”")[0] for line in result.output.splitlines()
              if "↳" in line]
    assert quotes and all(q != "Lorna Vance" and len(q) > len("Lorna Vance") for q in quotes)
    record = json.loads(run("person", "Lorna Vance", "--json").output)
    assert record["name"] == "Lorna Vance"
    assert all(e["sources"] for e in record["filmography"])
    assert run("person", "Nobody Atall").exit_code == 1


def test_conflicts_lists_disagreeing_sources(run, mini_corpus, tmp_path):
    run("ingest", str(mini_corpus))
    assert "no conflicts" in run("conflicts").output
    other = tmp_path / "other.txt"
    other.write_text(
        "= Paper Comet (film) =\n\nPaper Comet\n- Director: Odile Ferrant\n"
        "- Runtime: 91 minutes\n\nPaper Comet is a 2019 American drama film.\n",
        encoding="utf-8",
    )
    run("ingest", str(other))
    rows = json.loads(run("conflicts", "--json").output)
    assert [(r["film"]["title"], r["property"]) for r in rows] == [("Paper Comet", "duration")]
    values = {f["value"]: f["believed"] for f in rows[0]["values"]}
    assert set(values) == {96, 91} and sum(values.values()) == 1
    text = run("conflicts").output
    assert "[believed]" in text and "[disputed]" in text and "- Runtime: 91 minutes" in text


def test_a_store_from_a_newer_backtrace_is_refused_not_written(run, mini_corpus, tmp_path):
    import sqlite3

    db = tmp_path / "newer.db"
    assert run("ingest", "--db", str(db), str(mini_corpus)).exit_code == 0
    with sqlite3.connect(db) as conn:
        conn.execute("INSERT INTO migrations VALUES ('9999_future', '2030-01-01')")
        before = conn.execute("SELECT count(*) FROM documents").fetchone()
    for args in (["films"], ["ingest", str(mini_corpus)]):
        result = run(*args, "--db", str(db))
        assert result.exit_code == 3
        assert "made by a newer backtrace (migration 9999_future)" in result.output
        assert "Traceback" not in result.output
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM documents").fetchone() == before


def test_a_quote_is_cut_around_its_span_at_words():
    from backtrace.render import around
    from backtrace.store.records import Sentence

    text = ("Harbor legend Ada Quist costars with Bo Lind (Salt Road, Iron Bay) and Kay Burr "
            "(Low Tide) in Gull Hollow, a thriller about memory.")
    held = Sentence(100, 100 + len(text), text)
    at = 100 + text.index("Iron Bay")
    quote = around(held, at, at + len("Iron Bay"), 40)
    assert "Iron Bay" in quote and quote.startswith("… ") and quote.endswith(" …")
    assert len(quote) <= 46 and all(w in text.split() for w in quote.split()[1:-1])
    assert around(held, at, at + 8, 500) == text


def test_the_api_film_is_the_dict_show_json_prints(run, mini_corpus, tmp_path):
    run("ingest", str(mini_corpus))
    shown = json.loads(run("show", "Paper Comet", "--json").output)
    with backtrace.open(tmp_path / "cli.db") as kb:
        film = kb.film("Paper Comet")
    assert film == shown
    source = film["facts"]["director"][0]["sources"][0]
    assert source["text"] in source["sentence"]["text"]  # the sentence, not the name alone


def test_lists_are_written_a_few_items_at_a_time_in_the_bytes_of_the_whole(
        run, tmp_path, monkeypatch, capsys):
    from pathlib import Path

    from backtrace import cli
    from backtrace.render import render_conflict

    corpus = Path(__file__).resolve().parents[1] / "examples" / "corpus"
    run("ingest", str(corpus))
    monkeypatch.setattr(cli, "_ECHO_ITEMS", 2)
    with backtrace.open(tmp_path / "cli.db") as kb:
        listed, disputed = kb.films(), kb.conflict_records()
    assert len(disputed) > 1
    assert run("films", "--json").output == cli._dump(listed) + "\n"
    assert run("conflicts", "--json").output == cli._dump([c.to_json() for c in disputed]) + "\n"
    assert run("conflicts").output == "\n\n".join(map(render_conflict, disputed)) + "\n"
    odd = [{"id": 1, "title": "Line\u2028break", "year": None}, {"id": 2, "title": "Zéro",
           "year": 1999, "score": 2.5, "ok": True}, {}, {"nested": {"a": [1]}}, [1, 2]]
    capsys.readouterr()
    cli._dump_stream(iter(odd))
    assert capsys.readouterr().out == cli._dump(odd) + "\n"
