"""Reconciliation: the claims about one film grouped into facts, each with a status and a reason.

A pure function of the claims, so that ingesting documents one at a time and all at once
give the same facts. The rules, in order:

1. Claims about one property are grouped by value (``value_key``): the same person, the
   same date, the same amount. Box office is grouped by (amount, region) and release
   dates by (date, kind, region), since those qualifiers make different facts.
2. A property that holds one value per film (running time, budget, year) or per
   qualifier (box office per region) is in **conflict** when its claims hold more than
   one value. The believed value is the one with the most independent documents behind
   it; then the one from the more reliable kind of source (encyclopedia > news > review >
   other); then the later source; then the more confident extractor.
3. Every other value (a cast member, a producer) is **agreed**: each is believed.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from backtrace.model import PROPERTIES

SOURCE_RANK = {"encyclopedia": 3, "news": 2, "review": 1, "other": 0}
# Properties whose values are one per film (or one per qualifier group below).
_PER_QUALIFIER = {"box_office": ("region",)}


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


@dataclass(slots=True)
class FactRow:
    property: str
    value: Any
    value_key: str
    qualifiers: dict[str, Any]
    status: str
    believed: bool
    confidence: float
    reason: str
    position: int
    claim_ids: list[str] = field(default_factory=list)


def _group_key(row: ClaimRow) -> tuple:
    quals = row.qualifiers
    if row.property == "box_office":
        return (row.value_key, quals.get("region") or "")
    if row.property == "publication_date":
        return (row.value_key, quals.get("kind") or "", quals.get("region") or "")
    return (row.value_key,)


def _merge_qualifiers(rows: list[ClaimRow]) -> dict[str, Any]:
    """Per qualifier, the value most claims give; ties go to the more confident, longer one."""
    votes: dict[str, Counter] = defaultdict(Counter)
    weight: dict[tuple[str, str], tuple[float, int]] = {}
    originals: dict[tuple[str, str], Any] = {}
    for row in rows:
        for name, value in row.qualifiers.items():
            if value in (None, "", [], {}):
                continue
            token = repr(value)
            votes[name][token] += 1
            originals[(name, token)] = value
            weight[(name, token)] = max(
                weight.get((name, token), (0.0, 0)), (row.confidence, len(str(value)))
            )
    merged = {}
    for name, counter in votes.items():
        token = max(counter, key=lambda t: (counter[t], weight[(name, t)]))
        merged[name] = originals[(name, token)]
    return merged


def _support(rows: list[ClaimRow]) -> tuple:
    docs = {r.document_id for r in rows}
    rank = max(SOURCE_RANK.get(r.document_kind, 0) for r in rows)
    latest = max((r.document_date or "") for r in rows)
    conf = max(r.confidence for r in rows)
    return (len(docs), rank, latest, conf)


def _describe(rows: list[ClaimRow]) -> str:
    kind_of = {r.document_id: r.document_kind for r in rows}
    kinds = Counter(kind_of.values())
    docs = len(kind_of)
    parts = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
    return f"{docs} document{'s' if docs != 1 else ''} ({parts})"


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


def reconcile(rows: list[ClaimRow]) -> list[FactRow]:
    """Group a film's claims into facts. Order: property vocabulary order, then first seen."""
    by_property: dict[str, dict[tuple, list[ClaimRow]]] = defaultdict(dict)
    for row in rows:
        by_property[row.property].setdefault(_group_key(row), []).append(row)
    for prop in by_property:
        by_property[prop] = _fold_unqualified(by_property[prop])

    facts: list[FactRow] = []
    for prop in [p for p in PROPERTIES if p in by_property]:
        groups = by_property[prop]
        single = PROPERTIES[prop].single or prop in _PER_QUALIFIER
        # Values compete only within the same qualifier slot (box office per region).
        slots: dict[tuple, list[tuple]] = defaultdict(list)
        for key in groups:
            slot = key[1:] if prop in _PER_QUALIFIER else ()
            slots[slot].append(key)
        position = 0
        for slot_keys in slots.values():
            ranked = (
                sorted(slot_keys, key=lambda k: _support(groups[k]), reverse=True)
                if single
                else slot_keys  # lists (cast, producers) keep the order the sources give
            )
            conflict = single and len(ranked) > 1
            total = sum(len({r.document_id for r in groups[k]}) for k in ranked)
            for i, key in enumerate(ranked):
                members = groups[key]
                first = members[0]
                value = first.display if first.display is not None else first.value
                n_docs = len({r.document_id for r in members})
                if conflict:
                    believed = i == 0
                    status = "conflict"
                    confidence = round(n_docs / total, 3) if total else 0.0
                    if believed:
                        reason = (
                            f"believed: stated by {_describe(members)}; the other value"
                            f"{'s are' if len(ranked) > 2 else ' is'} stated by fewer, less "
                            "reliable or older sources"
                        )
                    else:
                        reason = f"not believed: stated by {_describe(members)}"
                else:
                    believed = True
                    status = "agreed"
                    confidence = round(max(r.confidence for r in members), 3)
                    reason = f"stated by {_describe(members)}"
                facts.append(
                    FactRow(
                        property=prop,
                        value=value,
                        value_key=first.value_key,
                        qualifiers=_merge_qualifiers(members),
                        status=status,
                        believed=believed,
                        confidence=confidence,
                        reason=reason,
                        position=position,
                        claim_ids=[r.id for r in members],
                    )
                )
                position += 1
    return facts
