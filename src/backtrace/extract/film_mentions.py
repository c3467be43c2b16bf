"""The ``film_mentions`` component: films and other works a document names in passing.

A document about one film often names others: "Nadia Orlov (TV's Harbour Lights, Quiet
Engines)", "he last directed the 2009 war drama Salt Roads", "she starred in Kettle Black",
"known for Ember and Cold Orchard". Each such title becomes claims about THAT title (the
claim's ``subject``), never about the document's own film:

- the person's credit on it (``cast_member``, or ``director`` after "directed"), valued with
  the person's name as the text gives it in full, span = the title as written;
- its year, when the text gives one ("the 2009 war drama ...", "Ember (2004)", "(Ember,
  2004)"), span = the year as written.

Frames read (none names a title in particular):

1. a list in parentheses after a person's name: ``NAME (TITLE, TV's TITLE, TITLE, YEAR)``
   (items that read as names of people, awards "Best ..." or roles are left alone; a
   parenthesis of one item with no word of a work, "Lucia Ferrante (Sheriff Dolores
   Vance)", "Jack Gaines (Nugent)", "Arthur Richman (1886-1944)", names a part, an actor,
   dates or a place, never a work): :func:`_paren_mentions`, as it needs the people the
   document named;
2. ``the YEAR [genre words] film|movie|thriller|series ... TITLE``, "the Netflix series
   TITLE", "TV's TITLE";
3. verbs of credit: "starred / appeared / co-starred in", "reprised his role (as X) in",
   "known for", "shooting", "filming", "directed", followed by one title or a list;
4. ``the TITLE franchise|saga|trilogy|film series``;
5. ``TITLE (YEAR)``;
6. a sequel-shaped title: capitalised words ending in a number or roman numeral ("Creed II",
   "Rambo 5"), not a date, a chapter or a monarch.

Frames 2-6 are rows of :data:`backtrace.extract.mention_rules.MENTION_RULES`, each with
sentences it must and must not read; this module links the titles they read to people.

What kind of work a title names comes from one table of head nouns,
:data:`backtrace.extract.lead_shape.WORK_NOUNS`: the noun right before the title ("TV's
X", "the Netflix series X", "the sitcom X" - a TV series; "the novel X", "the 1922 play X",
"the song X" - a book, play or song) or, for a franchise, right after it ("the X franchise",
"the X film series" - a series of films); a film otherwise. People are credited (cast,
director) only on films and series; of a book, play or song only the year is said. A title
that is only numbers or roman numerals ("76", "1874-1911", "III") is never a work.

The person is the one named in the frame (1) or, for the other frames, the one person the
sentence names before the title; a sentence whose subject is "he"/"she" takes the person
last named in its paragraph, when that sentence named only one. A surname or nickname
("Stallone", "Sly") is read as the full name the document gave before.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass, replace

from backtrace.extract.cast_list import CastListExtractor
from backtrace.extract.component import claim, dedupe
from backtrace.extract.docparts import LastBefore, same_title
from backtrace.extract.lead_sentence import prose_sentences
from backtrace.extract.lead_shape import SCREEN_WORKS, WORK_NOUNS, number_only
from backtrace.extract.mention_rules import (
    NOT_TITLE_START,
    NOUN_AFTER,
    NOUN_RULES,
    ROMAN,
    SHAPE_RULES,
    VERB_RULES,
    WORK_NOUN,
    YEAR,
    looks_like_person,
    read_title,
)
from backtrace.extract.prose import looks_like_organization
from backtrace.extract.rules import RoleHit, match
from backtrace.model import PROPERTIES, Claim, Document, EntityType
from backtrace.people import PersonScope, is_given_name, strip_nickname

CONFIDENCE = 0.6
_AWARDISH = re.compile(r"\b(?:Best|Award|Awards|Oscar|Oscars|Emmy|Globe|nominee|winner"
                       r"|nomination|Prize)\b")
_LEADING = re.compile(r"^(?:including|incl\.|e\.g\.|both|also|and)\s+")
# nouns that are verbs too, and the words before them that make them verbs ("went on to
# play Rambo", "she will book Harbor Hall")
_ALSO_VERBS = frozenset({"play", "book", "show", "feature", "picture", "single", "remake"})
_VERB_BEFORE = frozenset({
    "to", "will", "would", "could", "can", "should", "may", "might", "must", "shall", "did",
    "does", "do", "not", "he", "she", "they", "i", "we", "you", "also", "then", "and", "or",
})
_TV_POSSESSIVE = re.compile(r"(?:TV|television)['’]s", re.IGNORECASE)
# the first words of an item of a list in parentheses: "TV's X", "the sitcom X"
_ITEM_NOUN = re.compile(rf"^(?:(?P<tv>TV|television)['’]s|the\s+(?P<noun>{WORK_NOUN}))\s+",
                        re.IGNORECASE)
_PAREN = re.compile(r"\(([^()]{2,200})\)")
# the name right before a list in parentheses: "Nadia Orlov (", "Sylvester "Sly" Stallone ("
_NAME_BEFORE = re.compile(r"((?:[A-Z][\w'’-]+|[A-Z]\.)(?:\s+(?:[A-Z][\w'’-]+|[A-Z]\.|"
                          r"[\"“‘'][A-Z][\w'’-]*[\"”’'])){1,3})$")
_PIECE = re.compile(r"[^,;]+")
_PRONOUN = re.compile(r"\b(?:He|She|he|she)\b")
_PERSON_RUN = re.compile(r"\b([A-Z][\w'’-]+(?:\s+(?:[A-Z]\.|[A-Z][\w'’-]+)){1,3})")
_QUOTED_PERSON = re.compile(r"\b([A-Z][\w'’-]+)\s+[\"'“‘][A-Z][\w'’-]*[\"'”’]\s+[A-Z][\w'’-]+")
_VERB_SUBJECT = re.compile(
    r"\b([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,2})\s+(?:(?:has|had|have|also|previously"
    r"|recently|once|will|is|was|who|then|later|would|to)\s+){0,3}$")
_DIRECTOR_BEFORE = re.compile(r"\b(?:director|filmmaker|directed\s+by)\s+$")
_FULL_STOP = re.compile(r"\. ")
# characters before a title where the person credited on it is looked for (more than the
# longest sentences of the encyclopedia texts at hand, about 1,200)
_SUBJECT_LOOKBACK = 1_500
_SUBJECT_WORDS = 300  # characters before a verb of credit where its subject's name is read


@dataclass(frozen=True, slots=True)
class FilmMention:
    title: str
    start: int
    end: int
    kind: EntityType  # FILM, TV_SERIES, SERIES (a franchise), BOOK, PLAY or SONG
    year: int | None = None
    year_start: int = 0
    year_end: int = 0
    person: str | None = None  # the full name, as the document gives it
    role: str = "cast_member"
    character: str | None = None
    also_start: int = 0  # another title the text gives it ("Rambo 5, which is being
    also_end: int = 0  # called Last Blood"), as (start, end); 0, 0 for none


class _People:
    """The people a document has named so far, for reading surnames and pronouns."""

    def __init__(self) -> None:
        self.scope = PersonScope()

    def in_range(self, text: str, start: int, end: int) -> list[tuple[str, int]]:
        """(full name, offset) of each person named in ``text[start:end]``."""
        out: list[tuple[str, int]] = []
        for m in _QUOTED_PERSON.finditer(text, start, end):
            if is_given_name(m.group(1)):
                self.scope.add_person(m.group(0))
        for m in _PERSON_RUN.finditer(text, start, end):
            run = m.group(1)
            if looks_like_person(run):
                self.scope.add_person(run)
        for mention in self.scope.mentions(text[start:end]):
            out.append((mention.full, start + mention.start))
        return out


class FilmMentionsExtractor:
    """Films and series named in passing, with the person linked to each."""

    name = "film_mentions"
    # "claims:person": the people earlier components found (in ``found``), named in full
    requires: tuple[str, ...] = ("sentences", "claims:person")
    produces: tuple[str, ...] = ("cast_member", "director", "year")

    def __call__(self, doc: Document, found: Sequence[Claim] = ()) -> list[Claim]:
        people = [str(c.value) for c in found if c.subject is None
                  and PROPERTIES[c.property].value_type == "person"]
        mentions = find_mentions(doc, people)
        return dedupe([c for m in mentions for c in self._claims(doc, m)])

    def _claims(self, doc: Document, m: FilmMention) -> list[Claim]:
        if doc.title and same_title(m.title, doc.title):
            return []  # the document's own film: the other components read it
        also = {"also_titled": doc.text[m.also_start:m.also_end]} if m.also_end else {}
        common = dict(extractor=self.name, confidence=CONFIDENCE, subject=m.title,
                      subject_year=m.year, subject_type=m.kind.value)
        out = []
        if m.person and m.person != m.title:  # "Harry Potter" the character is no title
            quals = {"character": m.character} if m.character else {}
            out.append(claim(doc, m.role, m.person, m.start, m.end,
                             qualifiers=quals | also, **common))
        if m.year:
            out.append(claim(doc, "year", m.year, m.year_start, m.year_end, qualifiers=also,
                             **common))
        return out


def _paragraph_start(blank_line: LastBefore, pos: int) -> int:
    """Where the paragraph of ``pos`` starts, after the last blank line before it."""
    blank = blank_line(pos)
    return 0 if blank < 0 else blank + 2


def _noun_before(text: str, sent_start: int, t_start: int) -> EntityType | None:
    """The work the words right before ``t_start`` name by :data:`WORK_NOUNS` ("TV's X",
    "the Netflix series X", "the 1922 play X"; not "went on to play X"), or None."""
    head = text[max(sent_start, t_start - 50):t_start]
    if not head[-1:].isspace():
        return None
    words = head.split()
    if words and _TV_POSSESSIVE.fullmatch(words[-1]):
        return EntityType.TV_SERIES
    for n in (3, 2, 1):
        noun = " ".join(words[-n:]).lower()
        if len(words) < n or noun not in WORK_NOUNS:
            continue
        if noun in _ALSO_VERBS and len(words) > n and words[-n - 1].lower() in _VERB_BEFORE:
            return None
        return WORK_NOUNS[noun]
    return None


def _kind_of(text: str, sent_start: int, t_start: int, t_end: int) -> EntityType | None:
    """The work the words around the title ``text[t_start:t_end]`` say it is: the noun
    right before it or, for a franchise, right after it ("the X franchise"); None if none."""
    if (kind := _noun_before(text, sent_start, t_start)) is not None:
        return kind
    if NOUN_AFTER.match(text, t_end):
        return EntityType.SERIES
    return None


def _named_as_screen_work(text: str, sent_start: int, mention: FilmMention) -> bool:
    """Whether the words right before ``mention`` call it a film ("the 2006 film 300") or a
    TV series ("TV's 24"), and it is a whole word: only then is a title of numbers alone a
    work, not a year, a count, a season ("series 4") or a piece of one ("V/H/S")."""
    if re.match(r"[\w/-]", text[mention.end:mention.end + 1]):
        return False
    head = text[max(sent_start, mention.start - 20):mention.start].split()
    kind = _noun_before(text, sent_start, mention.start)
    return kind == EntityType.FILM or bool(head and _TV_POSSESSIVE.fullmatch(head[-1]))


class _Parts:
    """The parts the document's cast list names ("Odessa Grant as Wren Tally"), in full and
    by their first word; read when first asked."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.names: frozenset[str] | None = None

    def __contains__(self, name: object) -> bool:
        if self.names is None:
            parts = {str(c.qualifiers["character"]) for c in CastListExtractor()(self.doc)
                     if c.qualifiers.get("character")}
            self.names = frozenset(parts | {p.split()[0] for p in parts if p.split()})
        return name in self.names


