"""The frames that name a film in passing, as data: one :class:`~backtrace.extract.rules.Rule`
per way a sentence names a title, each with sentences it must and must not read, and the
readers of titles they name (:func:`read_title` and the readers registered below).

Tables, in the order :mod:`backtrace.extract.film_mentions` runs them:

- :data:`NOUN_RULES`, a noun before the title: "the 2009 war drama X", "the Netflix
  series X", "TV's X";
- :data:`VERB_RULES`, verbs of credit: "starred in X", "reprised her role as Y in X",
  "known for X and Z", "is filming X", "directed X" (the person credited is the verb's
  subject, which the component reads);
- :data:`SHAPE_RULES`, the title's own shape: "the X franchise", "X (2004)", "Creed II".

A hit's property is ``title``; its qualifiers carry the ``role`` ("director" after
"directed"; the cast otherwise), the ``year`` and its span, the ``character`` ("reprised his
role as Y") and, for a verb, where the verb begins (``before``). Which person a title is
linked to, and the list in brackets after a name ("Nadia Orlov (TV's Harbour Lights, Quiet
Engines)"), need the document: they are :mod:`backtrace.extract.film_mentions`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from backtrace.extract.lead_shape import SCREEN_WORKS, WORK_NOUNS
from backtrace.extract.prose import ABBREVIATIONS, looks_like_organization
from backtrace.extract.rules import READERS, Context, Example, Prop, RoleHit, Rule, hits_for
from backtrace.model import EntityType
from backtrace.people import is_given_name
from backtrace.vocabulary import YEAR

ROMAN = r"(?:II|III|IV|V|VI|VII|VIII|IX|X)"
_JOINERS = frozenset({"of", "the", "to", "a", "an", "in", "and", "on", "at", "for", "with",
                      "from", "de", "la", "le", "vs.", "&", "or", "is", "me", "my", "it"})
_TITLE_WORD = re.compile(r"[ \t]*([A-Z0-9][\w'’.:!?-]*|[a-z][\w'’]*|&)")
NOT_TITLE_START = frozenset({
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


def _alternation(nouns: Iterable[str]) -> str:
    """A regex alternation of ``nouns``, longest first, white space as ``\\s+``."""
    return "|".join(r"\s+".join(map(re.escape, n.split()))
                    for n in sorted(nouns, key=len, reverse=True))


def _any_case(nouns: Iterable[str]) -> str:
    """A regex for any of ``nouns`` as a whole word in any case ("TV series", "Sitcom"),
    quick to pass over text where none starts."""
    nouns = list(nouns)
    first = "".join(sorted({n[0].lower() for n in nouns} | {n[0].upper() for n in nouns}))
    return rf"\b(?=[{re.escape(first)}])(?i:{_alternation(nouns)})\b"


def _nouns(kind: EntityType) -> list[str]:
    return [noun for noun, of in WORK_NOUNS.items() if of == kind]


# nouns that need a word before them to name a TV series ("the Netflix series X"), as
# "the series finale", "stole the show Friday" name none
_BARE_TV_NOUNS = frozenset({"series", "show", "soap"})
WORK_NOUN = _alternation(WORK_NOUNS)
# the nouns of works people are credited in: "the 2009 war drama X", "the 1987 series X"
_SCREEN_NOUN = _alternation(n for n, kind in WORK_NOUNS.items() if kind in SCREEN_WORKS)
_FRANCHISE_NOUN = _alternation(_nouns(EntityType.SERIES))
# a franchise noun right after a title: "the X franchise", "the X film series"
NOUN_AFTER = re.compile(rf"\s+(?:{_FRANCHISE_NOUN})\b", re.IGNORECASE)
_NAMED_BEFORE = re.compile(r"\bthe\s+[A-Z][\w&-]*\s+$")
TITLE_YEAR = re.compile(rf"\s*\(({YEAR})\)")
_SEQUEL_RUN = re.compile(r"((?:[A-Z][\w'’-]*)(?:\s+(?:[A-Z][\w'’-]*|of|the|and)){0,4})$")
_SEQUEL_LOOKBACK = 400  # characters: five words of a title, with room to spare
_INITIAL_AFTER = re.compile(r"\.\s+([A-Z][\w'’-]*)")
_TITLE_SEP = re.compile(r"\s*(?:,\s*and\s+|,\s*|\s+and\s+)")


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
            if not tokens and bare in NOT_TITLE_START and bare != "The":
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
        sep = _TITLE_SEP.match(text, found[1], end)
        if sep is None:
            break
        pos = sep.end()
    return out


def looks_like_person(name: str) -> bool:
    """Whether ``name`` reads as a person's: two to four words, a given name first."""
    words = name.split()
    return (2 <= len(words) <= 4 and is_given_name(words[0])
            and not any(looks_like_organization(w) for w in words))


