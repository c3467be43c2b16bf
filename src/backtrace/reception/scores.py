"""Ratings a review states, normalised to 0-100.

    find_score("Verdict: 3/5")                   # value 3, scale 5, normalised 60
    find_score("three out of four stars")        # value 3, scale 4, normalised 75
    find_score("Grade: B-")                      # letter grade, normalised 67

Numeric ratings ``N/D`` and ``N out of D (stars)`` with D in 4, 5, 10 or 100; star runs
(★★★☆☆); letter grades after "Grade:", "Rating:", "Verdict:", "Score:" or "gives it a".
Letter grades use the usual 0-100 scale (A+ 100, A 100, A- 91, B+ 83, B 75, B- 67, C+ 58,
C 50, C- 42, D+ 33, D 25, D- 16, F 0). A rating an aggregator or someone else gave ("an
average rating of 6.5/10", "Rotten Tomatoes ... 40%") is not the review's own and is skipped.
"""

from __future__ import annotations

import re

from backtrace.model import Score, Span

GRADES = {
    "A+": 100, "A": 100, "A-": 91, "B+": 83, "B": 75, "B-": 67, "C+": 58, "C": 50,
    "C-": 42, "D+": 33, "D": 25, "D-": 16, "F": 0,
}  # fmt: skip
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "zero": 0, "half": 0.5}
_NUM = r"(?:\d+(?:\.\d+)?|one|two|three|four|five|zero)(?:\s+and\s+a\s+half)?"
_SCALE = r"(?:100|10|4|5|four|five|ten)(?![\d])"
_NUMERIC = re.compile(
    rf"(?<![\w./])(?P<value>{_NUM})(?:\s+stars?)?\s*(?:/|out of)\s*(?P<scale>{_SCALE})"
    r"(?![\w/.]\d)"
    r"(?:\s+stars?)?",
    re.IGNORECASE,
)
_STARS = re.compile(r"(?P<full>★+)(?P<half>½)?(?P<empty>☆*)")
_GRADE = re.compile(
    r"(?:\b(?:grade|rating|verdict|score)\s*:\s*|\bgives?\s+(?:it|the\s+film|the\s+movie)\s+an?\s+)"
    r"(?P<grade>[A-DF][+\-−]?)(?![\w+\-])",
    re.IGNORECASE,
)
_REPORTED = re.compile(
    r"(?:average|aggregat|approval|rotten tomatoes|metacritic|imdb|audiences?|box office)"
    r"[^.\n]{0,40}$",
    re.IGNORECASE,
)


def _number(text: str) -> float:
    text = text.lower()
    half = 0.5 if text.endswith("and a half") else 0.0
    head = text.split()[0]
    return float(_NUMBERS.get(head, head)) + half


def _scale(text: str) -> float:
    return float({"four": 4, "five": 5, "ten": 10}.get(text.lower(), text))


def find_score(text: str, offset: int = 0, full_text: str | None = None) -> Score | None:
    """The first rating ``text`` states as its own; spans are offset by ``offset`` into
    ``full_text`` (``text`` itself when not given)."""
    whole = full_text if full_text is not None else text
    candidates: list[tuple[int, int, float, float, float]] = []
    for m in _NUMERIC.finditer(text):
        value, scale = _number(m.group("value")), _scale(m.group("scale"))
        if value <= scale:
            candidates.append((m.start(), m.end(), value, scale, 100.0 * value / scale))
    for m in _STARS.finditer(text):
        full, half, empty = len(m.group("full")), bool(m.group("half")), len(m.group("empty"))
        scale = full + half + empty if (half or empty) else max(5, full)
        value = full + 0.5 * half
        candidates.append((m.start(), m.end(), value, float(scale), 100.0 * value / scale))
    for m in _GRADE.finditer(text):
        grade = m.group("grade").upper().replace("−", "-")
        candidates.append((m.start("grade"), m.end(), 0.0, 0.0, float(GRADES[grade])))
    for start, end, value, scale, normalized in sorted(candidates):
        if _REPORTED.search(text[max(0, start - 60) : start]):
            continue
        if scale == 0.0:
            value = normalized
        span = Span.of(whole, offset + start, offset + end)
        return Score(span.text, value, scale, round(normalized, 1), span)
    return None
