"""Writing documents, their claims and spans, the links of untitled documents to films,
and the facts reconciled from the claims."""

from __future__ import annotations

from dataclasses import fields
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, delete, func, select, update

from backtrace.model import Claim, Document, Section
from backtrace.resolve.facts import FactRow
from backtrace.store import queries
from backtrace.store.schema import claims, documents, fact_claims, facts, spans
from backtrace.store.sql import Part, chunked, insert_rows

# a section's fields, all plain values: a section as the dict ``dataclasses.asdict`` gives,
# without its deep copy
_SECTION_FIELDS = tuple(f.name for f in fields(Section))


def _document_row(doc: Document, film_title: str | None, film_year: int | None,
                  film_id: int | None, seq: int) -> dict[str, Any]:
    return dict(
        id=doc.id,
        path=doc.path,
        kind=str(doc.kind),
        title=doc.title,
        title_explicit=doc.title_explicit,
        date=doc.date,
        text=doc.text,
        sections=[{f: getattr(s, f) for f in _SECTION_FIELDS} for s in doc.sections],
        sentences=[[s.start, s.end] for s in doc.sentences],
        source_format=doc.source_format,
        meta=doc.meta,
        film_title=film_title,
        film_year=film_year,
        film_id=film_id,
        ingested_at=datetime.now(UTC).isoformat(timespec="seconds"),
        seq=seq,
    )


