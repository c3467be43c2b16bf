"""The export formats as data: one :class:`Exporter` a format, in :data:`EXPORTERS`.

In the manner of datasette's output renderers, a row names a format, the file extension
and media type of what it writes, its :class:`Scope`, a render function and a one-line
description. ``backtrace export --format``, ``KnowledgeBase.export`` and the web server's
``/film/<id>.<ext>`` all read this table: a row added here is found by the three.

A render function is called as ``render(reader, film, **options)``: ``reader`` is a
:class:`~backtrace.export.reader.Reader`, ``film`` a film id, or None for every film (never
None for a ``FILM`` exporter), ``options`` the keyword options the row takes (``to``, the
form, when it has ``forms``; the names of ``options``). It returns the document: ``str``,
``bytes``, or an iterable of ``str`` pieces (written as they come). A ``FOLDER`` exporter is
also given ``folder`` (a ``Path``), writes into it and returns the rows or files written.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

from backtrace.errors import BacktraceError
from backtrace.export.article import film_article
from backtrace.export.article_render import render_html, render_markdown
from backtrace.export.csvfiles import write_csv_folder
from backtrace.export.jsonld import SCHEMA_CONTEXT, film_jsonld
from backtrace.export.qids import QidTable
from backtrace.export.reader import Reader
from backtrace.export.wikidata import (
    RECONCILE_COLUMNS,
    QuickStatements,
    film_statements,
    reconcile_rows,
)
from backtrace.store.records import record_json
from backtrace.store.reviews import no_reviews

Document = str | bytes | Iterable[str]  # what a render function returns (not FOLDER)
Render = Callable[..., Any]  # render(reader, film, **options) -> Document | dict[str, int]


class ExportError(BacktraceError):
    """An export asked for in a way the table does not allow (no such format, an option
    the format does not take)."""


class Scope(Enum):
    """What an exporter writes."""

    FILM = "film"  # one film's document; over every film, a folder with one file a film
    FILMS = "films"  # one document, of one film or of every film
    FOLDER = "folder"  # a folder of files, of one film or of every film


@dataclass(frozen=True)
class Exporter:
    """One export format: a row of :data:`EXPORTERS`."""

    name: str  # what --format takes
    extension: str  # of the file it writes (of the files, for a FOLDER exporter)
    media_type: str  # of what it writes, as the web server sends it
    scope: Scope
    render: Render
    description: str  # one line, for --help
    # other forms of the document, extension -> media type; ``to=EXTENSION`` picks one
    forms: Mapping[str, str] = field(default_factory=dict)
    # the other keyword options render takes, each with what reads a value given for it
    # (run before the film is looked up: a QIDs file name becomes its table)
    options: Mapping[str, Callable[[Any], Any]] = field(default_factory=dict)
    folder: str = ""  # written when none is named (default: the name with an "s")

    @property
    def extensions(self) -> tuple[str, ...]:
        """Every form's extension, the default first."""
        return (self.extension, *self.forms)

    def media_type_of(self, extension: str) -> str:
        return self.media_type if extension == self.extension else self.forms[extension]

    @property
    def takes(self) -> frozenset[str]:
        """The names of the keyword options render takes."""
        return frozenset(self.options) | ({"to"} if self.forms else set())

    @property
    def default_folder(self) -> str:
        return self.folder or f"{self.name}s"

    @property
    def one_film(self) -> bool:
        """Whether it writes one film as one document (what the web server can serve)."""
        return self.scope is not Scope.FOLDER

    def writes_folder(self, *, every: bool) -> bool:
        """Whether exporting one film (every film, when ``every``) writes a folder."""
        return self.scope is Scope.FOLDER or (self.scope is Scope.FILM and every)

    def form_options(self, extension: str) -> dict[str, Any]:
        """The options that ask for the form of this extension."""
        return {"to": extension} if self.forms else {}

    def prepare(self, options: Mapping[str, Any]) -> dict[str, Any]:
        """``options`` checked against what the format takes, each value read."""
        unknown = sorted(set(options) - self.takes)
        if unknown:
            takes = ", ".join(sorted(self.takes)) or "none"
            raise ExportError(
                f"the {self.name} format takes no option {unknown[0]!r} (it takes: {takes})")
        out = {name: read(options[name]) for name, read in self.options.items() if name in options}
        if "to" in options:
            if options["to"] not in self.extensions:
                forms = " or ".join(self.extensions)
                raise ExportError(f"{self.name} is written as {forms}, not {options['to']!r}")
            out["to"] = options["to"]
        return out

    def run(self, reader: Reader, film: int | None, *, folder: str | Path | None = None,
            **options: Any) -> str | bytes | dict[str, int]:  # fmt: skip
        """The document of ``film`` (None: every film); for an export that writes a folder,
        the files written into ``folder`` (default :attr:`default_folder`) and their counts."""
        if self.writes_folder(every=film is None):
            return self.write(reader, film, Path(folder or self.default_folder), **options)
        if folder is not None:
            raise ExportError(f"the {self.name} format of one film writes no folder")
        out = self.render(reader, film, **options)
        return out if isinstance(out, str | bytes) else "".join(out)

    def chunks(self, reader: Reader, film: int | None, **options: Any) -> Iterator[str | bytes]:
        """The document of ``film`` (None: every film) piece by piece."""
        if self.writes_folder(every=film is None):
            raise ExportError(f"the {self.name} format writes a folder here: name one")
        return _pieces(self.render, reader, film, options)

    def write(self, reader: Reader, film: int | None, folder: Path,
              **options: Any) -> dict[str, int]:  # fmt: skip
        """Write into ``folder``: a FOLDER exporter's files, else one file a film
        (``<title>-<year>-<id>.<extension>``); returns ``{what: how many}``."""
        if self.scope is Scope.FOLDER:
            return self.render(reader, film, folder=folder, **options)
        folder.mkdir(parents=True, exist_ok=True)
        extension = options.get("to", self.extension)
        n = 0
        for row in reader.films():
            if film is not None and row["id"] != film:
                continue
            text = self.run(reader, row["id"], **options)
            assert not isinstance(text, dict)
            path = folder / f"{slug(row['title'], row.get('year'), row['id'])}.{extension}"
            if isinstance(text, bytes):
                path.write_bytes(text)
            else:
                path.write_text(text, encoding="utf-8")
            n += 1
        return {"files": n}


