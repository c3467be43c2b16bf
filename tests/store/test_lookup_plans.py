"""Looking a film or a person up by name reads a few rows through the indexes (issue 25):
SQLite's plan for every statement of the look-ups searches an index by key (or the
primary key) and never walks the entities, aliases, facts or claims, whatever the store
holds (with no statistics gathered, SQLite's plan does not depend on the rows)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, event, or_, select

import backtrace
from backtrace.store import queries
from backtrace.store.schema import aliases, entities

# a full scan of a big table, or a walk of every entity of a type: "(type=?)" alone
WALK = re.compile(r"^(SCAN (entities|aliases|facts|claims)\b"
                  r"|SEARCH (entities|aliases|facts|claims) .*\(type=\?\)$)")


def plans(conn: Connection, run: Callable[[], Any], watch: Any = None) -> list[list[str]]:
    """SQLite's query plan of each SELECT that ``run`` makes on ``watch`` (a connection or
    an engine; ``conn`` by default), a line a step; explained on ``conn``."""
    seen: list[tuple[str, Any]] = []

    def keep(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            seen.append((statement, parameters))

    watch = conn if watch is None else watch
    event.listen(watch, "before_cursor_execute", keep)
    try:
        run()
    finally:
        event.remove(watch, "before_cursor_execute", keep)
    assert seen, "the look-up ran no query"
    return [[row[-1] for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", params)]
            for sql, params in seen]


def walks(steps: list[list[str]]) -> list[str]:
    return [line for plan in steps for line in plan if WALK.match(line)]


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> Iterator[backtrace.KnowledgeBase]:
    """The mini corpus (one invented film, Paper Comet, and its people) in a store."""
    mini = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
    with backtrace.open(tmp_path_factory.mktemp("plans") / "p.db") as kb:
        kb.ingest([mini])
        yield kb


@pytest.mark.parametrize("look_up", [
    lambda c: queries.find_entities(c, "Lorna Vance", ("person",)),
    lambda c: queries.find_entities(c, "LORNA  vance", ("person", "organization")),
    lambda c: queries.find_entities(c, "no one at all", ("person",)),
    lambda c: queries.find_films(c, "Paper Comet"),
    lambda c: queries.find_films(c, "paper comet", 2019),
    lambda c: queries.find_films(c, "Paper Comet (2019 film)"),
], ids=["person", "person-folded", "person-absent", "film", "film-year", "film-disambiguated"])
def test_name_lookups_search_the_key_indexes(kb: backtrace.KnowledgeBase, look_up: Any) -> None:
    with kb.store.read() as conn:
        steps = plans(conn, lambda: look_up(conn))
    assert walks(steps) == [], steps
    flat = " | ".join(line for plan in steps for line in plan)
    assert "key=?" in flat and "ix_aliases_key" in flat  # the name and the aliases, by key


@pytest.mark.parametrize("command", [
    lambda kb: kb.person("Lorna Vance"),
    lambda kb: kb.record("Paper Comet"),
    lambda kb: kb.record("paper comet", sentences=True),
], ids=["person", "show", "show-sources"])
def test_what_person_and_show_read_walks_no_table(kb: backtrace.KnowledgeBase,
                                                  command: Any) -> None:
    with kb.store.read() as conn:
        steps = plans(conn, lambda: command(kb), watch=kb.store.engine)
    assert walks(steps) == [], steps


def test_the_check_sees_the_or_over_an_outer_join(kb: backtrace.KnowledgeBase) -> None:
    """The look-up as it was: one OR across an outer join with the aliases, which SQLite
    answers by reading every entity of the type."""
    key = "lorna vance"
    old = (select(entities.c.id).outerjoin(aliases, aliases.c.entity_id == entities.c.id)
           .where(entities.c.type == "person", or_(entities.c.key == key, aliases.c.key == key))
           .distinct())
    with kb.store.read() as conn:
        steps = plans(conn, lambda: conn.execute(old).all())
    assert walks(steps)


def test_the_conflicts_are_found_through_the_status_index(kb) -> None:
    """Every conflict of a million films: the disputed films are found by a search of
    ``ix_facts_status`` a page at a time, never by reading every fact."""
    with kb.store.read() as conn:
        steps = plans(conn, lambda: queries.conflicts(conn))
    assert not walks(steps), steps
    assert any("ix_facts_status" in line for plan in steps for line in plan), steps
