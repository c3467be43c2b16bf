"""Reconciliation: the claims about one film grouped into facts, each with a status and a reason.

``reconcile(claims, overrides)`` is a pure function of the film's claims and its curator
overrides, and it does not depend on the order the claims come in beyond the order it keeps
for list values (cast, producers: the order the best source gives). So ingesting documents
one at a time, in any order, and all at once give the same facts.

**Agreement across surface forms.** Extraction already normalises values ("$6 million" and
"6,000,000 dollars" are ``{"amount": 6000000, "currency": "USD"}``; "Dec. 14, 2018" and
"14 December 2018" are ``2018-12-14``; names link to one entity), so claims are grouped by
their normalised value (``value_key``; money by amount and upper-cased currency). Box office
is grouped by (amount, region) and release dates by (date, kind, region), since those
qualifiers make different facts. A value stated without a qualifier (a bare release date)
joins a group that states the same value with one. A release date that is an announcement
keeps ``announced`` only while no claim reports it as having happened.

**Contests.** Values compete in these slots; anything else is **agreed** (every value of a
list property such as the cast is believed):

* a single-valued property (running time, budget, year): all its values;
* box office per region: the amounts given for one region;
* box office, regional sums against a stated total: when one document gives a home region
  (North America, a country) and the rest of the world ("other territories"), their sum is
  compared with each stated worldwide total. They **agree** when the difference is at most
  ``SUM_TOLERANCE`` (0.1 %) of the larger figure, or the rounding of the figures (a figure
  ending in zeros is taken as rounded to that place: ``$6,000,000`` is +/- 500,000), whichever
  is larger; the total's reason then says so and the regional documents count as its
  support. Otherwise the regional figures are one more competing value of the worldwide
  slot (a derived value: its confidence is that of its weakest figure);
* the kind of a theatrical release: on one date (and one region, or none given) a ``wide``
  and a ``limited`` release compete.

**The believed value** of a contest is the best by these rules, in order (the first that
separates two values decides, and the reason names it):

1. an announcement is superseded: a value only ever *announced* (a release "will play
   across the country on ...") loses to a value reported, not announced, by a source written
   later (an undated report of a release that took place is taken as written on or after
   the release date, so after any announcement of it);
2. the number of independent documents stating it;
3. the kind of the best source (encyclopedia > news > review > other);
4. specificity: a precise figure over a round one (490,636 over 490,000), a day over a month;
5. the later source (by the document's date);
6. the extractor's confidence (an infobox field 0.95 over a prose sentence 0.75);
7. and, to stay deterministic, the smaller value.

Confidence is in [0, 1]. An agreed value: ``1 - prod(1 - c)`` over its documents (the best
claim of each), so independent sources raise it. A value in a contest: its share of the
contest's weight, a value's weight being documents x source-kind weight x confidence,
quartered when it is a superseded announcement.

**Curator overrides** (:class:`Override`) win over all of this: the value an override names
becomes ``overridden`` and believed with confidence 1 and a reason quoting the curator; the
values it beat in its slot (the other values of a single-valued property or of the contest it
settles) become ``overridden`` and not believed. A value no source states still becomes a
fact, with no claims: the override is its provenance (``override_id``).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from backtrace.model import PROPERTIES
from backtrace.render import format_qualifiers, format_value
from backtrace.resolve.names import name_key

SOURCE_RANK = {"encyclopedia": 3, "news": 2, "review": 1, "other": 0}
KIND_WEIGHT = {"encyclopedia": 1.0, "news": 0.8, "review": 0.6, "other": 0.5}
SUPERSEDED_WEIGHT = 0.25
SUM_TOLERANCE = 0.001  # 0.1 % of the larger of (sum of regions, stated total)
THEATRICAL_KINDS = ("wide", "limited")
TOTAL_REGIONS = {"worldwide", "global", "world", "total"}
REST_REGIONS = {"other territories", "international", "overseas", "foreign", "rest of the world"}
_NOT_GROSS = ("home video", "sales", "rental", "streaming", "dvd")
_ENTITY_TYPES = {"person", "organization", "place"}


@dataclass(frozen=True, slots=True)
class ClaimRow:
    """One stored claim, as reconciliation sees it."""

    id: str
    property: str
    value: Any
    value_key: str
    qualifiers: dict[str, Any]
    confidence: float
    document_id: str
    document_kind: str
    document_date: str | None
    display: Any = None  # the canonical value to show (an entity's name), if not ``value``
    document_name: str = ""  # how reasons name the document (its file name)
    extractor: str = ""


@dataclass(frozen=True, slots=True)
class Override:
    """A curator's decision: this property of the film has this value, because ``reason``."""

    id: int
    property: str
    value: Any
    qualifiers: dict[str, Any]
    reason: str
    created_at: str


