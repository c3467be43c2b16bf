"""Release events in running prose, as ``publication_date`` claims with qualifiers.

A sentence announcing a limited theatrical run with a same-day VOD release gives
two events (``kind`` limited and VOD); "hits Blu-ray, DVD and Digital on February 19" gives
one (``kind`` home video, ``media`` Blu-ray, DVD, Digital). Dates without a year take it
from the document's date; a statement in a news item about a date after the item was
written ("will hit theaters on December 14") is marked ``announced: true``.

The cues are rows of :class:`~backtrace.extract.rules.Rule` (:data:`RELEASE_CUES`, the lead's
:data:`RELEASE_VERBS`, :data:`ANNOUNCEMENT_RULES`), each row with sentences it must read. A
row finds its cue only (the reader ``"cue"``): a date is found once in the rest of the
sentence and then given to the cue before it, its kind, media and region read from the
words of its clause, by the named functions of this module. (A date without a year takes
the document's date, which a reader of the matcher does not see.)
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from datetime import date
from itertools import product
from typing import Any

from backtrace.extract.normalize import find_dates, normalize_country
from backtrace.extract.normalize.dates import find_yearless_days
from backtrace.extract.roles import clause_start, other_film_before
from backtrace.extract.rules import READERS, Context, Example, Prop, RoleHit, Rule, hits_for, match

PUBLICATION: Prop = ("publication_date", {})
PREMIERE: Prop = ("publication_date", {"kind": "premiere"})
ANNOUNCEMENT: Prop = ("announcement_date", {})
# ", in France", " in the United States": a place after "in"
IN_PLACE = re.compile(r",?\s+in\s+(?:the\s+)?((?:[A-Z][\w.]*)(?:\s+[A-Z][\w.]*){0,3})")
# "... and Canada", ", Mexico": more countries after the first
_AND_PLACE = re.compile(r"(?:,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?"
                        r"([A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,3})")


def _cue(c: Context) -> list[RoleHit]:
    """The cue itself ("premiered"), for the function beside the table to read dates after."""
    return hits_for(c.props, c.m.group(0), c.m.start(), c.m.end())


READERS["cue"] = _cue


def _ex(text: str, *finds: str) -> tuple[Example, ...]:
    return (Example(text, *finds),)


_CUE: dict[str, Any] = {"props": (PUBLICATION,), "read": "cue", "first_only": True}
# the words that make a sentence about a release: the dates from the first of them on are
# release events (:func:`release_events`); only where the first one is matters
RELEASE_CUES: tuple[Rule, ...] = (
    Rule("release-cue", r"\b(?:released|re-released|releases?|premiered|premieres?|opened|opens"
         r"|debuted|debuts|hits?|hitting|arrives?|arrived|arriving|playing|plays|bows|bowed"
         r"|launch(?:ed|es)?|available|screened|screens|coming|comes|set\s+for"
         r"|stream(?:s|ing|ed)?)\b", **_CUE,
         examples=(Example("The sequel was released on 9 August 2019.",
                           "publication_date=2019-08-09"),
                   Example("It bowed at the Lakeside Film Festival on May 3, 2018.",
                           "publication_date=2018-05-03"),
                   Example("The comedy opens in theaters on March 8, 2019.",
                           "publication_date=2019-03-08"),
                   Example("Orchard Lane arrives on Blu-ray on July 2, 2019.",
                           "publication_date=2019-07-02"),
                   Example("It screened at Harbor Fest on June 1, 2017.",
                           "publication_date=2017-06-01"),
                   Example("The film launched on Vistaflix on January 5, 2018.",
                           "publication_date=2018-01-05"),
                   Example("It is streaming on Vistaflix from April 2, 2020.",
                           "publication_date=2020-04-02")),
         counterexamples=("The first teaser was released on 9 August 2019.",
                          "Shooting opened on March 8, 2019.")),
)
# (pattern, kind) in the order kinds are reported; a premiere is "premiered" or "its
# premiere", never the "Premiere" of a name ("released by Lionsgate Premiere")
_KINDS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p, 0 if kind == "premiere" else re.IGNORECASE), kind) for p, kind in (
        (r"\bpremiere[ds]?\b|^\W*Premiere[ds]?\b|\b[Ff]estival\b|\bFESTIVAL\b", "premiere"),
        (r"\blimited(?:[- ]theatrical)?\b", "limited"),
        (r"\b(?:wide(?![\s-]*screen)|nationwide|across\s+the\s+country|nationally)\b", "wide"),
        (r"\b(?:VOD|video[- ]on[- ]demand|on[- ]demand)\b", "VOD"),
        (r"\b(?:home\s+(?:video|media|entertainment)|Blu-ray|DVD|Digital|VHS|4K)\b",
         "home video"),
        (r"\b(?:theaters?|theatres?|theatrical(?:ly)?|cinemas?|screens|big\s+screen)\b",
         "theatrical"),
    ))
_MEDIA: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), medium) for p, medium in (
        (r"\b4K(?:\s+Ultra\s+HD)?\b", "4K Ultra HD"),
        (r"\bBlu-[Rr]ay\b", "Blu-ray"),
        (r"\bDVD\b", "DVD"),
        (r"\bDigital(?:\s+HD)?\b|\bdigital\s+(?:download|HD|platforms?)\b", "Digital"),
        (r"\bVHS\b", "VHS"),
    ))
_FUTURE = re.compile(
    r"\b(?:will|'ll|set\s+to|slated|scheduled|due|coming|is\s+playing|'s\s+playing|opens"
    r"|hits|arrives|premieres|debuts|is\s+(?:being\s+)?released|expected)\b", re.IGNORECASE)
_NOT_RELEASE = re.compile(
    r"\b(?:trailers?|teasers?|posters?|first\s+look|clips?|announced|filming|shooting"
    r"|production|photography|born|died|soundtrack|album|songs?|singles?|music|audio|book"
    r"|novel|game)\b", re.IGNORECASE)
_SIMULTANEOUS = re.compile(r"\b(?:simultaneous|same[- ]day|day-and-date|same\s+time)\b",
                           re.IGNORECASE)


def _kinds(sentence: str) -> list[str]:
    found = [kind for pattern, kind in _KINDS if pattern.search(sentence)]
    if "limited" in found or "wide" in found:
        found = [k for k in found if k != "theatrical"]  # "limited theatrical" is one kind
    if "premiere" in found and len(found) > 1:
        found = [k for k in found if k in ("premiere",)]
    return found


def _media(sentence: str) -> list[str]:
    found: list[str] = []
    for pattern, medium in _MEDIA:
        if pattern.search(sentence) and medium not in found:
            found.append(medium)
    return found


# the lead's "released", "premiered", "opened": a date after one is of that release
def _release_verb(c: Context) -> list[RoleHit]:
    """The lead's verb itself: "premiered" cues a premiere, the others a release."""
    prop = PREMIERE if c.m.group("verb").lower() == "premiered" else PUBLICATION
    return hits_for((prop,), c.m.group(0), c.m.start(), c.m.end())


