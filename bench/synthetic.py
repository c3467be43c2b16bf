"""A synthetic store of N films (default 1,000,000) to measure reads, search and exports on.

    .venv/bin/python bench/synthetic.py --films 1000000 --db /tmp/synthetic-1m.db
                                        [--data ../shared/data] [--seed 25]

The shapes come from the real dev records (wikipedia-movie-data/movies_dev.jsonl): title
words and title lengths, years, genre lists, cast sizes and the given names and surnames
of the cast are sampled from them; every title, name, sentence and figure of the store is
generated (no sentence of the records is copied). Per film, as an ingest of the dev corpus
gives: one encyclopedia document (a lead paragraph and an infobox, ~320 characters; the
real ones average 430), about 15 claims each on its own span of that text, about 11 facts,
1.5 people per film (each credited in a few films of the same stretch of years, some under
a second name), 6 x sqrt(N) distributors (6,000 at a million) and 35 countries. About 8 %
of the films have a second document (news) that agrees with the first or gives another
running time; about 3.5 % state two years (infobox and lead): the disputed facts
``conflicts`` lists.

Every fact is what ``resolve.reconcile`` makes of the film's claims (``backtrace check``
finds nothing out of date; ``--check-facts`` compares every film's with a direct call), and
every claim's span holds the words that state its value. Generation is deterministic for a
seed (only ``ingested_at`` differs between two runs).
The tables are the store's own (created by its migrations); the rows are written in bulk
with ``executemany`` on one connection, the secondary indexes built after the rows, then
the search index by the store's own ``refresh_search``. Nothing is downloaded.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sqlite3
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from backtrace.keys import name_key, title_key  # noqa: E402
from backtrace.model import PROPERTIES  # noqa: E402
from backtrace.resolve.facts import ClaimRow, FactRow, reconcile  # noqa: E402

DEV = Path("wikipedia-movie-data") / "movies_dev.jsonl"
BATCH = 5000  # films generated and written at a time
PEOPLE_PER_FILM = 1.5  # as in the store of the dev corpus (40,347 people, 26,967 films)
WINDOW = 4000  # people a film draws its credits from: those of neighbouring films
SECOND_DOCUMENT = 0.08  # films with a news document too
YEAR_DISPUTE = 0.035  # films whose infobox gives another year than their lead sentence
DURATION_DISPUTE = 0.3  # second documents that give another running time
EXTRA_NAME = 0.04  # people with a second name (initials, a middle name left out)
COUNTRIES = ("United States", "United Kingdom", "France", "Germany", "Italy", "Japan",
             "India", "Canada", "Australia", "Spain", "Mexico", "Sweden", "Denmark", "Brazil",
             "Argentina", "Poland", "Hungary", "Finland", "Norway", "Greece", "Turkey",
             "Egypt", "China", "South Korea", "Hong Kong", "Ireland", "Belgium", "Austria",
             "Netherlands", "Portugal", "Iran", "Philippines", "Nigeria", "Chile", "Czechia")
STUDIO_WORDS = ("Pictures", "Films", "Studios", "Releasing", "Distribution", "Features")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
KIND_RANK = {"encyclopedia": 0, "news": 1, "review": 2}  # store.claim_reader's source order
_WORD = re.compile(r"^[A-Z][a-z]+$")
ARTICLES = ("The", "A", "An")
MISSES = 50  # names drawn in a row that are taken: then the names drawn are longer
_NAME = re.compile(r"^[A-Z][a-z]{1,14}$")


@dataclass(slots=True)
class Shapes:
    """What is sampled from the real records: each list holds one value per record (or per
    word, per name), so sampling it uniformly follows the real distribution."""

    title_words: list[str]  # the capitalised words of titles, but articles
    title_lengths: list[int]  # words of a title, but its article
    articles: list[str]  # the article a title starts with ("The", "A"), or ""
    years: list[int]
    genres: list[list[str]]
    cast_sizes: list[int]
    given_names: list[str]
    surnames: list[str]


def load_shapes(path: Path) -> Shapes:
    """The shapes of the records of ``path`` (a JSONL of title, year, cast, genres)."""
    s = Shapes([], [], [], [], [], [], [], [])
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            words = str(record.get("title", "")).split()
            article = words.pop(0) if words and words[0] in ARTICLES else ""
            s.articles.append(article)
            s.title_words += [w for w in words if _WORD.match(w) and w not in ARTICLES]
            s.title_lengths.append(max(1, min(len(words), 5)))
            if isinstance(record.get("year"), int):
                s.years.append(record["year"])
            s.genres.append([g for g in record.get("genres", []) if isinstance(g, str)][:3])
            cast = [c for c in record.get("cast", []) if isinstance(c, str)]
            s.cast_sizes.append(min(len(cast), 12))
            for name in cast:
                parts = name.split()
                if len(parts) >= 2 and _NAME.match(parts[0]) and _NAME.match(parts[-1]):
                    s.given_names.append(parts[0])
                    s.surnames.append(parts[-1])
    if not (s.title_words and s.years and s.given_names):
        raise SystemExit(f"{path.name}: no titles, years or cast names to sample")
    return s


@dataclass(slots=True)
class Entity:
    id: int
    type: str
    name: str
    key: str
    year: int = 0
    other: tuple[str, str] | None = None  # a second name and why it is theirs (RULES)


def make_people(rng: random.Random, shapes: Shapes, count: int, first_id: int) -> list[Entity]:
    """``count`` people of distinct names; some with a middle initial, a few with a
    second name (their initials, or their name without the middle initial)."""
    people: list[Entity] = []
    taken: set[str] = set()
    misses = 0
    while len(people) < count:
        given, surname = rng.choice(shapes.given_names), rng.choice(shapes.surnames)
        middle = f" {chr(65 + rng.randrange(26))}." if rng.random() < 0.2 else ""
        if misses > MISSES:  # a small pool of names used up: double-barrelled surnames
            surname = f"{surname}-{rng.choice(shapes.surnames)}"
        name = f"{given}{middle} {surname}"
        key = name_key(name)
        if key in taken:
            misses += 1
            continue
        misses = 0
        taken.add(key)
        person = Entity(first_id + len(people), "person", name, key)
        if rng.random() < EXTRA_NAME:
            other = (f"{given} {surname}", "middle") if middle else (
                f"{given[0]}. {surname}", "initials")
            if name_key(other[0]) not in taken:
                person.other = other
        people.append(person)
    return people


def make_fixed(rng: random.Random, shapes: Shapes, first_id: int, studios: int) -> list[Entity]:
    """The countries and ``studios`` distributors ("Harbor Pictures")."""
    out = [Entity(first_id + i, "place", c, name_key(c)) for i, c in enumerate(COUNTRIES)]
    taken: set[str] = set()
    misses = 0
    while len(taken) < studios:
        word = rng.choice(shapes.title_words)
        if misses > MISSES:  # a small pool of words used up: two words
            word = f"{word} {rng.choice(shapes.title_words)}"
        name = f"{word} {rng.choice(STUDIO_WORDS)}"
        if name_key(name) in taken:
            misses += 1
            continue
        misses = 0
        taken.add(name_key(name))
        out.append(Entity(first_id + len(out), "organization", name, name_key(name)))
    return out


@dataclass(slots=True)
class Said:
    """One claim a document makes: its property, value and the span that states it."""

    property: str
    value: Any
    value_key: str
    entity: int | None
    qualifiers: dict[str, Any]
    extractor: str
    confidence: float
    start: int
    end: int
    display: str | None


class Page:
    """A document's text as it is written, with its sentences and the claims it makes."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0
        self.sentences: list[list[int]] = []
        self.said: list[Said] = []
        self.sections: list[dict[str, Any]] = []
        self._sentence = 0

    def put(self, text: str) -> None:
        self.parts.append(text)
        self.pos += len(text)

    def state(self, text: str, prop: str, value: Any, key: str, how: tuple[str, float],
              entity: Entity | None = None, qualifiers: dict[str, Any] | None = None) -> None:
        """Write ``text``, which states ``value`` of ``prop`` (extractor, confidence)."""
        start = self.pos
        self.put(text)
        self.said.append(Said(prop, value, key, entity.id if entity else None,
                              qualifiers or {}, how[0], how[1], start, self.pos,
                              entity.name if entity else None))

    def end_sentence(self, gap: str = " ") -> None:
        self.sentences.append([self._sentence, self.pos])
        self.put(gap)
        self._sentence = self.pos

    def name(self, prop: str, person: Entity, how: tuple[str, float], read: list[Any],
             qualifiers: dict[str, Any] | None = None) -> None:
        """State a credit of ``person``, under a second name of theirs when ``read[0]``
        says so; ``read[1]`` collects (person, name, start, end) for the alias spans."""
        written = person.other[0] if read[0] and person.other else person.name
        start = self.pos
        self.state(written, prop, written, f"e:{person.id}", how, person, qualifiers)
        read[1].append((person.id, written, start, self.pos))

    def names(self, prop: str, people: list[Entity], how: tuple[str, float],
              read: list[Any], qualifiers: dict[str, Any] | None = None) -> None:
        """"A", "A and B", "A, B and C"."""
        for i, person in enumerate(people):
            if i:
                self.put(" and " if i == len(people) - 1 else ", ")
            self.name(prop, person, how, read, qualifiers)

    @property
    def text(self) -> str:
        return "".join(self.parts)


