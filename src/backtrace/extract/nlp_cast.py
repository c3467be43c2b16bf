"""The ``nlp_cast`` component: cast members the rules miss, from spaCy's entities and parse.

Contract: reads prose sentences (``requires = ("sentences",)``), produces ``cast_member``
only, each claim's span exactly the PERSON entity's characters in ``doc.text``. It fills
gaps: :func:`backtrace.extract.pipeline.run` hands it the claims of the components before
it, and it never repeats a (property, value) they made, so it adds recall without
duplicates.

Which sentences: prose sentences outside Infobox, Cast and Plot sections that are not
about another film (the same exclusions as ``prose_rules``), that contain a cast word
("stars", "features", "voices", "cast", "co-stars", "portrays", "played by", ...) and a
capitalised word run no earlier claim covers. Only those go through spaCy (in one
``nlp.pipe`` batch per document), so most documents are never parsed.

Which names: a PERSON entity whose path up the dependency tree reaches a cast word before
any other credit word ("directed", "written", "produced", "novel", "music", ...):
"It features the voices of A, B and C", "The supporting cast includes A and B",
"A co-stars.", "the hero, played by A", "A portrays the writer". Not the character of
"plays"/"portrays"/"voices" (their object), nor of "as" ("A stars as B"), nor a possessive
("A's final role").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from backtrace.extract.cast_list import CAST_SECTIONS
from backtrace.extract.component import claim, dedupe
from backtrace.extract.docparts import SectionIndex, SpanSet
from backtrace.extract.lead_sentence import prose_sentences
from backtrace.extract.prose import looks_like_organization
from backtrace.extract.prose_rules import PLOT_SECTIONS, SKIPPED_SECTIONS, about_other_film
from backtrace.model import PROPERTIES, Claim, Document

CONFIDENCE = 0.6
CAST_WORDS = frozenset({
    "star", "stars", "starred", "starring", "co-star", "co-stars", "costars", "co-starred",
    "costarred", "co-starring", "feature", "features", "featured", "featuring", "cast",
    "voices", "voice", "voiced", "portray", "portrays", "portrayed", "play", "plays",
    "played", "appear", "appears", "appeared", "appearing", "appearances", "alongside",
    "opposite", "ensemble", "includes", "include", "included", "including", "lead",
    "leads", "roles", "role", "cameo", "cameos",
})
"""Words that make the people under them in the parse cast members."""
_WEAK_CAST_WORDS = frozenset({"includes", "include", "included", "including", "lead", "leads",
                              "role", "roles", "feature", "features", "featured", "featuring",
                              "appearances"})
"""Cast words only when the sentence also has a strong one (or "cast", "voices")."""
_OBJECT_IS_CHARACTER = frozenset({"portray", "portrays", "portrayed", "play", "plays",
                                  "played", "voice", "voiced"})
OTHER_CREDIT_WORDS = frozenset({
    "directed", "direct", "directs", "director", "co-directed", "written", "wrote", "writer",
    "writers", "co-written", "screenplay", "script", "story", "produced", "producer",
    "producers", "co-produced", "produce", "music", "score", "composed", "composer",
    "cinematography", "cinematographer", "shot", "edited", "editor", "distributed",
    "released", "novel", "book", "play", "musical", "comic", "series", "created",
    "adapted", "based", "about", "narrated", "designed", "animated", "dedicated", "married",
    "wife", "husband", "daughter", "son", "mother", "father", "life", "biography", "memoir",
})
"""Credit words that claim the people under them for something else."""
_CANDIDATE = re.compile(
    r"\b(?:(?:co-?)?star(?:s|red|ring)?|features?|featuring|cast|voices?|voiced|portray(?:s|ed)?"
    r"|play(?:s|ed)|appear(?:s|ed|ing)?|alongside|opposite|cameos?)\b", re.IGNORECASE)
_BESIDE = frozenset({"alongside", "opposite"})
_FIGURATIVE = frozenset({"pivotal", "key", "crucial", "important", "major", "significant",
                         "instrumental", "central", "vital", "big", "large", "leading"})
_MISREAD_PEOPLE = frozenset({"ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT"})
_NAME_RUN = re.compile(r"\b[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+)+")
_MAX_HOPS = 8


def candidate(text: str, start: int, end: int,
              known: Sequence[tuple[int, int]] | SpanSet) -> bool:
    """Whether a sentence is worth parsing: a cast word, and a name run no claim covers."""
    if _CANDIDATE.search(text, start, end) is None:
        return False
    spans = known if isinstance(known, SpanSet) else SpanSet(known)
    return any(not spans.covers(m.start(), m.end())
               for m in _NAME_RUN.finditer(text, start, end))


def _minor_part(verb: Any) -> bool:
    """"played a key role in", "played a part in": the idiom, not a performance."""
    return any(c.dep_ == "dobj" and c.lower_ in ("role", "part") and any(
        a.lower_ in _FIGURATIVE for a in c.children) for c in verb.children)


def _word(token: Any) -> str:
    """The token's lower-case text, rejoined when the tokenizer split "co-stars"."""
    doc = token.doc
    if token.lower_ == "co" and token.i + 2 < len(doc) and doc[token.i + 1].text == "-":
        return "co-" + doc[token.i + 2].lower_
    return str(token.lower_)


