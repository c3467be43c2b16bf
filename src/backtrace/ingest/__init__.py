"""The ingest pipeline: read -> extract -> resolve -> store, one document at a time.

Documents are written in chunks, one transaction a chunk, their rows a table at a time; a
document that fails rolls the chunk back, which is written again with a savepoint a
document (``_write_chunk``). So a document is stored with all its claims or not at all,
and an interrupted run (Ctrl-C, a kill) leaves every earlier chunk stored and consistent.
Facts of the films a chunk touched are recomputed inside the same transaction. Re-reading
a document already stored (same content hash) changes nothing.
"""

from __future__ import annotations

import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from backtrace.errors import NoText, ReadError, Skipped, StoreError
from backtrace.extract.parallel import extract_all
from backtrace.keys import name_key, title_key
from backtrace.model import PROPERTIES, Claim, Document, EntityType, Extraction, Kind
from backtrace.people import PersonScope, document_scope, short_organization
from backtrace.read import JsonlFields, iter_named_paths, read_path
from backtrace.resolve import Resolver, guess_film, reconcile
from backtrace.resolve.identity import Merge, block_key, cluster_people
from backtrace.resolve.link import WorkEvidence, value_key
from backtrace.store import Store, Writer, check, pending, search
from backtrace.store.queries import stored_ids
from backtrace.store.reviews import ReviewPlacer, write_reviews

CHUNK = 200
KNOWN_BATCH = 64  # documents read before the store is asked which of them it holds
SEEN = 100_000  # ids of the latest documents read an ingest remembers: a document read
# again after more than this many others is found in the store instead (a duplicate all
# the same); far more than are ever read and not yet stored (a pool's window, a chunk)


@dataclass(slots=True)
class ReadOptions:
    """How to read the inputs (``kind`` forces a document kind; ``fields`` names a JSONL
    record's fields)."""

    kind: Kind | None = None
    fields: JsonlFields = field(default_factory=JsonlFields)
    follow_links: bool = False  # follow links out of a folder named to read


@dataclass(slots=True)
class IngestReport:
    read: int = 0
    stored: int = 0
    duplicates: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    claims: int = 0
    films: set[int] = field(default_factory=set)
    unlinked: int = 0
    no_text: int = 0  # JSONL records without text (skipped, not failed)
    fields_only: int = 0  # JSONL records without text whose fields (title, year, cast) were read
    skipped: list[tuple[str, str]] = field(default_factory=list)  # links out, FIFOs: notes
    merged: int = 0  # person entities found to be another's name (resolve.identity)
    interrupted: bool = False

    def summary(self) -> str:
        parts = [
            f"{self.read} documents read",
            f"{self.stored} stored",
            f"{self.duplicates} skipped as duplicates",
            f"{len(self.failed)} failed",
            *([f"{self.no_text} skipped (no text)"] if self.no_text else []),
            *([f"{self.fields_only} read from their fields alone (no text)"]
              if self.fields_only else []),
            *([f"{len(self.skipped)} skipped (not regular files or links out)"]
              if self.skipped else []),
            f"{self.claims} claims",
            f"{len(self.films)} films",
        ]
        if self.unlinked:
            parts.append(f"{self.unlinked} not linked to a film yet")
        return ", ".join(parts)


def read_documents(paths: Iterable[str], options: ReadOptions) -> Iterator[Document | ReadError]:
    """Every document (or read error) under the given files, folders and globs."""
    for item in iter_named_paths(paths, follow_links=options.follow_links):
        if isinstance(item, ReadError):
            yield item
            continue
        path, name = item
        try:
            yield from read_path(path, kind=options.kind, fields=options.fields, name=name)
        except ReadError as exc:
            yield exc
        except OSError as exc:
            yield ReadError(name, exc.strerror or str(exc))


def linking_scope(
    w: Writer, doc: Document, ex: Extraction, film_id: int | None, *, fresh: bool = False
) -> tuple[PersonScope, list[str]]:
    """The people a document names in full, with those credited on its film elsewhere; and
    the organisations it and its film's credits name."""
    scope = document_scope(ex.claims)
    orgs = [str(c.value) for c in ex.claims
            if PROPERTIES[c.property].value_type == "organization" and c.subject is None]
    if film_id is not None and not fresh:  # a work created just now has no credits yet
        credits = w.film_credits(film_id)
        for name in credits.people:
            scope.add_person(name)
        for name in credits.characters:
            scope.add_character(name)
        for name, character in credits.roles:
            scope.add_role(name, character)
        orgs += credits.organizations
    scope.learn(doc.text)
    return scope, orgs


