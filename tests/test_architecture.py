"""The house rules that hold across packages: imports run down the stream only.

Stages, earliest first (a module may import its own stage and earlier ones; imports
inside functions count too)::

    model, errors, keys, vocabulary, people -> read -> extract, reception -> resolve
    -> store -> ingest -> export, render -> api, curate, ask -> serve, cli
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "backtrace"
STAGES: tuple[frozenset[str], ...] = (
    frozenset({"__init__", "model", "errors", "keys", "vocabulary", "people"}),
    frozenset({"read"}),
    frozenset({"extract", "reception"}),
    frozenset({"resolve"}),
    frozenset({"store"}),
    frozenset({"ingest"}),
    frozenset({"export", "render"}),
    frozenset({"api", "curate", "ask"}),
    frozenset({"serve", "cli", "__main__"}),
)


def stage_of(top: str) -> int:
    """The stage of ``backtrace.<top>``; every top-level module and package must have one."""
    for i, names in enumerate(STAGES):
        if top in names:
            return i
    raise LookupError(f"backtrace.{top} is in no stage: add it to STAGES")


def imported(path: Path, package: Path = PACKAGE) -> list[tuple[int, str]]:
    """``(line, top-level name)`` of every ``backtrace`` module the file imports."""
    rel = path.relative_to(package).with_suffix("").parts
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = list(rel[:-1])[: len(rel) - node.level]
            parts = [*base, *(node.module or node.names[0].name).split(".")]
            found.append((node.lineno, parts[0]))
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("backtrace."):
            found.append((node.lineno, node.module.split(".")[1]))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name.split(".")[1]) for a in node.names
                      if a.name.startswith("backtrace.")]
    return found


def upstream_imports(package: Path = PACKAGE) -> list[str]:
    bad = []
    for path in sorted(package.rglob("*.py")):
        rel = path.relative_to(package).with_suffix("").parts
        if rel == ("__init__",):
            continue
        here = stage_of(rel[0])
        for line, top in imported(path, package):
            if stage_of(top) > here:
                bad.append(f"{'/'.join(rel)}.py:{line} imports backtrace.{top}")
    return bad


def test_every_module_has_a_stage() -> None:
    for path in PACKAGE.iterdir():
        if path.suffix == ".py" or (path.is_dir() and (path / "__init__.py").exists()):
            stage_of(path.stem)


def test_no_import_runs_up_the_stream() -> None:
    assert upstream_imports() == []


def test_the_walker_sees_an_upstream_import(tmp_path: Path) -> None:
    (tmp_path / "extract").mkdir()
    (tmp_path / "extract" / "x.py").write_text(
        "def f():\n    from backtrace.resolve.link import Resolver\n"
        "    from ..store import Store\n")
    (tmp_path / "extract" / "y.py").write_text("from backtrace.model import Claim\n")
    assert upstream_imports(tmp_path) == ["extract/x.py:2 imports backtrace.resolve",
                                          "extract/x.py:3 imports backtrace.store"]


def test_an_unplaced_module_is_named() -> None:
    with pytest.raises(LookupError, match="backtrace.newstage"):
        stage_of("newstage")


MAX_FUNCTION_LINES = 60


def long_functions(package: Path = PACKAGE) -> list[str]:
    """Functions (and methods) of more than :data:`MAX_FUNCTION_LINES` lines, decorators
    left out: a function that long does several things, each of which wants a name."""
    found = []
    for path in sorted(package.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = (node.end_lineno or node.lineno) - node.lineno + 1
                if lines > MAX_FUNCTION_LINES:
                    where = path.relative_to(package)
                    found.append(f"{where}:{node.lineno} {node.name} ({lines} lines)")
    return found


def test_no_function_is_longer_than_60_lines() -> None:
    assert long_functions() == []


def test_the_length_check_sees_a_long_function(tmp_path: Path) -> None:
    body = "".join(f"    x{i} = {i}\n" for i in range(MAX_FUNCTION_LINES))
    (tmp_path / "m.py").write_text(f"def short():\n    pass\n\n\ndef long():\n{body}")
    assert long_functions(tmp_path) == [f"m.py:5 long ({MAX_FUNCTION_LINES + 1} lines)"]
