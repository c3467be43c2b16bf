"""Which known film a review is about, when it names its film only in its text.

    index = FilmIndex([Candidate(7, "Night Ferry", 1998, ("Night Ferry",), ("Ida Brask",),
                                 ("Ola Venn", "Rut Sand"))])
    index.place(text)   # Placement(film_id=7, reason="the title in quotes (“Night Ferry”) ...")

A pure function of the review's text and the films the store knows (``Candidate``: titles
and aliases, year, directors, lead actors). The evidence for a film, each piece with the
words of the text that give it:

* its title **in quotation marks** (``"night ferry"``, “Night Ferry”, ``_night ferry_``): 3
  points, and 0.75 for each further quoted mention (at most 3 more); a title that is only
  part of a longer quoted title (*The Beach* in "Pauline at the Beach") does not count;
* its title **with its year** ("Night Ferry (1998)"; a year one off counts, release years
  differ by country): 3 points;
* its title written plainly: 1 point a mention for a title of two or more words that are
  not all common words, 0.4 for a one-word or common-word title, at most three mentions.
  In a text that is not all lower case, a plain title counts only when it starts with a
  capital or a figure, and a one-word title only where it does not open a sentence;
* its **director** named in full: 2 points; each of its first :data:`LEADS` **actors**
  named in full: 1 point (at most 3);
* its title is the one the text names **most often** (at least twice, more than any
  other known title, every mention counted): 1 point.

A mention the text dates to another year ("the 1964 film Fail-Safe") is of another film of
that title and counts for none. A film whose only evidence is its title is not
chosen when the text keeps naming (twice or more) at least two people the store credits on
other films and not on it: the title is then more likely a comparison.

The film with the most points is the review's film when it has at least :data:`AT_LEAST`
points (more than one piece of evidence: a title quoted once, or a director and one actor,
is not enough alone; nor is a title written plainly, however often, without its quotes,
its year or its people: "the phantom" in "the phantom menace") and :data:`MARGIN` more than
the next; otherwise the review stays
unlinked, and the placement says why (nothing fits, or which films tie). Titles and names match
case-insensitively, accents and punctuation folded (``backtrace.keys.name_key``), so a
lower-cased, tokenised review ("batman & robin") finds "Batman & Robin".
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from backtrace.keys import name_key

LEADS = 5  # the first actors of a film's cast that count as its leads
AT_LEAST = 3.5
MARGIN = 1.5
QUOTED, QUOTED_MORE, QUOTED_MORE_MAX = 3.0, 0.75, 3
WITH_YEAR = 3.0
PLAIN_LONG, PLAIN_SHORT, PLAIN_MAX = 1.0, 0.4, 3
DIRECTOR = 2.0
MOST_NAMED = 1.0
ACTOR, ACTORS_MAX = 1.0, 3
_COMMON_WORDS = (
    "a an the of and or in on at to for with from by is it its this that my your our his her "
    "their me you we he she they i be go get out up down off over all one two no not yes "
    "love life man men woman women girl boy day night time home house world game end "
    "story big little good bad new old last first city heart dead dark black white blue red "
    "money war kids family friends friend king queen star stars"
)
COMMON = frozenset(_COMMON_WORDS.split())  # noqa: SIM905
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?|&")
_QUOTE_OPEN = re.compile(r"(?:(?<!\w)['‘]|[\"“”`_]|'')\s*$")
_QUOTE_CLOSE = re.compile(r"\s*[,.!?;:]?\s*(?:[\"”“’'_]|'')(?!\w)")
# a quoted stretch: "..." “...” `...' _..._ (emphasis in plain-text mail), on one line
_QUOTED = re.compile(
    r"\"[^\"\n]{1,100}\"|“[^”\n]{1,100}”|`[^'`\n]{1,100}'|(?<!\w)_[^_\n]{1,100}_(?!\w)"
)
_YEAR_AFTER = re.compile(r"\s*[\"”’']{0,2}\s*[,.]?\s*\(\s*(\d{4})\s*\)")
_SENTENCE_OPEN = re.compile(r"(?:^|[.!?]\s+|\n\s*)$")
# "the 1964 film "fail-safe"": a year right before a title
_YEAR_BEFORE = re.compile(
    r"\b(1[89]\d\d|20\d\d)(?:'s)?\s+(?:\w+\s+){0,2}?(?:film|movie|version|original|picture)"
    r"\s*(?:,\s*)?[\"“`_']?\s*$", re.IGNORECASE)


def _misdated(text: str, start: int, end: int, year: int) -> bool:
    """Whether the text dates this mention of a title to another year than the film's
    ("the 1964 film fail-safe", "fail-safe (1964)"): it is another film of that title."""
    after = _YEAR_AFTER.match(text, end)
    before = _YEAR_BEFORE.search(text[max(0, start - 40) : start])
    return any(m and abs(int(m.group(1)) - year) > 1 for m in (after, before))
_ROMAN = {"ii": "2", "iii": "3", "iv": "4", "v": "5", "vi": "6", "vii": "7", "viii": "8",
          "ix": "9", "x": "10", "xi": "11", "xii": "12"}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Candidate:
    """A film the store knows, as the linker sees it."""

    film_id: int
    title: str
    year: int | None
    titles: tuple[str, ...]
    directors: tuple[str, ...] = ()
    cast: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Evidence:
    """One piece of evidence: what it is ("quoted title", "title with year", "title",
    "director", "actor") and the words of the text that give it."""

    kind: str
    words: str
    start: int
    end: int
    points: float


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a review goes: ``film_id`` (None: unlinked), its points, the reason in words,
    the evidence for the film chosen (or the best one), and the runners-up's points."""

    film_id: int | None
    points: float
    reason: str
    evidence: tuple[Evidence, ...] = ()
    best: int | None = None  # the best-scoring film, linked or not
    others: tuple[tuple[int, float], ...] = ()

    def as_dict(self) -> dict:
        return {
            "film": self.film_id,
            "best": self.best,
            "points": round(self.points, 2),
            "reason": self.reason,
            "evidence": [
                {"kind": e.kind, "words": e.words, "start": e.start, "end": e.end}
                for e in self.evidence
            ],
            "others": [{"film": f, "points": round(p, 2)} for f, p in self.others],
        }


