"""Reading claims back inside a transaction: a film's claims for reconciliation, the
people and organisations they credit, the films some documents are about."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any, NamedTuple

from sqlalchemy import Select, bindparam, select

from backtrace.model import EntityType
from backtrace.resolve.facts import ClaimRow
from backtrace.store.schema import claims, documents, entities, spans
from backtrace.store.sql import Part, chunked, fetch

_KIND_RANK = {"encyclopedia": 0, "news": 1, "review": 2}


class FilmCredits(NamedTuple):
    """What the claims about a film credit, by name."""

    people: list[str]
    characters: list[str]
    organizations: list[str]
    roles: list[tuple[str, str]]  # (person, character)


def _claims_about(film_ids: Any) -> Select:
    """The claims about these films with what ``ClaimRow`` shows of their documents,
    value entities and spans."""
    return (
        select(
            claims.c.id,
            claims.c.subject_id,
            claims.c.property,
            claims.c.value,
            claims.c.value_key,
            claims.c.qualifiers,
            claims.c.confidence,
            claims.c.extractor,
            claims.c.document_id,
            documents.c.kind,
            documents.c.date,
            documents.c.path,
            entities.c.name.label("entity_name"),
            spans.c.start,
        )
        .join(documents, documents.c.id == claims.c.document_id)
        .join(spans, spans.c.id == claims.c.span_id)
        .outerjoin(entities, entities.c.id == claims.c.value_entity_id)
        .where(claims.c.subject_id.in_(film_ids))
    )


_CLAIMS_ABOUT = _claims_about(bindparam("ids", expanding=True))  # compiled once


def _source_order(r: Sequence[Any]) -> tuple[int, str, str, int, str, int]:
    """Best sources first, then by date, document and offset: not by ingest order, since
    the facts must not depend on the order documents came in. Claims of one place are
    taken by property, then in the order the document made them (``<document>:<n>``):
    the order SQLite reads them in, which no other database promises without being told."""
    claim_id, _, prop, _, _, _, _, _, doc_id, kind, date, _, _, start = r  # by position: fast
    number = claim_id.rpartition(":")[2]
    return (_KIND_RANK.get(kind, 3), date or "", doc_id, start, prop,
            int(number) if number.isdigit() else 0)


def _claim_row(r: Sequence[Any]) -> ClaimRow:
    """A row of ``_claims_about`` (read by position: thousands a chunk) as reconciliation
    sees it."""
    claim_id, _, prop, value, key, quals, confidence, extractor, doc_id, kind, date, path, \
        name, _ = r
    return ClaimRow(claim_id, prop, value, key, quals or {}, confidence, doc_id, kind, date,
                    name, path.replace("\\", "/").rsplit("/", 1)[-1], extractor)


class ClaimReader(Part):
    """The claims a transaction reads back (they may be its own, not yet committed: the
    rows it queued are written first, ``flush_queued``)."""

    def claim_rows(self, film_ids: list[int]) -> dict[int, list[ClaimRow]]:
        """Every claim about these films, best sources first, in document order."""
        self.flush_queued()
        out: dict[int, list[ClaimRow]] = defaultdict(list)
        for chunk in chunked(film_ids):
            rows = fetch(self.conn, _CLAIMS_ABOUT, {"ids": list(chunk)})
            rows.sort(key=_source_order)
            for r in rows:
                out[r[1]].append(_claim_row(r))  # r[1]: the claim's subject
        return out

    def film_credits(self, film_id: int, other_than: str | None = None) -> FilmCredits:
        """The people, characters, organisations and (person, character) roles other claims
        link to a film, in one query; ``other_than`` leaves out one document's own claims."""
        query = (
            select(entities.c.type, entities.c.name, claims.c.qualifiers)
            .join(claims, claims.c.value_entity_id == entities.c.id)
            .where(
                claims.c.subject_id == film_id,
                entities.c.type.in_((EntityType.PERSON, EntityType.ORGANIZATION)),
            )
        )
        if other_than is not None:
            query = query.where(claims.c.document_id != other_than)
        self.flush_queued()
        people: dict[str, None] = {}
        characters: dict[str, None] = {}
        orgs: dict[str, None] = {}
        roles: dict[tuple[str, str], None] = {}
        for r in self.conn.execute(query):
            if r.type == EntityType.ORGANIZATION:
                orgs[r.name] = None
                continue
            people[r.name] = None
            if character := (r.qualifiers or {}).get("character"):
                characters[character] = None
                roles[(r.name, character)] = None
        return FilmCredits(list(people), list(characters), list(orgs), list(roles))

    def film_people(self, film_id: int) -> tuple[list[str], list[str]]:
        """(names of the people, names of the characters) claims credit on a film."""
        credits = self.film_credits(film_id)
        return credits.people, credits.characters

    def entity_claims(self, doc_id: str) -> list[tuple[str, str, Any, dict[str, Any]]]:
        """(claim id, property, value, qualifiers) of a document's claims whose value is an
        entity."""
        self.flush_queued()
        rows = self.conn.execute(
            select(claims.c.id, claims.c.property, claims.c.value, claims.c.qualifiers).where(
                claims.c.document_id == doc_id, claims.c.value_entity_id.is_not(None)
            )
        )
        return [(r.id, r.property, r.value, r.qualifiers or {}) for r in rows]

    def films_among(self, ids: set[int]) -> set[int]:
        """Which of these entities are films (not series, books or other works)."""
        out: set[int] = set()
        for chunk in chunked(sorted(ids)):
            out.update(self.conn.execute(select(entities.c.id).where(
                entities.c.id.in_(chunk), entities.c.type == EntityType.FILM
            )).scalars())
        return out

    def films_of_documents(self, doc_ids: list[str]) -> set[int]:
        """The films some claim of these documents is about."""
        self.flush_queued()
        out: set[int] = set()
        for chunk in chunked(doc_ids):
            rows = self.conn.execute(
                select(claims.c.subject_id)
                .where(claims.c.document_id.in_(chunk), claims.c.subject_id.is_not(None))
                .distinct()
            )
            out.update(r.subject_id for r in rows)
        return out
