"""Incremental = all at once: the facts do not depend on how documents arrive, and a new
document recomputes only the films it is about."""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path

import backtrace
from backtrace.store import Writer

DOCS = Path(__file__).resolve().parent / "fixtures" / "reconcile"
NAMES = ["encyclopedia.txt", "news.txt", "review.txt", "later-news.txt", "other-film.txt"]


def _snapshot(kb) -> dict:
    """Every film's facts as (property, value, qualifiers, status, believed, confidence,
    reason, position, source spans), keyed by film title and year."""
    out = {}
    for film in kb.films():
        record = kb.film_by_id(film["id"])
        out[(film["title"], film["year"])] = [
            (
                prop,
                repr(f["value"]),
                repr(sorted(f["qualifiers"].items())),
                f["status"],
                f["believed"],
                f["confidence"],
                f["reason"],
                i,
                sorted((s["path"].rsplit("/", 1)[-1], s["start"], s["end"]) for s in f["sources"]),
            )
            for prop, values in record["facts"].items()
            for i, f in enumerate(values)
        ]
    return out


def _copy(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "docs"
    folder.mkdir()
    for name in NAMES:
        shutil.copy(DOCS / name, folder / name)
    return [folder / name for name in NAMES]


def test_one_at_a_time_in_any_order_equals_all_at_once(tmp_path):
    paths = _copy(tmp_path)
    with backtrace.open(tmp_path / "all.db") as kb:
        kb.ingest([paths[0].parent])  # the folder: every document in one ingest
        expected = _snapshot(kb)
    assert len(expected) == 2
    assert any(f[3] == "conflict" for f in expected[("Harbor of Glass", 2021)])
    orders = list(itertools.permutations(range(len(paths))))
    for n, order in enumerate(orders[:: len(orders) // 6]):  # 6 orders, spread out
        with backtrace.open(tmp_path / f"one-{n}.db") as kb:
            for i in order:
                kb.ingest([paths[i]])
            assert _snapshot(kb) == expected, [paths[i].name for i in order]


def test_two_batches_equal_one(tmp_path):
    paths = _copy(tmp_path)
    with backtrace.open(tmp_path / "all.db") as kb:
        kb.ingest(paths)
        expected = _snapshot(kb)
    with backtrace.open(tmp_path / "two.db") as kb:
        kb.ingest(paths[2:])
        kb.ingest(paths[:2])
        assert _snapshot(kb) == expected


def test_a_new_document_recomputes_only_its_film(tmp_path, monkeypatch):
    paths = {p.name: p for p in _copy(tmp_path)}
    recomputed: list[set[int]] = []
    real = Writer.replace_facts

    def spy(self, by_film):
        recomputed.append(set(by_film))
        return real(self, by_film)

    monkeypatch.setattr(Writer, "replace_facts", spy)
    with backtrace.open(tmp_path / "inc.db") as kb:
        kb.ingest([paths[n] for n in NAMES if n != "later-news.txt"])
        films = {f["title"]: f["id"] for f in kb.films()}
        before = _snapshot(kb)[("Copper Sparrow", 2016)]
        recomputed.clear()
        report = kb.ingest([paths["later-news.txt"]])
        assert _snapshot(kb)[("Copper Sparrow", 2016)] == before
    assert report.stored == 1
    assert set().union(*recomputed) == {films["Harbor of Glass"]}


def test_a_store_written_with_the_former_ids_still_knows_its_documents(tmp_path, monkeypatch):
    """Records and files were once identified by their bytes; now by their meaning (a
    record's canonical JSON, a file's text). Re-reading them into a store written then
    finds them stored, under the former id, and stores nothing twice."""
    import json

    from backtrace.read import jsonl

    record = {"title": "Salt Ledger", "text": "Salt Ledger is a 1999 film directed by Ona Brill."}
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps(record) + "\n", encoding="utf-8")  # keys unsorted, spaces
    db = tmp_path / "s.db"
    with monkeypatch.context() as m:  # the former recipe: the line as written
        m.setattr(jsonl, "canonical_json", lambda rec: json.dumps(rec))
        with backtrace.open(db) as kb:
            assert kb.ingest([corpus]).stored == 1
    with backtrace.open(db) as kb:
        report = kb.ingest([corpus])
        assert (report.stored, report.duplicates) == (0, 1)
        assert kb.counts()["documents"] == 1
