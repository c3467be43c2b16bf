"""Extraction on several processes stores exactly what one process stores."""

from __future__ import annotations

from pathlib import Path

import pytest

import backtrace
from backtrace.extract.parallel import extract_all, extract_one
from backtrace.model import Document, Kind

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"


def _doc(n: int, text: str) -> Document:
    return Document(id=f"d{n}", path=f"d{n}.txt", kind=Kind.NEWS, text=text)


def test_order_and_results_match_one_process() -> None:
    docs = [_doc(n, f"Lena Holt{n} directs the caper, a film by Rook Pictures.")
            for n in range(12)]  # fmt: skip
    serial = [(d.id, e) for d, e in extract_all(docs, workers=1)]
    parallel = [(d.id, e) for d, e in extract_all(docs, workers=2, parallel_after=4)]
    assert [i for i, _ in parallel] == [d.id for d in docs]
    assert parallel == serial


def test_a_failing_document_is_reported_not_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    import backtrace.extract.parallel as parallel

    def broken(doc: Document) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(parallel, "extract", broken)
    doc, result = extract_one(_doc(1, "text"))
    assert doc.id == "d1" and isinstance(result, str) and "boom" in result


@pytest.mark.slow
def test_parallel_ingest_gives_the_same_facts(tmp_path: Path, monkeypatch) -> None:
    import backtrace.extract.parallel as parallel

    monkeypatch.setattr(parallel, "PARALLEL_AFTER", 4)
    pools = []
    real_context = parallel.multiprocessing.get_context

    def counting(method=None):
        pools.append(method)
        return real_context(method)

    monkeypatch.setattr(parallel.multiprocessing, "get_context", counting)
    records = []
    for workers in (1, 2):
        with backtrace.open(tmp_path / f"w{workers}.db") as kb:
            report = kb.ingest([CORPUS], workers=workers)
            assert not report.failed and report.stored == 21
            records.append([kb.film_by_id(f["id"]) for f in kb.films()])
    assert records[0] == records[1]
    assert len(pools) == 1  # the two-worker run did start a pool
