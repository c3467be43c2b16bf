"""Bytes to text: find the encoding, refuse what is not text, normalise line ends.

The order of preference is fixed and easy to predict:

1. a byte-order mark (UTF-32, UTF-8, UTF-16) says what the file is;
2. bytes that are valid UTF-8 are UTF-8;
3. UTF-8 cut off in the middle of its last character is a truncated file, an error;
4. a NUL pattern typical of UTF-16 without a mark is UTF-16;
5. anything else with NUL bytes, a known binary signature or many control characters
   is binary, an error;
6. mostly-ASCII bytes that are not UTF-8 are cp1252 (latin-1 when cp1252 cannot map a
   byte); for mostly non-ASCII bytes charset-normalizer is asked first.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

from backtrace.errors import ReadError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_SIGNATURES: tuple[bytes, ...] = (
    b"\x89PNG\r\n\x1a\n",
    b"GIF87a",
    b"GIF89a",
    b"\xff\xd8\xff",  # JPEG
    b"PK\x03\x04",  # zip, docx, epub
    b"%PDF-",
    b"\x1f\x8b",  # gzip
    b"BZh",
    b"\xfd7zXZ\x00",
    b"7z\xbc\xaf\x27\x1c",
    b"SQLite format 3\x00",
    b"\x7fELF",
    b"RIFF",
    b"OggS",
    b"ID3",
)

_SAMPLE = 8192
_CONTROL_LIMIT = 0.10  # more control characters than this share of a sample: binary
_UTF16_NUL_SHARE = 0.3  # share of NULs on one byte lane that marks UTF-16 without a BOM
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v\x1b")
_NEWLINES = re.compile(r"\r\n?")

BINARY = "binary file (not text)"


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str


def decode(data: bytes, path: str) -> Decoded:
    """Decode one file's bytes, or raise :class:`ReadError` saying why they are not text."""
    if not data:
        raise ReadError(path, "empty file")
    encoding = bom_encoding(data)
    if encoding is not None:
        text = _decode_marked(data, encoding, path)
    else:
        encoding, text = _decode_unmarked(data, path)
    if _control_share(text[:_SAMPLE]) > _CONTROL_LIMIT:
        raise ReadError(path, BINARY)
    text = _NEWLINES.sub("\n", text)
    if not text.strip():
        raise ReadError(path, "no text")
    return Decoded(text, encoding)


def bom_encoding(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def _decode_marked(data: bytes, encoding: str, path: str) -> str:
    if encoding == "utf-8-sig":
        _check_truncated_utf8(data, path)
        return data.decode("utf-8-sig", errors="replace")
    unit = 4 if encoding == "utf-32" else 2
    if len(data) % unit:
        raise ReadError(path, _truncated(encoding.upper(), len(data) - 1))
    return data.decode(encoding, errors="replace")


def _decode_unmarked(data: bytes, path: str) -> tuple[str, str]:
    if any(data.startswith(sig) for sig in _SIGNATURES):
        raise ReadError(path, BINARY)
    utf16 = utf16_lane(data)
    if utf16 is not None:
        if len(data) % 2:
            raise ReadError(path, _truncated("UTF-16", len(data) - 1))
        return utf16, data.decode(utf16, errors="replace")
    if b"\x00" in data:
        raise ReadError(path, BINARY)
    try:
        return "utf-8", data.decode("utf-8")
    except UnicodeDecodeError:
        _check_truncated_utf8(data, path)
    return _legacy(data)


def _check_truncated_utf8(data: bytes, path: str) -> None:
    """Raise when ``data`` is UTF-8 but for an incomplete character at its very end."""
    skip = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        data[skip:].decode("utf-8")
    except UnicodeDecodeError as err:
        if err.reason == "unexpected end of data" and skip + err.end == len(data):
            raise ReadError(path, _truncated("UTF-8", skip + err.start)) from None


def _truncated(encoding: str, where: int) -> str:
    return f"truncated {encoding} (incomplete character at byte {where})"


def utf16_lane(data: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` when NULs fill one byte lane of ``data``, else None."""
    sample = data[: _SAMPLE - _SAMPLE % 2]
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even = sample[0::2].count(0) / pairs
    odd = sample[1::2].count(0) / pairs
    if odd >= _UTF16_NUL_SHARE and even < 0.05:
        return "utf-16-le"
    if even >= _UTF16_NUL_SHARE and odd < 0.05:
        return "utf-16-be"
    return None


def _legacy(data: bytes) -> tuple[str, str]:
    """Decode bytes that are not UTF-8: cp1252 for mostly-ASCII text, else ask the detector."""
    sample = data[:_SAMPLE]
    high = sum(1 for b in sample if b >= 0x80) / len(sample)
    if high > 0.3:
        best = from_bytes(data[: 4 * _SAMPLE]).best()
        if best is not None and best.encoding:
            try:
                return best.encoding, data.decode(best.encoding)
            except (UnicodeDecodeError, LookupError):
                pass
    try:
        return "cp1252", data.decode("cp1252")
    except UnicodeDecodeError:
        return "latin-1", data.decode("latin-1")


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    controls = sum(
        1
        for ch in text
        if (ch < " " and ch not in _ALLOWED_CONTROLS) or ch == "\x7f" or ch == "\ufffd"
    )
    return controls / len(text)
