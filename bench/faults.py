"""Faults: what a killed, interrupted, concurrent or served ingest leaves in the store.

    .venv/bin/python bench/faults.py [--data ../shared/data] [--limit 5000] [--trials 10]
                                     [--seed 1] [--baseline REV] [--quick]

The corpus is the first ``--limit`` records of wikipedia-movie-data's movies_dev.jsonl (text
field ``extract``), ingested with ``backtrace ingest`` in subprocesses, each into a fresh
store, and every store is compared by its content with the store of an uninterrupted run:

1. a clean run, and the same clean run again (a control: the ingest itself must give the
   same store twice, or the comparisons below measure noise);
2. kill trials (``--trials``): an ingest is killed (SIGKILL to its process group) at a point
   drawn with ``--seed``, then the same ingest is run again to completion. A point is a
   condition polled on the store read-only, not a time: "at least k documents committed"
   (k drawn uniformly from 1 to the clean run's document count - 1), or "every document
   committed" (the final phase: linking documents to their films, merging people), about a
   third of the trials. Then one trial with SIGINT (Ctrl-C: the whole process group), which
   must exit with status 130 and print no traceback (an ingest still running two minutes
   after it is reported as hung, and killed);
3. concurrent writers: the two halves of the corpus ingested at once into one store, against
   the first half then the second ingested one after the other into another; both must exit
   with status 0 and no traceback;
4. a server beside an ingest: ``backtrace serve`` on the store and a thread searching it
   (``/search.json?q=``, words of the corpus's titles) for as long as an ingest into the same
   store runs; against the clean run.

Stores are compared by content, never by row ids or counts (``snapshot``): documents, spans,
entities, aliases and where they were read, claims, facts (which value is believed) and what
supports them, reviews; entity ids become (type, name, year). A trial is equal when every
table is. Prints each comparison, then trials run, trials equal and the facts lost (facts of
the clean store missing from the trial's) per trial; with ``--baseline`` all of it runs first
with the code of the git revision REV (checked out in a temporary worktree), then with this
checkout's, and the figures are printed side by side. Defaults take about 15 minutes on two
cores (twice that with --baseline); ``--quick`` is --limit 600 --trials 2.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
SOURCE = Path("wikipedia-movie-data") / "movies_dev.jsonl"
GUARD = 1800.0  # seconds: only a guard against a hung process, far beyond any run here
POLL = 0.05  # seconds between two looks at a condition
GRACE = 120.0  # seconds a process has to exit after SIGINT before it counts as hung
FINAL_SHARE = 0.3  # of the kill trials, those killed in the final phase
EXAMPLES = 1  # rows shown of each side of a table that differs
TABLES = ("documents", "spans", "entities", "aliases", "alias_spans", "claims", "facts",
          "fact_support", "reviews")

Snapshot = dict[str, Counter[tuple[Any, ...]]]
Diff = dict[str, tuple[Counter[tuple[Any, ...]], Counter[tuple[Any, ...]]]]


# -- reading a store: read-only, plain sqlite3 -------------------------------------------

@contextmanager
def read_only(db: Path) -> Iterator[sqlite3.Connection]:
    """A connection that cannot write (no migration, no checkpoint of another's WAL)."""
    with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=60)) as conn:
        yield conn


def committed_documents(db: Path) -> int:
    """Documents another process has committed; 0 while the store or its schema is not
    there yet, or it cannot be read this moment (locked)."""
    if not db.exists():
        return 0
    try:
        with read_only(db) as conn:
            return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.Error:  # no table yet, "database is locked", a WAL being set up
        return 0


def _columns(conn: sqlite3.Connection, table: str) -> set[str]:
    return {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}  # a constant name


def _json(value: Any) -> Any:
    """A JSON column's text in one canonical spelling (keys sorted)."""
    if not isinstance(value, str):
        return value
    try:
        return json.dumps(json.loads(value), sort_keys=True, ensure_ascii=False)
    except ValueError:
        return value


