"""`backtrace ask`: one question (text or JSON; exit 1 when unanswered) and the batch mode
(one JSON object a line out for each line in, in order, whatever the line holds)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from backtrace.cli import main


def _run(db: Path, *args: str, input: bytes | str | None = None):  # noqa: A002
    return CliRunner().invoke(main, ["ask", *args, "--db", str(db)], input=input)


def test_one_question_as_text(ask_db: Path) -> None:
    result = _run(ask_db, "who", "directed", "Cinder", "Road?")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Cinder Road (2021): director"
    assert lines[1].strip() == "Marcus Oyelaran"
    assert "↳ “- Director: Marcus Oyelaran”" in result.output
    assert "corpus/cinder-road/encyclopedia.txt [" in result.output


def test_one_question_as_json(ask_db: Path) -> None:
    result = _run(ask_db, "how long is Cinder Road?", "--json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["question"] == "how long is Cinder Road?"
    assert data["interpretation"]["property"] == "duration"
    assert [a["value"] for a in data["answers"]] == [112, 104]
    assert data["answers"][1]["disputed"] is True and "disagree" in data["note"]
    source = data["answers"][0]["sources"][0]
    assert {"document", "path", "start", "end", "text"} <= set(source)


def test_no_answer_exits_1_with_the_note(ask_db: Path) -> None:
    result = _run(ask_db, "who directed Nothing Like This Film?")
    assert result.exit_code == 1
    assert "(no answer)" in result.output
    assert "note: no film called 'Nothing Like This Film' in the store" in result.output
    assert _run(ask_db, "").exit_code == 1
    assert "Traceback" not in _run(ask_db, "x" * 10_000).output


def test_a_missing_store_is_exit_3(tmp_path: Path) -> None:
    result = _run(tmp_path / "none.db", "who directed Cinder Road?")
    assert result.exit_code == 3 and "no such store" in result.output


LINES = [
    b"who directed Cinder Road?",
    b"",
    b"what films did Petra Vollan star in\r",
    b"\xff\xfe\x00\x01binary",
    b"x" * 10_000,
    "who directed Cinder Road\u2028twice".encode(),
    b"   ",
    b"how long is Cinder Road",  # the last line has no newline
]


def test_batch_keeps_one_line_per_line(ask_db: Path) -> None:
    result = _run(ask_db, "--json", "-", input=b"\n".join(LINES))
    assert result.exit_code == 0, result.output
    out = result.output.split("\n")
    assert out[-1] == ""
    rows = [json.loads(line) for line in out[:-1]]
    assert len(rows) == len(LINES)
    assert [len(r["answers"]) > 0 for r in rows] == [True, False, True, False, False, False,
                                                      False, True]
    assert rows[0]["answers"][0]["value"] == "Marcus Oyelaran"
    assert rows[2]["question"] == "what films did Petra Vollan star in"
    assert rows[1]["note"].startswith("empty question")
    assert "control characters" in rows[3]["note"]
    assert "10,000 characters" in rows[4]["note"]
    assert rows[5]["question"] == "who directed Cinder Road\u2028twice"
    assert "\u2028" not in result.output  # escaped: one line stays one line


def test_batch_as_text_and_an_empty_input(ask_db: Path) -> None:
    result = _run(ask_db, "-", input="who directed Cinder Road?\nwho?\n")
    assert result.exit_code == 0
    assert "Marcus Oyelaran" in result.output and "not understood" in result.output
    assert _run(ask_db, "--json", "-", input=b"").output == ""


def test_batch_through_a_real_pipe(ask_db: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "backtrace.cli", "ask", "--json", "-", "--db", str(ask_db)],
        input=b"who directed Cinder Road?\n\x00\x80\x81\nwho wrote Cinder Road\n",
        capture_output=True, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert [r["answers"][0]["value"] if r["answers"] else None for r in rows] == [
        "Marcus Oyelaran", None, "Hollis Greer"]
    assert b"Traceback" not in done.stderr
