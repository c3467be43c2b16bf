"""Citations at the sentence: does every statement of every article cite a span that
states its value?

    .venv/bin/python bench/citations.py                  # sample corpus (+ ../shared/seeds)
    .venv/bin/python bench/citations.py --db films.db    # an existing store
    .venv/bin/python bench/citations.py --baseline REV   # and a git revision, side by side

Every film's article is built (``KnowledgeBase.film_article``) and each of its statements
(infobox rows, the lead, every sentence and list item) is checked: every value it states
(a name, a character, a date, an amount, a running time, a critic, an outlet, quoted words,
a quoted plot) must be in a span the statement cites, read as the reader is shown it: the
sentences its footnote marks quote. Values are compared normalised: case, accents, white
space and punctuation of names; quotation marks; numbers as written ("$6 million" =
6,000,000, "1 hour 27 minutes" = 87 minutes); dates in the forms sources write them
("December 14, 2018", "14 December 2018", "2018-12-14", "Dec. 14" with the year left to the
document's date); a country by its adjective ("American"). Derived statements (the count of
reviews, the consensus, which cites its own marks) state no single value and are not counted.

For a revision whose citations name whole documents (6e2997d and before), a statement's
cited spans are what its HTML footnote showed: the first three quoted spans of each cited
document. With ``--baseline`` each revision ingests the corpus into a fresh store of its
own (in a temporary ``git worktree`` for REV); this checkout's rules judge both.

Prints the share of supported values (goal 100%), up to 20 failures, and the command.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpus"
SEEDS = ROOT.parent / "shared" / "seeds"
MAX_FAILURES = 20


# -- reading articles (runs with whatever ``backtrace`` is importable) --------------------------
def _old_statements(kb: Any, film_id: int) -> list[dict[str, Any]]:
    """The statements of an article whose marks cite whole documents (before sentence
    citations): a statement's spans are those its HTML footnote showed."""
    from backtrace.export import build_article
    from backtrace.export.reception_text import export_reception
    from backtrace.store.passages import plot_passage

    record = kb.film_by_id(film_id, sentences=True)
    with kb.store.read() as conn:
        plot = plot_passage(conn, film_id)
    article = build_article(record, plot=plot, reception=export_reception(record["reception"]))
    refs = {r.number: r for r in article.references}
    lines = article.infobox + article.lead + [li for s in article.sections for li in s.lines]
    out = []
    for line in lines:
        shown = [] if getattr(line, "inline", False) else line.cites
        quotes = [q["text"] for n in shown for q in refs[n].quotes[:3]]
        out.append({"text": line.text, "facts": line.facts, "quotes": quotes})
    return out


def _new_statements(kb: Any, film_id: int) -> list[dict[str, Any]]:
    article = kb.film_article(film_id)
    return [{"text": line.text, "facts": line.facts, "quotes": [q.text for q in line.quotes]}
            for line in article.lines()]  # fmt: skip


def _fact_shape(prop: str, fact: dict[str, Any]) -> dict[str, Any]:
    keep = {"prop": prop, "value": fact.get("value"), "qualifiers": fact.get("qualifiers") or {}}
    for k in ("critic", "outlet"):
        if fact.get(k):
            keep[k] = fact[k]
    return keep


def collect(db: str, corpus: list[str] | None = None) -> dict[str, Any]:
    """Ingest ``corpus`` into ``db`` (when given) and read every film's statements."""
    import backtrace

    with backtrace.open(db) as kb:
        if corpus:
            kb.ingest(corpus)
        films = []
        for film in kb.films():
            read = _new_statements if hasattr(kb, "film_article") else _old_statements
            statements = []
            for st in read(kb, film["id"]):
                facts = [_fact_shape(p, f) for p, f in st["facts"]]
                statements.append({"text": st["text"], "facts": facts, "quotes": st["quotes"]})
            films.append({"title": film["title"], "year": film.get("year"),
                          "statements": statements})  # fmt: skip
    return {"films": films}


