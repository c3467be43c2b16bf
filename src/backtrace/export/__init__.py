"""Writing films back out: a cited article (Markdown or HTML), schema.org JSON-LD,
Wikidata QuickStatements (with the CSV of ids they need) and CSV tables.

Every writer is a pure function of what :func:`film_export` reads for a film (its record
with every source widened to its sentences, the plot passage, the reception, the cited
documents; :class:`FilmExport`); ``KnowledgeBase`` gathers that and the CLI writes files."""

from backtrace.export.article import Article, build_article
from backtrace.export.article_render import render_html, render_markdown
from backtrace.export.csvfiles import film_rows, write_csv_folder
from backtrace.export.jsonld import SCHEMA_CONTEXT, film_jsonld
from backtrace.export.qids import QidFileError, QidTable
from backtrace.export.sources import FilmExport, SourceDocument, film_export
from backtrace.export.wikidata import (
    RECONCILE_COLUMNS,
    QuickStatements,
    film_statements,
    reconcile_rows,
)

__all__ = [
    "Article",
    "FilmExport",
    "QidFileError",
    "QidTable",
    "QuickStatements",
    "RECONCILE_COLUMNS",
    "SCHEMA_CONTEXT",
    "SourceDocument",
    "build_article",
    "film_export",
    "film_jsonld",
    "film_rows",
    "film_statements",
    "reconcile_rows",
    "render_html",
    "render_markdown",
    "write_csv_folder",
]