def snapshot(db_path: str | Path) -> Snapshot:
    """The store's content without its ids: one multiset of rows a table (``TABLES``).

    Entity ids (which differ between two runs of one ingest) become ``(type, name, year)``,
    in every column that holds one and in value keys (``e:<id>``); documents, spans and
    claims keep theirs, which are made of the document's content (hash, offsets, position).
    Insertion order (``seq``), times and the paths of the corpus files are left out, and so
    are the tables no ingest fills with content (migrations, overrides, the search index, a
    writer's bookkeeping). A store made by an older schema reads with the missing tables
    empty and missing columns None."""
    db = Path(db_path)
    out: Snapshot = {name: Counter() for name in TABLES}
    if not db.exists():
        return out
    with read_only(db) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "documents" not in tables:
            return out
        names: dict[int, tuple[str, str, int]] = {}
        for eid, etype, name, key, year in conn.execute(
            "SELECT id, type, name, key, year FROM entities"
        ):
            names[eid] = (etype, name, year)
            out["entities"][(etype, name, key, year)] += 1

        def entity(eid: int | None) -> tuple[str, str, int] | None:
            return None if eid is None else names.get(eid, ("missing", str(eid), 0))

        def value_key(key: str | None) -> Any:
            if key and key.startswith("e:") and key[2:].isdigit():
                return ("e", entity(int(key[2:])))
            return key

        for row in conn.execute(
            "SELECT id, title, length(text), kind, film_title, film_year, film_id FROM documents"
        ):
            out["documents"][(*row[:6], entity(row[6]))] += 1
        for row in conn.execute('SELECT document_id, start, "end", text FROM spans'):
            out["spans"][row] += 1
        reason = "reason" if "reason" in _columns(conn, "aliases") else "NULL"
        for eid, alias, key, why in conn.execute(
            f"SELECT entity_id, alias, key, {reason} FROM aliases"
        ):
            out["aliases"][(entity(eid), alias, key, why)] += 1
        if "alias_spans" in tables:
            for eid, alias, doc, start, end in conn.execute(
                'SELECT a.entity_id, a.alias, a.document_id, s.start, s."end" '
                "FROM alias_spans a LEFT JOIN spans s ON s.id = a.span_id"
            ):
                out["alias_spans"][(entity(eid), alias, doc, start, end)] += 1
        for row in conn.execute(
            "SELECT c.id, c.document_id, s.start, s.\"end\", c.property, c.value, c.value_key, "
            "c.value_entity_id, c.subject_id, c.subject_mention, c.qualifiers, c.extractor, "
            "c.confidence FROM claims c LEFT JOIN spans s ON s.id = c.span_id"
        ):
            (cid, doc, start, end, prop, value, key, value_entity, subject, mention, quals,
             extractor, confidence) = row
            out["claims"][(cid, doc, start, end, entity(subject), mention, prop, _json(value),
                           value_key(key), entity(value_entity), _json(quals), extractor,
                           round(confidence, 6))] += 1
        support: dict[int, list[str]] = {}
        for fid, cid in conn.execute("SELECT fact_id, claim_id FROM fact_claims"):
            support.setdefault(fid, []).append(cid)
        for row in conn.execute(
            "SELECT id, entity_id, property, value, value_key, qualifiers, status, believed, "
            "confidence, reason, position FROM facts"
        ):
            fid, film, prop, value, key, quals, status, believed, confidence, why, pos = row
            fact = (entity(film), prop, _json(value), value_key(key), _json(quals), status,
                    bool(believed))
            out["facts"][fact] += 1
            out["fact_support"][(*fact, pos, round(confidence, 6), why,
                                 tuple(sorted(support.get(fid, ()))))] += 1
        if "reviews" in tables:
            for row in conn.execute(
                "SELECT id, document_id, position, source, critic, outlet, date, polarity, "
                "basis, probability FROM reviews"
            ):
                out["reviews"][(*row[:9], round(row[9], 6))] += 1
    return out


def compare(a: Snapshot, b: Snapshot) -> Diff:
    """Per table: (the rows only in ``a``, the rows only in ``b``), as multisets."""
    out: Diff = {}
    for table in TABLES:
        rows_a, rows_b = a.get(table, Counter()), b.get(table, Counter())
        out[table] = (rows_a - rows_b, rows_b - rows_a)
    return out


def equal(diff: Diff) -> bool:
    return all(not only_a and not only_b for only_a, only_b in diff.values())


def facts_lost(diff: Diff) -> int:
    """Facts of the first store (the clean one) that the second lacks."""
    return sum(diff["facts"][0].values())


