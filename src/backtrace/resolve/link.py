"""Entity resolution: names to entities by normalised key; films by title + year.

People: within one document a surname or nickname ("Stallone", "Sly") is first read as the
full name it stands for in the document's :class:`PersonScope` (the people it names in full
and those credited on its film), then keyed. Films and series: by ``title_key`` (so "Creed
II" is "Creed 2") and year; a title named in passing without a year goes to the film of
that title whose credits include the person it is linked to (a remake shares its title, not
its cast), else to the most recent one.

The resolver asks an :class:`EntityIndex` (the store implements it) for entities and keeps
what it learned in a cache for the rest of the ingest.
"""

from __future__ import annotations

from typing import Any, Protocol

from backtrace.model import PROPERTIES, Claim, EntityType
from backtrace.resolve.names import clean_title, name_key, title_key
from backtrace.resolve.people import PersonScope, short_organization, strip_nickname

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

    def credited(self, film_ids: list[int], person_id: int) -> list[int]:
        """Which of these films some claim credits ``person_id`` on."""


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
        self.scope = PersonScope()
        self.organizations: list[str] = []

    def begin_document(self, scope: PersonScope, organizations: list[str] | None = None) -> None:
        """The people (and organisations) in scope for the document about to be resolved."""
        self.scope = scope
        self.organizations = organizations or []

    def person_name(self, name: str, character: str | None = None) -> str:
        """The full name a person mention stands for in the current document."""
        return self.scope.resolve(name, character=character) or strip_nickname(name)[0]

    def entity(self, type: str, name: str, *, character: str | None = None) -> int:
        if type == EntityType.PERSON:
            name = self.person_name(name, character)
        elif type == EntityType.ORGANIZATION and self.organizations:
            name = short_organization(name, self.organizations) or name
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

    def film(
        self,
        title: str,
        year: int | None,
        *,
        kind: str | None = None,
        person: str | None = None,
    ) -> int:
        """The film (or series, ``kind="series"``) with this title and year; a film of unknown
        year takes the year given. Without a year, ``person`` (a name credited on it) picks
        among films that share the title."""
        title, disamb_year = clean_title(title)
        year = year or disamb_year or 0
        key = title_key(title)
        etype = EntityType.SERIES if kind == "series" else EntityType.FILM
        found = self.index.find_entities(etype, key)
        if kind is None and not found:  # a title named without a kind: a known series?
            series = self.index.find_entities(EntityType.SERIES, key)
            if series and person is not None:
                found, etype = series, EntityType.SERIES
        exact = [fid for fid, fyear in found if fyear == year]
        if exact:
            film = exact[0]
        elif year and (unknown := [fid for fid, fyear in found if fyear == 0]):
            film = unknown[0]
            self.index.set_entity_year(film, year)
        elif not year and len(found) >= 1:
            film = self._by_credits(found, person) or max(found, key=lambda f: f[1])[0]
        else:
            film = self.index.create_entity(etype, title, key, year)
        if (film, title) not in self._aliases:
            self.index.add_alias(film, title, key)
            self._aliases.add((film, title))
        return film

    def _by_credits(self, found: list[tuple[int, int]], person: str | None) -> int | None:
        """Of several films sharing a title, the one (the most recent) crediting ``person``."""
        if person is None or len(found) < 2:
            return None
        person_id = self.entity(EntityType.PERSON, person)
        credited = set(self.index.credited([fid for fid, _ in found], person_id))
        matching = [f for f in found if f[0] in credited]
        return max(matching, key=lambda f: f[1])[0] if matching else None

    def claim_value(self, claim: Claim) -> tuple[int | None, str]:
        """(value entity id or None, value key) for a claim."""
        etype = ENTITY_VALUE_TYPES.get(PROPERTIES[claim.property].value_type)
        character = claim.qualifiers.get("character")
        entity_id = (
            self.entity(etype, str(claim.value), character=character if character else None)
            if etype
            else None
        )
        return entity_id, value_key(claim.property, claim.value, entity_id)