# how the character hangs from "plays" / "portrays": object, attribute, or set off by a comma
_CHARACTER_SIDE = ("dobj", "attr", "oprd", "npadvmod", "appos")


def _cast_path(ent: Any, strong: bool) -> bool:
    """Whether the PERSON entity's path up the parse reaches a cast word first."""
    token = ent.root
    if token.dep_ == "poss" or (token.i + 1 < len(token.doc)
                                and token.doc[token.i + 1].tag_ == "POS"):
        return False
    came_by = token.dep_
    for _ in range(_MAX_HOPS):
        head = token.head
        if head is token:
            return False
        word = _word(head)
        if word == "as" and came_by == "pobj":
            return False  # "A stars as B": B is the character
        if word in OTHER_CREDIT_WORDS:
            # "starring and directed by A": a credit verb joined to a cast word
            return head.dep_ == "conj" and head.head.lower_ in CAST_WORDS and (
                head.head.lower_ not in _WEAK_CAST_WORDS)
        if word in _BESIDE and not (_word(head.head) in CAST_WORDS
                                    or head.head.ent_type_ == "PERSON"):
            return False  # "released alongside Peter Rabbit": another film
        if word in _OBJECT_IS_CHARACTER and _minor_part(head):
            return False  # "X played a pivotal role in ...": not acting
        if word in CAST_WORDS and (strong or word not in _WEAK_CAST_WORDS):
            # "A portrays B", "A plays that fixer, B": B is the character
            return not (word in _OBJECT_IS_CHARACTER and came_by in _CHARACTER_SIDE)
        if head.dep_ == "conj" and head.pos_ in ("VERB", "AUX") and came_by != "conj":
            # "A was cast in May, and B was hired to compose the music": B belongs to the
            # second clause, whose verb is no cast word
            return False
        came_by, token = head.dep_, head
    return False


def _listed_with_people(ent: Any, person_roots: set[int]) -> bool:
    """Whether a name the model did not call PERSON ("Olu Bassey" as ORG) stands in a
    conjunction list next to one it did: "A, B and C" with A and C people."""
    if ent.label_ not in _MISREAD_PEOPLE or looks_like_organization(ent.text) or any(
            t.pos_ != "PROPN" for t in ent) or not 2 <= len(ent) <= 4:
        return False
    root = ent.root
    return (root.dep_ == "conj" and root.head.i in person_roots) or any(
        c.dep_ == "conj" and c.i in person_roots for c in root.children)