def record_person_mentions(w: Writer, resolver: Resolver, doc_id: str, text: str) -> None:
    """Every place the text names a person in scope, as an alias with its span."""
    for m in resolver.scope.mentions(text):
        person = resolver.entity(EntityType.PERSON, m.full)
        w.add_alias_span(person, m.alias, name_key(m.alias), doc_id, m.start, m.end,
                         text[m.start : m.end])


def relink_short_names(w: Writer, resolver: Resolver, doc_id: str) -> None:
    """Once an untitled document is linked to its film, its claims naming a person by
    surname or nickname, or a company by a shortened name, link to the film's credits."""
    for claim_id, prop, value, quals in w.entity_claims(doc_id):
        vtype = PROPERTIES[prop].value_type
        name = str(value)
        if vtype == "person":
            full = resolver.scope.resolve(name, character=(quals or {}).get("character"))
        elif vtype == "organization":
            full = short_organization(name, resolver.organizations)
        else:
            continue
        if full is not None and full != name:
            etype = EntityType.PERSON if vtype == "person" else EntityType.ORGANIZATION
            entity_id = resolver.entity(etype, full)
            w.relink_claim(claim_id, entity_id, value_key(prop, full, entity_id))


def _record_other_title(w: Writer, doc: Document, claim: Claim, film_id: int) -> None:
    """"Rambo 5, which is being called Last Blood": the other title, with its span, is an
    alias of the film named in passing."""
    other = claim.qualifiers.get("also_titled")
    start = doc.text.find(other, claim.span.end) if other else -1
    if start >= 0:
        end = start + len(other)
        w.add_alias_span(film_id, other, title_key(other), doc.id, start, end, other)


def _store_document(w: Writer, resolver: Resolver, doc: Document, ex: Extraction) -> int:
    film_id = None
    if ex.film_title:
        directors = [str(c.value) for c in ex.claims
                     if c.property == "director" and c.subject is None]
        film_id = resolver.document_film(
            ex.film_title, ex.film_year, work_type=ex.work_type,
            evidence=WorkEvidence.of(doc.meta.get("url"), directors))
    w.add_document(doc, ex.film_title, ex.film_year, film_id)
    fresh = film_id in resolver.new_works
    resolver.new_works.discard(film_id)  # type: ignore[arg-type]
    resolver.begin_document(*linking_scope(w, doc, ex, film_id, fresh=fresh))
    resolved = []
    for claim in ex.claims:
        subject_id, mention = film_id, None
        if claim.subject:
            person = str(claim.value) if claim.property != "year" else None
            subject_id = resolver.mentioned_film(
                claim.subject, claim.subject_year, kind=claim.subject_type, person=person
            )
            mention = claim.subject
            if subject_id is not None:
                _record_other_title(w, doc, claim, subject_id)
        value_entity_id, key = resolver.claim_value(claim)
        resolved.append(
            (
                claim,
                {
                    "subject_id": subject_id,
                    "subject_mention": mention,
                    "value_key": key,
                    "value_entity_id": value_entity_id,
                },
            )
        )
    w.add_claims(doc.id, resolved)
    if ex.reviews:
        w.flush_queued()  # a review's rows refer to its document and its spans
    write_reviews(w.conn, doc.id, ex.reviews, lambda n: resolver.entity(EntityType.PERSON, n))
    # the prose's mentions: a record's fields name people in their claims already
    prose_end = doc.meta.get("record_fields_at", len(doc.text))
    record_person_mentions(w, resolver, doc.id, doc.text[:prose_end])
    return len(resolved)


def refresh_facts(w: Writer, film_ids: Iterable[int]) -> None:
    ids = sorted(set(film_ids))
    rows = w.claim_rows(ids)
    decided = w.active_overrides(ids)  # curator overrides win over extraction, every time
    w.replace_facts(
        {film_id: reconcile(rows.get(film_id, []), decided.get(film_id, ())) for film_id in ids}
    )


@dataclass(slots=True)
class _Session:
    """What one ingest carries from chunk to chunk: the resolver (its caches of names to
    entities hold while no other writer merged people away: the store's write generation
    is the one it last saw) and the stored documents read again, whose films' facts are
    checked."""

    resolver: Resolver
    generation: int | None = None
    known: list[str] = field(default_factory=list)