READERS["release_verb"] = _release_verb

RELEASE_VERBS: tuple[Rule, ...] = (
    Rule("released-premiered-opened", r"\b(?P<verb>released|premiered|opened)\b",
         read="release_verb",
         examples=(Example("It was released in Denmark on 4 October 2017.",
                           "publication_date=2017-10-04"),
                   Example("The film premiered on May 3, 2018, in Cannes.",
                           "publication_date=2018-05-03"),
                   Example("It opened in Canada on 2 March 2001.", "publication_date=2001-03-02")),
         counterexamples=("A remake opened on 2 March 2001.",)),
)


def release_hits(text: str, start: int, end: int, ref: date | None = None, *,
                 rules: Sequence[Rule] = RELEASE_VERBS) -> list[RoleHit]:
    """Release dates written after a verb of :data:`RELEASE_VERBS` in one sentence of a
    lead; a date after "premiered" is a premiere, and "in <country>" near it gives its
    region. Dates without a year ("on December 14") take theirs from ``ref``, the
    document's date. None after a mention of another film."""
    verbs = match(rules, text, start, end, stop_at=other_film_before(text, start, end))
    if not verbs:
        return []
    first = verbs[0].end
    verb_ends = [v.end for v in verbs]
    hits: list[RoleHit] = []
    for found in find_dates(text[first:end], ref=ref):
        d_start, d_end = found.start + first, found.end + first
        verb = verbs[bisect.bisect_right(verb_ends, d_start) - 1]  # the last one before
        quals: dict[str, Any] = dict(verb.qualifiers)
        country = None
        for place in (IN_PLACE.match(text, d_end, end), IN_PLACE.search(text, verb.end,
                                                                            d_start)):
            country = country or (normalize_country(place.group(1)) if place else None)
        if country:
            quals["region"] = country
        hits.append(RoleHit(verb.prop, found.iso, d_start, d_end, quals))
    return hits


