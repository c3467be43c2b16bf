from __future__ import annotations

from datetime import date

import pytest

from backtrace.extract.normalize import find_dates, parse_date, ref_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2018-12-14", ("2018-12-14", "day")),
        ("December 14, 2018", ("2018-12-14", "day")),
        ("14 December 2018", ("2018-12-14", "day")),
        ("Dec. 14, 2018", ("2018-12-14", "day")),
        ("Sept. 3, 2021", ("2021-09-03", "day")),
        ("3rd March 1999", ("1999-03-03", "day")),
        ("December 2018", ("2018-12", "month")),
        ("2018", ("2018", "year")),
        ("opens on March 2, 2020 (Toronto)", ("2020-03-02", "day")),
        ("{{Film date|2018|12|14|df=y}}", ("2018-12-14", "day")),
        ("{{film date|2017|5}}", ("2017-05", "month")),
    ],
)
def test_parse_date_forms(text: str, expected: tuple[str, str]) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["", "soon", "TBA", "87 minutes", "$2018 million"])
def test_parse_date_nothing(text: str) -> None:
    assert parse_date(text) is None


def test_impossible_day_is_not_a_day() -> None:
    assert parse_date("February 30, 2018") != ("2018-02-30", "day")


def test_partial_dates_need_a_reference() -> None:
    assert parse_date("December 14") is None
    assert parse_date("on December 14") is None


@pytest.mark.parametrize(
    ("text", "ref", "expected"),
    [
        ("on December 14", date(2018, 11, 13), "2018-12-14"),  # later the same year
        ("December 14", date(2018, 12, 20), "2018-12-14"),  # a few days back: same year
        ("October 1", date(2018, 11, 13), "2018-10-01"),  # six weeks back: same year
        ("September 1", date(2018, 11, 13), "2019-09-01"),  # long before: next year
        ("January 4", date(2018, 11, 13), "2019-01-04"),
        ("4 January", date(2018, 11, 13), "2019-01-04"),
    ],
)
def test_partial_dates_resolve_against_reference(text: str, ref: date, expected: str) -> None:
    assert parse_date(text, ref=ref) == (expected, "day")


def test_find_dates_offsets_and_several_dates() -> None:
    text = "May 3, 2019 (Cannes), 21 June 2019 (France)"
    found = find_dates(text)
    assert [f.iso for f in found] == ["2019-05-03", "2019-06-21"]
    assert [text[f.start:f.end] for f in found] == ["May 3, 2019", "21 June 2019"]


def test_find_dates_skips_bare_years_unless_asked() -> None:
    text = "shot in 2017 and released on 2 May 2018"
    assert [f.iso for f in find_dates(text)] == ["2018-05-02"]
    assert [f.iso for f in find_dates(text, years=True)] == ["2017", "2018-05-02"]


def test_film_date_template_gives_each_date_and_its_place() -> None:
    text = "{{Film date|2019|1|25|[[Sundance Film Festival|Sundance]]|2019|8|2|United States}}"
    found = find_dates(text, years=True)
    assert [(f.iso, f.region) for f in found] == [
        ("2019-01-25", "Sundance"), ("2019-08-02", "United States")]
    assert [text[f.start:f.end] for f in found] == ["2019|1|25", "2019|8|2"]


def test_ref_date() -> None:
    assert ref_date("2018-11-13") == date(2018, 11, 13)
    assert ref_date("2018-11-13T10:00:00") == date(2018, 11, 13)
    assert ref_date(None) is None
    assert ref_date("yesterday") is None


def test_days_without_a_year() -> None:
    from backtrace.extract.normalize.dates import find_yearless_days

    text = "It reaches DVD on March 2 and streams from 9 April; it opened June 1, 2020."
    assert [(f.iso, text[f.start : f.end]) for f in find_yearless_days(text)] == [
        ("--03-02", "March 2"),
        ("--04-09", "9 April"),
    ]