def _fold(token: str) -> str:
    """A word as matched: case, accents and a possessive folded ("Verhoeven's" =
    "verhoeven"), "&" = "and", a roman numeral from II to XII a number."""
    if token == "&":
        return "and"
    word = name_key(re.sub(r"['’]s$", "", token, flags=re.IGNORECASE)).replace(" ", "")
    return _ROMAN.get(word, word)


def _phrase(text: str, *, title: bool) -> tuple[str, ...]:
    """The folded words of a title or name, as :meth:`FilmIndex._matches` folds a text's
    words; a roman numeral is a number ("Creed II" = "Creed 2")."""
    return tuple(w for w in (_fold(m.group()) for m in _WORD.finditer(text)) if w)


@dataclass(slots=True)
class _Entry:
    words: tuple[str, ...]
    kind: str  # title | director | actor
    film_id: int
    name: str


@dataclass(slots=True)
class _Tally:
    points: float = 0.0
    evidence: list[Evidence] = field(default_factory=list)


def _counter() -> defaultdict[int, int]:
    return defaultdict(int)


@dataclass(slots=True)
class _Reading:
    """What one text gives each film, mention by mention (``FilmIndex.place``)."""

    text: str
    tallies: defaultdict[int, _Tally] = field(default_factory=lambda: defaultdict(_Tally))
    plain: defaultdict[int, int] = field(default_factory=_counter)
    quoted: defaultdict[int, int] = field(default_factory=_counter)
    named: defaultdict[int, int] = field(default_factory=_counter)  # title mentions, uncapped
    dated: set[int] = field(default_factory=set)
    people: defaultdict[tuple[int, str], set[str]] = field(
        default_factory=lambda: defaultdict(set))
    # any film's people, by how often the text names them
    named_people: defaultdict[tuple[str, ...], int] = field(
        default_factory=lambda: defaultdict(int))
    seen_at: set[tuple[int, tuple[str, ...]]] = field(default_factory=set)
    misdated: set[int] = field(default_factory=set)
    cased: bool = field(init=False, default=False)
    quoted_spans: list[tuple[int, int]] = field(init=False, default_factory=list)

    def __post_init__(self) -> None:
        self.cased = self.text != self.text.lower()
        self.quoted_spans = [(m.start(), m.end()) for m in _QUOTED.finditer(self.text)]

    def add(self, entry: _Entry, film: Candidate, start: int, end: int) -> None:
        """Count one mention of a film's title or person, at ``text[start:end]``."""
        tally = self.tallies[entry.film_id]  # a film named at all is ranked, even at 0 points
        if entry.kind in ("director", "actor") and (start, entry.words) not in self.seen_at:
            self.seen_at.add((start, entry.words))
            self.named_people[entry.words] += 1
        if entry.kind == "title" and film.year and _misdated(self.text, start, end, film.year):
            self.misdated.add(entry.film_id)
        elif entry.kind in ("director", "actor"):
            self._person(entry, tally, start, end)
        elif not self._inside_other_quote(start, end):
            self._title(entry, film, tally, start, end)

    def _inside_other_quote(self, start: int, end: int) -> bool:
        """Part of a longer quoted title ("the beach" in "pauline at the beach")."""
        text = self.text
        return any(a <= start and end <= b and text[a:start].strip(" \"“`_'") + text[
            end:b].strip(" \"”'_,.!?;:") for a, b in self.quoted_spans)

    def _person(self, entry: _Entry, tally: _Tally, start: int, end: int) -> None:
        """The film's director (once) or one of its first ``ACTORS_MAX`` actors named."""
        found = self.people[(entry.film_id, entry.kind)]
        if entry.name in found:
            return
        if entry.kind == "director" and found:
            return
        if entry.kind == "actor" and len(found) >= ACTORS_MAX:
            return
        found.add(entry.name)
        points = DIRECTOR if entry.kind == "director" else ACTOR
        tally.points += points
        tally.evidence.append(Evidence(entry.kind, self.text[start:end], start, end, points))

    def _title(self, entry: _Entry, film: Candidate, tally: _Tally, start: int, end: int) -> None:
        """The film's title: with its year, in quotes, or written plainly."""
        text = self.text
        is_quoted = bool(_QUOTE_OPEN.search(text[max(0, start - 3) : start])
                         and _QUOTE_CLOSE.match(text, end))
        year = _YEAR_AFTER.match(text, end)
        if year and film.year and abs(int(year.group(1)) - film.year) <= 1 and \
                entry.film_id not in self.dated:
            self.named[entry.film_id] += 1
            self.dated.add(entry.film_id)
            tally.points += WITH_YEAR
            tally.evidence.append(Evidence("title with year", text[start : year.end()],
                                           start, year.end(), WITH_YEAR))
        elif is_quoted:
            self._quoted_title(entry, tally, start, end)
        else:
            self._plain_title(entry, tally, start, end)

    def _quoted_title(self, entry: _Entry, tally: _Tally, start: int, end: int) -> None:
        self.named[entry.film_id] += 1
        n = self.quoted[entry.film_id]
        if n > QUOTED_MORE_MAX:
            return
        points = QUOTED if n == 0 else QUOTED_MORE
        self.quoted[entry.film_id] += 1
        tally.points += points
        tally.evidence.append(Evidence("quoted title", self.text[start:end], start, end, points))

    def _plain_title(self, entry: _Entry, tally: _Tally, start: int, end: int) -> None:
        text, words = self.text, self.text[start:end]
        if self.cased and not (words[:1].isupper() or words[:1].isdigit()):
            return
        short = len(entry.words) < 2 or all(w in COMMON for w in entry.words)
        if self.cased and len(entry.words) < 2 and _SENTENCE_OPEN.search(
                text[max(0, start - 3) : start]):
            return
        self.named[entry.film_id] += 1
        if self.plain[entry.film_id] >= PLAIN_MAX:
            return
        self.plain[entry.film_id] += 1
        points = PLAIN_SHORT if short else PLAIN_LONG
        tally.points += points
        tally.evidence.append(Evidence("title", words, start, end, points))

    def add_most_named(self) -> None:
        """A point for the title named most often (twice or more, more than any other)."""
        counts = sorted(self.named.values(), reverse=True)
        if counts and counts[0] >= 2 and (len(counts) == 1 or counts[0] > counts[1]):
            top = next(f for f, n in self.named.items() if n == counts[0])
            self.tallies[top].points += MOST_NAMED
            self.tallies[top].evidence.append(Evidence("most named", f"{counts[0]} times", 0, 0,
                                                       MOST_NAMED))


