"""One file's bytes to one :class:`Document`, whatever its format."""

from __future__ import annotations

import hashlib
from pathlib import PurePath

from backtrace.errors import ReadError
from backtrace.model import Document, Kind
from backtrace.read.decode import decode
from backtrace.read.html import render_html
from backtrace.read.markdown import render_markdown
from backtrace.read.render import Rendered
from backtrace.read.text import build_document

FORMATS: frozenset[str] = frozenset({"text", "html", "markdown"})
_SUFFIXES = {
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".md": "markdown",
    ".markdown": "markdown",
}
_HTML_STARTS = ("<!doctype html", "<html")


def content_id(content: str | bytes) -> str:
    """A document's id: the first 16 hex digits of the SHA-256 of its content.

    The content is what the document *means*, not how its file spells it: a file's text as
    decoded, line ends made ``\\n`` (so a CRLF copy, a UTF-16 copy or a copy with a byte-order
    mark is the same document), a JSONL record's canonical JSON (see
    :func:`backtrace.read.jsonl.canonical_json`). Text is hashed as UTF-8; a lone surrogate
    (from a JSON ``"\\ud800"`` escape) is hashed as its code point, never an error.
    """
    data = content.encode("utf-8", "surrogatepass") if isinstance(content, str) else content
    return hashlib.sha256(data).hexdigest()[:16]


def detect_format(path: str, text: str) -> str:
    """``html`` or ``markdown`` by the path's suffix, ``html`` for text that opens like HTML,
    else ``text``."""
    by_suffix = _SUFFIXES.get(PurePath(path).suffix.lower())
    if by_suffix is not None:
        return by_suffix
    head = text[:1024].lstrip().lower()
    if head.startswith(_HTML_STARTS):
        return "html"
    return "text"


def read_bytes(
    data: bytes, path: str, *, kind: Kind | None = None, fmt: str | None = None
) -> Document:
    """Turn one file's bytes into one Document; raise :class:`ReadError` for bad input.

    ``fmt`` is ``text``, ``html`` or ``markdown``, or None to go by ``path`` and the content.
    ``kind`` None means detect it.
    """
    if fmt is not None and fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {sorted(FORMATS)}")
    decoded = decode(data, path)
    fmt = fmt or detect_format(path, decoded.text)
    if fmt == "html":
        rendered = render_html(decoded.text, path)
    elif fmt == "markdown":
        rendered = render_markdown(decoded.text)
    else:
        rendered = Rendered(text=decoded.text)
    if fmt == "markdown" and not rendered.text.strip():
        raise ReadError(path, "no text in Markdown after removing markup")
    meta = {"encoding": decoded.encoding, **rendered.meta}
    return build_document(
        rendered.text,
        doc_id=content_id(decoded.text),  # the text, whatever its encoding and line ends
        former_ids=(content_id(data),),  # the id earlier versions gave: the bytes' hash
        path=path,
        fmt=fmt,
        kind=kind,
        fallback_title=rendered.fallback_title,
        date=rendered.date,
        meta=meta,
    )
