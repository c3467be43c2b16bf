"""The command line: each command parses its options, calls the Python API and prints.

Exit codes: 0 success; 1 some input failed or nothing matched; 2 usage error; 3 the store
cannot be had (missing for a command that reads, from a newer backtrace, broken);
130 interrupted.
"""

from __future__ import annotations

import dataclasses
import gc
import json
import os
import shutil
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

import backtrace
from backtrace.errors import Ambiguous, BacktraceError, ReadError, Skipped, StoreError, shown_path
from backtrace.model import Kind

if TYPE_CHECKING:
    from backtrace.export import Exporter

# Only what every command needs is imported here: each command imports the stages it uses
# (the store, the ingest stack, spaCy, numpy, the exporters, the web server) when it runs,
# so that ``--help``, ``--version`` and the commands that read start at once
# (tests/test_cli_startup.py holds them to it).

SAMPLE_CORPUS = Path(__file__).resolve().parents[2] / "examples" / "corpus"

db_option = click.option(
    "--db",
    "db",
    envvar="BACKTRACE_DB",
    default=None,
    metavar="PATH",
    help="Database file or URL (default: $BACKTRACE_DB, else ./backtrace.db).",
)


YEAR = click.IntRange(1, 9999)  # a year: bounded so that none overflows an SQLite integer


class StoreProblem(click.ClickException):
    """The store cannot be had (missing, newer, broken): exit status 3."""

    exit_code = 3


def _open(
    db: str | None, *, create: bool = False, lock_timeout: float | None = None
) -> backtrace.KnowledgeBase:
    """The store named by ``--db``; only the commands that write (``create``) make a new
    one: a mistyped path given to a command that reads is an error, not an empty store."""
    if db is not None and not db.strip():
        raise click.UsageError("--db is empty: name a database file or URL")
    from backtrace.api import default_db

    target = db or default_db()
    if (ctx := click.get_current_context(silent=True)) is not None:
        ctx.meta["backtrace.db"] = target  # named by errors of the store met later
    if not create and "://" not in str(target) and not Path(target).expanduser().exists():
        raise StoreProblem(f"{target}: no such store (backtrace ingest makes one)")
    try:
        return backtrace.open(target, lock_timeout=lock_timeout)
    except BacktraceError as exc:
        raise StoreProblem(str(exc)) from exc


def _dump(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2)


lock_option = click.option(
    "--lock-timeout",
    type=click.FloatRange(min=0),
    envvar="BACKTRACE_LOCK_TIMEOUT",
    default=None,
    metavar="SECONDS",
    help="How long to wait for another writer of the store (default 60).",
)


class _Commands(click.Group):
    """Every command's errors as one line: a store problem exits 3, other errors 1,
    Ctrl-C 130; ``BACKTRACE_DEBUG=1`` shows the traceback of an unexpected error."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            sys.exit(130)
        except StoreError as exc:
            raise StoreProblem(str(exc)) from exc
        except BacktraceError as exc:
            raise click.ClickException(str(exc)) from exc
        except OSError as exc:
            where = f"{shown_path(str(exc.filename))}: " if exc.filename else ""
            raise click.ClickException(f"{where}{exc.strerror or exc}") from exc
        except Exception as exc:
            if _is_store_failure(exc):  # a damaged file, a lost connection
                from backtrace.store.engine import describe

                store = ctx.meta.get("backtrace.db")
                raise StoreProblem(
                    f"{store}: {describe(exc)}" if store else describe(exc)) from exc
            if os.environ.get("BACKTRACE_DEBUG"):
                raise
            first = (str(exc).splitlines() or [""])[0]
            raise click.ClickException(
                f"internal error ({exc.__class__.__name__}: {first}); "
                "BACKTRACE_DEBUG=1 shows where") from exc


def _is_store_failure(exc: BaseException) -> bool:
    """Whether ``exc`` is SQLAlchemy's: none can be unless a command has loaded it."""
    sa_exc = sys.modules.get("sqlalchemy.exc")
    return sa_exc is not None and isinstance(exc, sa_exc.SQLAlchemyError)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(backtrace.__version__, prog_name="backtrace")
def main() -> None:
    """backtrace: a film database in which every fact traces back to its sentence.

    Start with `backtrace demo`, then `backtrace ingest DOCS/` and `backtrace show TITLE`.
    """


