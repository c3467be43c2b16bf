"""The ``lead_sentence`` component: the lead of an encyclopedia entry ("Paper Comet is a 2019
American science fiction drama film directed by ..., and starring ...") and, in any
document, sentences of that shape ("<Title> is a <year> ... film").

Claims from a sentence about another film than the document's carry that film's title in
``Claim.subject``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from backtrace.extract.companies import companies_named_short
from backtrace.extract.component import claim, dedupe
from backtrace.extract.docparts import (
    LastBefore,
    SectionIndex,
    is_heading,
    lines,
    memoized,
    same_title,
    section_key,
    similar_title,
)
from backtrace.extract.lead_shape import (
    SCREEN_WORKS,
    Shape,
    film_shape,
    lead_work_type,
    names_other_work,
    number_only,
)
from backtrace.extract.normalize import ref_date
from backtrace.extract.prose_credits import plausible_credit
from backtrace.extract.prose_releases import release_events, release_hits
from backtrace.extract.roles import PRODUCES, head_hits, role_hits
from backtrace.extract.rules import RoleHit
from backtrace.model import Claim, Document, EntityType, Kind

DESCRIPTOR_CONFIDENCE = 0.9
ROLE_CONFIDENCE = 0.85
MAX_LEAD_SENTENCES = 8
MAX_SENTENCE_CHARS = 20_000
"""The longest prose sentence the rules read. Real sentences are far shorter: the longest
of the wiki-2018-films texts is under 1,200 characters, of the wikipedia-movie-data
extracts under 700, and the longest "sentences" at hand, lower-case reviews of
review-polarity-v2 the splitter cannot cut, reach 10,400. A longer one is text the
splitter could not cut at all (a transcript, a table or list flattened into words): the
rules read a sentence in time linear in its length, but a few look back over it from
each phrase they find (within bounded windows), and spaCy holds it whole; 20,000
characters keeps the worst such sentence to a fraction of a second. Such a sentence is
skipped with a warning (:func:`long_sentences`)."""
_LEAD_CHARS = 1000  # where a document's lead sentence ends, when it has no sentences
_LEAD_SENTENCES = 2  # and among how many of its first sentences
# what a document's own fields credit only on a screen work, never on a book, play or song
_SCREEN_CREDITS = frozenset({"cast_member", "director", "director_of_photography",
                             "film_editor", "distributor"})

_BULLET = re.compile(r"[ \t]*[-*•][ \t]")
_MERGE_AFTER = re.compile(
    r"\b(?:[A-Z]|Dr|Mr|Mrs|Ms|St|Mt|Ft|Lt|Sgt|Det|Gen|Col|Capt|Prof|vs|No)\.$")
_NAIVE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
_CONTINUATION = re.compile(
    r"(?:It|The\s+(?:film|movie|picture|screenplay|soundtrack|music|score)|This\s+film"
    r"|Produced|Written|Directed|Co-directed|Starring|Based|Distributed|Released|Filmed)\b"
    r"|[^.;]{0,80}?,\s+(?:it|the\s+film)\s+(?:is|was|stars|starred)\b")

Range = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Lead:
    """A sentence that describes a film, and the lead sentences that follow it."""

    shape: Shape
    sentence: Range
    continuation: tuple[Range, ...]
    about_document_film: bool


def _fallback_sentences(doc: Document) -> list[Range]:
    found: list[Range] = []
    for start, end in lines(doc, 0, len(doc.text)):
        pos = start
        for m in _NAIVE_SPLIT.finditer(doc.text, start, end):
            found.append((pos, m.start()))
            pos = m.end()
        if pos < end:
            found.append((pos, end))
    return found


def _all_prose_sentences(doc: Document) -> list[Range]:
    """:func:`prose_sentences` of any length, in one pass over the text."""
    text = doc.text
    spans = [(s.start, s.end) for s in sorted(doc.sentences, key=lambda s: s.start)]
    infobox = SectionIndex(doc)
    line_break = LastBefore(text, "\n")
    out: list[Range] = []
    depth = 0  # "(" less ")" in out[-1]
    for start, end in spans or _fallback_sentences(doc):
        line_start = line_break(start) + 1
        stripped = text[start:end].strip()
        if (not stripped or is_heading(stripped) or _BULLET.match(text, line_start)
                or infobox.within(start, ("Infobox",))):
            continue
        if out and text.find("\n", out[-1][1], start) == -1 and (
                _merge_after(text, *out[-1]) or depth > 0):
            depth += text.count("(", out[-1][1], end) - text.count(")", out[-1][1], end)
            out[-1] = (out[-1][0], end)
            continue
        depth = text.count("(", start, end) - text.count(")", start, end)
        out.append((start, end))
    return out


def _merge_after(text: str, start: int, end: int) -> bool:
    """Whether the sentence ``text[start:end]`` ends in an initial or a title ("Brian A.",
    "Dr."), read from its last few characters."""
    while end > start and text[end - 1].isspace():
        end -= 1
    # a match is at most 5 characters, so a window of 12 sees the character before it
    return _MERGE_AFTER.search(text[max(start, end - 12):end]) is not None


def prose_sentences(doc: Document) -> list[Range]:
    """Sentences of running prose (not headings, list items or infobox lines), with
    sentences split after an initial ("Brian A." | "Miller ...") or inside parentheses
    ("(lit." | "Prince in exile) is a ...") joined again; a sentence longer than
    :data:`MAX_SENTENCE_CHARS` is left out (:func:`long_sentences`)."""
    return [(s, e) for s, e in memoized(doc, "prose", lambda: _all_prose_sentences(doc))
            if e - s <= MAX_SENTENCE_CHARS]


def long_sentences(doc: Document) -> list[Range]:
    """The prose sentences of ``doc`` too long to read (over :data:`MAX_SENTENCE_CHARS`):
    what :func:`prose_sentences` leaves out."""
    return [(s, e) for s, e in memoized(doc, "prose", lambda: _all_prose_sentences(doc))
            if e - s > MAX_SENTENCE_CHARS]


def _in_body(doc: Document, offset: int) -> bool:
    """Whether ``offset`` lies under a heading (==Plot== ...) rather than in the lead: in any
    section but the Infobox (and but a level-0 section for the whole document)."""
    return any(s.start <= offset < s.end and section_key(s.title) != "infobox"
               and not (s.level == 0 and s.start == 0) for s in doc.sections)


def _paragraph_after(doc: Document, sentences: list[Range], i: int) -> tuple[Range, ...]:
    follow: list[Range] = []
    prev_end = sentences[i][1]
    for start, end in sentences[i + 1:i + MAX_LEAD_SENTENCES]:
        if "\n\n" in doc.text[prev_end:start] or _in_body(doc, start):
            break
        follow.append((start, end))
        prev_end = end
    return tuple(follow)


def _first_sentence(doc: Document, sentences: list[Range]) -> int | None:
    """The index of the first prose sentence of four words or more, when it comes before
    any heading (the lead of an entry)."""
    first = next((i for i, (s, e) in enumerate(sentences) if len(doc.text[s:e].split()) >= 4),
                 None)
    if first is None or _in_body(doc, sentences[first][0]):
        return None
    return first


def _encyclopedia_lead(doc: Document, sentences: list[Range]) -> tuple[int, Lead] | None:
    """The first prose sentence of an encyclopedia entry, when it is before any heading and
    describes a film; with its index in ``sentences``."""
    first = _first_sentence(doc, sentences)
    if first is None:
        return None
    start, end = sentences[first]
    shape = film_shape(doc.text, start, end, article_optional=True)
    if shape is None:
        return None
    ours = (shape.subject is None or not (doc.title_explicit and doc.title)
            or similar_title(shape.subject, doc.title))
    if shape.subject is not None and number_only(shape.subject) and not ours:
        # "81 is a 1998 comedy-drama film": the end of the title "Dancer, Texas Pop. 81",
        # cut off by a sentence split, when the document's title ends so; else no work
        if not (doc.title and doc.title.endswith(" " + shape.subject)):
            return None
        ours = True
    return first, Lead(shape, (start, end), _paragraph_after(doc, sentences, first), ours)


def find_leads(doc: Document) -> list[Lead]:
    """The film-describing sentences of ``doc``: the encyclopedia lead first, if any, then
    every other sentence of the shape "<Title> is a <year> ... film"."""
    return list(memoized(doc, "leads", lambda: _find_leads(doc)))


def _find_leads(doc: Document) -> list[Lead]:
    sentences = prose_sentences(doc)
    leads: list[Lead] = []
    first = None
    if doc.kind == Kind.ENCYCLOPEDIA and (found := _encyclopedia_lead(doc, sentences)):
        first, lead = found
        leads.append(lead)
    film_title = doc.title if doc.title_explicit else None
    if leads and leads[0].about_document_film and film_title is None:
        film_title = leads[0].shape.subject
    for i, (start, end) in enumerate(sentences):
        if i == first:
            continue
        shape = film_shape(doc.text, start, end)
        if (shape is None or shape.subject is None or shape.year is None
                or number_only(shape.subject)):  # a number is never a title named in passing
            continue
        leads.append(Lead(shape, (start, end), (), same_title(shape.subject, film_title)))
    return leads


def document_lead(doc: Document) -> Lead | None:
    """The lead that describes the document's own film, when there is one."""
    return next((lead for lead in find_leads(doc) if lead.about_document_film), None)


