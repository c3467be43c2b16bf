"""A worker process killed with SIGKILL in the middle of a task of ``ingest --dask`` leaves
the store a clean run leaves, at each place a task can be killed. On PostgreSQL (the
workers writing: ``ingest.direct``, ``ingest.facts_stage``): while it writes its documents
(before its transaction commits, and after), and while it writes the facts of its films
(before the commit, and after); on SQLite (the workers sending back): before its result
is sent.

Nothing waits on a time. A gate is put on every worker (``client.run``), around one
function of the task: the first worker to pass it (a file made with ``O_EXCL``) writes its
process id into a named pipe and stops there; the test's killer thread, blocked reading
that pipe, reads the id and kills the process; the task is given to another worker, where
the gate lets it through. A real ``distributed`` cluster and a real PostgreSQL server."""

from __future__ import annotations

import importlib
import json
import os
import signal
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import backtrace

distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")
cloudpickle = pytest.importorskip("cloudpickle")

from backtrace.ingest import ReadOptions  # noqa: E402
from backtrace.ingest.cluster import ingest_on_dask, local_cluster  # noqa: E402
from backtrace.store.schema import metadata  # noqa: E402

pytestmark = pytest.mark.slow  # a cluster of two processes, each loading spaCy
CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"
SAFETY_NET = 600.0  # seconds a gated task waits to be killed before it fails the test

# where a task is stopped and killed: (stage, moment) -> (module, function wrapped). The
# gate runs once the function returned: its rows are written, the transaction still open
# (write_provisional, write_facts) or committed (read_extract_write, reconcile_films).
# On SQLite the workers send their results back (no transaction of theirs): a task is
# killed once it read and extracted, before its result is sent.
GATES = {
    ("documents", "before the commit"): ("backtrace.ingest.direct", "write_provisional"),
    ("documents", "after the commit"): ("backtrace.ingest.direct", "read_extract_write"),
    ("facts", "before the commit"): ("backtrace.ingest.facts_stage", "write_facts"),
    ("facts", "after the commit"): ("backtrace.ingest.facts_stage", "reconcile_films"),
    ("sqlite", "before the result is sent"): ("backtrace.ingest.cluster", "read_extract"),
}