class FilmIndex:
    """The known films' titles and people, indexed by their first word."""

    def __init__(self, candidates: Iterable[Candidate]) -> None:
        self.films: dict[int, Candidate] = {}
        self._by_first: dict[str, list[_Entry]] = defaultdict(list)
        for c in candidates:
            self.films[c.film_id] = c
            seen: set[tuple[str, tuple[str, ...]]] = set()
            for kind, names in (("title", c.titles or (c.title,)), ("director", c.directors),
                                ("actor", c.cast[:LEADS])):
                for name in names:
                    words = _phrase(name, title=kind == "title")
                    if not words or (kind != "title" and len(words) < 2) or (kind, words) in seen:
                        continue
                    seen.add((kind, words))
                    self._by_first[words[0]].append(_Entry(words, kind, c.film_id, name))

    def __len__(self) -> int:
        return len(self.films)

    def _matches(self, text: str) -> list[tuple[_Entry, int, int]]:
        """Every (entry, start, end) whose words occur in ``text``, in order; a title inside
        a longer title that occurs there ("Night Ferry" in "Night Ferry II") is left out."""
        tokens = [(m.start(), m.end(), _fold(m.group())) for m in _WORD.finditer(text)]
        words = [t for _, _, t in tokens]
        found = []
        for i, (start, _, word) in enumerate(tokens):
            for entry in self._by_first.get(word, ()):
                n = len(entry.words)
                if tuple(words[i : i + n]) == entry.words:
                    found.append((entry, start, tokens[i + n - 1][1]))
        titles = sorted(((s, e) for x, s, e in found if x.kind == "title"),
                        key=lambda r: (r[0], -r[1]))
        covered: list[tuple[int, int]] = []
        for s, e in titles:
            if not any(a <= s and e <= b and (a, b) != (s, e) for a, b in covered):
                covered.append((s, e))
        longest = set(covered)
        return [(x, s, e) for x, s, e in found if x.kind != "title" or (s, e) in longest]

    def place(self, text: str) -> Placement:
        """The film ``text`` is about, with the reason (see the module's doc)."""
        reading = _Reading(text)
        for entry, start, end in self._matches(text):
            reading.add(entry, self.films[entry.film_id], start, end)
        reading.add_most_named()
        for film_id in reading.misdated:
            reading.tallies.pop(film_id, None)
        return self._unless_a_comparison(self._decide(reading.tallies), reading)

    def _unless_a_comparison(self, verdict: Placement, reading: _Reading) -> Placement:
        """No film when its only evidence is a title and the text keeps naming two or more
        people the store credits on other films and not on it."""
        if verdict.film_id is None:
            return verdict
        credited = {e.words for e in self._people_of(verdict.film_id)}
        strangers = [w for w, n in reading.named_people.items() if n >= 2 and w not in credited]
        if len(strangers) >= 2 and not any(
                e.kind in ("director", "actor") for e in verdict.evidence):
            names = ", ".join(f"“{' '.join(w)}”" for w in strangers[:3])
            return Placement(None, verdict.points, f"not placed: the people it names most "
                             f"({names}) are not credited on {self._name(verdict.film_id)}, "
                             "its only evidence a title", verdict.evidence, verdict.best,
                             verdict.others)
        return verdict

    def _people_of(self, film_id: int) -> list[_Entry]:
        c = self.films[film_id]
        return [_Entry(_phrase(n, title=False), "person", film_id, n)
                for n in (*c.directors, *c.cast)]

    def _decide(self, tallies: dict[int, _Tally]) -> Placement:
        ranked = sorted(tallies.items(), key=lambda kv: (-kv[1].points, kv[0]))
        if not ranked:
            return Placement(None, 0.0, "no film the store knows is named in the text")
        (best, top), rest = ranked[0], ranked[1:]
        second = rest[0][1].points if rest else 0.0
        others = tuple((f, t.points) for f, t in rest[:3])
        evidence = tuple(top.evidence)
        said = describe(evidence)
        name = self._name(best)
        if top.points < AT_LEAST:
            return Placement(None, top.points, f"too little evidence: at best {name}, by "
                             f"{said} ({top.points:g} points of {AT_LEAST:g})", evidence, best,
                             others)
        if not any(e.kind not in ("title", "most named") for e in evidence):
            return Placement(None, top.points, f"too little evidence: at best {name}, by "
                             f"{said}, its title written plainly and nothing else", evidence,
                             best, others)
        if top.points - second < MARGIN:
            rival = self._name(rest[0][0])
            return Placement(None, top.points, f"ambiguous: {name} ({top.points:g} points) and "
                             f"{rival} ({second:g})", evidence, best, others)
        return Placement(best, top.points, said, evidence, best, others)

    def _name(self, film_id: int) -> str:
        c = self.films[film_id]
        return f"{c.title} ({c.year})" if c.year else c.title


def describe(evidence: Iterable[Evidence]) -> str:
    """The evidence in words: "its title in quotes (“8mm”, 3 times), its director
    (joel schumacher) and an actor (nicolas cage)"."""
    by_kind: dict[str, list[str]] = defaultdict(list)
    for e in evidence:
        by_kind[e.kind].append(" ".join(e.words.split()))
    parts = []
    labels = {"quoted title": "its title in quotes", "title with year": "its title with its year",
              "title": "its title", "director": "its director", "actor": "its actor"}
    for kind in ("quoted title", "title with year", "title", "director", "actor", "most named"):
        said = by_kind.get(kind)
        if not said:
            continue
        if kind == "most named":
            parts.append(f"the title named most ({said[0]})")
            continue
        names = list(dict.fromkeys(said))
        times = f", {len(said)} times" if len(said) > 1 and kind != "actor" else ""
        label = labels[kind] + ("s" if kind == "actor" and len(names) > 1 else "")
        parts.append(f"{label} ({', '.join(f'“{n}”' for n in names)}{times})")
    if not parts:
        return "nothing"
    return ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1]