def _pieces(render: Render, reader: Reader, film: int | None,
            options: dict[str, Any]) -> Iterator[str | bytes]:  # fmt: skip
    out = render(reader, film, **options)
    if isinstance(out, str | bytes):
        yield out
    else:
        yield from out


def slug(title: str, year: int | None, film_id: int) -> str:
    """A file name for a film: ``backtrace-2018-7``; the id keeps same-named films apart."""
    words = "".join(c.lower() if c.isalnum() else "-" for c in title).strip("-")
    words = "-".join(w for w in words.split("-") if w)[:60] or "film"
    return f"{words}-{year}-{film_id}" if year else f"{words}-{film_id}"


# -- the render functions of the formats below ------------------------------------------------
def render_jsonl(reader: Reader, film: int | None) -> Iterator[str]:
    """Each film's record (``KnowledgeBase.film``), one JSON object a line, a film a piece
    (``record_json``: the text of ``json.dumps(record.to_json())``, made faster)."""
    empty = no_reviews()  # the reception of most films, written once
    empty_text = json.dumps(empty.to_json(), ensure_ascii=False)
    for record in reader.records(reader.iter_ids(film)):
        yield record_json(record, empty_text if record.reception == empty else None) + "\n"


def render_article(reader: Reader, film: int, to: str = "md") -> str:
    """The film's cited article (:func:`~backtrace.export.article.film_article`), as
    Markdown or (``to="html"``) HTML."""
    article = film_article(reader.film(film))
    return render_html(article) if to == "html" else render_markdown(article)


def jsonld_document(reader: Reader, film: int | None) -> dict[str, Any]:
    """schema.org ``Movie`` JSON-LD of one film, or a ``@graph`` of every film."""
    nodes = [film_jsonld(*reader.record_and_reception(i)) for i in reader.ids(film)]
    if film is not None:
        return nodes[0]
    for node in nodes:
        node.pop("@context", None)
    return {"@context": SCHEMA_CONTEXT, "@graph": nodes}


def render_jsonld(reader: Reader, film: int | None) -> str:
    return json.dumps(jsonld_document(reader, film), ensure_ascii=False, indent=2) + "\n"


def read_qids(value: Any) -> QidTable | None:
    """The QIDs table of a CSV file (name,type,year,qid), or the table itself; None for none."""
    return value if isinstance(value, QidTable) else QidTable.read(value) if value else None