@main.command()
@click.argument("paths", nargs=-1, metavar="PATH...")  # required: checked in the command
@db_option
@lock_option
@click.option(
    "--kind",
    type=click.Choice([k.value for k in Kind]),
    default=None,
    help="Treat every document as this kind instead of detecting it.",
)
@click.option("--text-field", default="text", show_default=True, help="JSONL: field with the text.")
@click.option("--title-field", default="title", show_default=True, help="JSONL: title field.")
@click.option("--date-field", default="date", show_default=True, help="JSONL: date field.")
@click.option("--kind-field", default="kind", show_default=True, help="JSONL: kind field.")
@click.option("--url-field", default="url", show_default=True, help="JSONL: URL field.")
@click.option("--year-field", default="year", show_default=True, help="JSONL: year field.")
@click.option(
    "--record-fields/--no-record-fields",
    default=True,
    show_default=True,
    help="JSONL: read the year and list fields (cast, genres) as an infobox.",
)
@click.option(
    "--follow-links", is_flag=True, help="Follow links that lead out of a folder named to read."
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar; errors and summary only.")
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(1, 64),
    default=None,
    help="Processes extracting a long batch (default: the cores, up to 4; 1: this one).",
)
@click.option(
    "--dask",
    "dask",
    is_flag=False,
    flag_value="local",
    default=None,
    metavar="[ADDRESS]",
    help="Read and extract on a Dask cluster: a local one (2 processes), or the scheduler "
    "at ADDRESS (tcp://host:8786). Needs the dask extra.",
)
def ingest(
    paths: tuple[str, ...],
    db: str | None,
    lock_timeout: float | None,
    kind: str | None,
    text_field: str,
    title_field: str,
    date_field: str,
    kind_field: str,
    url_field: str,
    year_field: str,
    record_fields: bool,
    follow_links: bool,
    quiet: bool,
    jobs: int | None,
    dask: str | None,
) -> None:
    """Read files, folders, globs and JSONL corpora into the database.

    Re-ingesting a document already stored changes nothing. Exit status 1 when some
    input could not be read (everything else is still stored).
    """
    if dask is not None:  # `--dask docs/`: docs/ was taken as the address
        paths, options_dask = _dask_address(dask, paths)
    if not paths:
        raise click.UsageError("Missing argument 'PATH...'.")
    kb = _open(db, create=True, lock_timeout=lock_timeout)
    options = {
        **({"dask": options_dask} if dask is not None else {}),
        "kind": kind,
        "text_field": text_field,
        "title_field": title_field,
        "date_field": date_field,
        "kind_field": kind_field,
        "url_field": url_field,
        "year_field": year_field,
        "record_fields": record_fields,
        "follow_links": follow_links,
    }
    report = _ingest_with_progress(kb, paths, options, quiet=quiet, jobs=jobs)
    # Read errors were printed as they came; these come from later stages.
    stored_failures = [f for f in report.failed if f[1].startswith(("could not store", "extract"))]
    for path, reason in stored_failures:
        click.echo(f"error: {path}: {reason}", err=True)
    click.echo(report.summary())
    if report.interrupted:
        click.echo("interrupted: the documents listed as stored are kept", err=True)
        sys.exit(130)
    sys.exit(1 if report.failed else 0)


def _dask_address(value: str, paths: tuple[str, ...]) -> tuple[tuple[str, ...], str | bool]:
    """``--dask``'s scheduler address (True: a local cluster). A bare ``--dask`` followed
    by a path takes it as its value: a value that is no address (no ``://``, not
    ``host:port``) is given back to the paths."""
    import re

    if value == "local":
        return paths, True
    if "://" in value or re.fullmatch(r"[\w.-]+:\d+", value):
        return paths, value
    return (value, *paths), True


def _ingest_with_progress(
    kb: backtrace.KnowledgeBase,
    paths: tuple[str, ...],
    options: dict[str, Any],
    *,
    quiet: bool,
    jobs: int | None,
) -> Any:
    """``kb.ingest`` with a progress bar on standard error and read errors printed as they
    come; closes ``kb``."""
    from tqdm import tqdm

    from backtrace.reception import encoder

    bar = tqdm(
        unit=" docs", desc="ingest", file=sys.stderr, disable=True if quiet else None, leave=False
    )

    def on_document(item: object) -> None:
        bar.update(1)

    def on_error(err: ReadError) -> None:
        tqdm.write(f"{'note' if isinstance(err, Skipped) else 'error'}: {err}", file=sys.stderr)

    def on_dashboard(link: str) -> None:
        tqdm.write(f"dask dashboard: {link}", file=sys.stderr)

    if "dask" in options:
        options = {**options, "on_dashboard": on_dashboard}
    try:
        return kb.ingest(
            paths, **options, on_document=on_document, on_error=on_error, workers=jobs
        )
    except encoder.EncoderError as exc:  # the accurate mode asked for and not available
        raise click.ClickException(str(exc)) from exc
    finally:
        bar.close()
        kb.close()


