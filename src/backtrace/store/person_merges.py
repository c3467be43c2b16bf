"""Person identity across the store (``resolve.identity``): the stored people of a name
block with what they are credited on, and the merges that make two of them one."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Table, Text, cast, delete, func, select, update

from backtrace.keys import name_key
from backtrace.model import EntityType
from backtrace.people import strip_nickname
from backtrace.resolve.identity import Merge, PersonUnit, block_key, display_name
from backtrace.store.schema import (
    alias_spans,
    aliases,
    claims,
    entities,
    facts,
    overrides,
    reviews,
)
from backtrace.store.sql import Part, chunked, insert_ignoring_duplicates


class PersonMerges(Part):
    """Reads the people ``resolve.identity`` compares and applies its merges."""

    def person_units(self, blocks: set[str] | None) -> dict[str, list[PersonUnit]]:
        """The stored people of these blocks (all when None), with their full-name aliases
        and how many claims credit each; a block of one person too (its name is settled,
        ``settle_person_names``)."""
        units, by_block = self._units_of_blocks(blocks)
        for chunk in chunked(list(units)):
            self._add_credits(units, chunk)
            self._add_full_names(units, chunk)
        return dict(by_block)

    def _units_of_blocks(
        self, blocks: set[str] | None
    ) -> tuple[dict[int, PersonUnit], dict[str, list[PersonUnit]]]:
        """Every stored person of these blocks (all when None), by id and by block."""
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
        return units, by_block

    def _add_credits(self, units: dict[int, PersonUnit], chunk: Sequence[int]) -> None:
        """Count the claims crediting these people; note their films, the years of those
        films and their main roles (a third of their credits or more)."""
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

    def _add_full_names(self, units: dict[int, PersonUnit], chunk: Sequence[int]) -> None:
        """Give these people the full names (with a space) documents read as theirs."""
        names: dict[int, set[str]] = defaultdict(set)
        for r in self.conn.execute(  # names a document read as this person's
            select(aliases.c.entity_id, aliases.c.alias).where(aliases.c.entity_id.in_(chunk))
        ):
            if " " in r.alias.strip() and r.alias != units[r.entity_id].name:
                names[r.entity_id].add(r.alias)
        for uid, found in names.items():
            units[uid].aliases = frozenset(found)

    def stage_name_merges(self) -> list[Merge]:
        """People stored under a name that one other person is given by a source, across
        blocks: a stage name in quotes ("50 Cent" and 'Curtis "50 Cent" Jackson'), a name
        a film credited them under ("Rita Casco"): a merge into that person."""
        owners: dict[tuple[str, str], set[int]] = defaultdict(set)
        for r in self.conn.execute(
            select(aliases.c.key, aliases.c.reason, aliases.c.entity_id)
            .where(aliases.c.reason.in_(("stage", "credited")))
        ):
            owners[(r.key, r.reason)].add(r.entity_id)
        merges = []
        for (key, rule), owner in sorted(owners.items()):
            if len(owner) != 1:
                continue
            (keep,) = owner
            for (drop,) in self.conn.execute(
                select(entities.c.id).where(entities.c.type == EntityType.PERSON,
                                            entities.c.key == key, entities.c.id != keep)
                .order_by(entities.c.id)
            ):
                merges.append(Merge(keep, drop, rule))
        return merges

    def _move(self, table: Table, m: Merge, reason: str | None = None) -> None:
        """Give the rows of ``table`` (aliases, alias spans) of ``m.drop`` to ``m.keep``; a
        row the kept entity has already is dropped; ``reason`` fills an empty reason."""
        rows: list[dict[str, Any]] = [r._asdict() for r in self.conn.execute(
            select(table).where(table.c.entity_id == m.drop))]
        if rows:
            for r in rows:
                r["entity_id"] = m.keep
                if "reason" in r:
                    r["reason"] = r["reason"] or reason
            self.conn.execute(insert_ignoring_duplicates(self.conn, table), rows)
        self.conn.execute(delete(table).where(table.c.entity_id == m.drop))

    def settle_person_names(self, ids: set[int]) -> set[int]:
        """Show each of these people by ``resolve.identity.display_name`` of the forms the
        claims credit them under, their quoted nicknames left out as the resolver leaves
        them ('Roscoe "Fatty" Arbuckle' is Roscoe Arbuckle); their stored name counts too,
        with no credit. The name a person is shown by then depends on what the store
        holds, not on when merges happened. Returns the films whose facts name a renamed
        person."""
        films: set[int] = set()
        for chunk in chunked(sorted(ids)):
            renamed = self._name_forms(chunk)
            for eid, name in renamed.items():
                self.conn.execute(update(entities).where(entities.c.id == eid).values(name=name))
            if renamed:
                self.conn.execute(insert_ignoring_duplicates(self.conn, aliases), [
                    {"entity_id": eid, "alias": name, "key": name_key(name), "reason": None}
                    for eid, name in renamed.items()])
                films.update(self.conn.execute(
                    select(claims.c.subject_id).where(
                        claims.c.value_entity_id.in_(list(renamed)),
                        claims.c.subject_id.is_not(None)).distinct()).scalars())
        return films

    def _name_forms(self, chunk: Sequence[int]) -> dict[int, str]:
        """The people of ``chunk`` whose shown name is not their stored one: id -> name. A
        stage name stays an alias ("50 Cent" of Curtis Jackson), however often credited."""
        forms: dict[int, Counter[str]] = defaultdict(Counter)
        current = dict(self.conn.execute(
            select(entities.c.id, entities.c.name).where(entities.c.id.in_(chunk))).tuples().all())
        for eid, name in current.items():
            forms[eid][name] += 0
        stage = set(self.conn.execute(
            select(aliases.c.entity_id, aliases.c.key).where(
                aliases.c.entity_id.in_(chunk), aliases.c.reason == "stage")).tuples().all())
        written = cast(claims.c.value, Text)  # counted by the database, each form once
        for eid, value, n in self.conn.execute(
            select(claims.c.value_entity_id, written, func.count())
            .where(claims.c.value_entity_id.in_(chunk))
            .group_by(claims.c.value_entity_id, written)
        ):
            value = json.loads(value) if value else None
            form = strip_nickname(value)[0].strip() if isinstance(value, str) else ""
            if form and (eid, name_key(form)) not in stage:
                forms[eid][form] += n  # as the resolver names it
        shown = {eid: display_name(counted) for eid, counted in forms.items()}
        return {eid: name for eid, name in shown.items() if name != current.get(eid)}

    def drop_unused_people(self) -> int:
        """Delete the people nothing points at any more, and their aliases: no claim credits
        them, no text's mention is theirs, no fact or curator's decision is about them, no
        review is theirs.
        ("Kearney", stored while a news item was read before its film's article, whose
        claims then went to Siobhan Kearney.) Whether one is left must not depend on the
        order documents came in. Returns how many went."""
        used = [select(claims.c.value_entity_id).where(claims.c.value_entity_id.is_not(None)),
                select(claims.c.subject_id).where(claims.c.subject_id.is_not(None)),
                select(alias_spans.c.entity_id), select(facts.c.entity_id),
                select(overrides.c.entity_id),
                select(reviews.c.critic_id).where(reviews.c.critic_id.is_not(None))]
        unused = select(entities.c.id).where(
            entities.c.type == EntityType.PERSON, *(entities.c.id.not_in(u) for u in used))
        ids = list(self.conn.execute(unused).scalars())
        for chunk in chunked(ids):
            self.conn.execute(delete(aliases).where(aliases.c.entity_id.in_(chunk)))
            self.conn.execute(delete(entities).where(entities.c.id.in_(chunk)))
        return len(ids)

    def merge_people(self, merges: list[Merge]) -> set[int]:
        """Make each ``drop`` person its ``keep``: claims, aliases (with the rule's reason)
        and alias spans move over, the entity goes (``settle_person_names`` then names the
        kept ones). Returns the films whose facts name a moved person."""
        films: set[int] = set()
        for m in merges:
            films.update(self.conn.execute(
                select(claims.c.subject_id).where(
                    claims.c.value_entity_id == m.drop, claims.c.subject_id.is_not(None)
                ).distinct()).scalars())
            self.conn.execute(
                update(claims).where(claims.c.value_entity_id == m.drop)
                .values(value_entity_id=m.keep, value_key=f"e:{m.keep}"))
            self._move(aliases, m, reason=m.rule)
            self._move(alias_spans, m)
            self.conn.execute(update(reviews).where(reviews.c.critic_id == m.drop)
                              .values(critic_id=m.keep))  # the reviews they wrote
            self.conn.execute(delete(entities).where(entities.c.id == m.drop))
        return films
