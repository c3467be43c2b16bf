"""The words a pattern cannot match without, so a sentence without any of them is passed
over by a substring test instead of a regex scan (a filter before the matcher, as RE2's
FilteredRE2 has).

:func:`needed_words` reads a pattern (parsed by :mod:`re`'s own parser) for a set of
literal words at least one of which every match contains; :func:`fold` gives the text they
are looked for in. The words are lower-case ASCII and the text is folded so that a
character a case-blind pattern takes for an ASCII letter becomes that letter ("K", the
Kelvin sign, is a "k"; "ſ" an "s"): a word not in the folded text is one the pattern cannot
match, in any case. Parts of a pattern that cannot be read so (a lookaround, an optional
group, a non-ASCII character) require nothing, so the words found are never too many.
"""

from __future__ import annotations

import re
from functools import cache
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

Needs = tuple[str, ...]  # at least one of these words is in every match

# the characters, beside the ASCII letters, that a case-blind pattern matches for an ASCII
# letter (``re.fullmatch("[a-z]", c, re.IGNORECASE)`` over all of Unicode), as that letter
_ASCII_OF = {0x130: "i", 0x131: "i", 0x17F: "s", 0x212A: "k"}
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)


def fold(text: str) -> str:
    """``text`` as :func:`needed_words` are looked for in it: lower case, with the letters
    of :data:`_ASCII_OF` as the ASCII letters a case-blind pattern takes them for."""
    low = text.lower()
    if not low.isascii() and ("ı" in low or "ſ" in low or "\u0307" in low):
        low = text.translate(_ASCII_OF).lower()  # "İ".lower() is "i" and a dot above
    return low


@cache
def needed_words(pattern: str, flags: int = 0) -> Needs:
    """Words (lower case) at least one of which every match of ``pattern`` contains; ()
    when it needs none, or only single letters (which nearly every sentence has)."""
    try:
        best = _best(_needs(_parser.parse(pattern, flags).data))
    except Exception:  # noqa: BLE001 - a pattern this reading does not know: no filter
        return ()
    return () if any(len(w) == 1 and w.isalpha() for w in best) else best


def _needs(items: Any) -> list[Needs]:
    """What a sequence of parsed items needs: each entry is a set of words one of which is
    in every match (runs of literal characters, and what groups and branches need)."""
    found: list[Needs] = []
    run: list[str] = []
    for op, av in items:
        if op is sre.LITERAL and av < 128:
            run.append(chr(av).lower())
            continue
        if run:
            found.append(("".join(run),))
            run = []
        if op is sre.SUBPATTERN:
            found += _needs(av[-1])
        elif op is sre.ATOMIC_GROUP:
            found += _needs(av)
        elif op in _REPEATS and av[0] >= 1:
            found += _needs(av[2])
        elif op is sre.BRANCH:
            branches = [_best(_needs(b)) for b in av[1]]
            if all(branches):
                found.append(_fewest({w for b in branches for w in b}))
    if run:
        found.append(("".join(run),))
    return found


def _best(needs: list[Needs]) -> Needs:
    """The set whose shortest word is longest (then the smallest set): the best filter."""
    return max(needs, key=lambda n: (min(map(len, n)), -len(n)), default=())


def _fewest(words: set[str]) -> Needs:
    """``words`` without those that contain another (which is in the text then too)."""
    return tuple(sorted(w for w in words if not any(o != w and o in w for o in words)))


def scan_words(regex: re.Pattern[str]) -> Needs:
    """:func:`needed_words` of a compiled pattern."""
    return needed_words(regex.pattern, regex.flags)