LEAD, PROSE, BOX = ("lead_sentence", 0.9), ("prose_rules", 0.75), ("infobox", 0.95)
CREDIT = ("lead_sentence", 0.85)


@dataclass(slots=True)
class Film:
    """What is true of one synthetic film, before any document states it."""

    n: int
    entity: Entity
    lead_year: int
    genres: list[str]
    country: Entity
    director: Entity
    writers: list[Entity]
    cast: list[Entity]
    distributor: Entity | None
    date: str | None
    duration: int | None
    second: int | None  # the running time a news document gives; 0: none given


def lead_page(f: Film, read: list[Any]) -> Page:
    """The encyclopedia document: a lead paragraph, then an infobox."""
    p = Page()
    p.put(f"{f.entity.name} is a ")
    p.state(str(f.lead_year), "year", f.lead_year, str(f.lead_year), LEAD)
    for i, genre in enumerate(f.genres):
        p.put(" and " if i else " ")
        p.state(genre.lower(), "genre", genre.lower(), name_key(genre), LEAD)
    p.put(" film from ")
    p.state(f.country.name, "country_of_origin", f.country.name, f"e:{f.country.id}", LEAD,
            f.country)
    p.put(" directed by ")
    p.name("director", f.director, CREDIT, read)
    p.put(".")
    if f.writers:
        p.end_sentence()
        p.put("It was written by ")
        p.names("screenwriter", f.writers, CREDIT, read, {"credit": "writer"})
        p.put(".")
    if f.cast:
        p.end_sentence()
        p.put("It stars ")
        p.names("cast_member", f.cast, CREDIT, read)
        p.put(".")
    _release(p, f, read)
    p.end_sentence("\n\n")
    section = p.pos
    p.put("== Infobox ==\n")
    _infobox(p, f, read)
    p.said.sort(key=lambda s: s.start)
    p.sections = [{"title": "Infobox", "level": 1, "start": section, "end": p.pos}]
    return p


