"""Hostile inputs through the command line (issue 23: nothing lost, nothing hangs).

Every hostile file is made here, small, beside a good document. Ingesting them gives one
line on stderr for each bad file or record, naming it, and never a traceback; the exit
status is 1 when some input failed (0 when none did), 2 for a usage error and 3 for a store
that cannot be had; and the good documents are stored. tests/test_bad_input.py covers an
empty ``.txt``, an image, truncated UTF-8, an HTML page with no text, a file over the size
limit and a page of scripts; this file covers the rest.
"""

from __future__ import annotations

import json
import os
import random
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import select

import backtrace
from backtrace.cli import main
from backtrace.store.schema import documents

GOOD = """= Quill Harbor (film) =

Quill Harbor
- Director: Senna Vald
- Runtime: 97 minutes

Quill Harbor is a 2014 Danish thriller film directed by Senna Vald.
"""
RECORD = {
    "title": "Marrow Lane",
    "text": "Marrow Lane is a 2016 Irish drama film directed by Oisin Teal.",
    "year": 2016,
    "cast": ["Maeve Dunn", "Cal Byrne"],
}
OTHER = {"title": "Tallow Creek", "text": "Tallow Creek is a 2012 Welsh film by Bryn Hale."}


def line(obj: object) -> bytes:
    return json.dumps(obj, ensure_ascii=False).encode() + b"\n"


def good_about(title: str) -> bytes:
    """A good document of its own (not a duplicate of GOOD) about the film ``title``."""
    return GOOD.replace("Quill Harbor", title).encode()


def run(*args: str) -> Result:
    """Run the CLI and check what no input may ever cause: a traceback, an internal error."""
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output, result.output
    assert "internal error" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    return result


def ingest(db: Path, *paths: Path) -> Result:
    return run("ingest", "-q", "--db", str(db), *map(str, paths))


def error_lines(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("error: ")]


def stored(db: Path, folder: Path) -> dict[str, str]:
    """The stored documents' texts by path, relative to ``folder`` (an absolute folder's
    files are stored under its name: no absolute path is ever shown)."""
    with backtrace.open(db) as kb, kb.store.read() as conn:
        rows = conn.execute(select(documents.c.path, documents.c.text)).all()
    return {path.removeprefix(f"{folder.name}{os.sep}"): text for path, text in rows}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_bytes(GOOD.encode())
    return folder


def _random_bytes(n: int, seed: int) -> bytes:
    return random.Random(seed).randbytes(n)


DEEP_OBJECT = b'{"text": ' + b'{"a": ' * 1000 + b"1" + b"}" * 1000 + b"}\n"  # 8 KB
DEEP_ARRAY = b"[" * 100_000 + b"]" * 100_000 + b"\n"