def stored_as(doc: Document, stored: set[str]) -> str | None:
    """The id under which the store holds ``doc`` (its own, or one an earlier version of
    backtrace gave it), or None."""
    return next((i for i in (doc.id, *doc.former_ids) if i in stored), None)


def _fresh_resolver(w: Writer, session: _Session) -> Resolver:
    """The session's resolver on this transaction; a new one (empty caches) when another
    writer changed people since the last chunk, or nothing was written yet."""
    seen = pending.generation(w.conn)
    if seen != session.generation:
        session.resolver = Resolver(w)
        session.generation = seen
    session.resolver.index = w
    session.resolver.trim()  # bounded: a name forgotten is found again in the store
    return session.resolver


def _refresh_known(w: Writer, session: _Session) -> set[int]:
    """The films of stored documents read again whose facts are missing (a store written
    by an older backtrace, or by hand), with their facts recomputed."""
    if not session.known:
        return set()
    missing = pending.films_without_facts(w.conn, w.films_of_documents(session.known))
    session.known = []
    refresh_facts(w, missing)
    return missing


class _DocumentFailed(Exception):
    """A document of a chunk written without a savepoint a document could not be stored:
    the chunk is rolled back and written again, a savepoint a document."""


def _write_chunk(
    store: Store,
    chunk: list[tuple[Document, Extraction]],
    report: IngestReport,
    session: _Session,
) -> None:
    """Store a chunk in one transaction: its documents, their claims, the facts of every
    film they touched, and the name blocks of the people they named (for relinking).

    The documents are written without a savepoint each, their rows queued and written a
    table at a time; when one of them fails, the whole chunk is rolled back and written
    again with a savepoint a document, so that the failing document alone is lost."""
    try:
        tally = _write_chunk_once(store, chunk, session, careful=False)
    except _DocumentFailed:
        session.generation = None  # a new resolver: its cache may name rolled-back entities
        tally = _write_chunk_once(store, chunk, session, careful=True)
    report.duplicates += tally.duplicates
    report.stored += tally.stored
    report.claims += tally.claims
    report.failed += tally.failed
    report.films |= tally.films


def _write_chunk_once(
    store: Store, chunk: list[tuple[Document, Extraction]], session: _Session, *, careful: bool
) -> IngestReport:
    """``_write_chunk``'s transaction, with a savepoint a document when ``careful``; without,
    a document that fails raises ``_DocumentFailed``. Returns what it stored."""
    tally = IngestReport()
    with store.transaction() as w:
        _fresh_resolver(w, session)
        stored: list[str] = []
        known: list[str] = []
        stored_now = w.stored_ids([i for doc, _ in chunk for i in (doc.id, *doc.former_ids)])
        w.drop_provisional_documents([doc.id for doc, _ in chunk if stored_as(doc, stored_now)
                                      is None])  # an interrupted --dask run's rows
        for doc, ex in chunk:
            if (found := stored_as(doc, stored_now)) is not None:  # stored since it was read
                tally.duplicates += 1
                known.append(found)
                continue
            n = (_store_carefully(w, session, doc, ex, tally) if careful
                 else _store_queued(w, session.resolver, doc, ex))
            if n is not None:
                tally.stored += 1
                tally.claims += n
                stored.append(doc.id)
        _flush_queued(w)  # the rows still queued, written
        session.known += known
        w.flush_alias_spans()  # the chunk's aliases in three statements, not three a document
        films = w.films_of_documents(stored)
        refresh_facts(w, films)
        tally.films = w.films_among(films | _refresh_known(w, session))
        resolver = session.resolver
        pending.add_blocks(w.conn, {block_key(k) for k in resolver.person_keys})
        resolver.person_keys = set()
    return tally


def _store_queued(w: Writer, resolver: Resolver, doc: Document, ex: Extraction) -> int:
    """Store a document, its rows queued; any failure, its own or of queued rows written
    on the way, is ``_DocumentFailed``."""
    try:
        return _store_document(w, resolver, doc, ex)
    except Exception as exc:
        raise _DocumentFailed(str(exc)) from exc


def _flush_queued(w: Writer) -> None:
    """Write the rows still queued; a failure is ``_DocumentFailed``."""
    try:
        w.flush_queued()
    except Exception as exc:
        raise _DocumentFailed(str(exc)) from exc


