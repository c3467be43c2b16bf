"""Pure normalisers: text as written -> values a Claim can hold."""

from __future__ import annotations

from backtrace.extract.normalize.dates import FoundDate, find_dates, parse_date, ref_date
from backtrace.extract.normalize.durations import FoundDuration, find_duration, parse_duration
from backtrace.extract.normalize.genres import GENRES, is_genre
from backtrace.extract.normalize.languages import LANGUAGES, language_name
from backtrace.extract.normalize.money import FoundMoney, find_money, parse_money
from backtrace.extract.normalize.names import split_names
from backtrace.extract.normalize.places import (
    COUNTRIES,
    DEMONYMS,
    country_from_demonym,
    normalize_country,
    split_places,
)

__all__ = [
    "COUNTRIES",
    "DEMONYMS",
    "GENRES",
    "LANGUAGES",
    "FoundDate",
    "FoundDuration",
    "FoundMoney",
    "country_from_demonym",
    "find_dates",
    "find_duration",
    "find_money",
    "is_genre",
    "language_name",
    "normalize_country",
    "parse_date",
    "parse_duration",
    "parse_money",
    "ref_date",
    "split_names",
    "split_places",
]
