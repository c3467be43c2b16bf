"""Question answering on the WikiMovies dev questions, over the Wikipedia leads.

    .venv/bin/python bench/qa.py [--data ../shared/data] [--db PATH] [--limit N] [--json]

Ingests ``wikipedia-movie-data/movies_dev.jsonl`` (the ``extract`` texts; or reuses the
store at ``--db`` when it exists: build it once, ~3 minutes), selects the questions of
``wikimovies/questions_dev.jsonl`` whose film is in that corpus (for questions whose
answers are films: all of whose answer films are), and asks each with ``Asker.ask``.

- **hits@1**: the first answer is one of the gold answers, both folded (case, accents,
  punctuation: ``keys.name_key``). A release date counts for its year (the benchmark's
  "release date" answers are years), and OMDb's genre labels are read as the words leads
  use (``GENRE_LABELS``: "Sci-Fi" = "science fiction", ...).
- **sourced**: the share of correct first answers one of whose quoted sentences contains
  the answer (folded).
- **answered**: the share given any answer; in the categories no lead can answer (tags,
  IMDb ratings and votes) every answer is wrong, and none is the goal.
- **questions/s**: one process, one thread, after the store is built.
- **baseline** (same store, same run): the film named by the longest stored title that is
  a substring of the question (the person: the longest stored name), the property picked
  by a keyword of the question ("direct", "wrote", "star", "year", "genre", "language"),
  and its first stored fact (a person's: the first film credited in that role).

- **causes** (``--causes``): each wrong answer by what went wrong, read from the store: the
  gold answer given but not first (for the film asked, or for another film of its title),
  named by the film's documents only in another role (a writer the lead names as the
  director), named there but not read, or named by no document of the film (a person's
  films: the person named in a gold film's document or not, found or not).

A film's question is selected when the longest corpus title found in it leaves one of the
category's frequent templates (``TEMPLATE_MIN`` dev questions or more), so a title found
inside a longer title does not count, and, when the benchmark asks that title's year in
some question, a corpus record of the title is of that year (within one: the corpus's year
is its list's): the corpus's American films are often not the benchmark's film of the same
title. ``--limit N`` reads N records spread evenly over the file (every k-th line), so a
quick run sees every decade.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SOURCE = Path("wikipedia-movie-data") / "movies_dev.jsonl"
QUESTIONS = Path("wikimovies") / "questions_dev.jsonl"
TEMPLATE_MIN = 5
FILM_CATEGORIES = ("movie_to_director", "movie_to_writer", "movie_to_actors",
                   "movie_to_year", "movie_to_genre", "movie_to_language",
                   "movie_to_tags", "movie_to_imdbrating", "movie_to_imdbvotes")
FILMS_CATEGORIES = ("actor_to_movie", "writer_to_movie", "director_to_movie",
                    "tag_to_movie")
UNANSWERABLE = ("movie_to_tags", "tag_to_movie", "movie_to_imdbrating", "movie_to_imdbvotes")
# OMDb's genre labels in the words Wikipedia leads use (both sides are folded too)
GENRE_LABELS = {"sci fi": "science fiction", "film noir": "noir", "biography": "biographical",
                "animation": "animated", "sport": "sports", "history": "historical",
                "music": "musical"}
KEYWORDS = (  # the baseline's property by keyword, first found wins
    ("direct", "director"), ("wrote", "screenwriter"), ("writ", "screenwriter"),
    ("star", "cast_member"), ("act", "cast_member"), ("appear", "cast_member"),
    ("genre", "genre"), ("type of", "genre"), ("kind of", "genre"), ("sort of", "genre"),
    ("language", "original_language"), ("year", "year"), ("release", "year"),
    ("when", "year"),
)


def name_key(text: str) -> str:
    from backtrace.keys import name_key as key

    return key(text)


def fold(value: Any) -> str:
    key = name_key(str(value))
    return GENRE_LABELS.get(key, key)


@dataclass
class Question:
    category: str
    question: str
    answers: list[str]


def sampled(path: Path, limit: int) -> list[str]:
    """The lines of the file, or ``limit`` of them spread evenly over it."""
    with open(path, encoding="utf-8") as f:
        lines = f.readlines()
    if not limit or limit >= len(lines):
        return lines
    step = len(lines) / limit
    return [lines[int(i * step)] for i in range(limit)]


def load_corpus(path: Path, limit: int = 0) -> tuple[dict[str, set[int]], set[str]]:
    """The years of each title of the records with text (``limit`` records spread over
    the file, when given), and the titles."""
    years: dict[str, set[int]] = defaultdict(set)
    for line in sampled(path, limit):
        row = json.loads(line)
        if row.get("extract"):
            years[row["title"]].add(int(row.get("year") or 0))
    return dict(years), set(years)


def load_texts(path: Path, limit: int = 0) -> dict[str, list[str]]:
    """Each title's record texts (the lead, cast and genres), folded: what the corpus says."""
    out: dict[str, list[str]] = defaultdict(list)
    for line in sampled(path, limit):
        row = json.loads(line)
        if row.get("extract"):
            words = [row["extract"], *(row.get("cast") or []), *(row.get("genres") or [])]
            out[row["title"]].append(f" {name_key(' '.join(map(str, words)))} ")
    return out