def document_work_type(doc: Document, claims: Sequence[Claim] = ()) -> str:
    """What kind of work the document's own subject is, as its lead says: "film" when it
    describes a film or says nothing, else the work its head noun names ("X is an American
    television series" - "tv_series", "X is a 1998 novel" - "book"). The lead is the first
    prose sentence of an encyclopedia entry, or of any document whose title it names.

    ``claims`` are the document's claims: its own structured fields (infobox, record) win
    over a lead that describes another work, the source of a film or a namesake ("X is a
    1996 novel" in a record of the 2001 film with its cast): a year of their own that
    differs from the lead's, or cast and directors credited on a book, play or song, leave
    the document a film."""
    opening = sorted(doc.sentences, key=lambda s: s.start)[:_LEAD_SENTENCES]
    if not names_other_work(doc.text[:opening[-1].end if opening else _LEAD_CHARS]):
        return EntityType.FILM.value  # most leads: no word of another work at all
    sentences = prose_sentences(doc)
    first = _first_sentence(doc, sentences)
    if first is None:
        return EntityType.FILM.value
    lead = lead_work_type(doc.text, *sentences[first])
    if lead is None or lead.kind == EntityType.FILM:
        return EntityType.FILM.value
    if doc.title_explicit and doc.title and lead.subject is not None:
        ours = similar_title(lead.subject, doc.title)
    else:
        ours = doc.kind == Kind.ENCYCLOPEDIA
    fields = [c for c in claims if c.extractor == "infobox" and c.subject is None]
    years = {c.value for c in fields if c.property == "year"}
    credited = any(c.property in _SCREEN_CREDITS for c in fields)
    if (not ours or (lead.year is not None and years and lead.year not in years)
            or (credited and lead.kind not in SCREEN_WORKS)):
        return EntityType.FILM.value
    return lead.kind.value


