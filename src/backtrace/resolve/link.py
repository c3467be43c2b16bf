"""Entity resolution: names to entities by normalised key; films by title + year.

People: within one document a surname or nickname ("Stallone", "Sly") is first read as the
full name it stands for in the document's :class:`PersonScope` (the people it names in full
and those credited on its film), then keyed. Films and series: by ``title_key`` (so "Creed
II" is "Creed 2") and year; a title named in passing without a year goes to the film of
that title whose credits include the person it is linked to (a remake shares its title, not
its cast), else to the most recent one.

The resolver asks an :class:`EntityIndex` (the store implements it) for entities and keeps
what it learned in a cache for the rest of the ingest, bounded (:meth:`Resolver.trim`, the
least recently used names forgotten): a name forgotten is asked of the store again, which
gives the same entity.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice
from typing import NamedTuple, Protocol
from urllib.parse import unquote

from backtrace.keys import clean_title, name_key, title_key, value_key
from backtrace.model import PROPERTIES, WORK_TYPES, Claim, EntityType
from backtrace.people import PersonScope, name_parts, short_organization, strip_nickname

ENTITY_VALUE_TYPES = {
    "person": EntityType.PERSON,
    "organization": EntityType.ORGANIZATION,
    "place": EntityType.PLACE,
}


CACHE_SIZE = 50_000  # names to entities (and aliases queued) a resolver remembers at most
PAGE_YEARS = 2  # one page, one film: the years a film's dates span across countries


class Work(NamedTuple):
    """A stored film or other work: its id, year (0 = unknown) and key."""

    id: int
    year: int
    key: str


@dataclass(frozen=True, slots=True)
class WorkEvidence:
    """What tells two primary documents of one title and year apart: the page each is
    (a record's url or href) and the directors each names."""

    urls: frozenset[str] = frozenset()
    directors: frozenset[str] = frozenset()  # name keys
    primary: bool = False  # a primary document is about the work already

    def contradicts(self, other: WorkEvidence) -> bool:
        """Another page, or directors none of whose surnames agree."""
        if self.urls and other.urls and not self.urls & other.urls:
            return True
        if self.directors and other.directors:
            return not {_surname(d) for d in self.directors} & {
                _surname(d) for d in other.directors}
        return False

    @classmethod
    def of(cls, url: object, directors: list[str]) -> WorkEvidence:
        page = page_key(url) if isinstance(url, str) else ""
        return cls(frozenset({page} - {""}), frozenset(name_key(d) for d in directors))


def page_key(url: str) -> str:
    """``https://en.example.org/wiki/Carmen_(1915_film)`` -> ``carmen (1915 film)``."""
    last = unquote(url.split("#")[0].rstrip("/").rsplit("/", 1)[-1])
    return " ".join(last.replace("_", " ").split()).casefold()


def _surname(key: str) -> str:
    words = [w for w in key.split() if w not in ("jr", "sr", "ii", "iii")]
    return words[-1] if words else key


def is_stage_name(nickname: str) -> bool:
    """Whether a quoted nickname is a name used alone ("50 Cent", "T.I.", "Big Boy"), not a
    familiar word used with the surname ("Fatty", "Sly")."""
    return any(c.isdigit() or c in ". " for c in nickname.strip())


def _work_type(kind: str | None) -> EntityType:
    return EntityType(kind) if kind in WORK_TYPES else EntityType.FILM


def _free_key(key: str, year: int, found: list[Work]) -> str:
    """``key`` for a new work of this year, or ``"key #2"``... when another work of the same
    title and year holds it (the store keeps one key per type and year)."""
    taken = {w.key for w in found if w.year == year}
    n = 1
    candidate = key
    while candidate in taken:
        n += 1
        candidate = f"{key} #{n}"
    return candidate


class EntityIndex(Protocol):
    def find_entities(self, type: str, key: str) -> list[tuple[int, int]]:
        """(id, year) of every entity of ``type`` with this key; year 0 = unknown."""

    def find_works(self, type: str, key: str) -> list[Work]:
        """Every work of ``type`` with this title key, each sense ("key #2") included."""

    def work_evidence(self, work_id: int) -> WorkEvidence:
        """The pages and directors the work's primary documents and credits give."""

    def create_entity(self, type: str, name: str, key: str, year: int) -> int: ...

    def add_alias(self, entity_id: int, alias: str, key: str, reason: str | None = None) -> None:
        """``reason``: a rule of ``resolve.identity.RULES`` when the name is another's."""

    def set_entity_year(self, entity_id: int, year: int, key: str) -> None: ...

    def set_entity_type(self, entity_id: int, type: str) -> None:
        """A work first named without its kind is found to be a series, a book, ..."""

    def credited(self, film_ids: list[int], person_id: int) -> list[int]:
        """Which of these films some claim credits ``person_id`` on."""


def _find_or_create(index: EntityIndex, type: str, name: str, key: str) -> int:
    """The first entity of ``find_entities``, else a new one (year unknown): in one call
    when the index has ``find_or_create`` (a database server: one round trip, not two)."""
    if (combined := getattr(index, "find_or_create", None)) is not None:
        return int(combined(type, name, key))
    found = index.find_entities(type, key)
    return found[0][0] if found else index.create_entity(type, name, key, 0)


def _find_works_or_create(index: EntityIndex, type: str, key: str, title: str, year: int
                          ) -> tuple[list[Work], int | None]:
    """``(find_works(type, key), None)``; when that finds none, ``([], id)`` of a new work
    ``title`` of ``year`` under ``key``; in one call when the index has
    ``find_works_or_create``."""
    if (combined := getattr(index, "find_works_or_create", None)) is not None:
        return combined(type, key, title, year)  # type: ignore[no-any-return]
    found = index.find_works(type, key)
    return found, (None if found else index.create_entity(type, title, key, year))


class Resolver:
    """Maps names to entity ids, creating entities the store does not have yet."""

    def __init__(self, index: EntityIndex) -> None:
        self.index = index
        self._cache: dict[tuple[str, str], int] = {}  # least recently used first
        self._aliases: dict[tuple[int, str], None] = {}  # oldest first
        self.scope = PersonScope()
        self.organizations: list[str] = []
        self.person_keys: set[str] = set()  # every person resolved: their blocks are relinked
        self.new_works: set[int] = set()  # works a primary document created: nothing credits
        # them yet (the mentions that create works are resolved after their document's film)

    def trim(self, size: int | None = None) -> None:
        """Forget all but the ``size`` (default ``CACHE_SIZE``) most recently used names
        and latest aliases (between chunks: what an ingest keeps in memory stays bounded)."""
        size = CACHE_SIZE if size is None else size
        for cache in (self._cache, self._aliases):
            for key in list(islice(cache, max(0, len(cache) - size))):
                del cache[key]

    def begin_document(self, scope: PersonScope, organizations: list[str] | None = None) -> None:
        """The people (and organisations) in scope for the document about to be resolved."""
        self.scope = scope
        self.organizations = organizations or []

    def person_name(self, name: str, character: str | None = None) -> str:
        """The full name a person mention stands for in the current document."""
        return self.scope.resolve(name, character=character) or strip_nickname(name)[0]

    def entity(self, type: str, name: str, *, character: str | None = None) -> int:
        nickname, written, quoted = None, name, None
        if type == EntityType.PERSON:
            full, quoted = strip_nickname(name)
            name = self.person_name(name, character)
            if quoted and (parts := name_parts(full)) is not None:
                nickname = f"{quoted} {parts.surname}"  # "Fatty Arbuckle" is his too
        elif type == EntityType.ORGANIZATION and self.organizations:
            name = short_organization(name, self.organizations) or name
        key = name_key(name)
        cached = self._cache.pop((type, key), None)
        if cached is None:
            cached = _find_or_create(self.index, type, name, key)
        self._cache[(type, key)] = cached  # the most recently used, last
        if type == EntityType.PERSON:
            self.person_keys.add(key)
        self._alias(cached, name, key)
        for other in (nickname, written) if nickname else ():
            self._named(cached, other, "alias")  # "Fatty Arbuckle", as the text writes
        if quoted and is_stage_name(quoted) and (cached, quoted) not in self._aliases:
            self.index.add_alias(cached, quoted, name_key(quoted), "stage")  # "50 Cent"
            self._aliases[(cached, quoted)] = None
        return cached

    def document_film(self, title: str, year: int | None, *, work_type: str = "film",
                      evidence: WorkEvidence | None = None) -> int:
        """The film (or other work) a primary document (an encyclopedia entry, a JSONL
        record) is about. Two such documents are one film when title and year agree and
        nothing contradicts (``WorkEvidence.contradicts``: another page, another director),
        or when they are the same page of years close together (``_same_page``); a work
        of unknown year takes a year only from a document that names it in passing, never
        from another primary document."""
        title, disamb_year = clean_title(title)
        year = year or disamb_year or 0
        key = title_key(title)
        etype = _work_type(work_type)
        evidence = evidence or WorkEvidence()
        found, made = _find_works_or_create(self.index, etype, key, title, year)
        if made is not None:  # no work of this title: a new one, as below with none found
            self.new_works.add(made)
            self._alias(made, title, key)
            return made
        fits = [w for w in found if w.year == year
                and not evidence.contradicts(self.index.work_evidence(w.id))]
        if not year and len(found) > 1:
            fits = []  # no year and several works of this title: which one is not known
        if not fits and year:
            fits = self._same_page(found, year, evidence)
        if fits:
            film = fits[0].id
        elif year and (unknown := [w for w in found if w.year == 0
                                   and not self.index.work_evidence(w.id).primary]):
            film = unknown[0].id
            self.index.set_entity_year(film, year, _free_key(key, year, found))
        else:
            film = self.index.create_entity(etype, title, _free_key(key, year, found), year)
            self.new_works.add(film)
        self._alias(film, title, key)
        return film

    def _same_page(self, found: list[Work], year: int, evidence: WorkEvidence) -> list[Work]:
        """Works of this title whose primary documents are the same page as this one, of a
        year at most ``PAGE_YEARS`` apart: one film listed under its festival year and its
        release year. Further apart, one page named for two films is a remake's link to
        the original's page, not one film."""
        if not evidence.urls:
            return []
        return [w for w in found if w.year and abs(w.year - year) <= PAGE_YEARS
                and evidence.urls & self.index.work_evidence(w.id).urls]

    def mentioned_film(
        self,
        title: str,
        year: int | None,
        *,
        kind: str | None = None,
        person: str | None = None,
    ) -> int | None:
        """The work a title named in passing stands for, or None when several works fit it
        (an unlinked mention, never a merge; extraction names no numbers as works). Of works
        sharing a title, the one of the year given; else the one crediting ``person`` (a
        remake shares its title, not its cast); else the only one. A work not known yet is
        created."""
        title, disamb_year = clean_title(title)
        year = year or disamb_year or 0
        key = title_key(title)
        etype = _work_type(kind)
        found = self.index.find_works(etype, key)
        if etype == EntityType.FILM and not found:  # untyped: a known work of another kind?
            for other in (EntityType.TV_SERIES, EntityType.SERIES):
                if series := self.index.find_works(other, key):
                    found, etype = series, other
                    break
        elif etype != EntityType.FILM and not found:  # a "film" only named so far is this
            named = [w for w in self.index.find_works(EntityType.FILM, key)
                     if not self.index.work_evidence(w.id).primary]
            if len(named) == 1:
                self.index.set_entity_type(named[0].id, etype)
                found = named
        same_year = [w for w in found if w.year == year] if year else found
        if len(same_year) > 1:
            same_year = self._by_credits(same_year, person)
        if len(same_year) == 1:
            film = same_year[0].id
        elif same_year:
            return None
        elif year and len(unknown := [w for w in found if w.year == 0]) == 1:
            film = unknown[0].id
            self.index.set_entity_year(film, year, _free_key(key, year, found))
        elif found and not year:
            return None
        else:
            film = self.index.create_entity(etype, title, _free_key(key, year, found), year)
        self._alias(film, title, key)
        return film

    def _alias(self, entity_id: int, name: str, key: str) -> None:
        if (entity_id, name) not in self._aliases:
            self.index.add_alias(entity_id, name, key)
            self._aliases[(entity_id, name)] = None

    def _by_credits(self, found: list[Work], person: str | None) -> list[Work]:
        """Of several works sharing a title, those crediting ``person`` (all without one)."""
        if person is None:
            return found
        person_id = self.entity(EntityType.PERSON, person)
        credited = set(self.index.credited([w.id for w in found], person_id))
        return [w for w in found if w.id in credited] or found

    def claim_value(self, claim: Claim) -> tuple[int | None, str]:
        """(value entity id or None, value key) for a claim."""
        etype = ENTITY_VALUE_TYPES.get(PROPERTIES[claim.property].value_type)
        character = claim.qualifiers.get("character")
        entity_id = (
            self.entity(etype, str(claim.value), character=character if character else None)
            if etype
            else None
        )
        named = claim.qualifiers.get("credited_as")
        if etype == EntityType.PERSON and entity_id is not None and isinstance(named, str):
            self._named(entity_id, named, "credited")  # "Rita Casco", as she was billed
        return entity_id, value_key(claim.property, claim.value, entity_id)

    def _named(self, entity_id: int, name: str, rule: str) -> None:
        """A name a source gives for the person: an alias, linked by ``rule`` ("alias" for
        a quoted nickname, "credited" for the name a film credited them under)."""
        if (entity_id, name) not in self._aliases:
            self.index.add_alias(entity_id, name, name_key(name), rule)
            self._aliases[(entity_id, name)] = None
