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
joins a group that states the same value with one, and a value stated with some of them (a
release "in the United States", an announced "theatrical" release) the most supported group
of that value that states them all compatibly (a theatrical release in the United States).
A round figure joins the more precise figure of its slot that it rounds ("$57 million" and
"$56.9 million": one amount, shown precisely), and a month the one day of that month
stated (with the same or no kind and region). A release date that is an announcement keeps
``announced`` only while no claim reports it as having happened.

**Contests.** Values compete in these slots; anything else is **agreed** (every value of a
list property such as the cast is believed):

* a single-valued property (running time, budget, year): all its values;
* box office per region: the amounts given for one region (in one currency; figures with
  no region are not compared, they may be partial);
* box office, regional sums against a stated total: when one document gives a home region
  (North America, a country) and the rest of the world ("other territories"), their sum is
  compared with each stated worldwide total. They **agree** when the difference is at most
  ``SUM_TOLERANCE`` (0.1 %) of the larger figure, or the rounding of the figures (a figure
  ending in zeros is taken as rounded to that place: ``$6,000,000`` is +/- 500,000), whichever
  is larger; the total's reason then says so and the regional documents count as its
  support. Otherwise the regional figures are one more competing value of the worldwide
  slot (a derived value: its confidence is that of its weakest figure);
* the kind of a theatrical release: on one date (and one region, or none given) a ``wide``
  and a ``limited`` release compete;
* the date of a release that moved: a date only announced (kind wide, limited, theatrical,
  VOD or home video) against the one later report of a release of that kind, with a
  compatible region, on another date, when no report confirms the announced date.

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

from collections import Counter, defaultdict

from backtrace.keys import value_key, work_key
from backtrace.model import PROPERTIES
from backtrace.resolve.contests import contests_of
from backtrace.resolve.curated import apply_override
from backtrace.resolve.ranking import Verdict, agreed_confidence, judge, name_sources, ranked
from backtrace.resolve.records import (
    SUM_TOLERANCE,
    ClaimRow,
    FactRow,
    Override,
    merge_qualifiers,
    precision,
    rounding,
)

__all__ = ["SUM_TOLERANCE", "ClaimRow", "FactRow", "Override", "reconcile"]


def _fullest(members: list[ClaimRow]) -> ClaimRow:
    """Of the forms sources give one work in, the one that says most ("Eileen Byrne's 2011
    novel The Orchard at Dunmore" over "The Orchard at Dunmore"): it is shown, and its
    author found (``ask``)."""
    return max(members, key=lambda r: len(str(r.value)))


def _group_key(row: ClaimRow) -> tuple:
    quals = row.qualifiers
    token = value_key(row.property, row.value, row.value_key)
    if row.property == "based_on" and isinstance(row.value, str):
        token = work_key(row.value) or token  # one work, however each source words it
    if row.property == "box_office":
        return (token, str(quals.get("region") or ""))
    if row.property == "publication_date":
        return (token, str(quals.get("kind") or ""), str(quals.get("region") or ""))
    return (token,)


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


def _fold_less_specific(groups: dict[tuple, list[ClaimRow]]) -> dict[tuple, list[ClaimRow]]:
    """A value stated with some of its qualifiers (a release "in the United States", a
    "theatrical" release) joins a group of the same value stating them all compatibly (a
    theatrical release in the United States): the most supported one, then the first."""
    out = dict(groups)
    for key in sorted(groups, key=lambda k: (sum(map(bool, k[1:])), k)):
        if len(key) < 2 or not any(key[1:]) or all(key[1:]):
            continue
        fuller = [k for k in out if k[0] == key[0] and k != key and _compatible(k, key)
                  and sum(map(bool, k[1:])) > sum(map(bool, key[1:]))]
        if fuller:
            target = min(fuller, key=lambda k: (-len(groups[k]), k))  # as stated, not folded
            out[target] = out[target] + out.pop(key)
    return out


