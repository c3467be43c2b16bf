"""Person identity across the store (``resolve.identity``): the stored people of a name
block with what they are credited on, and the merges that make two of them one."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import Table, Text, bindparam, cast, delete, func, insert, select, update

from backtrace.keys import name_key
from backtrace.model import EntityType
from backtrace.people import strip_nickname
from backtrace.resolve.identity import (
    JOINED_ON_EVIDENCE,
    Merge,
    PersonUnit,
    block_key,
    display_name,
    link_reason,
    parse_name,
    stray_forms,
)
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


@dataclass(slots=True)
class _Career:
    """What the claims crediting one name say of a career: how many, the films, the years
    of those films, the roles (the main ones: a third of the credits or more)."""

    credits: int = 0
    films: set[int] = field(default_factory=set)
    roles: Counter[str] = field(default_factory=Counter)
    years: list[int] = field(default_factory=list)

    def add(self, film: int | None, role: str, n: int, year: int | None) -> None:
        self.credits += n
        self.roles[role] += n
        if film is not None:
            self.films.add(film)
        if year:
            self.years.append(year)

    def give(self, unit: PersonUnit) -> None:
        unit.credits = self.credits
        unit.films = frozenset(self.films)
        unit.years = (min(self.years), max(self.years)) if self.years else None
        total = sum(self.roles.values())
        unit.trades = frozenset(p for p, n in self.roles.items() if 3 * n >= total)


def _career(written: list[tuple[str, int | None, str, int | None]]) -> _Career:
    career = _Career()
    for _, film, role, year in written:
        career.add(film, role, 1, year)
    return career


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
        careers: dict[int, _Career] = defaultdict(_Career)
        work = entities.alias("work")
        for r in self.conn.execute(
            select(claims.c.value_entity_id, claims.c.subject_id, claims.c.property,
                   func.count(), work.c.year)
            .outerjoin(work, work.c.id == claims.c.subject_id)
            .where(claims.c.value_entity_id.in_(chunk))
            .group_by(claims.c.value_entity_id, claims.c.subject_id, claims.c.property,
                      work.c.year)
        ):
            careers[r[0]].add(r[1], r[2], r[3], r[4])
        for uid, career in careers.items():
            career.give(units[uid])

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

    def split_stray_forms(
        self, people: dict[str, list[PersonUnit]]
    ) -> tuple[set[int], set[str]]:
        """Give back their own person the forms of a name merged into a person that
        ``resolve.identity.stray_forms`` would not join to it now (a merge made before the
        block held the person the form also fits), with the claims that write them. Returns
        the films whose facts name a moved claim, and the blocks where a form went."""
        owners = {u.id: u for units in people.values() for u in units}
        forms = self._merged_forms(owners)
        if not forms:
            return set(), set()
        written = self._claims_by_form(forms)
        films: set[int] = set()
        blocks: set[str] = set()
        for block, units in people.items():
            core, loose, moved = self._form_units(units, forms, written)
            for form in stray_forms(core, loose) if loose else ():
                owner, key = moved[form.id]
                films |= self._split_off(owner, form.name, key, written[owner][key])
                blocks.add(block)
        return films, blocks

    def _merged_forms(self, owners: dict[int, PersonUnit]) -> dict[int, dict[str, str]]:
        """Per person: the forms of their name another person brought in by a rule that
        needs evidence (``JOINED_ON_EVIDENCE``), key -> the form as written: a name with
        given names or initials, or a surname alone ("Mrs. Hickman") by the surname rule."""
        found: dict[int, dict[str, str]] = defaultdict(dict)
        for chunk in chunked(sorted(owners)):
            for eid, alias, key, rule in self.conn.execute(
                select(aliases.c.entity_id, aliases.c.alias, aliases.c.key, aliases.c.reason)
                .where(aliases.c.entity_id.in_(chunk),
                       aliases.c.reason.in_(sorted(JOINED_ON_EVIDENCE)))
                .order_by(aliases.c.entity_id, aliases.c.alias)
            ):
                parsed = parse_name(alias)
                if parsed and key != name_key(owners[eid].name) and (
                        not parsed.given if rule == "surname" else bool(parsed.given)):
                    found[eid].setdefault(key, alias)
        return dict(found)

    def _claims_by_form(
        self, forms: dict[int, dict[str, str]]
    ) -> dict[int, dict[str, list[tuple[str, int | None, str, int | None]]]]:
        """The claims crediting these people, by the key of the form each writes ("" for
        one of none of ``forms``): (claim id, film, role, the film's year)."""
        out: dict[int, dict[str, list[tuple[str, int | None, str, int | None]]]] = {}
        work = entities.alias("work")
        for chunk in chunked(sorted(forms)):
            for cid, eid, value, film, role, year in self.conn.execute(
                select(claims.c.id, claims.c.value_entity_id, cast(claims.c.value, Text),
                       claims.c.subject_id, claims.c.property, work.c.year)
                .outerjoin(work, work.c.id == claims.c.subject_id)
                .where(claims.c.value_entity_id.in_(chunk))
            ):
                value = json.loads(value) if value else None
                key = name_key(strip_nickname(value)[0]) if isinstance(value, str) else ""
                key = key if key in forms[eid] else ""
                out.setdefault(eid, {}).setdefault(key, []).append((cid, film, role, year))
        return out

    @staticmethod
    def _form_units(
        units: list[PersonUnit], forms: dict[int, dict[str, str]],
        written: dict[int, dict[str, list[tuple[str, int | None, str, int | None]]]],
    ) -> tuple[list[PersonUnit], list[tuple[int, PersonUnit]], dict[int, tuple[int, str]]]:
        """A block's people, each without its merged forms, and those forms as units of
        their own (ids below zero, each with its owner and key)."""
        core: list[PersonUnit] = []
        loose: list[tuple[int, PersonUnit]] = []
        moved: dict[int, tuple[int, str]] = {}
        for unit in units:
            by_form = written.get(unit.id, {})
            keys = [k for k in forms.get(unit.id, {}) if by_form.get(k)]
            if not keys:
                core.append(unit)
                continue
            for key in keys:
                form = PersonUnit(-1 - len(moved), forms[unit.id][key])
                _career(by_form[key]).give(form)
                loose.append((unit.id, form))
                moved[form.id] = (unit.id, key)
            rest = replace(unit, aliases=frozenset(a for a in unit.aliases
                                                   if name_key(a) not in keys))
            _career(by_form.get("", [])).give(rest)
            core.append(rest)
        return core, loose, moved

    def _split_off(self, owner: int, form: str, key: str,
                   written: list[tuple[str, int | None, str, int | None]]) -> set[int]:
        """A person of their own for ``form``, taking from ``owner`` the claims that write
        it, its aliases and where it was read. Returns the films of those claims."""
        if self.conn.execute(select(entities.c.id).where(
                entities.c.type == EntityType.PERSON, entities.c.key == key,
                entities.c.year == 0)).first() is not None:
            return set()
        new = int(self.conn.execute(insert(entities).values(
            type=str(EntityType.PERSON), name=form, key=key, year=0)).inserted_primary_key[0])
        for chunk in chunked([cid for cid, *_ in written]):
            self.conn.execute(update(claims).where(claims.c.id.in_(chunk))
                              .values(value_entity_id=new, value_key=f"e:{new}"))
        for table in (aliases, alias_spans):
            texts = [a for a in set(self.conn.execute(select(table.c.alias).where(
                table.c.entity_id == owner)).scalars()) if name_key(a) == key]
            self._move(table, Merge(new, owner, ""), only=texts)
        return {film for _, film, _, _ in written if film is not None}

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

    def _move(self, table: Table, m: Merge, reason: str | None = None,
              only: list[str] | None = None) -> None:
        """Give the rows of ``table`` (aliases, alias spans) of ``m.drop`` to ``m.keep``
        (``only`` those of these names: a form split off, its reason then cleared); a row
        the kept entity has already is dropped; ``reason`` fills an empty reason."""
        if only is not None and not only:
            return
        mine = table.c.entity_id == m.drop
        if only is not None:
            mine = mine & table.c.alias.in_(only)
        rows: list[dict[str, Any]] = [r._asdict() for r in self.conn.execute(
            select(table).where(mine))]
        if rows:
            for r in rows:
                r["entity_id"] = m.keep
                if "reason" in r:
                    r["reason"] = None if only is not None else r["reason"] or reason
            self.conn.execute(insert_ignoring_duplicates(self.conn, table), rows)
        self.conn.execute(delete(table).where(mine))

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
            if renamed:
                self._settle_reasons(chunk)  # what the new shown name has, it passes on
                self._rename(renamed)
                self.conn.execute(insert_ignoring_duplicates(self.conn, aliases), [
                    {"entity_id": eid, "alias": name, "key": name_key(name), "reason": None}
                    for eid, name in renamed.items()])
                films.update(self.conn.execute(
                    select(claims.c.subject_id).where(
                        claims.c.value_entity_id.in_(list(renamed)),
                        claims.c.subject_id.is_not(None)).distinct()).scalars())
            self._settle_reasons(chunk)
        return films

    def _rename(self, renamed: dict[int, str]) -> None:
        """Show these people by these names, keyed by them too (unless another person has
        the key)."""
        keys = {eid: name_key(name) for eid, name in renamed.items()}
        old = dict(self.conn.execute(select(entities.c.id, entities.c.name).where(
            entities.c.id.in_(list(renamed)))).tuples().all())
        taken = set(self.conn.execute(select(entities.c.key).where(
            entities.c.type == EntityType.PERSON, entities.c.key.in_(sorted(set(keys.values()))),
            entities.c.id.not_in(list(renamed)))).scalars())
        for eid in sorted(renamed):
            values = {"name": renamed[eid]}
            if keys[eid] not in taken:
                values["key"] = keys[eid]
                taken.add(keys[eid])
            self.conn.execute(update(entities).where(entities.c.id == eid).values(**values))
            self._pass_reason(eid, name_key(old.get(eid, renamed[eid])), keys[eid])

    def _pass_reason(self, eid: int, old_key: str, new_key: str) -> None:
        """The reason the shown name was linked for passes to the name it replaces: which
        of two merged people was kept leaves no trace ("Alan Hale, Sr." linked as the
        elder, whichever was stored first)."""
        if old_key == new_key:
            return
        mine = aliases.c.entity_id == eid
        reason = self.conn.execute(select(func.min(aliases.c.reason)).where(
            mine, aliases.c.key == new_key)).scalar()
        self.conn.execute(update(aliases).where(mine, aliases.c.key == new_key)
                          .values(reason=None))
        if reason:
            self.conn.execute(update(aliases).where(
                mine, aliases.c.key == old_key, aliases.c.reason.is_(None)).values(reason=reason))

    def _settle_reasons(self, chunk: Sequence[int]) -> None:
        """Give each name of these people its reason by ``resolve.identity.link_reason``,
        one for all the names of one key ("Alan Hale, Sr." and "Alan Hale Sr."), whichever
        document brought each. A name a document read as the person's (an alias span) and
        no rule joined is there for the reason ``alias``, as one a merge joined on a
        source's alias is: which of the two came first leaves no trace; a rule's reason for
        the key comes first ("Alan Hale, Sr.": elder)."""
        shown = dict(self.conn.execute(select(entities.c.id, entities.c.name).where(
            entities.c.id.in_(chunk))).tuples().all())
        read = set(self.conn.execute(select(alias_spans.c.entity_id, alias_spans.c.alias)
                                     .where(alias_spans.c.entity_id.in_(chunk))).tuples())
        rows = self.conn.execute(
            select(aliases.c.entity_id, aliases.c.alias, aliases.c.key, aliases.c.reason)
            .where(aliases.c.entity_id.in_(chunk))).all()
        of_key: dict[tuple[int, str], set[str]] = defaultdict(set)  # one reason a key
        for eid, alias, key, reason in rows:
            settled = link_reason(alias, shown[eid], reason)
            if settled:
                of_key[(eid, key)].add(settled)
        for eid, alias, key, _ in rows:  # read, and no rule's reason for the key
            if (eid, alias) in read and not of_key.get((eid, key)):
                settled = link_reason(alias, shown[eid], "alias")
                if settled:
                    of_key[(eid, key)].add(settled)
        changes = []
        for eid, alias, key, reason in rows:
            found = of_key.get((eid, key))
            settled = link_reason(alias, shown[eid], min(found) if found else None)
            if settled != reason:
                changes.append({"eid": eid, "a": alias, "r": settled})
        if changes:
            self.conn.execute(
                update(aliases).where(aliases.c.entity_id == bindparam("eid"),
                                      aliases.c.alias == bindparam("a"))
                .values(reason=bindparam("r")), changes)

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
