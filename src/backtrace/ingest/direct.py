"""``ingest --dask`` on PostgreSQL: workers write documents and claims straight to the store.

Each task reads and extracts its partition on a worker (as ``ingest.cluster``), then, in
one transaction of its own, writes the partition's new documents with their spans and
claims as **provisional** rows: a document of sequence number 0 (``PROVISIONAL``) linked to
no film, its claims linked to no entity (``subject_id`` and ``value_entity_id`` NULL). A
document the store holds already (by its content hash, or a former id) is skipped, and the
insert does nothing on a conflict, so a task retried after its worker died, or run twice,
writes nothing twice; the rows are written sorted by id, so two tasks writing one document
take their locks in the same order and never deadlock. Workers create no entity and no
alias: two workers seeing one new name at once cannot make it twice.

This process then takes the tasks' results in input order and links them (the relink step):
the same resolver, chunks, facts, linking of untitled documents and relinking of people as
a plain ingest, but a provisional document is not inserted again: its film and sequence
number, and its claims' links, are set by ``UPDATE`` (``LinkWriter``). Entities are
created by this one process, in input order, so their ids, the films' records and the
facts are the ones a plain ingest gives. A document that cannot be linked has its
provisional rows deleted (a plain ingest would not have stored it).

An ingest interrupted leaves provisional documents; ``ingest --dask`` started again links
them (a provisional document is not a duplicate); a plain ``ingest`` started instead
deletes their rows and stores them whole.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, delete, select, text
from sqlalchemy.dialects import postgresql

import backtrace.ingest as plain_ingest
from backtrace.errors import ReadError
from backtrace.ingest import (
    IngestReport,
    ReadOptions,
    _DocumentFailed,
    _flush_queued,
    _fresh_resolver,
    _NewDocuments,
    _refresh_known,
    _Session,
    _store_carefully,
    _store_queued,
    refresh_facts,
    stored_as,
)
from backtrace.ingest.facts_stage import insert_columns
from backtrace.model import Claim, Document, Extraction
from backtrace.resolve.identity import block_key
from backtrace.resolve.link import value_key
from backtrace.store import Store, Writer, pending
from backtrace.store.document_writer import _claim_rows, _document_row
from backtrace.store.engine import driver_url
from backtrace.store.schema import claims, documents, spans

PROVISIONAL = 0  # the sequence number of a document a worker wrote and nothing linked yet

Item = tuple[Document | ReadError, Extraction | str | None]
Pair = tuple[Document, Extraction | str]

_ENGINES: dict[str, Engine] = {}  # a worker process's engine of each store it writes to


def is_direct_store(url: str) -> bool:
    """Whether workers can write to this store themselves (a PostgreSQL server; a SQLite
    file has one writer: workers send their results back)."""
    return url.split("://", 1)[0].split("+", 1)[0] in ("postgresql", "postgres")


def _engine(url: str) -> Engine:
    """This worker process's engine of the store at ``url`` (its schema is the client's
    to migrate; a worker's transactions do not take the store's writer lock)."""
    if url not in _ENGINES:
        _ENGINES[url] = create_engine(driver_url(url), pool_size=2, max_overflow=4)
    return _ENGINES[url]


def close_engine(url: str) -> None:
    """Close this worker process's connections to the store at ``url``, if any."""
    engine = _ENGINES.pop(url, None)
    if engine is not None:
        engine.dispose()


def _provisional_link(claim: Claim) -> dict[str, Any]:
    """A claim's link fields before this process resolves it: no entity."""
    return {"subject_id": None, "subject_mention": claim.subject or None,
            "value_key": value_key(claim.property, claim.value, None),
            "value_entity_id": None}


def _stored(conn: Connection, ids: list[str]) -> dict[str, tuple[int, str]]:
    """Of these document ids, those the store holds, with their sequence numbers and
    paths."""
    out: dict[str, tuple[int, str]] = {}
    for i in range(0, len(ids), 500):
        rows = conn.execute(select(documents.c.id, documents.c.seq, documents.c.path)
                            .where(documents.c.id.in_(ids[i:i + 500])))
        out.update({r.id: (r.seq, r.path) for r in rows})
    return out


