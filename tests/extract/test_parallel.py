"""A document over its time budget fails alone; pool workers leave Ctrl-C to the main
process. Nothing here waits on the clock: an extraction that runs over waits on an event
that never comes, and only the budget's alarm ends it."""

from __future__ import annotations

import os
import signal
import threading

import pytest

import backtrace.extract.parallel as parallel
from backtrace.extract.parallel import (
    OverBudget,
    extract_all,
    extract_one,
    over_budget_reason,
    time_budget,
)
from backtrace.model import Document, Extraction, Kind

BUDGET = 0.05  # seconds: only ever reached by an extraction that waits for ever


def _doc(name: str) -> Document:
    return Document(id=name, path=f"{name}.txt", kind=Kind.NEWS, text=f"{name} text")


def _hangs_on(names: set[str]):
    """An extractor that never returns for the documents named (it waits on an event no
    one sets), and gives the others an Extraction titled by the document's id."""
    never = threading.Event()

    def fake(doc: Document) -> Extraction:
        if doc.id in names:
            never.wait()
        return Extraction(film_title=doc.id)

    return fake


def test_a_document_over_its_budget_fails_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "extract", _hangs_on({"stuck"}))
    before = signal.getsignal(signal.SIGALRM)
    doc, result = extract_one(_doc("stuck"), budget=BUDGET)
    assert doc.id == "stuck"
    assert result == "extraction took over 0.05 s (time budget); document skipped"
    assert result == over_budget_reason(BUDGET)
    _, fine = extract_one(_doc("fine"), budget=BUDGET)
    assert isinstance(fine, Extraction) and fine.film_title == "fine"
    # the alarm is disarmed and the handler put back
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) is before


def test_extract_all_takes_a_budget_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "extract", _hangs_on({"b"}))
    results = list(extract_all([_doc("a"), _doc("b"), _doc("c")], workers=1, budget=BUDGET))
    assert [d.id for d, _ in results] == ["a", "b", "c"]
    assert [r if isinstance(r, str) else r.film_title for _, r in results] == [
        "a", over_budget_reason(BUDGET), "c"]


def test_the_module_budget_is_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "extract", _hangs_on({"b"}))
    monkeypatch.setattr(parallel, "TIME_BUDGET", BUDGET)
    _, result = extract_one(_doc("b"))
    assert result == over_budget_reason(BUDGET)


def test_workers_keep_the_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "extract", _hangs_on({"d1", "d4"}))  # forked workers see it
    docs = [_doc(f"d{n}") for n in range(6)]
    results = list(extract_all(docs, workers=2, parallel_after=2, budget=BUDGET))
    assert [d.id for d, _ in results] == [d.id for d in docs]
    reasons = [r for _, r in results if isinstance(r, str)]
    assert reasons == [over_budget_reason(BUDGET)] * 2
    assert [r.film_title for _, r in results if isinstance(r, Extraction)] == [
        "d0", "d2", "d3", "d5"]


def test_an_enclosing_timer_is_put_back() -> None:
    fired = []
    previous = signal.signal(signal.SIGALRM, lambda *_: fired.append(True))
    try:
        signal.setitimer(signal.ITIMER_REAL, 1000.0)
        with time_budget(50.0):
            pass
        remaining, _ = signal.getitimer(signal.ITIMER_REAL)
        assert 900.0 < remaining <= 1000.0
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert not fired


def test_no_budget_outside_the_main_thread() -> None:
    raised: list[BaseException] = []

    def run() -> None:
        try:
            with time_budget(BUDGET):  # no timer: a thread cannot take SIGALRM
                pass
        except BaseException as exc:  # noqa: BLE001 - reported to the test
            raised.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    assert raised == []
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_over_budget_is_raised_in_the_block() -> None:
    never = threading.Event()
    with pytest.raises(OverBudget), time_budget(BUDGET):
        never.wait()


def _sigint_to_self(doc: Document) -> Extraction:
    """Report how this process treats SIGINT, and (when it ignores it) send itself one:
    a worker that did not ignore it would die of KeyboardInterrupt here."""
    handler = signal.getsignal(signal.SIGINT)
    if handler is signal.SIG_IGN:
        os.kill(os.getpid(), signal.SIGINT)
    return Extraction(film_title=f"{doc.id}:{handler is signal.SIG_IGN}:{os.getpid()}")


def test_pool_workers_ignore_ctrl_c(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "extract", _sigint_to_self)
    docs = [_doc(f"d{n}") for n in range(8)]
    results = list(extract_all(docs, workers=2, parallel_after=2))
    titles = [r.film_title for _, r in results if isinstance(r, Extraction)]
    assert [t.split(":")[0] for t in titles] == [d.id for d in docs]
    assert all(t.split(":")[1] == "True" for t in titles)  # every worker ignored SIGINT
    assert {t.split(":")[2] for t in titles} != {str(os.getpid())}  # they were workers
    # and this process still takes Ctrl-C
    assert signal.getsignal(signal.SIGINT) is not signal.SIG_IGN