def _release(p: Page, f: Film, read: list[Any]) -> None:
    if f.distributor or f.date:
        p.end_sentence()
        if f.distributor:
            p.state(f.distributor.name, "distributor", f.distributor.name,
                    f"e:{f.distributor.id}", CREDIT, f.distributor)
            p.put(" released it")
        else:
            p.put("It came out")
        if f.date:
            year, month, day = (int(x) for x in f.date.split("-"))
            p.put(" on ")
            p.state(f"{MONTHS[month - 1]} {day}, {year}", "publication_date", f.date, f.date,
                    CREDIT)
        p.put(".")
    if f.duration:
        p.end_sentence()
        p.put("It runs for ")
        p.state(f"{f.duration} minutes", "duration", f.duration, str(f.duration), PROSE)
        p.put(".")


def _infobox(p: Page, f: Film, read: list[Any]) -> None:
    p.put("- Year: ")
    p.state(str(f.entity.year), "year", f.entity.year, str(f.entity.year), BOX)
    p.end_sentence("\n")
    if f.cast:
        p.put("- Cast: ")
        for i, person in enumerate(f.cast[:3]):
            p.put(", " if i else "")
            p.name("cast_member", person, BOX, read)
        p.end_sentence("\n")
    if f.genres:
        p.put("- Genres: ")
        for i, genre in enumerate(f.genres):
            p.put(", " if i else "")
            p.state(genre, "genre", genre.lower(), name_key(genre), BOX)
        p.end_sentence("\n")
    p.parts[-1] = p.parts[-1].rstrip("\n")  # the text ends at the last line
    p.pos -= 1