def _drop_provisional(conn: Connection, doc_id: str) -> None:
    """Delete a provisional document and what its worker wrote with it."""
    conn.execute(delete(claims).where(claims.c.document_id == doc_id))
    conn.execute(delete(spans).where(spans.c.document_id == doc_id))
    conn.execute(delete(documents).where(documents.c.id == doc_id))


def _own_provisional(conn: Connection, chunk: list[tuple[Document, Extraction]],
                     found: dict[str, tuple[int, str]]) -> set[str]:
    """The chunk's documents stored provisionally from that very item (its path). Two
    items of one id (the same record twice in a corpus) may be written by two tasks,
    and the later one's may have won: its rows are deleted, and the first item, the one
    a plain ingest stores, is stored by this process whole."""
    own = set()
    for doc, _ in chunk:
        seq, path = found.get(doc.id, (None, None))
        if seq == PROVISIONAL and path == doc.path:
            own.add(doc.id)
        elif seq == PROVISIONAL:
            _drop_provisional(conn, doc.id)
    return own


def write_provisional(conn: Connection, items: Iterable[Item]) -> list[str]:
    """Write the documents of ``items`` not stored yet, with their spans and claims, as
    provisional rows (in the caller's transaction). Returns the ids written."""
    pairs: dict[str, tuple[Document, Extraction]] = {}
    for doc, ex in items:  # of two items of one id, the first (as a plain ingest)
        if isinstance(doc, Document) and isinstance(ex, Extraction):
            pairs.setdefault(doc.id, (doc, ex))
    stored = set(_stored(conn, [i for d, _ in pairs.values() for i in (d.id, *d.former_ids)]))
    fresh = [pairs[i] for i in sorted(pairs) if stored_as(pairs[i][0], stored) is None]
    if not fresh:
        return []
    rows = [_document_row(doc, ex.film_title, ex.film_year, None, PROVISIONAL)
            for doc, ex in fresh]
    insert = postgresql.insert(documents).on_conflict_do_nothing().returning(documents.c.id)
    written = set(conn.execute(insert.values(rows)).scalars())
    span_rows, claim_rows = [], []
    for doc, ex in fresh:
        if doc.id in written:
            s, c = _claim_rows(doc.id, [(cl, _provisional_link(cl)) for cl in ex.claims])
            span_rows += s
            claim_rows += c
    insert_columns(conn, spans, span_rows, ignore_duplicates=True)  # one statement each
    insert_columns(conn, claims, claim_rows, ignore_duplicates=True)
    return sorted(written)


def read_extract_write(parts: list[Any], options: ReadOptions, url: str,
                       budget: float | None = None) -> list[Item]:
    """A task: ``cluster.read_extract`` of the parts, their new documents then written to
    the store at ``url`` in one transaction. Runs on a worker; returns the items read."""
    from backtrace.ingest.cluster import read_extract

    items = read_extract(parts, options, budget)
    with _engine(url).begin() as conn:
        write_provisional(conn, items)
    return items


