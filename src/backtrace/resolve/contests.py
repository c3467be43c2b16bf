"""The contests of one property: which values compete (a single-valued property, a
region's box office, regional sums against a stated total, the kind of a theatrical
release)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from backtrace.model import PROPERTIES
from backtrace.resolve.ranking import Contest, Side, effective_date, ranked, side_of
from backtrace.resolve.records import (
    REST_REGIONS,
    SUM_TOLERANCE,
    THEATRICAL_KINDS,
    TOTAL_REGIONS,
    ClaimRow,
    rounding,
    show_value,
)
from backtrace.vocabulary import format_value

_NOT_GROSS = ("home video", "sales", "rental", "streaming", "dvd")


def _region_kind(region: str) -> str:
    low = region.lower()
    if any(word in low for word in _NOT_GROSS):
        return "other"
    if low in TOTAL_REGIONS:
        return "total"
    if low in REST_REGIONS:
        return "rest"
    return "home" if low else "none"


def _currency(rows: list[ClaimRow]) -> str:
    value = rows[0].value
    return str(value.get("currency")).upper() if isinstance(value, dict) else ""


_PROP = "box_office"
Notes = dict[tuple, tuple[str, list[ClaimRow]]]


def _regional_contests(
    groups: dict[tuple, list[ClaimRow]],
) -> tuple[dict[str, list[tuple]], list[Contest], dict[str, tuple]]:
    """(the value keys of each region, the contests between the figures of one region in
    one currency, each region's best figure)."""
    by_region: dict[str, list[tuple]] = defaultdict(list)
    for key in groups:
        by_region[key[1]].append(key)
    contests: list[Contest] = []
    winners: dict[str, tuple] = {}
    for region, keys in by_region.items():
        contest = Contest(
            f"box_office:{region}",
            [side_of(_PROP, k, groups[k]) for k in keys],
            f"box office ({region or 'no region'})",
        )
        winners[region] = ranked(contest, _PROP)[0].keys[0]
        # figures without a region (a market, a week?) or in other currencies do not compete
        currencies = {_currency(groups[k]) for k in keys}
        if len(keys) > 1 and region and len(currencies) == 1:
            contests.append(contest)
    return by_region, contests, winners


@dataclass
class _RegionalSum:
    """A home region's figure plus "other territories" from the same document."""

    parts: list[tuple]  # the value keys summed
    rows: list[ClaimRow]  # their claims
    amounts: list[dict]
    currency: str
    total: float
    text: str  # "$10 million (North America) + $5 million (other territories) = $15 million"

    def slack(self, amount: float) -> float:
        """How far a stated total may be from the sum and still agree with it."""
        return max(
            SUM_TOLERANCE * max(abs(amount), abs(self.total)),
            sum(rounding(a["amount"]) for a in self.amounts) + rounding(amount),
        )


def _regional_sum(
    groups: dict[tuple, list[ClaimRow]], by_region: dict[str, list[tuple]],
    winners: dict[str, tuple],
) -> _RegionalSum | None:
    """The sum of the best home figures and the best rest-of-world figure a document gives
    with them, in one currency; None when there is none (or no total to set it against)."""
    rest = [r for r in by_region if _region_kind(r) == "rest"]
    totals = [r for r in by_region if _region_kind(r) == "total"]
    if not rest or not totals:
        return None
    rest_key = winners[rest[0]]
    rest_docs = {r.document_id for r in groups[rest_key]}
    homes = [
        winners[r]
        for r in by_region
        if _region_kind(r) == "home" and rest_docs & {x.document_id for x in groups[winners[r]]}
    ]
    parts = homes + [rest_key]
    if not homes:
        return None
    amounts = [groups[k][0].value for k in parts]
    currencies = {str(a.get("currency")).upper() for a in amounts}
    if len(currencies) != 1:
        return None
    currency = currencies.pop()
    total_sum = sum(a["amount"] for a in amounts)
    part_rows = [r for k in parts for r in groups[k]]
    parts_label = " + ".join(show_value(_PROP, groups[k][0].value, {"region": k[1]})
                             for k in parts)
    total_text = format_value(_PROP, {"amount": total_sum, "currency": currency})
    return _RegionalSum(parts, part_rows, amounts, currency, total_sum,
                        f"{parts_label} = {total_text}")


def _sum_against_total(
    region: str, keys: list[tuple], groups: dict[tuple, list[ClaimRow]],
    contests: list[Contest], total: _RegionalSum, notes: Notes,
) -> None:
    """Set a stated total of ``region`` against the regional sum: the figures that agree
    with it are supported by its claims (and noted); when none does, the sum joins the
    region's contest as a derived side."""
    contest = next((c for c in contests if c.slot == f"box_office:{region}"), None)
    sides = contest.sides if contest else [side_of(_PROP, k, groups[k]) for k in keys]
    agreeing = []
    for side in sides:
        amount = side.value
        if str(amount.get("currency")).upper() != total.currency:
            continue
        if abs(amount["amount"] - total.total) <= total.slack(amount["amount"]):
            side.support = total.rows
            agreeing.append(side)
            notes[side.keys[0]] = (f"; agrees with the regional figures {total.text}",
                                   total.rows)
    if agreeing:
        return
    best = ranked(Contest("", sides, ""), _PROP)[0]
    diff = abs(best.value["amount"] - total.total)
    share = diff / max(abs(best.value["amount"]), abs(total.total), 1)
    derived = Side(
        list(total.parts),
        total.rows,
        f"the regional figures {total.text}",
        {"amount": total.total, "currency": total.currency},
        derived=True,
    )
    stated = show_value(_PROP, best.value, {"region": region})
    gap = format_value(_PROP, {"amount": diff, "currency": total.currency})
    note = (
        f"the sum differs from the stated total {stated} by {gap} ({share:.2%}), "
        f"more than the {SUM_TOLERANCE:.1%} tolerance"
    )
    if contest is None:
        contest = Contest(f"box_office:{region}", sides, f"box office ({region})")
        contests.append(contest)
    contest.sides = sides + [derived]
    contest.note = note


def _box_office_contests(
    groups: dict[tuple, list[ClaimRow]],
) -> tuple[list[Contest], Notes]:
    """Per-region contests, and the worldwide total against the sum of regional figures."""
    by_region, contests, winners = _regional_contests(groups)
    notes: Notes = {}
    total = _regional_sum(groups, by_region, winners)
    if total is None:
        return contests, notes
    for region in by_region:
        if _region_kind(region) == "total":
            _sum_against_total(region, by_region[region], groups, contests, total, notes)
    return contests, notes


def _theatrical_contests(groups: dict[tuple, list[ClaimRow]]) -> list[Contest]:
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
            Contest(
                f"publication_date:theatrical:{date}",
                [side_of("publication_date", k, groups[k]) for k in keys],
                f"the kind of theatrical release on {date}{where}",
                note=f"sources disagree on the kind of theatrical release on {date}{where}",
            )
        )
    return contests