@dataclass(slots=True)
class FactRow:
    property: str
    value: Any
    value_key: str
    qualifiers: dict[str, Any]
    status: str  # agreed | conflict | overridden
    believed: bool
    confidence: float
    reason: str
    position: int
    claim_ids: list[str] = field(default_factory=list)
    override_id: int | None = None


# -- values -------------------------------------------------------------------------------
def value_token(prop: str, value: Any, key: str | None = None) -> str:
    """The normalised form under which equal values agree."""
    vtype = PROPERTIES[prop].value_type if prop in PROPERTIES else "text"
    if vtype == "money" and isinstance(value, dict):
        return f"{value.get('amount')} {str(value.get('currency', '')).upper()}"
    if vtype in ("date", "duration", "year"):
        return str(value)
    if key is not None and key.startswith("e:"):
        return key
    return name_key(str(value)) if isinstance(value, str) else str(value)


def _sort_token(value: Any) -> tuple:
    if isinstance(value, dict) and "amount" in value:
        return (0, float(value["amount"]), str(value.get("currency")))
    if isinstance(value, int | float):
        return (0, float(value), "")
    return (1, 0.0, str(value))


def _show(prop: str, value: Any, qualifiers: dict[str, Any] | None = None) -> str:
    text = format_value(prop, value)
    quals = format_qualifiers(prop, {k: v for k, v in (qualifiers or {}).items()})
    return f"{text} {quals}" if quals else text


def _rounding(amount: int | float) -> float:
    """Half the place a figure is rounded to, judged by its trailing zeros (0 for 0)."""
    amount = int(abs(amount))
    if amount == 0:
        return 0.0
    unit = 1
    while amount % (unit * 10) == 0:
        unit *= 10
    return unit / 2 if unit > 1 else 0.0


def _precision(prop: str, value: Any) -> int:
    """Higher is more specific: a figure's exact digits, a date's parts."""
    if isinstance(value, dict) and "amount" in value:
        amount = int(abs(value["amount"]))
        if amount == 0:
            return 0
        zeros = 0
        while amount % 10 == 0:
            amount //= 10
            zeros += 1
        return -zeros
    if PROPERTIES.get(prop) and PROPERTIES[prop].value_type == "date" and isinstance(value, str):
        return value.count("-")
    return 0


# -- grouping -----------------------------------------------------------------------------
def _group_key(row: ClaimRow) -> tuple:
    quals = row.qualifiers
    token = value_token(row.property, row.value, row.value_key)
    if row.property == "box_office":
        return (token, str(quals.get("region") or ""))
    if row.property == "publication_date":
        return (token, str(quals.get("kind") or ""), str(quals.get("region") or ""))
    return (token,)