def _sequel_title(text: str, sent_start: int, m: re.Match[str]) -> tuple[int, int] | None:
    """The title ending in the number ``m`` matched ("Creed II"), or None."""
    # the words are read from the last few hundred characters (a search anchored at the end
    # of the whole sentence would try every word of it: the square of its length)
    head = text[max(sent_start, m.start() - _SEQUEL_LOOKBACK):m.start()]
    run = _SEQUEL_RUN.search(head)
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
    if len(words) == 1 and words[0] in NOT_TITLE_START:
        return None
    if looks_like_person(" ".join(words)):
        return None
    if (len(words) == 1 and is_given_name(words[0])
            and (after := _INITIAL_AFTER.match(text, m.end()))
            and after.group(1) not in NOT_TITLE_START):
        return None  # "Francis X. Bushman": a middle initial, not a sequel
    return t_start, m.end()


# -- readers ---------------------------------------------------------------------------------


def _year(m: re.Match[str], group: int | str) -> dict[str, Any]:
    """The year of the group ``group`` ("the 2009 war drama", "Ember (2004)") as qualifiers."""
    return {"year": int(m.group(group)), "year_span": m.span(group)}


def _title(c: Context, start: int, end: int, extra: dict[str, Any] | None = None
           ) -> list[RoleHit]:
    return hits_for(c.props, c.text[start:end], start, end, extra)


def _title_after(c: Context) -> list[RoleHit]:
    """The title right after the phrase, with the year of its group ``year`` if any."""
    t = read_title(c.text, c.m.end(), c.end)
    if t is None:
        return []
    return _title(c, *t, _year(c.m, "year") if "year" in c.m.re.groupindex else None)


def _series_title(c: Context) -> list[RoleHit]:
    """ "the sitcom X", "the Netflix series X": a bare "series" or "show" only after "the"
    and a name ("the series finale", "stole the show Friday" name none)."""
    if c.m.group("noun").lower() in _BARE_TV_NOUNS and not _NAMED_BEFORE.search(
            c.text, max(c.start, c.m.start() - 40), c.m.start()):
        return []
    return _title_after(c)


def _titles_after_verb(c: Context) -> list[RoleHit]:
    """The titles after a verb of credit ("starred in A, B and C"), each with the year in
    brackets after it; the list ends at a person's name. The verb's extent goes to
    ``c.spans`` (the component reads its subject there, even when no title follows)."""
    text, end, m = c.text, c.end, c.m
    c.spans.append((m.start(), m.end()))
    if "direct" in m.re.groupindex and m.group("direct"):  # "directed X": X's director
        c = replace(c, props=[DIRECTED])
    extra: dict[str, Any] = {"before": m.start()}
    if "character" in m.re.groupindex and m.group("character"):
        extra["character"] = m.group("character")
    hits: list[RoleHit] = []
    for s, e in _title_list(text, m.end(), end):
        if looks_like_person(text[s:e]):
            break
        year = TITLE_YEAR.match(text, e, end)
        hits += _title(c, s, e, extra | (_year(year, 1) if year else {}))
    return hits


def _franchise_title(c: Context) -> list[RoleHit]:
    """ "the Night Shift franchise": the title after "the", when a franchise noun follows."""
    t = read_title(c.text, c.m.end(), c.end)
    return _title(c, *t) if t and NOUN_AFTER.match(c.text, t[1], c.end) else []


_CAPITAL = re.compile(r"[A-Z0-9]")
_WORD_BEFORE = re.compile(r"[A-Z][\w'’.-]*\s$")


def _title_before_year(c: Context) -> list[RoleHit]:
    """ "Ember (2004)": the title that ends right before a year in brackets, not a name."""
    text, m = c.text, c.m
    head = text[max(c.start, m.start() - 60):m.start()]
    for cand in _CAPITAL.finditer(head):
        t = read_title(text, m.start() - len(head) + cand.start(), m.start())
        if t is None or t[1] != m.start():
            continue
        if _WORD_BEFORE.search(text[max(0, t[0] - 30):t[0]]):
            break  # "This Is the End (2013)": the title begins before any we read
        if not looks_like_person(text[t[0]:t[1]]):
            return _title(c, *t, _year(m, 1))
    return []


def _sequel(c: Context) -> list[RoleHit]:
    """ "Creed II", "Rambo 5": the capitalised words before the number."""
    t = _sequel_title(c.text, c.start, c.m)
    return _title(c, *t) if t else []


READERS.update({"title": _title_after, "series_title": _series_title,
                "titles": _titles_after_verb, "franchise_title": _franchise_title,
                "title_before_year": _title_before_year, "sequel_title": _sequel})


# -- the tables ------------------------------------------------------------------------------

TITLE: Prop = ("title", {})
DIRECTED: Prop = ("title", {"role": "director"})


def _ex(text: str, *finds: str) -> tuple[Example, ...]:
    return (Example(text, *finds),)


_CASED: dict[str, Any] = {"props": (TITLE,), "ignore_case": False}

