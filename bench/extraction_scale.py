"""Extraction time against a document's size: it should grow linearly, not with the square.

    .venv/bin/python bench/extraction_scale.py [--sizes 1,2,4,8] [--flat-sizes 8K,64K,512K,8M]
    .venv/bin/python bench/extraction_scale.py --quick            # small sizes, a few seconds
    .venv/bin/python bench/extraction_scale.py --baseline REV     # and a git revision

Two kinds of generated text, both written by this script from its own sentence templates
(invented names, titles, companies and figures; nothing is read from disk):

- prose: film-news and encyclopedia-style paragraphs under ``==Heading==`` sections, with
  credits ("directed by", cast lists, "X as Y"), figures, dates and films named in passing;
  sizes in MB (``--sizes``, default 1, 2, 4 and 8);
- flat: the same words with no full stops, commas or line breaks, so the whole text is one
  sentence (``--flat-sizes``, default 8 KB .. 8 MB); over the sentence cap of
  ``backtrace.extract`` (20,000 characters) it is skipped with a warning, shown as
  "(skipped)" beside its claims.

Each size is extracted by :func:`backtrace.extract.extract` (the default pipeline, spaCy's
``nlp_cast`` included) on a Document made by :func:`backtrace.read.text.build_document`,
in a fresh process, after one short document that loads what extraction loads once (spaCy's
pipeline); the table gives the seconds of ``extract`` alone (wall clock), seconds per MB,
its seconds of CPU (which other processes on the machine do not inflate), the claims
found, the process's peak memory, and apart, the seconds the read stage took to build the
Document (not counted in the others). With ``--baseline REV`` the same
measurements run first with the code of git revision REV (checked out in a temporary
``git worktree``, its ``src`` on PYTHONPATH), and both are printed side by side; a size
that takes longer than ``--timeout`` seconds (default 300) is stopped and shown as
"> N s (timeout)", and the larger sizes of that kind are not run for that version ("> N s
(not run)").
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
MB = 1 << 20
KB = 1 << 10
DEFAULT_SIZES = "1,2,4,8"
DEFAULT_FLAT_SIZES = "8K,16K,32K,1M,8M"
QUICK_SIZES = "32K,64K"
QUICK_FLAT_SIZES = "8K,16K"
SEED = 23

# ---------------------------------------------------------------- generated text

_FIRST = ("Ada", "Bruno", "Celia", "Dorian", "Edda", "Felix", "Greta", "Hugo", "Ines", "Jonas",
          "Katya", "Lionel", "Mira", "Nestor", "Olga", "Pavel", "Quinn", "Rosa", "Silas",
          "Tamsin", "Ulric", "Vera", "Wendell", "Xenia", "Yusuf", "Zora", "Anouk", "Basil",
          "Corin", "Delphine", "Emeric", "Fenna", "Gideon", "Halima", "Ivo", "Juno")
_LAST = ("Ashcombe", "Brannigan", "Castellan", "Drummond", "Everly", "Fairweather",
         "Galloway", "Hartigan", "Ingram", "Jessup", "Kilbride", "Lockridge", "Marchetti",
         "Northcott", "Okonkwo", "Pellegrino", "Quarry", "Rasmussen", "Stroud", "Thackeray",
         "Underhill", "Vasquez", "Whitlock", "Yardley", "Zielinski", "Abernathy", "Blackwood",
         "Crane", "Delacroix", "Elsworth", "Fontaine", "Grimaldi", "Holloway", "Iversen")
_TITLE_A = ("Silent", "Copper", "Northern", "Broken", "Paper", "Hollow", "Crimson", "Last",
            "Glass", "Distant", "Iron", "Velvet", "Quiet", "Burning", "Frozen", "Hidden")
_TITLE_B = ("Harbour", "Lantern", "Orchard", "Meridian", "Signal", "Kingdom", "Tide", "Garden",
            "Engine", "Compass", "Frontier", "Comet", "Winter", "River", "Station", "Crown")
_COMPANY_A = ("Bluefin", "Marrow", "Oakridge", "Starling", "Tallgrass", "Copperhead",
              "Driftwood", "Kestrel", "Lumen", "Northlight")
_COMPANY_B = ("Pictures", "Films", "Studios", "Entertainment", "Productions", "Media")
_CITIES = ("Toronto", "Vancouver", "Savannah, Georgia", "Budapest", "Prague", "Cape Town",
           "Wellington", "Glasgow", "Seville", "Montreal", "Atlanta", "Belfast")
_NATIONS = ("American", "British", "Canadian", "French", "Irish", "Australian", "German")
_GENRES = ("crime", "science fiction", "romantic comedy", "war", "horror", "mystery",
           "adventure", "psychological", "heist", "coming-of-age")
_KINDS = ("thriller", "drama", "comedy", "film", "western")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_JOBS = ("harbour pilot", "retired detective", "night nurse", "cartographer", "forger",
         "schoolteacher", "radio host", "locksmith", "diplomat", "beekeeper")
_FESTIVALS = ("Toronto International", "Sundance", "Berlin International", "Tribeca",
              "Venice", "South by Southwest")
_HEADINGS = ("Production", "Casting", "Filming", "Release", "Box office", "Reception",
             "Music", "Home media")

_SENTENCES = (
    "{title} is a {year} {nation} {genre} {kind} directed by {p1} and starring {p2}, {p3} "
    "and {p4}.",
    "The film was written by {p1} and produced by {p2} for {company}.",
    "Principal photography began in {month} {year} in {city}, and lasted {n} days.",
    "{p1} stars as {c1}, a {job} who returns home after twenty years.",
    "{p1} plays {c1}, while {p2} co-stars as the {job} next door.",
    "The film grossed ${m1} million in North America and ${m2} million worldwide against a "
    "budget of ${m3} million.",
    "It runs {minutes} minutes.",
    "{company} acquired the distribution rights in {month} {year}.",
    "The film premiered at the {festival} Film Festival on {month} {day}, {year}, and was "
    "released in theaters on {month2} {day2}, {year}.",
    "{p1} previously directed the {year0} {kind} {title2}.",
    "The score was composed by {p1}, and the cinematography is by {p2}.",
    "In an interview, {p1} said the story grew out of a summer spent in {city}.",
    "Critics praised the performances of {p1} and {p2} but found the pacing uneven.",
    "{p1} ({title2}, {title3}) joins the cast as {c1}.",
    "A sequel, {title} 2, is planned for {year1}.",
    "Editing was by {p1}, who also cut {title2} ({year0}).",
    "{title} hits Blu-ray and DVD on {month} {day} from {company}.",
    "{p1} reprised her role from {title2} ({year0}), and {p2} joined the cast as {c1}.",
    "Also appearing in the film are {p1}, {p2} and {p3}.",
    "The project was announced in {month} {year} by {company}.",
    "Dr. {p1} served as a consultant on the hospital scenes.",
    "{first} {initial}. {last} wrote the screenplay with {p2}.",
    "The supporting cast includes {p1}, {p2} and {p3}.",
    "{p1} was hired to compose the music in {month}.",
    "Filming also took place in {city} over {n} weeks.",
    "The film had its world premiere on {month} {day}, {year} and opened wide a week later.",
    "Reviews were mixed; one critic called it the best {kind} of the year, while another "
    "found the ending rushed.",
    "{p1} is known for {title2} and {title3}, and appeared in the {year0} {kind} {title4}.",
    "The soundtrack album was released by {company} on {month} {day}, {year}.",
    "Produced on a budget of ${m3} million, it earned ${m1} million in its opening weekend.",
)


class ProseWriter:
    """Deterministic film-news prose from :data:`_SENTENCES` (a seeded random source)."""

    def __init__(self, seed: int = SEED) -> None:
        self.rng = random.Random(seed)

    def person(self) -> str:
        return f"{self.rng.choice(_FIRST)} {self.rng.choice(_LAST)}"

    def title(self) -> str:
        return f"{self.rng.choice(_TITLE_A)} {self.rng.choice(_TITLE_B)}"

    def fields(self) -> dict[str, Any]:
        r = self.rng
        year = r.randint(1975, 2024)
        return {
            "title": self.title(), "title2": self.title(), "title3": self.title(),
            "title4": self.title(), "year": year, "year0": year - r.randint(2, 15),
            "year1": year + r.randint(1, 4), "nation": r.choice(_NATIONS),
            "genre": r.choice(_GENRES), "kind": r.choice(_KINDS), "p1": self.person(),
            "p2": self.person(), "p3": self.person(), "p4": self.person(),
            "first": r.choice(_FIRST), "initial": chr(r.randint(65, 90)), "last": r.choice(_LAST),
            "c1": f"{r.choice(_FIRST)} {r.choice(_LAST)}", "job": r.choice(_JOBS),
            "company": f"{r.choice(_COMPANY_A)} {r.choice(_COMPANY_B)}",
            "city": r.choice(_CITIES), "month": r.choice(_MONTHS), "month2": r.choice(_MONTHS),
            "day": r.randint(1, 28), "day2": r.randint(1, 28), "n": r.randint(12, 90),
            "minutes": r.randint(84, 155), "m1": r.randint(2, 90), "m2": r.randint(91, 400),
            "m3": r.randint(5, 80), "festival": r.choice(_FESTIVALS),
        }

    def sentence(self) -> str:
        return self.rng.choice(_SENTENCES).format(**self.fields())

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(3, 7)))

    def article(self) -> str:
        """A short article about one invented film: a lead paragraph and a few sections."""
        f = self.fields()
        lead = _SENTENCES[0].format(**f) + " " + self.paragraph()
        parts = [f"== {f['title']} ({f['year']} film) ==", lead]
        for heading in self.rng.sample(_HEADINGS, 3):
            parts += [f"=== {heading} ===", self.paragraph(), self.paragraph()]
        return "\n\n".join(parts)


def prose(size: int, seed: int = SEED) -> str:
    """About ``size`` bytes of generated prose (articles joined by blank lines)."""
    writer = ProseWriter(seed)
    parts = ["= Collected Film Notes ="]
    total = len(parts[0])
    while total < size:
        article = writer.article()
        parts.append(article)
        total += len(article.encode()) + 2
    return "\n\n".join(parts) + "\n"


_UNPUNCTUATED = re.compile(r"[.,;:!?()\n]+")


def flat(size: int, seed: int = SEED) -> str:
    """About ``size`` bytes of the same words with no full stops, commas or line breaks: one
    sentence."""
    writer = ProseWriter(seed)
    words: list[str] = []
    total = 0
    while total < size:
        piece = " ".join(_UNPUNCTUATED.sub(" ", writer.sentence()).split())
        words.append(piece)
        total += len(piece.encode()) + 1
    return " ".join(words)


GENERATORS = {"prose": prose, "flat": flat}
# a sentence the rules leave to spaCy's nlp_cast, so that its pipeline is loaded
_WARM_UP = ("Tin Harbour is a 2014 drama film directed by Ivo Renn. Among those appearing in "
            "it are Tova Quillfeather and Rennick Ashdown.")

# ---------------------------------------------------------------- one measurement


def measure(kind: str, size: int) -> dict[str, Any]:
    """Extract one generated text of ``size`` bytes with whatever ``backtrace`` imports."""
    import backtrace
    from backtrace.extract import extract
    from backtrace.read.text import build_document

    # loads what extraction loads once per process (spaCy's pipeline, the review model)
    extract(build_document(_WARM_UP, doc_id="warm-up", path="warm-up.txt"))
    text = GENERATORS[kind](size)
    begin = time.perf_counter()
    doc = build_document(text, doc_id=f"{kind}-{size}", path=f"{kind}-{size}.txt")
    read = time.perf_counter() - begin
    begin, cpu = time.perf_counter(), time.process_time()
    extraction = extract(doc)
    seconds, cpu = time.perf_counter() - begin, time.process_time() - cpu
    try:  # what the code measured leaves unread (none before the sentence cap)
        from backtrace.extract import extraction_notes
    except ImportError:
        skipped = False
    else:
        skipped = bool(extraction_notes(doc))
    return {"kind": kind, "size": size, "seconds": seconds, "cpu_seconds": cpu,
            "read_seconds": read,
            "claims": len(extraction.claims), "skipped": skipped,
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
            "code": str(Path(backtrace.__file__).resolve().parents[1])}


def run_one(src: Path, kind: str, size: int, timeout: float) -> dict[str, Any]:
    """:func:`measure` in a fresh Python whose ``backtrace`` is the one under ``src``;
    ``{"timeout": True}`` when it takes longer than ``timeout`` seconds."""
    env = dict(os.environ, PYTHONPATH=str(src), PYTHONWARNINGS="ignore")
    try:
        out = subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), "--measure", kind, str(size)],
            env=env, capture_output=True, text=True, check=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"timeout": True}
    except subprocess.CalledProcessError as exc:
        tail = (exc.stderr or "").strip().splitlines()[-1:] or ["no output"]
        return {"error": tail[0][:120]}
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


# ---------------------------------------------------------------- the table


def parse_size(word: str) -> int:
    """ "8K" -> 8192, "2M" or "2" -> 2 MiB, "0.5" -> 512 KiB."""
    word = word.strip().upper().removesuffix("B")
    if word.endswith("K"):
        return int(float(word[:-1]) * KB)
    return int(float(word.removesuffix("M")) * MB)


def show_size(size: int) -> str:
    if size >= MB:
        return f"{size / MB:g} MB"
    return f"{size / KB:g} KB"


COLUMNS = ("s", "s/MB", "cpu s", "claims", "peak MB", "read s")


def _cell(m: dict[str, Any], timeout: float) -> list[str]:
    """Of one run: seconds (wall clock), seconds per MB, seconds of CPU (what other
    processes on the machine do not change), claims, peak MB and the read stage's seconds."""
    blank = [""] * (len(COLUMNS) - 1)
    if m.get("timeout"):
        return [f"> {timeout:g} s (timeout)", *blank]
    if m.get("not_run"):
        return [f"> {timeout:g} s (not run)", *blank]
    if "error" in m:
        return [f"error: {m['error']}", *blank]
    per_mb = m["seconds"] / (m["size"] / MB)
    claims = f"{m['claims']:,}" + (" (skipped)" if m.get("skipped") else "")
    return [f"{m['seconds']:.2f}", f"{per_mb:.2f}", f"{m['cpu_seconds']:.2f}", claims,
            f"{m['peak_mb']:,}", f"{m['read_seconds']:.2f}"]


