"""Whole numbers written in words ("twelve", "ninety-five", "a hundred and ten")."""

from __future__ import annotations

import re

_UNITS = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
]
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_VALUES = {**{w: i for i, w in enumerate(_UNITS)}, **_TENS, "a": 1, "an": 1}
_UNIT = "|".join(sorted(_UNITS, key=len, reverse=True))
_TEN = "|".join(_TENS)
# a regular-expression fragment for a number in words, up to "one hundred and ninety-nine"
NUMBER_WORDS = (rf"(?:(?:one|a)\s+hundred(?:\s+and)?\s+)?(?:(?:{_TEN})(?:[-\s](?:{_UNIT}))?"
                rf"|{_UNIT})|(?:one|a)\s+hundred")


def word_number(text: str) -> int | None:
    """The value of a whole number written in words or digits ("ninety-five" -> 95, "a
    hundred and ten" -> 110, "12" -> 12); None when ``text`` is neither."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    if not re.fullmatch(NUMBER_WORDS, text, re.IGNORECASE):
        return None
    total = 0
    for word in re.split(r"[-\s]+", text.lower()):
        if word == "hundred":
            total = max(total, 1) * 100
        elif word != "and":
            total += _VALUES[word]
    return total
