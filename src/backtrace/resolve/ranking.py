"""Which of competing values is believed, how confident, and the reason in words (the
rules are listed in ``resolve.facts``)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from backtrace.resolve.records import (
    KIND_WEIGHT,
    SOURCE_RANK,
    SUPERSEDED_WEIGHT,
    ClaimRow,
    merge_qualifiers,
    precision,
    show_value,
    sort_token,
)
from backtrace.vocabulary import DOCUMENT_WORDS, source_words


# -- support and ranking ------------------------------------------------------------------
@dataclass(slots=True)
class Side:
    """One competing value of a contest: a group of claims, or regional figures summed."""

    keys: list[tuple]
    rows: list[ClaimRow]
    label: str
    value: Any
    derived: bool = False  # a sum of figures, not a stated value
    support: list[ClaimRow] = field(default_factory=list)  # extra agreeing claims (a sum)
    note: str = ""


@dataclass(slots=True)
class Contest:
    slot: str
    sides: list[Side]
    what: str  # what the values are competing as, for reasons
    note: str = ""


def best_per_document(rows: list[ClaimRow]) -> dict[str, ClaimRow]:
    """The best claim of each document."""
    best: dict[str, ClaimRow] = {}
    for r in rows:
        if r.document_id not in best or r.confidence > best[r.document_id].confidence:
            best[r.document_id] = r
    return best


def effective_date(row: ClaimRow) -> str:
    """When a claim was written: its document's date; a report of a release that took
    place, undated, no earlier than the release itself."""
    if row.document_date:
        return row.document_date
    if row.property == "publication_date" and not row.qualifiers.get("announced"):
        return str(row.value)
    return ""


def _superseded(side: Side, contest: Contest) -> ClaimRow | None:
    """The later report that supersedes this side, when the side is only announcements."""
    if not side.rows or not all(r.qualifiers.get("announced") for r in side.rows):
        return None
    announced_on = max(r.document_date or "" for r in side.rows)
    for other in contest.sides:
        if other is side:
            continue
        for r in other.rows:
            if not r.qualifiers.get("announced") and effective_date(r) > announced_on:
                return r
    return None


def _rank_key(side: Side, contest: Contest, prop: str) -> tuple:
    rows = side.rows + side.support
    docs = best_per_document(rows)
    conf = min(r.confidence for r in side.rows) if side.derived else max(r.confidence for r in rows)
    return (
        0 if _superseded(side, contest) else 1,
        len(docs),
        max(SOURCE_RANK.get(r.document_kind, 0) for r in rows),
        precision(prop, side.value),
        max(r.document_date or "" for r in rows),
        round(conf, 6),
    )


def _weight(side: Side, contest: Contest) -> float:
    docs = best_per_document(side.rows + side.support)
    conf = min(r.confidence for r in side.rows) if side.derived else None
    total = sum(
        KIND_WEIGHT.get(r.document_kind, 0.5) * (r.confidence if conf is None else conf)
        for r in docs.values()
    )
    return total * (SUPERSEDED_WEIGHT if _superseded(side, contest) else 1.0)


def _name_doc(row: ClaimRow) -> str:
    return source_words(row.document_kind, row.document_name or row.document_id,
                        row.document_date, row.extractor)


def name_sources(rows: list[ClaimRow], limit: int = 3) -> str:
    docs = sorted(
        best_per_document(rows).values(),
        key=lambda r: (-SOURCE_RANK.get(r.document_kind, 0), r.document_name or r.document_id),
    )
    named = "; ".join(_name_doc(r) for r in docs[:limit])
    more = f"; and {len(docs) - limit} more" if len(docs) > limit else ""
    n = len(docs)
    return f"{n} document{'s' if n != 1 else ''} ({named}{more})"


def _why(winner: Side, loser: Side, contest: Contest, prop: str) -> str:
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
        kinds = {v: DOCUMENT_WORDS.get(k, k) for k, v in SOURCE_RANK.items()}
        return (f"stated by a more reliable kind of source (the {kinds[a[2]]} over the "
                f"{kinds[b[2]]})")
    if i == 3:
        return f"more specific than {loser.label}"
    if i == 4:
        return f"stated by a later source ({a[4]} against {b[4] or 'undated'})"
    if i == 5:
        return f"extracted with higher confidence ({a[5]:g} against {b[5]:g})"
    return "an exact tie, broken by value order"


def side_of(prop: str, key: tuple, members: list[ClaimRow]) -> Side:
    first = members[0]
    value = first.display if first.display is not None else first.value
    quals = merge_qualifiers(members)
    return Side([key], members, show_value(prop, value, quals), value)


def ranked(contest: Contest, prop: str) -> list[Side]:
    return sorted(
        contest.sides,
        key=lambda s: (_rank_key(s, contest, prop), _neg(sort_token(s.value))),
        reverse=True,
    )


def _neg(token: tuple) -> tuple:
    """Reverse a sort token so that, sorted in reverse, the smaller value comes first."""
    kind, number, text = token
    return (-kind, -number, tuple(-ord(c) for c in text))


@dataclass(slots=True)
class Verdict:
    status: str
    believed: bool
    confidence: float
    reason: str
    slot: str


def agreed_confidence(rows: list[ClaimRow]) -> float:
    miss = math.prod(1 - min(max(r.confidence, 0.0), 1.0) for r in best_per_document(rows).values())
    return round(1 - miss, 3)


def judge(contest: Contest, prop: str) -> dict[tuple, Verdict]:
    order = ranked(contest, prop)
    winner = order[0]
    weights = {id(s): _weight(s, contest) for s in order}
    total = sum(weights.values()) or 1.0
    note = f"; {contest.note}" if contest.note else ""
    out: dict[tuple, Verdict] = {}
    for side in order:
        conf = round(weights[id(side)] / total, 3)
        if side is winner:
            beaten = "; ".join(
                f"over {s.label}: {_why(winner, s, contest, prop)}" for s in order[1:]
            )
            reason = f"believed: stated by {name_sources(side.rows)}; {beaten}{note}"
        else:
            what = f"as part of {side.label}" if side.derived else ""
            reason = (
                f"not believed{' ' + what if what else ''}: stated by {name_sources(side.rows)}"
                f"{note}; {winner.label} is believed: {_why(winner, side, contest, prop)}"
            )
        for key in side.keys:
            out[key] = Verdict("conflict", side is winner, conf, reason, contest.slot)
    return out