_CAPITALISED = re.compile(r"(?:[A-Z][\w.'-]*)(?: (?:[A-Z][\w.'-]*|de|van|von|la|le|du|da|del))*")


def stated(q: Question, titles: set[str], texts: dict[str, list[str]]) -> bool:
    """Whether the corpus states an answer at all: a gold answer named in the film's record
    (or, for a person's films, the person named in a gold film's record). A diagnostic of
    what the leads can answer; the person's name is the question's longest capitalised run."""
    if q.category in UNANSWERABLE:
        return False
    if q.category in FILM_CATEGORIES:
        title = longest_title(q.question, titles)
        return any(f" {fold(g)} " in t or f" {name_key(g)} " in t
                   for g in q.answers for t in texts.get(title or "", []))
    names = [m.group() for m in _CAPITALISED.finditer(q.question)]
    if not names:
        return False
    person = name_key(max(names, key=len))
    return any(f" {person} " in t for a in q.answers for t in texts.get(a, []))


def load_questions(path: Path) -> list[Question]:
    with open(path, encoding="utf-8") as f:
        return [Question(r["category"], r["question"], r["answers"])
                for r in map(json.loads, f)]


def longest_title(question: str, titles: set[str]) -> str | None:
    """The longest title of ``titles`` written in ``question`` between word boundaries."""
    words = list(re.finditer(r"\S+", question))
    best = None
    for i in range(len(words)):
        for j in range(len(words), i, -1):
            text = question[words[i].start():words[j - 1].end()]
            for cand in (text, text.rstrip("?.!")):
                if cand in titles and (best is None or len(cand) > len(best)):
                    best = cand
            if best and len(best) >= len(text):
                break
    return best


def templates(questions: list[Question], titles: set[str]) -> dict[str, Counter[str]]:
    """Each film category's questions with their title replaced: the frequent ones are
    the benchmark's templates."""
    out: dict[str, Counter[str]] = defaultdict(Counter)
    for q in questions:
        if q.category in FILM_CATEGORIES:
            title = longest_title(q.question, titles)
            if title:
                out[q.category][q.question.replace(title, "{F}", 1)] += 1
    return out


def benchmark_years(questions: list[Question], titles: set[str]) -> dict[str, set[int]]:
    """The year the benchmark gives each title it asks the year of (one film a title)."""
    out: dict[str, set[int]] = defaultdict(set)
    for q in questions:
        if q.category == "movie_to_year":
            title = longest_title(q.question, titles)
            if title:
                out[title].update(int(a) for a in q.answers if a.isdigit())
    return out


