"""backtrace's one family of errors.

    BacktraceError            anything backtrace raises on purpose
    ├── ReadError             a file or record could not be turned into a Document
    │   └── NoText            a JSONL record without text: skipped, not a failure
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
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class NoText(ReadError):
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
