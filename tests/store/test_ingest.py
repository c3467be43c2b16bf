"""The spine end to end: read -> extract -> resolve -> store, through the Python API."""

from __future__ import annotations

import shutil

import pytest
from sqlalchemy import func, select

import backtrace
from backtrace.store.schema import claims, documents, entities, facts, spans


def _count(kb, table) -> int:
    with kb.store.read() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def test_three_documents_make_one_film(kb, mini_corpus):
    report = kb.ingest([mini_corpus])
    assert report.read == 3 and report.stored == 3 and not report.failed
    films = kb.films()
    assert [f["title"] for f in films] == ["Paper Comet"]
    assert films[0]["year"] == 2019
    assert films[0]["documents"] >= 1


def test_record_has_the_infobox_facts_with_spans(kb, mini_corpus):
    kb.ingest([mini_corpus])
    film = kb.film("Paper Comet")
    f = film["facts"]
    assert [x["value"] for x in f["director"]] == ["Odile Ferrant"]
    assert {x["value"] for x in f["producer"]} == {"Marcus Hale", "Priya Sandoval"}
    assert f["duration"][0]["value"] == 96
    assert f["cost"][0]["value"] == {"amount": 3_200_000, "currency": "USD"}
    assert f["box_office"][0]["value"] == {"amount": 7_450_000, "currency": "USD"}
    assert f["publication_date"][0]["value"] == "2019-09-20"
    cast = {x["value"]: x["qualifiers"].get("character") for x in f["cast_member"]}
    assert cast["Lorna Vance"] == "Ruth Decker"
    assert cast["Cass Ojukwu"] == "Deputy Lyle Brandt"


def test_every_source_quotes_the_document_exactly(kb, mini_corpus):
    kb.ingest([mini_corpus])
    film = kb.film("Paper Comet", sentences=True)
    with kb.store.read() as conn:
        texts = dict(conn.execute(select(documents.c.id, documents.c.text)).all())
    n = 0
    for facts_ in film["facts"].values():
        for fact in facts_:
            assert fact["sources"], fact
            for src in fact["sources"]:
                assert texts[src["document"]][src["start"] : src["end"]] == src["text"]
                s = src["sentence"]
                assert texts[src["document"]][s["start"] : s["end"]] == s["text"]
                assert src["text"] in s["text"]
                n += 1
    assert n > 20


def test_reingest_changes_nothing(kb, mini_corpus):
    kb.ingest([mini_corpus])
    before = kb.film("Paper Comet")
    sizes = [_count(kb, t) for t in (documents, spans, claims, entities, facts)]
    report = kb.ingest([mini_corpus])
    assert report.stored == 0 and report.duplicates == 3
    assert [_count(kb, t) for t in (documents, spans, claims, entities, facts)] == sizes
    assert kb.film("Paper Comet") == before


def test_same_document_twice_in_one_batch_is_stored_once(kb, mini_corpus, tmp_path):
    copy = tmp_path / "again.txt"
    shutil.copy(mini_corpus / "news.txt", copy)
    report = kb.ingest([mini_corpus / "news.txt", copy])
    assert report.stored == 1 and report.duplicates == 1


def test_untitled_documents_link_to_the_film_they_mention_whatever_the_order(db_target,
                                                                            mini_corpus):
    # news and review first, in their own ingest: they wait, then link when the film is known
    with backtrace.open(db_target) as kb:
        first = kb.ingest([mini_corpus / "news.txt", mini_corpus / "review.txt"])
        assert first.unlinked == 2
        kb.ingest([mini_corpus / "encyclopedia.txt"])
        with kb.store.read() as conn:
            linked = conn.execute(
                select(func.count()).select_from(documents).where(documents.c.film_id.is_not(None))
            ).scalar_one()
        assert linked == 3
        assert len(kb.films()) == 1


def test_a_person_across_documents_is_one_entity(kb, mini_corpus):
    kb.ingest([mini_corpus])
    with kb.store.read() as conn:
        n = conn.execute(
            select(func.count())
            .select_from(entities)
            .where(entities.c.type == "person", entities.c.key == "lorna vance")
        ).scalar_one()
    assert n == 1


def test_unknown_film_raises_not_found(kb, mini_corpus):
    kb.ingest([mini_corpus])
    with pytest.raises(backtrace.NotFound):
        kb.film("No Such Film")


def test_interrupted_ingest_keeps_whole_documents_only(db_target, mini_corpus, monkeypatch):
    """A failure while writing rolls back the chunk: no document without its claims."""
    import backtrace.ingest as ingest_mod

    calls = {"n": 0}
    real = ingest_mod.Writer.add_claims

    def explode(self, doc_id, resolved):
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt
        return real(self, doc_id, resolved)

    monkeypatch.setattr(ingest_mod.Writer, "add_claims", explode)
    monkeypatch.setattr(ingest_mod, "CHUNK", 1)
    with backtrace.open(db_target) as kb:
        report = kb.ingest([mini_corpus])
        assert report.interrupted
        with kb.store.read() as conn:
            docs = conn.execute(select(documents.c.id)).scalars().all()
            orphans = conn.execute(
                select(func.count())
                .select_from(documents)
                .where(~documents.c.id.in_(select(claims.c.document_id)))
            ).scalar_one()
        assert len(docs) == 1 and orphans == 0
        monkeypatch.undo()
        again = kb.ingest([mini_corpus])
        assert again.stored == 2 and again.duplicates == 1


def test_opening_a_database_another_process_is_creating_looks_again(tmp_path, monkeypatch):
    """Two processes opening a new database at once: the loser of the race to create the
    tables sees "already exists" and must find the winner's committed migrations."""
    from sqlalchemy.exc import OperationalError

    from backtrace.store import engine as engine_module

    real = engine_module.migrate
    calls = []

    def racing(conn):
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError(
                "CREATE TABLE migrations", {}, Exception("table migrations already exists")
            )
        return real(conn)

    monkeypatch.setattr(engine_module, "migrate", racing)
    engine = engine_module.make_engine(tmp_path / "race.db")
    engine.dispose()
    assert len(calls) == 2


def test_losing_the_race_to_record_a_migration_looks_again(tmp_path, monkeypatch):
    """The other process recorded the same migration first: the unique name stops this one,
    which rolls back and finds the migrations done."""
    from sqlalchemy.exc import IntegrityError

    from backtrace.store import engine as engine_module

    real = engine_module.migrate
    calls = []

    def racing(conn):
        calls.append(1)
        if len(calls) == 1:
            raise IntegrityError(
                "INSERT INTO migrations", {}, Exception("UNIQUE constraint failed: migrations.name")
            )
        return real(conn)

    monkeypatch.setattr(engine_module, "migrate", racing)
    engine_module.make_engine(tmp_path / "race.db").dispose()
    assert len(calls) == 2