def _merge_qualifiers(rows: list[ClaimRow]) -> dict[str, Any]:
    """Per qualifier, the value most claims give; ties go to the more confident, longer one.
    ``announced`` stays only when every claim is an announcement."""
    votes: dict[str, Counter] = defaultdict(Counter)
    weight: dict[tuple[str, str], tuple[float, int, str]] = {}
    originals: dict[tuple[str, str], Any] = {}
    for row in rows:
        for name, value in row.qualifiers.items():
            if value in (None, "", [], {}):
                continue
            token = repr(value)
            votes[name][token] += 1
            originals[(name, token)] = value
            weight[(name, token)] = max(
                weight.get((name, token), (0.0, 0, "")), (row.confidence, len(str(value)), token)
            )
    merged = {}
    for name, counter in votes.items():
        token = max(counter, key=lambda t: (counter[t], weight[(name, t)]))
        merged[name] = originals[(name, token)]
    if merged.get("announced") and not all(r.qualifiers.get("announced") for r in rows):
        del merged["announced"]
    return merged


def _fold_unqualified(groups: dict[tuple, list[ClaimRow]]) -> dict[tuple, list[ClaimRow]]:
    """A value stated without a qualifier (a bare release date) joins the first group that
    states the same value with one: the two claims say the same thing, one more precisely."""
    out: dict[tuple, list[ClaimRow]] = {}
    bare = []
    for key, members in groups.items():
        if len(key) > 1 and not any(key[1:]):
            bare.append((key, members))
        else:
            out[key] = members
    for key, members in bare:
        target = next((k for k in out if k[0] == key[0]), None)
        if target is None:
            out[key] = members
        else:
            out[target] = out[target] + members
    return out


# -- support and ranking ------------------------------------------------------------------
@dataclass(slots=True)
class _Side:
    """One competing value of a contest: a group of claims, or regional figures summed."""

    keys: list[tuple]
    rows: list[ClaimRow]
    label: str
    value: Any
    derived: bool = False  # a sum of figures, not a stated value
    support: list[ClaimRow] = field(default_factory=list)  # extra agreeing claims (a sum)
    note: str = ""


@dataclass(slots=True)
class _Contest:
    slot: str
    sides: list[_Side]
    what: str  # what the values are competing as, for reasons
    note: str = ""


def _docs(rows: list[ClaimRow]) -> dict[str, ClaimRow]:
    """The best claim of each document."""
    best: dict[str, ClaimRow] = {}
    for r in rows:
        if r.document_id not in best or r.confidence > best[r.document_id].confidence:
            best[r.document_id] = r
    return best


def _effective_date(row: ClaimRow) -> str:
    """When a claim was written: its document's date; a report of a release that took
    place, undated, no earlier than the release itself."""
    if row.document_date:
        return row.document_date
    if row.property == "publication_date" and not row.qualifiers.get("announced"):
        return str(row.value)
    return ""


def _superseded(side: _Side, contest: _Contest) -> ClaimRow | None:
    """The later report that supersedes this side, when the side is only announcements."""
    if not side.rows or not all(r.qualifiers.get("announced") for r in side.rows):
        return None
    announced_on = max(r.document_date or "" for r in side.rows)
    for other in contest.sides:
        if other is side:
            continue
        for r in other.rows:
            if not r.qualifiers.get("announced") and _effective_date(r) > announced_on:
                return r
    return None


def _rank_key(side: _Side, contest: _Contest, prop: str) -> tuple:
    rows = side.rows + side.support
    docs = _docs(rows)
    conf = min(r.confidence for r in side.rows) if side.derived else max(r.confidence for r in rows)
    return (
        0 if _superseded(side, contest) else 1,
        len(docs),
        max(SOURCE_RANK.get(r.document_kind, 0) for r in rows),
        _precision(prop, side.value),
        max(r.document_date or "" for r in rows),
        round(conf, 6),
    )


def _weight(side: _Side, contest: _Contest) -> float:
    docs = _docs(side.rows + side.support)
    conf = min(r.confidence for r in side.rows) if side.derived else None
    total = sum(
        KIND_WEIGHT.get(r.document_kind, 0.5) * (r.confidence if conf is None else conf)
        for r in docs.values()
    )
    return total * (SUPERSEDED_WEIGHT if _superseded(side, contest) else 1.0)