def select(questions: list[Question], years: dict[str, set[int]], every_title: set[str],
           template_min: int = TEMPLATE_MIN) -> list[Question]:
    """The questions whose film (or all of whose answer films) the corpus has.

    A film is its title and, when the benchmark asks its year anywhere, that year: a
    corpus record of the title within a year of it (the corpus's year is its list's).
    Templates are learnt with ``every_title`` (the whole corpus), so that a ``--limit``
    selects the same kind of questions as the full run."""
    frequent = {c: {t for t, n in counter.items() if n >= template_min}
                for c, counter in templates(questions, every_title).items()}
    asked = benchmark_years(questions, every_title)
    titles = set(years)

    def held(title: str) -> bool:
        if title not in years:
            return False
        wanted = asked.get(title)
        return not wanted or any(abs(y - w) <= 1 for y in years[title] for w in wanted)

    out = []
    for q in questions:
        if q.category in FILM_CATEGORIES:
            title = longest_title(q.question, titles)
            if title and q.question.replace(title, "{F}", 1) in frequent.get(q.category, ()) \
                    and held(title):
                out.append(q)
        elif q.category in FILMS_CATEGORIES and q.answers and all(held(a) for a in q.answers):
            out.append(q)
    return out


def _says(text: str, words: str) -> bool:
    return bool(words) and f" {words} " in f" {name_key(text)} "


def hit(result: dict[str, Any], gold: list[str],
        doc_films: dict[str, int | None] | None = None) -> tuple[bool, bool]:
    """(the first answer is right, and one of its sentences states it).

    A film answer to a question about a person is stated by a sentence that names the
    person and is either in the film's own document or names the film too."""
    if not result["answers"]:
        return False, False
    first = result["answers"][0]
    value = str(first["value"])
    wanted = {fold(g) for g in gold}
    right = fold(value) in wanted
    if not right and re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", value):
        right, value = value[:4] in wanted, value[:4]
    if not right:
        return False, False
    sources = first["sources"]
    person = (result.get("interpretation") or {}).get("entity") or {}
    if person.get("type") == "person" and first.get("film"):
        name = name_key(person.get("name") or "")
        film = first["film"]
        return True, any(
            _says(s["text"], name) and ((doc_films or {}).get(s["document"]) == film["id"]
                                        or _says(s["text"], name_key(film["title"])))
            for s in sources)
    return True, any(_says(s["text"], fold(value)) or _says(s["text"], name_key(value))
                     for s in sources)


@dataclass
class Lookups:
    """What the miss causes read from the store: a film's documents (folded, spaced), the
    film's facts by value key (property), the films of a title."""

    texts: Any  # Callable[[int], list[str]]
    roles: Any  # Callable[[int], dict[str, str]]
    films: Any  # Callable[[str], list[int]]


def _named(gold: list[str], texts: list[str]) -> list[str]:
    return [g for g in gold if any(f" {k} " in t for k in {fold(g), name_key(g)} if k
                                   for t in texts)]


# the property each film category asks: a stored value of it that is not given is disputed
ASKED = {"movie_to_director": "director", "movie_to_writer": "screenwriter",
         "movie_to_actors": "cast_member", "movie_to_year": "year", "movie_to_genre": "genre",
         "movie_to_language": "original_language"}


def _film_cause(category: str, gold: list[str], result: dict[str, Any], look: Lookups) -> str:
    interp = result.get("interpretation") or {}
    entity = interp.get("entity") or {}
    films = [c["id"] for c in interp.get("candidates") or []] or (
        [entity["id"]] if entity.get("id") else [])
    if not films:
        return "film not found"
    wanted = {fold(g) for g in gold}
    for a in result["answers"]:
        if fold(a["value"]) in wanted or str(a["value"])[:4] in wanted:
            return "gold answered, not first" + (
                "" if (a.get("film") or {}).get("id") == films[0] else
                " (for another film of the title)")
    named = _named(gold, look.texts(films[0]))
    if named:
        roles = look.roles(films[0])
        other = sorted({roles[name_key(g)] for g in named if name_key(g) in roles})
        if ASKED.get(category) in other:
            return "stated, not believed (sources disagree)"
        return f"named only as {'/'.join(other)}" if other else "stated, not read"
    if any(_named(gold, look.texts(f)) for f in films[1:]):
        return "stated for another film of the title, not read"
    return "no document of the film names it"


