"""Turn a written date ("2018-11-13", "March 3, 2021", "2018-11-13T09:00:00Z") into ISO form."""

from __future__ import annotations

import re
from datetime import date, datetime

from dateutil import parser as dateparser  # type: ignore[import-untyped]

_ISO = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})(?![\d])")
_DEFAULTS = (datetime(2000, 1, 1), datetime(2001, 2, 2))
_MAX_LENGTH = 80


def iso_date(value: str) -> str | None:
    """The ISO date ``value`` names, or None when it is not a complete, real date.

    A value without a day ("March 2021") or a year ("March 3") is not complete.
    """
    match = _ISO.match(value)
    if match:
        try:
            return date(*(int(part) for part in match.groups())).isoformat()
        except ValueError:
            return None
    if not value.strip() or len(value) > _MAX_LENGTH or not re.search(r"\d", value):
        return None
    try:
        first, second = (_parse(value, default) for default in _DEFAULTS)
    except (ValueError, OverflowError):
        return None
    if first.date() != second.date():
        return None  # a part of the date came from the defaults
    return first.date().isoformat()


def _parse(value: str, default: datetime) -> datetime:
    parsed: datetime = dateparser.parse(value, default=default)
    return parsed
