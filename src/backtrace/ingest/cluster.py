"""``ingest --dask``: reading and extraction as tasks on a Dask ``distributed`` cluster.

The inputs are cut into partitions: a few files, or a run of lines of a JSONL file (a
byte range starting at a line, with the number of that line, so every record keeps the
``path#L<n>`` it has in a plain ingest). Each partition is one task: a worker reads it and
extracts its documents (the expensive part), and sends back every item read, with its
extraction. This process takes the results in input order, a bounded number of tasks
ahead, and stores them through the same path as a plain ingest (``ingest(source=...)``):
the same chunks, resolver and relink step, so the store is the one a plain ingest makes,
on SQLite and PostgreSQL alike.

A worker that dies mid-task (killed, out of memory) loses nothing: its tasks go to another
worker (the scheduler's own retry), and since results are taken in order and written once
by this process, nothing is stored twice; a document already stored is skipped by its
content hash, so an interrupted ingest started again finishes the same store.

On PostgreSQL the workers write instead (``ingest.direct``): each task stores its new
documents and claims, provisional, in its own transaction, and this process links them in
input order; the facts are then reconciled on the workers, by film (``ingest.facts_stage``).

Workers must see the input files under the paths this process gives (the same machine, or
a shared file system) and have backtrace installed; on SQLite they need no access to the
store, on PostgreSQL they connect to it with this process's URL. Dask is an optional
dependency (the ``dask`` extra), imported only here.
"""

from __future__ import annotations

import logging
import os
import socket
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from backtrace.errors import BacktraceError, ReadError, shown_path
from backtrace.ingest import (
    KNOWN_BATCH,
    IngestReport,
    ReadOptions,
    _NewDocuments,
    ingest,
    stored_as,
)
from backtrace.ingest.watchdog import extract_within
from backtrace.model import Document, Extraction
from backtrace.read import iter_named_paths, read_jsonl, read_path
from backtrace.read.decode import bom_encoding, utf16_lane
from backtrace.read.paths import JSONL_SUFFIXES, MAX_BYTES
from backtrace.store import Store
from backtrace.store.queries import stored_ids

PARTITION = 64  # documents a task reads and extracts: JSONL lines, or files
AHEAD = 4  # tasks submitted ahead of the one being stored, per worker thread
LOCAL_WORKERS = 2  # the local cluster: worker processes, one thread each
CONNECT_TIMEOUT = 20  # seconds to reach a scheduler given by its address

Item = tuple[Document | ReadError, Extraction | str | None]


class DaskMissing(BacktraceError):
    """``--dask`` without the dask extra installed."""


class ClusterError(BacktraceError):
    """A task the cluster could not run (its worker died each time it was tried)."""


@dataclass(frozen=True, slots=True)
class Part:
    """What a task reads: a whole file (``start`` None), or the lines of a JSONL file in the
    byte range ``[start, end)``, the first of them line ``first_line``."""

    path: str  # where the worker opens it (absolute)
    name: str  # the name documents are stored and shown under
    start: int | None = None
    end: int | None = None
    first_line: int = 1


def _line_ranges(data: bytes, per_part: int) -> Iterator[tuple[int, int, int]]:
    """``(start, end, first line)`` of runs of ``per_part`` lines covering ``data``."""
    start, line, pos = 0, 1, 0
    while start < len(data):
        count = 0
        pos = start
        while count < per_part:
            newline = data.find(b"\n", pos)
            if newline < 0:
                pos = len(data)
                break
            pos, count = newline + 1, count + 1
        yield start, pos, line
        line += count
        start = pos


def _splittable(path: Path) -> bytes | None:
    """The bytes of a JSONL file that can be cut at its line ends (UTF-8, not too big), or
    None: such a file is read whole by one task, which reports what is wrong with it."""
    if path.suffix.lower() not in JSONL_SUFFIXES:
        return None
    try:
        if path.stat().st_size > MAX_BYTES:
            return None
        data = path.read_bytes()
    except OSError:
        return None
    if (not data or bom_encoding(data) not in (None, "utf-8-sig") or utf16_lane(data)
            or b"\x00" in data):  # a NUL: read whole, as a plain ingest reads it
        return None
    return data


