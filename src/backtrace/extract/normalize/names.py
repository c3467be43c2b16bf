"""Lists of names as written -> the names, with their offsets in the list.

Separators are ", ", ";", " and ", ", and", "&" and line breaks, but never "/" (company
names such as "Emmett/Furla/Oasis Films" keep theirs). Credit suffixes (", p.g.a.",
" (p.g.a.)", ", A.C.E.", ", ASC") are dropped; name and company suffixes (", Jr.", ", Inc.",
" LLC", ", Ltd.") stay attached; a role label ("Supervising director:") and trailing
parenthesised notes ("(voice)", "(I)") and reference markers ("[1]") are dropped, as are
empty items and "et al.".
"""

from __future__ import annotations

import re

_SEPARATOR = re.compile(r"\s*(?:;|,\s*and\s+|,|\s+and\s+|&|\n)\s*")

# pieces that are not names but belong to the name before them
_ATTACHED = re.compile(
    r"(?:Jr|Sr|Jnr|Snr|II|III|IV|Inc|Ltd|LLC|L\.L\.C|LLP|Co|Corp|S\.A|S\.L|GmbH|AG|plc|B\.V|N\.V"
    r"|Pty\.? Ltd)\.?",
)
# credits that follow a name and are not part of it
_CREDIT = (
    r"(?:p\.?g\.?a\.?|A\.?C\.?E\.?|A\.?S\.?C\.?|B\.?S\.?C\.?|C\.?S\.?C\.?|I\.?S\.?C\.?"
    r"|ACS|NZCS)"
)
_CREDIT_PIECE = re.compile(rf"\(?{_CREDIT}\)?", re.IGNORECASE)
_TRAILING_CREDIT = re.compile(rf"(?:\s*\({_CREDIT}\)|\s+{_CREDIT})$", re.IGNORECASE)
_TRAILING_NOTE = re.compile(r"\s*\([^()]*\)$")
# reference markers left by encyclopedias and by our own articles: "Mira Okafor [1][2]"
_TRAILING_REF = re.compile(r"(?:\s*\[(?:\d{1,3}|[a-z]|note \d{1,3}|citation needed)\])+$")
_ROLE_LABEL = re.compile(r"^[A-Z][A-Za-z'’ -]{0,40}:\s*")
_NOT_NAMES = {"", "et al", "et al.", "others", "and others", "-", "–", "n/a", "none", "tba"}


def _pieces(text: str) -> list[tuple[int, int]]:
    """(start, end) of the stretches between separators (none inside parentheses)."""
    pieces: list[tuple[int, int]] = []
    pos = 0
    depth, counted = 0, 0  # "(" less ")" in text[:counted], counted as the list is read
    for m in _SEPARATOR.finditer(text):
        depth += text.count("(", counted, m.start()) - text.count(")", counted, m.start())
        counted = m.start()
        if depth > 0:
            continue  # "Edgar Bergen (Mickey and the Beanstalk)"
        pieces.append((pos, m.start()))
        pos = m.end()
    pieces.append((pos, len(text)))
    return pieces


def _clean(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Trim one piece to the name it holds, or None when it holds none."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    label = _ROLE_LABEL.match(text, start, end)
    if label and any(c.islower() for c in label.group(0)[1:]):
        start = label.end()
    changed = True
    while changed and end > start:
        changed = False
        for pattern in (_TRAILING_REF, _TRAILING_CREDIT, _TRAILING_NOTE):
            m = pattern.search(text, start, end)
            if m and m.start() > start:
                end = m.start()
                changed = True
    while end > start and text[end - 1] in " ,;:":
        end -= 1
    piece = text[start:end]
    if piece.lower() in _NOT_NAMES or piece[:1] in "([" or not any(c.isalnum() for c in piece):
        return None
    return start, end


def split_names(text: str) -> list[tuple[str, int, int]]:
    """The names in a list of names, as ``(name, start, end)`` with offsets into ``text``.

    >>> [n for n, _, _ in split_names("Randall Emmett, p.g.a.; George Furla and Mark Stewart")]
    ['Randall Emmett', 'George Furla', 'Mark Stewart']
    """
    merged: list[list[int]] = []
    for start, end in _pieces(text):
        piece = text[start:end].strip()
        if merged and _ATTACHED.fullmatch(piece):
            merged[-1][1] = end  # ", Jr." / ", Inc." belong to the name before
            continue
        if _CREDIT_PIECE.fullmatch(piece):
            continue
        merged.append([start, end])
    names: list[tuple[str, int, int]] = []
    for start, end in merged:
        cleaned = _clean(text, start, end)
        if cleaned is not None:
            names.append((text[cleaned[0]:cleaned[1]], cleaned[0], cleaned[1]))
    return names
