"""Guess what kind of document a text is, from a small table of weighted cues.

Each cue looks for one thing (a ``= Title =`` line, a leading date, "I think", a "3/5"
rating) and adds its weight to one kind for each find, up to its cap. The kind with the
highest total wins; a tie for the top, or a top total under :data:`MIN_SCORE`, gives
``other``. :func:`score_kinds` shows the working.

Review cues look only outside quotation marks, so an encyclopedia entry that quotes a critic
("I loved it") does not read as a review; press cues look only at the opening of the text,
where a news item says what it is about.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from backtrace.model import Kind
from backtrace.read.markup import is_heading, is_item, parse_structure
from backtrace.read.sentences import split_sentences

MIN_SCORE = 2.0
RENDERED_FORMATS = frozenset({"html", "markdown"})
_OPENING = 2000  # characters of the opening, for press cues
_FIRST_PROSE = 3000  # characters in which to look for the first sentence of prose
_QUOTED = re.compile(r"\"[^\"\n]{0,600}\"|“[^”\n]{0,600}”")


@dataclass(frozen=True, slots=True)
class Evidence:
    """A text prepared for the cues."""

    text: str
    title: str | None
    fmt: str
    meta: Mapping[str, Any]
    opening: str  # the first characters, lower-cased
    unquoted: str  # the text with quotations blanked out

    @classmethod
    def of(cls, text: str, title: str | None, fmt: str, meta: Mapping[str, Any]) -> Evidence:
        unquoted = _QUOTED.sub(lambda m: " " * len(m.group()), text)
        return cls(text, title, fmt, meta, text[:_OPENING].lower(), unquoted)


@dataclass(frozen=True, slots=True)
class Cue:
    kind: Kind
    name: str
    weight: float
    count: Callable[[Evidence], int]  # how many times the cue is seen
    cap: int = 1  # at most this many finds count


def _title_line(ev: Evidence) -> bool:
    return bool(re.match(r"=[^=\n].*=[ \t]*(?:\n|$)", ev.text.lstrip()))


def _markup_title(ev: Evidence) -> int:
    """A ``= Title =`` line written by the author (not rendered from a page's h1)."""
    return int(_title_line(ev) and ev.fmt not in RENDERED_FORMATS)


def _rendered_title(ev: Evidence) -> int:
    """A title line rendered from HTML or Markdown: every page has one, so it says little."""
    return int(_title_line(ev) and ev.fmt in RENDERED_FORMATS)


def _headings(ev: Evidence) -> int:
    return len(re.findall(r"^[ \t]*==[^=\n].*==[ \t]*$", ev.text, re.MULTILINE))


def _infobox(ev: Evidence) -> int:
    return int(parse_structure(ev.text).infobox is not None)


_FILM_WORD = r"(?:film|movie|documentary|miniseries|television series|series|animated feature)"
_WORD = r"[\w'’–-]+,?\s+"
# "is a 2003 American film", and with the article left out, "is 2003 American film"
_DEFINING_DATED = re.compile(
    r"\b(?:is|was)\s+(?:an?\s+(?:(?:upcoming|unreleased|forthcoming)\b[^.\n]{0,80}?|"
    rf"(?:{_WORD}){{0,4}}?(?:1[89]|20)\d\d\s+(?:{_WORD}){{0,8}}?)"
    rf"|(?:1[89]|20)\d\d\s+(?:{_WORD}){{0,8}}?){_FILM_WORD}\b"
)
_DEFINING_UNDATED = re.compile(rf"\b(?:is|was)\s+an?\s+(?:{_WORD}){{0,8}}?{_FILM_WORD}\b")
_ARTICLE = re.compile(r"^(?:the|an?)\s+", re.IGNORECASE)


def _defining_sentence(ev: Evidence) -> int:
    """1 when the first sentence of prose says "<Title> is a <year> ... film"; the year may
    be left out when the sentence starts with the document's title."""
    head = ev.text[:_FIRST_PROSE]
    for sentence in split_sentences(head):
        line = head[sentence.start : sentence.end]
        if is_heading(line) or is_item(line) or len(line.split()) < 4:
            continue
        if _DEFINING_DATED.search(line):
            return 1
        return int(_starts_with_title(line, ev.title) and bool(_DEFINING_UNDATED.search(line)))
    return 0


def _starts_with_title(line: str, title: str | None) -> bool:
    if not title or not title.strip():
        return False
    line = _ARTICLE.sub("", line).lower()
    return line.startswith(_ARTICLE.sub("", title.strip()).lower())


def _dated(*sources: str) -> Callable[[Evidence], int]:
    return lambda ev: int(ev.meta.get("date_source") in sources)


def _meta(key: str) -> Callable[[Evidence], int]:
    return lambda ev: int(bool(ev.meta.get(key)))


def _press(*phrases: str) -> Callable[[Evidence], int]:
    """Distinct phrases found in the opening of the text."""
    regex = re.compile(r"\b(?:" + "|".join(phrases) + r")\b")
    return lambda ev: len(set(regex.findall(ev.opening)))


def _unquoted_phrases(*phrases: str) -> Callable[[Evidence], int]:
    """Distinct phrases found outside quotations."""
    regex = re.compile(r"\b(?:" + "|".join(phrases) + r")\b")
    return lambda ev: len(set(regex.findall(ev.unquoted.lower())))


_FIRST_PERSON = re.compile(
    r"\bI(?:'m|’m|'ve|’ve|'d|’d)?\s+[a-z]|\b(?:my|me)\b"
    r"|(?<![\w'])i\s+(?:think|thought|was|am|have|found|liked|loved|hated|felt|guess|must|can't)\b"
)
_RATING = re.compile(
    r"\b\d(?:\.\d)?\s?/\s?(?:4|5|10)\b|★|\b(?:Grade|Rating|Verdict):|\bout of (?:four|five) stars"
)
_REPORTED = re.compile(
    r"(?:(?:average|rating of|score of|scored|approval|gave|awarded|rated|rates|got|received)"
    r"[^.\n]{0,30}|\bof\s+)$",
    re.IGNORECASE,
)


def _first_person(ev: Evidence) -> int:
    return len(_FIRST_PERSON.findall(ev.unquoted))


def _rating(ev: Evidence) -> int:
    """A rating given by the writer: not an aggregator's "average rating of 6.5/10", nor one
    reported ("X gave it 2/4")."""
    text = ev.unquoted
    return sum(
        1
        for m in _RATING.finditer(text)
        if not _REPORTED.search(text[max(0, m.start() - 40) : m.start()])
    )


_PRESS = _press(
    r"trailers?", r"teasers?", r"posters?", r"first look", r"announced", r"announcement",
    r"will hit theaters", r"hits theaters", r"coming to theaters", r"in theaters",
    r"casting", r"has been cast", r"joins the cast", r"set to star", r"will star",
    r"is set to", r"in talks", r"box office this weekend", r"opening weekend", r"exclusive",
    r"sources say", r"today, we", r"here direct from", r"press release",
)  # fmt: skip
_EVALUATION = _unquoted_phrases(
    r"great", r"good", r"bad", r"terrible", r"awful", r"boring", r"generic", r"falls? flat",
    r"distracting", r"brilliant", r"masterpiece", r"disappointing", r"disappointment",
    r"enjoyable", r"worth (?:it|watching|a look|seeing)", r"hard to watch", r"gems?",
    r"mess", r"forgettable", r"predictable", r"compelling", r"dull", r"tedious",
    r"overlong", r"underwhelming", r"recommend", r"must-see", r"give it a shot",
    r"decide for yourself", r"fails?", r"doesn't work", r"shines?", r"wasted",
    r"cliché[ds]?", r"clunky", r"wooden", r"a letdown", r"horrible", r"stumbles?",
    r"entertaining", r"funny", r"unfunny", r"hilarious", r"worst", r"mediocre", r"pointless",
    r"stupid", r"silly", r"lame", r"annoying", r"excellent", r"superb", r"wonderful",
    r"charming", r"uninspired", r"laughable", r"ridiculous", r"well-acted", r"poorly",
)  # fmt: skip

CUES: tuple[Cue, ...] = (
    Cue(Kind.ENCYCLOPEDIA, "= Title = line", 3, _markup_title),
    Cue(Kind.ENCYCLOPEDIA, "rendered title", 1, _rendered_title),
    Cue(Kind.ENCYCLOPEDIA, "==Section== headings", 1, _headings, cap=2),
    Cue(Kind.ENCYCLOPEDIA, "infobox", 3, _infobox),
    Cue(Kind.ENCYCLOPEDIA, "'X is a 2018 ... film'", 3, _defining_sentence),
    Cue(Kind.NEWS, "leading date line", 2, _dated("text")),
    Cue(Kind.NEWS, "published date", 1, _dated("metadata", "field")),
    Cue(Kind.NEWS, "press vocabulary", 1, _PRESS, cap=4),
    Cue(Kind.REVIEW, "first person (I think, my, me)", 1, _first_person, cap=3),
    Cue(Kind.REVIEW, "evaluation words", 0.5, _EVALUATION, cap=5),
    Cue(Kind.REVIEW, "rating", 3, _rating),
    Cue(Kind.REVIEW, "byline with outlet", 2, _meta("outlet")),
    Cue(Kind.REVIEW, "critic named", 1, _meta("critic")),
)


def score_kinds(
    text: str, title: str | None = None, fmt: str = "text", meta: Mapping[str, Any] | None = None
) -> dict[Kind, list[tuple[str, float]]]:
    """For each kind, the cues that fired and what each added."""
    evidence = Evidence.of(text, title, fmt, meta or {})
    fired: dict[Kind, list[tuple[str, float]]] = {kind: [] for kind in Kind}
    for cue in CUES:
        seen = min(cue.count(evidence), cue.cap)
        if seen:
            fired[cue.kind].append((cue.name, cue.weight * seen))
    return fired


def detect_kind(
    text: str, title: str | None = None, fmt: str = "text", meta: Mapping[str, Any] | None = None
) -> Kind:
    """The kind with the highest score; ``other`` on a tie or when no score reaches MIN_SCORE."""
    fired = score_kinds(text, title, fmt, meta)
    totals = {kind: sum(weight for _, weight in cues) for kind, cues in fired.items()}
    best = max(totals.values())
    winners = [kind for kind, total in totals.items() if total == best]
    if best < MIN_SCORE or len(winners) > 1:
        return Kind.OTHER
    return winners[0]
