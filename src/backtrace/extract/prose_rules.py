"""The ``prose_rules`` component: facts from the running prose of any document.

Rules (regular expressions and the name reader of :mod:`backtrace.extract.prose`) read each
prose sentence for credits (:mod:`.prose_credits`), figures and filming locations
(:mod:`.prose_figures`) and release events (:mod:`.prose_releases`). It leaves alone:

- sentences in an Infobox or Cast section (the ``infobox`` and ``cast_list`` components
  read those);
- what ``lead_sentence`` already claims from the same sentence;
- sentences about another film: "the 2012 crime thriller Bullet to the Head", "In the
  sequel, ...", lead-shaped sentences whose subject is another title;
- in a Plot section, everything but the cast ("MacDonald (Matthew Modine)"), and that
  too when the document has a Cast section (whose characters are named in full).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import Any

from backtrace.extract.cast_list import CAST_SECTIONS
from backtrace.extract.companies import companies_named_short
from backtrace.extract.component import claim, dedupe
from backtrace.extract.docparts import SectionIndex, sections_titled
from backtrace.extract.families import families_named
from backtrace.extract.lead_sentence import (
    LeadSentenceExtractor,
    Range,
    find_leads,
    prose_sentences,
)
from backtrace.extract.normalize import ref_date
from backtrace.extract.prose_credits import CREDIT_PROPS, credit_hits
from backtrace.extract.prose_figures import (
    FIGURE_PROPS,
    duration_hits,
    location_hits,
    money_hits,
)
from backtrace.extract.prose_releases import announcement_hits, release_events
from backtrace.extract.rules import RoleHit
from backtrace.model import Claim, Document
from backtrace.vocabulary import OTHER_FILM_IN_SENTENCE

CONFIDENCE = 0.75
SKIPPED_SECTIONS = ("Infobox", *CAST_SECTIONS)
PLOT_SECTIONS = ("Plot", "Synopsis", "Premise", "Plot summary", "Story", "Summary")

_OTHER_FILM = re.compile(OTHER_FILM_IN_SENTENCE, re.IGNORECASE)
# "Enthiran (2010)": a run of words before a year in brackets. As one pattern,
# r"\b[A-Z][\w'’]*(?:\s+[A-Z0-9][\w'’]*)*\s+\((?:1[89]|20)\d\d\)" (any case), it was tried at
# every word and ran each time to the end of the run: the square of a sentence without a
# bracket. It is read backwards from each bracketed year instead (:func:`_titled_year`).
_BRACKETED_YEAR = re.compile(r"\((?:1[89]|20)\d\d\)")
_FIRST_LETTER = re.compile(r"[A-Z]", re.IGNORECASE)  # as the pattern's case-blind [A-Z]
_FIRST_CHAR = re.compile(r"[A-Z0-9]", re.IGNORECASE)
_WORD_CHAR = re.compile(r"\w")


def _in_word(c: str) -> bool:
    """Whether ``c`` is one of the pattern's ``[\\w'’]``."""
    return c in "'’" or _WORD_CHAR.match(c) is not None


def _titled_year(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` has words before a bracketed year, "Enthiran (2010)":
    the last word, or an earlier one when those after it start with a letter or digit, has
    a letter that starts a word."""
    for year in _BRACKETED_YEAR.finditer(text, start, end):
        i = year.start()
        while i > start and text[i - 1].isspace():
            i -= 1
        if i == year.start():
            continue
        while True:  # the words before, last first: text[j:i]
            j = i
            while j > start and _in_word(text[j - 1]):
                j -= 1
            if any(_FIRST_LETTER.match(text, p) and (p == 0 or not _WORD_CHAR.match(
                    text[p - 1])) for p in range(j, i)):
                return True
            if j in (i, start) or not text[j - 1].isspace() or not _FIRST_CHAR.match(text, j):
                break
            i = j
            while i > start and text[i - 1].isspace():
                i -= 1
    return False


# "A and B reprise their roles from the first film": the earlier film is named, but the
# cast returns in this one (not "reprised his role in the sequel")
_RETURNING = re.compile(
    r"\brepris(?:e|es|ed|ing)\s+(?:his|her|their)\s+(?:\w+\s+)?roles?"
    r"(?!\s+(?:as\s+[^,.;]{1,60}?\s+)?(?:in|for)\b)")
# the main clause after an opening phrase that names another film
_MAIN_CLAUSE = re.compile(r",\s+((?:it|the\s+film|the\s+movie)\s+(?:was|is|has|had)\b)",
                          re.IGNORECASE)
# an opening credit phrase whose subject is the main clause's "it": "Co-produced by A and B,
# it is a remake of the 1992 film"
_CREDIT_OPENING = re.compile(
    r"\s*(?:Co-)?(?:Produced|Directed|Written|Distributed|Released|Edited|Scored)\s+"
    r"(?:and\s+(?:co-)?\w+\s+)?by\s")


def about_other_film(text: str, start: int, end: int) -> bool:
    """Whether a sentence speaks of another film ("the 2012 crime thriller Bullet to the
    Head", "In the sequel", "Enthiran (2010)")."""
    return _OTHER_FILM.search(text, start, end) is not None or _titled_year(text, start, end)