class NlpCastExtractor:
    """Cast members from PERSON entities under a cast word, where the rules found none."""

    name = "nlp_cast"
    requires: tuple[str, ...] = ("sentences",)
    produces: tuple[str, ...] = ("cast_member",)
    fills_gaps = True

    def __init__(self, model: str | None = None) -> None:
        self.model = model  # None: the package the setting names

    def sentences(self, doc: Document, known: Sequence[Claim] = ()) -> list[tuple[int, int]]:
        """The candidate sentences of ``doc`` (see the module's doc)."""
        text = doc.text
        spans = SpanSet((c.span.start, c.span.end) for c in known)
        sections = SectionIndex(doc)
        skipped = (*SKIPPED_SECTIONS, *PLOT_SECTIONS, *CAST_SECTIONS)
        out = []
        for start, end in prose_sentences(doc):
            if sections.within(start, skipped):
                continue
            if candidate(text, start, end, spans) and not about_other_film(text, start, end):
                out.append((start, end))
        return out

    def __call__(self, doc: Document, found: Sequence[Claim] = ()) -> list[Claim]:
        known = found
        ranges = self.sentences(doc, known)
        if not ranges:
            return []
        from backtrace.extract.nlp import pipeline

        nlp = pipeline(self.model)
        said = {_key(c.value) for c in known if c.property == "cast_member"}
        # a name the document already credits in another role (its composer, its director)
        # is not made cast by a parse guess
        crew = {_key(c.value) for c in known if c.subject is None and c.property != "cast_member"
                and PROPERTIES[c.property].value_type == "person"}
        # "Lister-Jones" after "Zoe Lister-Jones": a surname standing for a known person
        surnames = {w for c in known if isinstance(c.value, str) for w in _key(c.value).split()}
        # "the grown-up Wren, who is played by ...": a character the document names is no
        # cast member, nor is a word of its name alone
        characters = {_key(str(c.qualifiers["character"])) for c in known
                      if c.qualifiers.get("character")}
        characters |= {w for k in characters for w in k.split()}
        taken = SpanSet((c.span.start, c.span.end) for c in known)
        # "Prageeth" after "Prageeth Rathnayake": part of a longer name, not another person
        name_words = set(surnames)
        # the names the parse puts under a cast word, in text order: (name, start, end); each
        # parse is dropped once read, so memory does not grow with the document
        found: list[tuple[str, int, int]] = []
        parses = nlp.pipe(doc.text[s:e] for s, e in ranges)
        for (start, _end), parsed in zip(ranges, parses, strict=True):
            name_words.update(w for e in parsed.ents if e.label_ == "PERSON" and len(e) > 1
                              for w in _key(e.text).split())
            found.extend((ent.text, start + ent.start_char, start + ent.end_char)
                         for ent in _cast_entities(parsed))
        claims: list[Claim] = []
        for name, a, b in found:
            key = _key(name)
            if key in said or key in crew or key in characters or (
                    " " not in key and key in name_words) or taken.overlaps(a, b):
                continue
            said.add(key)
            claims.append(claim(doc, "cast_member", name, a, b, extractor=self.name,
                                confidence=CONFIDENCE))
        return dedupe(claims)


def _cast_entities(parsed: Any) -> list[Any]:
    """The entities of one parsed sentence that name a cast member by the parse (see the
    module's doc), before what the document says elsewhere is taken into account."""
    strong = any(t.lower_ in CAST_WORDS - _WEAK_CAST_WORDS or t.lower_ in (
        "cast", "voices") for t in parsed)
    person_roots = {e.root.i for e in parsed.ents if e.label_ == "PERSON"}
    out = []
    for ent in parsed.ents:
        if ent.label_ != "PERSON" and not _listed_with_people(ent, person_roots):
            continue
        if any(ch in ent.text for ch in _NOT_IN_NAMES):
            continue  # 'Nathaniel "Nate" Brooke (TV's': the model ran past the name
        if len(ent.text) < 3 or "\n" in ent.text or ent.text.casefold() in CAST_WORDS or (
                not _cast_path(ent, strong)):
            continue
        out.append(ent)
    return out


_NOT_IN_NAMES = frozenset('()[]"“”:;')


def _key(value: Any) -> str:
    from backtrace.keys import name_key

    return name_key(str(value))