def _fold_rounded(prop: str, groups: dict[tuple, list[ClaimRow]]) -> dict[tuple, list[ClaimRow]]:
    """A round figure ("$57 million") joins the more precise figure of the same slot and
    currency that it rounds ("$56.9 million"): one amount, stated at two precisions."""
    if PROPERTIES[prop].value_type != "money":
        return groups

    def money(key: tuple) -> dict:
        value = groups[key][0].value
        return value if isinstance(value, dict) and "amount" in value else {}

    out = dict(groups)
    for key in sorted(groups, key=lambda k: (precision(prop, money(k)), k)):
        value = money(key)
        slack = rounding(value["amount"]) if value else 0.0
        if not slack or key not in out:
            continue
        currency = str(value.get("currency")).upper()
        near = [
            k
            for k in out
            if k != key
            and k[1:] == key[1:]
            and money(k)
            and str(money(k).get("currency")).upper() == currency
            and precision(prop, money(k)) > precision(prop, value)
            and abs(money(k)["amount"] - value["amount"]) <= slack
        ]
        if near:
            target = min(near, key=lambda k: (abs(money(k)["amount"] - value["amount"]), k))
            out[target] = out[target] + out.pop(key)
    return out


def _compatible(one: tuple, other: tuple) -> bool:
    """Whether two group keys' qualifiers (kind, region) agree where both state them."""
    return all(not a or not b or a == b for a, b in zip(one[1:], other[1:], strict=True))


def _fold_partial_dates(
    prop: str, groups: dict[tuple, list[ClaimRow]]
) -> dict[tuple, list[ClaimRow]]:
    """A month ("in December 2018") joins the one day of that month stated with compatible
    qualifiers (same or unstated kind and region): the same date, less precisely."""
    if PROPERTIES[prop].value_type != "date":
        return groups
    out = dict(groups)
    for key in sorted(groups, key=lambda k: (len(k[0]), k)):
        if key not in out or key[0].count("-") != 1:
            continue
        near = [k for k in out if k[0].startswith(key[0] + "-") and _compatible(k, key)]
        if len({k[0] for k in near}) == 1:
            target = min(near)
            out[target] = out[target] + out.pop(key)
    return out


def _fold_yearless_days(
    prop: str, groups: dict[tuple, list[ClaimRow]]
) -> dict[tuple, list[ClaimRow]]:
    """A day written without a year (``--02-19``: "on February 19" in an undated review)
    joins the one dated day of that month and day with compatible qualifiers; with none, or
    with several, it stays a claim and makes no fact."""
    if PROPERTIES[prop].value_type != "date":
        return groups
    out = {k: v for k, v in groups.items() if not str(k[0]).startswith("--")}
    for key, members in groups.items():
        if not str(key[0]).startswith("--"):
            continue
        near = [k for k in out if str(k[0]).endswith(key[0][1:]) and _compatible(k, key)]
        if len({k[0] for k in near}) == 1:
            target = min(near)
            out[target] = out[target] + members
    return out


def reconcile(rows: list[ClaimRow], overrides: list[Override] | tuple = ()) -> list[FactRow]:
    """Group a film's claims into facts (see the module's rules); apply curator overrides."""
    by_property: dict[str, dict[tuple, list[ClaimRow]]] = defaultdict(dict)
    for row in rows:
        by_property[row.property].setdefault(_group_key(row), []).append(row)
    for prop in by_property:
        groups = _fold_less_specific(_fold_unqualified(by_property[prop]))
        groups = _fold_yearless_days(prop, groups)
        by_property[prop] = _fold_partial_dates(prop, _fold_rounded(prop, groups))

    facts: list[FactRow] = []
    slots: dict[int, str] = {}
    rows_of: dict[int, list[ClaimRow]] = {}
    for prop in [p for p in PROPERTIES if p in by_property]:
        groups = by_property[prop]
        contests, notes = contests_of(prop, groups)
        verdicts: dict[tuple, Verdict] = {}
        order: list[tuple] = []
        for contest in contests:
            for key, verdict in judge(contest, prop).items():
                if key not in verdicts or not verdict.believed:
                    verdicts[key] = verdict  # not believed in any contest: not believed
            order.extend(k for s in ranked(contest, prop) for k in s.keys if k not in order)
        if PROPERTIES[prop].single or prop == "box_office":
            keys = order + [k for k in groups if k not in order]
        else:
            keys = list(groups)  # lists keep the order the sources give
        for key in keys:
            members = groups[key]
            first = members[0] if prop != "based_on" else _fullest(members)
            verdict = verdicts.get(key)
            if verdict is None:
                note, support = notes.get(key, ("", []))
                reason = f"stated by {name_sources(members)}{note}"
                verdict = Verdict("agreed", True, agreed_confidence(members + support), reason, "")
            fact = FactRow(
                property=prop,
                value=first.display if first.display is not None else first.value,
                value_key=first.value_key,
                qualifiers=merge_qualifiers(members),
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
            apply_override(facts, override, slots, rows_of)
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