class LeadSentenceExtractor:
    """Year, countries, languages, genres and credits from lead sentences."""

    name = "lead_sentence"
    requires: tuple[str, ...] = ("sentences",)
    produces: tuple[str, ...] = tuple(sorted(
        set(PRODUCES) | {"year", "country_of_origin", "original_language", "genre"}))

    def __call__(self, doc: Document, found: Sequence[Claim] = ()) -> list[Claim]:
        claims: list[Claim] = []
        for lead in find_leads(doc):
            claims.extend(self._lead(doc, lead))
        return dedupe(companies_named_short(claims))

    def _lead(self, doc: Document, lead: Lead) -> list[Claim]:
        shape = lead.shape
        subject = None if lead.about_document_film else shape.subject
        out: list[Claim] = []

        def add(prop: str, value: object, start: int, end: int, confidence: float,
                qualifiers: dict[str, object] | None = None) -> None:
            out.append(claim(doc, prop, value, start, end, extractor=self.name,
                             confidence=confidence, qualifiers=qualifiers, subject=subject))

        if shape.year is not None:
            add("year", shape.year[0], shape.year[1], shape.year[2], DESCRIPTOR_CONFIDENCE)
        for prop, found in (("country_of_origin", shape.countries),
                            ("original_language", shape.languages), ("genre", shape.genres)):
            for value, start, end in found:
                add(prop, value, start, end, DESCRIPTOR_CONFIDENCE)
        start, end = lead.sentence
        hits: list[RoleHit] = head_hits(doc.text, shape.head_end, end)
        hits += role_hits(doc.text, shape.head_end, end)
        ref = ref_date(doc.date)
        hits += release_hits(doc.text, start, end, ref)
        for s, e in lead.continuation:
            while s < e and doc.text[s].isspace():
                s += 1
            if _CONTINUATION.match(doc.text, s, e) or (
                    shape.subject and doc.text.startswith(shape.subject, s)):
                hits += [h for h in role_hits(doc.text, s, e) if plausible_credit(doc.text, s, h)]
                hits += release_events(doc.text, s, e, ref=ref, written=doc.date)
        for hit in hits:
            add(hit.prop, hit.value, hit.start, hit.end, ROLE_CONFIDENCE, hit.qualifiers)
        return out