def _claim_rows(
    doc_id: str, resolved: list[tuple[Claim, dict[str, Any]]]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(span rows, one per distinct span; claim rows) of a document's resolved claims."""
    span_rows: dict[str, dict[str, Any]] = {}
    claim_rows = []
    for n, (claim, link) in enumerate(resolved):
        span_id = f"{doc_id}:{claim.span.start}-{claim.span.end}"
        span_rows[span_id] = {
            "id": span_id,
            "document_id": doc_id,
            "start": claim.span.start,
            "end": claim.span.end,
            "text": claim.span.text,
        }
        claim_rows.append(
            {
                "id": f"{doc_id}:{n}",
                "document_id": doc_id,
                "span_id": span_id,
                "property": claim.property,
                "value": claim.value,
                "qualifiers": claim.qualifiers,
                "extractor": claim.extractor,
                "confidence": claim.confidence,
                **link,
            }
        )
    return list(span_rows.values()), claim_rows


def _fact_row(fact_id: int, film_id: int, row: FactRow) -> dict[str, Any]:
    return {
        "id": fact_id,
        "entity_id": film_id,
        "property": row.property,
        "value": row.value,
        "value_key": row.value_key,
        "qualifiers": row.qualifiers,
        "status": row.status,
        "believed": row.believed,
        "confidence": row.confidence,
        "reason": row.reason,
        "position": row.position,
        "override_id": row.override_id,
    }


class DocumentWriter(Part):
    """Documents, claims and facts written in one transaction; document sequence numbers
    and fact ids are counted on from the store's highest at first use.

    Documents, their spans and claims are queued (``add_document``, ``add_claims``) and
    written a table at a time, one statement for all the rows queued, by ``flush_queued``,
    which every read of documents or claims through the writer calls first: a transaction
    reads what it queued. ``discard_rows`` forgets the queue (a document given up)."""

    def __init__(self, conn: Connection) -> None:
        self._seq: int | None = None
        self._next_fact: int | None = None
        self._documents: list[dict[str, Any]] = []
        self._spans: list[dict[str, Any]] = []
        self._claims: list[dict[str, Any]] = []
        super().__init__(conn)

    def flush_queued(self) -> None:
        """Write the queued documents, then their spans, then their claims."""
        documents_, spans_, claims_ = self._documents, self._spans, self._claims
        if documents_ or spans_:
            self._documents, self._spans, self._claims = [], [], []
            insert_rows(self.conn, documents, documents_)
            insert_rows(self.conn, spans, spans_)
            insert_rows(self.conn, claims, claims_)
        super().flush_queued()

    def discard_rows(self) -> None:
        """Forget the documents, spans and claims queued and not written yet."""
        self._documents, self._spans, self._claims = [], [], []

    def stored_ids(self, doc_ids: list[str]) -> set[str]:
        """Which of these documents the store already holds."""
        self.flush_queued()
        return queries.stored_ids(self.conn, doc_ids)

    def drop_provisional_documents(self, doc_ids: list[str]) -> None:
        """Delete those of these documents a Dask worker wrote and nothing linked (``seq``
        0: an interrupted ``ingest --dask`` on PostgreSQL), with their claims and spans, so
        that a plain ingest stores them whole."""
        self.flush_queued()
        for chunk in chunked(doc_ids):
            mine = select(documents.c.id).where(documents.c.id.in_(chunk), documents.c.seq == 0)
            ids = list(self.conn.execute(mine).scalars())
            if ids:
                for table in (claims, spans, documents):
                    id_column = table.c.id if table is documents else table.c.document_id
                    self.conn.execute(delete(table).where(id_column.in_(ids)))

    def _next_seq(self) -> int:
        if self._seq is None:
            self._seq = self.conn.execute(
                select(func.coalesce(func.max(documents.c.seq), 0))
            ).scalar_one()
        self._seq += 1
        return self._seq

    def add_document(
        self, doc: Document, film_title: str | None, film_year: int | None, film_id: int | None
    ) -> None:
        """Queue a document (written by ``flush_queued``)."""
        self._documents.append(_document_row(doc, film_title, film_year, film_id,
                                             self._next_seq()))

    def add_claims(self, doc_id: str, resolved: list[tuple[Claim, dict[str, Any]]]) -> None:
        """Queue claims with their spans (written by ``flush_queued``, after their document);
        ``resolved`` pairs each claim with its link fields (subject_id, subject_mention,
        value_key, value_entity_id)."""
        span_rows, claim_rows = _claim_rows(doc_id, resolved)
        if span_rows:
            self._spans += span_rows
            self._claims += claim_rows

    def relink_claim(self, claim_id: str, entity_id: int, key: str) -> None:
        self.flush_queued()
        self.conn.execute(
            update(claims)
            .where(claims.c.id == claim_id)
            .values(value_entity_id=entity_id, value_key=key)
        )

    def unlinked_documents(self) -> list[tuple[str, str]]:
        """(id, text) of documents that do not name their film and are linked to none yet."""
        self.flush_queued()
        rows = self.conn.execute(
            select(documents.c.id, documents.c.text).where(
                documents.c.film_id.is_(None), documents.c.film_title.is_(None),
                documents.c.seq > 0,  # not another run's provisional documents
            )
        )
        return [(r.id, r.text) for r in rows]

    def link_document(self, doc_id: str, film_id: int) -> None:
        self.flush_queued()
        self.conn.execute(update(documents).where(documents.c.id == doc_id).values(film_id=film_id))
        self.conn.execute(
            update(claims)
            .where(claims.c.document_id == doc_id, claims.c.subject_mention.is_(None))
            .values(subject_id=film_id)
        )

    def replace_facts(self, by_film: dict[int, list[FactRow]]) -> None:
        """Replace the facts of these films (all of them in a few statements)."""
        self.flush_queued()
        for chunk in chunked(list(by_film)):
            old = select(facts.c.id).where(facts.c.entity_id.in_(chunk))
            self.conn.execute(delete(fact_claims).where(fact_claims.c.fact_id.in_(old)))
            self.conn.execute(delete(facts).where(facts.c.entity_id.in_(chunk)))
        if self._next_fact is None:
            self._next_fact = self.conn.execute(
                select(func.coalesce(func.max(facts.c.id), 0))
            ).scalar_one()
        fact_rows, link_rows = [], []
        for film_id, rows in by_film.items():
            for row in rows:
                self._next_fact += 1
                fact_rows.append(_fact_row(self._next_fact, film_id, row))
                link_rows.extend({"fact_id": self._next_fact, "claim_id": c} for c in row.claim_ids)
        insert_rows(self.conn, facts, fact_rows)
        insert_rows(self.conn, fact_claims, link_rows)