def _paren_mentions(text: str, start: int, end: int, people: _People,
                    characters: Container[str] = frozenset()) -> list[FilmMention]:
    """Lists in parentheses after a person's name: "Nadia Orlov (TV's Harbour Lights, Quiet
    Engines, 2004)"."""
    out: list[FilmMention] = []
    for m in _PAREN.finditer(text[start:end]):
        o_start, o_end = start + m.start(1), start + m.end(1)
        named = _paren_person(text[max(start, o_start - 80):o_start - 1].rstrip(), people)
        if named is not None:
            out += _paren_items(text, o_start, o_end, *named, characters, people)
    return out


def _paren_person(before: str, people: _People) -> tuple[str, str] | None:
    """The full name of the person ``before`` ends with (the text before a parenthesis) and
    the credit it gives ("director" after "director X"), or None if it ends with no name."""
    run = _NAME_BEFORE.search(before)
    if run is None:
        return None
    if any(looks_like_organization(w) for w in run.group(1).split()):
        return None  # "Walt Disney Studios Motion Pictures (...)": a company
    person, nick = strip_nickname(run.group(1))
    if nick:
        people.scope.add_person(run.group(1))
    words = person.split()
    person = next((" ".join(words[i:]) for i in range(len(words) - 1)
                   if looks_like_person(" ".join(words[i:]))), person)
    if not looks_like_person(person):
        named = people.scope.resolve(person)
        if named is None:
            return None
        person = named
    people.scope.add_person(person)
    return person, "director" if _DIRECTOR_BEFORE.search(before[: run.start()]) else "cast_member"