class LinkWriter(Writer):
    """A write transaction that links provisional documents instead of inserting them:
    ``add_document`` and ``add_claims`` of a document in ``provisional`` queue the film
    and sequence number, and the claims' links, written by ``UPDATE`` (one statement a
    table, the rows given as arrays); any other document is inserted as usual."""

    def __init__(self, conn: Connection, provisional: set[str]) -> None:
        super().__init__(conn)
        self.provisional = provisional
        self._document_links: list[dict[str, Any]] = []
        self._claim_links: list[dict[str, Any]] = []

    def add_document(self, doc: Document, film_title: str | None, film_year: int | None,
                     film_id: int | None) -> None:
        if doc.id not in self.provisional:
            super().add_document(doc, film_title, film_year, film_id)
            return
        self._document_links.append({"b_id": doc.id, "b_film": film_id,
                                     "b_seq": self._next_seq()})

    def add_claims(self, doc_id: str, resolved: list[tuple[Claim, dict[str, Any]]]) -> None:
        if doc_id not in self.provisional:
            super().add_claims(doc_id, resolved)
            return
        for row in _claim_rows(doc_id, resolved)[1]:
            self._claim_links.append({"b_id": row["id"], "b_subject": row["subject_id"],
                                      "b_key": row["value_key"],
                                      "b_entity": row["value_entity_id"]})

    def flush_queued(self) -> None:
        """Write the queued links, a statement a table (the rows as arrays), then what
        the other parts queued."""
        links, claim_links = self._document_links, self._claim_links
        if links or claim_links:
            self._document_links, self._claim_links = [], []
            if links:
                self.conn.execute(_LINK_DOCUMENTS, _columns(links))
            for i in range(0, len(claim_links), 5000):
                self.conn.execute(_LINK_CLAIMS, _columns(claim_links[i:i + 5000]))
        super().flush_queued()

    def discard_rows(self) -> None:
        self._document_links, self._claim_links = [], []
        super().discard_rows()

    def drop_provisional(self, doc_id: str) -> None:
        """Delete a provisional document and what its worker wrote with it."""
        _drop_provisional(self.conn, doc_id)


def _columns(rows: list[dict[str, Any]]) -> dict[str, list[Any]]:
    """Rows of the same keys as one list a key (PostgreSQL arrays, taken by ``unnest``)."""
    return {key: [row[key] for row in rows] for key in rows[0]}


_LINK_DOCUMENTS = text(
    "UPDATE documents SET film_id = v.film, seq = v.seq "
    "FROM unnest(CAST(:b_id AS text[]), CAST(:b_film AS integer[]), "
    "CAST(:b_seq AS integer[])) AS v(id, film, seq) WHERE documents.id = v.id")
_LINK_CLAIMS = text(
    "UPDATE claims SET subject_id = v.subject, value_key = v.key, value_entity_id = v.entity "
    "FROM unnest(CAST(:b_id AS text[]), CAST(:b_subject AS integer[]), "
    "CAST(:b_key AS text[]), CAST(:b_entity AS integer[])) AS v(id, subject, key, entity) "
    "WHERE claims.id = v.id")


def _link_chunk(store: Store, chunk: list[tuple[Document, Extraction]],
                report: IngestReport, session: _Session, deferred: set[int] | None) -> None:
    """``ingest._write_chunk`` for provisional documents: one transaction, rolled back and
    written again a savepoint a document when one fails. The films whose facts are due
    are added to ``deferred`` (reconciled later), or reconciled in the transaction."""
    try:
        tally = _link_chunk_once(store, chunk, session, deferred, careful=False)
    except _DocumentFailed:
        session.generation = None  # a new resolver: its cache may name rolled-back entities
        tally = _link_chunk_once(store, chunk, session, deferred, careful=True)
    report.duplicates += tally.duplicates
    report.stored += tally.stored
    report.claims += tally.claims
    report.failed += tally.failed
    report.films |= tally.films


def _link_chunk_once(store: Store, chunk: list[tuple[Document, Extraction]],
                     session: _Session, deferred: set[int] | None, *,
                     careful: bool) -> IngestReport:
    """Link (or store) a chunk's documents, their claims and the facts of their films, and
    leave the name blocks of the people they named to relink, as ``_write_chunk_once``."""
    tally = IngestReport()
    with store.transaction() as plain:
        found = _stored(plain.conn, [i for doc, _ in chunk for i in (doc.id, *doc.former_ids)])
        w = LinkWriter(plain.conn, _own_provisional(plain.conn, chunk, found))
        _fresh_resolver(w, session)
        done = {i for i, (seq, _) in found.items() if seq != PROVISIONAL}  # stored before
        stored: list[str] = []
        for doc, ex in chunk:
            if (found := stored_as(doc, done)) is not None:
                tally.duplicates += 1
                session.known.append(found)
                continue
            n = (_store_carefully(w, session, doc, ex, tally) if careful
                 else _store_queued(w, session.resolver, doc, ex))
            if n is None and doc.id in w.provisional:
                w.drop_provisional(doc.id)  # not linked: stored by no plain ingest either
            elif n is not None:
                tally.stored += 1
                tally.claims += n
                stored.append(doc.id)
        _flush_queued(w)
        w.flush_alias_spans()
        films = w.films_of_documents(stored)
        if deferred is None:
            refresh_facts(w, films)
        else:  # the facts of a film later in this ingest: once, at the end. Dropped now:
            w.replace_facts({f: [] for f in films})  # an ingest stopped before then
            deferred |= films  # leaves films without facts, which its rerun recomputes
        tally.films = w.films_among(films | _refresh_known(w, session))
        pending.add_blocks(w.conn, {block_key(k) for k in session.resolver.person_keys})
        session.resolver.person_keys = set()
    return tally


