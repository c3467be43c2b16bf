"""Which film an untitled document (a news item, a review) is about.

A document that does not name its subject in a heading or field is matched against the
titles of films already known: the known title it mentions most often wins (ties go to
the longer title, then the earlier mention). A one-word title counts only where it does
not open a sentence, so "Today, we have..." is not taken for a film called Today.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from backtrace.keys import title_key

# Runs of capitalised words (with digits, roman numerals and a few joining words) that
# could be a title: "Backtrace", "Creed II", "Bullet to the Head", "Rambo 5".
_CANDIDATE = re.compile(
    r"\b[A-Z0-9][\w'’:-]*(?:\s+(?:(?:of|the|to|a|an|in|and|on|at|for|de|la|&)\s+)*[A-Z0-9][\w'’:-]*)*"
)
_SENTENCE_OPEN = re.compile(r"(?:^|[.!?]\s+|\n\s*)$")


def _windows(words: list[tuple[str, int]], max_len: int = 8):
    for i in range(len(words)):
        for j in range(i + 1, min(len(words), i + max_len) + 1):
            yield i, j


def film_mentions(text: str, known: Mapping[str, int]) -> dict[int, tuple[int, int, int]]:
    """Count mentions of known film keys in ``text``.

    ``known`` maps a normalised title (``title_key``) to a film id. Returns, per film id,
    (count, title length in words, first offset).
    """
    found: dict[int, tuple[int, int, int]] = {}
    for m in _CANDIDATE.finditer(text):
        words = [(w.group(), m.start() + w.start()) for w in re.finditer(r"\S+", m.group())]
        used_until = -1
        # Longest known title first inside each capitalised run.
        for i, j in sorted(_windows(words), key=lambda ij: (ij[0], -(ij[1] - ij[0]))):
            if i <= used_until:
                continue
            phrase = " ".join(w for w, _ in words[i:j])
            film = known.get(title_key(phrase))
            if film is None:
                continue
            start = words[i][1]
            if j - i == 1 and _SENTENCE_OPEN.search(text[max(0, start - 3) : start]):
                continue
            count, length, first = found.get(film, (0, j - i, start))
            found[film] = (count + 1, max(length, j - i), min(first, start))
            used_until = j - 1
    return found


def guess_film(text: str, known: Mapping[str, int]) -> int | None:
    """The id of the known film ``text`` is most about, or None."""
    found = film_mentions(text, known)
    if not found:
        return None
    return max(found, key=lambda f: (found[f][0], found[f][1], -found[f][2]))