def _store_carefully(
    w: Writer, session: _Session, doc: Document, ex: Extraction, tally: IngestReport
) -> int | None:
    """Store a document under a savepoint: when it fails it alone is rolled back, counted
    in ``tally.failed``, and None is returned."""
    resolver = session.resolver
    mark = w.alias_mark()
    try:
        with w.conn.begin_nested():
            n = _store_document(w, resolver, doc, ex)
            w.flush_queued()
    except Exception as exc:  # one bad document never stops the batch
        w.discard_aliases(mark)
        w.discard_rows()
        keys = resolver.person_keys
        session.resolver = Resolver(w)  # its cache may name rolled-back entities; the
        session.resolver.person_keys = keys  # names it resolved still count
        tally.failed.append((doc.path, f"could not store: {exc}".splitlines()[0]))
        return None
    return n


def link_unlinked(store: Store, report: IngestReport) -> None:
    """Attach documents that do not name their film to the known film they mention most;
    the name blocks of the people their claims now name are left to relink."""
    with store.transaction() as w:
        pending_docs = w.unlinked_documents()
        if not pending_docs:
            return
        known = w.film_keys()
        linked = set()
        resolver = Resolver(w)
        placer = ReviewPlacer(w.conn)  # a review: by its quoted title, director and leads
        for doc_id, text in pending_docs:
            film = (placer.place(doc_id, text) if placer.handles(doc_id)
                    else guess_film(text, known))
            if film is None:
                report.unlinked += 1
                continue
            w.link_document(doc_id, film)
            linked.add(film)
            # the film's credits now bring surnames and nicknames into scope
            credits = w.film_credits(film)
            scope = PersonScope(credits.people, credits.characters)
            for name, character in credits.roles:
                scope.add_role(name, character)
            scope.learn(text)
            resolver.begin_document(scope, w.film_credits(film, other_than=doc_id).organizations)
            relink_short_names(w, resolver, doc_id)
            record_person_mentions(w, resolver, doc_id, text)
        w.flush_alias_spans()
        refresh_facts(w, linked)
        report.films |= w.films_among(linked)
        pending.add_blocks(w.conn, {block_key(k) for k in resolver.person_keys})


def relink_people(store: Store, blocks: set[str] | None = None, *, everyone: bool = False) -> int:
    """Make one person of the stored names of one real person (``resolve.identity``): in
    the blocks left pending by earlier ingests and those given, or in every block; the
    films crediting them get their facts again, and the search index is brought up to
    date. Returns the number of merges."""
    with store.transaction() as w:
        todo = pending.take_blocks(w.conn) | (blocks or set())
        merges: list[Merge] = []
        people = w.person_units(None if everyone else todo)
        films, split = w.split_stray_forms(people)
        if split:  # forms merged before their block held every person they fit
            people.update(w.person_units(split))
        for units in people.values():
            if len(units) > 1:
                merges += cluster_people(units)
        dropped = {m.drop for m in merges}
        for m in w.stage_name_merges():  # across blocks: stage names, names credited
            if m.drop not in dropped and m.keep not in dropped:
                merges.append(m)
                dropped.add(m.drop)
        films |= w.merge_people(merges) if merges else set()
        touched = {u.id for units in people.values() for u in units} | {m.keep for m in merges}
        films |= w.settle_person_names(touched - dropped)
        if films:
            refresh_facts(w, films)
        if w.drop_unused_people() or merges or split:
            pending.next_generation(w.conn)  # entities were merged away: caches are stale
        search.ensure_fresh(w.conn)
    return len(merges)


