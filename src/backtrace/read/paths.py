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
from backtrace.read.jsonl import JsonlFields, read_json, read_jsonl

MAX_BYTES = 50 * 1024 * 1024
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
JSON_SUFFIXES = frozenset({".json"})  # an array of records, or one record
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
        yield from _iter_one(given, seen, follow_links)


def iter_named_paths(paths: Iterable[str], *,
                     follow_links: bool = False) -> Iterator[tuple[Path, str] | ReadError]:
    """:func:`iter_paths`, each file with the name a document is stored and shown under: the
    path as the user gave it when relative ("examples/corpus/a.txt"); when absolute, from
    the named file or folder on ("corpus/a.txt" for ``/home/ann/corpus``), so no output
    shows where on this machine the corpus lies. Errors name their file the same way."""
    seen: set[str] = set()
    for given in paths:
        base = _name_base(given)
        for item in _iter_one(given, seen, follow_links):
            if isinstance(item, ReadError):
                yield item if base is None else _renamed(item, base)
            else:
                yield item, str(item) if base is None else os.path.relpath(item, base)


def _name_base(given: str) -> str | None:
    """The folder names are taken relative to, for an absolute path (its parent; for a glob,
    the parent of its last folder without wildcards); None for a relative one."""
    if not os.path.isabs(given):
        return None
    fixed = given
    while _GLOB_CHARS & set(fixed):
        fixed = os.path.dirname(fixed)
    return os.path.dirname(fixed.rstrip(os.sep)) or os.sep


def _renamed(err: ReadError, base: str) -> ReadError:
    """The error with its path named relative to ``base`` (when it lies under it)."""
    if not os.path.isabs(err.path) or os.path.commonpath([err.path, base]) != base:
        return err
    return type(err)(os.path.relpath(err.path, base), err.reason)


def _iter_one(given: str, seen: set[str], follow_links: bool) -> Iterator[Path | ReadError]:
    """The files one path, folder or glob names (none already in ``seen``)."""
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
    name: str | None = None,
) -> Iterator[Document | ReadError]:
    """Read one file: each record of a JSONL file or of a JSON file (an array of records),
    or the file as one document. ``fields``
    names a JSONL record's fields (the ``*_field`` names are used without it); ``name`` is
    the path documents are stored under (``iter_named_paths``; the path itself without it)."""
    path = Path(path)
    # one line, storable: a name that is not UTF-8 is escaped
    name = shown_path(str(path) if name is None else name)
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
    if path.suffix.lower() in JSON_SUFFIXES:
        yield from read_json(data, name, kind=kind, fields=fields or JsonlFields(
            text_field, title_field, date_field, kind_field, url_field))
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