def _paren_items(text: str, o_start: int, o_end: int, person: str, role: str,
                 characters: Container[str], people: _People) -> list[FilmMention]:
    """The works of the list ``text[o_start:o_end]`` in parentheses after ``person``; a
    year belongs to the title before it."""
    out: list[FilmMention] = []
    pieces = [p for p in _PIECE.finditer(text[o_start:o_end]) if p.group().strip()]
    last: FilmMention | None = None
    for piece in pieces:
        p_start = o_start + piece.start() + len(piece.group()) - len(piece.group().lstrip())
        p_end = o_start + piece.end()
        item = text[p_start:p_end].rstrip()
        p_end = p_start + len(item)
        lead = _LEADING.match(item)
        if lead:
            p_start += lead.end()
            item = item[lead.end():]
        if re.fullmatch(YEAR, item):
            if last is not None and last.year is None:
                out[-1] = last = replace(last, year=int(item), year_start=p_start,
                                         year_end=p_end)
            continue
        kind: EntityType | None = None
        if noun := _ITEM_NOUN.match(item):  # "TV's X", "the sitcom X"
            kind = (EntityType.TV_SERIES if noun.group("tv") else
                    WORK_NOUNS[" ".join(noun.group("noun").lower().split())])
            p_start, item = p_start + noun.end(), item[noun.end():]
        elif len(pieces) == 1:
            # "Lucia Ferrante (Sheriff Dolores Vance)", "Jack Gaines (Nugent)", "Arthur
            # Richman (1886-1944)": one item that no word makes a work is a part, an
            # actor, dates or a place, not the person's filmography
            break
        found = read_title(text, p_start, p_end)
        if found is None or found[1] != p_end or _AWARDISH.search(item) or item in characters:
            last = None
            continue
        if kind is None and (looks_like_person(item) or people.scope.resolve(item)
                             or looks_like_person(re.sub(rf"\s+{ROMAN}$", "", item))):
            last = None
            continue  # "(Dana Holt)", "(Holt)": an actor after a character, not a title
        last = FilmMention(text[found[0]:found[1]], found[0], found[1],
                           kind or EntityType.FILM, person=person, role=role)
        out.append(last)
    return out