def news_page(f: Film, read: list[Any]) -> Page:
    """A short news item: the film's year, director and a running time."""
    p = Page()
    p.put(f"{f.entity.name}, the ")
    p.state(str(f.entity.year), "year", f.entity.year, str(f.entity.year), PROSE)
    p.put(" picture from ")
    p.name("director", f.director, PROSE, read)
    if f.second:
        p.put(", lasts ")
        p.state(f"{f.second} minutes", "duration", f.second, str(f.second), PROSE)
    p.put(".")
    p.end_sentence("")
    return p


@dataclass(slots=True)
class World:
    """Everything films are made of: the shapes sampled, the people, places and studios,
    and the (title key, year) pairs already taken."""

    rng: random.Random
    shapes: Shapes
    people: list[Entity]
    places: list[Entity]
    studios: list[Entity]
    used: bytearray  # people credited at least once (only they are written)
    taken: set[int]
    facts: Facts

    def person(self, n: int) -> Entity:
        """Someone of the stretch of people film ``n`` draws from, the nearest likeliest."""
        centre = int(n * PEOPLE_PER_FILM)
        i = (centre - int(WINDOW * self.rng.random() ** 2)) % len(self.people)
        self.used[i] = 1
        return self.people[i]

    def crew(self, n: int, size: int) -> list[Entity]:
        out: dict[int, Entity] = {}
        for _ in range(size):
            person = self.person(n)
            out[person.id] = person
        return list(out.values())

    def title(self, year: int) -> str:
        rng, words = self.rng, self.shapes.title_words
        parts = [rng.choice(words) for _ in range(rng.choice(self.shapes.title_lengths))]
        article = rng.choice(self.shapes.articles)
        parts = [article, *parts] if article else parts
        while hash((title_key(" ".join(parts)), year)) in self.taken:
            parts.append(rng.choice(words))
        self.taken.add(hash((title_key(" ".join(parts)), year)))
        return " ".join(parts)


def plan_film(w: World, n: int, film_id: int) -> Film:
    rng, shapes = w.rng, w.shapes
    year = rng.choice(shapes.years)
    title = w.title(year)
    lead_year = year - 1 if rng.random() < YEAR_DISPUTE else year
    date = (f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            if rng.random() < 0.6 else None)
    duration = rng.randint(55, 150) if rng.random() < 0.45 else None
    second = None
    if rng.random() < SECOND_DOCUMENT:
        second = duration or rng.randint(55, 150)
        if duration and rng.random() < DURATION_DISPUTE:
            second = duration + rng.choice((-9, -6, -4, 3, 5, 8))
    studio = w.studios[int(len(w.studios) * rng.random() ** 2)] if rng.random() < 0.7 else None
    return Film(n, Entity(film_id, "film", title, title_key(title), year), lead_year,
                rng.choice(shapes.genres), w.places[int(len(w.places) * rng.random() ** 3)],
                w.person(n), w.crew(n, rng.choice((0, 0, 1, 1, 2))),
                w.crew(n, rng.choice(shapes.cast_sizes)), studio, date, duration, second)


