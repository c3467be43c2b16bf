"""A document's time budget where SIGALRM cannot serve: a Dask worker runs its tasks in a
thread of its own, and a signal is only ever handled by a process's main thread.

``thread_budget`` starts a watchdog timer; when the block outlives its budget, the timer
raises :class:`~backtrace.extract.parallel.OverBudget` in the thread running the block, as
an asynchronous exception (``PyThreadState_SetAsyncExc``). Python delivers it at the
thread's next bytecode: a loop of Python code (the extractors' rules) is stopped; a single
long call into C (one regular expression's match, a lock waited on) is stopped only when
it returns, as SIGALRM's handler would be, since Python runs signal handlers between
bytecodes too. In the main thread the SIGALRM timer of ``extract.parallel`` is used.
"""

from __future__ import annotations

import ctypes
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from backtrace.extract import extract
from backtrace.extract.parallel import (
    TIME_BUDGET,
    OverBudget,
    over_budget_reason,
    time_budget,
)
from backtrace.model import Document, Extraction

_set_async_exc = ctypes.pythonapi.PyThreadState_SetAsyncExc
_set_async_exc.argtypes = (ctypes.c_ulong, ctypes.py_object)


@contextmanager
def thread_budget(seconds: float | None) -> Iterator[None]:
    """Raise ``OverBudget`` in the block once it has run ``seconds`` (None or 0: no
    limit), in whichever thread it runs. A timer that fires as the block ends raises
    nothing after it: the exception still pending is withdrawn."""
    if not seconds or seconds <= 0:
        yield
        return
    if threading.current_thread() is threading.main_thread():
        with time_budget(seconds):
            yield
        return
    target, lock = threading.get_ident(), threading.Lock()
    state = {"done": False, "fired": False}

    def fire() -> None:
        with lock:
            if not state["done"]:
                state["fired"] = True
                _set_async_exc(target, ctypes.py_object(OverBudget))

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        with lock:
            state["done"] = True
            if state["fired"]:  # raised, or still pending: withdrawn if so
                _set_async_exc(target, ctypes.py_object())


def extract_within(doc: Document, budget: float | None = None
                   ) -> tuple[Document, Extraction | str]:
    """``extract.parallel.extract_one`` that keeps the budget in any thread: ``(doc,
    extraction)``, or ``(doc, reason)`` when an extractor fails or runs over ``budget``
    seconds (None: ``TIME_BUDGET``; 0: no limit)."""
    seconds = TIME_BUDGET if budget is None else budget
    try:
        with thread_budget(seconds):
            return doc, extract(doc)
    except OverBudget:
        return doc, over_budget_reason(seconds or 0)
    except Exception as exc:  # noqa: BLE001 - reported per document, the batch goes on
        return doc, f"extraction failed: {exc!r}"[:300]
