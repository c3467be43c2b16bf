"""Bad input through the CLI: one clear line per bad file, no traceback, the rest stored."""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select, text

import backtrace
from backtrace.cli import main
from backtrace.extract import extract
from backtrace.read import read_path
from backtrace.store.schema import claims, documents

GOOD = """= Tin Lantern (film) =

Tin Lantern
- Director: Mara Quint
- Runtime: 88 minutes

Tin Lantern is a 2015 American comedy film directed by Mara Quint.
"""


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (folder / "cut.txt").write_bytes(b"A review of Tin Lantern, caf" + "é".encode()[:1])
    (folder / "broken.html").write_text("<html><body><div><p>", encoding="utf-8")
    huge = folder / "huge.txt"
    with huge.open("wb") as fh:  # sparse: 51 MB on paper, nothing written
        fh.truncate(51 * 1024 * 1024)
    (folder / "hostile.html").write_text(
        "<html><body><article><h1>Tin Lantern</h1><script>alert(1)</script>"
        "<p onmouseover='steal()'>Tin Lantern is a 2015 American comedy film directed by "
        "Mara Quint.</p><a href='javascript:alert(2)'>more</a></article></body></html>",
        encoding="utf-8",
    )
    return folder


def test_a_batch_with_bad_files_stores_the_good_ones(batch, tmp_path):
    db = tmp_path / "b.db"
    result = CliRunner().invoke(main, ["ingest", "--db", str(db), str(batch)])
    out = result.output
    assert result.exit_code == 1, out
    assert "Traceback" not in out
    errors = [line for line in out.splitlines() if line.startswith("error: ")]
    named = {Path(line.split(": ")[1]).name for line in errors}
    assert named == {"empty.txt", "image.png", "cut.txt", "broken.html", "huge.txt"}, errors
    assert all(len(line) < 200 for line in errors)
    with backtrace.open(db) as kb:
        with kb.store.read() as conn:
            paths = {Path(p).name for p in conn.execute(select(documents.c.path)).scalars()}
            stored_text = " ".join(conn.execute(select(documents.c.text)).scalars())
        assert paths == {"good.txt", "hostile.html"}
        assert "alert(1)" not in stored_text and "steal()" not in stored_text
        assert "javascript:" not in stored_text
        assert kb.film("Tin Lantern")["facts"]["director"][0]["value"] == "Mara Quint"


def test_bad_files_do_not_disturb_what_is_already_stored(batch, tmp_path, mini_corpus):
    db = tmp_path / "keep.db"
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", "--db", str(db), str(mini_corpus)]).exit_code == 0
    with backtrace.open(db) as kb:
        before = kb.film("Paper Comet")
    runner.invoke(main, ["ingest", "--db", str(db), str(batch)])
    with backtrace.open(db) as kb:
        assert kb.film("Paper Comet") == before


def test_unreadable_folder_is_one_line(tmp_path, monkeypatch):
    folder = tmp_path / "locked"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    real = os.scandir

    def denied(path="."):
        if Path(path) == folder:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", denied)
    result = CliRunner().invoke(main, ["ingest", "--db", str(tmp_path / "u.db"), str(folder)])
    assert result.exit_code == 1
    assert "locked" in result.output and "ermission" in result.output
    assert "Traceback" not in result.output


def _committed_documents(db: Path) -> int:
    """Documents another process has committed, read without writing (no migration)."""
    if not db.exists():
        return 0
    try:
        with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=60)) as conn:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.OperationalError:  # the schema is not created yet
        return 0


