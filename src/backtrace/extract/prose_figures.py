"""Figures in running prose: budget, box office per region, running time, filming
locations with the length of the shoot.

A money amount or a running time is found first and then classified by the words around it
(named functions); a filming location is read after a phrase of :data:`PLACE_RULES`, rows of
:class:`~backtrace.extract.rules.Rule` run by :func:`~backtrace.extract.rules.match`.

Every reader takes one sentence (``text[start:end]``) and returns
:class:`~backtrace.extract.roles.RoleHit` values whose offsets cover the figure as written.
"""

from __future__ import annotations

import re
from typing import Any

from backtrace.extract.normalize import COUNTRIES, find_duration, find_money, normalize_country
from backtrace.extract.normalize.numbers import NUMBER_WORDS, word_number
from backtrace.extract.prose import read_name
from backtrace.extract.rules import READERS, Context, Example, Prop, RoleHit, Rule, hits_for, match

FIGURE_PROPS = ("cost", "box_office", "home_media_sales", "duration", "filming_location")
_SALES_REGION = "home video sales"  # a "gross" earned from sales: home_media_sales

_BUDGET_BEFORE = re.compile(
    r"(?:\bbudget(?:ed)?|\bcost|\bcosting)\s+(?:of\s+|at\s+|was\s+|is\s+|about\s+)?"
    r"(?:(?:an?|the)\s+)?(?:(?:estimated|reported|approximately|approx\.|about|around|roughly"
    r"|nearly|over|under|just|some|less\s+than|more\s+than|only|a\s+mere)\s+)*$",
    re.IGNORECASE)
# "a $65 million budget", "the $65 million budgeted film", "a $5 million-budget thriller"
_BUDGET_AFTER = re.compile(r"[\s-]*(?:production\s+|estimated\s+)?budget(?:ed)?\b",
                           re.IGNORECASE)
# "debuted at number 11 at the box office, earning $4 million": an opening weekend
_DEBUT_RANK = re.compile(r"\b(?:debuted|debuting|opened|opening)\s+at\s+(?:number|No\.|#)\s*\d+",
                         re.IGNORECASE)
_GROSS_TRIGGER = re.compile(
    r"\b(?:grossed|grossing|gross(?:es)?\s+of|grosses|to\s+gross|earned|earning|took\s+in|taking\s+in"
    r"|box[- ]office\s+(?:of|total\s+of|take\s+of|receipts\s+of)|collected|made\s+(?=[$€£₹])"
    r"|brought\s+in|pulled\s+in|worldwide\s+(?:total|gross)\s+of|opened\s+to"
    r"|revenue\s+of)\b", re.IGNORECASE)
_MODIFIERS = r"(?:(?:an?|the)\s+)?(?:(?:estimated|reported|approximately|about|around|over|just" \
             r"|nearly|roughly|some|more\s+than|less\s+than|only|a\s+total\s+of)\s+)*"
# where an amount of box office was earned, written right after it
_REGIONS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p, re.IGNORECASE), region) for p, region in (
        (r"^\s*(?:in|from|at)\s+(?:the\s+)?(?:North\s+America|(?:United\s+States|US|U\.S\.)"
         r"\s+and\s+Canada|domestic\s+(?:box\s+office|markets?)|the\s+domestic\s+box\s+office)",
         "North America"),
        (r"^\s*domestically", "North America"),
        (r"^\s*(?:in|from|at)\s+(?:all\s+)?(?:other|foreign|international|overseas)\s+"
         r"(?:countries|territories|markets)", "other territories"),
        (r"^\s*(?:overseas|internationally|abroad)", "other territories"),
        (r"^\s*(?:worldwide|globally|around\s+the\s+world|in\s+total)", "worldwide"),
        (r"^\s*(?:with|from|in)\s+(?:domestic\s+)?home\s+(?:video|media|entertainment)\s+sales",
         "home video sales"),
    ))
_IN_COUNTRY = re.compile(r"^\s*(?:in|at\s+the)\s+(?:the\s+)?([A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2})")
_WORLDWIDE_BEFORE = re.compile(r"\b(?:worldwide|global)\b[^$€£₹]{0,20}$", re.IGNORECASE)
_PARTIAL = re.compile(
    r"\b(?:(?:first|opening|second|third|single|its|the)\s+(?:\w+\s+)?(?:day|days|weekend|week"
    r"|weeks)|nett?|per\s+day|daily|preview|previews|in\s+its\s+\w+\s+week"
    # "By the end of seven days, the film earned", "its Hindi version earned"
    r"|by\s+the\s+end\s+of\s+(?:its\s+)?(?:first\s+)?\w+\s+(?:days|weeks)|version)\b",
    re.IGNORECASE)
# "the film's remaining $15 million budget": a part of the budget
_PART_OF_BUDGET = re.compile(r"\b(?:remaining|additional|extra|further)\s+$", re.IGNORECASE)
_LINK = re.compile(r"(?:,|\band|\bplus|\bwith|\bwhile)\s*$")

