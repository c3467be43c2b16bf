"""Extraction over a stream of documents, on several cores when the stream is long.

``extract`` is a pure function of one document, so documents can be extracted in worker
processes and the results taken back in reading order: the store sees exactly what a
single process would have given it. Short batches (a few files) stay in this process,
where starting workers and loading spaCy in each would cost more than it saves; the
stream is fed to the workers a window at a time, so a huge corpus is never all in memory.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Iterator
from itertools import chain, islice

from backtrace.extract import extract
from backtrace.model import Document, Extraction

PARALLEL_AFTER = 64  # documents: a batch shorter than this is extracted in this process
WINDOW = 256  # documents handed to the workers at a time


def default_workers() -> int:
    """Both cores of a two-core machine; never more than four processes."""
    return max(1, min(4, os.cpu_count() or 1))


def extract_one(doc: Document) -> tuple[Document, Extraction | str]:
    """``(doc, extraction)``, or ``(doc, reason)`` when an extractor fails on it: one
    document's bug must not stop the batch."""
    try:
        return doc, extract(doc)
    except Exception as exc:  # noqa: BLE001 - reported per document, the batch goes on
        return doc, f"extraction failed: {exc!r}"[:300]


def extract_all(
    docs: Iterable[Document],
    workers: int | None = None,
    *,
    parallel_after: int | None = None,
) -> Iterator[tuple[Document, Extraction | str]]:
    """Every document of ``docs`` with its extraction, in the order read."""
    workers = default_workers() if workers is None else workers
    parallel_after = PARALLEL_AFTER if parallel_after is None else parallel_after
    stream = iter(docs)
    head = list(islice(stream, parallel_after))
    if workers <= 1 or len(head) < parallel_after:
        for doc in chain(head, stream):
            yield extract_one(doc)
        return
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    with context.Pool(workers) as pool:
        rest = chain(head, stream)
        while window := list(islice(rest, WINDOW)):
            yield from pool.imap(extract_one, window, chunksize=4)
