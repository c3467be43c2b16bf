"""Chunks are transactions, writers queue on the lock, what is derived is recomputed when it
is missing, and `backtrace check` says what is wrong and repairs what is derived (issue 23)."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import backtrace
from backtrace import ingest as ingest_module
from backtrace.cli import main
from backtrace.errors import StoreError
from backtrace.store import Store, pending
from pgserver import sql

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "examples" / "corpus"


def content(db: str | Path) -> dict[str, list]:
    """The store's content without its ids: what two runs that agree have in common."""
    rows = sql(db, "SELECT id, type, name, year FROM entities")
    name = {i: (t, n, y) for i, t, n, y in rows}
    return {
        "documents": sorted(sql(db, "SELECT id, title, film_title FROM documents")),
        "entities": sorted(name.values()),
        "claims": sorted(
            (d, p, v, s, e, repr(name.get(subj)), repr(name.get(ve)))
            for d, p, v, s, e, subj, ve in sql(db,
                "SELECT c.document_id, c.property, CAST(c.value AS TEXT), sp.start, sp.end,"
                " c.subject_id, c.value_entity_id FROM claims c JOIN spans sp ON sp.id = c.span_id")
        ),
        "facts": sorted(
            (repr(name[f]), p, v, st, b)
            for f, p, v, st, b in sql(db,
                "SELECT entity_id, property, CAST(value AS TEXT), status, believed FROM facts")
        ),
        "aliases": sorted(
            (repr(name[e]), a, r or "")
            for e, a, r in sql(db, "SELECT entity_id, alias, reason FROM aliases")
        ),
    }


def test_a_chunk_that_fails_stores_nothing(db_target: str | Path, monkeypatch) -> None:
    """Documents, claims and facts of a chunk commit together: a failure while its facts
    are computed leaves no document without its facts."""
    db = db_target
    calls = []

    def failing(w, films):  # noqa: ANN001
        calls.append(1)
        raise RuntimeError("the disk went away")

    monkeypatch.setattr(ingest_module, "refresh_facts", failing)
    with backtrace.open(db) as kb, pytest.raises(RuntimeError):
        kb.ingest([CORPUS / "cinder-road"])
    assert calls
    assert sql(db, "SELECT count(*) FROM documents") == [(0,)]
    assert sql(db, "SELECT count(*) FROM claims") == [(0,)]


def test_a_writer_waits_for_the_lock_and_says_so_when_it_cannot_have_it(
    db_target: str | Path,
) -> None:
    db = db_target
    holder, waiter = Store(db), Store(db, lock_timeout=0.05)
    taken, release = threading.Event(), threading.Event()

    def hold() -> None:
        with holder.transaction() as w:
            w.create_entity("person", "Ada Quill", "ada quill", 0)
            taken.set()
            release.wait()

    thread = threading.Thread(target=hold)
    thread.start()
    assert taken.wait(60)
    try:
        with pytest.raises(StoreError) as err, waiter.transaction():
            pass
        assert "locked by another writer" in str(err.value) and "\n" not in str(err.value)
    finally:
        release.set()
        thread.join()
    patient = Store(db, lock_timeout=60)
    with patient.transaction() as w:  # the lock is free again: the write goes through
        assert w.find_entities("person", "ada quill")
    for s in (holder, waiter, patient):
        s.close()


def test_a_writer_queues_behind_another(db_target: str | Path) -> None:
    """Two writers at once: the second waits for the first's commit, then both are stored."""
    db = db_target
    first, second = Store(db), Store(db, lock_timeout=600)
    taken, release, done = threading.Event(), threading.Event(), threading.Event()

    def hold() -> None:
        with first.transaction() as w:
            w.create_entity("person", "Ada Quill", "ada quill", 0)
            taken.set()
            release.wait()

    def queue() -> None:
        with second.transaction() as w:
            w.create_entity("person", "Bo Lindqvist", "bo lindqvist", 0)
        done.set()

    one, two = threading.Thread(target=hold), threading.Thread(target=queue)
    one.start()
    assert taken.wait(60)
    two.start()
    assert not done.is_set()  # it cannot have finished: the lock is held
    release.set()
    one.join()
    two.join()
    assert done.is_set()
    assert sql(db, "SELECT count(*) FROM entities") == [(2,)]
    first.close()
    second.close()


def test_known_documents_get_their_missing_facts_back(db_target: str | Path) -> None:
    db = db_target
    with backtrace.open(db) as kb:
        kb.ingest([CORPUS / "cinder-road"])
    [(facts,)] = sql(db, "SELECT count(*) FROM facts")
    assert facts > 0
    sql(db, "DELETE FROM fact_claims")
    sql(db, "DELETE FROM facts")  # as an interrupted older backtrace left them
    with backtrace.open(db) as kb:
        report = kb.ingest([CORPUS / "cinder-road"])
    assert report.stored == 0 and report.duplicates == 3
    assert sql(db, "SELECT count(*) FROM facts") == [(facts,)]


def test_people_left_to_relink_by_an_interrupted_run_are_relinked_by_the_next(
    new_db: Any, monkeypatch
) -> None:
    """The name blocks a chunk named are kept in the store, so a kill between the chunks
    and the final relinking loses nothing: the next ingest relinks them."""
    clean, cut = new_db("clean"), new_db("cut")
    with backtrace.open(clean) as kb:
        kb.ingest([CORPUS])

    def interrupted(*args, **kwargs):  # noqa: ANN002, ANN003
        raise KeyboardInterrupt

    with monkeypatch.context() as m:
        m.setattr(ingest_module, "relink_people", interrupted)
        with backtrace.open(cut) as kb:
            assert kb.ingest([CORPUS]).interrupted
    assert sql(cut, "SELECT count(*) FROM pending_people")[0][0] > 0
    with backtrace.open(cut) as kb:
        kb.ingest([CORPUS])  # nothing new to read
        with kb.store.read() as c:
            assert pending.films_without_facts(c) == set()
    assert content(cut) == content(clean)


