"""SQLite and PostgreSQL give the same answers: every command and the web pages over the
sample corpus, ingested into a SQLite file and into a real PostgreSQL database (issue 21)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from backtrace.cli import main
from backtrace.store import Store
from backtrace.store import search as fts
from backtrace.store.hits import SnippetPiece
from pgserver import sql

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "examples" / "corpus"
COMMANDS = (
    ["films"],
    ["show", "Winter Orchard"],
    ["show", "The Salt Ledger", "--json"],
    ["person", "Ada Lindgren"],
    ["person", "Ada Lindgren", "--json"],
    ["conflicts"],
    ["conflicts", "--json"],
    ["reviews", "Lanterns Over Kestrel Bay"],
    ["export"],
    ["check"],
    ["ask", "who directed Winter Orchard"],
)


def run(*args: str, db: str | Path) -> str:
    result = CliRunner().invoke(main, [*args, "--db", str(db)])
    assert result.exit_code == 0, (args, result.output)
    return result.output


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory, postgres_server: Any) -> dict[str, Any]:
    """The sample corpus ingested by the CLI into a SQLite file and a PostgreSQL database."""
    made = {"sqlite": tmp_path_factory.mktemp("backends") / "films.db",
            "postgresql": postgres_server.create_database("backends")}
    for db in made.values():
        assert "21 stored" in run("ingest", str(CORPUS), db=db)
    return made


def test_every_command_says_the_same_on_both(stores: dict[str, Any]) -> None:
    for command in COMMANDS:
        said = {name: run(*command, db=db) for name, db in stores.items()}
        assert said["sqlite"] == said["postgresql"], command


def test_the_database_comes_from_the_environment(stores: dict[str, Any], monkeypatch) -> None:
    monkeypatch.setenv("BACKTRACE_DB", stores["postgresql"])
    result = CliRunner().invoke(main, ["films"])
    assert result.exit_code == 0 and "Winter Orchard (2020)" in result.output


def test_postgresql_has_its_own_search_index(stores: dict[str, Any]) -> None:
    url = stores["postgresql"]
    indexes = dict(sql(url, "SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN "
                            "('search_entities', 'search_documents', 'entities')"))
    assert "USING gin (words)" in indexes["ix_search_documents_words"]
    assert "gin_trgm_ops" in indexes["ix_entities_name_trgm"]
    names = [n for (n,) in sql(url, "SELECT name FROM migrations ORDER BY name")]
    assert "0008_postgres_search" in names


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_search_finds_words_prefixes_accents_and_misspellings(stores: dict[str, Any],
                                                              backend: str) -> None:
    store = Store(stores[backend], read_only=True)
    try:
        with store.read() as conn:
            assert fts.indexed(conn) and not fts.is_stale(conn)
            found = fts.search_entities(conn, "Winter Orch", ("film",))
            assert [f.name for f in found] == ["Winter Orchard"]
            assert [p.name for p in fts.search_entities(conn, "lindgren", ("person",))] == [
                "Ada Lindgren"]
            docs = fts.search_documents(conn, "storybook")
            assert [d.title for d in docs] == ["Lanterns Over Kestrel Bay"]
            assert SnippetPiece("storybook", True) in docs[0].snippet
            assert fts.search_entities(conn, "Odessa Gränt", ("person",))[0].name == (
                "Odessa Grant")
            assert fts.search_entities(conn, "\"NEAR(*", ("film",)) == []
    finally:
        store.close()


def test_web_pages_say_the_same_on_both(stores: dict[str, Any]) -> None:
    from starlette.testclient import TestClient

    from backtrace.serve import create_app

    pages: dict[str, dict[str, Any]] = {}
    for name, db in stores.items():
        app = create_app(str(db))
        with TestClient(app) as client:
            film = client.get("/search.json", params={"q": "winter orchard"}).json()
            film_id = film["films"][0]["id"]
            person = client.get("/search.json", params={"q": "lindgrin"}).json()
            assert person["fuzzy"] and person["people"][0]["name"] == "Ada Lindgren"
            words = client.get("/search", params={"q": "hand painted"})
            assert words.status_code == 200 and "hand" in words.text
            pages[name] = {
                path: client.get(path).text
                for path in ("/", f"/film/{film_id}", f"/person/{person['people'][0]['id']}",
                             f"/film/{film_id}.json", "/films", "/people?role=director",
                             "/conflicts")
            }
        app.state.site.store.close()
    for path, page in pages["sqlite"].items():
        theirs = pages["postgresql"][path]
        if path.endswith(".json"):
            assert json.loads(page) == json.loads(theirs), path
        else:
            assert page == theirs, path


def test_a_postgresql_store_of_an_older_backtrace_is_upgraded(postgres_url: str) -> None:
    """A store made before the search tables and ``aliases.reason`` (as a version of
    backtrace before them left it) gets them when it is next opened, and its index is built
    by the next ingest."""
    Store(postgres_url).close()
    for statement in ("DROP TABLE search_entities", "DROP TABLE search_documents",
                      "DROP TABLE search_meta", "ALTER TABLE aliases DROP COLUMN reason",
                      "DELETE FROM migrations WHERE name IN "
                      "('0006_identity', '0008_postgres_search')"):
        sql(postgres_url, statement)
    store = Store(postgres_url)
    try:
        with store.read() as conn:
            assert fts.indexed(conn)
        run("ingest", str(CORPUS / "winter-orchard"), db=postgres_url)
        with store.read() as conn:
            assert not fts.is_stale(conn)
            assert [f.name for f in fts.search_entities(conn, "orchard", ("film",))] == [
                "Winter Orchard"]
    finally:
        store.close()
    columns = sql(postgres_url, "SELECT column_name FROM information_schema.columns "
                                "WHERE table_name = 'aliases'")
    assert ("reason",) in columns


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_store_made_before_the_browse_indexes_gets_them(backend: str, db_target: Any) -> None:
    """The indexes the lists read by are made on an older store when it is next opened."""
    from sqlalchemy import inspect, text

    Store(db_target).close()
    store = Store(db_target)
    with store.transaction() as writer:
        for statement in ("DROP INDEX ix_claims_property_value", "DROP INDEX ix_facts_status",
                          "DELETE FROM migrations WHERE name = '0009_browse_indexes'"):
            writer.conn.execute(text(statement))
    store.close()
    store = Store(db_target)
    try:
        with store.read() as conn:
            found = {i["name"] for t in ("claims", "facts") for i in inspect(conn).get_indexes(t)}
        assert {"ix_claims_property_value", "ix_facts_status"} <= found
    finally:
        store.close()