@dataclass(slots=True)
class _NewDocuments:
    """The documents an ingest reads that it has not read already (of the latest ``SEEN``)
    and the store does not hold, counting failures, notes and duplicates in ``report`` as
    they come (a stored document's id goes to ``session.known``: its film's facts are
    still checked)."""

    store: Store
    report: IngestReport
    session: _Session
    on_document: Callable[[Document | ReadError], None] | None = None
    on_error: Callable[[ReadError], None] | None = None
    seen: set[str] = field(default_factory=set)  # the latest SEEN ids read ...
    order: deque[str] = field(default_factory=deque)  # ... oldest first
    batch: list[Document] = field(default_factory=list)

    def read(self, paths: Iterable[str], options: ReadOptions) -> Iterator[Document]:
        """The new documents under ``paths``, in reading order."""
        for item in read_documents(paths, options):
            if self.on_document:
                self.on_document(item)
            doc = self._counted(item)
            if doc is None:
                continue
            self.batch.append(doc)
            if len(self.batch) >= KNOWN_BATCH:
                yield from self._unstored()
        yield from self._unstored()

    def _counted(self, item: Document | ReadError) -> Document | None:
        """``item`` when it is a document this ingest has not read yet; else None, with
        what it was counted."""
        report = self.report
        if isinstance(item, NoText):
            report.no_text += 1
            return None
        if isinstance(item, Skipped):  # a note, not a failure
            report.skipped.append((item.path, item.reason))
            if self.on_error:
                self.on_error(item)
            return None
        if isinstance(item, ReadError):
            report.failed.append((item.path, item.reason))
            if self.on_error:
                self.on_error(item)
            return None
        report.read += 1
        if item.meta.get("no_text"):
            report.fields_only += 1
        if item.id in self.seen:
            report.duplicates += 1
            return None
        self.seen.add(item.id)
        self.order.append(item.id)
        if len(self.order) > SEEN:  # bounded: an ingest of millions keeps no list of them all
            self.seen.discard(self.order.popleft())
        return item

    def _unstored(self) -> Iterator[Document]:
        """The batch read so far, less the documents the store holds already (known before
        they are extracted; their films' facts are still checked)."""
        with self.store.read() as conn:
            stored = stored_ids(conn, [i for d in self.batch for i in (d.id, *d.former_ids)])
        out = []
        for doc in self.batch:
            if (found := stored_as(doc, stored)) is None:
                out.append(doc)
            else:
                self.report.duplicates += 1
                self.session.known.append(found)
        self.batch.clear()
        yield from out


Source = Callable[["_NewDocuments", list[str], ReadOptions],
                  Iterator[tuple[Document, Extraction | str]]]
"""Reads and extracts the new documents under the paths, in reading order (their items
passed through the ``_NewDocuments`` given, which counts them and drops the stored)."""


def ingest(
    store: Store,
    paths: Iterable[str],
    options: ReadOptions | None = None,
    *,
    on_document: Callable[[Document | ReadError], None] | None = None,
    on_error: Callable[[ReadError], None] | None = None,
    workers: int | None = None,
    source: Source | None = None,
    write_chunk: Callable[[Store, list[tuple[Document, Extraction]], IngestReport, _Session],
                          None] | None = None,
    before_linking: Callable[[], None] | None = None,
) -> IngestReport:
    """Read, extract, resolve and store every document under ``paths``. Extraction runs
    in ``workers`` processes (default: the machine's cores, up to 4) when there are many
    documents; storing stays in this process, in reading order. ``source``: what reads and
    extracts instead of this process and its pool (``ingest.cluster``: a Dask cluster);
    ``write_chunk``, what stores a chunk instead of ``_write_chunk``, and
    ``before_linking``, what runs once every chunk is stored (``ingest.direct``: documents
    the workers wrote, linked, and their films' facts reconciled on the cluster)."""
    write = write_chunk or _write_chunk
    options = options or ReadOptions()
    report = IngestReport()
    chunk: list[tuple[Document, Extraction]] = []
    session = _Session(Resolver(None))  # type: ignore[arg-type]  # each chunk gives its writer
    new = _NewDocuments(store, report, session, on_document, on_error)
    paths = list(paths)
    pairs = (source(new, paths, options) if source is not None
             else extract_all(new.read(paths, options), workers))
    try:
        with _CtrlC() as ctrl_c:
            for doc, extraction in pairs:
                if isinstance(extraction, str):  # an extractor bug must not stop the batch
                    report.failed.append((doc.path, extraction))
                    continue
                chunk.append((doc, extraction))
                if len(chunk) >= CHUNK:
                    write(store, chunk, report, session)
                    chunk = []
                    ctrl_c.check()
            if chunk or session.known:
                write(store, chunk, report, session)
            if before_linking is not None:
                before_linking()
            ctrl_c.check()
            link_unlinked(store, report)
            ctrl_c.check()
            report.merged = relink_people(store)
    except KeyboardInterrupt:
        report.interrupted = True
    return report


class _CtrlC:
    """Notes Ctrl-C (SIGINT) as it comes, so that an ingest stops at the next chunk even
    when the KeyboardInterrupt it raised was lost: Python drops an exception raised inside
    a finalizer ("Exception ignored in ..."), and a signal can arrive there. Only in the
    main thread, where signals are handled; the handler before is put back at the end."""

    def __init__(self) -> None:
        self.seen = False
        self.previous: Any = None

    def __enter__(self) -> _CtrlC:
        if threading.current_thread() is threading.main_thread():
            self.previous = signal.signal(signal.SIGINT, self._note)
        return self

    def _note(self, signum: int, frame: Any) -> None:
        self.seen = True
        signal.default_int_handler(signum, frame)

    def check(self) -> None:
        if self.seen:
            raise KeyboardInterrupt

    def __exit__(self, *exc: object) -> None:
        if self.previous is not None:
            signal.signal(signal.SIGINT, self.previous)