def release_events(text: str, start: int, end: int, *, ref: date | None,
                   written: str | None, last_date: RoleHit | None = None,
                   rules: Sequence[Rule] = RELEASE_CUES) -> list[RoleHit]:
    """The release events of one sentence: one claim per (date, kind).

    ``written`` is the document's ISO date (for ``announced``); ``last_date`` is a release
    event of the sentence before, reused by "a simultaneous release On Demand" when the
    sentence names no date of its own (the span then runs from that date).
    """
    sentence = text[start:end]
    cues = match(rules, sentence, 0, len(sentence))
    if not cues:
        return []
    trigger = cues[0].start  # the first cue of the sentence
    # only the cue's own clause says what is released
    if _NOT_RELEASE.search(sentence, clause_start(sentence, 0, trigger), trigger):
        return []
    dates = [d for d in find_dates(sentence[trigger:], ref=ref)
             if d.precision == "day" or d.precision == "month"]
    if ref is None:  # "hits Blu-ray on February 19" in an undated review: a day, no year
        dates += find_yearless_days(sentence[trigger:])
        dates.sort(key=lambda d: d.start)
    kinds = _kinds(sentence)
    media = _media(sentence)
    hits: list[RoleHit] = []
    if not dates:
        if last_date is not None and _SIMULTANEOUS.search(sentence) and kinds:
            for kind in kinds:
                quals = {k: v for k, v in last_date.qualifiers.items() if k != "kind"}
                quals["kind"] = kind
                # the span runs from the date written in the sentence before
                hits.append(RoleHit("publication_date", last_date.value, last_date.start, end,
                                    quals))
        return _trimmed(text, hits)
    offset = start + trigger
    for i, found in enumerate(dates):
        s, e = offset + found.start, offset + found.end
        date_kinds, date_media, regions = kinds, media, []
        if len(dates) > 1:  # each date takes what its own clause says
            before = text[offset + dates[i - 1].end if i else start:s]
            after = text[e:offset + dates[i + 1].start if i + 1 < len(dates) else end]
            if not (_kinds(before) or _media(before) or _regions(before)):
                before = after  # "... and on March 9, 2010 on DVD": the words come after
            date_kinds, date_media = _kinds(before), _media(before)
            regions = _regions(before, last=before is not after)
        else:
            regions = _regions(sentence)
        when = written[:len(found.iso)] if written else None
        announced = bool(when and (found.iso > when or (
            found.iso == when and _FUTURE.search(sentence))))
        hits += [RoleHit("publication_date", found.iso, s, e, quals)
                 for quals in _release_qualifiers(date_kinds, date_media, regions, announced)]
    return hits