def test_check_finds_what_is_wrong_and_repair_recomputes_what_is_derived(
    db_target: str | Path,
) -> None:
    db = str(db_target)
    with backtrace.open(db) as kb:
        kb.ingest([CORPUS / "cinder-road", CORPUS / "winter-orchard"])
    before = content(db)
    runner = CliRunner()
    ok = runner.invoke(main, ["check", "--db", db])
    assert ok.exit_code == 0, ok.output
    assert "facts:" in ok.output and "0 without facts" in ok.output

    [(film,)] = sql(db, "SELECT entity_id FROM facts ORDER BY id LIMIT 1")
    sql(db, "DELETE FROM fact_claims WHERE fact_id IN "
            "(SELECT id FROM facts WHERE entity_id = :film)", film=film)
    sql(db, "DELETE FROM facts WHERE entity_id = :film", film=film)
    sql(db, "UPDATE facts SET believed = NOT believed WHERE id = (SELECT max(id) FROM facts)")
    sql(db, "INSERT INTO entities (type, name, key, year) "
            "VALUES ('person', 'Behind Index', 'behind index', 0)")
    found = runner.invoke(main, ["check", "--db", db, "--json"])
    assert found.exit_code == 1
    report = json.loads(found.output)
    assert report["missing_facts"] == 1 and report["stale_facts"] == 1
    assert report["index_stale"] is True and report["span_mismatches"] == 0

    fixed = runner.invoke(main, ["check", "--db", db, "--repair"])
    assert fixed.exit_code == 0, fixed.output
    assert "repaired: facts of 2 films recomputed" in fixed.output
    assert runner.invoke(main, ["check", "--db", db]).exit_code == 0
    after = content(db)
    # a person nothing points at (no credit, no mention) is not kept by the repair
    assert ("person", "Behind Index", 0) not in after["entities"]
    assert after == before


def test_check_reports_a_span_that_no_longer_states_its_text(db_target: str | Path) -> None:
    db = str(db_target)
    with backtrace.open(db) as kb:
        kb.ingest([CORPUS / "cinder-road"])
    sql(db, "UPDATE spans SET text = 'something else' WHERE id = (SELECT min(id) FROM spans)")
    result = CliRunner().invoke(main, ["check", "--db", db, "--repair"])
    assert result.exit_code == 1  # not derived: reported, never rewritten
    assert "1 spans do not hold their document's text" in result.output


def test_a_read_only_store_is_read_and_never_written(db_target: str | Path) -> None:
    db = db_target
    with backtrace.open(db) as kb:
        kb.ingest([CORPUS / "cinder-road"])
    store = Store(db, read_only=True)
    assert store.read_only
    with store.read() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM documents").scalar() == 3
    with pytest.raises(StoreError, match="read-only"), store.transaction():
        pass
    store.close()


def test_two_ingests_at_once_equal_one_after_the_other(new_db: Any) -> None:
    """Two processes ingesting into one store queue on its lock; the store they leave is
    the one a sequential run leaves."""
    halves = (
        [CORPUS / "cinder-road", CORPUS / "iron-meridian", CORPUS / "roundup.jsonl"],
        [CORPUS / "winter-orchard", CORPUS / "the-salt-ledger", CORPUS / "cinder-road"],
    )
    sequential, together = new_db("seq"), new_db("together")
    with backtrace.open(sequential) as kb:
        for half in halves:
            kb.ingest(half)
    with backtrace.open(together):  # made (and migrated) before the race
        pass

    def run(paths: list[Path]) -> subprocess.Popen:
        return subprocess.Popen(
            [sys.executable, "-m", "backtrace.cli", "ingest", "-q", "--db", str(together),
             *map(str, paths)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    procs = [run(h) for h in halves]
    for p in procs:
        out, err = p.communicate(timeout=600)
        assert p.returncode == 0, err
        assert "Traceback" not in err
    assert content(together) == content(sequential)


def test_a_damaged_store_is_one_line_and_exit_3(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    with backtrace.open(db) as kb:
        kb.ingest([CORPUS / "cinder-road", CORPUS / "winter-orchard"])
    size = db.stat().st_size
    with db.open("r+b") as f:  # pages after the first zeroed, as a failing disk leaves them
        f.seek(4096)
        f.write(b"\0" * (size - 4096))
    for args in (["films"], ["check"], ["show", "Cinder Road"]):
        result = CliRunner().invoke(main, [*args, "--db", str(db)])
        assert result.exit_code == 3, (args, result.output)
        assert "Traceback" not in result.output
        assert len(result.output.strip().splitlines()) == 1, result.output
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all, " * 50)
    result = CliRunner().invoke(main, ["ingest", str(CORPUS / "cinder-road"), "--db", str(junk)])
    assert result.exit_code == 3 and "file is not a database" in result.output


def test_a_database_url_without_its_driver_is_one_line(tmp_path: Path) -> None:
    try:
        import pg8000  # noqa: F401
        pytest.skip("pg8000 is installed here")
    except ImportError:
        pass
    result = CliRunner().invoke(main, ["films", "--db", "postgresql+pg8000://u@localhost/films"])
    assert result.exit_code == 3
    assert "driver 'pg8000' is not installed" in result.output
