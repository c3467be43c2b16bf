"""JSON Lines corpora: one Document per line, one ReadError per bad line.

A record's text, title, date, kind and url come from fields whose names the caller gives;
its other scalar fields (a year, a page id) go to ``Document.meta`` as they are. A record
is identified by the hash of its line's bytes (without the line end) and located by
``path#L<line number>``, counting from 1.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from typing import Any

from backtrace.errors import ReadError
from backtrace.model import Document, Kind
from backtrace.read.dates import iso_date
from backtrace.read.decode import decode
from backtrace.read.files import content_id
from backtrace.read.text import build_document

_KIND_ALIASES = {"wiki": Kind.ENCYCLOPEDIA, "wikipedia": Kind.ENCYCLOPEDIA, "article": Kind.NEWS}
_NEWLINES = re.compile(r"\r\n?")
_SCALARS = (str, int, float, bool)
_KINDS = frozenset(kind.value for kind in Kind)


def read_jsonl(
    data: bytes,
    path: str,
    *,
    text_field: str = "text",
    title_field: str = "title",
    date_field: str = "date",
    kind_field: str = "kind",
    url_field: str = "url",
    kind: Kind | None = None,
) -> Iterator[Document | ReadError]:
    """Yield a Document for each record of a JSONL file, or a ReadError for a bad line."""
    fields = _Fields(text_field, title_field, date_field, kind_field, url_field)
    try:
        numbered = list(_lines(data, path))
    except ReadError as err:
        yield err
        return
    for lineno, raw in numbered:
        if not raw.strip():
            continue
        where = f"{path}:{lineno}"
        try:
            yield _record(raw, where, f"{path}#L{lineno}", fields, kind)
        except ReadError as err:
            yield err


class _Fields:
    def __init__(self, text: str, title: str, date: str, kind: str, url: str) -> None:
        self.text, self.title, self.date, self.kind, self.url = text, title, date, kind, url

    @property
    def taken(self) -> frozenset[str]:
        return frozenset({self.text, self.title, self.date, self.kind, self.url})


def _lines(data: bytes, path: str) -> Iterator[tuple[int, bytes]]:
    """(line number, bytes without the line end) for each line; UTF-16 files are re-encoded."""
    if not data:
        raise ReadError(path, "empty file")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in data[:64]:
        text = decode(data, path).text
        for lineno, decoded in enumerate(text.split("\n"), start=1):
            yield lineno, decoded.encode("utf-8")
        return
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    for lineno, line in enumerate(data.split(b"\n"), start=1):
        yield lineno, line[:-1] if line.endswith(b"\r") else line


def _record(raw: bytes, where: str, doc_path: str, fields: _Fields, kind: Kind | None) -> Document:
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise ReadError(where, f"invalid UTF-8 at byte {err.start} of the line") from None
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        raise ReadError(where, f"invalid JSON ({err.msg} at column {err.colno})") from None
    if not isinstance(record, dict):
        raise ReadError(where, f"not a JSON object but a {type(record).__name__}")
    text = _text(record, fields.text, where)
    meta = _meta(record, fields)
    date = None
    raw_date = record.get(fields.date)
    if isinstance(raw_date, str):
        date = iso_date(raw_date)
        if date is None:
            meta[fields.date] = raw_date
    given_kind = kind if kind is not None else _kind(record.get(fields.kind), meta, fields.kind)
    return build_document(
        text,
        doc_id=content_id(raw),
        path=doc_path,
        fmt="jsonl",
        kind=given_kind,
        title=_title(record.get(fields.title)),
        date=date,
        date_source="field",
        meta=meta,
    )


def _text(record: dict[str, Any], field: str, where: str) -> str:
    if field not in record:
        raise ReadError(where, f"no {field!r} field")
    value = record[field]
    if isinstance(value, list) and all(isinstance(part, str) for part in value):
        value = "\n\n".join(value)
    if not isinstance(value, str):
        raise ReadError(where, f"field {field!r} is not text")
    if not value.strip():
        raise ReadError(where, f"field {field!r} has no text")
    return _NEWLINES.sub("\n", value)


def _title(value: object) -> str | None:
    if isinstance(value, bool) or not isinstance(value, _SCALARS):
        return None
    title = " ".join(str(value).split())
    return title or None


def _kind(value: object, meta: dict[str, Any], field: str) -> Kind | None:
    if not isinstance(value, str):
        return None
    label = value.strip().lower()
    if label in _KINDS:
        return Kind(label)
    if label in _KIND_ALIASES:
        return _KIND_ALIASES[label]
    if label:
        meta[field] = value  # unknown: keep what it said, and detect
    return None


def _meta(record: dict[str, Any], fields: _Fields) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    url = record.get(fields.url)
    if isinstance(url, str) and url:
        meta["url"] = url
    for key, value in record.items():
        if key not in fields.taken and isinstance(value, _SCALARS):
            meta[key] = value
    return meta
