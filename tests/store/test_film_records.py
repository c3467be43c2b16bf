"""Many film records read a batch at a time are the records read one by one."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import NoResultFound

from backtrace.store import queries


def test_a_batch_gives_each_film_record_in_the_order_asked(kb, mini_corpus, monkeypatch) -> None:
    kb.ingest([mini_corpus])
    with kb.store.read() as conn:
        ids = [f["id"] for f in queries.list_films(conn)]
        one_by_one = [queries.film_record(conn, i, sentences=True).to_json() for i in ids]
        monkeypatch.setattr(queries, "BATCH", 1)  # batches of one film, then all at once
        tiny = queries.film_records(conn, list(reversed(ids)), sentences=True)
        monkeypatch.setattr(queries, "BATCH", 200)
        whole = queries.film_records(conn, ids, sentences=True)
        assert [r.to_json() for r in whole] == one_by_one
        assert [r.to_json() for r in reversed(tiny)] == one_by_one
        assert all(r.reception is not None for r in whole)
        with pytest.raises(NoResultFound):
            queries.film_records(conn, [*ids, max(ids) + 1000])