@main.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def films(db: str | None, as_json: bool) -> None:
    """List every film in the database (written as they are read: a million films in
    constant memory)."""
    with _open(db) as kb, _reading_every_film():
        rows = kb.iter_films()
        if as_json:
            _dump_stream(rows)
            return
        listed = False
        for r in rows:
            listed = True
            year = f" ({r['year']})" if r["year"] else ""
            click.echo(f"{r['id']:>6}  {r['title']}{year}  "
                       f"[{r['documents']} docs, {r['facts']} facts]")
    if not listed:
        click.echo("no films yet: run `backtrace ingest PATH`")


_ECHO_ITEMS = 500  # items of a list written out at a time


@contextmanager
def _reading_every_film() -> Iterator[None]:
    """The cyclic garbage collector run less often while a command reads many films: the
    records are many small objects in no cycle, freed as each film is written, and a
    collection every 700 of them cost a tenth of an export's time."""
    young, *older = gc.get_threshold()
    gc.set_threshold(max(young, 50_000), *older)
    try:
        yield
    finally:
        gc.set_threshold(young, *older)


def _dump_stream(items: Iterable[Any]) -> None:
    """``_dump(list(items))``, byte for byte, written :data:`_ECHO_ITEMS` items at a time;
    a flat dict (a film of ``films``) is written without the ``json`` module's indenting
    encoder, which costs more than reading the film."""
    from backtrace.store.records import json_scalar

    first, pieces = True, []
    for item in items:
        body = _flat_item(item, json_scalar)
        if body is None:  # every line break of json's text is its own: strings escape theirs
            body = "  " + _dump(item).replace("\n", "\n  ")
        pieces.append(("[\n" if first else ",\n") + body)
        first = False
        if len(pieces) == _ECHO_ITEMS:
            click.echo("".join(pieces), nl=False)
            pieces.clear()
    click.echo("".join(pieces) + ("[]" if first else "\n]"))


_FLAT = frozenset({str, int, float, bool, type(None)})


def _flat_item(item: Any, scalar: Callable[[Any], str]) -> str | None:
    """A dict of strings, numbers and constants as ``_dump_stream`` writes it (indented two
    more spaces), or None when it is not one."""
    if type(item) is not dict or not item:
        return None
    lines = []
    for key, value in item.items():
        if type(key) is not str or type(value) not in _FLAT:
            return None
        lines.append(f"    {scalar(key)}: {scalar(value)}")
    return "  {\n" + ",\n".join(lines) + "\n  }"


@main.command()
@click.argument("title")
@click.option("--year", type=YEAR, default=None, help="Pick the film of this year.")
@click.option("--sources", is_flag=True, help="Quote the sentence and document of each fact.")
@click.option("--json", "as_json", is_flag=True, help="Print the record as JSON.")
@db_option
def show(title: str, year: int | None, sources: bool, as_json: bool, db: str | None) -> None:
    """Show a film's record like an infobox."""
    from backtrace.render import render_film, render_reception

    with _open(db) as kb:
        try:
            record = kb.record(title, year, sentences=sources or as_json)
        except BacktraceError as exc:
            raise click.ClickException(str(exc)) from exc
    if as_json:
        click.echo(_dump(record.to_json()))
    else:
        click.echo(render_film(record, sources=sources))
        if record.reception and record.reception.reviews:
            click.echo(render_reception(record.reception))