def table(rows: list[tuple[str, int, list[dict[str, Any]]]], labels: list[str],
          timeout: float) -> str:
    """The measurements as a text table, one column group per code version."""
    head = ["text", "size"]
    for label in labels:
        head += [f"{label} s", *COLUMNS[1:]]
    lines = [head]
    for kind, size, results in rows:
        line = [kind, show_size(size)]
        for m in results:
            line += _cell(m, timeout)
        lines.append(line)
    widths = [max(len(row[i]) for row in lines) for i in range(len(head))]
    out = []
    for n, row in enumerate(lines):
        out.append("  ".join(c.ljust(w) if i < 2 else c.rjust(w)
                             for i, (c, w) in enumerate(zip(row, widths, strict=True))))
        if n == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) == 3 and argv[0] == "--measure":  # the child of each measurement
        print(json.dumps(measure(argv[1], int(argv[2]))))
        return 0
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--sizes", default=None,
                    help=f"prose sizes, MB unless suffixed K (default {DEFAULT_SIZES})")
    ap.add_argument("--flat-sizes", default=None,
                    help=f"unpunctuated sizes (default {DEFAULT_FLAT_SIZES}); '' for none")
    ap.add_argument("--quick", action="store_true",
                    help=f"small sizes: prose {QUICK_SIZES}, flat {QUICK_FLAT_SIZES}")
    ap.add_argument("--baseline", metavar="REV", help="also run the code of this git revision")
    ap.add_argument("--timeout", type=float, default=300.0,
                    help="seconds one size may take before it is stopped (default 300)")
    args = ap.parse_args(argv)
    sizes = args.sizes or (QUICK_SIZES if args.quick else DEFAULT_SIZES)
    flat_sizes = args.flat_sizes if args.flat_sizes is not None else (
        QUICK_FLAT_SIZES if args.quick else DEFAULT_FLAT_SIZES)
    plan = [("prose", parse_size(s)) for s in sizes.split(",") if s.strip()]
    plan += [("flat", parse_size(s)) for s in flat_sizes.split(",") if s.strip()]

    sources: list[tuple[str, Path]] = []
    tmp = tempfile.TemporaryDirectory()
    tree = Path(tmp.name) / "baseline"
    if args.baseline:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(tree),
                        args.baseline], check=True)
        sources.append((args.baseline, tree / "src"))
    sources.append(("this", ROOT / "src"))
    rows: list[tuple[str, int, list[dict[str, Any]]]] = []
    # (version, kind) -> the smallest size that timed out: no larger one is run
    timed_out: dict[tuple[str, str], int] = {}
    try:
        for kind, size in plan:
            results = []
            for label, src in sources:
                if size >= timed_out.get((label, kind), size + 1):
                    results.append({"not_run": True})
                    continue
                results.append(run_one(src, kind, size, args.timeout))
                if results[-1].get("timeout"):
                    timed_out[(label, kind)] = min(size, timed_out.get((label, kind), size))
            rows.append((kind, size, results))
            print(f"  {kind} {show_size(size)}: " + ", ".join(
                f"{label} {_cell(m, args.timeout)[0]}"
                for (label, _), m in zip(sources, results, strict=True)),
                file=sys.stderr, flush=True)
    finally:
        if args.baseline:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)],
                           check=False)
        tmp.cleanup()
    print("extraction time by document size (extract() alone, a fresh process per size)")
    print(table(rows, [label for label, _ in sources], args.timeout))
    cells = [m for _, _, results in rows for m in results]
    if any(m.get("not_run") for m in cells):
        print("not run: a smaller text of the same kind already took over the timeout")
    if any(m.get("skipped") for m in cells):
        print("(skipped): a sentence over the cap was left unread, with a warning")
    command = ["bench/extraction_scale.py"]
    if args.quick:
        command.append("--quick")
    if args.sizes:
        command.append(f"--sizes {args.sizes}")
    if args.flat_sizes is not None:
        command.append(f"--flat-sizes '{args.flat_sizes}'")
    if args.baseline:
        command.append(f"--baseline {args.baseline}")
    if args.timeout != 300.0:
        command.append(f"--timeout {args.timeout:g}")
    print(f"reproduce: .venv/bin/python {' '.join(command)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
