"""Start-up and name look-ups: how long a command that reads takes, and a look-up by name.

    .venv/bin/python bench/scale.py                      # this checkout alone
    .venv/bin/python bench/scale.py --baseline 12549e1   # and a git revision, side by side
    .venv/bin/python bench/scale.py --dev                # also on movies_dev.jsonl (~27k films)
    .venv/bin/python bench/scale.py --store /tmp/synthetic-1000000.db --budget 120
                                    [--repeat 7] [--data ../shared/data] [--dev-db PATH]

Each command runs in a fresh interpreter (``python -c "from backtrace.cli import main;
main()"``, what the ``backtrace`` script runs), ``--repeat`` times, and the median wall time
is printed: ``--version``, ``--help``, ``show TITLE``, and ``person`` by the exact name, by
an alias (a name stored for that person that folds to another key; the name in another case
when the store has none) and by a misspelling (two letters swapped: no such person, exit
1). Then the look-ups themselves in one process (``queries.find_films`` and
``queries.find_entities``, median of 25 calls after a first one), with SQLite's plan for
the person look-up, and searches as the web pages make them (``Finder.search``: a common
word, and the misspelt name, which the index misses and the typo-tolerant names find), in
milliseconds of CPU. With ``--budget S``, the commands that read every film (``films
--json``, ``conflicts``, ``export --format csv`` and ``jsonl``) run once each: wall and CPU
time, peak resident memory and films per second, each stopped after S seconds (then the
films per second are those of the films written so far, and the time is marked ">").

The store is examples/corpus, ingested into a temporary folder; with ``--dev`` also the
``extract`` texts of wikipedia-movie-data/movies_dev.jsonl (about two minutes to ingest, or
more on a busy machine), kept at ``--dev-db`` (default: a file in the temporary folder named
after the source's size) and reused on later runs; with ``--store PATH`` (repeated) also
stores made elsewhere, such as the synthetic ones of ``bench/synthetic.py`` (a million
films). With ``--baseline`` every measure runs
with the code of the git revision REV too (checked out in a temporary worktree, on
PYTHONPATH ahead of this checkout), on the same stores, alternating with this checkout's
runs so that both see the same load; both are printed side by side. The revision gets its
own examples/corpus store, made by its own code (an older backtrace refuses a store of a
newer schema); on the ``--dev`` and ``--store`` stores, which both share, a revision that
refuses the store's schema says why in place of its figures.
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
COMMON_WORD = "film"  # a word most documents hold
DB = "<db>"  # in a command's arguments: the store of the revision that runs it


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
    out.update(searches(kb, {"common word": COMMON_WORD, "misspelt name": names["misspelt"]}))
    return out


def searches(kb: Any, words: dict[str, str]) -> dict[str, float]:
    """Milliseconds of CPU of a search as the web pages make it (``Finder.search``: the
    index, then the typo-tolerant names), median of ``CALLS`` after a first one; and the
    seconds of the first one (the first that falls back on the names reads them all)."""
    from backtrace.serve.finder import Finder

    finder = Finder(kb.store)
    out: dict[str, float] = {}
    for how, query in words.items():
        start = time.process_time()
        finder.search(query)
        out[f"search {query!r} ({how}), first, s CPU"] = round(time.process_time() - start, 2)
        times = []
        for _ in range(CALLS):
            start = time.process_time()
            finder.search(query)
            times.append(time.process_time() - start)
        out[f"search {query!r} ({how}), CPU"] = round(1000 * statistics.median(times), 2)
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


def stream(src: Path, args: list[str], budget: float) -> tuple[float, float, int, int | None]:
    """``backtrace ARGS`` with the code under ``src``, stopped after ``budget`` seconds:
    (wall seconds, CPU seconds, peak resident memory in bytes, its exit status or None
    when it was stopped).
    The peak is the child's own (``VmHWM``, read while it runs): ``ru_maxrss`` would count
    the memory of this process, which the child inherits at ``fork``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", CLI, *args], env=_env(src),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak, stopped = 0, False
    while True:
        peak = max(peak, _high_water(proc.pid))
        try:
            proc.wait(timeout=0.1)
            break
        except subprocess.TimeoutExpired:
            if time.perf_counter() - start > budget and not stopped:
                proc.kill()
                stopped = True
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return seconds, cpu, peak, None if stopped else proc.returncode