def _short(row: tuple[Any, ...], width: int = 150) -> str:
    text = repr(row)
    return text if len(text) <= width else text[: width - 3] + "..."


def describe(diff: Diff, a: str, b: str) -> list[str]:
    """Lines saying, table by table, whether two stores agree, with a few rows that differ."""
    if equal(diff):
        return [f"    equal: all {len(diff)} tables"]
    states = []
    for table, (only_a, only_b) in diff.items():
        if not only_a and not only_b:
            states.append(f"{table} equal")
        else:
            states.append(f"{table} {sum(only_a.values())} only in {a} / "
                          f"{sum(only_b.values())} only in {b}")
    lines = textwrap.wrap("; ".join(states), 96, initial_indent="    ",
                          subsequent_indent="    ")
    for table, (only_a, only_b) in diff.items():
        if table == "fact_support" and not equal({"facts": diff["facts"]}):
            continue  # the facts' own rows say it
        for name, side in ((a, only_a), (b, only_b)):
            for row in sorted(side, key=repr)[:EXAMPLES]:
                lines.append(f"      {table} only in {name}: {_short(row)}")
    return lines


# -- running the code of one checkout ---------------------------------------------------------

@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str
    seconds: float

    @property
    def traceback(self) -> bool:
        return "Traceback" in self.stderr

    @property
    def locked(self) -> bool:
        return "database is locked" in self.stderr


@dataclass
class Started:
    proc: subprocess.Popen[bytes]
    out: Path
    err: Path
    began: float

    def finish(self) -> Run:
        """Wait for the process (the guard only against a hung one) and collect it."""
        try:
            self.proc.wait(timeout=GUARD)
        except subprocess.TimeoutExpired:
            self.signal(signal.SIGKILL)
            self.proc.wait()
            raise SystemExit(f"a process ran over {GUARD:.0f} s: {self.proc.args}") from None
        return Run(self.proc.returncode, self.out.read_text(errors="replace"),
                   self.err.read_text(errors="replace"), time.monotonic() - self.began)

    def exits(self, timeout: float) -> bool:
        """Whether the process ends within ``timeout`` seconds."""
        try:
            self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return False
        return True

    def signal(self, sig: int) -> None:
        """To the whole process group, as a terminal does (the extraction workers too)."""
        with suppress(ProcessLookupError):
            os.killpg(self.proc.pid, sig)


class Code:
    """``backtrace`` as it is under ``src``, run in fresh processes."""

    def __init__(self, label: str, src: Path, work: Path) -> None:
        self.label = label
        self.env = dict(os.environ, PYTHONPATH=str(src))
        self.work = work
        self.started = 0

    def start(self, *args: str) -> Started:
        self.started += 1
        out = self.work / f"{self.started:03}.out"
        err = self.work / f"{self.started:03}.err"
        with out.open("wb") as o, err.open("wb") as e:
            proc = subprocess.Popen([sys.executable, *args], env=self.env, stdout=o, stderr=e,
                                    start_new_session=True)
        return Started(proc, out, err, time.monotonic())

    def cli(self, *args: str) -> Started:
        return self.start("-m", "backtrace.cli", *args)

    def ingest(self, corpus: Path, db: Path) -> Started:
        return self.cli("ingest", "-q", "--db", str(db), "--text-field", "extract", str(corpus))

    def create_store(self, db: Path) -> Run:
        """An empty store with the schema (``serve`` only opens stores that exist)."""
        return self.start("-c", "import sys, backtrace; backtrace.open(sys.argv[1]).close()",
                          str(db)).finish()


def wait_for(condition: Callable[[], bool], proc: subprocess.Popen[bytes] | None,
             what: str, guard: float = GUARD) -> bool:
    """Poll ``condition`` until it holds (True) or ``proc`` has ended (False)."""
    deadline = time.monotonic() + guard
    while not condition():
        if proc is not None and proc.poll() is not None:
            return False
        if time.monotonic() > deadline:
            raise SystemExit(f"waited {guard:.0f} s for {what}")
        time.sleep(POLL)
    return True


# -- the faults ---------------------------------------------------------------------------