def _name_doc(row: ClaimRow) -> str:
    name = row.document_name or row.document_id
    where = f", {row.extractor}" if row.extractor else ""
    date = f", {row.document_date}" if row.document_date else ""
    return f"{row.document_kind} {name}{date}{where}"


def _sources(rows: list[ClaimRow], limit: int = 3) -> str:
    docs = sorted(
        _docs(rows).values(),
        key=lambda r: (-SOURCE_RANK.get(r.document_kind, 0), r.document_name or r.document_id),
    )
    named = "; ".join(_name_doc(r) for r in docs[:limit])
    more = f"; and {len(docs) - limit} more" if len(docs) > limit else ""
    n = len(docs)
    return f"{n} document{'s' if n != 1 else ''} ({named}{more})"


_RULES = (
    "superseded",
    "more independent documents",
    "a more reliable kind of source",
    "more specific",
    "a later source",
    "higher extraction confidence",
    "value order",
)


def _why(winner: _Side, loser: _Side, contest: _Contest, prop: str) -> str:
    a, b = _rank_key(winner, contest, prop), _rank_key(loser, contest, prop)
    i = next((i for i in range(len(a)) if a[i] != b[i]), len(a))
    if i == 0:
        report = _superseded(loser, contest)
        assert report is not None
        first = min(loser.rows, key=lambda r: (r.document_date or "", r.id))
        return (
            f"{loser.label} was only announced ({_name_doc(first)}) and the later report of "
            f"{_name_doc(report)} supersedes the announcement"
        )
    if i == 1:
        return f"stated by more independent documents ({a[1]} against {b[1]})"
    if i == 2:
        kinds = {v: k for k, v in SOURCE_RANK.items()}
        return f"stated by a more reliable kind of source ({kinds[a[2]]} over {kinds[b[2]]})"
    if i == 3:
        return f"more specific than {loser.label}"
    if i == 4:
        return f"stated by a later source ({a[4]} against {b[4] or 'undated'})"
    if i == 5:
        return f"extracted with higher confidence ({a[5]:g} against {b[5]:g})"
    return "an exact tie, broken by value order"


# -- the contests of one property ---------------------------------------------------------
def _region_kind(region: str) -> str:
    low = region.lower()
    if any(word in low for word in _NOT_GROSS):
        return "other"
    if low in TOTAL_REGIONS:
        return "total"
    if low in REST_REGIONS:
        return "rest"
    return "home" if low else "none"


def _side_of(prop: str, key: tuple, members: list[ClaimRow]) -> _Side:
    first = members[0]
    value = first.display if first.display is not None else first.value
    quals = _merge_qualifiers(members)
    return _Side([key], members, _show(prop, value, quals), value)


def _ranked(contest: _Contest, prop: str) -> list[_Side]:
    return sorted(
        contest.sides,
        key=lambda s: (_rank_key(s, contest, prop), _neg(_sort_token(s.value))),
        reverse=True,
    )


def _neg(token: tuple) -> tuple:
    """Reverse a sort token so that, sorted in reverse, the smaller value comes first."""
    kind, number, text = token
    return (-kind, -number, tuple(-ord(c) for c in text))


