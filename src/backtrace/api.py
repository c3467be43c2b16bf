"""The Python API: `kb = backtrace.open("films.db"); kb.ingest(["docs/"]); kb.film("X")`."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy.exc import NoResultFound

from backtrace.errors import Ambiguous, NotFound
from backtrace.model import Document, Kind
from backtrace.store import Store, queries

if TYPE_CHECKING:  # the ingest stack (readers, extraction, spaCy) loads when first used
    from backtrace.ask.records import Result
    from backtrace.ingest import CheckReport, IngestReport
    from backtrace.reception.records import Reception, ReviewRecord
    from backtrace.store.page_records import ConflictRecord, PersonRecord
    from backtrace.store.records import FilmRecord

DEFAULT_DB = "backtrace.db"


def default_db() -> str:
    """``$BACKTRACE_DB`` if set, else ``./backtrace.db``."""
    return os.environ.get("BACKTRACE_DB") or DEFAULT_DB


class KnowledgeBase:
    """A film knowledge base kept in one store."""

    def __init__(self, target: str | Path | None = None, *,
                 lock_timeout: float | None = None) -> None:
        self.store = Store(target or default_db(), lock_timeout=lock_timeout)

    def __enter__(self) -> KnowledgeBase:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.store.close()

    # -- writing ------------------------------------------------------------------------
    def ingest(
        self,
        paths: Iterable[str | Path],
        *,
        kind: Kind | str | None = None,
        text_field: str = "text",
        title_field: str = "title",
        date_field: str = "date",
        kind_field: str = "kind",
        url_field: str = "url",
        year_field: str = "year",
        record_fields: bool = True,
        follow_links: bool = False,
        on_document: Callable[[Any], None] | None = None,
        on_error: Callable[[Any], None] | None = None,
        workers: int | None = None,
        dask: str | bool = False,
        on_dashboard: Callable[[str], None] | None = None,
    ) -> IngestReport:
        """Read every file, folder, glob or JSONL corpus in ``paths`` into the store.
        ``workers``: processes extracting a long batch (default: the cores, up to 4).
        ``dask``: read and extract on a Dask cluster instead (``ingest.cluster``): True for
        a local one, or its scheduler's address; ``on_dashboard`` gets its dashboard link.

        With ``BACKTRACE_POLARITY=accurate`` the MiniLM model is loaded first (a missing extra
        fails here, before anything is read) and extraction stays in this process: torch
        already uses both cores, and forked copies of it would fight over them."""
        from backtrace.ingest import ReadOptions, ingest
        from backtrace.read.jsonl import JsonlFields
        from backtrace.reception import encoder

        if encoder.mode() == "accurate":
            encoder.load_accurate()
            workers = 1
        fields = JsonlFields(text_field, title_field, date_field, kind_field, url_field,
                             year_field, record_fields)
        options = ReadOptions(kind=Kind(kind) if kind else None, fields=fields,
                              follow_links=follow_links)
        if dask is not False:
            from backtrace.ingest.cluster import ingest_on_dask

            return ingest_on_dask(self.store, [str(p) for p in paths], options,
                                  address=dask if isinstance(dask, str) else None,
                                  on_document=on_document, on_error=on_error,
                                  on_dashboard=on_dashboard)
        return ingest(
            self.store,
            [str(p) for p in paths],
            options,
            on_document=on_document,
            on_error=on_error,
            workers=workers,
        )

    # -- reading ------------------------------------------------------------------------
    def films(self) -> list[dict[str, Any]]:
        """Every film: id, title, year, and how many documents and facts it has."""
        with self.store.read() as conn:
            return queries.list_films(conn)

    def iter_films(self) -> Iterator[dict[str, Any]]:
        """:meth:`films` one at a time, in constant memory (a read held while it runs)."""
        with self.store.read() as conn:
            yield from queries.iter_films(conn)

    def find_films(self, title: str, year: int | None = None) -> list[dict[str, Any]]:
        with self.store.read() as conn:
            return queries.find_films(conn, title, year)

    def film(self, title: str, year: int | None = None, *, sentences: bool = True) -> dict:
        """The record of the film called ``title`` (the newest one, unless ``year`` is given),
        as JSON (docs/json-shape.md): the dict ``show --json`` prints, each source with the
        ``sentence`` that states it (``sentences=False`` leaves those out). Raises NotFound
        when no film has that title."""
        return self.record(title, year, sentences=sentences).to_json()

    def film_by_id(self, film_id: int, *, sentences: bool = True) -> dict[str, Any]:
        """The record of the film ``film_id`` as JSON, like :meth:`film`; raises NotFound."""
        return self.record_by_id(film_id, sentences=sentences).to_json()

    def record(self, title: str, year: int | None = None, *,
               sentences: bool = False) -> FilmRecord:  # fmt: skip
        """:meth:`film` as a :class:`~backtrace.store.records.FilmRecord`."""
        return self.record_by_id(self._film_id(title, year), sentences=sentences)

    def record_by_id(self, film_id: int, *, sentences: bool = False) -> FilmRecord:
        """:meth:`film_by_id` as a :class:`~backtrace.store.records.FilmRecord`."""
        with self.store.read() as conn:
            try:
                return queries.film_record(conn, film_id, sentences=sentences)
            except NoResultFound as exc:
                raise NotFound(f"no film with id {film_id}") from exc

    def reviews(self, title: str, year: int | None = None) -> dict[str, Any]:
        """The critics' reception of the film called ``title``: ``{"film", "reviews",
        "aggregate"}`` (the ``reception`` of :meth:`film`, with the film it is about).

        Raises NotFound when no film has that title."""
        film, received = self.reception(title, year)
        return {"film": film, **received.to_json()}

    def reception(self, title: str, year: int | None = None) -> tuple[dict[str, Any], Reception]:
        """:meth:`reviews` typed: the film (as :meth:`find_films` gives it) and its
        :class:`~backtrace.reception.records.Reception`."""
        from backtrace.store.reviews import reception_record

        found = self.find_films(title, year)
        if not found:
            when = f" ({year})" if year else ""
            raise NotFound(f"no film called {title!r}{when} in {self.store.target}")
        film = found[0]
        with self.store.read() as conn:
            return film, reception_record(conn, film["id"])

    def unlinked_reviews(self) -> list[dict[str, Any]]:
        """The reviews of documents linked to no film (a review document whose text fits no
        film the store knows well enough), each with ``link``: why (see
        ``store.reviews.ReviewPlacer``). As JSON: :meth:`unlinked_review_records` typed."""
        return [r.to_json() for r in self.unlinked_review_records()]

    def unlinked_review_records(self) -> list[ReviewRecord]:
        """:meth:`unlinked_reviews` as :class:`~backtrace.reception.records.ReviewRecord` s."""
        from backtrace.store.reviews import unlinked_reviews

        with self.store.read() as conn:
            return unlinked_reviews(conn)

    def export_records(self, title: str | None = None) -> Iterator[dict[str, Any]]:
        """Every film's record (or one film's), as ``film()`` gives it."""
        if title is not None:
            yield self.film(title)
            return
        for film in self.films():
            yield self.film_by_id(film["id"])

    # -- writing films back out (one table of formats: backtrace.export.formats) -------
    def _exporting(
        self, fmt: str, title: str | None, year: int | None, options: dict[str, Any],
        notes: Callable[[str], None] | None = None,
    ) -> tuple[Any, Any, int | None, dict[str, Any]]:  # fmt: skip
        """The row of ``fmt``, a reader of the store, the film asked for (None: every film)
        and the options read; the options first (a bad QIDs file is named before a missing
        film)."""
        from backtrace.export import Reader, exporter_named

        exporter = exporter_named(fmt)
        prepared = exporter.prepare(options)
        film = self._film_id(title, year) if title is not None else None
        return exporter, Reader(self.store, notes), film, prepared

    def export(
        self,
        fmt: str,
        title: str | None = None,
        year: int | None = None,
        *,
        folder: str | Path | None = None,
        notes: Callable[[str], None] | None = None,
        **options: Any,
    ) -> str | bytes | dict[str, int]:
        """The film called ``title`` (every film when None) in the export format ``fmt``,
        a name of ``backtrace.export.EXPORTERS`` (jsonl, article, jsonld, wikidata,
        wikidata-reconcile, csv): the document's text. A format that writes a folder (csv;
        the article of every film, one file a film) writes into ``folder`` (default: the
        format's, e.g. ``articles``) and returns what it wrote (``{"films": 7, ...}``,
        ``{"files": 7}``). ``options`` are the format's: ``to="html"`` for the article,
        ``qids="qids.csv"`` for the wikidata ones; ``notes`` is called with each thing the
        export left out. Raises NotFound for no such film, ``ExportError`` for no such
        format or option."""
        exporter, reader, film, prepared = self._exporting(fmt, title, year, options, notes)
        return exporter.run(reader, film, folder=folder, **prepared)

    def export_chunks(
        self,
        fmt: str,
        title: str | None = None,
        year: int | None = None,
        *,
        notes: Callable[[str], None] | None = None,
        **options: Any,
    ) -> Iterator[str | bytes]:
        """:meth:`export` of a document, piece by piece (one film at a time for jsonl), for
        writing a large export as it is made. Checks the format, options and film first."""
        exporter, reader, film, prepared = self._exporting(fmt, title, year, options, notes)
        return exporter.chunks(reader, film, **prepared)

    def film_export(self, film_id: int, *, root: str | None = None) -> Any:
        """What the exporters read about one film (``backtrace.export.FilmExport``: the
        record with every source widened to its sentences, the plot passage, the reception,
        the cited documents). Raises NotFound when no film has that id."""
        from backtrace.export import film_export

        with self.store.read() as conn:
            try:
                return film_export(conn, film_id, root=root)
            except NoResultFound as exc:
                raise NotFound(f"no film with id {film_id}") from exc

    def film_article(self, film_id: int, *, root: str | None = None) -> Any:
        """The film's article as a ``backtrace.export.Article`` (statements with the
        sentences they cite), before it is rendered."""
        from backtrace.export import film_article

        return film_article(self.film_export(film_id, root=root))

    def _article(self, film_id: int, to: str) -> str:
        from backtrace.export import EXPORTERS, Reader

        exporter = EXPORTERS["article"]
        text = exporter.run(Reader(self.store), film_id, **exporter.prepare({"to": to}))
        assert isinstance(text, str)
        return text

    def article(self, title: str, year: int | None = None, *, to: str = "md") -> str:
        """The cited encyclopedia-style article of a film, as Markdown (``md``) or HTML."""
        text = self.export("article", title, year, to=to)
        assert isinstance(text, str)
        return text

    def articles(self, *, to: str = "md") -> Iterator[tuple[dict[str, Any], str]]:
        """Every film's article: ``(film summary, text)`` pairs."""
        from backtrace.export import EXPORTERS, Reader

        exporter = EXPORTERS["article"]
        options = exporter.prepare({"to": to})
        reader = Reader(self.store)
        for film in reader.films():
            yield film, exporter.run(reader, film["id"], **options)

    def jsonld(self, title: str | None = None, year: int | None = None) -> dict[str, Any]:
        """schema.org ``Movie`` JSON-LD for one film, or a ``@graph`` of every film."""
        from backtrace.export import Reader
        from backtrace.export.formats import jsonld_document

        film = self._film_id(title, year) if title is not None else None
        return jsonld_document(Reader(self.store), film)

    def quickstatements(
        self,
        title: str | None = None,
        year: int | None = None,
        *,
        qids: str | Path | Any | None = None,
    ) -> Any:
        """QuickStatements (v1) for one film or every film (``backtrace.export.
        QuickStatements``: ``lines``, and ``left_out``, what could not be written and why).
        ``qids``: a CSV file mapping names to Wikidata ids (or a ``QidTable``); without
        it, only values with well-known ids are written, and the film is created."""
        from backtrace.export import Reader
        from backtrace.export.formats import quickstatements, read_qids

        table = read_qids(qids)
        film = self._film_id(title, year) if title is not None else None
        return quickstatements(Reader(self.store), film, table)

    def wikidata(
        self, title: str | None = None, year: int | None = None, *, qids: Any = None
    ) -> list[str]:
        """QuickStatements (v1) lines for one film or every film (see ``quickstatements``)."""
        return self.quickstatements(title, year, qids=qids).lines

    def wikidata_reconcile(
        self, title: str | None = None, year: int | None = None, *, qids: Any = None
    ) -> list[dict[str, str]]:
        """Every entity the QuickStatements of the film(s) name that needs a Wikidata id
        (the film, people, companies, places, works, source documents without a URL): rows
        ``{"name", "type", "year", "qid", ...}`` for OpenRefine's reconciliation; ``qid``
        is blank unless ``qids`` (a CSV file or ``QidTable``) already has it."""
        from backtrace.export import Reader
        from backtrace.export.formats import read_qids, reconcile

        table = read_qids(qids)
        film = self._film_id(title, year) if title is not None else None
        return reconcile(Reader(self.store), film, table)

    def export_csv(
        self, folder: str | Path, title: str | None = None, year: int | None = None
    ) -> dict[str, int]:
        """CSV tables (films, facts, credits, releases, box office, reviews, sources)."""
        written = self.export("csv", title, year, folder=folder)
        assert isinstance(written, dict)
        return written

    def person(self, name: str) -> dict[str, Any]:
        """A person with aliases and a filmography with sources, as JSON (the dict
        ``person --json`` prints); raises NotFound, or Ambiguous with the candidates."""
        return self.person_record(name).to_json()

    def person_record(self, name: str) -> PersonRecord:
        """:meth:`person` as a :class:`~backtrace.store.page_records.PersonRecord`."""
        from backtrace.store.pages import person_record

        with self.store.read() as conn:
            found = queries.find_entities(conn, name, ("person",))
            if not found and len(name.split()) == 1:  # a surname no text wrote alone
                found = queries.find_by_surname(conn, name)
            if not found:
                raise NotFound(f"no person called {name!r} in {self.store.target}")
            named = [f for f in found if not f["by_alias"]]
            one_word = len(name.split()) == 1
            if len(found) > 1 and (len(named) != 1 or one_word):  # Charlie or Syd Chaplin?
                raise Ambiguous(f"{name!r} names {len(found)} people", [
                    {k: v for k, v in f.items() if k != "by_alias"} for f in found])
            record = person_record(conn, (named or found)[0]["id"])
        assert record is not None
        return record

    def relink(self) -> int:
        """Recompute person identities over the whole store (after a change of the rules
        in ``resolve.identity``); returns the number of names linked to another person."""
        from backtrace.ingest import relink_people

        return relink_people(self.store, everyone=True)

    def check(self, *, repair: bool = False) -> CheckReport:
        """Check the store (integrity, spans against their documents, facts against their
        claims, pending relinks, the search index); ``repair`` recomputes what is derived."""
        from backtrace.ingest import check_store

        return check_store(self.store, repair=repair)

    def conflicts(self) -> list[dict[str, Any]]:
        """Every film property whose sources disagree, each value with its sources (the
        list ``conflicts --json`` prints)."""
        return [c.to_json() for c in self.conflict_records()]

    def conflict_records(self) -> list[ConflictRecord]:
        """:meth:`conflicts` as :class:`~backtrace.store.page_records.ConflictRecord` s."""
        with self.store.read() as conn:
            return queries.conflicts(conn)

    def iter_conflict_records(self) -> Iterator[ConflictRecord]:
        """:meth:`conflict_records` one at a time, in constant memory (a read held while it
        runs)."""
        with self.store.read() as conn:
            yield from queries.iter_conflicts(conn)

    # -- curator overrides (backtrace.curate) ---------------------------------------------
    def _film_id(self, title: str, year: int | None) -> int:
        found = self.find_films(title, year)
        if not found:
            when = f" ({year})" if year else ""
            raise NotFound(f"no film called {title!r}{when} in {self.store.target}")
        return found[0]["id"]

    def resolve(
        self,
        title: str,
        prop: str,
        value: Any,
        *,
        because: str,
        year: int | None = None,
        region: str | None = None,
        kind: str | None = None,
    ) -> dict[str, Any]:
        """Decide that the film's ``prop`` is ``value`` (a string is read as a person writes
        it); the decision wins over every source until undone, and survives re-ingest.

        Returns ``{"film", "override", "replaced", "fact", "stated_by_sources"}``."""
        from backtrace import curate
        from backtrace.ingest import refresh_facts

        name = curate.property_name(prop)
        if name == "year":
            raise curate.OverrideError("the year names the film; it cannot be overridden")
        parsed = curate.parse_value(name, value) if isinstance(value, str) else value
        quals = {k: v for k, v in (("region", region), ("kind", kind)) if v}
        film_id = self._film_id(title, year)
        with self.store.transaction() as w:
            oid, replaced = curate.set_override(w, film_id, name, parsed, quals, because)
            refresh_facts(w, [film_id])
        record = self.record_by_id(film_id, sentences=True)
        fact = next(
            f for f in record.facts.get(name, []) if f.override and f.override.id == oid
        )
        history = {o["id"]: o for o in self.overrides_by_id(film_id)}
        return {
            "film": {"id": record.id, "title": record.title, "year": record.year},
            "override": history[oid],
            "replaced": replaced,
            "fact": fact.to_json(),
            "stated_by_sources": bool(fact.sources),
        }

    def undo_override(
        self,
        title: str,
        prop: str,
        value: Any | None = None,
        *,
        year: int | None = None,
        region: str | None = None,
        kind: str | None = None,
    ) -> dict[str, Any]:
        """Undo the standing override of ``prop`` with ``value`` (or every standing override
        of ``prop`` when ``value`` is None); the sources decide again. NotFound if none."""
        from backtrace import curate
        from backtrace.ingest import refresh_facts

        name = curate.property_name(prop)
        parsed = curate.parse_value(name, value) if isinstance(value, str) else value
        quals = {k: v for k, v in (("region", region), ("kind", kind)) if v}
        film_id = self._film_id(title, year)
        with self.store.transaction() as w:
            undone = curate.undo_override(w, film_id, name, parsed, quals)
            refresh_facts(w, [film_id])
        ids = {o.id for o in undone}
        record = self.record_by_id(film_id, sentences=True)
        return {
            "film": {"id": record.id, "title": record.title, "year": record.year},
            "undone": [o for o in self.overrides_by_id(film_id) if o["id"] in ids],
            "facts": [f.to_json() for f in record.facts.get(name, [])],
        }

    def overrides(self, title: str, year: int | None = None) -> list[dict[str, Any]]:
        """Every curator decision about the film, standing or undone, oldest first."""
        return self.overrides_by_id(self._film_id(title, year))

    def overrides_by_id(self, film_id: int) -> list[dict[str, Any]]:
        with self.store.read() as conn:
            return queries.override_history(conn, film_id)

    def counts(self) -> dict[str, int]:
        with self.store.read() as conn:
            return queries.counts(conn)

    def ask(self, question: str) -> dict[str, Any]:
        """``answer(question)`` as JSON (``Result.to_json()``), the question answered from
        the store ("who directed Backtrace?"):
        ``{"question", "interpretation": {"kind", "entity", "property", ...}, "answers":
        [{"value", "entity", "film", "sources": [{"document", "path", "start", "end",
        "text"}], ...}], "note"}``, best answer first; each source's ``text`` is the
        sentence that states the answer. A question it cannot read or the store cannot
        answer gets no answers and a ``note`` saying why (see ``backtrace.ask``)."""
        return self.answer(question).to_json()

    def answer(self, question: str) -> Result:
        """A question about films answered from the store, as typed records
        (``backtrace.ask.records``: the interpretation, the answers and their sources)."""
        from backtrace.ask import Asker

        asker = self.__dict__.get("_asker")
        if asker is None:
            asker = self.__dict__["_asker"] = Asker(self.store)
        return asker.ask(question)


def open(  # noqa: A001 - the API's name
    target: str | Path | None = None, *, lock_timeout: float | None = None
) -> KnowledgeBase:
    """Open (creating if needed) the knowledge base at ``target`` (a path or database URL).
    ``lock_timeout``: seconds a write waits for another writer (default
    ``$BACKTRACE_LOCK_TIMEOUT``, else 60)."""
    return KnowledgeBase(target, lock_timeout=lock_timeout)


__all__ = ["KnowledgeBase", "open", "default_db", "Document"]
