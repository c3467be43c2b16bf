"""Encodings, line ends and the inputs that are refused."""

from __future__ import annotations

import codecs

import pytest

from backtrace.errors import ReadError
from backtrace.read import read_bytes
from backtrace.read.decode import decode

SAMPLE = "Café Zoë screened “Lantern Road” twice.\nThe crowd stayed.\n"


def test_plain_utf8() -> None:
    decoded = decode(SAMPLE.encode("utf-8"), "a.txt")
    assert decoded.text == SAMPLE
    assert decoded.encoding == "utf-8"


def test_utf8_bom_is_stripped() -> None:
    decoded = decode(("\ufeff" + SAMPLE).encode("utf-8"), "a.txt")
    assert decoded.text == SAMPLE
    assert not decoded.text.startswith("\ufeff")


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_bom(codec: str) -> None:
    data = SAMPLE.encode(codec)
    if codec in ("utf-16-le", "utf-16-be"):  # these codecs write no mark: add one
        bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
        data = bom + data
    assert decode(data, "a.txt").text == SAMPLE


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_found_by_its_nul_bytes(codec: str) -> None:
    decoded = decode(SAMPLE.encode(codec), "a.txt")
    assert decoded.text == SAMPLE
    assert decoded.encoding == codec


def test_cp1252_legacy_bytes() -> None:
    decoded = decode("Caf\xe9 Zo\xeb".encode("cp1252"), "a.txt")
    assert decoded.text == "Café Zoë"
    assert decoded.encoding == "cp1252"


def test_cp1252_smart_quotes_and_dashes() -> None:
    data = b"She said \x93stay\x94 \x96 and left\x85 It was 1998.\n"
    assert decode(data, "a.txt").text == "She said “stay” – and left… It was 1998.\n"


def test_bytes_cp1252_cannot_map_fall_back_to_latin1() -> None:
    decoded = decode(b"Odd byte \x81 and caf\xe9 here", "a.txt")
    assert decoded.encoding == "latin-1"
    assert decoded.text == "Odd byte \x81 and café here"


def test_invalid_utf8_in_the_middle_is_legacy_not_an_error() -> None:
    data = "Zoë".encode() + b" and caf\xe9 together"
    decoded = decode(data, "a.txt")
    assert decoded.encoding == "cp1252"
    assert decoded.text.endswith("café together")


def test_mostly_non_ascii_legacy_text_asks_the_detector() -> None:
    text = "Фильм снимали зимой в горах, и съёмочная группа жила в палатках. " * 4
    decoded = decode(text.encode("cp1251"), "a.txt")
    assert decoded.text == text


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"one\r\ntwo\r\n", "one\ntwo\n"),
        (b"one\rtwo\r", "one\ntwo\n"),
        (b"one\r\n\r\ntwo", "one\n\ntwo"),
    ],
)
def test_line_ends_become_newlines(data: bytes, expected: str) -> None:
    assert decode(data, "a.txt").text == expected


def test_latin1_next_line_byte_is_not_a_line_break() -> None:
    # 0x85 is "…" in cp1252; in the text it must not split a line
    assert decode(b"wait\x85 what", "a.txt").text == "wait… what"


def test_truncated_utf8_is_an_error() -> None:
    data = "Le film est très ".encode() + "é".encode()[:1]
    with pytest.raises(ReadError) as caught:
        decode(data, "cut.txt")
    assert caught.value.reason == f"truncated UTF-8 (incomplete character at byte {len(data) - 1})"
    assert caught.value.path == "cut.txt"


def test_truncated_utf8_two_bytes_into_three() -> None:
    data = "Quiet “".encode() + "”".encode()[:2]
    with pytest.raises(ReadError, match=r"truncated UTF-8 \(incomplete character at byte 9\)"):
        decode(data, "cut.txt")


def test_truncated_utf8_after_a_bom_counts_the_bom() -> None:
    data = codecs.BOM_UTF8 + b"abc" + "é".encode()[:1]
    with pytest.raises(ReadError, match="at byte 6"):
        decode(data, "cut.txt")


def test_empty_file() -> None:
    with pytest.raises(ReadError, match="empty file"):
        decode(b"", "empty.txt")


@pytest.mark.parametrize("data", [b"   \n\t\n", b"\r\n\r\n", "\ufeff  \n".encode()])
def test_whitespace_only(data: bytes) -> None:
    with pytest.raises(ReadError) as caught:
        decode(data, "blank.txt")
    assert caught.value.reason == "no text"


def _noise(n: int) -> bytes:
    """Deterministic bytes that look random."""
    out = bytearray()
    state = 12345
    for _ in range(n):
        state = (state * 1103515245 + 12345) % 2**31
        out.append(state >> 16 & 0xFF)
    return bytes(out)


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + _noise(400),
        b"PK\x03\x04\x14\x00\x00\x00" + _noise(400),
        _noise(600),
        b"plain start\x00then a nul byte in otherwise plain text",
        bytes(range(1, 9)) * 40 + b"some letters",
    ],
    ids=["png", "zip", "noise", "nul", "controls"],
)
def test_binary_is_refused(data: bytes) -> None:
    with pytest.raises(ReadError) as caught:
        decode(data, "image.bin")
    assert caught.value.reason == "binary file (not text)"


def test_read_bytes_passes_the_error_on_with_the_path() -> None:
    with pytest.raises(ReadError) as caught:
        read_bytes(b"", "folder/empty.txt")
    assert str(caught.value) == "folder/empty.txt: empty file"


def test_encoding_is_recorded_in_meta() -> None:
    doc = read_bytes("Caf\xe9 owners watched it.".encode("cp1252"), "a.txt")
    assert doc.text == "Café owners watched it."
    assert doc.meta["encoding"] == "cp1252"