def _person_cause(question: str, gold: list[str], result: dict[str, Any],
                  look: Lookups) -> str:
    wanted = {fold(g) for g in gold}
    if any(fold(a["value"]) in wanted for a in result["answers"]):
        return "gold film answered, not first"
    names = [m.group() for m in _CAPITALISED.finditer(question)]
    person = name_key(max(names, key=len)) if names else ""
    named = bool(person) and any(f" {person} " in t for g in gold for i in look.films(g)
                                 for t in look.texts(i))
    found = bool((result.get("interpretation") or {}).get("entity"))
    if named:
        return "credit not read" if found else "person not found, named in a gold film"
    return "no gold film's document names the person" + ("" if found else " (not found)")


def miss_cause(q: Question, result: dict[str, Any], look: Lookups) -> str:
    """Why an answer was wrong (see ``--causes`` in the module's docstring)."""
    if q.category in FILM_CATEGORIES:
        return _film_cause(q.category, q.answers, result, look)
    return _person_cause(q.question, q.answers, result, look)


def store_lookups(conn: Any) -> Lookups:
    """``Lookups`` read from a store's connection, each film's once."""
    from sqlalchemy import select as sql

    from backtrace.keys import title_key
    from backtrace.store.schema import documents, entities, facts

    texts: dict[int, list[str]] = {}
    roles: dict[int, dict[str, str]] = {}

    def text_of(film: int) -> list[str]:
        if film not in texts:
            texts[film] = [f" {name_key(t)} " for t in conn.execute(
                sql(documents.c.text).where(documents.c.film_id == film)).scalars()]
        return texts[film]

    def roles_of(film: int) -> dict[str, str]:
        if film not in roles:
            roles[film] = {name_key(str(r.value)): r.property for r in conn.execute(
                sql(facts.c.property, facts.c.value).where(facts.c.entity_id == film))}
        return roles[film]

    def films_of(title: str) -> list[int]:
        return list(conn.execute(sql(entities.c.id).where(
            entities.c.type == "film", entities.c.key == title_key(title))).scalars())

    return Lookups(text_of, roles_of, films_of)


class Baseline:
    """Title-substring lookup of the film (or name lookup of the person) and the first
    stored fact of the property a keyword names."""

    def __init__(self, conn: Any) -> None:
        from sqlalchemy import select as sql

        from backtrace.store.schema import entities

        self.conn = conn
        self.films: dict[str, int] = {}
        self.people: dict[str, int] = {}
        for r in conn.execute(sql(entities.c.id, entities.c.type, entities.c.name)
                              .order_by(entities.c.id)):
            if r.type == "film":
                self.films.setdefault(r.name.lower(), r.id)
            elif r.type == "person":
                self.people.setdefault(r.name.lower(), r.id)

    def _longest(self, question: str, names: dict[str, int]) -> int | None:
        words = question.lower().rstrip("?").split()
        for n in range(len(words), 0, -1):
            for i in range(len(words) - n + 1):
                found = names.get(" ".join(words[i:i + n]))
                if found is not None:
                    return found
        return None

    def ask(self, question: str, films_asked: bool) -> dict[str, Any]:
        from sqlalchemy import select as sql

        from backtrace.store.schema import claims, entities, facts

        lowered = question.lower()
        prop = next((p for word, p in KEYWORDS if word in lowered), None)
        if prop is None:
            return {"answers": []}
        if films_asked:
            person = self._longest(question, self.people)
            if person is None:
                return {"answers": []}
            row = self.conn.execute(
                sql(entities.c.name).join(claims, claims.c.subject_id == entities.c.id)
                .where(claims.c.value_entity_id == person, claims.c.property == prop,
                       entities.c.type == "film").order_by(claims.c.id).limit(1)).first()
            return {"answers": [{"value": row.name, "sources": []}] if row else []}
        film = self._longest(question, self.films)
        if film is None:
            return {"answers": []}
        row = self.conn.execute(sql(facts.c.value).where(
            facts.c.entity_id == film, facts.c.property == prop).order_by(facts.c.id)
            .limit(1)).first()
        return {"answers": [{"value": row.value, "sources": []}] if row else []}


