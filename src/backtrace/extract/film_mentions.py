"""The ``film_mentions`` component: films and series a document names in passing.

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
   (items that read as names of people, awards "Best ..." or roles are left alone);
2. ``the YEAR [genre words] film|movie|thriller|series ... TITLE``;
3. verbs of credit: "starred / appeared / co-starred in", "reprised his role (as X) in",
   "known for", "shooting", "filming", "directed", followed by one title or a list;
4. ``the TITLE franchise|saga|trilogy|film series``;
5. ``TITLE (YEAR)``;
6. a sequel-shaped title: capitalised words ending in a number or roman numeral ("Creed II",
   "Rambo 5"), not a date, a chapter or a monarch.

"TV's TITLE" and "the ... series / sitcom TITLE" make the subject a series.

The person is the one named in the frame (1) or, for the other frames, the one person the
sentence names before the title; a sentence whose subject is "he"/"she" takes the person
last named in its paragraph, when that sentence named only one. A surname or nickname
("Stallone", "Sly") is read as the full name the document gave before.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from backtrace.extract.component import claim, dedupe
from backtrace.extract.docparts import same_title
from backtrace.extract.lead_sentence import prose_sentences
from backtrace.extract.prose import ABBREVIATIONS, looks_like_organization
from backtrace.model import Claim, Document
from backtrace.resolve.people import PersonScope, is_given_name, strip_nickname

CONFIDENCE = 0.6
_YEAR = r"(?:1[89]|20)\d\d"
_JOINERS = frozenset({"of", "the", "to", "a", "an", "in", "and", "on", "at", "for", "with",
                      "from", "de", "la", "le", "vs.", "&", "or", "is", "me", "my", "it"})
_TITLE_WORD = re.compile(r"[ \t]*([A-Z0-9][\w'’.:!?-]*|[a-z][\w'’]*|&)")
_ROMAN = r"(?:II|III|IV|V|VI|VII|VIII|IX|X)"
_NOT_TITLE_START = frozenset({
    "The", "A", "An", "He", "She", "It", "They", "His", "Her", "Their", "This", "That",
    "In", "On", "At", "For", "With", "From", "By", "As", "And", "But", "Or", "When",
    "While", "After", "Before", "Also", "TV", "Today", "Best", "Academy", "Oscar", "Golden",
    "Emmy",
})
_NOT_SEQUEL = frozenset({
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Season", "Episode", "Chapter", "Part", "Volume",
    "Vol", "Book", "Phase", "Act", "Level", "Round", "Game", "Week", "Day", "Page", "Room",
    "Channel", "Section", "Article", "Category", "Class", "Grade", "Stage", "War", "Number",
    "No", "Top", "Region", "Series", "Formula", "Studio", "Track", "Disc", "Reel", "Scene",
})
_ROYAL = re.compile(r"\b(?:King|Queen|Pope|Emperor|Empress|Tsar|Czar|Prince|Princess|Duke"
                    r"|Pharaoh|Louis|Henry|Edward|Elizabeth|Charles|Richard|George)\s+$")
_AWARDISH = re.compile(r"\b(?:Best|Award|Awards|Oscar|Oscars|Emmy|Globe|nominee|winner"
                       r"|nomination|Prize)\b")
_TV = re.compile(r"^(?:TV's|TV’s|television's|television’s)\s+")
_LEADING = re.compile(r"^(?:including|incl\.|e\.g\.|both|also|and|the film|the series)\s+")

_GENRE_FRAME = re.compile(
    rf"\bthe\s+({_YEAR})\s+(?:[A-Za-z-]+\s+){{0,3}}?"
    r"(film|movie|thriller|drama|comedy|documentary|western|horror|musical|feature|picture"
    r"|blockbuster|adaptation|remake|sequel|prequel|reboot|series|sitcom|miniseries"
    r"|show|romance|actioner|epic|biopic|cartoon)\s+(?=[A-Z0-9])")
_SERIES_FRAME = re.compile(
    r"\b(?:the\s+)?(?:[A-Z][\w&-]*\s+)?(?:TV|television|web|streaming|animated)\s+"
    r"(series|show|sitcom|miniseries|drama)\s+(?=[A-Z0-9])"
    r"|\b(?:the\s+)?(sitcom|miniseries|soap opera|TV series)\s+(?=[A-Z0-9])"
    r"|\bthe\s+[A-Z][\w&-]*\s+(series|sitcom|miniseries)\s+(?=[A-Z0-9])")
_VERB_FRAME = re.compile(
    r"\b(?:(?P<cast>(?:co-?)?starr(?:ed|ing)|stars|appear(?:ed|s|ing)|featured|played)"
    r"(?:\s+(?:alongside|opposite|with)\s+[A-Z][\w'’. -]*?)?\s+in"
    r"|(?P<reprise>repris(?:e|es|ed|ing))\s+(?:his|her|their)\s+roles?"
    r"(?:\s+as\s+(?P<character>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}))?\s+(?:in|for)"
    r"|(?P<known>(?:best\s+|well\s+|widely\s+)?known\s+for|famous\s+for|remembered\s+for)"
    r"(?:\s+(?:his|her|their)\s+(?:roles?|work|turns?|performances?)\s+in)?"
    r"|(?P<shoot>shooting|filming|wrapped|wrapping)"
    r"|(?P<direct>directed|directing|helmed|helming))"
    r"\s+(?:the\s+(?:film|movie|series|sitcom|sequel)s?\s+)?(?=[A-Z0-9])")
_FRANCHISE_FRAME = re.compile(r"(?:film\s+|movie\s+)?(?:franchise|saga|trilogy|film series"
                              r"|movie series)\b")
_TITLE_YEAR = re.compile(rf"\s*\(({_YEAR})\)")
_SEQUEL = re.compile(rf"\s+(?:[2-9]|{_ROMAN})\b(?![\w%.,]\d|\d|\s*(?:%|percent|million|billion"
                     r"|minutes|years|days|times|hours|of\b))")
_PRONOUN = re.compile(r"\b(?:He|She|he|she)\b")
_PERSON_RUN = re.compile(r"\b([A-Z][\w'’-]+(?:\s+(?:[A-Z]\.|[A-Z][\w'’-]+)){1,3})")
_QUOTED_PERSON = re.compile(r"\b([A-Z][\w'’-]+)\s+[\"'“‘][A-Z][\w'’-]*[\"'”’]\s+[A-Z][\w'’-]+")
_VERB_SUBJECT = re.compile(
    r"\b([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,2})\s+(?:(?:has|had|have|also|previously"
    r"|recently|once|will|is|was|who|then|later|would|to)\s+){0,3}$")
_DIRECTOR_BEFORE = re.compile(r"\b(?:director|filmmaker|directed\s+by)\s+$")


@dataclass(frozen=True, slots=True)
class FilmMention:
    title: str
    start: int
    end: int
    kind: str  # "film" | "series"
    year: int | None = None
    year_start: int = 0
    year_end: int = 0
    person: str | None = None  # the full name, as the document gives it
    role: str = "cast_member"
    character: str | None = None
    also_start: int = 0  # another title the text gives it ("Rambo 5, which is being
    also_end: int = 0  # called Last Blood"), as (start, end); 0, 0 for none


def read_title(text: str, pos: int, end: int, *, in_list: bool = False) -> tuple[int, int] | None:
    """(start, end) of the capitalised title starting at ``pos``: capitalised words and
    numbers, with lower-case joiners ("of", "the", "to") inside; None if none starts there.
    ``in_list``: "and" separates titles rather than joining words of one."""
    tokens: list[tuple[int, int, str]] = []
    i = pos
    while len(tokens) < 10:
        m = _TITLE_WORD.match(text, i, end)
        if m is None:
            break
        word = m.group(1)
        bare = word.rstrip(".:!?")
        stop_after = bare != word and not (word.endswith(".") and bare in ABBREVIATIONS)
        if not stop_after:
            bare = word if word.endswith(".") and bare in ABBREVIATIONS else bare
        if word[0].isupper() or word[0].isdigit():
            if not tokens and bare in _NOT_TITLE_START and bare != "The":
                return None
            tokens.append((m.start(1), m.start(1) + len(bare), bare))
        elif word.casefold() in _JOINERS and tokens and not (in_list and word == "and"):
            tokens.append((m.start(1), m.end(1), word))
        else:
            break
        i = m.end()
        if stop_after and not (word.endswith(":") and _TITLE_WORD.match(text, i, end)):
            break
    while tokens and not (tokens[-1][2][0].isupper() or tokens[-1][2][0].isdigit()):
        tokens.pop()
    if not tokens or (len(tokens) == 1 and tokens[0][2] == "The"):
        return None
    return tokens[0][0], tokens[-1][1]


def _title_list(text: str, pos: int, end: int) -> list[tuple[int, int]]:
    """Titles in a list "A, B and C" starting at ``pos``."""
    out: list[tuple[int, int]] = []
    while (found := read_title(text, pos, end, in_list=True)) is not None:
        out.append(found)
        sep = re.compile(r"\s*(?:,\s*and\s+|,\s*|\s+and\s+)").match(text, found[1], end)
        if sep is None:
            break
        pos = sep.end()
    return out


def _looks_like_person(name: str) -> bool:
    words = name.split()
    return (2 <= len(words) <= 4 and is_given_name(words[0])
            and not any(looks_like_organization(w) for w in words))


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
            if _looks_like_person(run):
                self.scope.add_person(run)
        for mention in self.scope.mentions(text[start:end]):
            out.append((mention.full, start + mention.start))
        return out


class FilmMentionsExtractor:
    """Films and series named in passing, with the person linked to each."""

    name = "film_mentions"
    # "claims:person": the pipeline also hands it the people earlier components found
    requires: tuple[str, ...] = ("sentences", "claims:person")
    produces: tuple[str, ...] = ("cast_member", "director", "year")

    def __call__(self, doc: Document, people: Iterable[str] = ()) -> list[Claim]:
        found = find_mentions(doc, people)
        return dedupe([c for m in found for c in self._claims(doc, m)])

    def _claims(self, doc: Document, m: FilmMention) -> list[Claim]:
        if doc.title and same_title(m.title, doc.title):
            return []  # the document's own film: the other components read it
        also = {"also_titled": doc.text[m.also_start:m.also_end]} if m.also_end else {}
        common = dict(extractor=self.name, confidence=CONFIDENCE, subject=m.title,
                      subject_year=m.year, subject_type=m.kind)
        out = []
        if m.person and m.person != m.title:  # "Harry Potter" the character is no title
            quals = {"character": m.character} if m.character else {}
            out.append(claim(doc, m.role, m.person, m.start, m.end,
                             qualifiers=quals | also, **common))
        if m.year:
            out.append(claim(doc, "year", m.year, m.year_start, m.year_end, qualifiers=also,
                             **common))
        return out


def _paragraph_start(text: str, pos: int) -> int:
    blank = text.rfind("\n\n", 0, pos)
    return 0 if blank < 0 else blank + 2


def _paren_mentions(text: str, start: int, end: int, people: _People) -> list[FilmMention]:
    out: list[FilmMention] = []
    for m in re.finditer(r"\(([^()]{2,200})\)", text[start:end]):
        o_start, o_end = start + m.start(1), start + m.end(1)
        before = text[max(start, o_start - 80):o_start - 1].rstrip()
        run = re.search(r"((?:[A-Z][\w'’-]+|[A-Z]\.)(?:\s+(?:[A-Z][\w'’-]+|[A-Z]\.|"
                        r"[\"“‘'][A-Z][\w'’-]*[\"”’'])){1,3})$", before)
        if run is None:
            continue
        if any(looks_like_organization(w) for w in run.group(1).split()):
            continue  # "Walt Disney Studios Motion Pictures (...)": a company
        person, nick = strip_nickname(run.group(1))
        if nick:
            people.scope.add_person(run.group(1))
        words = person.split()
        person = next((" ".join(words[i:]) for i in range(len(words) - 1)
                       if _looks_like_person(" ".join(words[i:]))), person)
        if not _looks_like_person(person):
            named = people.scope.resolve(person)
            if named is None:
                continue
            person = named
        people.scope.add_person(person)
        role = "director" if _DIRECTOR_BEFORE.search(before[: run.start()]) else "cast_member"
        last: FilmMention | None = None
        for piece in re.finditer(r"[^,;]+", text[o_start:o_end]):
            p_start = o_start + piece.start() + len(piece.group()) - len(piece.group().lstrip())
            p_end = o_start + piece.end()
            item = text[p_start:p_end].rstrip()
            p_end = p_start + len(item)
            lead = _LEADING.match(item)
            if lead:
                p_start += lead.end()
                item = item[lead.end():]
            if re.fullmatch(_YEAR, item):
                if last is not None and last.year is None:
                    out[-1] = last = FilmMention(last.title, last.start, last.end, last.kind,
                                                 int(item), p_start, p_end, last.person,
                                                 last.role)
                continue
            kind = "film"
            tv = _TV.match(item)
            if tv:
                kind, p_start, item = "series", p_start + tv.end(), item[tv.end():]
            found = read_title(text, p_start, p_end)
            if found is None or found[1] != p_end or _AWARDISH.search(item):
                last = None
                continue
            if kind == "film" and (_looks_like_person(item) or people.scope.resolve(item)
                                   or _looks_like_person(re.sub(rf"\s+{_ROMAN}$", "", item))):
                last = None
                continue  # "(Dana Holt)", "(Holt)": an actor after a character, not a title
            last = FilmMention(text[found[0]:found[1]], found[0], found[1], kind,
                               person=person, role=role)
            out.append(last)
    return out


def _subject_person(
    text: str, sent_start: int, title_start: int, para_people: list[tuple[str, int]],
    people: _People,
) -> str | None:
    """The one person the sentence names before the title, or the antecedent of its
    "he"/"she"."""
    named = {full for full, off in people.in_range(text, sent_start, title_start)}
    if len(named) == 1:
        return next(iter(named))
    if named:
        return None
    if not _PRONOUN.search(text, sent_start, title_start):
        return None
    earlier = [(full, off) for full, off in para_people if off < sent_start]
    if not earlier:
        return None
    last_off = earlier[-1][1]
    # everyone named in the sentence that named the antecedent
    sentence_of_last = text.rfind(". ", 0, last_off) + 1
    same = {full for full, off in earlier if off >= sentence_of_last}
    return earlier[-1][0] if len(same) == 1 else None


def find_mentions(doc: Document, known_people: Iterable[str] = ()) -> list[FilmMention]:
    """Every film or series named in passing in the document's prose, in text order;
    ``known_people`` are full names known to be people (from the document's credits)."""
    text = doc.text
    people = _People()
    for name in known_people:
        people.scope.add_person(name)
    out: list[FilmMention] = []
    para_start, para_people = -1, []
    for start, end in prose_sentences(doc):
        p_start = _paragraph_start(text, start)
        if p_start != para_start:
            para_start, para_people = p_start, []
        found: list[FilmMention] = _paren_mentions(text, start, end, people)
        taken = [(f.start, f.end) for f in found]

        collect = _Collector(text, start, para_people, people, found, taken)
        add = collect.add

        for m in _GENRE_FRAME.finditer(text, start, end):
            t = read_title(text, m.end(), end)
            if t:
                kind = "series" if m.group(2) in ("series", "sitcom", "miniseries", "show") \
                    else "film"
                add(*t, kind, year=int(m.group(1)), year_span=m.span(1))
        for m in _SERIES_FRAME.finditer(text, start, end):
            t = read_title(text, m.end(), end)
            if t:
                add(*t, "series")
        for m in re.finditer(r"\b(?:TV|television)['’]s\s+(?=[A-Z0-9])", text[start:end]):
            t = read_title(text, start + m.end(), end)
            if t:
                add(*t, "series")
        for m in _VERB_FRAME.finditer(text, start, end):
            role = "director" if m.group("direct") else "cast_member"
            subject = _VERB_SUBJECT.search(text, start, m.start())
            if subject:  # "Dana Whitlock starred in"
                words = subject.group(1).split()
                if (subject.start() == start and not is_given_name(words[0])
                        and people.scope.resolve(words[0]) is None
                        and people.scope.resolve(" ".join(words[1:])) is not None):
                    words = words[1:]  # "Meanwhile Grant starred": Grant is known
                if len(words) > 1 and words[0] not in _NOT_TITLE_START:
                    people.scope.add_person(" ".join(words))
            for t in _title_list(text, m.end(), end):
                if _looks_like_person(text[t[0]:t[1]]):
                    break
                year_m = _TITLE_YEAR.match(text, t[1], end)
                add(*t, "film", role=role, character=m.group("character"), before=m.start(),
                    year=int(year_m.group(1)) if year_m else None,
                    year_span=year_m.span(1) if year_m else (0, 0))
        for m in re.finditer(r"\bthe\s+(?=[A-Z0-9])", text[start:end]):
            t = read_title(text, start + m.end(), end)
            if t and _FRANCHISE_FRAME.match(text, t[1] + 1, end):
                add(*t, "film")
        for m in _TITLE_YEAR.finditer(text, start, end):
            head = text[max(start, m.start() - 60):m.start()]
            cands = [c for c in re.finditer(r"[A-Z0-9]", head)]
            for c in cands:
                t = read_title(text, m.start() - len(head) + c.start(), m.start())
                if t is None or t[1] != m.start():
                    continue
                if re.search(r"[A-Z][\w'’.-]*\s$", text[max(0, t[0] - 30):t[0]]):
                    break  # "This Is the End (2013)": the title begins before any we read
                if not _looks_like_person(text[t[0]:t[1]]):
                    add(*t, "film", year=int(m.group(1)), year_span=m.span(1))
                    break
        for m in _SEQUEL.finditer(text, start, end):
            t = _sequel_title(text, start, m)
            if t:
                add(*t, "film")
        para_people.extend(people.in_range(text, start, end))
        found = [_also_titled(text, f, end) for f in found]
        out.extend(f for f in found if f.person or f.year)
    return sorted(out, key=lambda f: f.start)


@dataclass(slots=True)
class _Collector:
    """The mentions found in one sentence, each with its person; no two overlap."""

    text: str
    start: int
    para_people: list[tuple[str, int]]
    people: _People
    found: list[FilmMention]
    taken: list[tuple[int, int]]

    def add(self, t_start: int, t_end: int, kind: str, *, year: int | None = None,
            year_span: tuple[int, int] = (0, 0), role: str = "cast_member",
            character: str | None = None, before: int | None = None) -> None:
        if any(not (t_end <= s or t_start >= e) for s, e in self.taken):
            return
        person = _subject_person(self.text, self.start, before or t_start, self.para_people,
                                 self.people)
        self.found.append(FilmMention(self.text[t_start:t_end], t_start, t_end, kind, year,
                                      year_span[0], year_span[1], person, role, character))
        self.taken.append((t_start, t_end))


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


def _sequel_title(text: str, sent_start: int, m: re.Match[str]) -> tuple[int, int] | None:
    """The title ending in the number ``m`` matched ("Creed II"), or None."""
    head = text[sent_start:m.start()]
    run = re.search(r"((?:[A-Z][\w'’-]*)(?:\s+(?:[A-Z][\w'’-]*|of|the|and)){0,4})$", head)
    if run is None:
        return None
    words = run.group(1).split()
    while words and words[0][0].islower():
        words.pop(0)
    if not words or words[-1] in _NOT_SEQUEL or words[0] in _NOT_SEQUEL:
        return None
    t_start = m.start() - len(" ".join(words))
    if text[t_start:m.start()] != " ".join(words):
        return None
    if _ROYAL.search(text[max(0, t_start - 12):t_start]) or words[-1] in ("King", "Queen"):
        return None
    if len(words) == 1 and words[0] in _NOT_TITLE_START:
        return None
    if _looks_like_person(" ".join(words)):
        return None
    return t_start, m.end()