_DURATION_BEFORE = re.compile(
    r"\b(?:runs?|running\s+time\s+(?:of|is|was)|run\s*time\s+(?:of|is|was)|runtime\s+(?:of|is"
    r"|was)|clocks?\s+in\s+at|lasts?|length\s+of|is|was)\s+(?:just\s+|only\s+|about\s+"
    r"|approximately\s+|around\s+|a\s+brisk\s+|a\s+lean\s+|a\s+tight\s+)?$", re.IGNORECASE)
_DURATION_AFTER = re.compile(r"\s*(?:long\b|in\s+length\b)", re.IGNORECASE)
_MINUTE_ADJ = re.compile(
    r"\b(\d{2,3})-minute\s+(?:film|movie|feature|documentary|cut|version|running\s+time)\b",
    re.IGNORECASE)
_FILM_CONTEXT = re.compile(r"\b(?:film|movie|feature|picture|runtime|running|cut|it)\b",
                           re.IGNORECASE)

_PLACE_SEP = re.compile(r"\s*(?:,\s*and\s+|,\s*|\s+and\s+)")
_US_STATES = frozenset(
    [
        "Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut",
        "Delaware", "Florida", "Georgia", "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa",
        "Kansas", "Kentucky", "Louisiana", "Maine", "Maryland", "Massachusetts", "Michigan",
        "Minnesota", "Mississippi", "Missouri", "Montana", "Nebraska", "Nevada", "Ohio", "Oklahoma",
        "Oregon", "Pennsylvania", "Tennessee", "Texas", "Utah", "Vermont", "Virginia", "Washington",
        "Wisconsin", "Wyoming", "Ontario", "Quebec", "Alberta", "Manitoba"
    ]
) | {"New Hampshire", "New Jersey", "New Mexico", "New York", "North Carolina",
     "North Dakota", "Rhode Island", "South Carolina", "South Dakota", "West Virginia",
     "British Columbia", "Nova Scotia", "England", "Scotland", "Wales", "Northern Ireland"}
_SHOOT = re.compile(
    r"\b(?:lasted|over|in|took|spanned|for|a|an?)\s+(?:just\s+|only\s+|about\s+)?"
    rf"(?P<n>\d{{1,3}}|{NUMBER_WORDS})[- ](?P<unit>days?|weeks?)\b",
    re.IGNORECASE)
_SHOOT_CONTEXT = re.compile(r"\b(?:shoot|shot|filming|filmed|photography|lasted|production)\b",
                            re.IGNORECASE)


def _region(text: str, pos: int, end: int) -> str | None:
    rest = text[pos:min(end, pos + 60)]
    for pattern, region in _REGIONS:
        if pattern.match(rest):
            return region
    if m := _IN_COUNTRY.match(rest):
        return normalize_country(m.group(1))
    return None


def money_hits(text: str, start: int, end: int) -> list[RoleHit]:
    """Budgets and box office amounts; a box office amount gets the region written after
    it ("$2 in the US and $5 abroad" -> two amounts, each with its region)."""
    hits: list[RoleHit] = []
    amounts = [(m.value, m.start + start, m.end + start) for m in find_money(text[start:end])]
    in_gross = False
    prev_end = start
    for value, s, e in amounts:
        between = text[prev_end:s]
        if hits and hits[-1].end == prev_end and between.strip() == "(":
            prev_end = e  # "₹543 crore (US$76 million)": the same amount, converted
            continue
        prop: str | None = None
        if _BUDGET_BEFORE.search(text, max(start, s - 60), s) or _BUDGET_AFTER.match(
                text, e, end):
            prop = None if _PART_OF_BUDGET.search(text, max(start, s - 20), s) else "cost"
        elif _gross_before(text, max(start, prev_end), s) or (
                in_gross and _LINK.search(between) and not re.search(r"[.;]", between)):
            prop = "box_office"
        in_gross = prop == "box_office"
        prev_end = e
        if prop is None:
            continue
        quals: dict[str, Any] = {}
        if prop == "box_office":
            region = _region(text, e, end)
            if region is None and _WORLDWIDE_BEFORE.search(text, max(start, s - 40), s):
                region = "worldwide"
            if region:
                quals["region"] = region
        if prop == "box_office" and (_PARTIAL.search(text, max(start, s - 50), min(end, e + 50))
                                     or _DEBUT_RANK.search(text, start, s)):
            continue  # "$4.09 million on its first day": part of a run, not the gross
        if quals.get("region") == _SALES_REGION:  # "plus $717,998 with home video sales"
            prop, quals = "home_media_sales", {}
        hits.append(RoleHit(prop, value, s, e, quals))
    return hits


def _gross_before(text: str, start: int, stop: int) -> bool:
    """Whether a box office verb stands right before an amount ("grossed $0")."""
    found = None
    for m in _GROSS_TRIGGER.finditer(text, max(start, stop - 50), stop):
        found = m
    return found is not None and bool(
        re.fullmatch(rf"\s*{_MODIFIERS}", text[found.end():stop], re.IGNORECASE))


