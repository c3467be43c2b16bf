from __future__ import annotations

import pytest

from backtrace.extract.normalize import find_duration, parse_duration


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("87 minutes", 87),
        ("98 min", 98),
        ("104 mins", 104),
        ("14 min.", 14),
        ("83 Minutes", 83),
        ("1h 27m", 87),
        ("1 hour 27 minutes", 87),
        ("2 hr. 5 min", 125),
        ("2 hours", 120),
        ("87", 87),
        ("95 minutes (director's cut: 110 minutes)", 95),
        ("29 - 30 mins", 29),
        # number words
        ("two hours and 10 minutes", 130),
        ("an hour and twenty-seven minutes", 87),
        ("one hour, forty minutes", 100),
        ("ninety-five minutes", 95),
        ("a hundred and ten minutes", 110),
        ("two and a half hours", 150),
        ("an hour and a half", 90),
        ("three hours", 180),
    ],
)
def test_parse_duration(text: str, minutes: int) -> None:
    assert parse_duration(text) == minutes


@pytest.mark.parametrize("text", ["", "feature length", "TBA", "0 minutes", "a few minutes",
                                  "several hours", "zero minutes"])
def test_no_duration(text: str) -> None:
    assert parse_duration(text) is None


def test_span_is_the_running_time_as_written() -> None:
    text = "about 1 hour 40 minutes long"
    found = find_duration(text)
    assert found is not None
    assert text[found.start:found.end] == "1 hour 40 minutes"
    assert found.minutes == 100


@pytest.mark.parametrize(("text", "value"), [
    ("twelve", 12), ("ninety-five", 95), ("Forty two", 42), ("a hundred and ten", 110),
    ("one hundred", 100), ("12", 12), ("dozen", None), ("", None), ("two three", None),
])
def test_word_number(text: str, value: int | None) -> None:
    from backtrace.extract.normalize.numbers import word_number
    assert word_number(text) == value