@dataclass
class KillPoint:
    final: bool  # every document committed: the final phase (linking, merging people)
    share: float  # otherwise: this share of the clean run's documents committed

    def documents(self, total: int) -> int:
        return total if self.final else 1 + int(self.share * max(total - 1, 0))

    def describe(self, total: int) -> str:
        if self.final:
            return f"in the final phase (all {total} documents committed)"
        return f"after >= {self.documents(total)} of {total} documents committed"


@dataclass
class Trial:
    label: str
    left: int | None  # documents committed when the signalled ingest ended; None: it ended
    # before the point was reached or the signal sent
    hung: bool  # no exit within GRACE seconds of the signal (then killed)
    signalled: Run
    resumed: Run
    diff: Diff

    @property
    def equal(self) -> bool:
        return equal(self.diff)

    @property
    def lost(self) -> int:
        return facts_lost(self.diff)


@dataclass
class Results:
    label: str
    documents: int = 0
    facts: int = 0
    clean_seconds: float = 0.0
    control: Diff = field(default_factory=dict)
    trials: list[Trial] = field(default_factory=list)
    sigint: Trial | None = None
    concurrent: tuple[Run, Run] | None = None
    sequential: tuple[Run, Run] | None = None
    concurrent_diff: Diff = field(default_factory=dict)
    serve_ingest: Run | None = None
    server: Run | None = None
    server_hung: bool = False  # the server did not stop on Ctrl-C
    searches: Counter[int] = field(default_factory=Counter)
    serve_diff: Diff = field(default_factory=dict)
    seconds: float = 0.0


def _status(run: Run) -> str:
    notes = [f"exit {run.exit_code}"]
    if run.locked:
        notes.append('"database is locked"')
    if run.traceback:
        notes.append("traceback")
    return ", ".join(notes)


def _trial_status(trial: Trial) -> str:
    if trial.hung:
        return f"HUNG (no exit {GRACE:.0f} s after the signal; killed)"
    return _status(trial.signalled)


def signal_trial(code: Code, corpus: Path, db: Path, point: KillPoint, total: int,
                 clean: Snapshot, sig: int) -> Trial:
    """Start the ingest, send ``sig`` once the store reaches ``point``, run it again to
    completion, compare with the clean store."""
    target = point.documents(total)
    started = code.ingest(corpus, db)
    reached = wait_for(lambda: committed_documents(db) >= target, started.proc,
                       f"{target} documents committed")
    sent = reached and started.proc.poll() is None
    hung = False
    if sent:
        started.signal(sig)
        hung = not started.exits(GRACE)
        if hung:
            started.signal(signal.SIGKILL)
    signalled = started.finish()
    left = committed_documents(db) if sent else None
    resumed = code.ingest(corpus, db).finish()
    name = "kill -9" if sig == signal.SIGKILL else "SIGINT"
    return Trial(f"{name} {point.describe(total)}", left, hung, signalled, resumed,
                 compare(clean, snapshot(db)))


def _print_trial(n: str, trial: Trial, work: Path) -> None:
    when = (f"{trial.left} left committed" if trial.left is not None
            else "the ingest ended first")
    verdict = "equal" if trial.equal else f"differs, {trial.lost} facts lost"
    print(f"  {n}: {trial.label}: {when}, {_trial_status(trial)}; run again: "
          f"{_status(trial.resumed)}; {verdict}")
    for run in (trial.signalled, trial.resumed):
        if run.traceback or run.exit_code not in (0, 130, -signal.SIGKILL):
            print(f"    stderr: {_last_line(run.stderr, work)}")
    if not trial.equal:
        print("\n".join(describe(trial.diff, "clean", "trial")))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> int:
    """The status of a GET (0: no answer)."""
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            response.read()
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return exc.code
    except (urllib.error.URLError, OSError):
        return 0


class Searcher(threading.Thread):
    """Searches the server, one query after another, until told to stop."""

    def __init__(self, base: str, words: list[str]) -> None:
        super().__init__(daemon=True)
        self.base, self.words = base, words
        self.stop = threading.Event()
        self.statuses: Counter[int] = Counter()

    def run(self) -> None:
        i = 0
        while not self.stop.is_set():
            query = urlencode({"q": self.words[i % len(self.words)]})
            self.statuses[_get(f"{self.base}/search.json?{query}")] += 1
            i += 1


