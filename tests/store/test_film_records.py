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
        assert list(queries.iter_film_ids(conn)) == listed
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


def test_conflicts_are_read_a_page_of_films_at_a_time_and_pages_join_up(
        kb, monkeypatch) -> None:
    kb.ingest([EXAMPLES])
    kb.resolve("Cinder Road", "duration", "104 minutes", because="the studio's cut")
    with kb.store.read() as conn:
        whole = [c.to_json() for c in queries.conflicts(conn)]
        assert [c.to_json() for c in queries.iter_conflicts(conn)] == whole
        assert {c["status"] for c in whole} == {"conflict", "overridden"}
        paged, after = [], 0
        while page := queries.conflicts(conn, after=after, films=1):
            assert len({c["film"]["id"] for c in (r.to_json() for r in page)}) == 1
            paged += [c.to_json() for c in page]
            after = page[-1].film.id
        assert paged == whole
        monkeypatch.setattr(queries, "BATCH", 1)  # a page of one film: the same list
        assert [c.to_json() for c in queries.iter_conflicts(conn)] == whole
        assert [c.to_json() for c in queries.conflicts(conn, films=1)] == [
            c for c in whole if c["film"]["id"] == whole[0]["film"]["id"]]


def test_json_columns_decode_as_the_column_type_would() -> None:
    import json

    texts = ['"Ona Vell"', '"caf\\u00e9 \\"x\\""', '""', "{}", "[]", "1932", "-1.5", "null",
             "true", '{"credit": "writer"}', '{"amount": 612480, "currency": "USD"}',
             '["DVD", "VOD"]', '"\\\\"']  # fmt: skip
    for text in texts * 2:  # the second time from what was decoded once
        assert queries._json(text) == json.loads(text)
        assert type(queries._json(text)) is type(json.loads(text))
    assert queries._json(None) is None
    held = queries._json('{"credit": "writer"}')
    held["credit"] = "changed"  # a dict or list is new each time
    assert queries._json('{"credit": "writer"}') == {"credit": "writer"}
    assert queries._json("{}") is not queries._json("{}")


def test_a_film_without_reviews_has_a_reception_of_its_own() -> None:
    from backtrace.reception.aggregate import aggregate
    from backtrace.store.reviews import no_reviews

    one, other = no_reviews(), no_reviews()
    assert one == aggregate([]) and one.to_json() == aggregate([]).to_json()
    one.aggregate.counted.append("r1")
    one.reviews.append(None)
    assert other == aggregate([]) and no_reviews() == aggregate([])


def test_every_film_in_jsonl_is_its_record_read_as_the_ids_are(kb, monkeypatch) -> None:
    """Each film's line is the JSON of its record; the ids are read as the records are
    (another read, held open), two films a batch."""
    import json

    from backtrace.export import EXPORTERS, Reader

    kb.ingest([EXAMPLES])
    monkeypatch.setattr(queries, "BATCH", 2)
    text = EXPORTERS["jsonl"].run(Reader(kb.store), None)
    assert text == "".join(json.dumps(kb.film_by_id(f["id"], sentences=False),
                                      ensure_ascii=False) + "\n" for f in kb.films())
