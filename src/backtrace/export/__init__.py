"""Writing films back out: a cited article (Markdown or HTML), schema.org JSON-LD,
Wikidata QuickStatements (with the CSV of ids they need) and CSV tables.

Every writer is a pure function of what :func:`film_export` reads for a film (its record
with every source widened to its sentences, the plot passage, the reception, the cited
documents; :class:`FilmExport`). The formats are rows of one table, :data:`EXPORTERS`
(``formats.py``: name, extension, media type, scope, render function, description), which
``backtrace export``, ``KnowledgeBase.export`` and the web server's ``/film/<id>.<ext>``
read alike; render functions read the store through a :class:`Reader`."""

from backtrace.export.article import Article, build_article, film_article
from backtrace.export.article_render import render_html, render_markdown
from backtrace.export.csvfiles import film_rows, write_csv_folder
from backtrace.export.formats import EXPORTERS, Exporter, ExportError, Scope, exporter_named
from backtrace.export.jsonld import SCHEMA_CONTEXT, film_jsonld
from backtrace.export.qids import QidFileError, QidTable
from backtrace.export.reader import Reader
from backtrace.export.sources import FilmExport, SourceDocument, film_export
from backtrace.export.wikidata import (
    RECONCILE_COLUMNS,
    QuickStatements,
    film_statements,
    reconcile_rows,
)

__all__ = [
    "EXPORTERS",
    "Article",
    "ExportError",
    "Exporter",
    "FilmExport",
    "QidFileError",
    "QidTable",
    "QuickStatements",
    "RECONCILE_COLUMNS",
    "Reader",
    "SCHEMA_CONTEXT",
    "Scope",
    "SourceDocument",
    "build_article",
    "exporter_named",
    "film_article",
    "film_export",
    "film_jsonld",
    "film_rows",
    "film_statements",
    "reconcile_rows",
    "render_html",
    "render_markdown",
    "write_csv_folder",
]