def _key(value: Any) -> str:
    return " ".join(str(value).casefold().split())


def _merge(hits: list[RoleHit]) -> list[RoleHit]:
    """One hit per (property, value, kind, region): qualifiers of later repeats fill in."""
    kept: dict[tuple[str, str, str, str], RoleHit] = {}
    for h in hits:
        key = (h.prop, _key(h.value), str(h.qualifiers.get("kind", "")),
               str(h.qualifiers.get("region", "")))
        if key not in kept or (h.qualifiers.get("character")
                               and not kept[key].qualifiers.get("character")):
            kept[key] = h
    return list(kept.values())


def _leads(doc: Document) -> tuple[set[Range], dict[Range, int], set[Range]]:
    """The sentences of the leads about the document's film (with their continuations);
    where the rest of each such lead begins, after its head ("X is a 2016 American
    western", which is not another film though it reads like one); the sentences of
    leads about another film."""
    own: set[Range] = set()
    rest: dict[Range, int] = {}
    other: set[Range] = set()
    for lead in find_leads(doc):
        if lead.about_document_film:
            own.add(lead.sentence)
            own.update(lead.continuation)
            rest[lead.sentence] = lead.shape.head_end
        else:
            other.add(lead.sentence)
    return own, rest, other


def _own_clause(text: str, start: int, end: int) -> tuple[int, int, bool]:
    """Of a sentence that speaks of another film, the clause about the document's film as
    (start, end, False); the whole sentence and True when it has none."""
    if (main := _MAIN_CLAUSE.search(text, start, end)) and not about_other_film(
            text, main.start(1), end):
        # "A follow-up to Red Lamp (1990), it was made by ...": the credits after the
        # opening phrase are the document film's
        return main.start(1), end, False
    if (main := _MAIN_CLAUSE.search(text, start, end)) and _CREDIT_OPENING.match(
            text, start) and not about_other_film(text, start, main.start()):
        # the opening phrase is the document film's; the rest is about another one
        return start, main.start(), False
    return start, end, True


class ProseRulesExtractor:
    """Credits, figures, filming locations and release events from prose sentences."""

    name = "prose_rules"
    requires: tuple[str, ...] = ("sentences",)
    produces: tuple[str, ...] = tuple(sorted({*CREDIT_PROPS, *FIGURE_PROPS,
                                              "publication_date", "announcement_date"}))

    def __call__(self, doc: Document, found: Sequence[Claim] = ()) -> list[Claim]:
        text = doc.text
        lead_sentences, lead_rest, other = _leads(doc)
        lead_claims = LeadSentenceExtractor()(doc) if lead_sentences else []
        # the lead's claims by where they start, for those of one sentence at a time
        by_start = sorted(lead_claims, key=lambda c: c.span.start)
        lead_starts = [c.span.start for c in by_start]
        sections = SectionIndex(doc)
        ref, written = ref_date(doc.date), doc.date
        claims: list[Claim] = []
        previous: list[RoleHit] = []
        has_cast_list = bool(sections_titled(doc, CAST_SECTIONS))
        for sentence in prose_sentences(doc):
            start, end = sentence
            start = lead_rest.get(sentence, start)
            other_film = about_other_film(text, start, end)
            if other_film and sentence not in other:
                start, end, other_film = _own_clause(text, start, end)
            returning = other_film and sentence not in other and _RETURNING.search(
                text, start, end) is not None
            if sentence in other or sections.within(start, SKIPPED_SECTIONS) or (
                    other_film and not returning):
                previous = []
                continue
            hits: list[RoleHit] = []
            if returning:  # "A and B reprise their roles from the first film": cast only
                hits = [h for h in credit_hits(text, start, end) if h.prop == "cast_member"]
            elif sections.within(start, PLOT_SECTIONS):
                if has_cast_list:  # the Cast section names the characters in full
                    continue
                hits = [h for h in credit_hits(text, start, end) if h.prop == "cast_member"]
            else:
                hits = credit_hits(text, start, end)
                hits += money_hits(text, start, end) + duration_hits(text, start, end)
                hits += location_hits(text, start, end)
                hits += announcement_hits(text, start, end, ref=ref, title=doc.title)
                releases = release_events(text, start, end, ref=ref, written=written,
                                          last_date=previous[-1] if previous else None)
                hits += releases
                previous = releases
            if sentence in lead_sentences:
                said = {(c.property, _key(c.value)) for c in by_start[
                    bisect.bisect_left(lead_starts, start):bisect.bisect_left(lead_starts, end)]}
                hits = [h for h in hits if (h.prop, _key(h.value)) not in said]
            for h in _merge(hits):
                claims.append(claim(doc, h.prop, h.value, h.start, h.end, extractor=self.name,
                                    confidence=CONFIDENCE, qualifiers=h.qualifiers))
        claims = families_named(companies_named_short(claims, lead_claims), lead_claims)
        # a producer turned company may now repeat the lead's claim at the same place
        lead_said = {(c.property, _key(c.value), c.span.start) for c in lead_claims}
        return dedupe([c for c in claims
                       if (c.property, _key(c.value), c.span.start) not in lead_said])