def _box_office_contests(
    groups: dict[tuple, list[ClaimRow]],
) -> tuple[list[_Contest], dict[tuple, tuple[str, list[ClaimRow]]]]:
    """Per-region contests, and the worldwide total against the sum of regional figures."""
    prop = "box_office"
    by_region: dict[str, list[tuple]] = defaultdict(list)
    for key in groups:
        by_region[key[1]].append(key)
    contests: list[_Contest] = []
    winners: dict[str, tuple] = {}
    for region, keys in by_region.items():
        contest = _Contest(
            f"box_office:{region}",
            [_side_of(prop, k, groups[k]) for k in keys],
            f"box office ({region or 'no region'})",
        )
        winners[region] = _ranked(contest, prop)[0].keys[0]
        if len(keys) > 1:
            contests.append(contest)
    notes: dict[tuple, tuple[str, list[ClaimRow]]] = {}
    rest = [r for r in by_region if _region_kind(r) == "rest"]
    totals = [r for r in by_region if _region_kind(r) == "total"]
    if not rest or not totals:
        return contests, notes
    rest_key = winners[rest[0]]
    rest_docs = {r.document_id for r in groups[rest_key]}
    homes = [
        winners[r]
        for r in by_region
        if _region_kind(r) == "home" and rest_docs & {x.document_id for x in groups[winners[r]]}
    ]
    parts = homes + [rest_key]
    if not homes:
        return contests, notes
    amounts = [groups[k][0].value for k in parts]
    currencies = {str(a.get("currency")).upper() for a in amounts}
    if len(currencies) != 1:
        return contests, notes
    currency = currencies.pop()
    total_sum = sum(a["amount"] for a in amounts)
    part_rows = [r for k in parts for r in groups[k]]
    parts_label = " + ".join(_show(prop, groups[k][0].value, {"region": k[1]}) for k in parts)
    sum_text = f"{parts_label} = {format_value(prop, {'amount': total_sum, 'currency': currency})}"
    for region in totals:
        keys = by_region[region]
        contest = next((c for c in contests if c.slot == f"box_office:{region}"), None)
        sides = contest.sides if contest else [_side_of(prop, k, groups[k]) for k in keys]
        agreeing = []
        for side in sides:
            amount = side.value
            if str(amount.get("currency")).upper() != currency:
                continue
            diff = abs(amount["amount"] - total_sum)
            slack = max(
                SUM_TOLERANCE * max(abs(amount["amount"]), abs(total_sum)),
                sum(_rounding(a["amount"]) for a in amounts) + _rounding(amount["amount"]),
            )
            if diff <= slack:
                side.support = part_rows
                agreeing.append(side)
                notes[side.keys[0]] = (f"; agrees with the regional figures {sum_text}", part_rows)
        if agreeing:
            continue
        best = _ranked(_Contest("", sides, ""), prop)[0]
        diff = abs(best.value["amount"] - total_sum)
        share = diff / max(abs(best.value["amount"]), abs(total_sum), 1)
        derived = _Side(
            list(parts),
            part_rows,
            f"the regional figures {sum_text}",
            {"amount": total_sum, "currency": currency},
            derived=True,
        )
        note = (
            f"the sum differs from the stated total {_show(prop, best.value, {'region': region})}"
            f" by {format_value(prop, {'amount': diff, 'currency': currency})} ({share:.2%}), "
            f"more than the {SUM_TOLERANCE:.1%} tolerance"
        )
        if contest is None:
            contest = _Contest(f"box_office:{region}", sides, f"box office ({region})")
            contests.append(contest)
        contest.sides = sides + [derived]
        contest.note = note
    return contests, notes


def _theatrical_contests(groups: dict[tuple, list[ClaimRow]]) -> list[_Contest]:
    """A wide and a limited theatrical release on the same date (and region) compete."""
    by_date: dict[str, list[tuple]] = defaultdict(list)
    for key in groups:
        if key[1] in THEATRICAL_KINDS:
            by_date[key[0]].append(key)
    contests = []
    for date, keys in by_date.items():
        kinds = {k[1] for k in keys}
        regions = {k[2] for k in keys if k[2]}
        if len(kinds) < 2 or len(regions) > 1:
            continue
        where = f" in {regions.pop()}" if regions else ""
        contests.append(
            _Contest(
                f"publication_date:theatrical:{date}",
                [_side_of("publication_date", k, groups[k]) for k in keys],
                f"the kind of theatrical release on {date}{where}",
                note=f"sources disagree on the kind of theatrical release on {date}{where}",
            )
        )
    return contests