MOVABLE_KINDS = ("wide", "limited", "theatrical", "VOD", "home video")


def _moved_release_contests(groups: dict[tuple, list[ClaimRow]]) -> list[Contest]:
    """An announced date against the one later report of a release of the same kind (and a
    compatible region) on another date: the release moved, unless a report confirms the
    announced date."""

    def announced(k: tuple) -> bool:
        return all(r.qualifiers.get("announced") for r in groups[k])

    contests = []
    for key in groups:
        if key[1] not in MOVABLE_KINDS or not announced(key):
            continue
        confirmed = any(k[0] == key[0] and not announced(k) for k in groups)
        reports = [
            k
            for k in groups
            if k[1] == key[1]
            and k[0] != key[0]
            and not announced(k)
            and (not k[2] or not key[2] or k[2] == key[2])
        ]
        if confirmed or len(reports) != 1:
            continue
        (report,) = reports
        announced_on = max(r.document_date or "" for r in groups[key])
        if not any(effective_date(r) > announced_on for r in groups[report]):
            continue  # not a later report: perhaps another release of that kind
        sides = [side_of("publication_date", k, groups[k]) for k in (key, report)]
        contests.append(
            Contest(
                f"publication_date:moved:{key[1]}:{key[0]}",
                sides,
                f"the date of the {key[1]} release",
                note=f"the {key[1]} release was announced for {key[0]} and reported on {report[0]}",
            )
        )
    return contests


def contests_of(prop: str, groups: dict[tuple, list[ClaimRow]]) -> tuple[list[Contest], dict]:
    if prop == "box_office":
        return _box_office_contests(groups)
    if prop == "publication_date":
        return _theatrical_contests(groups) + _moved_release_contests(groups), {}
    if PROPERTIES[prop].single and len(groups) > 1:
        sides = [side_of(prop, k, groups[k]) for k in groups]
        return [Contest(prop, sides, PROPERTIES[prop].label.lower() or prop)], {}
    return [], {}