@dataclass(slots=True)
class _Unlinked:
    """The pairs a source yields, less those the store holds already linked (counted as
    duplicates, their films' facts still checked): a provisional document is yielded."""

    new: _NewDocuments
    batch: list[Pair] = field(default_factory=list)

    def add(self, doc: Document, extraction: Extraction | str, size: int) -> Iterator[Pair]:
        self.batch.append((doc, extraction))
        if len(self.batch) >= size:
            yield from self.flush()

    def flush(self) -> Iterator[Pair]:
        batch, self.batch = self.batch, []
        with self.new.store.read() as conn:
            seqs = _stored(conn, [i for d, _ in batch for i in (d.id, *d.former_ids)])
        done = {i for i, (seq, _) in seqs.items() if seq != PROVISIONAL}
        for doc, extraction in batch:
            if (found := stored_as(doc, done)) is None:
                yield doc, extraction
            else:
                self.new.report.duplicates += 1
                self.new.session.known.append(found)


def direct_source(client: Any, url: str, per_part: int | None = None,
                  budget: float | None = None) -> Callable[..., Iterator[Pair]]:
    """An ingest source whose tasks read, extract and write provisional documents to the
    store at ``url`` (a PostgreSQL server every worker reaches)."""
    from backtrace.ingest.cluster import AHEAD, KNOWN_BATCH, PARTITION, _results, plan

    def source(new: _NewDocuments, paths: list[str], options: ReadOptions) -> Iterator[Pair]:
        threads = sum(client.nthreads().values()) or 1
        tasks = plan(paths, options, per_part or PARTITION)
        unlinked = _Unlinked(new)
        for item, extraction in _results(client, tasks, options, max(AHEAD * threads, 2),
                                         work=read_extract_write, extra=(url, budget)):
            if new.on_document:
                new.on_document(item)
            doc = new._counted(item)
            if doc is not None:
                assert extraction is not None  # a document always comes with its extraction
                yield from unlinked.add(doc, extraction, KNOWN_BATCH)
        yield from unlinked.flush()

    return source


def ingest_direct(
    store: Store,
    paths: Iterable[str],
    options: ReadOptions | None,
    source: Callable[..., Iterator[Pair]],
    *,
    on_document: Callable[[Document | ReadError], None] | None = None,
    on_error: Callable[[ReadError], None] | None = None,
    reconcile: Callable[[set[int]], None] | None = None,
) -> IngestReport:
    """``ingest`` whose ``source`` (``direct_source``) wrote the documents provisionally:
    they are linked in input order, a chunk a transaction; the facts of the films they
    touched are reconciled by ``reconcile`` once they all are (``facts_stage``: on the
    workers, in parallel by film; None: in each chunk's transaction); then untitled
    documents are linked to films and people relinked once over the store."""
    deferred: set[int] | None = set() if reconcile is not None else None

    def link(store: Store, chunk: list[tuple[Document, Extraction]], report: IngestReport,
             session: _Session) -> None:
        _link_chunk(store, chunk, report, session, deferred)

    def settle_facts() -> None:  # before linking: a review is placed by films' facts
        if reconcile is not None and deferred:
            reconcile(deferred)

    return plain_ingest.ingest(store, paths, options, on_document=on_document,
                               on_error=on_error, source=source, write_chunk=link,
                               before_linking=settle_facts)
