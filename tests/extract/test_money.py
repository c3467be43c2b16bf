from __future__ import annotations

import pytest

from backtrace.extract.normalize import find_money, parse_money


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("$6 million", 6_000_000, "USD"),
        ("$490,636", 490_636, "USD"),
        ("$31.4 million", 31_400_000, "USD"),
        ("$2.125 million", 2_125_000, "USD"),
        ("$1.066 billion", 1_066_000_000, "USD"),
        ("€8.5 million", 8_500_000, "EUR"),
        ("£2m", 2_000_000, "GBP"),
        ("US$12 million", 12_000_000, "USD"),
        ("₹100 crore", 1_000_000_000, "INR"),
        ("Rs. 20 lakh", 2_000_000, "INR"),
        ("$4,500,000", 4_500_000, "USD"),
        ("$5–6 million", 5_000_000, "USD"),
        ("$500k", 500_000, "USD"),
        ("CA$3 million", 3_000_000, "CAD"),
        ("¥1 billion", 1_000_000_000, "JPY"),
        ("7 million euros", 7_000_000, "EUR"),
        ("40 million Norwegian kroner", 40_000_000, "NOK"),
    ],
)
def test_parse_money(text: str, amount: int, currency: str) -> None:
    assert parse_money(text) == {"amount": amount, "currency": currency}


@pytest.mark.parametrize("text", ["", "unknown", "1.4 million", "about 3 million", "87 minutes"])
def test_no_money_without_a_currency(text: str) -> None:
    assert parse_money(text) is None


def test_find_money_spans_are_the_amount_as_written() -> None:
    text = "₱40 million ($800,000) in 2019"
    found = find_money(text)
    assert [text[f.start:f.end] for f in found] == ["₱40 million", "$800,000"]
    assert [f.value["currency"] for f in found] == ["PHP", "USD"]


def test_range_span_covers_the_whole_range() -> None:
    text = "$12–15 million"
    (found,) = find_money(text)
    assert text[found.start:found.end] == "$12–15 million"
    assert found.value == {"amount": 12_000_000, "currency": "USD"}
