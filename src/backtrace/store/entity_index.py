"""The entities of the store as ``resolve.link`` sees them: found by key, created, given a
year or a kind, and the evidence that tells two works of one title apart."""

from __future__ import annotations

from sqlalchemy import bindparam, insert, literal_column, select, text, union_all, update

from backtrace.keys import name_key
from backtrace.model import EntityType
from backtrace.resolve.link import Work, WorkEvidence, page_key
from backtrace.store.schema import aliases, claims, documents, entities
from backtrace.store.sql import Part, execute_one, fetch

# Statements built once: building a statement costs more than running it on SQLite (where
# ``fetch`` and ``execute_one`` hand them to the driver, compiled once).
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
# a person: the entities of the key (merged = 0) and, in the same statement, up to two it
# was merged into (merged = 1), read only when the key has none
_MERGED = _FIND_MERGED.add_columns(literal_column("1").label("merged")).subquery()
_FIND_PERSON = union_all(
    _FIND_ENTITY.add_columns(literal_column("0").label("merged")).order_by(None),
    select(_MERGED.c.id, _MERGED.c.year, _MERGED.c.merged),
).order_by("merged", "id")
_CREATE_ENTITY = insert(entities).values(
    type=bindparam("type"), name=bindparam("name"), key=bindparam("key"), year=bindparam("year")
)
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

# PostgreSQL: a lookup and, when it finds nothing, the new entity, in one statement (one
# round trip: a server's, not SQLite's, cost). The same answers as the lookups above; the
# INSERT of no row takes no id from the sequence, so ids are those of lookup then create.
_OWN = ("own AS (SELECT id FROM entities WHERE type = :type AND key = :key "
        "ORDER BY id LIMIT 1)")
_MADE = ("made AS (INSERT INTO entities (type, name, key, year) SELECT CAST(:type AS "
         "VARCHAR), CAST(:name AS TEXT), CAST(:key AS TEXT), CAST(:year AS INTEGER) "
         "WHERE NOT EXISTS (SELECT 1 FROM {found}) RETURNING id, year, key)")
_FIND_OR_CREATE = text(f"WITH {_OWN}, {_MADE.format(found='own')} "
                       "SELECT id FROM own UNION ALL SELECT id FROM made")
_FIND_OR_CREATE_PERSON = text(
    f"WITH {_OWN}, merged AS (SELECT DISTINCT entities.id FROM entities JOIN aliases ON "
    "aliases.entity_id = entities.id WHERE aliases.key = :key AND aliases.reason IS NOT "
    "NULL AND entities.type = 'person' LIMIT 2), pick AS (SELECT id FROM own UNION ALL "
    "SELECT id FROM merged WHERE NOT EXISTS (SELECT 1 FROM own) AND (SELECT count(*) FROM "
    f"merged) = 1), {_MADE.format(found='pick')} "
    "SELECT id FROM pick UNION ALL SELECT id FROM made")
_FIND_WORKS_OR_CREATE = text(
    "WITH found AS (SELECT id, year, key FROM entities WHERE key >= :key AND key <= :hi "
    "AND type = :type AND (key = :key OR starts_with(key, :sense))), "
    f"{_MADE.format(found='found')} SELECT id, year, key, 0 AS made FROM found "
    "UNION ALL SELECT id, year, key, 1 FROM made ORDER BY made, id")


class EntityIndex(Part):
    """Entity lookups and changes in one transaction (with ``AliasQueue``, the store's side
    of ``resolve.link.EntityIndex``)."""

    def find_entities(self, type: str, key: str) -> list[tuple[int, int]]:
        """(id, year) of the entities with this key; for a person whose entity was merged
        into another (``merge_people``), the one it was merged into."""
        if type != EntityType.PERSON:
            rows = fetch(self.conn, _FIND_ENTITY, {"type": str(type), "key": key})
            return [(r[0], r[1]) for r in rows]
        rows = fetch(self.conn, _FIND_PERSON, {"type": str(type), "key": key})
        own = [(r[0], r[1]) for r in rows if not r[2]]  # r[2]: merged
        merged = [(r[0], r[1]) for r in rows if r[2]]
        return own or (merged if len(merged) == 1 else [])

    def find_works(self, type: str, key: str) -> list[Work]:
        rows = fetch(self.conn, _FIND_WORKS, {"type": str(type), "key": key, "hi": f"{key} #~"})
        return [Work(r[0], r[1], r[2]) for r in rows
                if r[2] == key or r[2].startswith(f"{key} #")]

    def find_or_create(self, type: str, name: str, key: str) -> int:
        """The first entity ``find_entities`` gives, else a new one (year unknown)."""
        if self.conn.dialect.name == "postgresql":
            statement = (_FIND_OR_CREATE_PERSON if type == EntityType.PERSON
                         else _FIND_OR_CREATE)
            params = {"type": str(type), "name": name, "key": key, "year": 0}
            return int(self.conn.execute(statement, params).scalar_one())
        found = self.find_entities(type, key)
        return found[0][0] if found else self.create_entity(type, name, key, 0)

    def find_works_or_create(self, type: str, key: str, title: str, year: int
                             ) -> tuple[list[Work], int | None]:
        """``(find_works(type, key), None)``; when that finds none, ``([], id)`` of a new
        work ``title`` of ``year`` under ``key``."""
        if self.conn.dialect.name != "postgresql":
            found = self.find_works(type, key)
            return found, (None if found else self.create_entity(type, title, key, year))
        rows = self.conn.execute(_FIND_WORKS_OR_CREATE, {
            "type": str(type), "name": title, "key": key, "year": year, "hi": f"{key} #~",
            "sense": f"{key} #"}).all()
        if rows and rows[0][3]:
            return [], int(rows[0][0])
        return [Work(r[0], r[1], r[2]) for r in rows], None

    def work_evidence(self, work_id: int) -> WorkEvidence:
        """The pages of the work's primary documents and the directors credited on it."""
        self.flush_queued()  # the documents and claims queued in this transaction count
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
        new = execute_one(
            self.conn, _CREATE_ENTITY, {"type": str(type), "name": name, "key": key, "year": year}
        )
        return int(new)  # type: ignore[arg-type]

    def credited(self, film_ids: list[int], person_id: int) -> list[int]:
        """Which of these films some claim credits ``person_id`` on."""
        self.flush_queued()
        rows = self.conn.execute(
            select(claims.c.subject_id)
            .where(claims.c.subject_id.in_(film_ids), claims.c.value_entity_id == person_id)
            .distinct()
        )
        return [r.subject_id for r in rows]

    def set_entity_type(self, entity_id: int, type: str) -> None:
        self.conn.execute(update(entities).where(entities.c.id == entity_id).values(type=str(type)))

    def set_entity_year(self, entity_id: int, year: int, key: str) -> None:
        execute_one(self.conn, _SET_YEAR, {"eid": entity_id, "y": year, "k": key})

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