def _subject_person(
    text: str, sent_start: int, title_start: int, para_people: list[tuple[str, int]],
    people: _People, stops: list[int],
) -> str | None:
    """The one person the sentence names before the title, or the antecedent of its
    "he"/"she". ``para_people``: (full name, offset) of those the paragraph named before,
    in text order; ``stops``: the offsets of every ". " in the text, in order."""
    # the people of the last stretch of a long sentence only: from its start each time,
    # a sentence naming many titles would be read the square of its length over
    named = {full for full, off in people.in_range(
        text, max(sent_start, title_start - _SUBJECT_LOOKBACK), title_start)}
    if len(named) == 1:
        return next(iter(named))
    if named:
        return None
    if not _PRONOUN.search(text, sent_start, title_start):
        return None
    if para_people and para_people[-1][1] < sent_start:
        earlier = para_people  # all of them (the paragraph's sentences before this one)
    else:
        earlier = [(full, off) for full, off in para_people if off < sent_start]
    if not earlier:
        return None
    last_off = earlier[-1][1]
    # everyone named in the sentence that named the antecedent: text.rfind(". ", 0,
    # last_off) + 1, by bisection; the offsets are in order, so read back from the end
    stop = bisect.bisect_right(stops, last_off - 2) - 1
    sentence_of_last = stops[stop] + 1 if stop >= 0 else 0
    same: set[str] = set()
    for full, off in reversed(earlier):
        if off < sentence_of_last:
            break
        same.add(full)
        if len(same) > 1:
            return None
    return earlier[-1][0] if len(same) == 1 else None


def find_mentions(doc: Document, known_people: Iterable[str] = ()) -> list[FilmMention]:
    """Every work named in passing in the document's prose, in text order;
    ``known_people`` are full names known to be people (from the document's credits)."""
    text = doc.text
    people = _People()
    for name in known_people:
        people.scope.add_person(name)
    characters = _Parts(doc)
    out: list[FilmMention] = []
    para_start, para_people = -1, []
    blank_line = LastBefore(text, "\n\n")
    stops = [m.start() for m in _FULL_STOP.finditer(text)]
    for start, end in prose_sentences(doc):
        p_start = _paragraph_start(blank_line, start)
        if p_start != para_start:
            para_start, para_people = p_start, []
        found: list[FilmMention] = _paren_mentions(text, start, end, people, characters)
        taken = [(f.start, f.end) for f in found]
        _frame_mentions(text, start, end,
                        _Collector(text, start, para_people, people, found, taken, stops))
        para_people.extend(people.in_range(text, start, end))
        found = [_also_titled(text, f, end) for f in found
                 if not number_only(f.title) or _named_as_screen_work(text, start, f)]
        # people are credited on films and series, not on a book, play or song
        found = [f if f.kind in SCREEN_WORKS else replace(f, person=None) for f in found]
        out.extend(f for f in found if f.person or f.year)
    return sorted(out, key=lambda f: f.start)


