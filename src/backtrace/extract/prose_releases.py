"""Release events in running prose, as ``publication_date`` claims with qualifiers.

A sentence announcing a limited theatrical run with a same-day VOD release gives
two events (``kind`` limited and VOD); "hits Blu-ray, DVD and Digital on February 19" gives
one (``kind`` home video, ``media`` Blu-ray, DVD, Digital). Dates without a year take it
from the document's date; a statement in a news item about a date after the item was
written ("will hit theaters on December 14") is marked ``announced: true``.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from backtrace.extract.normalize import find_dates, normalize_country
from backtrace.extract.normalize.dates import find_yearless_days
from backtrace.extract.roles import IN_PLACE, clause_start
from backtrace.extract.rules import RoleHit

_TRIGGER = re.compile(
    r"\b(?:released|re-released|releases?|premiered|premieres?|opened|opens|debuted|debuts"
    r"|hits?|hitting|arrives?|arrived|arriving|playing|plays|bows|bowed|launch(?:ed|es)?"
    r"|available|screened|screens|coming|comes|set\s+for|stream(?:s|ing|ed)?)\b", re.IGNORECASE)
# (pattern, kind) in the order kinds are reported
_KINDS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p, re.IGNORECASE), kind) for p, kind in (
        (r"\bpremiere[ds]?\b|\bfestival\b", "premiere"),
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


def release_events(text: str, start: int, end: int, *, ref: date | None,
                   written: str | None, last_date: RoleHit | None = None) -> list[RoleHit]:
    """The release events of one sentence: one claim per (date, kind).

    ``written`` is the document's ISO date (for ``announced``); ``last_date`` is a release
    event of the sentence before, reused by "a simultaneous release On Demand" when the
    sentence names no date of its own (the span then runs from that date).
    """
    sentence = text[start:end]
    trigger = _TRIGGER.search(sentence)
    if trigger is None:
        return []
    # only the trigger's own clause says what is released
    if _NOT_RELEASE.search(sentence, clause_start(sentence, 0, trigger.start()),
                           trigger.start()):
        return []
    dates = [d for d in find_dates(sentence[trigger.start():], ref=ref)
             if d.precision == "day" or d.precision == "month"]
    if ref is None:  # "hits Blu-ray on February 19" in an undated review: a day, no year
        dates += find_yearless_days(sentence[trigger.start():])
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
    offset = start + trigger.start()
    for i, found in enumerate(dates):
        s, e = offset + found.start, offset + found.end
        base: dict[str, Any] = {}
        date_kinds, date_media, region = kinds, media, None
        if len(dates) > 1:  # each date takes what its own clause says
            before = text[offset + dates[i - 1].end if i else start:s]
            after = text[e:offset + dates[i + 1].start if i + 1 < len(dates) else end]
            if not (_kinds(before) or _media(before) or _region(before)):
                before = after  # "... and on March 9, 2010 on DVD": the words come after
            date_kinds, date_media, region = _kinds(before), _media(before), _region(before)
        else:
            region = _region(sentence)
        if date_media:
            base["media"] = date_media
        if region:
            base["region"] = region
        when = written[:len(found.iso)] if written else None
        if when and (found.iso > when or (found.iso == when and _FUTURE.search(sentence))):
            base["announced"] = True
        for kind in date_kinds or [None]:
            quals = dict(base)
            if kind:
                quals["kind"] = kind
            hits.append(RoleHit("publication_date", found.iso, s, e, quals))
    return hits


def _region(clause: str) -> str | None:
    """The country a release clause names ("released in France on", "in the United
    States")."""
    for m in IN_PLACE.finditer(clause):
        words = m.group(1).split()
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


# "The project was announced in February 2018", "was officially announced on 3 May 2019"
_ANNOUNCED = re.compile(
    r"\b(?:was|were|had\s+been|has\s+been)\s+(?:first\s+|officially\s+|formally\s+"
    r"|publicly\s+)?announced\s+(?:in|on|during)?\s*", re.IGNORECASE)
# what else gets announced: a trailer, a cast member, a date, a sequel...
_ANNOUNCED_OTHER = re.compile(
    r"\b(?:trailers?|teasers?|posters?|release\s+date|date|sequel|cast|casting|role|title"
    r"|award|nominations?|winners?|deal|acquisition|rights|soundtrack|tour)\b", re.IGNORECASE)
_PROJECT = re.compile(r"^\s*(?:the\s+)?(?:film|movie|project|picture|feature|it)\b",
                      re.IGNORECASE)


def announcement_hits(text: str, start: int, end: int, *, ref: date | None,
                      title: str | None = None) -> list[RoleHit]:
    """The date a film was announced, when a sentence says the film (or the project, or
    the document's title) "was announced in/on DATE"."""
    m = _ANNOUNCED.search(text, start, end)
    if m is None:
        return []
    subject = text[start:m.start()]
    if title:
        title = re.sub(r"\s*\([^()]*\)$", "", title)  # "Backtrace (film)"
    if _ANNOUNCED_OTHER.search(subject):
        return []
    if not (_PROJECT.match(subject) or (title and title.casefold() in subject.casefold())):
        return []
    dates = find_dates(text[m.end():min(end, m.end() + 40)], ref=ref, years=True)
    if not dates or dates[0].start > 0:
        return []
    found = dates[0]
    return [RoleHit("announcement_date", found.iso, m.end() + found.start, m.end() + found.end)]
