"""The commands that read start at once (issue 25): ``backtrace --help``, ``--version``,
``show``, ``person``, ``films`` and the fast ``polarity`` import only what they use, never
the ingest stack (readers, HTML and Markdown parsers, extraction rules, spaCy), the
exporters or the web server. Checked by what a fresh interpreter has imported when the
command ends, not by a clock, so that a regression fails on any machine
(bench/scale.py gives the times)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import backtrace

# third-party packages no reading command needs (numpy only where said below)
HEAVY = frozenset({"numpy", "spacy", "thinc", "bs4", "soupsieve", "lxml", "markdown_it",
                   "rapidfuzz", "nicknames", "nameparser", "jinja2", "pycountry", "tqdm",
                   "uvicorn", "starlette", "torch", "transformers"})
# the stages and parts of the store a command that reads never loads
LATER = ("backtrace.read", "backtrace.extract", "backtrace.ingest", "backtrace.export",
         "backtrace.serve", "backtrace.ask", "backtrace.curate", "backtrace.store.writer",
         "backtrace.resolve.link", "backtrace.resolve.facts",
         "backtrace.reception.reader")

# runs the command line in this interpreter, then prints every module it imported
PROBE = """
import atexit, json, sys
atexit.register(lambda: print("\\nMODULES " + json.dumps(sorted(sys.modules)), file=sys.stderr))
from backtrace.cli import main
main(sys.argv[1:], prog_name="backtrace")
"""


def loaded(*args: str, stdin: str = "") -> tuple[set[str], str]:
    """The modules ``backtrace ARGS`` imports in a fresh interpreter, and its output; fails
    unless the command succeeds (one that stopped early would import little)."""
    out = subprocess.run([sys.executable, "-c", PROBE, *args], input=stdin,
                         capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stderr
    last = out.stderr.rstrip().splitlines()[-1]
    assert last.startswith("MODULES "), out.stderr
    return set(json.loads(last.removeprefix("MODULES "))), out.stdout


def unwanted(modules: set[str], *, allow: frozenset[str] = frozenset()) -> list[str]:
    """The heavy packages (less ``allow``) and later stages among ``modules``."""
    return sorted(m for m in modules if m.split(".")[0] in HEAVY - allow
                  or any(m == stage or m.startswith(f"{stage}.") for stage in LATER))


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The mini corpus (one invented film, Paper Comet, with a review) and a film with no
    review (Lantern Row, invented here) in a store."""
    folder = tmp_path_factory.mktemp("startup")
    (folder / "lantern-row.txt").write_text(
        "= Lantern Row =\n\nLantern Row is a 2001 British drama film directed by Ada Quill.\n",
        encoding="utf-8")
    db = str(folder / "s.db")
    mini = Path(__file__).resolve().parent / "fixtures" / "mini"
    with backtrace.open(db) as kb:
        kb.ingest([mini, folder / "lantern-row.txt"])
    return db


def test_importing_the_command_line_loads_no_stage_and_no_heavy_package() -> None:
    code = ("import backtrace.cli, sys; print(sorted(m for m in sys.modules "
            "if m.split('.')[0] in {'numpy', 'spacy', 'bs4', 'lxml', 'markdown_it', "
            "'rapidfuzz', 'uvicorn', 'starlette', 'sqlalchemy', 'tqdm', 'jinja2'} "
            "or m.startswith(('backtrace.extract', 'backtrace.read', 'backtrace.ingest', "
            "'backtrace.store', 'backtrace.export', 'backtrace.serve'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["show", "--help"]])
def test_help_and_version_load_no_store(args: list[str]) -> None:
    modules, _ = loaded(*args)
    assert unwanted(modules) == []
    assert "sqlalchemy" not in modules
    assert {m for m in modules if m.startswith("backtrace")} <= {
        "backtrace", "backtrace.cli", "backtrace.errors", "backtrace.model"}


def test_show_loads_the_store_and_numpy_for_the_reception_only(store: str) -> None:
    modules, output = loaded("show", "Paper Comet", "--db", store)
    assert output.startswith("Paper Comet (2019)")
    assert unwanted(modules, allow=frozenset({"numpy"})) == []  # the approval estimate


def test_show_of_a_film_with_no_review_loads_no_numpy(store: str) -> None:
    modules, output = loaded("show", "Lantern Row", "--db", store)
    assert output.startswith("Lantern Row (2001)")
    assert unwanted(modules) == []


@pytest.mark.parametrize("args", [["films"], ["person", "Lorna Vance"], ["person", "Vance"]])
def test_films_and_person_load_the_store_alone(store: str, args: list[str]) -> None:
    modules, output = loaded(*args, "--db", store)
    assert output.strip()
    assert unwanted(modules) == []


def test_fast_polarity_loads_no_store_and_no_stage() -> None:
    modules, output = loaded("polarity", "--fast", stdin="a warm and funny film\n")
    assert output.split("\t")[0] in {"positive", "negative"}
    assert unwanted(modules, allow=frozenset({"numpy"})) == []  # the linear model's
    assert "sqlalchemy" not in modules


def test_the_probe_sees_a_stage_that_loads() -> None:
    modules, _ = loaded("export", "--help")  # the exporters' table makes the help
    assert "backtrace.export" in modules and "jinja2" in modules