def _high_water(pid: int) -> int:
    """The peak resident memory of a running process, in bytes (0 when it is gone)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return 0


def _lines(path: Path) -> int:
    if path.is_dir():
        path = path / "films.csv"
    if not path.exists():
        return 0
    with path.open("rb") as f:
        return sum(1 for _ in f)


STREAMS = {  # command, and the file whose lines count the films written (header aside)
    "films --json": (["films", "--json"], "films.json", 0),
    "conflicts": (["conflicts"], "conflicts.txt", -1),
    "export --format csv": (["export", "--format", "csv"], "csv", 1),
    "export --format jsonl": (["export", "--format", "jsonl"], "films.jsonl", 0),
}


def streams(stores: dict[str, str], films: int, trees: dict[str, Path], budget: float,
            width: int) -> None:
    """The commands that read every film, once each per revision: time, CPU, peak memory
    and films per second (of the films written before ``budget`` when stopped)."""
    print(f"{f'every film ({films:,}), stopped after {budget:.0f} s':{width}}")
    for shown, (args, out, header) in STREAMS.items():
        cells = []
        for name, src in trees.items():
            with tempfile.TemporaryDirectory() as tmp:
                target = Path(tmp) / out
                extra = ["-o", str(target)] if out in ("csv", "films.jsonl") else []
                if out == "csv":
                    target.mkdir()
                seconds, cpu, rss, code = stream(src, [*args, *extra, "--db", stores[name]],
                                                 budget)
                stopped = code is None
                done = films if not stopped else max(0, _lines(target) - header)
                if header < 0 or (stopped and out.endswith((".json", ".txt"))):
                    rate = ""  # no count of films in what it printed
                else:
                    rate = f", {done / seconds:,.0f} films/s ({done / cpu:,.0f} a CPU s)"
            failed = f" (exit {code})" if code else ""
            cells.append(f"{'> ' if stopped else ''}{seconds:.1f} s, {cpu:.1f} s CPU, "
                         f"{rss / 2**20:,.0f} MB{failed or rate}")
        print(f"{shown:{width}}" + "".join(f"{c:>62}" for c in cells))


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


def compare(label: str, db: str, trees: dict[str, Path], repeat: int,
            budget: float | None = None, own: dict[str, str] | None = None) -> None:
    """Every measure on ``db`` for each revision in ``trees``, printed side by side (on
    ``own[name]`` instead for a revision given its own store: one its code made)."""
    stores = {name: (own or {}).get(name, db) for name in trees}
    title, names = subjects(db)
    commands = {
        "--version": ["--version"],
        "--help": ["--help"],
        f"show {title!r}": ["show", title, "--db", DB],
        **{f"person {n!r} ({how})": ["person", n, "--db", DB] for how, n in names.items()},
    }
    found = {name: _lookups_in(src, stores[name], title, names) for name, src in trees.items()}
    looked = list(dict.fromkeys(k for f in found.values() for k in f if k not in ("plan", "error")))
    width = max(len(c) for c in [*commands, *looked]) + 2
    print(f"store: {label}")
    print(f"{f'backtrace ... (median of {repeat})':{width}}"
          + "".join(f"{name:>34}" for name in trees))
    for shown, args in commands.items():
        runs: dict[str, list[tuple[float, float, int]]] = {name: [] for name in trees}
        for _ in range(repeat):  # the revisions by turns: both see the same load
            for name, src in trees.items():
                runs[name].append(wall(src, [stores[name] if a == DB else a for a in args]))
        cells = []
        for name in trees:
            seconds, cpu, codes = zip(*runs[name], strict=True)
            cells.append(f"{1000 * statistics.median(seconds):.0f} ms wall, "
                         f"{1000 * statistics.median(cpu):.0f} ms CPU"
                         + (f" (exit {max(codes)})" if max(codes) else ""))
        print(f"{shown:{width}}" + "".join(f"{c:>34}" for c in cells))
    print(f"{f'look-up in one process (median of {CALLS})':{width}}")
    for key in looked:
        unit = " s" if key.endswith(" s CPU") else " ms"
        cells = [f"{found[n][key]:.2f}{unit}" if key in found[n] else "n/a" for n in trees]
        print(f"{key:{width}}" + "".join(f"{c:>34}" for c in cells))
    for name, f in found.items():
        if "error" in f:
            print(f"  {name}: {f['error']}")
        else:
            print(f"  plan of the person look-up, {name}: " + " | ".join(f["plan"]))
    if budget:
        streams(stores, film_count(db), trees, budget, width)


def film_count(db: str) -> int:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT count(*) FROM entities WHERE type = 'film'").fetchone()[0]
    finally:
        conn.close()


def small_store(folder: Path, src: Path | None = None) -> str:
    """examples/corpus ingested into ``folder`` by this checkout, or by the code under
    ``src`` (a store the revision measured can open: a newer schema it would refuse)."""
    db = folder / "corpus.db"
    if src is None:
        import backtrace

        with backtrace.open(db) as kb:
            kb.ingest([ROOT / "examples" / "corpus"])
    else:
        subprocess.run([sys.executable, "-m", "backtrace.cli", "ingest", "-q", "--db", str(db),
                        str(ROOT / "examples" / "corpus")], env=_env(src), check=True,
                       capture_output=True)
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
    ap.add_argument("--store", action="append", type=Path, default=[],
                    help="also on this store (bench/synthetic.py makes large ones); repeat")
    ap.add_argument("--budget", type=float, default=0, metavar="S",
                    help="also time the commands that read every film (films --json, "
                         "conflicts, exports), each stopped after S seconds")
    args = ap.parse_args()
    for store in args.store:
        if not store.is_file():
            ap.error(f"{store.name}: no such store")

    with tempfile.TemporaryDirectory() as tmp:
        trees: dict[str, Path] = {}
        if args.baseline:
            tree = Path(tmp) / "baseline"
            subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q",
                            str(tree), args.baseline], check=True)
            trees[f"baseline {args.baseline}"] = tree / "src"
        trees["this checkout"] = ROOT / "src"
        try:
            own = {}
            for name, src in trees.items():
                if src != ROOT / "src":  # the baseline's own store, made by its code
                    (Path(tmp) / "own").mkdir()
                    own[name] = small_store(Path(tmp) / "own", src)
            compare("examples/corpus", small_store(Path(tmp)), trees, args.repeat, args.budget,
                    own)
            source = Path(args.data) / "wikipedia-movie-data" / "movies_dev.jsonl"
            if args.dev and not source.exists():
                print(f"\nskipped --dev: {source.name} not found", file=sys.stderr)
            elif args.dev:
                print()
                compare(f"wikipedia-movie-data/{source.name}", dev_store(source, args.dev_db),
                        trees, args.repeat, args.budget)
            for store in args.store:
                print()
                compare(f"{store.name} ({film_count(str(store)):,} films)", str(store), trees,
                        args.repeat, args.budget)
        finally:
            if args.baseline:
                subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force",
                                str(Path(tmp) / "baseline")], check=False)
    flags = [f"--baseline {args.baseline}" if args.baseline else "",
             "--dev" if args.dev else "", f"--repeat {args.repeat}" if args.repeat != 7 else "",
             f"--budget {args.budget:g}" if args.budget else "",
             *(f"--store <folder>/{s.name}" for s in args.store)]
    print(f"\nreproduce: .venv/bin/python bench/scale.py {' '.join(f for f in flags if f)}"
          .rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
