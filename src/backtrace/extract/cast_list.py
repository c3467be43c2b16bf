"""The ``cast_list`` component: ``- X as Y[: description]`` lines of a Cast section, and
the bare lines of one written out as plain text ("X as Y", "X - Y", or a name alone)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import Any

from backtrace.extract.component import claim, dedupe
from backtrace.extract.credit_rules import CREDIT_RULES
from backtrace.extract.docparts import bare_lines, list_items, section_key, sections_titled
from backtrace.extract.prose import is_name_word
from backtrace.extract.prose_credits import CREDIT_PROPS
from backtrace.extract.rules import match
from backtrace.model import Claim, Document

CONFIDENCE = 0.95
OWN_CREDIT = 0.8  # a credit read in a cast line's description, as a prose sentence is
CAST_SECTIONS = (
    "Cast", "Cast and characters", "Starring", "Voice cast", "Main cast", "Principal cast",
    "Supporting cast", "Cast and crew", "Cast list", "Characters and cast", "Credits",
)

PARTICLES = frozenset({
    "de", "van", "von", "da", "del", "della", "di", "du", "la", "le", "der", "den", "ter",
    "ten", "bin", "al", "y", "e", "dos", "das", "do", "zu", "af", "st.",
})

_AS = re.compile(r"\s+as\s+")
# reference markers at the end of a description: "a harbor pilot. [1][2]"
_REFS = re.compile(r"(?:\s*\[\d{1,3}\])+\s*$")
# where a character name ends and a description begins
_DESCRIPTION = re.compile(r":\s+|;\s+|\s+[–—-]\s+|,\s+(?!(?:Jr|Sr|II|III|IV)\b)")
_ABBREV_END = re.compile(r"(?:\b(?:Jr|Sr|Dr|Mr|Mrs|Ms|St|Co|Inc|Ltd|Bros)|\b[A-Z])\.$")
_NOTE = re.compile(r"\s*\(([^()]{1,60})\)")


def looks_like_name(text: str) -> bool:
    """Whether ``text`` reads as a person's name: 1-7 words, capitalised but for particles."""
    words = text.split()
    if not 1 <= len(words) <= 7 or not text[:1].isupper():
        return False
    for word in words:
        bare = word.strip("\"'“”‘’()")
        if not bare:
            return False
        if not (is_name_word(bare) or bare[0].isdigit()) and bare.lower() not in PARTICLES:
            return False
    return not any(ch in text for ch in ":;!?")


def _trim_end(text: str, start: int, end: int) -> int:
    """``end`` moved back over white space, commas and a full stop that ends no
    abbreviation ("Jr." and initials keep theirs)."""
    while end > start and text[end - 1] in " ,":
        end -= 1
    if end > start and text[end - 1] == "." and not _ABBREV_END.search(text, start, end):
        end -= 1
    while end > start and text[end - 1] in " ,":
        end -= 1
    return end


def parse_cast_line(text: str) -> tuple[tuple[int, int], tuple[int, int], str | None,
                                         str | None, int] | None:
    """Parse "X as Y (note): description" into offsets relative to ``text``.

    Returns ((x_start, x_end), (y_start, y_end), note, description, span_end) or None when
    the line is not a cast line.
    """
    m = _AS.search(text)
    if m is None:
        return None
    actor = text[:m.start()].strip()
    if not looks_like_name(actor):
        return None
    x_start = len(text) - len(text.lstrip())
    x_end = x_start + len(actor)
    y_start = m.end()
    rest = text[y_start:]
    cut = _DESCRIPTION.search(rest)
    y_end = y_start + (cut.start() if cut else len(rest.rstrip()))
    y_end = _trim_end(text, y_start, y_end)
    note = None
    span_end = y_end
    note_m = _NOTE.search(text, y_start, y_end)
    if note_m and note_m.end() == y_end:
        note = note_m.group(1).strip()
        y_end = _trim_end(text, y_start, note_m.start())
    if y_end <= y_start:
        return None
    description = None
    if cut:
        description = _REFS.sub("", text[y_start + cut.end():]).strip().rstrip(".").strip() or None
    return (x_start, x_end), (y_start, y_end), note, description, span_end


# "Patrick Kabayo - Fred Rubereza": actor, then the part
_DASHED = re.compile(r"\s+[-–—]\s+")
_MAX_BARE_NAME_WORDS = 5
_TRAILING_NOTE = re.compile(r"\s*\([^()]{1,40}\)\s*$")
_CAMEO = re.compile(r"\s+in\s+(?:an?\s+)?((?:special\s+|guest\s+)?(?:cameo|guest|special)"
                    r"(?:\s+(?:appearance|role))?)\s*\.?\s*$", re.IGNORECASE)
_BARE_AS = re.compile(r"\s+as\s*$")