class Facts:
    """``reconcile`` of a film's claims, remembered by their shape.

    Where no value contests another (every single-valued property has one value), the
    facts depend on the claims' properties, which of them state the same value, their
    extractors, confidences, qualifiers and documents, not on the values: the claims are
    reconciled once per shape with stand-ins for the values and the documents' names and
    dates, and the stand-ins replaced after. Films with a contest are reconciled as they
    are (``--check-facts`` compares both ways on every film)."""

    def __init__(self, check: bool = False) -> None:
        self.shapes: dict[tuple[Any, ...], list[FactRow]] = {}
        self.check = check

    def __call__(self, claims: list[ClaimRow]) -> list[FactRow]:
        if _contested(claims):
            return reconcile(claims)
        names = sorted({c.document_name for c in claims})
        dates = sorted({c.document_date for c in claims if c.document_date})
        values: dict[tuple[str, str], str] = {}
        shape = tuple(
            (c.property, values.setdefault((c.property, c.value_key), f"v{len(values)}"),
             c.extractor, c.confidence, tuple(sorted(c.qualifiers.items())),
             names.index(c.document_name), c.document_kind,
             dates.index(c.document_date) if c.document_date else None)
            for c in claims)
        template = self.shapes.get(shape)
        if template is None:
            template = self.shapes[shape] = reconcile([_stand_in(i, s)
                                                       for i, s in enumerate(shape)])
        out = []
        for t in template:
            first = claims[int(t.claim_ids[0])]
            reason = t.reason
            for i, name in enumerate(names):
                reason = reason.replace(f"\x01D{i}\x01", name)
            for i, date in enumerate(dates):
                reason = reason.replace(f"\x01T{i}\x01", date)
            out.append(FactRow(t.property, first.value if first.display is None else first.display,
                               first.value_key, dict(t.qualifiers), t.status, t.believed,
                               t.confidence, reason, t.position,
                               [claims[int(i)].id for i in t.claim_ids]))
        if self.check:
            assert out == reconcile(claims), claims
        return out


def _stand_in(i: int, shape: tuple[Any, ...]) -> ClaimRow:
    prop, value, extractor, confidence, qualifiers, doc, kind, date = shape
    return ClaimRow(str(i), prop, value, value, dict(qualifiers), confidence, f"\x01D{doc}\x01",
                    kind, None if date is None else f"\x01T{date}\x01", None,
                    f"\x01D{doc}\x01", extractor)


def _contested(claims: list[ClaimRow]) -> bool:
    """Whether a single-valued property is given two values (or there is box office)."""
    seen: dict[str, str] = {}
    for c in claims:
        if c.property == "box_office":
            return True
        if PROPERTIES[c.property].single and seen.setdefault(c.property, c.value_key) != (
                c.value_key):
            return True
    return False


DOCUMENT_COLUMNS = ("id", "path", "kind", "title", "title_explicit", "date", "text",
                    "sections", "sentences", "source_format", "meta", "film_title",
                    "film_year", "film_id", "ingested_at", "seq")
COLUMNS = {
    "entities": ("id", "type", "name", "key", "year"),
    "aliases": ("entity_id", "alias", "key", "reason"),
    "documents": DOCUMENT_COLUMNS,
    "spans": ("id", "document_id", "start", "end", "text"),
    "alias_spans": ("entity_id", "alias", "span_id", "document_id"),
    "claims": ("id", "document_id", "span_id", "subject_id", "subject_mention", "property",
               "value", "value_key", "value_entity_id", "qualifiers", "extractor",
               "confidence"),
    "facts": ("id", "entity_id", "property", "value", "value_key", "qualifiers", "status",
              "believed", "confidence", "reason", "position", "override_id"),
    "fact_claims": ("fact_id", "claim_id"),
}


@dataclass(slots=True)
class Rows:
    """The rows of a batch of films, by table, and the counters that go on across
    batches (document sequence, fact ids)."""

    seq: int = 0
    fact: int = 0
    now: str = ""
    tables: dict[str, list[tuple[Any, ...]]] | None = None

    def start(self) -> None:
        self.tables = {name: [] for name in COLUMNS}

    def add(self, table: str, row: tuple[Any, ...]) -> None:
        assert self.tables is not None
        self.tables[table].append(row)


def _json(value: Any) -> str:
    """``json.dumps(value)``, without its cost for the plain names and numbers most
    values are (the JSON columns hold what SQLAlchemy's JSON type writes: json.dumps)."""
    if type(value) is str and value.isascii() and value.isprintable() and not (
            '"' in value or "\\" in value):
        return f'"{value}"'
    if type(value) is int:
        return str(value)
    return "{}" if value == {} else json.dumps(value)


