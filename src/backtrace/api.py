"""The Python API: `kb = backtrace.open("films.db"); kb.ingest(["docs/"]); kb.film("X")`."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from backtrace.errors import NotFound
from backtrace.ingest import IngestReport, ReadOptions, ingest
from backtrace.model import Document, Kind
from backtrace.store import Store, queries

DEFAULT_DB = "backtrace.db"


def default_db() -> str:
    """``$BACKTRACE_DB`` if set, else ``./backtrace.db``."""
    return os.environ.get("BACKTRACE_DB") or DEFAULT_DB


class KnowledgeBase:
    """A film knowledge base kept in one store."""

    def __init__(self, target: str | Path | None = None) -> None:
        self.store = Store(target or default_db())

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
        on_document: Callable[[Any], None] | None = None,
        on_error: Callable[[Any], None] | None = None,
    ) -> IngestReport:
        """Read every file, folder, glob or JSONL corpus in ``paths`` into the store."""
        options = ReadOptions(
            kind=Kind(kind) if kind else None,
            text_field=text_field,
            title_field=title_field,
            date_field=date_field,
            kind_field=kind_field,
            url_field=url_field,
        )
        return ingest(
            self.store,
            [str(p) for p in paths],
            options,
            on_document=on_document,
            on_error=on_error,
        )

    # -- reading ------------------------------------------------------------------------
    def films(self) -> list[dict[str, Any]]:
        """Every film: id, title, year, and how many documents and facts it has."""
        with self.store.read() as conn:
            return queries.list_films(conn)

    def find_films(self, title: str, year: int | None = None) -> list[dict[str, Any]]:
        with self.store.read() as conn:
            return queries.find_films(conn, title, year)

    def film(self, title: str, year: int | None = None, *, sentences: bool = False) -> dict:
        """The record of the film called ``title`` (the newest one, unless ``year`` is given).

        Raises NotFound when no film has that title."""
        found = self.find_films(title, year)
        if not found:
            when = f" ({year})" if year else ""
            raise NotFound(f"no film called {title!r}{when} in {self.store.target}")
        return self.film_by_id(found[0]["id"], sentences=sentences)

    def film_by_id(self, film_id: int, *, sentences: bool = False) -> dict[str, Any]:
        with self.store.read() as conn:
            try:
                return queries.film_record(conn, film_id, sentences=sentences)
            except Exception as exc:
                if exc.__class__.__name__ == "NoResultFound":
                    raise NotFound(f"no film with id {film_id}") from exc
                raise

    def reviews(self, title: str, year: int | None = None) -> dict[str, Any]:
        """The critics' reception of the film called ``title``: ``{"film", "reviews",
        "aggregate"}`` (the ``reception`` of :meth:`film`, with the film it is about).

        Raises NotFound when no film has that title."""
        from backtrace.store.reviews import reception_record

        found = self.find_films(title, year)
        if not found:
            when = f" ({year})" if year else ""
            raise NotFound(f"no film called {title!r}{when} in {self.store.target}")
        film = found[0]
        with self.store.read() as conn:
            return {"film": film, **reception_record(conn, film["id"])}

    def export_records(self, title: str | None = None) -> Iterator[dict[str, Any]]:
        """Every film's record (or one film's), as ``film()`` gives it."""
        if title is not None:
            yield self.film(title)
            return
        for film in self.films():
            yield self.film_by_id(film["id"])

    def person(self, name: str) -> dict[str, Any]:
        """A person with aliases and a filmography with sources; raises NotFound."""
        from backtrace.serve.data import person_record

        with self.store.read() as conn:
            found = queries.find_entities(conn, name, ("person",))
            if not found:
                raise NotFound(f"no person called {name!r} in {self.store.target}")
            record = person_record(conn, found[0]["id"])
        assert record is not None
        return record

    def conflicts(self) -> list[dict[str, Any]]:
        """Every film property whose sources disagree, each value with its sources."""
        with self.store.read() as conn:
            return queries.conflicts(conn)

    def counts(self) -> dict[str, int]:
        with self.store.read() as conn:
            return queries.counts(conn)


def open(target: str | Path | None = None) -> KnowledgeBase:  # noqa: A001 - the API's name
    """Open (creating if needed) the knowledge base at ``target`` (a path or database URL)."""
    return KnowledgeBase(target)


__all__ = ["KnowledgeBase", "open", "default_db", "Document"]
