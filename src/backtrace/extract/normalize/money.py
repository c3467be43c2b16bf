"""Amounts of money as written -> ``{"amount": int, "currency": ISO 4217 code}``.

A regular expression finds the amount (currency sign or code, number, optional range,
scale word, optional currency word); price-parser reads the number part; scale words
(thousand, million, billion, crore, lakh, m, bn, k) are applied here.
"""

from __future__ import annotations

import bisect
import re
from decimal import Decimal
from typing import Any, NamedTuple

from price_parser import Price

_CURRENCY_SIGNS: dict[str, str] = {
    "$": "USD", "US$": "USD", "USD": "USD", "€": "EUR", "EUR": "EUR", "£": "GBP", "GBP": "GBP",
    "₹": "INR", "RS": "INR", "RS.": "INR", "INR": "INR", "¥": "JPY", "JP¥": "JPY", "JPY": "JPY",
    "CN¥": "CNY", "RMB": "CNY", "CNY": "CNY", "₱": "PHP", "PHP": "PHP", "₩": "KRW", "KRW": "KRW",
    "CA$": "CAD", "C$": "CAD", "CAD": "CAD", "A$": "AUD", "AU$": "AUD", "AUD": "AUD",
    "NZ$": "NZD", "HK$": "HKD", "R$": "BRL", "NT$": "TWD", "S$": "SGD", "₽": "RUB", "RUB": "RUB",
    "৳": "BDT", "BDT": "BDT", "PKR": "PKR", "₺": "TRY", "₦": "NGN", "CHF": "CHF", "SEK": "SEK",
    "NOK": "NOK", "DKK": "DKK",
}
_CURRENCY_WORDS: dict[str, str] = {
    "us dollars": "USD", "dollars": "USD", "euros": "EUR", "euro": "EUR", "pounds": "GBP",
    "pounds sterling": "GBP", "rupees": "INR", "yen": "JPY", "yuan": "CNY", "won": "KRW",
    "norwegian kroner": "NOK", "danish kroner": "DKK", "swedish kronor": "SEK",
}
_SCALES: dict[str, int] = {
    "thousand": 10**3, "k": 10**3, "million": 10**6, "m": 10**6, "mn": 10**6,
    "billion": 10**9, "bn": 10**9, "b": 10**9, "crore": 10**7, "crores": 10**7,
    "lakh": 10**5, "lakhs": 10**5,
}

_SIGN = (
    r"(?:US\$|CA\$|AU\$|NZ\$|HK\$|NT\$|JP¥|CN¥|R\$|A\$|C\$|S\$|\$|€|£|₹|¥|₱|₩|₽|৳|₺|₦"
    r"|Rs\.?|INR|USD|EUR|GBP|JPY|CNY|RMB|KRW|CAD|AUD|PHP|PKR|BDT|CHF|SEK|NOK|DKK|RUB)"
)
_NUMBER = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_RANGE = rf"(?:\s?(?:–|—|-|to)\s?{_SIGN}?\s?{_NUMBER})?"
_SCALE = r"(?:[ \u00a0]?(?P<scale>million|billion|thousand|crores?|lakhs?|mn|bn|m|b|k)(?![\w]))?"
_WORD = (
    r"(?:[ \u00a0](?P<word>US dollars|dollars|euros?|pounds sterling|pounds|rupees|yen|yuan|won"
    r"|Norwegian kroner|Danish kroner|Swedish kronor)\b)"
)
_WITH_SIGN = re.compile(
    rf"(?<![\w$])(?P<sign>{_SIGN})[ \u00a0]?(?P<num>{_NUMBER}){_RANGE}{_SCALE}{_WORD}?",
    re.IGNORECASE,
)
_WITH_WORD = re.compile(rf"(?<![\w$.,])(?P<num>{_NUMBER}){_RANGE}{_SCALE}{_WORD}", re.IGNORECASE)


class FoundMoney(NamedTuple):
    """An amount found in a text: the value and where it is written."""

    value: dict[str, Any]
    start: int
    end: int


def _value(m: re.Match[str]) -> dict[str, Any] | None:
    groups = m.groupdict()
    sign = groups.get("sign")
    price = Price.fromstring(f"{sign} {m.group('num')}" if sign else m.group("num"),
                             decimal_separator=".")
    if price.amount is None:
        return None
    currency = None
    if groups.get("word"):
        currency = _CURRENCY_WORDS.get(groups["word"].lower())
    if sign:
        currency = _CURRENCY_SIGNS.get((price.currency or sign).upper()) or (
            _CURRENCY_SIGNS.get(sign.upper()) or currency)
    if currency is None:
        return None
    amount = Decimal(price.amount)
    scale = groups.get("scale")
    if scale:
        amount *= _SCALES[scale.lower()]
    return {"amount": int(amount.to_integral_value()), "currency": currency}


def find_money(text: str) -> list[FoundMoney]:
    """Every amount of money in ``text`` whose currency is known, in order.

    A range ("$5–6 million") counts as its first amount, with the scale word applied.
    """
    signed: list[FoundMoney] = []
    for m in _WITH_SIGN.finditer(text):  # in order, none inside another
        if (value := _value(m)) is not None:
            signed.append(FoundMoney(value, m.start(), m.end()))
    starts = [f.start for f in signed]
    found = list(signed)
    for m in _WITH_WORD.finditer(text):
        i = bisect.bisect_right(starts, m.start()) - 1  # the amount with a sign before it
        if i >= 0 and m.start() < signed[i].end:
            continue
        if (value := _value(m)) is not None:
            found.append(FoundMoney(value, m.start(), m.end()))
    found.sort(key=lambda f: f.start)
    return found


def parse_money(text: str) -> dict[str, Any] | None:
    """The first amount of money in ``text``, e.g. "$6 million" -> 6000000 USD, or None."""
    found = find_money(text)
    return found[0].value if found else None
