"""Files, folders and globs to Documents.

:func:`iter_paths` expands what a user names into files; :func:`read_path` reads one file,
as JSON Lines (``.jsonl``, ``.ndjson``) or as one document. Problems come back as
:class:`ReadError` values in the stream, so one bad file never stops a run.
"""

from __future__ import annotations

import glob
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from backtrace.errors import ReadError, Skipped, shown_path
from backtrace.model import Document, Kind
from backtrace.read.files import read_bytes
from backtrace.read.jsonl import JsonlFields, read_jsonl

MAX_BYTES = 50 * 1024 * 1024
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
_GLOB_CHARS = frozenset("*?[")
_MB = 1024 * 1024


def iter_paths(paths: Iterable[str], *, follow_links: bool = False) -> Iterator[Path | ReadError]:
    """Expand files, folders (recursively, in name order, hidden entries skipped) and globs.

    Each file is yielded once. A missing path, a glob that matches nothing and a folder that
    cannot be listed each yield a ReadError. Inside a folder, a link to a place outside it
    is not followed unless ``follow_links`` (a :class:`Skipped` note says so), and what is
    no regular file (a FIFO, a socket, a device) is skipped with a note, never opened.
    """
    seen: set[str] = set()
    for given in paths:
        path = Path(given)
        if not _exists(path) and _GLOB_CHARS & set(given):
            matches = sorted(glob.glob(given, recursive=True))
            if not matches:
                yield ReadError(given, "no files match this pattern")
            for match in matches:
                yield from _expand(Path(match), seen, follow_links)
        elif not _exists(path):
            yield ReadError(given, "no such file or folder")
        else:
            yield from _expand(path, seen, follow_links)


def read_path(
    path: Path | str,
    *,
    kind: Kind | None = None,
    fields: JsonlFields | None = None,
    text_field: str = "text",
    title_field: str = "title",
    date_field: str = "date",
    kind_field: str = "kind",
    url_field: str = "url",
    max_bytes: int = MAX_BYTES,
) -> Iterator[Document | ReadError]:
    """Read one file: each record of a JSONL file, or the file as one document. ``fields``
    names a JSONL record's fields (the ``*_field`` names are used without it)."""
    path = Path(path)
    name = shown_path(str(path))  # one line, storable: a name that is not UTF-8 is escaped
    try:
        size = path.stat().st_size
        if size > max_bytes:
            yield ReadError(name, f"file is {_size(size)}, over the {_size(max_bytes)} limit")
            return
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as err:
        yield ReadError(name, f"cannot read: {_reason(err)}")
        return
    if len(data) > max_bytes:  # it grew after the size check
        yield ReadError(name, f"file is over the {_size(max_bytes)} limit")
        return
    if path.suffix.lower() in JSONL_SUFFIXES:
        yield from read_jsonl(
            data,
            name,
            fields=fields,
            text_field=text_field,
            title_field=title_field,
            date_field=date_field,
            kind_field=kind_field,
            url_field=url_field,
            kind=kind,
        )
        return
    try:
        yield read_bytes(data, name, kind=kind)
    except ReadError as err:
        yield err


def _expand(path: Path, seen: set[str], follow_links: bool) -> Iterator[Path | ReadError]:
    """``path`` itself when it is a file, else the files below it, depth first."""
    root = os.path.realpath(path)
    pending: list[Path] = [path]
    while pending:
        current = pending.pop()
        key = os.path.realpath(current)
        if key in seen:
            continue
        seen.add(key)
        if current is not path and not follow_links and os.path.islink(current) and not (
                key == root or key.startswith(root.rstrip(os.sep) + os.sep)):
            yield Skipped(str(current), "a link out of the folder, not followed "
                                        "(--follow-links follows it)")
            continue
        if not _is_dir(current):
            if _is_regular(current):
                yield current
            else:
                yield Skipped(str(current), "not a regular file (a FIFO, socket or device)")
            continue
        try:
            with os.scandir(current) as listing:
                entries = sorted(
                    (entry for entry in listing if not entry.name.startswith(".")),
                    key=lambda entry: entry.name,
                )
                children = [Path(entry.path) for entry in entries]
        except OSError as err:
            yield ReadError(str(current), f"cannot read folder: {_reason(err)}")
            continue
        pending.extend(reversed(children))


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False


def _is_regular(path: Path) -> bool:
    """A regular file (after links): reading a FIFO would wait forever."""
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return True  # let reading it say what is wrong


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except OSError:
        return False


def _size(n: int) -> str:
    if n >= _MB // 10:
        mb = n / _MB
        return f"{mb:.0f} MB" if mb == int(mb) else f"{mb:.1f} MB"
    return f"{n} bytes"


def _reason(err: OSError) -> str:
    return (err.strerror or str(err)).lower()