def duration_hits(text: str, start: int, end: int) -> list[RoleHit]:
    """"runs 104 minutes", "a running time of 1h 27m", "a 95-minute film"."""
    hits: list[RoleHit] = []
    for m in _MINUTE_ADJ.finditer(text, start, end):
        hits.append(RoleHit("duration", int(m.group(1)), m.start(1), m.start(1) + len(
            m.group(1)) + len("-minute")))
    found = find_duration(text[start:end])
    if found is not None and not hits:
        s, e = found.start + start, found.end + start
        before = text[max(start, s - 40):s]
        stated = (_DURATION_BEFORE.search(before) and _FILM_CONTEXT.search(text, start, s)) or (
            _DURATION_AFTER.match(text, e, end) and _FILM_CONTEXT.search(text, start, end))
        if stated and not re.search(r"\b(?:first|last|final|opening|closing)\s*$", before):
            hits.append(RoleHit("duration", found.minutes, s, e))
    return hits


def _place_list(text: str, pos: int, end: int) -> list[tuple[int, int]]:
    """"Savannah, Georgia", "Toronto and Vancouver", "Chennai, Hyderabad, and Mumbai"."""
    places: list[tuple[int, int]] = []
    i = pos
    while True:
        found = read_name(text, i, end, org=True)
        if found is None:
            break
        s, e = found
        nxt = _PLACE_SEP.match(text, e, end)
        if nxt and nxt.group(0).strip() == ",":
            region = read_name(text, nxt.end(), end)
            if region and (text[region[0]:region[1]] in _US_STATES
                           or text[region[0]:region[1]] in COUNTRIES):
                e = region[1]  # "Savannah, Georgia": a city and its state
                nxt = _PLACE_SEP.match(text, e, end)
        places.append((s, e))
        if nxt is None:
            break
        i = nxt.end()
    return places


def _places(c: Context) -> list[RoleHit]:
    """The places after "was filmed in": "Savannah, Georgia", "Toronto and Vancouver"."""
    return [h for s, e in _place_list(c.text, c.m.end(), c.end)
            for h in hits_for(c.props, c.text[s:e], s, e)]


READERS["places"] = _places

FILMING_LOCATION: Prop = ("filming_location", {})
# "filmed entirely in", "shot on location in": how much of the shoot, then "in"
_IN = r"(?:\s+(?:entirely|primarily|mostly|largely|partly|on\s+location))?\s+in\s+"
_PLACES: dict[str, Any] = {"props": (FILMING_LOCATION,), "read": "places"}

PLACE_RULES: tuple[Rule, ...] = (
    Rule("filmed-in", r"\b(?:(?:was|were|is|being|be)\s+(?:primarily\s+|mostly\s+|largely\s+"
         r"|partly\s+|also\s+)?(?:shot|filmed)|shooting\s+took\s+place|filming\s+(?:took\s+place"
         r"|occurred|began|started|wrapped|moved|was\s+done)|principal\s+photography\s+"
         r"(?:took\s+place|began|started|commenced|was\s+done|occurred)|(?:shot|filmed)\s+on"
         r"\s+location)" + _IN, **_PLACES,
         examples=(Example("The thriller was filmed entirely in Vellmore, Ontario and Kessby.",
                           "filming_location=Vellmore, Ontario", "filming_location=Kessby"),
                   Example("Exteriors were partly shot in Lake Orrin.",
                           "filming_location=Lake Orrin"),
                   Example("Shooting took place in Port Alvar over 20 days.",
                           "filming_location=Port Alvar"),
                   Example("Filming began in Marrowdale in May.", "filming_location=Marrowdale"),
                   Example("Principal photography commenced in Tollbridge and Amsel.",
                           "filming_location=Tollbridge", "filming_location=Amsel"),
                   Example("The crew shot on location in Tarvik, Norway.",
                           "filming_location=Tarvik, Norway")),
         counterexamples=("The courier was shot in the shoulder.",
                          "The film is shot in black and white.",
                          "Filming wrapped in three weeks.",
                          "Principal photography began in earnest.")),
)


def location_hits(text: str, start: int, end: int) -> list[RoleHit]:
    """Filming locations (:data:`PLACE_RULES`); the length of the shoot, when the sentence
    gives it, as the qualifier ``shoot_days``."""
    hits = match(PLACE_RULES, text, start, end)
    if hits and (days := shoot_days(text, start, end)) is not None:
        for hit in hits:
            hit.qualifiers["shoot_days"] = days
    return hits


def shoot_days(text: str, start: int, end: int) -> int | None:
    """The length of a shoot written in a sentence about filming ("lasted 12 days")."""
    if not _SHOOT_CONTEXT.search(text, start, end):
        return None
    m = _SHOOT.search(text, start, end)
    if m is None:
        return None
    n = word_number(m.group("n")) or 0
    return n * 7 if m.group("unit").lower().startswith("week") else n
