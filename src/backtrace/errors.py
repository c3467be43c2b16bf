"""backtrace's one family of errors.

    BacktraceError            anything backtrace raises on purpose
    ├── ReadError             a file or record could not be turned into a Document
    │   └── Skipped           passed over on purpose, with a note: not a failure
    │       └── NoText        a JSONL record without text
    ├── StoreError            the database could not be opened or written
    ├── NotFound              a film, person or document that is not in the store
    └── Ambiguous             a name that fits several people: ``candidates`` lists them

Each carries a message that makes sense on one line; the CLI prints it as it is.
"""

from __future__ import annotations


class BacktraceError(Exception):
    """Base class of every error backtrace raises on purpose."""


class ReadError(BacktraceError):
    """A file (or one record of a corpus) could not be read; ``path`` names it."""

    def __init__(self, path: str, reason: str) -> None:
        path = shown_path(path)
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason

    def __reduce__(self) -> tuple[type[ReadError], tuple[str, str]]:
        """Pickled as its path and reason (a Dask worker sends read errors back)."""
        return type(self), (self.path, self.reason)


def shown_path(path: str) -> str:
    """A path as one line of text that can be stored: control characters (a newline in a
    file name) and bytes that are not UTF-8 (``os.fsdecode``'s surrogates) backslash-escaped."""
    if path.isprintable() and not any("\udc80" <= c <= "\udcff" for c in path):
        return path
    raw = path.encode("utf-8", "surrogateescape")
    text = raw.decode("utf-8", "backslashreplace")
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in text)


class Skipped(ReadError):
    """Something passed over on purpose (a link out of the named folder, a FIFO): a note,
    not a failure."""


class NoText(Skipped):
    """A JSONL record holds no text (normal in corpora of records): it is skipped and
    counted apart, not reported as a failure."""


class StoreError(BacktraceError):
    """The store could not be opened, migrated or written."""


class NotFound(BacktraceError):
    """Nothing in the store matches what was asked for."""


class Ambiguous(BacktraceError):
    """A name fits several entities; ``candidates`` lists them (``{"id", "name", ...}``)."""

    def __init__(self, message: str, candidates: list[dict[str, object]]) -> None:
        super().__init__(message)
        self.candidates = candidates
