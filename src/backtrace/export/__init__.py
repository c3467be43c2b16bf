"""Writing films back out: a cited article (Markdown or HTML), schema.org JSON-LD,
Wikidata QuickStatements and CSV tables. Every writer is a pure function of a film
record (``KnowledgeBase.film()``) and, where it uses them, the film's plot passage and
reception block; ``KnowledgeBase`` gathers those and the CLI writes the files."""

from backtrace.export.article import Article, build_article
from backtrace.export.article_render import render_html, render_markdown
from backtrace.export.csvfiles import film_rows, write_csv_folder
from backtrace.export.jsonld import film_jsonld
from backtrace.export.wikidata import film_statements

__all__ = [
    "Article",
    "build_article",
    "render_markdown",
    "render_html",
    "film_jsonld",
    "film_statements",
    "film_rows",
    "write_csv_folder",
]
