"""Many film records read a batch at a time are the records read one by one."""

from __future__ import annotations

from pathlib import Path

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



EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "corpus"


def test_film_ids_and_conflicts_by_batches_read_what_the_lists_do(kb, monkeypatch) -> None:
    kb.ingest([EXAMPLES])
    with kb.store.read() as conn:
        listed = [f["id"] for f in queries.list_films(conn)]
        assert len(listed) > 1 and queries.film_ids(conn) == listed  # in title order
        whole = [c.to_json() for c in queries.conflicts(conn)]
        monkeypatch.setattr(queries, "BATCH", 1)  # every film its own batch: the same list
        assert len({c["film"]["id"] for c in whole}) > 1
        assert [c.to_json() for c in queries.conflicts(conn)] == whole


def test_a_disputed_year_is_listed_with_its_values_not_as_a_curators_decision(
        kb, tmp_path: Path) -> None:
    import json

    record = {"title": "Pale Lantern", "year": 1931,
              "extract": "Pale Lantern is a 1932 American drama film directed by Ona Vell."}
    path = tmp_path / "lantern.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    kb.ingest([path], text_field="extract")
    (row,) = [c for c in kb.conflict_records() if c.property == "year"]
    assert row.status == "conflict"
    assert sorted(f.value for f in row.values) == [1931, 1932]
    assert all(f.sources for f in row.values)  # each value with the text that states it


def test_a_disputed_year_is_among_the_films_facts_marked_and_an_agreed_one_is_not(
        kb, tmp_path: Path) -> None:
    import json

    records = [{"title": "Pale Lantern", "year": 1931,
                "extract": "Pale Lantern is a 1932 American drama film directed by Ona Vell."},
               {"title": "Dry Creek", "year": 1940,
                "extract": "Dry Creek is a 1940 American western film directed by Ona Vell."}]
    path = tmp_path / "two.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    kb.ingest([path], text_field="extract")
    lantern, creek = kb.record("Pale Lantern"), kb.record("Dry Creek")
    assert sorted((f.value, f.status) for f in lantern.facts["year"]) == [
        (1931, "conflict"), (1932, "conflict")]
    assert sum(f.believed for f in lantern.facts["year"]) == 1
    assert "year" not in creek.facts and creek.year == 1940
