"""The README documents every CLI command, and its test command is what CI runs."""

from __future__ import annotations

from pathlib import Path

from backtrace.cli import main

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_command_is_in_the_readme():
    for name in main.commands:
        assert f"backtrace {name}" in README, f"README does not mention `backtrace {name}`"


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    command = next(line for line in ci.splitlines() if line.startswith("python3 -m venv"))
    assert command.strip() in README
