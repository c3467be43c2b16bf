"""backtrace: a film knowledge engine in which every fact traces back to its sentence.

import backtrace
kb = backtrace.open("films.db")
kb.ingest(["docs/"])
film = kb.film("Backtrace")
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from backtrace.errors import BacktraceError, NotFound, ReadError, StoreError
from backtrace.model import PROPERTIES, Claim, Document, Kind, Span

if TYPE_CHECKING:
    from backtrace.api import KnowledgeBase, default_db, open
    from backtrace.ingest import IngestReport

__version__ = "0.1.0"

_LAZY = {
    "KnowledgeBase": "backtrace.api",
    "default_db": "backtrace.api",
    "open": "backtrace.api",
    "IngestReport": "backtrace.ingest",
}


def __getattr__(name: str) -> Any:
    """The API pulls in every stage; load it on first use so ``import backtrace.model`` is light."""
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'backtrace' has no attribute {name!r}")


__all__ = [
    "PROPERTIES",
    "BacktraceError",
    "Claim",
    "Document",
    "IngestReport",
    "Kind",
    "KnowledgeBase",
    "NotFound",
    "ReadError",
    "Span",
    "StoreError",
    "default_db",
    "open",
]
