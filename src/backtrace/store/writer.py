"""Writing to the store inside one transaction. Every value is a bound parameter."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any, NamedTuple

from sqlalchemy import Connection, bindparam, delete, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite

from backtrace.keys import name_key
from backtrace.model import Claim, Document, EntityType
from backtrace.resolve.facts import ClaimRow, FactRow, Override
from backtrace.resolve.identity import Merge, PersonUnit, block_key
from backtrace.resolve.link import Work, WorkEvidence, page_key
from backtrace.store import queries
from backtrace.store.schema import (
    alias_spans,
    aliases,
    claims,
    documents,
    entities,
    fact_claims,
    facts,
    overrides,
    spans,
)

# Statements built once: building a statement costs more than running it on SQLite.
_FIND_ENTITY = (
    select(entities.c.id, entities.c.year)
    .where(entities.c.type == bindparam("type"), entities.c.key == bindparam("key"))
    .order_by(entities.c.id)
)
# a person merged into another: the entity that took its name (resolve.identity)
_FIND_MERGED = (
    select(entities.c.id, entities.c.year)
    .join(aliases, aliases.c.entity_id == entities.c.id)
    .where(aliases.c.key == bindparam("key"), aliases.c.reason.is_not(None),
           entities.c.type == EntityType.PERSON)
    .distinct()
    .limit(2)
)
_CREATE_ENTITY = insert(entities)
_SET_YEAR = (
    update(entities)
    .where(entities.c.id == bindparam("eid"))
    .values(year=bindparam("y"), key=bindparam("k"))
)
# works of one title: "carmen", and "carmen #2", "carmen #3"... for more of one year. One
# range of the key index, ["carmen", "carmen #~"]: a key (name_key: word characters and
# single spaces) in it is the title itself or one of its senses
_FIND_WORKS = (
    select(entities.c.id, entities.c.year, entities.c.key)
    .where(entities.c.key >= bindparam("key"), entities.c.key <= bindparam("hi"),
           entities.c.type == bindparam("type"))
    .order_by(entities.c.id)
)
_INSERT_DOCUMENT = insert(documents)
_INSERT_FACT = insert(facts)
_INSERT_FACT_CLAIM = insert(fact_claims)


def _insert_ignoring_duplicates(conn: Connection, table):  # noqa: ANN202
    """INSERT that skips rows violating a unique constraint, in this connection's dialect."""
    if conn.dialect.name == "postgresql":
        return postgresql.insert(table).on_conflict_do_nothing()
    return sqlite.insert(table).on_conflict_do_nothing()


class FilmCredits(NamedTuple):
    """What the claims about a film credit, by name."""

    people: list[str]
    characters: list[str]
    organizations: list[str]
    roles: list[tuple[str, str]]  # (person, character)