def _release_qualifiers(kinds: list[str], media: list[str], regions: list[str],
                        announced: bool) -> list[dict[str, Any]]:
    """One release per kind and per country ("in the United States and Canada")."""
    out = []
    for kind, region in product(kinds or [None], regions or [None]):
        quals: dict[str, Any] = {"media": media} if media else {}
        if region:
            quals["region"] = region
        if announced:
            quals["announced"] = True
        if kind:
            quals["kind"] = kind
        out.append(quals)
    return out


def _regions(clause: str, *, last: bool = False) -> list[str]:
    """The countries a release clause names ("released in France on", "in the United
    States and Canada"): those of its first "in ..." that names one (with ``last``, of
    the last: the one nearest a date written after it)."""
    places = list(IN_PLACE.finditer(clause))
    for m in reversed(places) if last else places:
        found = [c] if (c := _country(m.group(1))) else []
        pos = m.end()
        while found and (more := _AND_PLACE.match(clause, pos)) and (
                c := _country(more.group(1))):
            found.append(c)
            pos = more.end()
        if found:
            return found
    return []


def _country(name: str) -> str | None:
    """The country the longest run of leading words names ("United States On" -> ...)."""
    words = name.split()
    for n in range(len(words), 0, -1):
        if country := normalize_country(" ".join(words[:n])):
            return country
    return None


def _trimmed(text: str, hits: list[RoleHit]) -> list[RoleHit]:
    """Hits whose span ends before the sentence's final full stop."""
    out: list[RoleHit] = []
    for h in hits:
        e = h.end
        while e > h.start and text[e - 1] in " .":
            e -= 1
        out.append(RoleHit(h.prop, h.value, h.start, e, h.qualifiers))
    return out


# "The project was announced in February 2018", "was officially announced on 3 May 2019":
# the date right after the first one, when the subject before it is the film
ANNOUNCEMENT_RULES: tuple[Rule, ...] = (
    Rule("was-announced", r"\b(?:was|were|had\s+been|has\s+been)\s+(?:first\s+|officially\s+"
         r"|formally\s+|publicly\s+)?announced\s+(?:in|on|during)?\s*", (ANNOUNCEMENT,),
         read="cue", first_only=True,
         examples=_ex("The project was formally announced in June 2020.",
                      "announcement_date=2020-06"),
         counterexamples=("The cast was announced on May 3, 2019.",
                          "It was announced that Nell Carver would direct.")),
)
# what else gets announced: a trailer, a cast member, a date, a sequel...
_ANNOUNCED_OTHER = re.compile(
    r"\b(?:trailers?|teasers?|posters?|release\s+date|date|sequel|cast|casting|role|title"
    r"|award|nominations?|winners?|deal|acquisition|rights|soundtrack|tour)\b", re.IGNORECASE)
_PROJECT = re.compile(r"^\s*(?:the\s+)?(?:film|movie|project|picture|feature|it)\b",
                      re.IGNORECASE)


def announcement_hits(text: str, start: int, end: int, *, ref: date | None,
                      title: str | None = None,
                      rules: Sequence[Rule] = ANNOUNCEMENT_RULES) -> list[RoleHit]:
    """The date a film was announced, when a sentence says the film (or the project, or
    the document's title) "was announced in/on DATE" (:data:`ANNOUNCEMENT_RULES`)."""
    cues = match(rules, text, start, end)
    if not cues:
        return []
    m = cues[0]
    subject = text[start:m.start]
    if title:
        title = re.sub(r"\s*\([^()]*\)$", "", title)  # "Backtrace (film)"
    if _ANNOUNCED_OTHER.search(subject):
        return []
    if not (_PROJECT.match(subject) or (title and title.casefold() in subject.casefold())):
        return []
    dates = find_dates(text[m.end:min(end, m.end + 40)], ref=ref, years=True)
    if not dates or dates[0].start > 0:
        return []
    found = dates[0]
    return [RoleHit(m.prop, found.iso, m.end + found.start, m.end + found.end)]
