"""Start-up and name look-ups: how long a command that reads takes, and a look-up by name.

    .venv/bin/python bench/scale.py                      # this checkout alone
    .venv/bin/python bench/scale.py --baseline 12549e1   # and a git revision, side by side
    .venv/bin/python bench/scale.py --dev                # also on movies_dev.jsonl (~27k films)
                                    [--repeat 7] [--data ../shared/data] [--dev-db PATH]

Each command runs in a fresh interpreter (``python -c "from backtrace.cli import main;
main()"``, what the ``backtrace`` script runs), ``--repeat`` times, and the median wall time
is printed: ``--version``, ``--help``, ``show TITLE``, and ``person`` by the exact name, by
an alias (a name stored for that person that folds to another key; the name in another case
when the store has none) and by a misspelling (two letters swapped: no such person, exit
1). Then the look-ups themselves in one process (``queries.find_films`` and
``queries.find_entities``, median of 25 calls after a first one), with SQLite's plan for
the person look-up.

The store is examples/corpus, ingested into a temporary folder; with ``--dev`` also the
``extract`` texts of wikipedia-movie-data/movies_dev.jsonl (about two minutes to ingest, or
more on a busy machine), kept at ``--dev-db`` (default: a file in the temporary folder named
after the source's size) and reused on later runs. With ``--baseline`` every measure runs
with the code of the git revision REV too (checked out in a temporary worktree, on
PYTHONPATH ahead of this checkout), on the same stores, alternating with this checkout's
runs so that both see the same load; both are printed side by side.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CLI = "from backtrace.cli import main; main(prog_name='backtrace')"
CALLS = 25  # of each look-up, in process


def lookups(db: str, title: str, names: dict[str, str]) -> dict[str, Any]:
    """Median milliseconds of each look-up on ``db`` with whatever ``backtrace`` imports
    here, and the plan of the person look-up by the exact name."""
    import backtrace
    from backtrace.store import queries

    runs = {f"find_films({title!r})": lambda c: queries.find_films(c, title)}
    for how, name in names.items():
        runs[f"find_entities({name!r}) ({how})"] = (
            lambda c, name=name: queries.find_entities(c, name, ("person",)))
    out: dict[str, Any] = {}
    with backtrace.open(db) as kb, kb.store.read() as conn:
        for label, run in runs.items():
            run(conn)  # compiled and cached once
            times = []
            for _ in range(CALLS):
                start = time.perf_counter()
                run(conn)
                times.append(time.perf_counter() - start)
            out[label] = round(1000 * statistics.median(times), 2)
        out["plan"] = _plan(kb, lambda: queries.find_entities(conn, names["exact"], ("person",)))
    return out


def _plan(kb: Any, run: Any) -> list[str]:
    """SQLite's plan of each SELECT ``run`` makes, a step a line."""
    from sqlalchemy import event

    seen: list[tuple[str, Any]] = []

    def keep(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        seen.append((statement, parameters))

    event.listen(kb.store.engine, "before_cursor_execute", keep)
    try:
        run()
    finally:
        event.remove(kb.store.engine, "before_cursor_execute", keep)
    with kb.store.read() as conn:
        return [row[-1] for sql, params in seen
                for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", params)]


def _env(src: Path) -> dict[str, str]:
    return dict(os.environ, PYTHONPATH=str(src), BACKTRACE_DEBUG="")


def wall(src: Path, args: list[str]) -> tuple[float, float, int]:
    """Seconds ``backtrace ARGS`` takes with the code under ``src`` (wall, and CPU: user and
    system, which other work on a busy machine inflates less), and its exit status."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", CLI, *args], env=_env(src),
                          capture_output=True, check=False)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return seconds, cpu, done.returncode


def _lookups_in(src: Path, db: str, title: str, names: dict[str, str]) -> dict[str, Any]:
    """``lookups`` in a fresh Python whose ``backtrace`` is the one under ``src``."""
    out = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--lookups", db,
         json.dumps({"title": title, "names": names})],
        env=_env(src), capture_output=True, text=True, check=False)
    if out.returncode:
        return {"error": (out.stderr.strip().splitlines() or ["failed"])[-1]}
    return json.loads(out.stdout.strip().splitlines()[-1])


def subjects(db: str) -> tuple[str, dict[str, str]]:
    """A film title (of the film with the most documents) and the names to look a person
    up by: exact, alias, misspelt (see the module's docstring)."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        (title,) = conn.execute(
            "SELECT e.name FROM entities e JOIN documents d ON d.film_id = e.id "
            "WHERE e.type = 'film' GROUP BY e.id ORDER BY count(*) DESC, e.id LIMIT 1"
        ).fetchone()
        row = conn.execute(
            "SELECT e.name, a.alias FROM aliases a JOIN entities e ON e.id = a.entity_id "
            "WHERE e.type = 'person' AND a.key != e.key AND a.key NOT IN "
            "(SELECT key FROM entities WHERE type = 'person') ORDER BY e.id LIMIT 1").fetchone()
        if row is None:  # no alias folds apart: the name in another case
            (name,) = conn.execute("SELECT name FROM entities WHERE type = 'person' "
                                   "ORDER BY id LIMIT 1").fetchone()
            row = (name, name.swapcase())
    finally:
        conn.close()
    name, alias = row
    last = name.split()[-1]
    wrong = last[:1] + last[2:3] + last[1:2] + last[3:] if len(last) > 3 else last + "x"
    return title, {"exact": name, "alias": alias, "misspelt": f"{name[:-len(last)]}{wrong}"}


def compare(label: str, db: str, trees: dict[str, Path], repeat: int) -> None:
    """Every measure on ``db`` for each revision in ``trees``, printed side by side."""
    title, names = subjects(db)
    commands = {
        "--version": ["--version"],
        "--help": ["--help"],
        f"show {title!r}": ["show", title, "--db", db],
        **{f"person {n!r} ({how})": ["person", n, "--db", db] for how, n in names.items()},
    }
    found = {name: _lookups_in(src, db, title, names) for name, src in trees.items()}
    looked = list(dict.fromkeys(k for f in found.values() for k in f if k not in ("plan", "error")))
    width = max(len(c) for c in [*commands, *looked]) + 2
    print(f"store: {label}")
    print(f"{f'backtrace ... (median of {repeat})':{width}}"
          + "".join(f"{name:>34}" for name in trees))
    for shown, args in commands.items():
        runs: dict[str, list[tuple[float, float, int]]] = {name: [] for name in trees}
        for _ in range(repeat):  # the revisions by turns: both see the same load
            for name, src in trees.items():
                runs[name].append(wall(src, args))
        cells = []
        for name in trees:
            seconds, cpu, codes = zip(*runs[name], strict=True)
            cells.append(f"{1000 * statistics.median(seconds):.0f} ms wall, "
                         f"{1000 * statistics.median(cpu):.0f} ms CPU"
                         + (f" (exit {max(codes)})" if max(codes) else ""))
        print(f"{shown:{width}}" + "".join(f"{c:>34}" for c in cells))
    print(f"{f'look-up in one process (median of {CALLS})':{width}}")
    for key in looked:
        cells = [f"{found[n][key]:.2f} ms" if key in found[n] else "n/a" for n in trees]
        print(f"{key:{width}}" + "".join(f"{c:>34}" for c in cells))
    for name, f in found.items():
        if "error" in f:
            print(f"  {name}: {f['error']}")
        else:
            print(f"  plan of the person look-up, {name}: " + " | ".join(f["plan"]))


def small_store(folder: Path) -> str:
    import backtrace

    db = folder / "corpus.db"
    with backtrace.open(db) as kb:
        kb.ingest([ROOT / "examples" / "corpus"])
    return str(db)


def dev_store(source: Path, db: Path | None) -> str:
    import backtrace

    db = db or Path(tempfile.gettempdir()) / f"backtrace-scale-{source.stat().st_size}.db"
    with backtrace.open(db) as kb:
        if kb.counts()["films"] >= 10_000:
            print(f"reusing the store of {source.name}: {kb.counts()['films']:,} films")
            return str(db)
        print(f"ingesting {source.name} (about two minutes) ...", flush=True)
        start = time.perf_counter()
        kb.ingest([source], text_field="extract")
        print(f"ingested in {time.perf_counter() - start:.0f} s: {kb.counts()['films']:,} films")
    return str(db)


def main() -> int:
    if len(sys.argv) == 4 and sys.argv[1] == "--lookups":  # the child of compare
        what = json.loads(sys.argv[3])
        print(json.dumps(lookups(sys.argv[2], what["title"], what["names"])))
        return 0
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--baseline", metavar="REV", help="also run the code of this git revision")
    ap.add_argument("--repeat", type=int, default=7, help="runs of each command (median)")
    ap.add_argument("--dev", action="store_true", help="also on movies_dev.jsonl (~27k films)")
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--dev-db", type=Path, default=None, help="where the --dev store is kept")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        trees: dict[str, Path] = {}
        if args.baseline:
            tree = Path(tmp) / "baseline"
            subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q",
                            str(tree), args.baseline], check=True)
            trees[f"baseline {args.baseline}"] = tree / "src"
        trees["this checkout"] = ROOT / "src"
        try:
            compare("examples/corpus", small_store(Path(tmp)), trees, args.repeat)
            source = Path(args.data) / "wikipedia-movie-data" / "movies_dev.jsonl"
            if args.dev and not source.exists():
                print(f"\nskipped --dev: {source.name} not found", file=sys.stderr)
            elif args.dev:
                print()
                compare(f"wikipedia-movie-data/{source.name}", dev_store(source, args.dev_db),
                        trees, args.repeat)
        finally:
            if args.baseline:
                subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force",
                                str(Path(tmp) / "baseline")], check=False)
    flags = [f"--baseline {args.baseline}" if args.baseline else "",
             "--dev" if args.dev else "", f"--repeat {args.repeat}" if args.repeat != 7 else ""]
    print(f"\nreproduce: .venv/bin/python bench/scale.py {' '.join(f for f in flags if f)}"
          .rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
