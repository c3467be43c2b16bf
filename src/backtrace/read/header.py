"""What a document says about itself before its body: a leading date and a byline.

    date 2018-11-13 Sylvester ...      the date, with the body on the same line
    Date: March 3, 2021                a date line, parsed with dateutil
    By Jane Doe, The Daily Reel        a byline: critic and outlet

Nothing is removed from the text; :class:`Header` records where each part ends so that the
sentence splitter can keep it apart from the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from backtrace.read.dates import iso_date

_ISO_MARK = re.compile(r"[ \t]*date:?[ \t]+(\d{4}-\d{2}-\d{2})(?![\d])", re.IGNORECASE)
_DATE_LINE = re.compile(
    r"[ \t]*(?:date|published|posted(?: on)?|updated)[ \t]*:[ \t]*([^\n]+?)[ \t]*(?=\n|$)",
    re.IGNORECASE,
)
_TITLE_LINE = re.compile(r"[ \t]*=[^=\n].*=[ \t]*(?=\n|$)")
_NAME = r"[A-Z][\w.'’-]*"
_CAPITAL_WORD = r"[A-Z0-9][\w.'’&!-]*"
_OUTLET_WORD = rf"(?:{_CAPITAL_WORD}|&|of|the|and|on|in|for|at|de|la|le)"
_BYLINE = re.compile(
    rf"[ \t]*(?i:by)[ \t]+(?P<critic>{_NAME}(?:[ \t]+{_NAME}){{1,3}})"
    r"(?:[ \t]*(?:,|\||—|–|[ \t]-|[ \t]of|[ \t]for)[ \t]+"
    rf"(?P<outlet>{_CAPITAL_WORD}(?:[ \t]+{_OUTLET_WORD}){{0,7}}))?"
    r"[ \t]*(?=\n|$)"
)
_MAX_BYLINE = 100


@dataclass(frozen=True, slots=True)
class Header:
    date: str | None = None
    date_end: int | None = None  # where the date marker or date line ends
    critic: str | None = None
    outlet: str | None = None
    byline: str | None = None
    byline_end: int | None = None

    @property
    def cuts(self) -> list[int]:
        """Offsets that end a sentence whatever follows them."""
        return [end for end in (self.date_end, self.byline_end) if end is not None]


def read_header(text: str) -> Header:
    """Find a leading date and a byline (after an optional ``= Title =`` line)."""
    pos = _skip_blank(text, 0)
    date, date_end = _leading_date(text, pos)
    byline_at = pos
    title = _TITLE_LINE.match(text, pos)
    if title:
        byline_at = _skip_blank(text, title.end())
    elif date_end is not None:
        byline_at = _skip_blank(text, date_end)
    match = _BYLINE.match(text, byline_at)
    if not match or match.end() - byline_at > _MAX_BYLINE:
        return Header(date=date, date_end=date_end)
    critic = match.group("critic").rstrip(".")
    outlet = match.group("outlet")
    byline = text[match.start("critic") : match.end()].strip()
    return Header(
        date=date,
        date_end=date_end,
        critic=critic,
        outlet=outlet.strip() if outlet else None,
        byline=byline,
        byline_end=match.end(),
    )


def _leading_date(text: str, pos: int) -> tuple[str | None, int | None]:
    match = _ISO_MARK.match(text, pos)
    if match:
        found = iso_date(match.group(1))
        if found:
            return found, match.end()
    match = _DATE_LINE.match(text, pos)
    if match:
        found = iso_date(match.group(1))
        if found:
            return found, match.end()
    return None, None


def _skip_blank(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos
