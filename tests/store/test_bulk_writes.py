"""Bulk writes and bounded caches (issue 25): a chunk's documents, spans and claims are
written a table at a time with no savepoint a document, yet a document that fails is still
dropped alone; reads in the middle of a chunk see what it queued; the resolver forgets
names beyond its bound, and forgetting them changes nothing in the store."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import event

import backtrace
from backtrace import ingest as ingest_module
from backtrace.model import Document
from backtrace.resolve import link
from backtrace.store import Store
from pgserver import sql

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "examples" / "corpus"
TABLES = {  # every column but ``ingested_at``, the time of writing
    "documents": "id, path, title, film_title, film_year, film_id, seq",
    "entities": "id, type, name, key, year",
    "aliases": "entity_id, alias, key, reason",
    "alias_spans": "entity_id, alias, span_id, document_id",
    "spans": "id, document_id, start, \"end\", text",
    "claims": "id, document_id, span_id, subject_id, subject_mention, property,"
              " CAST(value AS TEXT), value_key, value_entity_id, extractor, confidence",
    "facts": "id, entity_id, property, CAST(value AS TEXT), value_key, status, believed,"
             " reason, position",
    "fact_claims": "fact_id, claim_id",
}


def dump(db: str | Path) -> dict[str, list[str]]:
    """Every row of the tables ingest writes, ids included, sorted."""
    return {t: sorted(map(repr, sql(db, f"SELECT {cols} FROM {t}"))) for t, cols in TABLES.items()}


def content(db: str | Path) -> dict[str, list]:
    """What the store holds, by names rather than ids (PostgreSQL never gives back the ids
    of a rolled-back insert, SQLite does)."""
    names = {i: (t, n, y) for i, t, n, y in sql(db, "SELECT id, type, name, year FROM entities")}

    def key(k: str) -> str:  # "e:<entity id>": the entity's name
        return repr(names[int(k[2:])]) if k.startswith("e:") and k[2:].isdigit() else k

    return {
        "documents": sorted(sql(db, "SELECT id, title, film_title, film_year FROM documents")),
        "entities": sorted(names.values()),
        "claims": sorted(
            (c, p, key(k), repr(names.get(s)), repr(names.get(v)))
            for c, p, k, s, v in sql(db, "SELECT id, property, value_key, subject_id,"
                                         " value_entity_id FROM claims")),
        "spans": sorted(sql(db, "SELECT id, text FROM spans")),
        "facts": sorted(
            (repr(names[e]), p, key(k), st, bool(b))
            for e, p, k, st, b in sql(db, "SELECT entity_id, property, value_key, status,"
                                          " believed FROM facts")),
        "aliases": sorted((repr(names[e]), a, r or "")
                          for e, a, r in sql(db, "SELECT entity_id, alias, reason FROM aliases")),
        "alias_spans": sorted((repr(names[e]), a, s)
                              for e, a, s in sql(db, "SELECT entity_id, alias, span_id"
                                                     " FROM alias_spans")),
    }


def ingest(db: str | Path) -> tuple[ingest_module.IngestReport, list[str]]:
    """Ingest the example corpus in this process; the report and every statement issued."""
    seen: list[str] = []
    with backtrace.open(db) as kb:
        event.listen(kb.store.engine, "before_cursor_execute",
                     lambda _c, _cur, statement, *_: seen.append(statement))
        report = kb.ingest([CORPUS], workers=1)
    return report, seen


def test_a_chunk_is_written_a_table_at_a_time_without_savepoints(db_target) -> None:
    report, seen = ingest(db_target)
    assert report.stored >= 8 and not report.failed
    assert not [s for s in seen if "SAVEPOINT" in s.upper()]
    inserts = [s for s in seen if s.lstrip().upper().startswith("INSERT INTO CLAIMS")]
    assert 1 <= len(inserts) < report.stored  # not one a document


def test_a_document_that_fails_is_dropped_alone(db_target, new_db, monkeypatch) -> None:
    """The chunk is written again with a savepoint a document: the failing document alone
    is lost, and the store is what it would be had the document never been read."""
    docs = [d for d in ingest_module.read_documents([str(CORPUS)], ingest_module.ReadOptions())
            if isinstance(d, Document)]
    bad = docs[len(docs) // 2]  # fails after its claims are queued
    real_mentions = ingest_module.record_person_mentions

    def failing(w, resolver, doc_id, text):  # noqa: ANN001, ANN202
        if doc_id == bad.id:
            raise RuntimeError("the write went wrong\nsecond line")
        return real_mentions(w, resolver, doc_id, text)

    monkeypatch.setattr(ingest_module, "record_person_mentions", failing)
    report, seen = ingest(db_target)
    monkeypatch.undo()
    assert report.failed == [(bad.path, "could not store: the write went wrong")]
    assert any("SAVEPOINT" in s.upper() for s in seen)  # the chunk written again, carefully

    real_read = ingest_module.read_documents
    monkeypatch.setattr(ingest_module, "read_documents", lambda paths, options: (
        d for d in real_read(paths, options) if getattr(d, "id", None) != bad.id))
    without = new_db("without")
    again, _ = ingest(without)
    assert again.stored == report.stored == len(docs) - 1
    assert content(db_target) == content(without)


def test_rows_still_queued_when_a_transaction_ends_are_written(db_target) -> None:
    doc = next(d for d in ingest_module.read_documents([str(CORPUS / "cinder-road")],
                                                       ingest_module.ReadOptions())
               if isinstance(d, Document))
    store = Store(db_target)
    try:
        with store.transaction() as w:
            w.add_document(doc, None, None, None)  # queued; nothing reads it back
    finally:
        store.close()
    assert sql(db_target, "SELECT id FROM documents") == [(doc.id,)]


def _ingest_with(db: str | Path, monkeypatch, **settings: object) -> dict[str, list[str]]:
    for module, name, value in [(ingest_module, "CHUNK", settings.get("chunk", 200)),
                                (link, "CACHE_SIZE", settings.get("cache", 50_000))]:
        monkeypatch.setattr(module, name, value)
    report, _ = ingest(db)
    assert not report.failed
    return dump(db)


def test_reads_in_a_chunk_see_what_it_queued(
    db_target, new_db: Callable[[str], str | Path], monkeypatch
) -> None:
    """A document at a time, each written before the next is resolved, or all in one
    chunk, their rows queued while later documents read them: one store."""
    one_by_one = _ingest_with(new_db("one"), monkeypatch, chunk=1)
    assert _ingest_with(db_target, monkeypatch, chunk=200) == one_by_one


def test_a_resolver_that_forgets_every_name_writes_the_same_store(
    db_target, new_db: Callable[[str], str | Path], monkeypatch
) -> None:
    remembering = _ingest_with(new_db("remembering"), monkeypatch, chunk=2)
    assert _ingest_with(db_target, monkeypatch, chunk=2, cache=0) == remembering


def test_trim_keeps_the_most_recently_used_names() -> None:
    class Index:  # a store of no entities: every name is created
        created = 0

        def find_entities(self, type: str, key: str) -> list[tuple[int, int]]:
            return []

        def create_entity(self, type: str, name: str, key: str, year: int) -> int:
            self.created += 1
            return self.created

        def add_alias(self, *args: object) -> None:
            pass

    resolver = link.Resolver(Index())  # type: ignore[arg-type]
    first, second, third = (resolver.entity("organization", n) for n in ("Ash", "Birch", "Cedar"))
    assert resolver.entity("organization", "Ash") == first  # Ash used again: Birch is oldest
    resolver.trim(2)
    assert resolver.entity("organization", "Ash") == first
    assert resolver.entity("organization", "Cedar") == third
    assert resolver.entity("organization", "Birch") == 4  # forgotten: asked again
    assert second == 2


def test_an_ingest_remembers_only_the_latest_documents_read(
    db_target, new_db: Callable[[str], str | Path], monkeypatch, tmp_path: Path
) -> None:
    """With room for 3 ids, the documents of a folder read twice (a copy) are found in the
    store the second time instead: duplicates all the same, and the same store."""
    copy = shutil.copytree(CORPUS, tmp_path / "copy")
    other = new_db("remembering")
    with backtrace.open(other) as kb:
        remembering = kb.ingest([CORPUS, copy], workers=1)
    for name, value in (("SEEN", 3), ("KNOWN_BATCH", 1), ("CHUNK", 1)):
        monkeypatch.setattr(ingest_module, name, value)  # each document stored as it is read
    with backtrace.open(db_target) as kb:
        forgetting = kb.ingest([CORPUS, copy], workers=1)
    assert remembering.duplicates == remembering.stored >= 8
    assert (forgetting.stored, forgetting.duplicates) == (remembering.stored,
                                                           remembering.duplicates)
    assert not forgetting.failed and not remembering.failed
    assert dump(db_target) == dump(other)