def build_store(source: Path, db: str, limit: int) -> float:
    """Ingest the corpus (``limit`` records of it) unless ``db`` holds a store."""
    import backtrace

    if Path(db).exists():
        return 0.0
    start = time.perf_counter()
    corpus = source
    if limit:
        corpus = Path(tempfile.mkdtemp(prefix="qa-")) / "movies.jsonl"
        corpus.write_text("".join(sampled(source, limit)), encoding="utf-8")
    with backtrace.open(db) as kb:
        kb.ingest([corpus], text_field="extract")
    return time.perf_counter() - start


def run(questions: list[Question], db: str, said: list[bool] | None = None,
        causes: bool = False) -> dict[str, Any]:
    from sqlalchemy import select as sql_select

    from backtrace.ask import Asker
    from backtrace.store import Store
    from backtrace.store.schema import documents

    store = Store(db, read_only=True)
    asker = Asker(store)
    rows: dict[str, dict[str, int]] = defaultdict(Counter)
    misses: list[dict[str, Any]] = []
    start = time.perf_counter()
    results = [asker.ask(q.question).to_json() for q in questions]
    seconds = time.perf_counter() - start
    with store.read() as conn:
        baseline = Baseline(conn)
        base = [baseline.ask(q.question, q.category in FILMS_CATEGORIES) for q in questions]
        doc_films = {r.id: r.film_id for r in conn.execute(
            sql_select(documents.c.id, documents.c.film_id))}
        look = store_lookups(conn) if causes else None
        why = [miss_cause(q, r, look) if look and q.category not in UNANSWERABLE
               and not hit(r, q.answers)[0] else None
               for q, r in zip(questions, results, strict=True)]
    store.close()
    by_cause: dict[str, Counter[str]] = defaultdict(Counter)
    said = said if said is not None else [False] * len(questions)
    for q, result, b, told, cause in zip(questions, results, base, said, why, strict=True):
        row = rows[q.category]
        right, quoted = hit(result, q.answers, doc_films)
        row["n"] += 1
        row["stated"] += told
        row["stated_hits"] += right and told
        row["answered"] += bool(result["answers"])
        row["hits"] += right
        row["sourced"] += quoted
        row["baseline"] += hit({"answers": [{**a, "sources": []} for a in b["answers"]]},
                               q.answers)[0]
        if not right:
            misses.append({"category": q.category, "question": q.question, "gold": q.answers,
                           "got": [a["value"] for a in result["answers"][:3]],
                           "note": result["note"]} | ({"cause": cause} if cause else {}))
            if cause:
                by_cause[q.category][cause] += 1
    return {"rows": rows, "seconds": seconds, "misses": misses, "causes": by_cause}