def write_page(rows: Rows, f: Film, page: Page, kind: str, date: str | None,
               read: list[Any]) -> list[ClaimRow]:
    """The rows of one document of film ``f``; its claims as reconciliation reads them."""
    assert rows.tables is not None
    rows.seq += 1
    doc, text = f"{rows.seq:016x}", page.text
    path = f"synthetic/films.jsonl#L{f.n + 1}" if kind == "encyclopedia" else (
        f"synthetic/news/{f.n + 1}.txt")
    name, film = path.rsplit("/", 1)[-1], f.entity
    rows.add("documents", (doc, path, kind, film.name, 1, date, text,
                           json.dumps(page.sections), json.dumps(page.sentences), "synthetic",
                           json.dumps({"year": film.year}), film.name, film.year, film.id,
                           rows.now, rows.seq))
    spans, claims, out = rows.tables["spans"].append, rows.tables["claims"].append, []
    for i, s in enumerate(page.said):
        span, claim = f"{doc}:{s.start}-{s.end}", f"{doc}:{i}"
        spans((span, doc, s.start, s.end, text[s.start:s.end]))
        claims((claim, doc, span, film.id, None, s.property, _json(s.value), s.value_key,
                s.entity, "{}" if not s.qualifiers else json.dumps(s.qualifiers),
                s.extractor, s.confidence))
        out.append(ClaimRow(claim, s.property, s.value, s.value_key, s.qualifiers,
                            s.confidence, doc, kind, date, s.display, name, s.extractor))
    for person, alias, start, end in read[1]:
        rows.add("alias_spans", (person, alias, f"{doc}:{start}-{end}", doc))
    # the order store.claim_reader reads them in: source, date, document, offset, property
    ranked = sorted((KIND_RANK.get(kind, 3), date or "", doc, s.start, s.property, i)
                    for i, s in enumerate(page.said))
    return [out[r[-1]] for r in ranked]


def film_rows(w: World, rows: Rows, f: Film) -> None:
    """The rows of film ``f``: itself, its documents, claims, spans and facts."""
    film = f.entity
    rows.add("entities", (film.id, "film", film.name, film.key, film.year))
    rows.add("aliases", (film.id, film.name, film.key, None))
    read: list[Any] = [w.rng.random() < 0.5, []]  # a second name used, the names read
    claims = write_page(rows, f, lead_page(f, read), "encyclopedia", None, read)
    if f.second is not None:
        news, read = f"{film.year}-12-{w.rng.randint(1, 28):02d}", [True, []]
        claims += write_page(rows, f, news_page(f, read), "news", news, read)
    for fact in w.facts(claims):
        rows.fact += 1
        rows.add("facts", (rows.fact, film.id, fact.property, _json(fact.value),
                           fact.value_key, _json(fact.qualifiers), fact.status,
                           int(fact.believed), fact.confidence, fact.reason, fact.position,
                           None))
        for claim in fact.claim_ids:
            rows.add("fact_claims", (rows.fact, claim))


def _insert(conn: sqlite3.Connection, table: str, rows: list[tuple[Any, ...]]) -> None:
    columns = COLUMNS[table]
    quoted = ", ".join(f'"{c}"' for c in columns)
    conn.executemany(f"INSERT INTO {table} ({quoted}) VALUES ({', '.join('?' * len(columns))})",
                     rows)


def create(db: Path) -> None:
    """An empty store with the store's own tables (its migrations)."""
    from backtrace.store.engine import make_engine

    if db.exists():
        raise SystemExit(f"{db.name}: already exists; remove it or give another --db")
    make_engine(db).dispose()


def bulk_connection(db: Path) -> tuple[sqlite3.Connection, list[str]]:
    """A connection for the bulk load, and the statements that make again the secondary
    indexes and the triggers it drops: the indexes are built after the rows (sorting once
    beats inserting in place), the search index by ``refresh_search`` at the end, not by
    the writers' triggers a row at a time."""
    conn = sqlite3.connect(db, isolation_level=None)
    for pragma in ("journal_mode=OFF", "synchronous=OFF", "cache_size=-400000",
                   "foreign_keys=OFF"):
        conn.execute(f"PRAGMA {pragma}")
    dropped = conn.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE (type = 'index' AND sql IS NOT NULL "
        "AND sql NOT LIKE '%UNIQUE%') OR type = 'trigger'").fetchall()
    for kind, name, _sql in dropped:
        conn.execute(f'DROP {kind.upper()} "{name}"')
    return conn, [sql for _kind, _name, sql in dropped]