@pytest.mark.slow
def test_killed_ingest_leaves_a_consistent_database(tmp_path):
    """SIGKILL in the middle of a large ingest: every stored document has all its claims."""
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(3000):
        body = GOOD.replace("Tin Lantern", f"Tin Lantern {i}").replace("Mara Quint", f"Mara Q{i}")
        (folder / f"doc{i:04}.txt").write_text(body, encoding="utf-8")
    db = tmp_path / "k.db"
    proc = subprocess.Popen(
        [sys.executable, "-m", "backtrace.cli", "ingest", "-q", "--db", str(db), str(folder)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    # Wait on a condition, not a time: 200 documents committed, or the ingest ended. The only
    # clock is a guard against a hung ingest, far beyond any busy machine's start-up.
    guard = time.monotonic() + 1800
    while proc.poll() is None and _committed_documents(db) < 200:
        assert time.monotonic() < guard, "the ingest committed nothing in 30 minutes"
        time.sleep(0.1)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with backtrace.open(db) as kb, kb.store.read() as conn:
        assert conn.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"
        paths = dict(conn.execute(select(documents.c.id, documents.c.path)).all())
        per_doc = dict(
            conn.execute(
                select(claims.c.document_id, func.count()).group_by(claims.c.document_id)
            ).all()
        )
    assert paths, f"the ingest stored nothing (exit status {proc.returncode})"
    for doc_id, path in paths.items():  # each stored document has all of its claims
        (doc,) = read_path(tmp_path / path)  # stored under the folder's name
        assert per_doc.get(doc_id, 0) == len(extract(doc).claims), path
    # and the run can simply be resumed
    with backtrace.open(db) as kb:
        report = kb.ingest([folder])
        assert report.stored + report.duplicates == 3000 and not report.failed


def test_a_link_out_of_the_folder_is_a_note_and_nothing_of_it_is_stored(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "private.txt").write_text("Nothing here is about a film.", encoding="utf-8")
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "elsewhere").symlink_to(outside, target_is_directory=True)
    os.mkfifo(folder / "pipe.txt")
    db = str(tmp_path / "l.db")
    result = CliRunner().invoke(main, ["ingest", "-q", "--db", db, str(folder)])
    assert result.exit_code == 0, result.output  # notes are no failures
    notes = [line for line in result.output.splitlines() if line.startswith("note: ")]
    assert len(notes) == 2 and "Traceback" not in result.output
    assert "1 stored" in result.output and "2 skipped (not regular files or links out)" in (
        result.output)
    result = CliRunner().invoke(main, ["ingest", "-q", "--follow-links", "--db", db, str(folder)])
    assert "1 stored" in result.output  # the linked folder's file, now followed


def test_export_to_a_place_it_cannot_write_is_one_line(tmp_path, mini_corpus):
    db = str(tmp_path / "e.db")
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", "-q", "--db", db, str(mini_corpus)]).exit_code == 0
    a_file = tmp_path / "taken.txt"
    a_file.write_text("keep me", encoding="utf-8")
    cases = [
        (["--format", "jsonl", "-o", str(tmp_path)], "is a folder"),
        (["--format", "jsonl", "-o", str(tmp_path / "no" / "such" / "x.jsonl")],
         "does not exist (--parents makes it)"),
        (["--format", "csv", "-o", str(a_file)], "is a file; this export writes a folder"),
        (["--format", "article", "-o", str(tmp_path / "gone" / "articles")],
         "does not exist (--parents makes it)"),
    ]
    for args, said in cases:
        result = runner.invoke(main, ["export", "--db", db, *args])
        assert result.exit_code == 1, args
        assert said in result.output and "Traceback" not in result.output, result.output
        assert len(result.output.strip().splitlines()) == 1
    assert a_file.read_text(encoding="utf-8") == "keep me"
    assert not (tmp_path / "no").exists() and not (tmp_path / "gone").exists()
    deep = tmp_path / "made" / "here" / "films.jsonl"
    result = runner.invoke(main, ["export", "--db", db, "--format", "jsonl", "-o", str(deep),
                                  "--parents"])
    assert result.exit_code == 0 and deep.read_text(encoding="utf-8").count("\n") == 1


def test_a_ctrl_c_whose_exception_was_lost_still_stops_the_ingest(tmp_path, monkeypatch):
    """Python drops an exception raised inside a finalizer, and a signal can land there:
    the ingest notes the Ctrl-C itself and stops at the next chunk."""
    import backtrace.ingest as ingest_module

    corpus = Path(__file__).resolve().parents[1] / "examples" / "corpus"
    real = ingest_module._write_chunk
    chunks = []

    def write_then_lose_a_ctrl_c(*args, **kwargs):
        real(*args, **kwargs)
        chunks.append(1)
        if len(chunks) == 1:
            with contextlib.suppress(KeyboardInterrupt):  # lost, as in a finalizer
                os.kill(os.getpid(), signal.SIGINT)  # delivered here, on this thread

    monkeypatch.setattr(ingest_module, "CHUNK", 2)
    monkeypatch.setattr(ingest_module, "_write_chunk", write_then_lose_a_ctrl_c)
    with backtrace.open(tmp_path / "c.db") as kb:
        report = kb.ingest([corpus], workers=1)
    assert report.interrupted and len(chunks) == 1 and report.stored == 2
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # put back
