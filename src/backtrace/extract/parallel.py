"""Extraction over a stream of documents, on several cores when the stream is long.

``extract`` is a pure function of one document, so documents can be extracted in worker
processes and the results taken back in reading order: the store sees exactly what a
single process would have given it. Short batches (a few files) stay in this process,
where starting workers and loading spaCy in each would cost more than it saves; the
stream is fed to the workers a window at a time, so a huge corpus is never all in memory.

Each document has a time budget (:data:`TIME_BUDGET` seconds, ``extract_all(budget=...)``):
a document whose extraction takes longer fails alone, with an error line, and the batch
goes on. Workers ignore Ctrl-C (SIGINT): the main process alone sees KeyboardInterrupt, and
leaving the pool's ``with`` block ends them, so an interrupted run prints no traceback from
each worker.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import chain, islice
from typing import Any

from backtrace.extract import extract
from backtrace.model import Document, Extraction

PARALLEL_AFTER = 64  # documents: a batch shorter than this is extracted in this process
WINDOW = 256  # documents handed to the workers at a time
TIME_BUDGET: float | None = 120.0
"""Seconds one document's extraction may take before it is given up (None or 0: no limit).
Extraction is linear in a document's length, some 12 s per MB of dense prose on a laptop
core (bench/extraction_scale.py), so this passes documents of several MB (the longest of
the corpora at hand is under 100 KB) and stops one that would hold back its batch for
minutes: tens of MB of prose, a pathological input, a bug."""


class OverBudget(Exception):
    """Raised inside an extraction that ran out of its time budget."""


def default_workers() -> int:
    """Both cores of a two-core machine; never more than four processes."""
    return max(1, min(4, os.cpu_count() or 1))


def _alarm(signum: int, frame: Any) -> None:
    raise OverBudget


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Raise :class:`OverBudget` in the block once it has run ``seconds`` (wall clock).

    A real-time interval timer (SIGALRM) interrupts the main thread of this process, the
    one that runs the block, even while it waits; the previous handler and any timer
    already running are put back after. Elsewhere than in a main thread, or where there
    is no such timer, the block runs without a limit."""
    usable = (seconds and seconds > 0 and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return
    previous = signal.signal(signal.SIGALRM, _alarm)
    began = time.monotonic()
    outer, _interval = signal.setitimer(signal.ITIMER_REAL, float(seconds))  # type: ignore[arg-type]
    try:
        yield
    finally:
        try:  # the timer fires once: if it does here, the inner block still restores
            signal.setitimer(signal.ITIMER_REAL, 0)
        finally:
            signal.signal(signal.SIGALRM, previous)
            if outer > 0:  # an enclosing timer: let it run out when it would have
                signal.setitimer(signal.ITIMER_REAL,
                                 max(outer - (time.monotonic() - began), 1e-3))


def over_budget_reason(seconds: float) -> str:
    """The error line of a document that ran out of its time budget."""
    return f"extraction took over {seconds:g} s (time budget); document skipped"


def extract_one(doc: Document, budget: float | None = None
                ) -> tuple[Document, Extraction | str]:
    """``(doc, extraction)``, or ``(doc, reason)`` when an extractor fails on it or runs
    over ``budget`` seconds (None: :data:`TIME_BUDGET`; 0: no limit): one document's bug
    or size must not stop the batch."""
    seconds = TIME_BUDGET if budget is None else budget
    try:
        with time_budget(seconds):
            return doc, extract(doc)
    except OverBudget:
        return doc, over_budget_reason(seconds or 0)
    except Exception as exc:  # noqa: BLE001 - reported per document, the batch goes on
        return doc, f"extraction failed: {exc!r}"[:300]


def _worker_init() -> None:
    """A pool worker leaves Ctrl-C to the main process (which ends the pool)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def extract_all(
    docs: Iterable[Document],
    workers: int | None = None,
    *,
    parallel_after: int | None = None,
    budget: float | None = None,
) -> Iterator[tuple[Document, Extraction | str]]:
    """Every document of ``docs`` with its extraction, in the order read; ``budget``:
    seconds each document may take (None: :data:`TIME_BUDGET`; 0: no limit)."""
    workers = default_workers() if workers is None else workers
    parallel_after = PARALLEL_AFTER if parallel_after is None else parallel_after
    stream = iter(docs)
    head = list(islice(stream, parallel_after))
    if workers <= 1 or len(head) < parallel_after:
        for doc in chain(head, stream):
            yield extract_one(doc, budget)
        return
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    one = functools.partial(extract_one, budget=TIME_BUDGET if budget is None else budget)
    with context.Pool(workers, initializer=_worker_init) as pool:
        rest = chain(head, stream)
        while window := list(islice(rest, WINDOW)):
            yield from pool.imap(one, window, chunksize=4)
