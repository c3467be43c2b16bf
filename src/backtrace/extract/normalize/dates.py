"""Dates as written -> ISO strings with a precision.

A few regular expressions FIND date-like substrings; python-dateutil turns each into a date.
Partial dates ("December 14") need a reference date (the document's date) to get a year.
"""

from __future__ import annotations

import bisect
import re
from datetime import date, datetime, timedelta
from typing import NamedTuple

from dateutil import parser as date_parser

from backtrace.vocabulary import YEAR

Precision = str  # "day" | "month" | "year"

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = YEAR

# (form, precision, pattern); the longest match at the earliest position wins.
_FORMS: list[tuple[str, Precision, re.Pattern[str]]] = [
    ("iso", "day", re.compile(rf"(?<![\d-])({_YEAR})-(\d\d)-(\d\d)(?![\d-])")),
    ("mdy", "day", re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}(?!\d)")),
    ("dmy", "day", re.compile(rf"(?<!\d){_DAY}\s+{_MONTH},?\s+{_YEAR}(?!\d)")),
    ("my", "month", re.compile(rf"\b{_MONTH},?\s+{_YEAR}(?!\d)")),
    ("md", "day", re.compile(rf"\b{_MONTH}\s+{_DAY}(?!\w)")),
    ("dm", "day", re.compile(rf"(?<![\d.,])\b{_DAY}\s+{_MONTH}(?!\w)")),
    ("year", "year", re.compile(rf"(?<![\d$€£.,-]){_YEAR}(?![\d-])")),
]

_FILM_DATE = re.compile(r"\{\{\s*film date\s*\|", re.IGNORECASE)
_TEMPLATE_SKIP = {"df", "=", "y", "yes", "n", "no", "tba", "ref", "ref1", "ref2", "ref3", "ref4"}
_WIKILINK = re.compile(r"\[\[(?:[^|\]]*\|)?([^\]]*)\]\]")

# a partial date more than this long before the reference date is taken to be next year's
_LOOKBACK = timedelta(days=62)


class FoundDate(NamedTuple):
    """A date found in a text: ISO value, precision and where it is written."""

    iso: str
    precision: Precision
    start: int
    end: int
    region: str | None = None  # the place a {{Film date}} template gives with it


def _iso(d: date, precision: Precision) -> str:
    if precision == "year":
        return f"{d.year:04d}"
    if precision == "month":
        return f"{d.year:04d}-{d.month:02d}"
    return d.isoformat()


def _parse(form: str, text: str, ref: date | None) -> date | None:
    """The date of one matched substring, or None when it is not a real date."""
    try:
        if form == "iso":
            return date.fromisoformat(text)
        if form == "year":
            return date(int(text), 1, 1)
        if form in ("md", "dm"):
            if ref is None:
                return None
            parsed = date_parser.parse(text, default=datetime(ref.year, 1, 1)).date()
            if parsed < ref - _LOOKBACK:
                parsed = parsed.replace(year=ref.year + 1)
            return parsed
        return date_parser.parse(text, default=datetime(2000, 1, 1)).date()
    except (ValueError, OverflowError):
        return None


def _split_params(text: str, start: int, stop: int) -> list[tuple[str, int, int]]:
    """Template parameters of ``text[start:stop]`` as (stripped value, start, end); a "|"
    inside a ``[[link|label]]`` does not split."""
    params: list[tuple[str, int, int]] = []
    depth, piece_start, i = 0, start, start
    while i <= stop:
        if i == stop or (text[i] == "|" and depth == 0):
            raw = text[piece_start:i]
            lead = len(raw) - len(raw.lstrip())
            value = raw.strip()
            params.append((value, piece_start + lead, piece_start + lead + len(value)))
            piece_start = i + 1
        elif text.startswith("[[", i):
            depth += 1
            i += 1
        elif text.startswith("]]", i) and depth:
            depth -= 1
            i += 1
        i += 1
    return params


