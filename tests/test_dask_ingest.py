"""``ingest --dask`` (issue 21): reading and extraction on a Dask cluster give the store a
plain ingest gives, on SQLite and on PostgreSQL (and still do when a worker process is
killed mid-task: tests/test_dask_kill.py). A real ``distributed`` cluster of two worker
processes, nothing mocked."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import backtrace
from backtrace.errors import BacktraceError

distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")

from backtrace.cli import _dask_address, main  # noqa: E402
from backtrace.ingest import ReadOptions, watchdog  # noqa: E402
from backtrace.ingest.cluster import (  # noqa: E402
    ClusterError,
    Part,
    _results,
    ingest_on_dask,
    local_cluster,
    plan,
    read_extract,
)
from backtrace.ingest.direct import read_extract_write  # noqa: E402
from pgserver import sql  # noqa: E402

pytestmark = pytest.mark.slow  # a cluster of two processes, each loading spaCy
CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"


def snapshot(kb: backtrace.KnowledgeBase) -> dict[str, Any]:
    """What the commands say about the store: films, each film's record (show --json),
    conflicts, each person's page (person --json), the counts."""
    from sqlalchemy import text

    with kb.store.read() as conn:
        names = [r[0] for r in conn.execute(
            text("SELECT DISTINCT name FROM entities WHERE type = 'person' ORDER BY name"))]
    people: dict[str, Any] = {}
    for name in names:
        try:
            people[name] = kb.person(name)
        except BacktraceError as exc:  # two people of one name: the candidates
            people[name] = str(exc)
    return {"films": kb.films(), "records": [kb.film_by_id(f["id"]) for f in kb.films()],
            "conflicts": kb.conflicts(), "people": people, "counts": kb.counts()}


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, Any]]:
    """The sample corpus by a plain ingest into SQLite: its summary and snapshot."""
    with backtrace.open(tmp_path_factory.mktemp("plain") / "plain.db") as kb:
        report = kb.ingest([CORPUS])
        return report.summary(), snapshot(kb)


@pytest.fixture(scope="module")
def client() -> Any:
    """A local cluster: two worker processes of one thread each, no dashboard."""
    with local_cluster(2) as cluster, distributed.Client(cluster) as made:
        yield made


def dask_ingest(target: Any, client: Any, per_part: int, **kwargs: Any) -> tuple[str, dict]:
    with backtrace.open(target) as kb:
        report = ingest_on_dask(kb.store, [str(CORPUS)], ReadOptions(), client=client,
                                per_part=per_part, **kwargs)
        assert not report.failed and not report.interrupted
        return report.summary(), snapshot(kb)


def test_jsonl_partitions_keep_their_line_numbers(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    lines = [json.dumps({"title": f"Film {i}", "text": f"Film {i} is a film of {1990 + i}."})
             for i in range(7)]
    lines.insert(3, "")  # a blank line is skipped, and still counted
    lines.insert(5, "{not json")
    corpus.write_text("\n".join(lines) + "\n")
    tasks = list(plan([str(corpus)], ReadOptions(), per_part=2))
    assert [t[0].first_line for t in tasks] == [1, 3, 5, 7, 9]
    assert all(isinstance(t, list) and len(t) == 1 and isinstance(t[0], Part) for t in tasks)
    cut = [item for task in tasks for item, _ in read_extract(task, ReadOptions())]
    whole = [item for item, _ in read_extract([Part(str(corpus), "c.jsonl")], ReadOptions())]
    assert [str(getattr(i, "path", i)) for i in cut] == [str(getattr(i, "path", i)) for i in whole]
    assert [getattr(i, "id", None) for i in cut] == [getattr(i, "id", None) for i in whole]
    assert "c.jsonl:6" in str(cut[4])  # the bad line, by its number in the whole file


def test_the_address_or_a_path_after_a_bare_dask() -> None:
    assert _dask_address("local", ("a",)) == (("a",), True)
    assert _dask_address("tcp://10.0.0.5:8786", ("a",)) == (("a",), "tcp://10.0.0.5:8786")
    assert _dask_address("scheduler:8786", ("a",)) == (("a",), "scheduler:8786")
    assert _dask_address("docs/", ()) == (("docs/",), True)


def test_dask_on_sqlite_gives_the_plain_store(plain, client, tmp_path: Path) -> None:
    assert dask_ingest(tmp_path / "dask.db", client, per_part=2) == plain


def provisional(target: str) -> int:
    """Documents a worker wrote and this process has not linked yet."""
    return sql(target, "SELECT count(*) FROM documents WHERE seq = 0")[0][0]


def test_dask_on_postgresql_sending_back_gives_the_plain_sqlite_store(plain, client,
                                                                      postgres_url) -> None:
    assert dask_ingest(postgres_url, client, per_part=3, direct=False) == plain


def test_workers_writing_to_postgresql_give_the_plain_sqlite_store(plain, client,
                                                                   postgres_url) -> None:
    seen: list[int] = []

    def count_provisional(item: object) -> None:  # at the first result taken: its task's
        if not seen:  # documents are in the store, written by the worker, not linked yet
            seen.append(provisional(postgres_url))

    assert dask_ingest(postgres_url, client, per_part=3, on_document=count_provisional) == plain
    assert seen[0] >= 1  # the worker wrote them (the default on PostgreSQL: direct)
    assert provisional(postgres_url) == 0  # and every one was linked


def counts(target: str) -> tuple[int, ...]:
    return tuple(sql(target, f"SELECT count(*) FROM {t}")[0][0]
                 for t in ("documents", "spans", "claims", "entities", "aliases"))


def test_a_task_run_twice_at_once_writes_nothing_twice(client, postgres_url) -> None:
    """Two copies of one task (a retried task whose first worker still ran, a task given
    twice) at once: the documents, spans and claims of one, no entity."""
    backtrace.open(postgres_url).close()  # the schema
    parts = [Part(str(CORPUS / name), name) for name in sorted(os.listdir(CORPUS))[:6]]
    futures = [client.submit(read_extract_write, parts, ReadOptions(), postgres_url, pure=False)
               for _ in range(2)]
    docs = {item.id for future in futures for item, _ in future.result()
            if not isinstance(item, BacktraceError)}
    once = counts(postgres_url)
    assert once[0] == len(docs) >= 3 and once[2] > 0 and once[3:] == (0, 0)  # no entity
    client.submit(read_extract_write, parts, ReadOptions(), postgres_url, pure=False).result()
    assert counts(postgres_url) == once  # and a third run later: nothing either
    assert provisional(postgres_url) == len(docs)


def test_read_errors_come_back_from_the_workers_in_their_place(client, tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text("Tin Harbour is a 2011 drama film directed by Rhea Valdez.\n")
    (folder / "b.jsonl").write_text(
        json.dumps({"title": "Glass Orchard", "text": "Glass Orchard is a 2014 film."}) + "\n"
        + "[1, 2\n" + json.dumps({"title": "Empty One", "text": ""}) + "\n")
    (folder / "c.txt").write_bytes(b"")
    said = []
    for name, dask in (("plain", False), ("dask", True)):
        with backtrace.open(tmp_path / f"{name}.db") as kb:
            if dask:
                report = ingest_on_dask(kb.store, [str(folder)], client=client, per_part=1)
            else:
                report = kb.ingest([folder])
            said.append((report.summary(), report.failed, report.no_text, snapshot(kb)))
    assert said[0] == said[1]
    assert len(said[0][1]) == 2 and said[0][2] == 1  # the bad line, the empty file; no text


def test_an_address_where_no_scheduler_answers_is_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["ingest", str(CORPUS), "--db", str(tmp_path / "x.db"),
                                       "--dask", "nowhere://scheduler"])
    assert result.exit_code == 1
    [line] = result.output.strip().splitlines()
    assert line.startswith("Error: nowhere://scheduler: no Dask scheduler answers (")


def test_a_task_the_cluster_cannot_run_is_one_line_naming_its_file(client) -> None:
    broken = object()  # no read options: the task raises on its worker
    with pytest.raises(ClusterError, match=r"^docs/a\.jsonl: the Dask cluster could not"):
        list(_results(client, [[Part("/nowhere/a.jsonl", "docs/a.jsonl")]], broken, 2))


def test_the_command_runs_on_a_scheduler_by_its_address(plain, client, tmp_path: Path) -> None:
    db = tmp_path / "cli.db"
    address = client.scheduler.address
    result = CliRunner().invoke(main, ["ingest", str(CORPUS), "--db", str(db), "--dask",
                                       address, "-q"])
    assert result.exit_code == 0, result.output
    assert plain[0] in result.output
    again = CliRunner().invoke(main, ["ingest", "--dask", address, str(CORPUS), "--db", str(db)])
    assert again.exit_code == 0 and "21 skipped as duplicates" in again.output
    with backtrace.open(db) as kb:
        assert snapshot(kb) == plain[1]


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_an_interrupted_run_started_again_gives_the_plain_store(plain, client, db_target,
                                                               monkeypatch) -> None:
    monkeypatch.setattr("backtrace.ingest.CHUNK", 4)  # stored 4 at a time: some are, at the
    monkeypatch.setattr("backtrace.ingest.cluster.KNOWN_BATCH", 4)  # interruption
    taken: list[object] = []

    def interrupt_at_the_fifteenth(item: object) -> None:  # as Ctrl-C would, mid-run
        taken.append(item)
        if len(taken) == 15:
            raise KeyboardInterrupt

    with backtrace.open(db_target) as kb:
        first = ingest_on_dask(kb.store, [str(CORPUS)], client=client, per_part=2,
                               on_document=interrupt_at_the_fifteenth)
        assert first.interrupted and 0 < first.stored < 21
        again = ingest_on_dask(kb.store, [str(CORPUS)], client=client, per_part=2)
        assert not again.interrupted and again.stored == 21 - first.stored
        assert again.duplicates == first.stored
        assert snapshot(kb) == plain[1]


def test_a_document_over_its_budget_on_a_worker_thread_fails_alone(monkeypatch,
                                                                   tmp_path: Path) -> None:
    """A Dask worker runs its task in a thread, where SIGALRM never comes: the watchdog
    stops the document's extraction there, and the others are extracted."""
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("".join(json.dumps({"title": t, "text": f"{t} is a {y} drama film."}) + "\n"
                              for t, y in (("Tin Harbour", 2011), ("Stuck", 2012),
                                           ("Glass Orchard", 2014))))
    real = watchdog.extract

    def loops_on_stuck(doc: Any) -> Any:
        while doc.title == "Stuck":  # Python code that never returns: only the budget stops it
            pass
        return real(doc)

    monkeypatch.setattr(watchdog, "extract", loops_on_stuck)
    out: list[Any] = []
    worker = threading.Thread(target=lambda: out.extend(
        read_extract([Part(str(corpus), "c.jsonl")], ReadOptions(), 0.2)))
    worker.start()
    worker.join(120)  # a safety net only: the budget is 0.2 s
    assert not worker.is_alive()
    assert [doc.title for doc, _ in out] == ["Tin Harbour", "Stuck", "Glass Orchard"]
    assert out[1][1] == "extraction took over 0.2 s (time budget); document skipped"
    assert all(getattr(ex, "film_title", None) for _, ex in (out[0], out[2]))


def test_a_block_within_its_budget_is_not_stopped_later() -> None:
    done: list[str] = []

    def run() -> None:
        with watchdog.thread_budget(30):
            total = sum(range(1000))
        done.append(f"{total}")

    worker = threading.Thread(target=run)
    worker.start()
    worker.join()
    assert done == ["499500"]


def test_a_record_given_twice_is_stored_from_its_first_line(client, postgres_url,
                                                            tmp_path: Path) -> None:
    """One record on lines 1 and 3: a plain ingest stores line 1 and skips line 3. The
    task of line 3 may commit first (here it does, before the ingest): its provisional
    rows give way to line 1's."""
    from backtrace.ingest.direct import _engine, write_provisional

    record = json.dumps({"title": "Tin Harbour",
                         "text": "Tin Harbour is a 2011 drama film directed by Rhea Valdez."})
    corpus = tmp_path / "twice.jsonl"
    corpus.write_text("\n".join([record, json.dumps({"title": "Glass Orchard", "text":
                                 "Glass Orchard is a 2014 film by Rhea Valdez."}), record]) + "\n")
    with backtrace.open(tmp_path / "plain.db") as kb:
        kb.ingest([corpus])
        expected = snapshot(kb)
    with backtrace.open(postgres_url) as kb:
        [line_3] = list(plan([str(corpus)], ReadOptions(), per_part=1))[2:]
        with _engine(postgres_url).begin() as conn:
            assert write_provisional(conn, read_extract(line_3, ReadOptions()))
        assert sql(postgres_url, "SELECT path FROM documents")[0][0].endswith("#L3")
        report = ingest_on_dask(kb.store, [str(corpus)], client=client, per_part=1)
        assert report.duplicates == 1 and not report.failed
        assert snapshot(kb) == expected
    assert [p for (p,) in sql(postgres_url, "SELECT path FROM documents ORDER BY seq")] == [
        "twice.jsonl#L1", "twice.jsonl#L2"]


def test_a_plain_ingest_after_an_interrupted_direct_one_gives_the_plain_store(
        plain, client, postgres_url) -> None:
    """Workers wrote their documents (provisional, unlinked) and the run stopped before
    the main process linked them: a plain ingest started again stores them whole, and the
    store is the plain one."""
    backtrace.open(postgres_url).close()  # the schema
    parts = [Part(str(CORPUS / name), name) for name in sorted(os.listdir(CORPUS))[:6]]
    client.submit(read_extract_write, parts, ReadOptions(), postgres_url, pure=False).result()
    assert provisional(postgres_url) >= 3
    with backtrace.open(postgres_url) as kb:
        report = kb.ingest([CORPUS])
        assert (report.summary(), snapshot(kb)) == plain
    assert provisional(postgres_url) == 0