def summarize(rows: dict[str, dict[str, int]], seconds: float, n: int) -> dict[str, Any]:
    def share(a: int, b: int) -> float:
        return round(a / b, 3) if b else 0.0

    answerable = [c for c in rows if c not in UNANSWERABLE]
    total = {k: sum(rows[c][k] for c in answerable)
             for k in ("n", "hits", "sourced", "answered", "baseline", "stated", "stated_hits")}
    return {
        "categories": {c: {"n": r["n"], "hits_at_1": share(r["hits"], r["n"]),
                           "answered": share(r["answered"], r["n"]),
                           "baseline_hits_at_1": share(r["baseline"], r["n"]),
                           "sourced": share(r["sourced"], r["hits"]),
                           "stated": share(r["stated"], r["n"]),
                           "hits_at_1_where_stated": share(r["stated_hits"], r["stated"])}
                       for c, r in sorted(rows.items())},
        "answerable": {"n": total["n"], "hits_at_1": share(total["hits"], total["n"]),
                       "baseline_hits_at_1": share(total["baseline"], total["n"]),
                       "sourced": share(total["sourced"], total["hits"]),
                       "answered": share(total["answered"], total["n"]),
                       "stated": share(total["stated"], total["n"]),
                       "hits_at_1_where_stated": share(total["stated_hits"], total["stated"])},
        "questions_per_second": round(n / seconds, 1) if seconds else 0.0,
        "questions": n,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--db", default=None, help="the store (built there when absent)")
    ap.add_argument("--limit", type=int, default=0, help="N corpus records, spread over the file")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--misses", metavar="FILE", help="write the wrong answers as JSONL")
    ap.add_argument("--causes", action="store_true",
                    help="count the wrong answers by cause (read from the store)")
    ap.add_argument("--template-min", type=int, default=TEMPLATE_MIN, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    data = Path(args.data)
    if not (data / SOURCE).exists() or not (data / QUESTIONS).exists():
        print(f"skipped: {data / SOURCE} or {data / QUESTIONS} is absent")
        return 0
    db = args.db or str(Path(tempfile.mkdtemp(prefix="qa-")) / "qa.db")
    built = build_store(data / SOURCE, db, args.limit)
    every, every_title = load_corpus(data / SOURCE)
    years = load_corpus(data / SOURCE, args.limit)[0] if args.limit else every
    chosen = select(load_questions(data / QUESTIONS), years, every_title, args.template_min)
    texts = load_texts(data / SOURCE, args.limit)
    said = [stated(q, set(years), texts) for q in chosen]
    measured = run(chosen, db, said, causes=args.causes)
    figures = summarize(measured["rows"], measured["seconds"], len(chosen))
    if args.causes:
        figures["causes"] = {c: dict(n.most_common()) for c, n in
                             sorted(measured["causes"].items())}
    figures["store_built_seconds"] = round(built, 1)
    if args.misses:
        with open(args.misses, "w", encoding="utf-8") as f:
            for m in measured["misses"]:
                f.write(json.dumps(m, ensure_ascii=False) + "\n")
    command = "reproduce: .venv/bin/python bench/qa.py" + (
        " --causes" if args.causes else "") + (
        f" --limit {args.limit}" if args.limit else "") + (f" --db {args.db}" if args.db
                                                           else "")
    if args.json:
        print(json.dumps({**figures, "command": command}, indent=2))
        return 0
    print(f"{len(chosen)} questions whose film is in the corpus"
          + (f" (store built in {built:.0f} s)" if built else f" (store {db} reused)"))
    print(f"{'category':<22}{'n':>6}{'hits@1':>9}{'answered':>10}{'sourced':>9}"
          f"{'baseline':>10}{'stated':>8}{'hits@1 where stated':>21}")

    def line(name: str, c: dict[str, Any], mark: str = "") -> None:
        print(f"{name:<22}{c['n']:>6}{c['hits_at_1']:>9.3f}{c['answered']:>10.3f}"
              f"{c['sourced']:>9.3f}{c['baseline_hits_at_1']:>10.3f}{c['stated']:>8.3f}"
              f"{c['hits_at_1_where_stated']:>21.3f}{mark}")

    for name, c in figures["categories"].items():
        line(name, c, "  (no lead states it)" if name in UNANSWERABLE else "")
    line("answerable, overall", figures["answerable"])
    print(f"{figures['questions_per_second']:,.1f} questions/s (one process, one thread)")
    for name, counts in figures.get("causes", {}).items():
        print(f"wrong answers of {name} ({sum(counts.values())}): "
              + "; ".join(f"{n} {cause}" for cause, n in counts.items()))
    print("baseline: the longest stored title (or name) in the question, a keyword's "
          "property, its first stored fact; stated: a gold answer is named in the film's "
          "record (a person: in a gold film's record)")
    print(command)
    return 0


if __name__ == "__main__":
    sys.exit(main())