def plan(paths: Iterable[str], options: ReadOptions, per_part: int = PARTITION
         ) -> Iterator[list[Part] | ReadError]:
    """The tasks of an ingest, in input order: lists of parts of about ``per_part``
    documents, and the errors met finding the files (kept in their place)."""
    group: list[Part] = []
    for item in iter_named_paths(paths, follow_links=options.follow_links):
        if isinstance(item, ReadError):
            if group:
                yield group
                group = []
            yield item
            continue
        path, name = item
        where = os.path.abspath(path)
        data = _splittable(path)
        if data is None:
            group.append(Part(where, name))
            if len(group) >= per_part:
                yield group
                group = []
            continue
        if group:
            yield group
            group = []
        for start, end, line in _line_ranges(data, per_part):
            yield [Part(where, name, start, end, line)]
    if group:
        yield group


def _read_part(part: Part, options: ReadOptions) -> Iterator[Document | ReadError]:
    if part.start is None:
        yield from read_path(part.path, kind=options.kind, fields=options.fields,
                             name=part.name)
        return
    with open(part.path, "rb") as handle:
        handle.seek(part.start)
        data = handle.read((part.end or 0) - part.start)
    # blank lines before the range: its records are numbered as in the whole file
    # (read_jsonl skips blank lines), at a byte a line
    padded = b"\n" * (part.first_line - 1) + data
    yield from read_jsonl(padded, shown_path(part.name), fields=options.fields,
                          kind=options.kind)


def read_extract(parts: list[Part], options: ReadOptions,
                 budget: float | None = None) -> list[Item]:
    """A task: every item the parts hold, in order, each document with its extraction (or
    why that failed: over its time budget ``budget``, default ``TIME_BUDGET``, kept by a
    watchdog in a worker's thread), each read error with None. Runs on a worker."""
    out: list[Item] = []
    for part in parts:
        try:
            for item in _read_part(part, options):
                out.append(extract_within(item, budget) if isinstance(item, Document)
                           else (item, None))
        except ReadError as exc:
            out.append((exc, None))
        except OSError as exc:
            out.append((ReadError(shown_path(part.name), exc.strerror or str(exc)), None))
    return out


def _results(client: Any, tasks: Iterable[list[Part] | ReadError], options: ReadOptions,
             ahead: int, *, work: Callable[..., list[Item]] | None = None,
             extra: tuple[Any, ...] = ()) -> Iterator[Item]:
    """The items of every task in input order, with at most ``ahead`` tasks submitted and
    not yet taken (a long corpus is never all in flight, nor all in memory). Each task
    runs ``work(parts, options, *extra)`` (default: ``read_extract``)."""
    run = work or read_extract
    queue: deque[tuple[Any, list[Part]]] = deque()

    def take() -> list[Item]:
        head, parts = queue.popleft()
        if isinstance(head, ReadError):
            return [(head, None)]
        try:
            return head.result()
        except Exception as exc:  # the task failed on every worker it was given (or they
            where = parts[0].name  # died with it, as many times as the scheduler allows)
            first = (str(exc).splitlines() or [""])[0][:200]
            raise ClusterError(f"{where}: the Dask cluster could not read and extract it "
                               f"({exc.__class__.__name__}: {first})") from exc

    for task in tasks:
        if isinstance(task, ReadError):
            queue.append((task, []))
        else:
            queue.append((client.submit(run, task, options, *extra, pure=False), task))
        while len(queue) > ahead:
            yield from take()
    while queue:
        yield from take()


def _unstored(new: _NewDocuments, batch: list[tuple[Document, Extraction | str]]
              ) -> Iterator[tuple[Document, Extraction | str]]:
    """The batch less the documents the store holds (counted as duplicates; their films'
    facts are still checked), as ``_NewDocuments`` does before extraction."""
    with new.store.read() as conn:
        stored = stored_ids(conn, [i for d, _ in batch for i in (d.id, *d.former_ids)])
    for doc, extraction in batch:
        if (found := stored_as(doc, stored)) is None:
            yield doc, extraction
        else:
            new.report.duplicates += 1
            new.session.known.append(found)


def dask_source(client: Any, per_part: int = PARTITION) -> Callable[..., Iterator[Any]]:
    """An ingest ``source`` that reads and extracts on the cluster of ``client``."""

    def source(new: _NewDocuments, paths: list[str], options: ReadOptions
               ) -> Iterator[tuple[Document, Extraction | str]]:
        threads = sum(client.nthreads().values()) or 1
        batch: list[tuple[Document, Extraction | str]] = []
        for item, extraction in _results(client, plan(paths, options, per_part), options,
                                         max(AHEAD * threads, 2)):
            if new.on_document:
                new.on_document(item)
            doc = new._counted(item)
            if doc is None:
                continue
            assert extraction is not None  # a document always comes with its extraction
            batch.append((doc, extraction))
            if len(batch) >= KNOWN_BATCH:
                yield from _unstored(new, batch)
                batch = []
        yield from _unstored(new, batch)

    return source