# -- normalising ------------------------------------------------------------------------------
_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'",
                         "\u2013": "-", "\u2014": "-", "\u00a0": " "})  # fmt: skip
_MONTHS = {m: i for i, names in enumerate(
    [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
     ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
     ("oct", "october"), ("nov", "november"), ("dec", "december")], 1) for m in names}
_MONTH = r"(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DEMONYMS = {
    "united states": ("american", "u s", "us", "usa", "united states of america"),
    "united kingdom": ("british", "uk", "u k", "english", "england", "scottish", "welsh"),
    "france": ("french",), "germany": ("german",), "canada": ("canadian",),
    "australia": ("australian",), "india": ("indian",), "japan": ("japanese",),
    "italy": ("italian",), "spain": ("spanish",), "china": ("chinese",),
    "south korea": ("south korean", "korean"), "ireland": ("irish",), "mexico": ("mexican",),
    "new zealand": ("new zealand",), "belgium": ("belgian",), "sweden": ("swedish",),
    "denmark": ("danish",), "norway": ("norwegian",), "netherlands": ("dutch",),
}  # fmt: skip
_GENRES = {"science fiction": ("sci fi", "scifi", "sf"), "romantic comedy": ("rom com",)}


def plain(text: str) -> str:
    """Case, accents, quotation marks and white space folded."""
    text = unicodedata.normalize("NFKD", str(text).translate(_QUOTES))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.casefold().split())


def words(text: str) -> str:
    """:func:`plain` with every punctuation mark a space: for names."""
    return " ".join(re.sub(r"[^\w]+", " ", plain(text)).split())


def has_words(value: str, quote: str) -> bool:
    want = words(value)
    return bool(want) and f" {want} " in f" {words(quote)} "


def has_name(value: str, quote: str) -> bool:
    key = words(value)
    variants = {key, *_DEMONYMS.get(key, ()), *_GENRES.get(key, ())}
    return any(v and has_words(v, quote) for v in variants)


def _dates(quote: str) -> set[tuple[int | None, int, int | None]]:
    """Every (year, month, day) a text writes; a year or day it leaves out is None."""
    text = plain(quote)
    found: set[tuple[int | None, int, int | None]] = set()
    for y, m, d in re.findall(r"\b(\d{4})-(\d{2})(?:-(\d{2}))?\b", text):
        found.add((int(y), int(m), int(d) if d else None))
    for mo, d, y in re.findall(_MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4}))?", text):
        found.add((int(y) if y else None, _MONTHS[mo], int(d)))
    for d, mo, y in re.findall(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH
                               + r"(?:,?\s+(\d{4}))?", text):  # fmt: skip
        found.add((int(y) if y else None, _MONTHS[mo], int(d)))
    for mo, y in re.findall(_MONTH + r",?\s+(\d{4})\b", text):
        found.add((int(y), _MONTHS[mo], None))
    for m, d, y in re.findall(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b", text):
        found.add((int(y), int(m), int(d)))
    return found


def has_date(value: str, quote: str) -> bool:
    parts = [int(p) for p in str(value).split("-")]
    if len(parts) == 1:
        return bool(re.search(rf"\b{parts[0]}\b", quote))
    year, month = parts[0], parts[1]
    day = parts[2] if len(parts) == 3 else None
    for y, m, d in _dates(quote):
        if m == month and (y is None or y == year) and (day is None or d == day):
            if day is None and y is None:
                continue  # "November" alone says no year
            return True
    return False


_SCALE = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9,
          "bn": 1e9, "b": 1e9}  # fmt: skip


def amounts(quote: str) -> set[int]:
    """Every amount a text writes ("$6 million", "$490,636", "€8.5m")."""
    out = set()
    for number, scale in re.findall(
        r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(thousand|million|billion|mn|bn|m|k|b)?"
        r"\b", plain(quote)):  # fmt: skip
        out.add(round(float(number.replace(",", "")) * _SCALE.get(scale, 1)))
    return out


