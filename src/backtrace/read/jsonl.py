"""JSON Lines corpora: one Document per line, one ReadError per bad line.

A record's text, title, date, kind, url and year come from fields whose names the caller
gives (:class:`JsonlFields`); its other scalar fields (a page id) go to ``Document.meta`` as
they are. A record is identified by the hash of its canonical JSON (:func:`canonical_json`:
keys sorted, no spaces), so the same record written with its keys in another order, other
spacing or other escapes is the same document; it is located by ``path#L<line number>``,
counting from 1 (in a JSON file holding an array of records, :func:`read_json`,
``path#R<n>``: the record's place in the array). A line that is not a JSON object (bad
JSON, nested too deeply, a number too long to read) is a :class:`ReadError` naming the file
and line; the other lines are read.
A lone surrogate (``"\\ud800"``) or a NUL (``"\\u0000"``), which a store of UTF-8 text
cannot hold, is read as U+FFFD.

The record's structured fields are facts too: its year and every field holding a list of
names or words (``cast``, ``genres``, ``directors``) are written after the text as an
``Infobox`` section, one ``- Key: value, value`` line a field, so that extraction reads
them like any infobox and every claim's span points at the field's line::

    == Infobox ==
    - Year: 1915
    - Cast: Ada Quill, Bram Tessel
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from backtrace.errors import NoText, ReadError
from backtrace.model import Document, Kind
from backtrace.read.dates import iso_date
from backtrace.read.decode import bom_encoding, decode, utf16_lane
from backtrace.read.files import content_id
from backtrace.read.text import build_document

_URL_FALLBACKS = ("href", "link")  # where a corpus keeps its record's page, if not in "url"
_KIND_ALIASES = {"wiki": Kind.ENCYCLOPEDIA, "wikipedia": Kind.ENCYCLOPEDIA, "article": Kind.NEWS}
_NEWLINES = re.compile(r"\r\n?")
_SURROGATE = re.compile("[\ud800-\udfff]")  # a lone one, from a JSON escape: not UTF-8
# In canonical JSON: a lone surrogate, a NUL's escape, or any other escape (to skip it whole).
_UNSTORABLE = re.compile(r"[\ud800-\udfff]|\\u0000|\\.")
_SCALARS = (str, int, float, bool)
_KINDS = frozenset(kind.value for kind in Kind)


@dataclass(frozen=True, slots=True)
class JsonlFields:
    """The names of a record's fields; ``record`` writes its structured fields as an
    Infobox section after the text (see the module's doc)."""

    text: str = "text"
    title: str = "title"
    date: str = "date"
    kind: str = "kind"
    url: str = "url"
    year: str = "year"
    record: bool = True

    @property
    def taken(self) -> frozenset[str]:
        return frozenset({self.text, self.title, self.date, self.kind, self.url})


def read_jsonl(
    data: bytes,
    path: str,
    *,
    fields: JsonlFields | None = None,
    kind: Kind | None = None,
    text_field: str = "text",
    title_field: str = "title",
    date_field: str = "date",
    kind_field: str = "kind",
    url_field: str = "url",
) -> Iterator[Document | ReadError]:
    """Yield a Document for each record of a JSONL file, or a ReadError for a bad line.
    ``fields`` names the record's fields (the ``*_field`` names are used without it)."""
    if fields is None:
        fields = JsonlFields(text_field, title_field, date_field, kind_field, url_field)
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


def read_json(
    data: bytes, path: str, *, fields: JsonlFields | None = None, kind: Kind | None = None
) -> Iterator[Document | ReadError]:
    """Yield a Document (or a ReadError) for each record of a JSON file: an array of records
    (each located by ``path#R<n>``, its place in the array from 1) or one record, each read
    as a JSONL line is. A file that is no JSON is one ReadError."""
    fields = fields or JsonlFields()
    try:
        value = json.loads(decode(data, path).text)
    except ReadError as err:
        yield err
        return
    except json.JSONDecodeError as err:
        yield ReadError(path, f"invalid JSON ({err.msg} at line {err.lineno} column "
                              f"{err.colno})")
        return
    except RecursionError:
        yield ReadError(path, "invalid JSON (nested too deeply)")
        return
    except ValueError:
        yield ReadError(path, "invalid JSON (a number too long to read)")
        return
    for n, record in enumerate(value if isinstance(value, list) else [value], start=1):
        where = f"{path}#R{n}"
        try:
            raw = json.dumps(record, ensure_ascii=False).encode("utf-8", "surrogatepass")
            yield _record(raw, where, where, fields, kind)
        except ReadError as err:
            yield err


def _lines(data: bytes, path: str) -> Iterator[tuple[int, bytes]]:
    """(line number, bytes without the line end) for each line; UTF-16 and UTF-32 files are
    re-encoded. A stray NUL byte is no sign of UTF-16: it is an error of its line alone."""
    if not data:
        raise ReadError(path, "empty file")
    if bom_encoding(data) not in (None, "utf-8-sig") or utf16_lane(data) is not None:
        text = decode(data, path).text
        for lineno, decoded in enumerate(text.split("\n"), start=1):
            yield lineno, decoded.encode("utf-8")
        return
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    for lineno, line in enumerate(data.split(b"\n"), start=1):
        yield lineno, line[:-1] if line.endswith(b"\r") else line


def _record(
    raw: bytes, where: str, doc_path: str, fields: JsonlFields, kind: Kind | None
) -> Document:
    if b"\x00" in raw:
        raise ReadError(where, f"NUL byte at byte {raw.index(0)} of the line")
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise ReadError(where, f"invalid UTF-8 at byte {err.start} of the line") from None
    try:
        record = json.loads(line)
        canonical = canonical_json(record)
        doc_id = content_id(canonical)
        if "\\u0000" in canonical or _SURROGATE.search(canonical):
            record = json.loads(_UNSTORABLE.sub(_storable, canonical))
    except json.JSONDecodeError as err:
        raise ReadError(where, f"invalid JSON ({err.msg} at column {err.colno})") from None
    except RecursionError:  # json recurses once a level: a line nested 1,000 deep
        raise ReadError(where, "invalid JSON (nested too deeply)") from None
    except ValueError:  # an integer over Python's limit of digits for int()
        raise ReadError(where, "invalid JSON (a number too long to read)") from None
    if not isinstance(record, dict):
        raise ReadError(where, f"not a JSON object but {_json_type(record)}")
    fields_text = _infobox(record, fields) if fields.record else ""
    try:
        prose = _text(record, fields.text, where)
    except NoText:
        if not (fields_text and _title(record.get(fields.title))):
            raise
        prose = ""  # a record of fields alone (a title with its year, cast): they are read
    text = prose + fields_text
    meta = _meta(record, fields)
    if not prose:
        meta["no_text"] = True
    if len(text) > len(prose):
        meta["record_fields_at"] = len(prose)  # where the fields' Infobox section begins
    date = None
    raw_date = record.get(fields.date)
    if isinstance(raw_date, str):
        date = iso_date(raw_date)
        if date is None:
            meta[fields.date] = raw_date
    given_kind = kind if kind is not None else _kind(record.get(fields.kind), meta, fields.kind)
    return build_document(
        text,
        doc_id=doc_id,
        former_ids=(content_id(raw),),  # the id earlier versions gave: the bytes' hash
        path=doc_path,
        fmt="jsonl",
        kind=given_kind,
        title=_title(record.get(fields.title)),
        date=date,
        date_source="field",
        meta=meta,
        kind_text=prose,  # its kind is what its prose is, whatever fields it has
    )


def canonical_json(record: object) -> str:
    """``record`` as canonical JSON: keys sorted, no spaces, no escapes but the required
    ones. Two lines that parse to the same value give the same text."""
    return json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _storable(match: re.Match[str]) -> str:
    """U+FFFD for a lone surrogate or a NUL (no UTF-8 store, no C string holds them); any
    other escape as it is."""
    found = match.group()
    return "\ufffd" if len(found) == 1 or found == "\\u0000" else found


def _json_type(value: object) -> str:
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, bool):
        return "a boolean"
    if value is None:
        return "null"
    return "a number"