class Writer:
    """One transaction's view of the store; implements ``resolve.link.EntityIndex``."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self._seq: int | None = None
        self._next_fact: int | None = None
        self._aliases: list[dict[str, Any]] = []
        self._insert_alias = _insert_ignoring_duplicates(conn, aliases)
        self._alias_spans: list[dict[str, Any]] = []
        self._insert_span = _insert_ignoring_duplicates(conn, spans)
        self._insert_alias_span = _insert_ignoring_duplicates(conn, alias_spans)

    # -- entities ---------------------------------------------------------------------
    def find_entities(self, type: str, key: str) -> list[tuple[int, int]]:
        """(id, year) of the entities with this key; for a person whose entity was merged
        into another (``merge_people``), the one it was merged into."""
        rows = self.conn.execute(_FIND_ENTITY, {"type": str(type), "key": key}).all()
        if not rows and type == EntityType.PERSON:
            rows = self.conn.execute(_FIND_MERGED, {"key": key}).all()
            rows = rows if len(rows) == 1 else []
        return [(r.id, r.year) for r in rows]

    # -- person identity across the store (resolve.identity) ------------------------------
    def person_units(self, blocks: set[str] | None) -> dict[str, list[PersonUnit]]:
        """The stored people of these blocks (all when None), with their full-name aliases
        and how many claims credit each."""
        rows = self.conn.execute(
            select(entities.c.id, entities.c.name, entities.c.key).where(
                entities.c.type == EntityType.PERSON)
        ).all()
        units: dict[int, PersonUnit] = {}
        by_block: dict[str, list[PersonUnit]] = defaultdict(list)
        for r in rows:
            block = block_key(r.key)
            if block and (blocks is None or block in blocks):
                units[r.id] = PersonUnit(r.id, r.name)
                by_block[block].append(units[r.id])
        ids = list(units)
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            films: dict[int, set[int]] = defaultdict(set)
            roles: dict[int, Counter[str]] = defaultdict(Counter)
            years: dict[int, list[int]] = defaultdict(list)
            work = entities.alias("work")
            for r in self.conn.execute(
                select(claims.c.value_entity_id, claims.c.subject_id, claims.c.property,
                       func.count(), work.c.year)
                .outerjoin(work, work.c.id == claims.c.subject_id)
                .where(claims.c.value_entity_id.in_(chunk))
                .group_by(claims.c.value_entity_id, claims.c.subject_id, claims.c.property,
                          work.c.year)
            ):
                units[r[0]].credits += r[3]
                roles[r[0]][r[2]] += r[3]
                if r[1] is not None:
                    films[r[0]].add(r[1])
                if r[4]:
                    years[r[0]].append(r[4])
            for uid, found_years in years.items():
                units[uid].years = (min(found_years), max(found_years))
            for uid, found_films in films.items():
                units[uid].films = frozenset(found_films)
            for uid, counted in roles.items():  # its main roles: a third of its credits
                total = sum(counted.values())
                units[uid].trades = frozenset(p for p, n in counted.items() if 3 * n >= total)
            names: dict[int, set[str]] = defaultdict(set)
            for r in self.conn.execute(  # names a document read as this person's
                select(aliases.c.entity_id, aliases.c.alias).where(aliases.c.entity_id.in_(chunk))
            ):
                if " " in r.alias.strip() and r.alias != units[r.entity_id].name:
                    names[r.entity_id].add(r.alias)
            for uid, found in names.items():
                units[uid].aliases = frozenset(found)
        return {b: us for b, us in by_block.items() if len(us) > 1}

    def stage_name_merges(self) -> list[Merge]:
        """People stored under a stage name that one other person's full name gives in
        quotes ("50 Cent" and 'Curtis "50 Cent" Jackson'): a merge into the full name."""
        owners: dict[str, set[int]] = defaultdict(set)
        for r in self.conn.execute(
            select(aliases.c.key, aliases.c.entity_id).where(aliases.c.reason == "stage")
        ):
            owners[r.key].add(r.entity_id)
        merges = []
        for key, owner in owners.items():
            if len(owner) != 1:
                continue
            (keep,) = owner
            for (drop,) in self.conn.execute(
                select(entities.c.id).where(entities.c.type == EntityType.PERSON,
                                            entities.c.key == key, entities.c.id != keep)
            ):
                merges.append(Merge(keep, drop, "stage"))
        return merges

    def _move(self, table: Any, insert_rows: Any, m: Merge, reason: str | None = None) -> None:
        """Give the rows of ``table`` (aliases, alias spans) of ``m.drop`` to ``m.keep``; a
        row the kept entity has already is dropped; ``reason`` fills an empty reason."""
        rows = [r._asdict() for r in self.conn.execute(
            select(table).where(table.c.entity_id == m.drop))]
        if rows:
            for r in rows:
                r["entity_id"] = m.keep
                if "reason" in r:
                    r["reason"] = r["reason"] or reason
            self.conn.execute(insert_rows, rows)
        self.conn.execute(delete(table).where(table.c.entity_id == m.drop))

    def merge_people(self, merges: list[Merge], names: dict[int, str]) -> set[int]:
        """Make each ``drop`` person its ``keep``: claims, aliases (with the rule's reason)
        and alias spans move over, the entity goes; ``names`` renames the kept ones.
        Returns the films whose facts name a moved person."""
        films: set[int] = set()
        for m in merges:
            films.update(self.conn.execute(
                select(claims.c.subject_id).where(
                    claims.c.value_entity_id == m.drop, claims.c.subject_id.is_not(None)
                ).distinct()).scalars())
            self.conn.execute(
                update(claims).where(claims.c.value_entity_id == m.drop)
                .values(value_entity_id=m.keep, value_key=f"e:{m.keep}"))
            self._move(aliases, self._insert_alias, m, reason=m.rule)
            self._move(alias_spans, self._insert_alias_span, m)
            self.conn.execute(delete(entities).where(entities.c.id == m.drop))
        for eid, name in names.items():
            self.conn.execute(update(entities).where(entities.c.id == eid).values(name=name))
        return films

    def find_works(self, type: str, key: str) -> list[Work]:
        rows = self.conn.execute(_FIND_WORKS, {"type": str(type), "key": key, "hi": f"{key} #~"})
        return [Work(r.id, r.year, r.key) for r in rows
                if r.key == key or r.key.startswith(f"{key} #")]

    def work_evidence(self, work_id: int) -> WorkEvidence:
        """The pages of the work's primary documents and the directors credited on it."""
        metas = self.conn.execute(
            select(documents.c.meta).where(
                documents.c.film_id == work_id, documents.c.film_title.is_not(None)
            )
        ).scalars().all()
        directors = self.conn.execute(
            select(entities.c.name)
            .join(claims, claims.c.value_entity_id == entities.c.id)
            .where(claims.c.subject_id == work_id, claims.c.property == "director")
            .distinct()
        ).scalars().all()
        urls = [(m or {}).get("url") for m in metas]
        pages = frozenset(page_key(u) for u in urls if isinstance(u, str)) - {""}
        return WorkEvidence(pages, frozenset(map(name_key, directors)), primary=bool(metas))

    def create_entity(self, type: str, name: str, key: str, year: int) -> int:
        result = self.conn.execute(
            _CREATE_ENTITY, {"type": str(type), "name": name, "key": key, "year": year}
        )
        return int(result.inserted_primary_key[0])

    def add_alias(self, entity_id: int, alias: str, key: str, reason: str | None = None) -> None:
        """Queue an alias; ``flush_aliases`` writes the queue (an alias already known is kept)."""
        self._aliases.append({"entity_id": entity_id, "alias": alias, "key": key,
                              "reason": reason})

    def flush_aliases(self) -> None:
        if self._aliases:
            self.conn.execute(self._insert_alias, self._aliases)
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
        self.conn.execute(self._insert_span, list(span_rows.values()))
        self.conn.execute(
            self._insert_alias_span,
            [{k: r[k] for k in ("entity_id", "alias", "span_id", "document_id")} for r in rows],
        )

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
        rows = self.conn.execute(
            select(claims.c.id, claims.c.property, claims.c.value, claims.c.qualifiers).where(
                claims.c.document_id == doc_id, claims.c.value_entity_id.is_not(None)
            )
        )
        return [(r.id, r.property, r.value, r.qualifiers or {}) for r in rows]

    def relink_claim(self, claim_id: str, entity_id: int, key: str) -> None:
        self.conn.execute(
            update(claims)
            .where(claims.c.id == claim_id)
            .values(value_entity_id=entity_id, value_key=key)
        )

    def credited(self, film_ids: list[int], person_id: int) -> list[int]:
        """Which of these films some claim credits ``person_id`` on."""
        rows = self.conn.execute(
            select(claims.c.subject_id)
            .where(claims.c.subject_id.in_(film_ids), claims.c.value_entity_id == person_id)
            .distinct()
        )
        return [r.subject_id for r in rows]

    def set_entity_type(self, entity_id: int, type: str) -> None:
        self.conn.execute(update(entities).where(entities.c.id == entity_id).values(type=str(type)))

    def set_entity_year(self, entity_id: int, year: int, key: str) -> None:
        self.conn.execute(_SET_YEAR, {"eid": entity_id, "y": year, "k": key})

    def film_keys(self) -> dict[str, int]:
        """Every known title and alias key -> film id, of the films some document is about
        (not those only named in passing)."""
        with_documents = select(documents.c.film_id).where(documents.c.film_id.is_not(None))
        rows = self.conn.execute(
            select(aliases.c.key, aliases.c.entity_id)
            .join(entities, entities.c.id == aliases.c.entity_id)
            .where(entities.c.type == EntityType.FILM, entities.c.id.in_(with_documents))
            .order_by(aliases.c.entity_id)
        )
        return {r.key: r.entity_id for r in rows}

    # -- documents and claims -----------------------------------------------------------
    def stored_ids(self, doc_ids: list[str]) -> set[str]:
        """Which of these documents the store already holds."""
        return queries.stored_ids(self.conn, doc_ids)

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
        self.conn.execute(
            _INSERT_DOCUMENT,
            dict(
                id=doc.id,
                path=doc.path,
                kind=str(doc.kind),
                title=doc.title,
                title_explicit=doc.title_explicit,
                date=doc.date,
                text=doc.text,
                sections=[asdict(s) for s in doc.sections],
                sentences=[[s.start, s.end] for s in doc.sentences],
                source_format=doc.source_format,
                meta=doc.meta,
                film_title=film_title,
                film_year=film_year,
                film_id=film_id,
                ingested_at=datetime.now(UTC).isoformat(timespec="seconds"),
                seq=self._next_seq(),
            ),
        )

    def add_claims(self, doc_id: str, resolved: list[tuple[Claim, dict[str, Any]]]) -> None:
        """Store claims with their spans; ``resolved`` pairs each claim with its link fields
        (subject_id, subject_mention, value_key, value_entity_id)."""
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
        if span_rows:
            self.conn.execute(insert(spans), list(span_rows.values()))
            self.conn.execute(insert(claims), claim_rows)

    def unlinked_documents(self) -> list[tuple[str, str]]:
        """(id, text) of documents that do not name their film and are linked to none yet."""
        rows = self.conn.execute(
            select(documents.c.id, documents.c.text).where(
                documents.c.film_id.is_(None), documents.c.film_title.is_(None)
            )
        )
        return [(r.id, r.text) for r in rows]

    def link_document(self, doc_id: str, film_id: int) -> None:
        self.conn.execute(update(documents).where(documents.c.id == doc_id).values(film_id=film_id))
        self.conn.execute(
            update(claims)
            .where(claims.c.document_id == doc_id, claims.c.subject_mention.is_(None))
            .values(subject_id=film_id)
        )

    # -- facts --------------------------------------------------------------------------
    def claim_rows(self, film_ids: list[int]) -> dict[int, list[ClaimRow]]:
        """Every claim about these films, best sources first, in document order."""
        out: dict[int, list[ClaimRow]] = defaultdict(list)
        for i in range(0, len(film_ids), 500):
            chunk = film_ids[i : i + 500]
            rows = self.conn.execute(
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
                .where(claims.c.subject_id.in_(chunk))
            ).all()
            kind_rank = {"encyclopedia": 0, "news": 1, "review": 2}
            # not by ingest order: the facts must not depend on the order documents came in
            rows.sort(
                key=lambda r: (kind_rank.get(r.kind, 3), r.date or "", r.document_id, r.start)
            )
            for r in rows:
                out[r.subject_id].append(
                    ClaimRow(
                        id=r.id,
                        property=r.property,
                        value=r.value,
                        value_key=r.value_key,
                        qualifiers=r.qualifiers or {},
                        confidence=r.confidence,
                        document_id=r.document_id,
                        document_kind=r.kind,
                        document_date=r.date,
                        display=r.entity_name,
                        document_name=r.path.replace("\\", "/").rsplit("/", 1)[-1],
                        extractor=r.extractor,
                    )
                )
        return out

    def replace_facts(self, by_film: dict[int, list[FactRow]]) -> None:
        """Replace the facts of these films (all of them in a few statements)."""
        film_ids = list(by_film)
        for i in range(0, len(film_ids), 500):
            chunk = film_ids[i : i + 500]
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
                fact_rows.append(
                    {
                        "id": self._next_fact,
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
                )
                link_rows.extend({"fact_id": self._next_fact, "claim_id": c} for c in row.claim_ids)
        if fact_rows:
            self.conn.execute(_INSERT_FACT, fact_rows)
        if link_rows:
            self.conn.execute(_INSERT_FACT_CLAIM, link_rows)

    def films_among(self, ids: set[int]) -> set[int]:
        """Which of these entities are films (not series, books or other works)."""
        out: set[int] = set()
        listed = sorted(ids)
        for i in range(0, len(listed), 500):
            out.update(self.conn.execute(select(entities.c.id).where(
                entities.c.id.in_(listed[i : i + 500]), entities.c.type == EntityType.FILM
            )).scalars())
        return out

    def films_of_documents(self, doc_ids: list[str]) -> set[int]:
        out: set[int] = set()
        for i in range(0, len(doc_ids), 500):
            chunk = doc_ids[i : i + 500]
            rows = self.conn.execute(
                select(claims.c.subject_id)
                .where(claims.c.document_id.in_(chunk), claims.c.subject_id.is_not(None))
                .distinct()
            )
            out.update(r.subject_id for r in rows)
        return out

    # -- curator overrides -----------------------------------------------------------------
    def active_overrides(self, film_ids: list[int]) -> dict[int, list[Override]]:
        """The overrides of these films that have not been undone, oldest first."""
        out: dict[int, list[Override]] = defaultdict(list)
        for i in range(0, len(film_ids), 500):
            chunk = film_ids[i : i + 500]
            rows = self.conn.execute(
                select(overrides)
                .where(overrides.c.entity_id.in_(chunk), overrides.c.undone_at.is_(None))
                .order_by(overrides.c.created_at, overrides.c.id)
            )
            for r in rows:
                out[r.entity_id].append(
                    Override(r.id, r.property, r.value, r.qualifiers or {}, r.reason, r.created_at)
                )
        return out

    def add_override(
        self, film_id: int, prop: str, value: Any, qualifiers: dict[str, Any], reason: str
    ) -> int:
        result = self.conn.execute(
            insert(overrides).values(
                entity_id=film_id,
                property=prop,
                value=value,
                qualifiers=qualifiers,
                reason=reason,
                created_at=datetime.now(UTC).isoformat(timespec="microseconds"),
            )
        )
        return int(result.inserted_primary_key[0])

    def undo_overrides(self, ids: list[int]) -> None:
        if ids:
            self.conn.execute(
                update(overrides)
                .where(overrides.c.id.in_(ids), overrides.c.undone_at.is_(None))
                .values(undone_at=datetime.now(UTC).isoformat(timespec="microseconds"))
            )