def parse_bare_cast_line(text: str, *, name_alone: bool = True
                         ) -> tuple[tuple[int, int], tuple[int, int] | None, str | None] | None:
    """Offsets of the actor (and the character) of a bare cast line, and its note: "X as
    Y", "X - Y", or (when ``name_alone``) a name alone, "X as" whose part is not given,
    "X (Cameo Role)", "X in a cameo"; None when the line is not one."""
    if (parsed := parse_cast_line(text)) is not None:
        return parsed[0], parsed[1], parsed[2]
    if (dash := _DASHED.search(text)) is not None:
        actor, part = text[:dash.start()], text[dash.end():].rstrip(" .")
        if looks_like_name(actor) and looks_like_name(part):
            return (0, dash.start()), (dash.end(), dash.end() + len(part)), None
        return None
    note = None
    if trailing := _TRAILING_NOTE.search(text):  # "Ada Holm (Cameo Role)"
        note, text = trailing.group(0).strip(" ()"), text[:trailing.start()]
    elif cameo := _CAMEO.search(text):  # "Omar Rafi in a cameo"
        note, text = cameo.group(1).lower(), text[:cameo.start()]
    elif bare_as := _BARE_AS.search(text):  # "Sabyasachi Mishra as": the part is missing
        text = text[:bare_as.start()]
    name = text.rstrip(" .") if _ABBREV_END.search(text) is None else text
    if (name_alone and looks_like_name(name) and len(name.split()) <= _MAX_BARE_NAME_WORDS
            and not any(ch.isdigit() for ch in name)):
        return (0, len(name)), None, note
    return None


class CastListExtractor:
    """Cast members with their characters from the list items of a Cast section."""

    name = "cast_list"
    requires: tuple[str, ...] = tuple(f"sections:{t}" for t in (*CAST_SECTIONS, "Casting"))
    produces: tuple[str, ...] = tuple(CREDIT_PROPS)

    def __call__(self, doc: Document, found: Sequence[Claim] = ()) -> list[Claim]:
        claims: list[Claim] = []
        seen: set[int] = set()
        starts = [s.start for s in doc.sentences]  # for the sentences of a description
        for section in sections_titled(doc, (*CAST_SECTIONS, "Casting")):
            for start, end in list_items(doc, section):
                if start in seen:
                    continue
                seen.add(start)
                parsed = parse_cast_line(doc.text[start:end])
                if parsed is None:
                    continue
                (xs, xe), (ys, ye), note, description, span_end = parsed
                quals: dict[str, Any] = {"character": doc.text[start + ys:start + ye]}
                if note:
                    quals["note"] = note
                if description:
                    quals["description"] = description
                claims.append(claim(doc, "cast_member", doc.text[start + xs:start + xe],
                                    start + xs, start + span_end, extractor=self.name,
                                    confidence=CONFIDENCE, qualifiers=quals))
                if description:
                    claims += self._own_credits(doc, doc.text[start + xs:start + xe],
                                                start + ye, end, starts)
            # a Casting section's bare lines count only as "X as Y" or "X - Y"
            alone = section_key(section.title) != "casting"
            for start, end in bare_lines(doc, section):
                if start in seen or (bare := parse_bare_cast_line(
                        doc.text[start:end], name_alone=alone)) is None:
                    continue
                seen.add(start)
                (xs, xe), part, note = bare
                quals = {"character": doc.text[start + part[0]:start + part[1]]} if part else {}
                if note:
                    quals["note"] = note
                claims.append(claim(doc, "cast_member", doc.text[start + xs:start + xe],
                                    start + xs, start + (part[1] if part else xe),
                                    extractor=self.name, confidence=CONFIDENCE,
                                    qualifiers=quals))
        return dedupe(claims)

    def _own_credits(self, doc: Document, actor: str, start: int, end: int,
                     starts: list[int]) -> list[Claim]:
        """The credits a cast line's description gives its own actor, by the credit rules
        ("- Ada Moss as Erin: ... Moss also served as executive producer on the film"; the
        value as written, "Moss", is the actor's in the document's scope); what it says of
        anyone else (a character, another person) is not read."""
        names = {actor, actor.split()[-1]}
        out = []
        first = max(0, bisect.bisect_right(starts, start) - 1)  # the sentence holding start
        for s in doc.sentences[first:bisect.bisect_left(starts, end)]:
            if s.end <= start:
                continue
            for hit in match(CREDIT_RULES, doc.text, max(s.start, start), min(s.end, end)):
                if hit.prop != "cast_member" and hit.value in names:
                    out.append(claim(doc, hit.prop, hit.value, hit.start, hit.end,
                                     extractor=self.name, confidence=OWN_CREDIT,
                                     qualifiers=hit.qualifiers))
        return out