def minutes(quote: str) -> set[int]:
    """Every running time a text writes, in minutes ("87 minutes", "1 hr 27 min")."""
    text = plain(quote)
    out = {int(m) for m in re.findall(r"\b(\d+)\s*-?\s*(?:minutes?|mins?|m)\b", text)}
    for h, m in re.findall(r"\b(\d+)\s*-?\s*(?:hours?|hrs?|h)\b(?:\s*(?:and\s*)?(\d+)\s*"
                           r"(?:minutes?|mins?|m)\b)?", text):  # fmt: skip
        out.add(int(h) * 60 + (int(m) if m else 0))
    return out


# -- judging ----------------------------------------------------------------------------------
Check = Callable[[str], bool]


def _money_shown(value: dict[str, Any]) -> str:
    return f"{int(value['amount']):,}"


def _format_date(value: str) -> str:
    months = ["January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December"]  # fmt: skip
    parts = str(value).split("-")
    if len(parts) == 3:
        return f"{months[int(parts[1]) - 1]} {int(parts[2])}, {parts[0]}"
    if len(parts) == 2:
        return f"{months[int(parts[1]) - 1]} {parts[0]}"
    return parts[0]


def stated(statement: dict[str, Any]) -> list[tuple[str, Check]]:
    """The values a statement states, each with the test a cited span must pass."""
    from backtrace.model import PROPERTIES

    text = statement["text"]
    out: list[tuple[str, Check]] = []
    for fact in statement["facts"]:
        prop, value = fact["prop"], fact["value"]
        if prop == "plot":
            body = plain(text.removesuffix(" …"))
            out.append(("the plot", lambda q, b=body: b in plain(q)))
        elif prop == "review":
            for key in ("critic", "outlet"):
                name = fact.get(key)
                if name and has_words(name, text):
                    out.append((f"{key} {name}", lambda q, n=name: has_words(n, q)))
            for quoted in re.findall(r"“([^”]{2,})”", text):
                said = plain(quoted)
                out.append(("the quoted words", lambda q, s=said: s in plain(q)))
        elif prop in PROPERTIES:
            vtype = PROPERTIES[prop].value_type
            if vtype == "date":
                if _format_date(value) in text or str(value) in text:
                    out.append((f"{prop} {value}", lambda q, v=value: has_date(v, q)))
                elif str(value)[:4] in text:
                    out.append((f"{prop} {str(value)[:4]}",
                                lambda q, v=str(value)[:4]: has_date(v, q)))  # fmt: skip
            elif vtype == "money" and isinstance(value, dict):
                if _money_shown(value) in text:
                    amount = int(value["amount"])
                    out.append((f"{prop} {amount:,}", lambda q, a=amount: a in amounts(q)))
            elif vtype == "duration":
                if str(value) in text:
                    out.append((f"{prop} {value} minutes", lambda q, v=int(value): v in minutes(q)))
            elif has_name(str(value), text) or has_words(str(value), text):
                out.append((f"{prop} {value}", lambda q, v=str(value): has_name(v, q)))
            character = (fact.get("qualifiers") or {}).get("character")
            if prop == "cast_member" and character and has_words(str(character), text):
                out.append((f"character {character}",
                            lambda q, c=str(character): has_words(c, q)))  # fmt: skip
    return out


@dataclass(slots=True)
class Score:
    values: int = 0
    supported: int = 0
    statements: int = 0
    statements_supported: int = 0
    articles: int = 0
    failures: list[str] = field(default_factory=list)

    @property
    def share(self) -> float:
        return self.supported / self.values if self.values else 1.0