def write_fixed(conn: sqlite3.Connection, w: World) -> None:
    """The people credited, the places and the studios, with their names."""
    entities, names = [], []
    for e in w.places + w.studios + [p for i, p in enumerate(w.people) if w.used[i]]:
        entities.append((e.id, e.type, e.name, e.key, 0))
        names.append((e.id, e.name, e.key, None))
        if e.other:
            names.append((e.id, e.other[0], name_key(e.other[0]), e.other[1]))
    conn.execute("BEGIN")
    _insert(conn, "entities", entities)
    _insert(conn, "aliases", names)
    conn.execute("COMMIT")


def generate(db: Path, films: int, shapes: Shapes, seed: int, check: bool = False
             ) -> dict[str, float]:
    """Write ``films`` films into the new store ``db``; seconds of each step."""
    took: dict[str, float] = {}
    start = time.perf_counter()
    create(db)
    rng = random.Random(seed)
    fixed = make_fixed(rng, shapes, 1, max(20, int(6 * films ** 0.5)))
    people = make_people(rng, shapes, max(10, int(films * PEOPLE_PER_FILM)), len(fixed) + 1)
    w = World(rng, shapes, people, fixed[:len(COUNTRIES)], fixed[len(COUNTRIES):],
              bytearray(len(people)), set(), Facts(check))
    conn, indexes = bulk_connection(db)
    rows = Rows(now=datetime.now(UTC).isoformat(timespec="seconds"))
    first_film = len(fixed) + len(people) + 1
    took["people"] = time.perf_counter() - start
    for lo in range(0, films, BATCH):
        rows.start()
        for n in range(lo, min(films, lo + BATCH)):
            film_rows(w, rows, plan_film(w, n, first_film + n))
        assert rows.tables is not None
        conn.execute("BEGIN")
        for table, batch in rows.tables.items():
            _insert(conn, table, batch)
        conn.execute("COMMIT")
        if lo and lo % (20 * BATCH) == 0:
            print(f"  {lo:,} films written ({time.perf_counter() - start:.0f} s)", flush=True)
    write_fixed(conn, w)
    took["rows"] = time.perf_counter() - start - took["people"]
    mark = time.perf_counter()
    for sql in indexes:
        conn.execute(sql)
    conn.execute("ANALYZE")
    conn.execute("PRAGMA journal_mode=WAL")
    conn.close()
    took["indexes"] = time.perf_counter() - mark
    mark = time.perf_counter()
    index_search(db)
    took["search index"] = time.perf_counter() - mark
    return took


def index_search(db: Path) -> None:
    """The search index, built by the store's own ``refresh_search``."""
    from backtrace.store.engine import WRITE, make_engine
    from backtrace.store.search import refresh_search

    engine = make_engine(db)
    try:
        with engine.connect() as conn, conn.execution_options(**{WRITE: True}).begin():
            refresh_search(conn)
    finally:
        engine.dispose()


def counts(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in COLUMNS}
    finally:
        conn.close()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--films", type=int, default=1_000_000, help="films in the store")
    ap.add_argument("--db", type=Path, default=None,
                    help="the store to make (default: synthetic-<films>.db in the temp folder)")
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--seed", type=int, default=25)
    ap.add_argument("--check-facts", action="store_true",
                    help="also reconcile every film's claims directly and compare (slower)")
    args = ap.parse_args(argv)
    if args.films < 1:
        ap.error("--films must be at least 1")
    source = args.data / DEV
    if not source.exists():
        print(f"{DEV.name}: not found under --data; the shapes are sampled from it",
              file=sys.stderr)
        return 1
    db = args.db or Path(tempfile.gettempdir()) / f"synthetic-{args.films}.db"
    start = time.perf_counter()
    took = generate(db, args.films, load_shapes(source), args.seed, args.check_facts)
    total = time.perf_counter() - start
    print(f"{db.name}: {args.films:,} films in {total:.0f} s ("
          + ", ".join(f"{k} {v:.0f} s" for k, v in took.items())
          + f"), {db.stat().st_size / 2**20:,.0f} MB")
    print("  " + ", ".join(f"{t} {n:,}" for t, n in counts(db).items()))
    where = "" if args.db is None else (  # no local path shown: a folder given is elided
        f" --db {args.db}" if not args.db.is_absolute() else f" --db <folder>/{db.name}")
    print(f"reproduce: .venv/bin/python bench/synthetic.py --films {args.films}{where} "
          f"--seed {args.seed}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
