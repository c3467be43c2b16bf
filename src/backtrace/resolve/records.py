"""The rows reconciliation works on (claims in, facts out, curator overrides) and how
their values compare: normalised tokens, precision, rounding, shown text."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from backtrace.model import PROPERTIES
from backtrace.vocabulary import format_qualifiers, format_value

SOURCE_RANK = {"encyclopedia": 3, "news": 2, "review": 1, "other": 0}
KIND_WEIGHT = {"encyclopedia": 1.0, "news": 0.8, "review": 0.6, "other": 0.5}
SUPERSEDED_WEIGHT = 0.25
SUM_TOLERANCE = 0.001  # 0.1 % of the larger of (sum of regions, stated total)
THEATRICAL_KINDS = ("wide", "limited")
TOTAL_REGIONS = {"worldwide", "global", "world", "total"}
REST_REGIONS = {"other territories", "international", "overseas", "foreign", "rest of the world"}
_NOT_GROSS = ("home video", "sales", "rental", "streaming", "dvd")
ENTITY_TYPES = {"person", "organization", "place"}


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
def sort_token(value: Any) -> tuple:
    if isinstance(value, dict) and "amount" in value:
        return (0, float(value["amount"]), str(value.get("currency")))
    if isinstance(value, int | float):
        return (0, float(value), "")
    return (1, 0.0, str(value))


def show_value(prop: str, value: Any, qualifiers: dict[str, Any] | None = None) -> str:
    text = format_value(prop, value)
    quals = format_qualifiers(prop, {k: v for k, v in (qualifiers or {}).items()})
    return f"{text} {quals}" if quals else text


def rounding(amount: int | float) -> float:
    """Half the place a figure is rounded to, judged by its trailing zeros (0 for 0)."""
    amount = int(abs(amount))
    if amount == 0:
        return 0.0
    unit = 1
    while amount % (unit * 10) == 0:
        unit *= 10
    return unit / 2 if unit > 1 else 0.0


def precision(prop: str, value: Any) -> int:
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


def merge_qualifiers(rows: list[ClaimRow]) -> dict[str, Any]:
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