def judge(films: Iterable[dict[str, Any]]) -> Score:
    score = Score()
    for film in films:
        score.articles += 1
        name = f"{film['title']} ({film['year']})" if film.get("year") else film["title"]
        for st in film["statements"]:
            checks = stated(st)
            if not checks:
                continue
            score.statements += 1
            ok_all = True
            for label, check in checks:
                score.values += 1
                if any(check(q) for q in st["quotes"]):
                    score.supported += 1
                    continue
                ok_all = False
                cited = "; ".join(f"“{' '.join(q.split())[:90]}”" for q in st["quotes"][:2])
                score.failures.append(f"{name}: “{st['text'][:110]}” states {label}; cites "
                                      f"{cited or 'nothing'}")  # fmt: skip
            score.statements_supported += ok_all
    return score


def _print(label: str, s: Score) -> None:
    print(f"{label}: {s.supported:,} of {s.values:,} stated values supported "
          f"({s.share:.1%}); {s.statements_supported:,} of {s.statements:,} statements fully "
          f"supported, in {s.articles} articles")


# -- running ----------------------------------------------------------------------------------
def _default_corpus() -> list[str]:
    return [str(CORPUS)] + ([str(SEEDS)] if SEEDS.is_dir() else [])


def _shown(paths: list[str]) -> str:
    """The corpus as the output names it (relative to the checkout, no local path)."""
    out = []
    for p in paths:
        try:
            out.append(os.path.relpath(p, ROOT))
        except ValueError:
            out.append(Path(p).name)
    return " + ".join(out)


def _in_child(src: Path, db: str, corpus: list[str]) -> dict[str, Any]:
    env = dict(os.environ, PYTHONPATH=str(src))
    command = [sys.executable, str(Path(__file__).resolve()), "--collect", db, *corpus]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def run(db: str | None = None, corpus: list[str] | None = None,
        baseline: str | None = None) -> dict[str, Score]:  # fmt: skip
    """The scores of this checkout (and of ``baseline``), printed as they come."""
    corpus = corpus or _default_corpus()
    scores: dict[str, Score] = {}
    with tempfile.TemporaryDirectory() as tmp:
        if baseline:
            tree = Path(tmp) / "baseline"
            subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q",
                            str(tree), baseline], check=True)  # fmt: skip
            try:
                base = _in_child(tree / "src", str(Path(tmp) / "baseline.db"), corpus)
            finally:
                subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force",
                                str(tree)], check=False)  # fmt: skip
            scores[f"baseline {baseline}"] = judge(base["films"])
            _print(f"baseline {baseline}", scores[f"baseline {baseline}"])
        ours = collect(db, None) if db else collect(str(Path(tmp) / "ours.db"), corpus)
        scores["this checkout"] = judge(ours["films"])
        _print("this checkout", scores["this checkout"])
    return scores


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--collect"]:  # the child of --baseline
        print(json.dumps(collect(argv[1], argv[2:])))
        return 0
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    where = ap.add_mutually_exclusive_group()
    where.add_argument("--db", help="an existing store (default: a fresh one of the corpus)")
    where.add_argument("--baseline", metavar="REV", help="also the code of this git revision")
    ap.add_argument("--corpus", nargs="+", default=None,
                    help="what to ingest (default: examples/corpus, plus ../shared/seeds)")
    args = ap.parse_args(argv)
    corpus = [str(Path(c).resolve()) for c in args.corpus] if args.corpus else None
    if args.db:
        print(f"store: {Path(args.db).name}")
    else:
        print(f"corpus: {_shown(corpus or _default_corpus())}")
    scores = run(args.db, corpus, args.baseline)
    ours = scores["this checkout"]
    if ours.failures:
        print(f"failures ({len(ours.failures)}; the first {MAX_FAILURES}):")
        for line in ours.failures[:MAX_FAILURES]:
            print(f"  {line}")
    command = ".venv/bin/python bench/citations.py"
    if args.db:
        command += f" --db {Path(args.db).name}"
    if args.corpus:
        command += " --corpus " + " ".join(_shown([c]) for c in corpus or [])
    if args.baseline:
        command += f" --baseline {args.baseline}"
    print(f"reproduce: {command}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