@main.command()
@click.argument("title", required=False)
@click.option("--year", type=YEAR, default=None, help="Pick the film of this year.")
@click.option("--unlinked", is_flag=True,
              help="List the reviews no film could be found for, and why (no TITLE).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@db_option
def reviews(
    title: str | None, year: int | None, unlinked: bool, as_json: bool, db: str | None
) -> None:
    """List a film's reviews (critic, outlet, polarity, score, quote, aspects) and the
    aggregate: approval with its interval, band, and a consensus citing the quotes it
    rests on. With --unlinked, the reviews linked to no film instead."""
    if unlinked == (title is not None):
        raise click.UsageError("give a TITLE, or --unlinked without one")
    from backtrace.render import render_reception, render_unlinked

    if unlinked:
        with _open(db) as kb:
            orphans = kb.unlinked_review_records()
        click.echo(_dump([r.to_json() for r in orphans]) if as_json else render_unlinked(orphans))
        return
    assert title is not None
    with _open(db) as kb:
        try:
            film, received = kb.reception(title, year)
        except BacktraceError as exc:
            raise click.ClickException(str(exc)) from exc
    if as_json:
        click.echo(_dump({"film": film, **received.to_json()}))
        return
    year_text = f" ({film['year']})" if film["year"] else ""
    click.echo(f"{film['title']}{year_text}")
    click.echo(render_reception(received))


class _TableChoice(click.Choice):
    """A choice among the names a table holds when the command runs (a row added to
    ``backtrace.export.EXPORTERS`` is a choice at once)."""

    def __init__(self, names: Callable[[], Iterable[str]]) -> None:
        self._names = names
        super().__init__(())

    @property  # type: ignore[override]
    def choices(self) -> tuple[str, ...]:
        return tuple(self._names())

    @choices.setter
    def choices(self, value: Any) -> None:  # click.Choice sets it; the table decides
        pass


def _exporters() -> dict[str, Exporter]:
    """The table of export formats (loaded with the exporters, when first asked for)."""
    from backtrace.export import EXPORTERS

    return EXPORTERS


def _forms() -> list[str]:
    """Every form an exporter can be written as (``--to``), in the table's order."""
    return list(dict.fromkeys(
        ext for e in _exporters().values() if e.forms for ext in e.extensions))


class _TableHelp(click.Option):
    """An option whose help is made from a table when it is shown (``help`` a function)."""

    def __init__(self, *args: Any, help: Callable[[], str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._help = help

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        self.help = self._help()
        return super().get_help_record(ctx)


@main.command()
@click.argument("title", required=False)
@click.option(
    "--format",
    "fmt",
    type=_TableChoice(_exporters),
    default="jsonl",
    show_default=True,
    cls=_TableHelp,
    help=lambda: "; ".join(f"{e.name}: {e.description}" for e in _exporters().values()) + ".",
)
@click.option(
    "--to",
    "to",
    type=_TableChoice(_forms),
    default=None,
    help="The form of a format that has several: the article in Markdown (md, the default) "
    "or HTML.",
)
@click.option("--year", type=YEAR, default=None, help="Pick the film of this year.")
@click.option(
    "--output",
    "-o",
    type=click.Path(),
    default=None,
    help="File or - (default -); a folder for csv and for articles of every film.",
)
@click.option("--parents", is_flag=True, help="Make the missing folders above --output.")
@click.option(
    "--qids",
    type=click.Path(dir_okay=False),
    default=None,
    metavar="FILE",
    help="wikidata: a CSV of Wikidata ids (name,type,year,qid; what OpenRefine's "
    "reconciliation gives), as written by --format wikidata-reconcile and filled in.",
)
@db_option
def export(
    title: str | None,
    fmt: str,
    to: str | None,
    year: int | None,
    output: str | None,
    parents: bool,
    qids: str | None,
    db: str | None,
) -> None:
    """Export every film (or TITLE) as JSONL records, articles, JSON-LD, Wikidata or CSV.

    \b
    backtrace export --format jsonl -o films.jsonl
    backtrace export --format article "Backtrace" --to html -o backtrace.html
    backtrace export --format article -o articles/        (one file per film)
    backtrace export --format jsonld "Backtrace"
    backtrace export --format wikidata-reconcile "Backtrace" -o qids.csv
    backtrace export --format wikidata "Backtrace" --qids qids.csv -o backtrace.qs
    backtrace export --format csv -o tables/

    QuickStatements name people, companies and places only by their Wikidata ids: give
    them in --qids (fill the qid column of the wikidata-reconcile file, by hand or with
    OpenRefine). What has no id is left out and listed on stderr; the film is created
    (CREATE) only when the file has no id for it.
    """
    exporter = _exporters()[fmt]
    options = _export_options(exporter, to=to, qids=qids)
    to_folder = exporter.writes_folder(every=title is None)
    if output not in (None, "-"):
        _check_output(Path(output), folder=to_folder, parents=parents)
    with _open(db) as kb, _reading_every_film():
        try:
            if to_folder:
                _export_folder(kb, exporter, title, year, output, options)
            else:
                _export_file(kb, exporter, title, year, output, options)
        except BacktraceError as exc:
            raise click.ClickException(str(exc)) from exc
        except OSError as exc:  # disk full, no permission, a file where a folder should be
            where = shown_path(str(exc.filename or output))
            raise click.ClickException(f"{where}: cannot write ({_why(exc)})") from exc


def _export_options(exporter: Exporter, **given: Any) -> dict[str, Any]:
    """The options of ``export`` that ``exporter`` takes; one it does not take but was given
    (other than ``--to``, which only the formats with several forms read) is a usage error."""
    for name, value in given.items():
        if value is not None and name != "to" and name not in exporter.takes:
            takers = [e.name for e in _exporters().values() if name in e.takes]
            raise click.UsageError(f"--{name} goes with --format {' or '.join(takers)}")
    return {name: value for name, value in given.items()
            if name in exporter.takes and value is not None}  # fmt: skip


def _export_folder(
    kb: backtrace.KnowledgeBase,
    exporter: Exporter,
    title: str | None,
    year: int | None,
    output: str | None,
    options: dict[str, Any],
) -> None:
    """Write the folder of an export (csv; the article of every film)."""
    from backtrace.export import Scope

    folder = output if output not in (None, "-") else exporter.default_folder
    written = kb.export(exporter.name, title, year, folder=folder, **options)
    assert isinstance(written, dict)
    if exporter.scope is Scope.FOLDER:
        rows = ", ".join(f"{name} {n}" for name, n in written.items())
        click.echo(f"wrote {folder}/: {rows}", err=True)
    else:
        click.echo(f"wrote {written['files']} {exporter.name}s to {folder}/", err=True)


def _export_file(
    kb: backtrace.KnowledgeBase,
    exporter: Exporter,
    title: str | None,
    year: int | None,
    output: str | None,
    options: dict[str, Any],
) -> None:
    """Write the document of an export to ``output`` (a file, or - for standard output) as
    it is made, then what it left out on standard error."""
    notes: list[str] = []
    with click.open_file(output or "-", "w", encoding="utf-8") as out:
        chunks = kb.export_chunks(exporter.name, title, year, notes=notes.append, **options)
        for chunk in chunks:
            if isinstance(chunk, bytes):
                out.flush()
                out.buffer.write(chunk)
            else:
                out.write(chunk)
        for note in notes:
            click.echo(note, err=True)


def _why(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower()


def _check_output(path: Path, *, folder: bool, parents: bool) -> None:
    """Refuse an output that cannot be one (a folder for a file, a file for a folder), and
    make the folders above it only when asked."""
    shown = shown_path(str(path))
    if folder and path.exists() and not path.is_dir():
        raise click.ClickException(f"{shown}: is a file; this export writes a folder")
    if not folder and path.is_dir():
        raise click.ClickException(f"{shown}: is a folder; name a file (or a folder for csv)")
    above = path.parent
    if not above.exists():
        if not parents:
            raise click.ClickException(
                f"{shown}: folder {shown_path(str(above))} does not exist (--parents makes it)")
        try:
            above.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise click.ClickException(f"{shown_path(str(above))}: cannot make ({_why(exc)})") \
                from exc


@main.command()
@click.option(
    "--db",
    default="backtrace-demo.db",
    show_default=True,
    metavar="PATH",
    help="Where to build the demo database (replaced if it exists).",
)
@click.option(
    "--corpus",
    type=click.Path(exists=True, file_okay=False),
    default=None,
    help="Folder to ingest instead of the shipped sample corpus.",
)
@click.option("--film", "film_title", default=None, help="Film to show (default: best sourced).")
def demo(db: str, corpus: str | None, film_title: str | None) -> None:
    """Ingest the shipped sample corpus into a fresh database and show one film."""
    folder = Path(corpus) if corpus else SAMPLE_CORPUS
    if not folder.is_dir():
        raise click.ClickException(f"sample corpus not found at {folder}; pass --corpus FOLDER")
    for suffix in ("", "-wal", "-shm"):
        Path(db + suffix).unlink(missing_ok=True)
    if not corpus:  # the shipped corpus, named from here: no absolute path in any output
        folder = Path(os.path.relpath(folder))
    with _open(db, create=True) as kb:
        report = kb.ingest([folder])
        click.echo(f"ingested {folder}: {report.summary()}")
        films = kb.films()
        if not films:
            raise click.ClickException("the corpus gave no films")
        if film_title:
            record = kb.record(film_title, sentences=True)
        else:
            best = max(films, key=lambda f: (f["documents"], f["facts"]))
            record = kb.record_by_id(best["id"], sentences=True)
    from backtrace.render import render_film

    width = shutil.get_terminal_size((100, 20)).columns
    click.echo("-" * min(width, 100))
    click.echo(render_film(record, sources=False))
    click.echo("-" * min(width, 100))
    click.echo(f"database: {db}    try: backtrace show {record.title!r} --sources --db {db}")


@main.command()
@click.argument("source", type=click.File("rb"), default="-")
@click.option("--batch-size", default=512, show_default=True, help="Lines scored at once.")
@click.option(
    "--accurate/--fast",
    default=None,
    help="The fine-tuned MiniLM mode (needs the 'accurate' extra) or the fast linear model. "
    "Default: the BACKTRACE_POLARITY setting, else fast.",
)
def polarity(source, batch_size: int, accurate: bool | None) -> None:  # noqa: ANN001
    """Classify each line of SOURCE (a file, or - for standard input) as positive or negative.

    Prints `label<TAB>probability` per line, in order; an empty line prints `empty<TAB>0.0`,
    a line that is no text (NUL bytes, not UTF-8, control characters) `skipped<TAB>0.0`,
    with a note on standard error. Needs no database.
    """
    from backtrace.reception import encoder
    from backtrace.reception.lines import Line, polarity_rows

    try:
        model = encoder.scorer(accurate)
    except encoder.EncoderError as exc:
        raise click.ClickException(str(exc)) from exc
    name = source.name if isinstance(getattr(source, "name", None), str) else "-"
    name = "-" if name == "<stdin>" else shown_path(name)
    skipped: list[int] = []

    def on_skip(line: Line) -> None:
        skipped.append(line.number)
        if len(skipped) <= 20:  # the count below says how many in all
            click.echo(f"note: {name}:{line.number}: skipped, no text ({line.reason})", err=True)

    for row in polarity_rows(model, source, batch_size=batch_size, on_skip=on_skip):
        click.echo(row)
    if skipped:
        click.echo(f"note: {len(skipped)} line(s) of {name} skipped (no text)", err=True)


@main.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port."
)
@click.option(
    "--workers", default=1, show_default=True, type=click.IntRange(1, 64), help="Processes."
)
@click.option(
    "--cache",
    default=512,
    show_default=True,
    type=click.IntRange(0),
    help="Rendered pages kept until the database changes (0: no cache).",
)
def serve(db: str | None, host: str, port: int, workers: int, cache: int) -> None:
    """Serve a read-only web UI and JSON API over the database (Ctrl-C stops it).

    Pages: / (counts, recent documents), /search?q=, /film/ID, /person/ID, /document/ID;
    add .json to any of them (/index.json for /) for the same data as JSON. /film/ID.md,
    .html, .jsonld, .qs, ...: the film in an export format (those of `export`)."""
    import os

    import uvicorn

    from backtrace.api import default_db
    from backtrace.serve import create_app
    from backtrace.store.engine import shown

    _open(db).close()  # a store that exists (never made here), upgraded if it must be
    target = db or default_db()
    try:
        app = create_app(target, cache_size=cache)  # opened read-only: never written
    except BacktraceError as exc:
        raise click.ClickException(str(exc)) from exc
    _can_listen(host, port)
    click.echo(f"serving {shown(target)} on http://{host}:{port}/ ({workers} worker(s))")
    if workers == 1:
        uvicorn.run(app, host=host, port=port, log_level="warning")
        return
    app.state.site.store.close()
    os.environ["BACKTRACE_DB"] = target
    os.environ["BACKTRACE_CACHE"] = str(cache)
    uvicorn.run(
        "backtrace.serve.app:from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
    )


def _can_listen(host: str, port: int) -> None:
    """A one-line error, before "serving ... on", when ``host:port`` cannot be listened on
    (another server has the port, no such address here)."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        family, kind, proto, _, address = infos[0]
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does
            probe.bind(address)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise click.ClickException(f"cannot listen on {host}:{port}: {reason.lower()}") from None


@main.command()
@click.argument("name")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@db_option
def person(name: str, as_json: bool, db: str | None) -> None:
    """Show a person: aliases, filmography (each credit with its source), reviews written."""
    from backtrace.render import around, render_reviews_written

    with _open(db) as kb:
        try:
            record = kb.person_record(name)
        except Ambiguous as exc:  # list the candidates instead of picking one
            if as_json:
                click.echo(_dump({"query": name, "candidates": exc.candidates}))
            else:
                click.echo(f"{exc}; which one?")
                for c in exc.candidates:
                    click.echo(f"  {c['name']}  (backtrace person {c['name']!r}, id {c['id']})")
            sys.exit(1)
        except BacktraceError as exc:
            raise click.ClickException(str(exc)) from exc
    if as_json:
        click.echo(_dump(record.to_json()))
        return
    click.echo(record.name)
    if record.aliases:
        click.echo(f"  also named: {', '.join(record.aliases)}")
    for linked in record.linked_names:
        click.echo(f"  {linked.alias}: linked as {linked.reason}")
    for work in record.by_work():  # one line a work, by year, with every role held on it
        film = work.film
        title = film.title if film else work.unlinked_mention or "?"
        year = f" ({film.year})" if film and film.year else ""
        year += " [unlinked: several works fit]" if work.unlinked_mention else ""
        kind = film.type if film else None
        year += f" [{kind.replace('_', ' ')}]" if kind and kind != "film" else ""
        parts = [c for c, _ in work.parts if c]
        role = ", ".join(work.roles) + (f" as {' and '.join(parts)}" if parts else "")
        click.echo(f"  {title}{year}: {role}")
        for src in work.sources:  # the sentence that states the credit, not the name
            quote = around(src.sentence, src.start, src.end, 72)
            click.echo(f"      ↳ “{quote}”  {src.path} [{src.start}:{src.end}]")
    if record.reviews_written:  # as a critic: each review with its film and outlet
        click.echo(render_reviews_written(record.reviews_written))


@main.command()
@db_option
@lock_option
@click.option("--repair", is_flag=True,
              help="Recompute what is derived (facts, people, the search index).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def check(db: str | None, lock_timeout: float | None, repair: bool, as_json: bool) -> None:
    """Check the store: SQLite's integrity, every span against its document, every film's
    facts against its claims, people left to relink by an interrupted ingest, the search
    index. Exit status 1 when something is wrong (after --repair: still wrong), 3 when the
    file is damaged. Documents and claims are never changed."""
    with _open(db, lock_timeout=lock_timeout) as kb:
        report = kb.check(repair=repair)
        after = kb.check() if report.repaired else report
    if as_json:
        click.echo(_dump({**dataclasses.asdict(report), "sound": after.sound,
                          "current": after.current}))
    else:
        for line in report.lines():
            click.echo(line)
    if not after.sound and after.integrity:
        sys.exit(3)
    sys.exit(0 if after.sound and after.current else 1)


@main.command()
@db_option
@lock_option
def relink(db: str | None, lock_timeout: float | None) -> None:
    """Recompute who is who over the whole store: names of one person stored apart
    ("Charlie Chaplin", "Charles Chaplin") become one person, with the rule that linked them
    (shown by `person`). Ingest does this for the names it reads; run it after an upgrade."""
    with _open(db, lock_timeout=lock_timeout) as kb:
        merged = kb.relink()
    click.echo(f"{merged} names linked to another person")


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@db_option
def conflicts(as_json: bool, db: str | None) -> None:
    """List every film property whose sources disagree: each value with its sources quoted,
    and the value believed with the reason (and those a curator has settled)."""
    from backtrace.render import render_conflict

    # written as they are read: a million films in constant memory
    with _open(db) as kb, _reading_every_film():
        rows = kb.iter_conflict_records()
        if as_json:
            _dump_stream(row.to_json() for row in rows)
            return
        pieces: list[str] = []
        listed = False
        for row in rows:
            pieces.append(("\n\n" if listed else "") + render_conflict(row))
            listed = True
            if len(pieces) == _ECHO_ITEMS:
                click.echo("".join(pieces), nl=False)
                pieces.clear()
        click.echo("".join(pieces) if listed else "no conflicts")


@main.command()
@click.argument("title")
@click.argument("prop", metavar="PROPERTY")
@click.argument("value", required=False)
@click.option("--because", default=None, metavar="TEXT", help="Why (required to decide).")
@click.option("--undo", is_flag=True, help="Undo the override of PROPERTY (= VALUE, if given).")
@click.option("--year", type=YEAR, default=None, help="Pick the film of this year.")
@click.option("--region", default=None, help="Box office: the region the value is for.")
@click.option("--kind", default=None, help="Release date: its kind (limited, wide, VOD, ...).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@db_option
@lock_option
def resolve(
    title: str,
    prop: str,
    value: str | None,
    because: str | None,
    undo: bool,
    year: int | None,
    region: str | None,
    kind: str | None,
    as_json: bool,
    db: str | None,
    lock_timeout: float | None,
) -> None:
    """Decide a film's PROPERTY is VALUE, over what the sources say (a curator's override).

    The decision survives re-ingest and is kept in the film's history. `--undo` with VALUE
    undoes that decision; `--undo` without VALUE undoes every standing decision about
    PROPERTY. Example: backtrace resolve Backtrace box_office '$490,636' --region worldwide
    --because "the distributor's final figure".
    """
    with _open(db, lock_timeout=lock_timeout) as kb:
        try:
            if undo:
                result = kb.undo_override(title, prop, value, year=year, region=region, kind=kind)
            else:
                if value is None or not because:
                    raise click.UsageError("give VALUE and --because TEXT (or --undo)")
                result = kb.resolve(
                    title, prop, value, because=because, year=year, region=region, kind=kind
                )
        except BacktraceError as exc:
            raise click.ClickException(str(exc)) from exc
    if as_json:
        click.echo(_dump(result))
        return
    film = result["film"]
    name = f"{film['title']}" + (f" ({film['year']})" if film["year"] else "")
    if undo:
        _echo_undone(name, result)
    else:
        _echo_decided(name, result)


def _echo_undone(name: str, result: dict[str, Any]) -> None:
    """What ``resolve --undo`` undid, and the facts the sources decide again."""
    from backtrace.render import format_qualifiers, format_value

    for o in result["undone"]:
        shown = format_value(o["property"], o["value"])
        click.echo(f"undone: {name} {o['property']} = {shown} (decided {o['created_at']})")
    click.echo("the sources decide again:")
    name_of = result["undone"][0]["property"]
    for fact in result["facts"]:
        mark = "believed" if fact["believed"] else "not believed"
        quals = format_qualifiers(name_of, fact["qualifiers"])
        value_text = format_value(name_of, fact["value"])
        click.echo(f"  {value_text} {quals}".rstrip() + f"  [{fact['status']}, {mark}]")


def _echo_decided(name: str, result: dict[str, Any]) -> None:
    """The override ``resolve`` made, and where its value stands among the sources."""
    from backtrace.render import format_value

    o, fact = result["override"], result["fact"]
    shown = format_value(o["property"], o["value"])
    click.echo(f"decided: {name} {o['property']} = {shown} (override {o['id']})")
    click.echo(f"  because: {o['reason']}")
    if result["replaced"]:
        click.echo(f"  replaces earlier override(s): {', '.join(map(str, result['replaced']))}")
    if result["stated_by_sources"]:
        click.echo(f"  stated by {len({s['document'] for s in fact['sources']})} document(s)")
    else:
        click.echo("  no source states this value: the override is its only provenance")


def _json_line(obj: Any) -> str:
    """One JSON object on one line, whatever it holds: the line separators JSON leaves
    raw (U+2028, U+2029, NEL) are escaped too."""
    text = json.dumps(obj, ensure_ascii=False)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").replace(
        "\x85", "\\u0085")


@main.command()
@click.argument("question", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True,
              help="Print JSON (with -: one object a line, in the order of the questions).")
@db_option
def ask(question: tuple[str, ...], as_json: bool, db: str | None) -> None:
    """Answer a question about films from the store, quoting the sentence behind each
    answer: backtrace ask "who directed Backtrace?".

    QUESTION - reads one question a line from standard input and prints one answer a
    line (one JSON object a line with --json), in order. Exit status 1 when a single
    question gets no answer (0 in batch mode)."""
    from sqlalchemy.exc import SQLAlchemyError

    from backtrace.ask import render_result
    from backtrace.ask.records import Interpretation, Result

    with _open(db) as kb:
        if question == ("-",):
            stream = sys.stdin.buffer  # bytes: lines end at \n only, whatever they hold
            for raw in stream:
                line = raw[:-1] if raw.endswith(b"\n") else raw
                text = line.removesuffix(b"\r").decode("utf-8", "replace")
                try:
                    result = kb.answer(text)
                except (BacktraceError, SQLAlchemyError):
                    raise  # the store failed: one line and exit 3, not an answer
                except Exception as exc:  # one line out per line in, whatever happens
                    result = Result(text, Interpretation(),
                                    note=f"internal error ({exc.__class__.__name__})")
                if as_json:
                    click.echo(_json_line(result.to_json()))
                else:
                    click.echo(render_result(result) + "\n")
            return
        result = kb.answer(" ".join(question))
    if as_json:
        click.echo(_dump(result.to_json()))
    else:
        click.echo(render_result(result))
    sys.exit(0 if result.answers else 1)


if __name__ == "__main__":  # pragma: no cover
    main()