def _contests(prop: str, groups: dict[tuple, list[ClaimRow]]) -> tuple[list[_Contest], dict]:
    if prop == "box_office":
        return _box_office_contests(groups)
    if prop == "publication_date":
        return _theatrical_contests(groups), {}
    if PROPERTIES[prop].single and len(groups) > 1:
        sides = [_side_of(prop, k, groups[k]) for k in groups]
        return [_Contest(prop, sides, PROPERTIES[prop].label.lower() or prop)], {}
    return [], {}


# -- facts --------------------------------------------------------------------------------
@dataclass(slots=True)
class _Verdict:
    status: str
    believed: bool
    confidence: float
    reason: str
    slot: str


def _agreed_confidence(rows: list[ClaimRow]) -> float:
    miss = math.prod(1 - min(max(r.confidence, 0.0), 1.0) for r in _docs(rows).values())
    return round(1 - miss, 3)


def _judge(contest: _Contest, prop: str) -> dict[tuple, _Verdict]:
    ranked = _ranked(contest, prop)
    winner = ranked[0]
    weights = {id(s): _weight(s, contest) for s in ranked}
    total = sum(weights.values()) or 1.0
    note = f"; {contest.note}" if contest.note else ""
    out: dict[tuple, _Verdict] = {}
    for side in ranked:
        conf = round(weights[id(side)] / total, 3)
        if side is winner:
            beaten = "; ".join(
                f"over {s.label}: {_why(winner, s, contest, prop)}" for s in ranked[1:]
            )
            reason = f"believed: stated by {_sources(side.rows)}; {beaten}{note}"
        else:
            what = f"as part of {side.label}" if side.derived else ""
            reason = (
                f"not believed{' ' + what if what else ''}: stated by {_sources(side.rows)}"
                f"{note}; {winner.label} is believed: {_why(winner, side, contest, prop)}"
            )
        for key in side.keys:
            out[key] = _Verdict("conflict", side is winner, conf, reason, contest.slot)
    return out


def _matches(prop: str, override: Override, fact: FactRow, rows: list[ClaimRow]) -> bool:
    vtype = PROPERTIES[prop].value_type
    if vtype in _ENTITY_TYPES or vtype == "text":
        wanted = name_key(str(override.value))
        names = {name_key(str(fact.value))} | {name_key(str(r.value)) for r in rows}
        if wanted not in names:
            return False
    elif value_token(prop, override.value) != value_token(prop, fact.value):
        return False
    for name, value in override.qualifiers.items():
        have = fact.qualifiers.get(name)
        if value not in (None, "") and str(have or "").lower() != str(value).lower():
            return False
    return True


def _apply_override(
    facts: list[FactRow], override: Override, slots: dict[int, str], rows_of: dict[int, list]
) -> None:
    prop = override.property
    quote = f"“{override.reason}”"
    when = override.created_at[:10]
    chosen = next(
        (f for f in facts if f.property == prop and _matches(prop, override, f, rows_of[id(f)])),
        None,
    )
    if chosen is None:
        chosen = FactRow(
            property=prop,
            value=override.value,
            value_key=value_token(prop, override.value),
            qualifiers=dict(override.qualifiers),
            status="overridden",
            believed=True,
            confidence=1.0,
            reason=(
                f"curator's decision ({when}): {quote}; no source states this value, "
                "the decision is its only provenance"
            ),
            position=-1,
            override_id=override.id,
        )
        facts.append(chosen)
        rows_of[id(chosen)] = []
        slot = _override_slot(prop, override.qualifiers)
    else:
        slot = slots.get(id(chosen)) or _override_slot(prop, chosen.qualifiers)
        chosen.reason = f"curator's decision ({when}): {quote}; the sources: {chosen.reason}"
        chosen.status, chosen.believed, chosen.confidence = "overridden", True, 1.0
        chosen.override_id = override.id
    slots[id(chosen)] = slot
    if not slot:
        return  # a list value (a cast member): the others stand
    label = _show(prop, chosen.value, chosen.qualifiers)
    for fact in facts:
        if fact is chosen or fact.property != prop:
            continue
        same = slots.get(id(fact)) == slot or (
            prop not in ("box_office", "publication_date")
            or _override_slot(prop, fact.qualifiers) == slot
        )
        if same:
            fact.status, fact.believed = "overridden", False
            fact.reason = f"overruled by the curator, who chose {label}: {quote}; {fact.reason}"


