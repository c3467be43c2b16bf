"""What an exporter reads from the store, handed to every render function of
:mod:`backtrace.export.formats`.

A :class:`Reader` is made over a :class:`~backtrace.store.Store` (the API's, or the web
server's read-only one); each of its reads is a short transaction of its own, so a render
function that yields one film at a time holds no connection between films. What is worth
computing once for many films (the folder documents are shown relative to) is kept, and
what a format leaves out is reported through :meth:`Reader.note` (``backtrace export``
prints the notes on standard error).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Any

from backtrace.export.reception_text import export_reception
from backtrace.export.sources import FilmExport, film_export, store_root
from backtrace.store import Store, queries
from backtrace.store.records import FilmRecord


class Reader:
    """The store as the exporters read it: films, records, :class:`FilmExport`."""

    def __init__(self, store: Store, notes: Callable[[str], None] | None = None) -> None:
        self.store = store
        self._notes = notes
        self._root: str | None = None

    def films(self) -> list[dict[str, Any]]:
        """Every film: ``{"id", "title", "year", "documents", "facts"}``."""
        with self.store.read() as conn:
            return queries.list_films(conn)

    def ids(self, film: int | None) -> list[int]:
        """``[film]``, or the id of every film when ``film`` is None (in the order of
        :meth:`films`)."""
        if film is not None:
            return [film]
        with self.store.read() as conn:
            return queries.film_ids(conn)

    def iter_ids(self, film: int | None) -> Iterator[int]:
        """:meth:`ids` as they are read (a read of their own held while they are: a million
        ids are never held at once)."""
        if film is not None:
            yield film
            return
        with self.store.read() as conn:
            yield from queries.iter_film_ids(conn)

    def record(self, film_id: int, *, sentences: bool = False) -> FilmRecord:
        """The film's record (``KnowledgeBase.record_by_id``; ``to_json()``: ``film_by_id``)."""
        with self.store.read() as conn:
            return queries.film_record(conn, film_id, sentences=sentences)

    def records(self, film_ids: Iterable[int], *, sentences: bool = False
                ) -> Iterator[FilmRecord]:  # fmt: skip
        """:meth:`record` of each film, in order, read a batch at a time
        (``queries.film_records``), each batch in a short transaction of its own."""
        ids = iter(film_ids)
        while batch := list(islice(ids, queries.BATCH)):
            with self.store.read() as conn:
                records = queries.film_records(conn, batch, sentences=sentences)
            yield from records

    def record_and_reception(self, film_id: int) -> tuple[FilmRecord, dict[str, Any] | None]:
        """The film's record (with sentences) and its reception in the exporters' shape."""
        record = self.record(film_id, sentences=True)
        return record, export_reception(record.reception)

    def records_and_receptions(self, film_ids: Iterable[int], *, sentences: bool = True
                               ) -> Iterator[tuple[FilmRecord, dict[str, Any] | None]]:
        """:meth:`record_and_reception` of each film, in order, read a batch at a time
        (``sentences=False``: the sources without their sentences, which cost a read of
        every document's text)."""
        for record in self.records(film_ids, sentences=sentences):
            yield record, export_reception(record.reception)

    @property
    def root(self) -> str:
        """The folder the store's documents were ingested from (read once)."""
        if self._root is None:
            with self.store.read() as conn:
                self._root = store_root(conn)
        return self._root

    def film(self, film_id: int) -> FilmExport:
        """Everything the writers read about one film (:func:`film_export`)."""
        root = self.root
        with self.store.read() as conn:
            return film_export(conn, film_id, root=root)

    def note(self, text: str) -> None:
        """Report something the export left out (one line)."""
        if self._notes is not None:
            self._notes(text)