@dataclass(slots=True)
class CheckReport:
    """What ``check_store`` found (and, with ``repair``, what it did)."""

    integrity: list[str] = field(default_factory=list)  # SQLite's own findings
    span_mismatches: int = 0  # spans whose text is not their document's at their offsets
    span_examples: list[str] = field(default_factory=list)
    films: int = 0  # films (and other works) with claims
    missing_facts: int = 0  # ... of which have no facts
    stale_facts: int = 0  # ... whose facts are not what their claims give today
    pending_relinks: int = 0  # name blocks an interrupted ingest left to relink
    index_stale: bool = False
    repaired: list[str] = field(default_factory=list)

    @property
    def sound(self) -> bool:
        return not (self.integrity or self.span_mismatches)

    @property
    def current(self) -> bool:
        """Whether everything derived is up to date."""
        return not (self.missing_facts or self.stale_facts or self.pending_relinks
                    or self.index_stale)

    def lines(self) -> list[str]:
        out = [f"integrity: {'ok' if not self.integrity else '; '.join(self.integrity[:5])}"]
        spans = "ok" if not self.span_mismatches else (
            f"{self.span_mismatches} spans do not hold their document's text "
            f"(e.g. {', '.join(self.span_examples)})")
        out.append(f"spans: {spans}")
        out.append(f"facts: {self.films} films with claims, {self.missing_facts} without facts, "
                   f"{self.stale_facts} with facts out of date")
        out.append(f"people: {self.pending_relinks} name blocks waiting to be relinked")
        out.append(f"search index: {'out of date' if self.index_stale else 'current'}")
        out += [f"repaired: {r}" for r in self.repaired]
        return out


def _inspect(store: Store, report: CheckReport) -> list[int]:
    """Fill ``report`` from a read of the store; return the films whose facts are wrong."""
    with store.read() as conn:
        report.integrity = check.integrity(conn)
        report.span_mismatches, report.span_examples = check.span_mismatches(conn)
        report.pending_relinks = check.pending_blocks(conn)
        report.index_stale = check.index_stale(conn)
        films = check.films_with_claims(conn)
        report.films = len(films)
        w = Writer(conn)  # its readers only: nothing is written on this connection
        wrong: list[int] = []
        for i in range(0, len(films), 500):
            part = films[i : i + 500]
            stored = check.fact_signatures(conn, part)
            rows, decided = w.claim_rows(part), w.active_overrides(part)
            for film in part:
                if not stored[film]:
                    report.missing_facts += 1
                    wrong.append(film)
                    continue
                today = {(f.property, f.value_key, f.status, f.believed, tuple(sorted(f.claim_ids)))
                         for f in reconcile(rows.get(film, []), decided.get(film, ()))}
                if today != stored[film]:
                    report.stale_facts += 1
                    wrong.append(film)
    return wrong


def check_store(store: Store, *, repair: bool = False) -> CheckReport:
    """Check a store (``backtrace check``): SQLite's integrity, every span against its
    document, every film's facts against its claims, the pending relinks and the search
    index. With ``repair``: relink the people of every block and recompute what is wrong
    (facts, the index); the documents and claims are never changed."""
    report = CheckReport()
    wrong = _inspect(store, report)
    if not repair or (report.current and not wrong):
        return report
    if report.integrity:
        raise StoreError(f"{store.target}: the database file is damaged "
                         f"({report.integrity[0]}); repair would not be safe")
    merged = relink_people(store, everyone=True)  # also brings the index up to date
    if merged:
        report.repaired.append(f"{merged} people merged with another name of theirs")
    with store.transaction() as w:
        for i in range(0, len(wrong), 500):
            refresh_facts(w, wrong[i : i + 500])
    if wrong:
        report.repaired.append(f"facts of {len(wrong)} films recomputed")
    if report.index_stale:
        report.repaired.append("search index rebuilt")
    if report.pending_relinks:
        report.repaired.append(f"{report.pending_relinks} pending name blocks relinked")
    return report