# name: (files, the errors after "error: FOLDER/", the stored paths besides good.txt)
CASES: dict[str, tuple[dict[str, bytes], list[str], set[str]]] = {
    "deep JSON lines": (
        {"corpus.jsonl": line(RECORD) + DEEP_OBJECT + DEEP_ARRAY + line(OTHER)},
        ["corpus.jsonl:2: invalid JSON (nested too deeply)",
         "corpus.jsonl:3: invalid JSON (nested too deeply)"],
        {"corpus.jsonl#L1", "corpus.jsonl#L4"},
    ),
    "binary and invalid UTF-8": (
        {
            "noise.txt": _random_bytes(4096, seed=5),
            "controls.txt": bytes(c for c in range(1, 32) if c not in b"\t\n\r\f\v\x1b") * 50,
            "noise.html": _random_bytes(2048, seed=6),
            "records.jsonl": line(RECORD) + b'{"text": "Ana\xefs \xff liked it."}\n',
        },
        ["controls.txt: binary file (not text)",
         "noise.html: binary file (not text)",
         "noise.txt: binary file (not text)",
         "records.jsonl:2: invalid UTF-8 at byte 13 of the line"],
        {"records.jsonl#L1"},
    ),
    "empty files": (
        {"zero.html": b"", "zero.md": b"", "zero.jsonl": b"", "blank.txt": b" \n\t\n\r\n"},
        ["blank.txt: no text", "zero.html: empty file", "zero.jsonl: empty file",
         "zero.md: empty file"],
        set(),
    ),
    "JSON lines that are no object": (
        {"lines.jsonl": b"[1, 2]\n42\n\"a string\"\nnull\ntrue\n" + line(RECORD)},
        ["lines.jsonl:1: not a JSON object but an array",
         "lines.jsonl:2: not a JSON object but a number",
         "lines.jsonl:3: not a JSON object but a string",
         "lines.jsonl:4: not a JSON object but null",
         "lines.jsonl:5: not a JSON object but a boolean"],
        {"lines.jsonl#L6"},
    ),
    "a text field that is no text": (  # null is no text (counted apart), not a failure
        {"fields.jsonl": b"".join(line({"text": v}) for v in (7, ["a", 1], {"b": "c"}, None, True))
         + line(RECORD)},
        ["fields.jsonl:1: field 'text' is a number, not text",
         "fields.jsonl:2: field 'text' is an array, not text",
         "fields.jsonl:3: field 'text' is an object, not text",
         "fields.jsonl:5: field 'text' is a boolean, not text"],
        {"fields.jsonl#L6"},
    ),
    "NUL bytes": (
        {
            "nul.txt": GOOD.encode().replace(b"thriller", b"thri\x00ller"),
            "nul.jsonl": b'{"text": "a \x00 b"}\n'  # a NUL byte: the line fails, not the file
            + b'{"text": "Ash Reel is a 2010 film by Ines Moor. \\u0000"}\n' + line(RECORD),
        },
        ["nul.jsonl:1: NUL byte at byte 12 of the line", "nul.txt: binary file (not text)"],
        {"nul.jsonl#L2", "nul.jsonl#L3"},
    ),
    "deeply nested HTML and Markdown": (
        {
            "divs.html": b"<html><body>" + b"<div>" * 10_000
            + b"<p>Gilt Heron is a 2013 film directed by Oda Strand.</p>" + b"</div>" * 10_000,
            "tables.html": b"<html><body>" + b"<table><tr><td>" * 10_000
            + b"Rust Finch is a 2009 film." + b"</td></tr></table>" * 10_000,
            "quotes.md": b"> " * 5000 + b"Deep inside a quotation.\n",
        },
        ["quotes.md: no text in Markdown after removing markup"],  # markdown-it stops at 20
        {"divs.html", "tables.html"},
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_each_hostile_file_is_one_error_line_and_the_good_ones_are_stored(
    case: str, folder: Path, tmp_path: Path
) -> None:
    files, errors, also_stored = CASES[case]
    for name, data in files.items():
        (folder / name).write_bytes(data)
    db = tmp_path / "h.db"
    result = ingest(db, folder)
    assert result.exit_code == (1 if errors else 0), result.output
    assert error_lines(result) == [f"error: {folder.name}{os.sep}{e}" for e in errors]
    texts = stored(db, folder)
    assert set(texts) == {"good.txt", *also_stored}
    assert texts["good.txt"] == GOOD
    assert not any("\x00" in text for text in texts.values())  # no NUL is ever stored


def test_what_the_hostile_records_stored_say(folder: Path, tmp_path: Path) -> None:
    for name in ("NUL bytes", "deeply nested HTML and Markdown"):
        for file, data in CASES[name][0].items():
            (folder / file).write_bytes(data)
    db = tmp_path / "s.db"
    ingest(db, folder)
    texts = stored(db, folder)
    assert texts["nul.jsonl#L2"] == "Ash Reel is a 2010 film by Ines Moor. \ufffd"  # no NUL
    assert texts["divs.html"] == "Gilt Heron is a 2013 film directed by Oda Strand.\n"
    assert texts["tables.html"] == "- Rust Finch is a 2009 film.\n"
    with backtrace.open(db) as kb:
        assert kb.film("Gilt Heron")["facts"]["director"][0]["value"] == "Oda Strand"


def test_a_two_megabyte_line_is_stored(folder: Path, tmp_path: Path) -> None:
    """One line of 2 MB without a line end or a sentence end. (A 2 MB line of sentences
    takes about 20 s to extract today; extraction is being made linear-time.)"""
    words = "the lantern keeps glowing over the harbour and the gulls keep circling "
    huge = (words * (2_000_000 // len(words) + 1))[:2_000_000]
    (folder / "huge.txt").write_bytes(huge.encode())
    (folder / "huge.jsonl").write_bytes(line({"text": huge[:1_000_000], "title": "Long One"}))
    db = tmp_path / "huge.db"
    result = ingest(db, folder)
    assert result.exit_code == 0, result.output
    assert error_lines(result) == []
    texts = stored(db, folder)
    assert set(texts) == {"good.txt", "huge.txt", "huge.jsonl#L1"}
    assert texts["huge.txt"] == huge


def test_names_with_a_newline_or_bytes_that_are_not_utf8(folder: Path, tmp_path: Path) -> None:
    names = {
        "new\nline.txt": good_about("Pale Kite"),
        "empty\nname.txt": b"",
        os.fsdecode(b"caf\xe9.txt"): good_about("Dun Wren"),
        os.fsdecode(b"void\xff.md"): b"",
        "lines\n.jsonl": line(RECORD) + b"[]\n",
    }
    try:
        for name, data in names.items():
            (folder / name).write_bytes(data)
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system refuses such names")
    db = tmp_path / "n.db"
    result = ingest(db, folder)
    assert result.exit_code == 1, result.output
    assert error_lines(result) == [
        f"error: {folder.name}{os.sep}empty\\nname.txt: empty file",
        f"error: {folder.name}{os.sep}lines\\n.jsonl:2: not a JSON object but an array",
        f"error: {folder.name}{os.sep}void\\xff.md: empty file",
    ]
    assert set(stored(db, folder)) == {
        "good.txt", "new\\nline.txt", "caf\\xe9.txt", "lines\\n.jsonl#L1",
    }  # fmt: skip


def test_copies_that_differ_only_in_spelling_are_duplicates(folder: Path, tmp_path: Path) -> None:
    copies = {
        "crlf.txt": GOOD.replace("\n", "\r\n").encode(),
        "cr.txt": GOOD.replace("\n", "\r").encode(),
        "bom.txt": b"\xef\xbb\xbf" + GOOD.encode(),
        "utf16.txt": GOOD.replace("\n", "\r\n").encode("utf-16"),
        "a.jsonl": line(RECORD),
        # the same record: keys in another order, other spacing, \u escapes, a CRLF line end
        "b.jsonl": json.dumps(dict(reversed(RECORD.items())), indent=1).replace("\n", "")
        .encode() + b"\r\n",
    }
    for name, data in copies.items():
        (folder / name).write_bytes(data)
    db = tmp_path / "d.db"
    result = ingest(db, folder)
    assert result.exit_code == 0, result.output
    assert "7 documents read, 2 stored, 5 skipped as duplicates, 0 failed" in result.stdout
    texts = stored(db, folder)
    assert len(texts) == 2 and "a.jsonl#L1" in texts
    assert GOOD in texts.values()  # whichever copy came first, its text is the same
    again = ingest(db, folder)
    assert "7 documents read, 0 stored, 7 skipped as duplicates, 0 failed" in again.stdout


def test_a_store_that_is_no_database_is_exit_3_and_left_alone(
    folder: Path, tmp_path: Path
) -> None:
    noise = tmp_path / "noise.db"
    noise.write_bytes(_random_bytes(8192, seed=9))
    half = tmp_path / "half.db"
    half.write_bytes(b"SQLite format 3\x00" + _random_bytes(100, seed=10))
    for db in (noise, half, folder):
        before = db.read_bytes() if db.is_file() else None
        for args in (["ingest", "-q", str(folder / "good.txt")], ["films"], ["show", "X"]):
            result = run(*args, "--db", str(db))
            assert result.exit_code == 3, (args, result.output)
            assert len(result.output.strip().splitlines()) == 1, result.output
        if before is not None:
            assert db.read_bytes() == before


@pytest.mark.parametrize(
    "args",
    [
        ["show", "Quill Harbor", "--year", "99999999999999999999"],
        ["show", "Quill Harbor", "--year", "0"],
        ["reviews", "Quill Harbor", "--year", "-1"],
        ["export", "Quill Harbor", "--year", "10000"],
        ["resolve", "Quill Harbor", "director", "X", "--because", "y", "--year", "1e3"],
        ["serve", "--port", "99999999999"],
        ["ingest", "-j", "99999999999999999999", "x.txt"],
    ],
    ids=["show", "show-0", "reviews", "export", "resolve", "serve-port", "ingest-jobs"],
)
def test_integers_out_of_range_are_usage_errors(args: list[str], tmp_path: Path) -> None:
    result = run(*args, "--db", str(tmp_path / "none.db"))
    assert result.exit_code == 2, result.output
    said = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert len(said) == 1 and "Invalid value for" in said[0], result.output
    assert not (tmp_path / "none.db").exists()


def test_polarity_skips_lines_that_are_no_text(tmp_path: Path) -> None:
    mixed = tmp_path / "mixed.txt"
    mixed.write_bytes(
        b"\xef\xbb\xbfA thrilling, big-hearted adventure I loved.\n"  # after a byte-order mark
        b"\x00\x00\x01binary\n"
        b"caf\xe9 \xff\xfe\n"
        b"\x01\x02\x03\x04ab\r\n"
        b"\n"
        b"A tedious, joyless slog.\rA dull, lifeless mess.\r"  # old Mac line ends
    )
    result = run("polarity", str(mixed))
    assert result.exit_code == 0, result.output
    rows = [row.split("\t")[0] for row in result.stdout.splitlines()]
    assert rows == ["positive", "skipped", "skipped", "skipped", "empty", "negative", "negative"]
    assert result.stderr.splitlines() == [
        f"note: {mixed}:2: skipped, no text (NUL bytes)",
        f"note: {mixed}:3: skipped, no text (invalid UTF-8 at byte 3)",
        f"note: {mixed}:4: skipped, no text (mostly control characters)",
        f"note: 3 line(s) of {mixed} skipped (no text)",
    ]


def test_polarity_on_random_bytes_labels_nothing(tmp_path: Path) -> None:
    noise = tmp_path / "noise.bin"
    noise.write_bytes(_random_bytes(20_000, seed=11))
    result = run("polarity", str(noise))
    assert result.exit_code == 0, result.output
    rows = [row.split("\t")[0] for row in result.stdout.splitlines()]
    lines = noise.read_bytes().splitlines()
    assert len(rows) == len(lines)  # a row for each line, in order
    assert rows.count("skipped") > 0.95 * len(rows)
    for row, raw in zip(rows, lines, strict=True):  # what is labelled is printable text
        assert row in ("skipped", "empty") or raw.decode("utf-8").isprintable(), raw
    notes = result.stderr.splitlines()
    assert len(notes) == 21  # the first 20 lines skipped, then the count
    assert notes[-1] == f"note: {rows.count('skipped')} line(s) of {noise} skipped (no text)"


def test_serve_on_a_port_another_server_holds_is_one_line(folder: Path, tmp_path: Path) -> None:
    """The port is taken (a socket listening on it here): one line naming it, exit 1, and
    never "serving ... on" first."""
    import socket

    db = tmp_path / "s.db"
    assert ingest(db, folder / "good.txt").exit_code == 0
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        result = run("serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port))
    assert result.exit_code == 1, result.output
    assert result.output.strip() == (f"Error: cannot listen on 127.0.0.1:{port}: "
                                     "address already in use")