def _frame_mentions(text: str, start: int, end: int, collect: _Collector) -> None:
    """The titles the rows of :data:`MENTION_RULES` read in the sentence, linked in the
    tables' order; the subject of a verb of credit is noted as a person before the titles
    after that verb are linked to one (verbs in text order)."""
    for hit in match(NOUN_RULES, text, start, end):
        collect.add_hit(hit)
    verbs: list[tuple[int, int]] = []
    after: dict[int, list[RoleHit]] = {}
    for hit in match(VERB_RULES, text, start, end, spans=verbs):
        after.setdefault(hit.qualifiers["before"], []).append(hit)
    for verb_start, _ in sorted(verbs):
        _note_subject(text, start, verb_start, collect.people)
        for hit in after.get(verb_start, ()):
            collect.add_hit(hit)
    for hit in match(SHAPE_RULES, text, start, end):
        collect.add_hit(hit)


def _note_subject(text: str, sent_start: int, verb_start: int, people: _People) -> None:
    """Note the subject of a verb of credit as a person ("Dana Whitlock starred in"): its
    words stand right before the verb, read from a window there."""
    subject = _VERB_SUBJECT.search(text, max(sent_start, verb_start - _SUBJECT_WORDS),
                                   verb_start)
    if subject is None:
        return
    words = subject.group(1).split()
    if (subject.start() == sent_start and not is_given_name(words[0])
            and people.scope.resolve(words[0]) is None
            and people.scope.resolve(" ".join(words[1:])) is not None):
        words = words[1:]  # "Meanwhile Grant starred": Grant is known
    if len(words) > 1 and words[0] not in NOT_TITLE_START:
        people.scope.add_person(" ".join(words))


@dataclass(slots=True)
class _Collector:
    """The mentions found in one sentence, each with its person; no two overlap."""

    text: str
    start: int
    para_people: list[tuple[str, int]]
    people: _People
    found: list[FilmMention]
    taken: list[tuple[int, int]]
    stops: list[int]

    def add(self, t_start: int, t_end: int, *, year: int | None = None,
            year_span: tuple[int, int] = (0, 0), role: str = "cast_member",
            character: str | None = None, before: int | None = None) -> None:
        """The title ``text[t_start:t_end]``, typed by the words around it (a film when
        they say nothing)."""
        if any(not (t_end <= s or t_start >= e) for s, e in self.taken):
            return
        kind = _kind_of(self.text, self.start, t_start, t_end) or EntityType.FILM
        person = _subject_person(self.text, self.start, before or t_start, self.para_people,
                                 self.people, self.stops)
        self.found.append(FilmMention(self.text[t_start:t_end], t_start, t_end, kind, year,
                                      year_span[0], year_span[1], person, role, character))
        self.taken.append((t_start, t_end))

    def add_hit(self, hit: RoleHit) -> None:
        """The title a row of :data:`MENTION_RULES` read, as its qualifiers say."""
        q = hit.qualifiers
        self.add(hit.start, hit.end, year=q.get("year"), year_span=q.get("year_span", (0, 0)),
                 role=q.get("role", "cast_member"), character=q.get("character"),
                 before=q.get("before"))


_ALSO_TITLED = re.compile(
    r",?\s+(?:(?:which|that)\s+(?:is|was|has\s+been|will\s+be)\s+(?:now\s+|being\s+|officially\s+)?"
    r"(?:called|titled|named|retitled|subtitled)|\((?:also\s+known\s+as|a\.?k\.?a\.?|released\s+as"
    r"|retitled))\s+(?=[A-Z0-9])")


def _also_titled(text: str, mention: FilmMention, end: int) -> FilmMention:
    """The mention with the other title the text gives it right after, if any."""
    m = _ALSO_TITLED.match(text, mention.end, end)
    other = read_title(text, m.end(), end) if m else None
    if other is None:
        return mention
    return replace(mention, also_start=other[0], also_end=other[1])