def wikidata_films(reader: Reader, film: int | None,
                   qids: QidTable | None) -> tuple[list[int], list[str]]:  # fmt: skip
    """The films to write QuickStatements for: ``film``, or every film with a document of
    its own or a QID; and the films left out (only named in passing), as ``Title (year)``."""
    if film is not None:
        return [film], []
    ids, passing = [], []
    for row in reader.films():
        known = qids.lookup("film", row["title"], row.get("year")) if qids else None
        if row.get("documents") or known:
            ids.append(row["id"])
        else:
            year_text = f" ({row['year']})" if row.get("year") else ""
            passing.append(f"{row['title']}{year_text}")
    return ids, passing


def quickstatements(reader: Reader, film: int | None, qids: Any = None) -> QuickStatements:
    """QuickStatements (v1) of one film or every film; ``left_out``: what was not written."""
    table = read_qids(qids)
    out = QuickStatements()
    film_ids, passing = wikidata_films(reader, film, table)
    for film_id in film_ids:
        out.extend(film_statements(reader.film(film_id), table))
    if passing:
        out.left_out.append(
            f"{len(passing)} film{'s' if len(passing) != 1 else ''} only named in passing "
            f"(no document of their own, no QID): {', '.join(passing)}")
    return out


def render_quickstatements(reader: Reader, film: int | None, qids: Any = None) -> str:
    statements = quickstatements(reader, film, qids)
    for note in statements.left_out:
        reader.note(f"left out: {note}")
    return "".join(line + "\n" for line in statements.lines)


def reconcile(reader: Reader, film: int | None, qids: Any = None) -> list[dict[str, str]]:
    """The entities the QuickStatements of the film(s) need a Wikidata id for."""
    table = read_qids(qids)
    film_ids, _ = wikidata_films(reader, film, table)
    return reconcile_rows((reader.film(film_id) for film_id in film_ids), table)


def render_reconcile(reader: Reader, film: int | None, qids: Any = None) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(RECONCILE_COLUMNS), lineterminator="\n")
    writer.writeheader()
    writer.writerows(reconcile(reader, film, qids))
    return out.getvalue()


def render_csv(reader: Reader, film: int | None, folder: Path) -> dict[str, int]:
    """The CSV tables (no column quotes a source's sentence: the documents' texts are not
    read)."""
    films = reader.records_and_receptions(reader.iter_ids(film), sentences=False)
    return write_csv_folder(folder, films)


# -- the table ----------------------------------------------------------------------------------
_QIDS = {"qids": read_qids}

EXPORTERS: dict[str, Exporter] = {e.name: e for e in (
    Exporter("jsonl", "jsonl", "application/x-ndjson", Scope.FILMS, render_jsonl,
             "each film's record, one JSON object a line"),
    Exporter("article", "md", "text/markdown; charset=utf-8", Scope.FILM, render_article,
             "a cited encyclopedia-style article (Markdown; --to html: HTML)",
             forms={"html": "text/html; charset=utf-8"}),
    Exporter("jsonld", "jsonld", "application/ld+json", Scope.FILMS, render_jsonld,
             "schema.org Movie JSON-LD"),
    Exporter("wikidata", "qs", "text/plain; charset=utf-8", Scope.FILMS,
             render_quickstatements, "Wikidata QuickStatements (v1)", options=_QIDS),
    Exporter("wikidata-reconcile", "csv", "text/csv; charset=utf-8", Scope.FILMS,
             render_reconcile, "the CSV of entities QuickStatements needs Wikidata ids for",
             options=_QIDS),
    Exporter("csv", "csv", "text/csv; charset=utf-8", Scope.FOLDER, render_csv,
             "CSV tables (films, facts, credits, releases, box office, reviews, sources)",
             folder="backtrace-csv"),
)}  # fmt: skip


def exporter_named(name: str) -> Exporter:
    """The row of :data:`EXPORTERS` called ``name``."""
    found = EXPORTERS.get(name)
    if found is None:
        raise ExportError(f"no export format {name!r} (there are: {', '.join(EXPORTERS)})")
    return found


def film_forms() -> dict[str, tuple[Exporter, str]]:
    """What one film can be had as, by extension: every form of every exporter that writes
    one film as one document (the first row to claim an extension keeps it)."""
    out: dict[str, tuple[Exporter, str]] = {}
    for exporter in EXPORTERS.values():
        if exporter.one_film:
            for extension in exporter.extensions:
                out.setdefault(extension, (exporter, extension))
    return out