def serve_beside_ingest(code: Code, corpus: Path, db: Path, words: list[str],
                        results: Results) -> None:
    made = code.create_store(db)
    if made.exit_code != 0:
        raise SystemExit(f"could not create a store: {_last_line(made.stderr, code.work)}")
    port = free_port()
    server = code.cli("serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port))
    base = f"http://127.0.0.1:{port}"
    if not wait_for(lambda: _get(f"{base}/index.json") == 200, server.proc, "the server", 300):
        run = server.finish()
        raise SystemExit(f"the server exited with {run.exit_code}: "
                         f"{_last_line(run.stderr, code.work)}")
    searcher = Searcher(base, words)
    searcher.start()
    try:
        results.serve_ingest = code.ingest(corpus, db).finish()
    finally:
        searcher.stop.set()
        searcher.join()
        server.signal(signal.SIGINT)  # Ctrl-C, as its help says
        results.server_hung = not server.exits(GRACE)
        if results.server_hung:
            server.signal(signal.SIGKILL)
        results.server = server.finish()
    results.searches = searcher.statuses


def _last_line(stderr: str, work: Path) -> str:
    """What went wrong, in one line: the exception ending the first traceback (and whose it
    is when a pool worker's), else the last line; the temporary folder as ``<tmp>``."""
    lines = [line for line in stderr.splitlines() if line.strip()]
    said = lines[-1] if lines else "(nothing on stderr)"
    if "Traceback (most recent call last):" in lines:
        start = lines.index("Traceback (most recent call last):")
        said = next((line for line in lines[start + 1:] if not line.startswith(" ")), said)
        if start and lines[start - 1].startswith("Process "):
            said = f"{lines[start - 1]} {said}"
    return said.replace(str(work.parent), "<tmp>").replace(str(ROOT), ".")


def search_words(corpus: Path, rng: random.Random, n: int = 40) -> list[str]:
    """Words of the corpus's titles, whole and as three-letter prefixes."""
    found: dict[str, None] = {}
    with corpus.open(encoding="utf-8") as lines:
        for line in lines:
            for word in re.findall(r"[^\W\d_]{4,}", json.loads(line).get("title") or ""):
                found[word.lower()] = None
    words = rng.sample(sorted(found), min(n, len(found))) or ["film"]
    return [w if i % 2 else w[:3] for i, w in enumerate(words)]


def run_all(code: Code, corpora: dict[str, Path], points: list[KillPoint], sigint: KillPoint,
            words: list[str]) -> Results:
    """Every fault with the code of one checkout; prints as it goes."""
    began = time.monotonic()
    results = Results(code.label)
    work = code.work
    print(f"== {code.label} ==", flush=True)
    corpus = corpora["all"]
    clean_db = work / "clean.db"
    run = code.ingest(corpus, clean_db).finish()
    clean = snapshot(clean_db)
    results.documents = sum(clean["documents"].values())
    results.facts = sum(clean["facts"].values())
    results.clean_seconds = run.seconds
    print(f"  clean run: {results.documents:,} documents, {sum(clean['claims'].values()):,} "
          f"claims, {results.facts:,} facts in {run.seconds:.1f} s ({_status(run)})", flush=True)
    if run.exit_code != 0 or not results.documents:
        raise SystemExit(f"the clean run failed: {_last_line(run.stderr, work)}")
    again = work / "again.db"
    run = code.ingest(corpus, again).finish()
    results.control = compare(clean, snapshot(again))
    print(f"  clean run again ({_status(run)}): "
          f"{'equal' if equal(results.control) else 'DIFFERS: the ingest is not deterministic'}")
    if not equal(results.control):
        print("\n".join(describe(results.control, "clean", "again")))
    _remove(again)

    for i, point in enumerate(points, 1):
        db = work / f"trial{i}.db"
        trial = signal_trial(code, corpus, db, point, results.documents, clean, signal.SIGKILL)
        results.trials.append(trial)
        _print_trial(f"trial {i}/{len(points)}", trial, work)
        sys.stdout.flush()
        _remove(db)
    db = work / "sigint.db"
    results.sigint = signal_trial(code, corpus, db, sigint, results.documents, clean,
                                  signal.SIGINT)
    _print_trial("Ctrl-C trial", results.sigint, work)
    _remove(db)

    together, apart = work / "together.db", work / "apart.db"
    first = code.ingest(corpora["first"], together)
    second = code.ingest(corpora["second"], together)
    results.concurrent = (first.finish(), second.finish())
    results.sequential = (code.ingest(corpora["first"], apart).finish(),
                          code.ingest(corpora["second"], apart).finish())
    results.concurrent_diff = compare(snapshot(apart), snapshot(together))
    print(f"  concurrent writers: halves at once ({_status(results.concurrent[0])}; "
          f"{_status(results.concurrent[1])}) against one after the other "
          f"({_status(results.sequential[0])}; {_status(results.sequential[1])}): "
          f"{_verdict(results.concurrent_diff)}")
    for run in results.concurrent:
        if run.exit_code != 0 or run.traceback:
            print(f"    stderr: {_last_line(run.stderr, work)}")
    if not equal(results.concurrent_diff):
        print("\n".join(describe(results.concurrent_diff, "sequential", "concurrent")))
    _remove(together)
    _remove(apart)
    sys.stdout.flush()

    db = work / "served.db"
    serve_beside_ingest(code, corpus, db, words, results)
    results.serve_diff = compare(clean, snapshot(db))
    assert results.serve_ingest is not None and results.server is not None
    print(f"  server beside an ingest: ingest {_status(results.serve_ingest)}; "
          f"{_searches(results.searches)}; server {_status(results.server)}: "
          f"{_verdict(results.serve_diff)}")
    if results.serve_ingest.exit_code != 0 or results.serve_ingest.traceback:
        print(f"    ingest stderr: {_last_line(results.serve_ingest.stderr, work)}")
    if results.server.traceback:
        print(f"    server stderr: {_last_line(results.server.stderr, work)}")
    if results.server_hung:
        print(f"    the server did not stop within {GRACE:.0f} s of Ctrl-C (killed)")
    if not equal(results.serve_diff):
        print("\n".join(describe(results.serve_diff, "clean", "served")))
    _remove(db)
    _remove(clean_db)
    results.seconds = time.monotonic() - began
    print(f"  ({results.seconds:.0f} s)", flush=True)
    return results


def _verdict(diff: Diff) -> str:
    return "equal" if equal(diff) else f"differs, {facts_lost(diff)} facts lost"


def _searches(statuses: Counter[int]) -> str:
    failed = sum(n for status, n in statuses.items() if status != 200)
    return f"{sum(statuses.values())} searches, {failed} not answered 200"


def _ok(ok: bool) -> str:
    """Whether a run ended as it must: Ctrl-C with 130, the others with 0; no traceback."""
    return "ok" if ok else "FAIL"


def _remove(db: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)


def summary(results: list[Results]) -> list[tuple[str, list[str]]]:
    rows: list[tuple[str, list[str]]] = []

    def row(name: str, cell: Callable[[Results], str]) -> None:
        rows.append((name, [cell(r) for r in results]))

    row("clean run", lambda r: f"{r.documents:,} documents, {r.facts:,} facts, "
        f"{r.clean_seconds:.0f} s")
    row("clean run again", lambda r: "equal" if equal(r.control) else "differs")
    row("trials run", lambda r: str(len(r.trials)))
    row("trials equal", lambda r: str(sum(t.equal for t in r.trials)))
    row("facts lost per trial", lambda r: " ".join(str(t.lost) for t in r.trials))

    def ctrl_c(r: Results) -> str:
        t = r.sigint
        assert t is not None
        ok = t.signalled.exit_code == 130 and not t.signalled.traceback and not t.hung
        return f"{_ok(ok)} ({_trial_status(t)}); {_verdict(t.diff)}"

    row("Ctrl-C trial", ctrl_c)

    def concurrent(r: Results) -> str:
        assert r.concurrent is not None
        ok = all(run.exit_code == 0 and not run.traceback for run in r.concurrent)
        runs = "; ".join(_status(run) for run in r.concurrent)
        return f"{_ok(ok)} ({runs}); {_verdict(r.concurrent_diff)}"

    row("concurrent writers", concurrent)

    def served(r: Results) -> str:
        run = r.serve_ingest
        assert run is not None
        ok = run.exit_code == 0 and not run.traceback
        return f"{_ok(ok)} ({_status(run)}); {_searches(r.searches)}; {_verdict(r.serve_diff)}"

    row("server beside an ingest", served)
    row("time", lambda r: f"{r.seconds:.0f} s")
    return rows


def print_summary(results: list[Results]) -> None:
    rows = summary(results)
    first = max(len(name) for name, _ in rows)
    widths = [max(len(r.label), *(len(cells[i]) for _, cells in rows))
              for i, r in enumerate(results)]
    print("summary:")
    head = "".join(f"  {r.label:<{w}}" for r, w in zip(results, widths, strict=True))
    print(("  " + " " * first + head).rstrip())
    for name, cells in rows:
        line = "".join(f"  {c:<{w}}" for c, w in zip(cells, widths, strict=True))
        print(f"  {name:<{first}}{line}".rstrip())


def write_corpora(source: Path, limit: int, folder: Path) -> dict[str, Path]:
    """The first ``limit`` records, and their two halves."""
    with source.open("rb") as src:
        lines = [line for _, line in zip(range(limit), src, strict=False)]
    half = (len(lines) + 1) // 2
    corpora = {"all": folder / "movies_head.jsonl", "first": folder / "movies_half1.jsonl",
               "second": folder / "movies_half2.jsonl"}
    for name, part in (("all", lines), ("first", lines[:half]), ("second", lines[half:])):
        corpora[name].write_bytes(b"".join(part))
    return corpora


def kill_points(trials: int, rng: random.Random) -> tuple[list[KillPoint], KillPoint]:
    """The kill trials' points (about ``FINAL_SHARE`` of them in the final phase, at least
    one when there are two trials or more), and the Ctrl-C trial's."""
    finals = max(1, round(trials * FINAL_SHARE)) if trials >= 2 else 0
    kinds = [True] * finals + [False] * (trials - finals)
    rng.shuffle(kinds)
    points = [KillPoint(final, rng.random()) for final in kinds]
    return points, KillPoint(False, rng.random())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--limit", type=int, default=5000, help="the first N records (default 5000)")
    ap.add_argument("--trials", type=int, default=10, help="kill trials (default 10)")
    ap.add_argument("--seed", type=int, default=1, help="draws the kill points (default 1)")
    ap.add_argument("--baseline", metavar="REV", help="also run the code of this git revision")
    ap.add_argument("--quick", action="store_true", help="--limit 600 --trials 2")
    args = ap.parse_args()
    if args.quick:
        args.limit, args.trials = 600, 2
    if args.limit < 2 or args.trials < 0:
        ap.error("--limit must be at least 2 and --trials at least 0")

    source = Path(args.data) / SOURCE
    if not source.exists():
        print(f"skipped: {source} not found", file=sys.stderr)
        return 0
    rng = random.Random(args.seed)
    points, sigint = kill_points(args.trials, rng)
    with tempfile.TemporaryDirectory(prefix="faults-") as tmp:
        folder = Path(tmp)
        corpora = write_corpora(source, args.limit, folder)
        words = search_words(corpora["all"], rng)
        print(f"corpus: {SOURCE.as_posix()} (first {args.limit} records; halves of "
              f"{(args.limit + 1) // 2} and {args.limit // 2}); {args.trials} kill trials, "
              f"seed {args.seed}")
        results = []
        if args.baseline:
            tree = folder / "baseline"
            subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q",
                            str(tree), args.baseline], check=True)
            try:
                work = folder / "work-baseline"
                work.mkdir()
                code = Code(f"baseline {args.baseline}", tree / "src", work)
                results.append(run_all(code, corpora, points, sigint, words))
            finally:
                subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force",
                                str(tree)], check=False)
        work = folder / "work"
        work.mkdir()
        results.append(run_all(Code("this checkout", ROOT / "src", work), corpora, points,
                               sigint, words))
        print_summary(results)
    options = " --quick" if args.quick else ""
    if not args.quick and args.limit != 5000:
        options += f" --limit {args.limit}"
    if not args.quick and args.trials != 10:
        options += f" --trials {args.trials}"
    if args.seed != 1:
        options += f" --seed {args.seed}"
    if args.baseline:
        options += f" --baseline {args.baseline}"
    print(f"reproduce: .venv/bin/python bench/faults.py{options}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
