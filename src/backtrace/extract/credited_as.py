"""The name a person was credited under: "Rita Dane, then billed as Rita Casco", "directed
by Omar Leclerc, credited as "Olaf Lee"", "Jon Vail, then appearing under his real name
Karl Lotz".

Each phrase is a row of :data:`CREDITED_AS_RULES`, run by the one matcher
(:func:`backtrace.extract.rules.match`); its reader (``credited_as``) takes the name right
before the phrase and the name right after it. The component repeats the person's credits
in the document (a claim ``found`` before it: the role the sentence speaks of) with the
qualifier ``credited_as``, the span running from the person to the name credited; resolving
such a claim gives the person that name as an alias (``resolve.identity`` rule "alias"), so
"Karl Lotz" and "Jon Vail" are one person. A person no earlier claim credits
("The film was billed as ...") and a name of one word ("billed as Mrs") give nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from backtrace.extract.component import claim, dedupe
from backtrace.extract.lead_sentence import prose_sentences
from backtrace.extract.prose import backward_name, is_person, read_name
from backtrace.extract.rules import READERS, Context, Example, RoleHit, Rule, match
from backtrace.keys import name_key, same_title
from backtrace.model import PROPERTIES, Claim, Document

CONFIDENCE = 0.8
CREDITED = "credited_as"

# the words one of which a sentence must hold to be read at all (most hold none)
_CUES = ("billed", "credited", "under his", "under her")
_QUOTES = "\"“”'’"
_SPOUSE = re.compile(r"(?:Mrs|Mr)\b")
_CAST = (("cast_member", {}),)


def _credited_as(c: Context) -> list[RoleHit]:
    """The person before the phrase (value) and the name after it (``credited_as``), one
    hit spanning both, of the row's property (the role to give a person no earlier claim
    credits; none for a row without one); nothing unless the name after is a person's of
    two words or more, not a "Mrs. ..." (a name taken from the husband)."""
    person = backward_name(c.text, c.start, c.m.start())
    pos = c.m.end() + (1 if c.text[c.m.end():c.m.end() + 1] in _QUOTES else 0)
    named = read_name(c.text, pos, c.end)
    if person is None or named is None:
        return []
    alias = c.text[named[0]:named[1]].rstrip(_QUOTES)
    if alias.endswith(".") and len(alias.rsplit(None, 1)[-1]) > 2:
        alias = alias[:-1]  # "Olaf Lee." ends the sentence; "Ray Moss Jr." keeps it
    written = c.text[person[0]:person[1]]
    if (len(alias.split()) < 2 or not is_person(alias) or _SPOUSE.match(alias)
            or name_key(alias) == name_key(written)):
        return []
    prop = c.props[0][0] if c.props else CREDITED
    return [RoleHit(prop, written, person[0], named[1],
                    {CREDITED: alias})]


READERS["credited_as"] = _credited_as

_BEFORE = (r",?\s+(?:(?:who|and)\s+(?:is|was)\s+)?"
           r"(?:(?:then|here|also|at\s+(?:the|that)\s+time)\s+)?")
_UNDER = (r"\s+under\s+(?:his|her|the)\s+(?:(?:birth|real|stage|maiden|own)\s+name|pseudonym"
          r"|name)(?:\s+of)?,?\s+")
# a row with ``props`` gives that role to a person no earlier claim credits ("billed" is
# said of the cast); "credited as" repeats only the credits found before it
CREDITED_AS_RULES: tuple[Rule, ...] = (
    Rule("billed-as", _BEFORE + r"billed\s+as\s+", _CAST, read="credited_as",
         ignore_case=False,
         examples=(Example("The killer is played by Rita Dane, then billed as Rita Casco.",
                           "cast_member=Rita Dane"),
                   Example("Tom Brill, who was billed as Thomas Brill, plays the mayor.",
                           "cast_member=Tom Brill")),
         counterexamples=("The film was billed as The Biggest Show in Town.",
                          "Ada Nye, who was billed as Mrs. Rex Nye.")),
    Rule("credited-as", _BEFORE + r"credited\s+as\s+", read="credited_as", ignore_case=False,
         examples=(Example('It was directed by Omar Leclerc, credited as "Olaf Lee".',
                           "credited_as=Omar Leclerc"),),
         counterexamples=("Nina Roe is credited as director.",)),
    Rule("billed-under", _BEFORE + r"(?:billed|appearing|acting)" + _UNDER, _CAST,
         read="credited_as", ignore_case=False,
         examples=(Example('It was an early role for Chaney, then billed under his birth name '
                           '"Carl Chaney".', "cast_member=Chaney"),
                   Example("The film stars Jon Vail then appearing under his real name Karl "
                           "Lotz and Kay Burr.", "cast_member=Jon Vail"))),
    Rule("credited-under", _BEFORE + r"credited" + _UNDER, read="credited_as",
         ignore_case=False,
         examples=(Example("Ewan Cole, credited under the pseudonym Mark Canby, wrote the "
                           "story.", "credited_as=Ewan Cole"),),
         counterexamples=("Walter Dunn and Fred Orr, who were credited under the pseudonym "
                          "Dunn Orr, wrote it.",)),
)


class CreditedAsExtractor:
    """Credits repeated with the name the person was credited under."""

    name = "credited_as"
    requires: tuple[str, ...] = ("sentences", "claims:person")
    produces: tuple[str, ...] = tuple(p for p, d in PROPERTIES.items()
                                      if d.value_type == "person")

    def __call__(self, doc: Document, found: Sequence[Claim] = ()) -> list[Claim]:
        text = doc.text
        if not any(cue in text for cue in _CUES):
            return []
        credits = [c for c in found if c.subject is None and c.property in self.produces]
        out: list[Claim] = []
        for start, end in prose_sentences(doc):
            for hit in match(CREDITED_AS_RULES, text, start, end):
                quals = {CREDITED: hit.qualifiers[CREDITED]}
                common = dict(qualifiers=quals, extractor=self.name, confidence=CONFIDENCE)
                held = _credits_of(str(hit.value), credits, start, end)
                out += [claim(doc, c.property, c.value, hit.start, hit.end, **common)
                        for c in held]
                if not held and hit.prop != CREDITED and _new_person(str(hit.value), doc):
                    out.append(claim(doc, hit.prop, hit.value, hit.start, hit.end, **common))
        return dedupe(out)


def _credits_of(person: str, credits: Sequence[Claim], start: int, end: int) -> list[Claim]:
    """The credits of the one person ``person`` names (in full, or by a surname no other
    credited person has), one per property: those of the sentence ``start:end`` when it
    has some, else all of the document's."""
    key = name_key(person)
    same = [c for c in credits if name_key(str(c.value)) == key]
    if not same and " " not in key:
        people = {name_key(str(c.value)) for c in credits
                  if _surname(name_key(str(c.value))) == key}
        if len(people) == 1:
            same = [c for c in credits if name_key(str(c.value)) in people]
    here = [c for c in same if start <= c.span.start < end] or same
    by_prop: dict[str, Claim] = {}
    for c in here:
        by_prop.setdefault(c.property, c)
    return list(by_prop.values())


def _new_person(name: str, doc: Document) -> bool:
    """Whether a name no claim credits may be given the row's role: a full name that is
    not the document's title ("Northwest Passage, also billed as ...")."""
    return len(name.split()) > 1 and not (doc.title and same_title(name, doc.title))


def _surname(key: str) -> str:
    words = [w for w in key.split() if w not in ("jr", "sr", "ii", "iii")]
    return words[-1] if words else ""