def require_dask() -> None:
    """Raise :class:`DaskMissing` unless ``dask.distributed`` can be imported."""
    if find_spec("dask") is None or find_spec("distributed") is None:
        raise DaskMissing("--dask needs Dask: pip install 'backtrace[dask]'")


@contextmanager
def connect(address: str | None = None, workers: int = LOCAL_WORKERS) -> Iterator[Any]:
    """A ``distributed.Client``: of the scheduler at ``address``, or of a new local cluster
    of ``workers`` processes with one thread each (its dashboard on a free port when
    bokeh is installed), closed after. The local cluster's workers are started by
    ``spawn``: a script that makes one runs it under ``if __name__ == "__main__":``."""
    require_dask()
    from distributed import Client

    if address:
        try:
            client = Client(address, timeout=CONNECT_TIMEOUT)
        except (OSError, ValueError) as exc:  # no scheduler there; not an address
            raise ClusterError(f"{address}: no Dask scheduler answers "
                               f"({(str(exc).splitlines() or [''])[0]})") from None
        with client:
            yield client
        return
    with local_cluster(workers, dashboard=find_spec("bokeh") is not None) as cluster, \
            Client(cluster) as client:
        yield client


def local_cluster(workers: int = LOCAL_WORKERS, *, dashboard: bool = False) -> Any:
    """A ``distributed.LocalCluster`` of ``workers`` processes with one thread each, quiet
    but for errors. Its scheduler serves HTTP (the dashboard, or its health routes alone)
    on a port found free on 127.0.0.1, not on 8787, which another cluster may hold."""
    from distributed import LocalCluster

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                        host="127.0.0.1", dashboard_address=f"127.0.0.1:{port}",
                        scheduler_kwargs={"dashboard": dashboard},
                        silence_logs=logging.ERROR)


def ingest_on_dask(
    store: Store,
    paths: Iterable[str],
    options: ReadOptions | None = None,
    *,
    address: str | None = None,
    client: Any = None,
    on_document: Callable[[Document | ReadError], None] | None = None,
    on_error: Callable[[ReadError], None] | None = None,
    on_dashboard: Callable[[str], None] | None = None,
    per_part: int = PARTITION,
    direct: bool | None = None,
) -> IngestReport:
    """``ingest`` with reading and extraction on a Dask cluster: ``client``'s, else the
    scheduler's at ``address``, else a local cluster made for the run. ``on_dashboard``
    is given the dashboard's link, when the cluster has one. ``direct``: workers write
    their documents and claims to the store themselves (``ingest.direct``; default: on
    PostgreSQL), else they send them back to this process, the one writer."""
    if client is None:
        with connect(address) as made:
            return ingest_on_dask(store, paths, options, client=made, on_document=on_document,
                                  on_error=on_error, on_dashboard=on_dashboard,
                                  per_part=per_part, direct=direct)
    if on_dashboard and _has_dashboard(client):
        on_dashboard(client.dashboard_link)
    from backtrace.ingest.direct import direct_source, ingest_direct, is_direct_store

    if direct is None:
        direct = is_direct_store(store.url)
    if direct:
        if not is_direct_store(store.url):
            raise ClusterError(f"{store.target}: workers write directly to PostgreSQL only")
        from backtrace.ingest.facts_stage import facts_on_cluster

        try:
            return ingest_direct(store, list(paths), options,
                                 direct_source(client, store.url, per_part),
                                 on_document=on_document, on_error=on_error,
                                 reconcile=facts_on_cluster(client, store))
        finally:
            _close_engines(client, store.url)
    return ingest(store, list(paths), options, on_document=on_document, on_error=on_error,
                  source=dask_source(client, per_part))


def _close_engines(client: Any, url: str) -> None:
    """Close the workers' connections to the store (a cluster outlives an ingest)."""
    from backtrace.ingest.direct import close_engine

    with suppress(Exception):  # a worker gone: its connections went with it
        client.run(close_engine, url)


def _has_dashboard(client: Any) -> bool:
    """Whether the scheduler serves a dashboard (a local one only with bokeh installed:
    without, its HTTP port serves health routes alone)."""
    if getattr(client, "cluster", None) is not None and find_spec("bokeh") is None:
        return False
    try:
        return bool(client.scheduler_info().get("services", {}).get("dashboard"))
    except Exception:  # noqa: BLE001 - no dashboard to show, nothing else to do
        return False
