"""Writing to the store inside one transaction. Every value is a bound parameter.

``Writer`` is one transaction's view of the store, made of one part per concern, each
over the same connection:

- ``EntityIndex`` (entity_index.py): entities found by key, created, retyped, dated;
- ``AliasQueue`` (alias_queue.py): aliases and alias spans queued and written in bulk;
- ``PersonMerges`` (person_merges.py): the people ``resolve.identity`` compares, merged;
- ``DocumentWriter`` (document_writer.py): documents, claims, links and facts written;
- ``ClaimReader`` (claim_reader.py): claims read back for reconciliation and linking;
- ``OverrideLog`` (override_log.py): curator overrides.

A part can be used alone over a connection (``ClaimReader(conn)`` reads claims outside a
transaction).
"""

from __future__ import annotations

from backtrace.store.alias_queue import AliasQueue
from backtrace.store.claim_reader import ClaimReader, FilmCredits
from backtrace.store.document_writer import DocumentWriter
from backtrace.store.entity_index import EntityIndex
from backtrace.store.override_log import OverrideLog
from backtrace.store.person_merges import PersonMerges

__all__ = [
    "AliasQueue",
    "ClaimReader",
    "DocumentWriter",
    "EntityIndex",
    "FilmCredits",
    "OverrideLog",
    "PersonMerges",
    "Writer",
]


class Writer(EntityIndex, AliasQueue, PersonMerges, DocumentWriter, ClaimReader, OverrideLog):
    """One transaction's view of the store (``Writer(conn)``); implements
    ``resolve.link.EntityIndex``."""
