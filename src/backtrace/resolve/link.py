"""First-pass entity resolution: names to entities by normalised key; films by title + year.

The resolver asks an :class:`EntityIndex` (the store implements it) for entities and keeps
what it learned in a cache for the rest of the ingest.
"""

from __future__ import annotations

from typing import Any, Protocol

from backtrace.model import PROPERTIES, Claim, EntityType
from backtrace.resolve.names import clean_title, name_key

ENTITY_VALUE_TYPES = {
    "person": EntityType.PERSON,
    "organization": EntityType.ORGANIZATION,
    "place": EntityType.PLACE,
}


class EntityIndex(Protocol):
    def find_entities(self, type: str, key: str) -> list[tuple[int, int]]:
        """(id, year) of every entity of ``type`` with this key; year 0 = unknown."""

    def create_entity(self, type: str, name: str, key: str, year: int) -> int: ...

    def add_alias(self, entity_id: int, alias: str, key: str) -> None: ...

    def set_entity_year(self, entity_id: int, year: int) -> None: ...


def value_key(prop: str, value: Any, entity_id: int | None = None) -> str:
    """The key under which claims of equal value group together."""
    if entity_id is not None:
        return f"e:{entity_id}"
    vtype = PROPERTIES[prop].value_type
    if vtype == "money":
        return f"{value['amount']} {value['currency']}"
    if isinstance(value, str):
        return value if vtype == "date" else name_key(value)
    return str(value)


class Resolver:
    """Maps names to entity ids, creating entities the store does not have yet."""

    def __init__(self, index: EntityIndex) -> None:
        self.index = index
        self._cache: dict[tuple[str, str], int] = {}
        self._aliases: set[tuple[int, str]] = set()

    def entity(self, type: str, name: str) -> int:
        key = name_key(name)
        cached = self._cache.get((type, key))
        if cached is None:
            found = self.index.find_entities(type, key)
            cached = found[0][0] if found else self.index.create_entity(type, name, key, 0)
            self._cache[(type, key)] = cached
        if (cached, name) not in self._aliases:
            self.index.add_alias(cached, name, key)
            self._aliases.add((cached, name))
        return cached

    def film(self, title: str, year: int | None) -> int:
        """The film with this title and year; a film of unknown year takes the year given."""
        title, disamb_year = clean_title(title)
        year = year or disamb_year or 0
        key = name_key(title)
        found = self.index.find_entities(EntityType.FILM, key)
        exact = [fid for fid, fyear in found if fyear == year]
        if exact:
            film = exact[0]
        elif year and (unknown := [fid for fid, fyear in found if fyear == 0]):
            film = unknown[0]
            self.index.set_entity_year(film, year)
        elif not year and len(found) >= 1:
            film = max(found, key=lambda f: f[1])[0]  # the most recent film of that title
        else:
            film = self.index.create_entity(EntityType.FILM, title, key, year)
        if (film, title) not in self._aliases:
            self.index.add_alias(film, title, key)
            self._aliases.add((film, title))
        return film

    def claim_value(self, claim: Claim) -> tuple[int | None, str]:
        """(value entity id or None, value key) for a claim."""
        etype = ENTITY_VALUE_TYPES.get(PROPERTIES[claim.property].value_type)
        entity_id = self.entity(etype, str(claim.value)) if etype else None
        return entity_id, value_key(claim.property, claim.value, entity_id)