NOUN_RULES: tuple[Rule, ...] = (
    Rule("the-year-genre-film",
         rf"\bthe\s+(?P<year>{YEAR})\s+(?:[A-Za-z-]+\s+){{0,3}}?(?:{_SCREEN_NOUN})\s+(?=[A-Z0-9])",
         read="title", **_CASED,
         examples=_ex("He was last seen in the 2009 heist thriller Salt Roads.",
                      "title=Salt Roads"),
         counterexamples=("It was the 2009 film that won.",)),
    # "the BBC television series X", "the sitcom X", "the Netflix series X"
    Rule("tv-series-noun",
         rf"(?P<noun>{_any_case(_nouns(EntityType.TV_SERIES))})\s+(?=[A-Z0-9])",
         read="series_title", **_CASED,
         examples=(Example("She joined the sitcom Harbor Nights that year.", "title=Harbor Nights"),
                   Example("He is in the Vistaflix series Cold Orchard.", "title=Cold Orchard")),
         counterexamples=("Their duet stole the show Friday night.",)),
    Rule("tv-possessive", r"\b(?:TV|television)['’]s\s+(?=[A-Z0-9])", read="title", **_CASED,
         examples=_ex("Ana Ruiz, a regular on TV's Dockside Nine, joins.",
                      "title=Dockside Nine")),
)

# after the verb: "the film X", "the series X", or the title itself
_AFTER_VERB = rf"\s+(?:the\s+(?:{WORK_NOUN})s?\s+)?(?=[A-Z0-9])"
_VERB: dict[str, Any] = {"read": "titles", "ignore_case": False}

VERB_RULES: tuple[Rule, ...] = (
    # one row: "starred with X in Y" may hold another verb ("... who directed ..."), and
    # the first verb read there wins
    Rule("verb-then-title",
         r"\b(?:(?P<cast>(?:co-?)?starr(?:ed|ing)|stars|appear(?:ed|s|ing)|featured|played)"
         r"(?:\s+(?:alongside|opposite|with)\s+[A-Z][\w'’. -]{0,200}?)?\s+in"
         r"|(?P<reprise>repris(?:e|es|ed|ing))\s+(?:his|her|their)\s+roles?"
         r"(?:\s+as\s+(?P<character>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}))?\s+(?:in|for)"
         r"|(?P<known>(?:best\s+|well\s+|widely\s+)?known\s+for|famous\s+for|remembered\s+for)"
         r"(?:\s+(?:his|her|their)\s+(?:roles?|work|turns?|performances?)\s+in)?"
         r"|(?P<shoot>shooting|filming|wrapped|wrapping)"
         r"|(?P<direct>directed|directing|helmed|helming))" + _AFTER_VERB, (TITLE,), **_VERB,
         examples=(Example("Mara Quist starred in Low Tide, Kettle Black and Ember.",
                           "title=Low Tide", "title=Kettle Black", "title=Ember"),
                   Example("He co-starred alongside Ines Morrow in Paper Lanterns (2011).",
                           "title=Paper Lanterns"),
                   Example("Ines Morrow will reprise her role as Ada Stone in Low Tide Rising.",
                           "title=Low Tide Rising"),
                   Example("Tomas Elling is widely known for his roles in Night Ferry and "
                           "Bellwood.", "title=Night Ferry", "title=Bellwood"),
                   Example("Kai Dorn wrapped Winter Quay last week.", "title=Winter Quay"),
                   Example("Rhea Dunn directed the film Copper Sky before this one.",
                           "title=Copper Sky")),
         counterexamples=("They appeared in court on Monday.",
                          "She starred in Paula Brandt and Otto Varga's remake.",
                          "The town is known for its cheese.",
                          "It was directed by Rhea Dunn.")),
)

SHAPE_RULES: tuple[Rule, ...] = (
    Rule("franchise", r"\bthe\s+(?=[A-Z0-9])", read="franchise_title", **_CASED,
         examples=_ex("He keeps returning to the Night Shift franchise.", "title=Night Shift"),
         counterexamples=("She visited the Night Shift offices.",)),
    Rule("title-year", TITLE_YEAR.pattern, read="title_before_year", **_CASED,
         examples=_ex("Her debut was Ember (2004), a drama.", "title=Ember"),
         counterexamples=("Maria Brandt (1956) spoke first.",)),
    Rule("sequel-number", rf"\s+(?:[2-9]|{ROMAN})\b(?![\w%.,]\d|\d|\s*(?:%|percent|million"
         r"|billion|minutes|years|days|times|hours|of\b))", read="sequel_title", **_CASED,
         examples=(Example("The studio announced Harbor Run 2 last week.", "title=Harbor Run 2"),
                   Example("She is shooting Night Shift II.", "title=Night Shift II")),
         counterexamples=("It opened on March 3 in Denmark.", "He met King George V there.",
                          "It sold 3 million tickets.")),
)

MENTION_RULES: tuple[Rule, ...] = (*NOUN_RULES, *VERB_RULES, *SHAPE_RULES)