def stop_here_once(flag: str, pipe: str) -> None:
    """On a worker: the first caller (of all workers) sends its process id down ``pipe``
    and waits to be killed; every later caller goes through."""
    try:
        os.close(os.open(flag, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        return
    with open(pipe, "w") as out:  # blocks until the killer reads
        out.write(f"{os.getpid()}\n")
    threading.Event().wait(SAFETY_NET)  # a safety net only: SIGKILL comes first
    raise RuntimeError("the gated worker was not killed")


def install_gate(module: str, name: str, flag: str, pipe: str) -> None:
    """On a worker: wrap ``module.name`` so that it stops at the gate once it returned."""
    mod = importlib.import_module(module)
    real = getattr(mod, name)

    def gated(*args: Any, **kwargs: Any) -> Any:
        out = real(*args, **kwargs)
        stop_here_once(flag, pipe)
        return out

    gated.__wrapped__ = real  # type: ignore[attr-defined]
    setattr(mod, name, gated)


def remove_gate(module: str, name: str) -> None:
    """On a worker: unwrap ``module.name`` (a worker started after the kill has no gate)."""
    mod = importlib.import_module(module)
    setattr(mod, name, getattr(getattr(mod, name), "__wrapped__", getattr(mod, name)))


class Killer(threading.Thread):
    """Reads a process id from the pipe (blocking until a worker writes it) and kills that
    process with SIGKILL. The pipe is opened for reading and writing before the thread
    starts (on Linux that never blocks), so a worker's write finds a reader at once and
    ``release`` can end a wait no worker answered by writing an empty line."""

    def __init__(self, pipe: Path) -> None:
        super().__init__(daemon=True)
        self.pipe = pipe
        self.fd = os.open(pipe, os.O_RDWR)
        self.killed: list[int] = []

    def run(self) -> None:
        with os.fdopen(self.fd) as source:
            said = source.readline().strip()
        if said:
            os.kill(int(said), signal.SIGKILL)
            self.killed.append(int(said))

    def release(self) -> None:
        if self.is_alive():  # no worker came
            end = os.open(self.pipe, os.O_WRONLY | os.O_NONBLOCK)
            os.write(end, b"\n")
            os.close(end)
        self.join()


def snapshot(kb: backtrace.KnowledgeBase) -> dict[str, Any]:
    """What the commands say: films, each film's record, conflicts, the counts."""
    films = kb.films()
    return {"films": films, "records": [kb.film_by_id(f["id"]) for f in films],
            "conflicts": kb.conflicts(), "counts": kb.counts()}


def _cell(value: Any) -> str:
    return json.dumps(value, sort_keys=True, default=str)


def tables(target: str | Path) -> dict[str, list[tuple[str, ...]]]:
    """Every row of every table, sorted; but what a run's clock or the facts' sequence
    gives (when a document was ingested, when a migration ran, a fact's id: a fact is
    its film, property, value and the rest, and its claims are named by that)."""
    from sqlalchemy import create_engine, select

    from backtrace.store.engine import database_url, driver_url

    skip = {("documents", "ingested_at"), ("migrations", "applied_at"), ("facts", "id")}
    engine = create_engine(driver_url(database_url(target)))
    out: dict[str, list[tuple[str, ...]]] = {}
    try:
        with engine.connect() as conn:
            fact_of = {}
            for row in conn.execute(select(metadata.tables["facts"])).mappings():
                fact_of[row["id"]] = _cell({k: v for k, v in row.items() if k != "id"})
            for name, table in metadata.tables.items():
                rows = conn.execute(select(table)).mappings()
                out[name] = sorted(
                    tuple(_cell(fact_of[v] if (name, k) == ("fact_claims", "fact_id") else v)
                          for k, v in row.items() if (name, k) not in skip)
                    for row in rows)
    finally:
        engine.dispose()
    return out


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    """A local cluster of two worker processes (one thread each); the gates' functions
    are sent by value (the workers do not import this module)."""
    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    try:
        with local_cluster(2) as cluster, distributed.Client(cluster) as made:
            yield made
    finally:
        cloudpickle.unregister_pickle_by_value(sys.modules[__name__])


def ingest(target: str | Path, client: Any, *, direct: bool = True
           ) -> tuple[str, dict[str, Any]]:
    with backtrace.open(target) as kb:
        report = ingest_on_dask(kb.store, [str(CORPUS)], ReadOptions(), client=client,
                                per_part=2, direct=direct)
        assert not report.failed and not report.interrupted
        return report.summary(), snapshot(kb)


@pytest.fixture(scope="module")
def clean(client: Any, postgres_server: Any, tmp_path_factory: pytest.TempPathFactory
          ) -> dict[str, Any]:
    """Clean runs' stores: the plain ingest's (SQLite) summary, snapshot and rows, and
    the rows of the direct ``ingest --dask`` on PostgreSQL, no worker killed."""
    plain_db = tmp_path_factory.mktemp("clean") / "plain.db"
    with backtrace.open(plain_db) as kb:
        plain = (kb.ingest([CORPUS]).summary(), snapshot(kb))
    target = postgres_server.create_database("test_dask_kill_clean")
    try:
        assert ingest(target, client) == plain
        return {"plain": plain, "sqlite": tables(plain_db), "postgresql": tables(target)}
    finally:
        postgres_server.drop_database("test_dask_kill_clean")


@pytest.fixture
def gate(request: pytest.FixtureRequest, client: Any, tmp_path: Path,
         monkeypatch: pytest.MonkeyPatch) -> Iterator[Killer]:
    """The gate of the test's (stage, moment) on every worker, and the killer waiting."""
    module, name = GATES[request.param]
    if request.param[0] == "facts":  # a few films a task: the killed task is one of several
        monkeypatch.setattr("backtrace.ingest.facts_stage.FILMS_PER_TASK", 4)
    pipe, flag = tmp_path / "pipe", tmp_path / "flag"
    os.mkfifo(pipe)
    client.run(install_gate, module, name, str(flag), str(pipe))
    killer = Killer(pipe)
    killer.start()
    try:
        yield killer
    finally:
        killer.release()
        client.run(remove_gate, module, name)


@pytest.mark.parametrize("gate", list(GATES), indirect=True, ids=" ".join)
def test_a_worker_killed_mid_task_leaves_the_clean_store(clean, client, gate, request,
                                                         tmp_path: Path) -> None:
    on_sqlite = request.node.callspec.params["gate"][0] == "sqlite"
    target = tmp_path / "dask.db" if on_sqlite else request.getfixturevalue("postgres_url")
    assert ingest(target, client, direct=not on_sqlite) == clean["plain"]
    assert len(gate.killed) == 1  # the run did lose the worker stopped at the gate
    # nothing lost, nothing twice: every row a clean run writes
    assert tables(target) == clean["sqlite" if on_sqlite else "postgresql"]
