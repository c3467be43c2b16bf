"""Split text into sentences by character offset.

First the text is cut into segments: a run of prose lines (a paragraph) is one segment, and
each heading line (``= T =``, ``==H==``) and each list item (``- x``, ``* x``, ``1. x``, so
each infobox line) is a segment of its own; blank lines separate segments. Then each segment
is split at ``.``, ``!``, ``?`` or an ellipsis (with any closing quotes and brackets) that is
followed by white space and an upper-case letter, a digit or an opening quote, unless the
word before the full stop is a known abbreviation ("Dr.", "U.S.", "p.g.a.") or a single
capital initial ("Brian A. Miller"), or the ellipsis sits inside a quotation.
"""

from __future__ import annotations

import re

from backtrace.model import Sentence
from backtrace.read.markup import is_heading, is_item, lines

ABBREVIATIONS: frozenset[str] = frozenset(
    {
        "mr", "mrs", "ms", "mx", "dr", "det", "st", "jr", "sr", "vs", "etc", "inc", "ltd",
        "co", "corp", "bros", "no", "nos", "vol", "vols", "u.s", "u.k", "u.n", "a.m", "p.m",
        "p.g.a", "e.g", "i.e", "mt", "gen", "sgt", "lt", "capt", "col", "cmdr", "prof",
        "rev", "hon", "gov", "sen", "rep", "ft", "ave", "approx", "est", "dept", "ph.d",
        "al", "cf", "ca", "pp", "op", "ed", "eds", "jan", "feb", "mar", "apr", "jun",
        "jul", "aug", "sep", "sept", "oct", "nov", "dec", "lit", "translit", "transl", "c",
        "aka", "fig", "min",
    }
)  # fmt: skip

_END = re.compile(r"(?:\.{3}|…|[.!?]+)[\"'”’»)\]]*")
_OPENERS = frozenset("\"'“‘«([")


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[Sentence]:
    """The sentences of ``text[start:end]``, each trimmed of white space, in order."""
    end = len(text) if end is None else min(end, len(text))
    sentences: list[Sentence] = []
    for seg_start, seg_end in _segments(text, start, end):
        sentences.extend(_split_segment(text, seg_start, seg_end))
    return sentences


def _segments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    segments: list[tuple[int, int]] = []
    paragraph: list[int] | None = None  # [start, end] of the open paragraph
    for s, e in lines(text, start, end):
        line = text[s:e]
        if not line.strip() or is_heading(line) or is_item(line):
            if paragraph is not None:
                segments.append((paragraph[0], paragraph[1]))
                paragraph = None
            if line.strip():
                segments.append((s, e))
        elif paragraph is None:
            paragraph = [s, e]
        else:
            paragraph[1] = e
    if paragraph is not None:
        segments.append((paragraph[0], paragraph[1]))
    return segments


def _split_segment(text: str, start: int, end: int) -> list[Sentence]:
    sentences: list[Sentence] = []
    current = start
    quotes = _Quotes(text, start)
    for match in _END.finditer(text, start, end):
        after = match.end()
        if after >= end or not text[after].isspace():
            continue
        nxt = after
        while nxt < end and text[nxt].isspace():
            nxt += 1
        if nxt >= end or not _starts_sentence(text[nxt]):
            continue
        if _is_abbreviation(text, match.start(), match.group()):
            continue
        if _is_ellipsis(match.group()) and quotes.open_at(match.start()):
            continue
        _add(sentences, text, current, after)
        current = nxt
    _add(sentences, text, current, end)
    return sentences


def _starts_sentence(ch: str) -> bool:
    return ch.isupper() or ch.isdigit() or ch in _OPENERS


def _is_abbreviation(text: str, dot: int, mark: str) -> bool:
    """True when the full stop at ``dot`` ends an abbreviation or an initial."""
    if not mark.startswith(".") or mark.startswith(".."):
        return False
    begin = dot
    while begin > 0 and (text[begin - 1].isalpha() or text[begin - 1] == "."):
        begin -= 1
    word = text[begin:dot]
    if len(word) == 1 and word.isupper():
        return True
    return word.lower() in ABBREVIATIONS


def _is_ellipsis(mark: str) -> bool:
    return mark.startswith("...") or mark.startswith("…")


class _Quotes:
    """Whether a double quotation is open at a position, reading forward only once."""

    def __init__(self, text: str, start: int) -> None:
        self.text = text
        self.pos = start
        self.straight = False  # inside "..."
        self.curly = 0  # depth of “...”

    def open_at(self, pos: int) -> bool:
        for ch in self.text[self.pos : pos]:
            if ch == '"':
                self.straight = not self.straight
            elif ch == "“":
                self.curly += 1
            elif ch == "”":
                self.curly = max(0, self.curly - 1)
        self.pos = max(self.pos, pos)
        return self.straight or self.curly > 0


def _add(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        sentences.append(Sentence(start, end))