def _text(record: dict[str, Any], field: str, where: str) -> str:
    if field not in record:
        raise NoText(where, f"no {field!r} field")
    value = record[field]
    if value is None:  # as good as no field: corpora write null for a record without text
        raise NoText(where, f"field {field!r} is null")
    if isinstance(value, list) and all(isinstance(part, str) for part in value):
        value = "\n\n".join(value)
    if not isinstance(value, str):
        raise ReadError(where, f"field {field!r} is {_json_type(value)}, not text")
    if not value.strip():
        raise NoText(where, f"field {field!r} has no text")
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


def _infobox(record: dict[str, Any], fields: JsonlFields) -> str:
    """The record's year and list fields as an Infobox section after the text ("" if none)."""
    lines = []
    for key, value in record.items():
        if key in fields.taken or not isinstance(key, str) or not key.strip():
            continue
        if key == fields.year and isinstance(value, int | str) and not isinstance(value, bool):
            items = [str(value)]
        elif isinstance(value, list):
            items = [" ".join(v.split()) for v in value
                     if isinstance(v, str) and any(c.isalnum() for c in v)]
        else:
            continue
        label = " ".join(key.replace("_", " ").split())
        if items and label:
            lines.append(f"- {label[:1].upper()}{label[1:]}: {', '.join(items)}")
    return "\n\n== Infobox ==\n" + "\n".join(lines) + "\n" if lines else ""


def _meta(record: dict[str, Any], fields: JsonlFields) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    url = record.get(fields.url)
    if not (isinstance(url, str) and url) and fields.url == "url":
        url = next((record[k] for k in _URL_FALLBACKS if isinstance(record.get(k), str)), None)
    if isinstance(url, str) and url:
        meta["url"] = url
    for key, value in record.items():
        if key not in fields.taken and isinstance(value, _SCALARS):
            meta[key] = value
    return meta