def _template_dates(text: str) -> tuple[list[FoundDate], list[tuple[int, int]]]:
    """Dates inside ``{{Film date|2018|12|14|Place|...}}`` templates, one per date given,
    and the extents of the templates."""
    found: list[FoundDate] = []
    extents: list[tuple[int, int]] = []
    after: dict[str, int] = {}  # the next place of each marker, found once per stretch read
    for m in _FILM_DATE.finditer(text):
        body_start = m.end()
        stop = len(text)
        for marker in ("}}", "{{", "<ref"):
            i = after.get(marker)
            if i is None or 0 <= i < body_start:  # (-1: none after an earlier place either)
                i = after[marker] = text.find(marker, body_start)
            if i != -1:
                stop = min(stop, i)
        extents.append((m.start(), stop))
        params = _split_params(text, body_start, stop)
        i = 0
        while i < len(params):
            if not re.fullmatch(_YEAR, params[i][0]):
                i += 1
                continue
            j = i + 1
            while j < len(params) and j - i < 3 and re.fullmatch(r"\d{1,2}", params[j][0]):
                j += 1
            nums = [int(p[0]) for p in params[i:j]]
            precision = ("year", "month", "day")[len(nums) - 1]
            try:
                d = date(nums[0], nums[1] if len(nums) > 1 else 1, nums[2] if len(nums) > 2 else 1)
            except ValueError:
                i = j
                continue
            start_off, end_off = params[i][1], params[j - 1][2]  # e.g. "2018|12|14"
            region = None
            if j < len(params):
                label = _WIKILINK.sub(r"\1", params[j][0]).strip()
                lowered = label.lower()
                if (label and lowered not in _TEMPLATE_SKIP and "=" not in label
                        and not lowered.startswith("ref") and not label.isdigit()):
                    region = label
                    j += 1
            found.append(FoundDate(_iso(d, precision), precision, start_off, end_off, region))
            i = j
    return found, extents


def find_dates(text: str, *, ref: date | None = None, years: bool = False) -> list[FoundDate]:
    """Every date written in ``text``, in order; bare years only when ``years`` is true.

    Partial dates ("December 14") are given the year of ``ref`` (or the next year when
    that would put them more than about two months before ``ref``); without ``ref`` they
    are skipped.
    """
    candidates, templates = _template_dates(text)
    template_starts = [a for a, _ in templates]  # in order, none inside another
    for form, precision, pattern in _FORMS:
        if form == "year" and not years:
            continue
        for m in pattern.finditer(text):
            i = bisect.bisect_right(template_starts, m.start()) - 1
            if i >= 0 and m.start() < templates[i][1]:
                continue
            parsed = _parse(form, m.group(0), ref)
            if parsed is not None:
                candidates.append(
                    FoundDate(_iso(parsed, precision), precision, m.start(), m.end()))
    candidates.sort(key=lambda f: (f.start, -(f.end - f.start)))
    chosen: list[FoundDate] = []
    for cand in candidates:
        if chosen and cand.start < chosen[-1].end:
            continue
        chosen.append(cand)
    return chosen


def parse_date(text: str, *, ref: date | None = None) -> tuple[str, Precision] | None:
    """The first date in ``text`` as ``(ISO string, "day" | "month" | "year")``, or None.

    >>> parse_date("December 14, 2018")
    ('2018-12-14', 'day')
    >>> parse_date("December 2018")
    ('2018-12', 'month')
    """
    found = find_dates(text, ref=ref, years=True)
    if not found:
        return None
    return found[0].iso, found[0].precision


def find_yearless_days(text: str) -> list[FoundDate]:
    """Days written without a year ("on February 19") in a text that has no date of its own
    to lend them one, as ISO 8601's year-less ``--MM-DD``. Reconciliation joins such a day
    to the one dated day of the film with that month and day, or leaves it out."""
    full = [(f.start, f.end) for f in find_dates(text, years=True)]
    found: list[FoundDate] = []
    for form, _, pattern in _FORMS:
        if form not in ("md", "dm"):
            continue
        for m in pattern.finditer(text):
            if any(a <= m.start() < b for a, b in full) or any(
                f.start <= m.start() < f.end for f in found
            ):
                continue
            try:
                day = date_parser.parse(m.group(0), default=datetime(2000, 1, 1)).date()
            except (ValueError, OverflowError):
                continue
            found.append(FoundDate(f"--{day.month:02d}-{day.day:02d}", "day", m.start(), m.end()))
    return sorted(found, key=lambda f: f.start)


def ref_date(iso: str | None) -> date | None:
    """A document's ISO date string as a :class:`date` (None when absent or malformed)."""
    if not iso:
        return None
    try:
        return date.fromisoformat(iso[:10])
    except ValueError:
        return None
