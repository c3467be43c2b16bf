"""Aliases and alias spans queued during a transaction and written a chunk at a time."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection

from backtrace.store.schema import alias_spans, aliases, spans
from backtrace.store.sql import Part, insert_rows


class AliasQueue(Part):
    """The names entities are read under, queued (``add_alias``, ``add_alias_span``) and
    written by ``flush_aliases`` / ``flush_alias_spans``; a rolled-back document's part of
    the queue is discarded (``alias_mark``, ``discard_aliases``)."""

    def __init__(self, conn: Connection) -> None:
        self._aliases: list[dict[str, Any]] = []
        self._alias_spans: list[dict[str, Any]] = []
        super().__init__(conn)

    def add_alias(self, entity_id: int, alias: str, key: str, reason: str | None = None) -> None:
        """Queue an alias; ``flush_aliases`` writes the queue (an alias already known is kept)."""
        self._aliases.append({"entity_id": entity_id, "alias": alias, "key": key,
                              "reason": reason})

    def flush_aliases(self) -> None:
        if self._aliases:
            insert_rows(self.conn, aliases, self._aliases, ignore_duplicates=True)
            self._aliases = []

    def alias_mark(self) -> tuple[int, int]:
        """Where the queues of aliases and alias spans stand (for ``discard_aliases``)."""
        return len(self._aliases), len(self._alias_spans)

    def discard_aliases(self, mark: tuple[int, int] = (0, 0)) -> None:
        """Forget what was queued since ``mark`` (a document rolled back)."""
        del self._aliases[mark[0]:]
        del self._alias_spans[mark[1]:]

    def add_alias_span(
        self, entity_id: int, alias: str, key: str, doc_id: str, start: int, end: int, text: str
    ) -> None:
        """Queue an alias read at ``text`` = ``document.text[start:end]``; written by
        ``flush_alias_spans`` (after the document's claims, whose spans it may share)."""
        self.add_alias(entity_id, alias, key)
        self._alias_spans.append(
            {
                "entity_id": entity_id,
                "alias": alias,
                "document_id": doc_id,
                "start": start,
                "end": end,
                "text": text,
                "span_id": f"{doc_id}:{start}-{end}",
            }
        )

    def flush_alias_spans(self) -> None:
        self.flush_queued()  # the claims' spans first: an alias span may share one
        self.flush_aliases()
        if not self._alias_spans:
            return
        rows = self._alias_spans
        self._alias_spans = []
        span_rows = {
            r["span_id"]: {k: r[k] for k in ("document_id", "start", "end", "text")}
            | {"id": r["span_id"]}
            for r in rows
        }
        insert_rows(self.conn, spans, list(span_rows.values()), ignore_duplicates=True)
        insert_rows(
            self.conn, alias_spans,
            [{k: r[k] for k in ("entity_id", "alias", "span_id", "document_id")} for r in rows],
            ignore_duplicates=True,
        )
