"""Encyclopedia markup in plain text: a ``= Title =`` line, ``==Section==`` headings, an infobox.

    = Backtrace (film) =          the title; "(film)" goes to the disambiguation
                                  blank lines may follow
    Backtrace                     optional: a bare line (the title again)
    - Director: Brian A. Miller   the infobox: consecutive "- Key: Value" lines
    - Runtime: 87 minutes         before the first prose paragraph

    Backtrace is a 2018 ...       prose
    ==Plot==                      a level-1 section (=== is level 2, and so on)

HTML and Markdown are rendered to these same conventions, so this module reads them too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from backtrace.model import Section

INFOBOX = "Infobox"

_TITLE = re.compile(r"[ \t]*=[ \t]*([^=\s](?:.*[^=\s])?)[ \t]*=[ \t]*$")
_HEADING = re.compile(r"[ \t]*(={2,6})[ \t]*([^=\s](?:.*[^=\s])?)[ \t]*\1[ \t]*$")
_KEY_VALUE = re.compile(r"[ \t]*[-*•][ \t]*([^:\n]{1,60}?)[ \t]*:(?:[ \t]+(.*)|[ \t]*)$")
_ITEM = re.compile(r"[ \t]*(?:[-*•+][ \t]|\d{1,3}[.)][ \t])")
_DISAMBIGUATION = re.compile(r"^(.*\S)\s*\(([^()]+)\)$")
_DISAMBIGUATION_WORDS = re.compile(
    r"\b(?:film|movie|series|miniseries|serial|documentary|franchise|soundtrack|novel|"
    r"play|musical|short|tv|television|animated|remake|character)\b|^\d{4}$",
    re.IGNORECASE,
)
_SENTENCE_IN_KEY = re.compile(r"[!?]|[a-z]{3,}\.\s")  # "It ends. Then: x" is prose
_BARE_LINE_MAX = 100
_MAX_KEY_WORDS = 6


@dataclass(slots=True)
class Structure:
    """What the markup of one text says."""

    title: str | None = None
    disambiguation: str | None = None
    sections: list[Section] = field(default_factory=list)  # headings and infobox, by start
    infobox: Section | None = None


def lines(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """(start, end) of each line in ``text[start:end]``, without its ``\\n``."""
    end = len(text) if end is None else end
    pos = start
    while pos < end:
        stop = text.find("\n", pos, end)
        stop = end if stop == -1 else stop
        yield pos, stop
        pos = stop + 1


def is_heading(line: str) -> bool:
    """True for a ``= Title =`` or ``==Heading==`` line."""
    return bool(_TITLE.match(line) or _HEADING.match(line))


def is_item(line: str) -> bool:
    """True for a list item: ``- x``, ``* x``, ``• x``, ``+ x``, ``1. x``, ``1) x``."""
    return bool(_ITEM.match(line))


def key_value(line: str) -> tuple[str, str] | None:
    """``(key, value)`` of an infobox-shaped ``- Key: Value`` line, else None."""
    match = _KEY_VALUE.match(line)
    if not match:
        return None
    key = match.group(1).strip()
    if not any(ch.isalpha() for ch in key) or len(key.split()) > _MAX_KEY_WORDS:
        return None
    if key[-1] in ".!?" or _SENTENCE_IN_KEY.search(key):
        return None
    return key, (match.group(2) or "").strip()


def split_disambiguation(title: str) -> tuple[str, str | None]:
    """``("Backtrace", "2018 film")`` from ``"Backtrace (2018 film)"``; other titles as they are."""
    match = _DISAMBIGUATION.match(title.strip())
    if match and _DISAMBIGUATION_WORDS.search(match.group(2).strip()):
        return match.group(1).strip(), match.group(2).strip()
    return title.strip(), None


def parse_structure(text: str) -> Structure:
    """Read the title line, the section headings and the infobox of ``text``."""
    structure = Structure()
    spans = list(lines(text))
    first = next((i for i, (s, e) in enumerate(spans) if text[s:e].strip()), None)
    body_from = 0
    if first is not None:
        s, e = spans[first]
        match = _TITLE.match(text[s:e])
        if match:
            structure.title, structure.disambiguation = split_disambiguation(match.group(1))
            body_from = first + 1
        structure.infobox = _find_infobox(text, spans, body_from, structure.title is not None)
    headings = _headings(text, spans)
    if structure.infobox is not None:
        headings.append(structure.infobox)
    structure.sections = sorted(headings, key=lambda sec: (sec.start, sec.level))
    return structure


# headings an article written out as plain text puts on a line of their own ("Plot",
# "Cast", "Critical reception"): a section when a blank line or another heading comes before
# and text follows
BARE_HEADINGS = frozenset({
    "plot", "plot summary", "synopsis", "premise", "story", "summary", "cast",
    "cast and crew", "cast and characters", "voice cast", "main cast", "production",
    "development", "pre-production", "casting", "filming", "principal photography",
    "post-production", "music", "soundtrack", "songs", "track listing", "release", "screening",
    "release and reception", "marketing", "marketing and release", "home media",
    "home entertainment", "box office", "reception", "critical reception",
    "critical response", "accolades", "awards", "awards and nominations", "legacy",
    "sequel", "remakes", "background", "themes", "controversy", "references", "see also",
    "external links", "notes", "further reading",
})


def _bare_heading(text: str, spans: list[tuple[int, int]], i: int,
                  after_heading: bool) -> str | None:
    """The title of the bare heading line ``spans[i]``, or None."""
    s, e = spans[i]
    title = text[s:e].strip()
    if " ".join(title.lower().split()) not in BARE_HEADINGS or not title[0].isupper():
        return None
    before_blank = i == 0 or not text[spans[i - 1][0]:spans[i - 1][1]].strip()
    text_follows = i + 1 < len(spans) and bool(text[spans[i + 1][0]:spans[i + 1][1]].strip())
    return title if (before_blank or after_heading) and text_follows else None


def _headings(text: str, spans: list[tuple[int, int]]) -> list[Section]:
    """Sections for the heading lines; each ends where the next heading of its level or a
    higher one (fewer ``=``) starts, or at the end of the text. A bare heading line is of
    level 1."""
    sections: list[Section] = []
    open_: list[tuple[int, str, int]] = []  # (level, title, start), levels increasing
    previous_heading = False
    for i, (s, e) in enumerate(spans):
        match = _HEADING.match(text[s:e])
        bare = None if match else _bare_heading(text, spans, i, previous_heading)
        previous_heading = bool(match or bare)
        if bare is not None:
            level, title = 1, bare
        elif match:
            level, title = len(match.group(1)) - 1, match.group(2).strip()
        else:
            continue
        while open_ and open_[-1][0] >= level:
            sections.append(_section(open_.pop(), s))
        open_.append((level, title, s))
    while open_:
        sections.append(_section(open_.pop(), len(text)))
    return sorted(sections, key=lambda sec: sec.start)


def _section(heading: tuple[int, str, int], end: int) -> Section:
    level, title, start = heading
    return Section(title=title, level=level, start=start, end=end)


def _find_infobox(text: str, spans: list[tuple[int, int]], i: int, titled: bool) -> Section | None:
    """The block of ``- Key: Value`` lines at ``spans[i:]``, after blanks and one bare line."""
    i = _skip_blank(text, spans, i)
    if i < len(spans) and is_bare_line(text[spans[i][0] : spans[i][1]]):
        i = _skip_blank(text, spans, i + 1)
    block: list[tuple[int, int]] = []
    while i < len(spans) and key_value(text[spans[i][0] : spans[i][1]]):
        block.append(spans[i])
        i += 1
    if not block or (not titled and len(block) < 2):
        return None
    if i < len(spans) and is_item(text[spans[i][0] : spans[i][1]]):
        return None  # the list goes on with items that are not "Key: Value": not an infobox
    return Section(title=INFOBOX, level=1, start=block[0][0], end=block[-1][1])


def is_bare_line(line: str) -> bool:
    """True for a short line that is not a sentence, a heading or an item (a title again)."""
    stripped = line.strip()
    return (
        bool(stripped)
        and len(stripped) <= _BARE_LINE_MAX
        and stripped[-1] not in ".!?:;,"
        and not is_heading(stripped)
        and not is_item(stripped)
    )


def _skip_blank(text: str, spans: list[tuple[int, int]], i: int) -> int:
    while i < len(spans) and not text[spans[i][0] : spans[i][1]].strip():
        i += 1
    return i