def _override_slot(prop: str, qualifiers: dict[str, Any]) -> str:
    """The slot an override settles: the whole property when it holds one value, a region's
    box office, or nothing (a list value: it adds or confirms one value)."""
    if prop == "box_office":
        return f"box_office:{qualifiers.get('region') or ''}"
    if PROPERTIES[prop].single:
        return prop
    return ""


def reconcile(rows: list[ClaimRow], overrides: list[Override] | tuple = ()) -> list[FactRow]:
    """Group a film's claims into facts (see the module's rules); apply curator overrides."""
    by_property: dict[str, dict[tuple, list[ClaimRow]]] = defaultdict(dict)
    for row in rows:
        by_property[row.property].setdefault(_group_key(row), []).append(row)
    for prop in by_property:
        by_property[prop] = _fold_unqualified(by_property[prop])

    facts: list[FactRow] = []
    slots: dict[int, str] = {}
    rows_of: dict[int, list[ClaimRow]] = {}
    for prop in [p for p in PROPERTIES if p in by_property]:
        groups = by_property[prop]
        contests, notes = _contests(prop, groups)
        verdicts: dict[tuple, _Verdict] = {}
        order: list[tuple] = []
        for contest in contests:
            for key, verdict in _judge(contest, prop).items():
                if key not in verdicts or not verdict.believed:
                    verdicts[key] = verdict  # not believed in any contest: not believed
            order.extend(k for s in _ranked(contest, prop) for k in s.keys if k not in order)
        if PROPERTIES[prop].single or prop == "box_office":
            keys = order + [k for k in groups if k not in order]
        else:
            keys = list(groups)  # lists keep the order the sources give
        for key in keys:
            members = groups[key]
            first = members[0]
            verdict = verdicts.get(key)
            if verdict is None:
                note, support = notes.get(key, ("", []))
                reason = f"stated by {_sources(members)}{note}"
                verdict = _Verdict(
                    "agreed", True, _agreed_confidence(members + support), reason, ""
                )
            fact = FactRow(
                property=prop,
                value=first.display if first.display is not None else first.value,
                value_key=first.value_key,
                qualifiers=_merge_qualifiers(members),
                status=verdict.status,
                believed=verdict.believed,
                confidence=verdict.confidence,
                reason=verdict.reason,
                position=0,
                claim_ids=[r.id for r in members],
            )
            facts.append(fact)
            slots[id(fact)] = verdict.slot
            rows_of[id(fact)] = members
    for override in sorted(overrides, key=lambda o: (o.created_at, o.id)):
        if override.property in PROPERTIES:
            _apply_override(facts, override, slots, rows_of)
    return _ordered(facts)


def _ordered(facts: list[FactRow]) -> list[FactRow]:
    """Property vocabulary order; the believed value first when the property holds one
    value; a value only a curator states first in box office, last in a list; positions
    renumbered."""
    rank = {p: i for i, p in enumerate(PROPERTIES)}
    indexed = list(enumerate(facts))

    def key(item: tuple[int, FactRow]) -> tuple:
        i, f = item
        new = f.position == -1
        if PROPERTIES[f.property].single:
            return (rank[f.property], 0 if f.believed else 1, i)
        if f.property == "box_office":
            return (rank[f.property], 0 if new else 1, i)
        return (rank[f.property], 1 if new else 0, i)

    out = [f for _, f in sorted(indexed, key=key)]
    counter: Counter = Counter()
    for f in out:
        f.position = counter[f.property]
        counter[f.property] += 1
    return out
