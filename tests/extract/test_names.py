from __future__ import annotations

import pytest

from backtrace.extract.normalize import split_names


def names(text: str) -> list[str]:
    found = split_names(text)
    for name, start, end in found:
        assert text[start:end] == name  # offsets point at the name as written
    return [name for name, _, _ in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ada Quist, Bo Lindahl, Cy Marr", ["Ada Quist", "Bo Lindahl", "Cy Marr"]),
        ("Ada Quist; Bo Lindahl", ["Ada Quist", "Bo Lindahl"]),
        ("Ada Quist and Bo Lindahl", ["Ada Quist", "Bo Lindahl"]),
        ("Ada Quist, Bo Lindahl, and Cy Marr", ["Ada Quist", "Bo Lindahl", "Cy Marr"]),
        ("Quarry Films & Lumen Works", ["Quarry Films", "Lumen Works"]),
        ("Ada Quist\nBo Lindahl", ["Ada Quist", "Bo Lindahl"]),
    ],
)
def test_separators(text: str, expected: list[str]) -> None:
    assert names(text) == expected


def test_slash_does_not_split_company_names() -> None:
    assert names("Bex/Orlo/Kestrel Pictures, Fenwick Media") == [
        "Bex/Orlo/Kestrel Pictures", "Fenwick Media"]


def test_credit_suffixes_are_dropped() -> None:
    assert names("Nell Ardent, p.g.a.; Otto Vass, p.g.a.; Pim Salo") == [
        "Nell Ardent", "Otto Vass", "Pim Salo"]
    assert names("Nell Ardent (p.g.a.), Otto Vass") == ["Nell Ardent", "Otto Vass"]
    assert names("Rhea Koll, A.C.E.") == ["Rhea Koll"]
    assert names("Sam Tull, ASC") == ["Sam Tull"]


def test_name_and_company_suffixes_stay_attached() -> None:
    assert names("Dale Brisk Jr., Ona Vey") == ["Dale Brisk Jr.", "Ona Vey"]
    assert names("Dale Brisk, Jr. and Ona Vey") == ["Dale Brisk, Jr.", "Ona Vey"]
    assert names("Fenwick Media, Inc., Quarry Films, Ltd.") == [
        "Fenwick Media, Inc.", "Quarry Films, Ltd."]
    assert names("Tern Studios LLC") == ["Tern Studios LLC"]


def test_notes_labels_and_blanks_are_dropped() -> None:
    assert names("Kestrel Media (I), Lark Films") == ["Kestrel Media", "Lark Films"]
    assert names("Ivo Renn (supervising), Jo Pell") == ["Ivo Renn", "Jo Pell"]
    assert names("Supervising director: Ivo Renn") == ["Ivo Renn"]
    assert names("Ivo Renn (Ghosts and Gulls), Jo Pell") == ["Ivo Renn", "Jo Pell"]
    assert names("Ivo Renn , Jo Pell ") == ["Ivo Renn", "Jo Pell"]
    assert names("Ivo Renn, , et al.") == ["Ivo Renn"]
    assert names("Dialogue:, Jo Pell") == ["Jo Pell"]
    assert names("") == []
