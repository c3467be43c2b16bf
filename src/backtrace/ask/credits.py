"""A person's films, and the cast of a film by character: credits read from the store with
the sentences that state them; the authors of the works films are based on."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace
from typing import Any

from sqlalchemy import Connection, bindparam, select, text

from backtrace.ask.answers import (
    ENTITIES,
    FACT_SOURCES,
    PERSON_ROLES,
    Fact,
    Sentences,
    Texts,
    film_property,
    group_facts,
)
from backtrace.ask.records import Answer, Entity, Filters, Source, film_ref
from backtrace.keys import name_key
from backtrace.model import EntityType
from backtrace.people import role_words
from backtrace.store import search as fts
from backtrace.store.schema import claims, entities, facts
from backtrace.vocabulary import SOURCE_WORKS

# a person's credits, by indexed lookups: the films their claims are about, then those
# films' facts whose value is the person (``value_key`` "e:<id>")
_CREDITED = select(claims.c.subject_id).where(
    claims.c.value_entity_id == bindparam("person"),
    claims.c.property.in_(bindparam("props", expanding=True)),
    claims.c.subject_id.is_not(None)).distinct()
_CREDIT_FACTS = (
    select(facts.c.id, entities.c.name, entities.c.year)
    .join(entities, entities.c.id == facts.c.entity_id)
    .where(facts.c.entity_id.in_(bindparam("films", expanding=True)),
           facts.c.property.in_(bindparam("props", expanding=True)),
           facts.c.value_key == bindparam("key"), entities.c.type == EntityType.FILM)
)
_FILM_PROPERTIES = select(facts.c.entity_id, facts.c.property, facts.c.value).where(
    facts.c.entity_id.in_(bindparam("ids", expanding=True)),
    facts.c.property.in_(bindparam("props", expanding=True)), facts.c.believed.is_(True))

def _credit_key(fact: Fact, year: int | None, title: str) -> tuple:
    """A person's credits, best first: where the film's own article states it, then by
    billing (a lead before a supporting part: the cast's order), then by the number of
    documents stating it, then by year."""
    r = fact.row
    own = any(s.doc_film == r.entity_id for s in fact.rows)
    docs = len({s.document for s in fact.sources})
    billing = r.position if r.property == "cast_member" else 0
    return (not own, billing, -docs, year or 9999, title)


def _credit_rows(conn: Connection, person_id: int, roles: tuple[str, ...]) -> list[Any]:
    """The source rows (``FACT_SOURCES``) of every film fact crediting the person in these
    roles."""
    params = {"person": person_id, "props": list(roles)}
    film_ids = list(conn.execute(_CREDITED, params).scalars())
    fact_ids: list[int] = []
    for i in range(0, len(film_ids), 500):
        for r in conn.execute(_CREDIT_FACTS, {**params, "films": film_ids[i:i + 500],
                                              "key": f"e:{person_id}"}):
            fact_ids.append(r.id)
    rows: list[Any] = []
    for i in range(0, len(fact_ids), 500):
        rows += conn.execute(FACT_SOURCES, {"ids": fact_ids[i:i + 500]}).all()
    return rows


def _credits_by_film(rows: list[Any], texts: Texts) -> dict[int, list[Fact]]:
    """The grouped facts (``group_facts``) of these rows by film."""
    by_film: dict[int, list[Fact]] = defaultdict(list)
    for fact in group_facts(rows, texts):
        by_film[fact.row.entity_id].append(fact)
    return by_film


def _film_answer(film_id: int, credits: list[Fact], title: str,
                 year: int | None) -> tuple[tuple, Answer] | None:
    """One answer for a film: the person's roles and characters on it, every source once
    (None when it has no source), with the key that orders the answers."""
    credits.sort(key=lambda f: PERSON_ROLES.index(f.row.property)
                 if f.row.property in PERSON_ROLES else 99)
    ref = film_ref(film_id, title, year)
    sources: list[Source] = []
    seen = set()
    for credit in credits:
        for s in credit.sources:
            if s.key not in seen:
                seen.add(s.key)
                sources.append(s)
    if not sources:
        return None
    roles_held = list(dict.fromkeys(c.row.property for c in credits))
    characters = [c.row.qualifiers.get("character") for c in credits
                  if (c.row.qualifiers or {}).get("character")]
    quals: dict[str, list[str]] = {"roles": roles_held}
    if characters:
        quals["characters"] = list(dict.fromkeys(characters))
    shown = f" ({year})" if year else ""
    key = min(_credit_key(c, year, title) for c in credits)
    return key, Answer(title, f"{title}{shown}", ref, ref, roles_held[0], tuple(sources),
                       qualifiers=quals, layout="property")


def person_films(conn: Connection, sentences: Sentences, person: Entity,
                 roles: tuple[str, ...], filters: Filters) -> list[Answer]:
    """The films a person is credited on in these roles, one answer per film (its roles
    and characters in ``qualifiers``), filtered by year, decade, genre or language."""
    if person.id is None:
        return []
    rows = _credit_rows(conn, person.id, roles)
    titles: dict[int, tuple[str, int | None]] = {}
    if rows:
        for r in conn.execute(ENTITIES, {"ids": sorted({r.entity_id for r in rows})}):
            titles[r.id] = (r.name, r.year or None)
    rows = [r for r in rows if r.believed and _when_fits(titles[r.entity_id][1], filters)]
    if filters.get("genre") or filters.get("language"):
        keep = _films_fitting(conn, {r.entity_id for r in rows}, filters)
        rows = [r for r in rows if r.entity_id in keep]
    texts = sentences.load(conn, (r.document_id for r in rows))
    answers = []
    for film_id, credits in _credits_by_film(rows, texts).items():
        answer = _film_answer(film_id, credits, *titles[film_id])
        if answer is not None:
            answers.append(answer)
    answers.sort(key=lambda a: a[0])
    return [a for _, a in answers]


def _when_fits(year: int | None, filters: Filters) -> bool:
    if not any(k in filters for k in ("year", "decade", "before", "after")):
        return True
    if not year:
        return False
    if "year" in filters:
        if "year2" in filters:
            low, high = sorted((filters["year"], filters["year2"]))
            if not low <= year <= high:
                return False
        elif year != filters["year"]:
            return False
    if "decade" in filters and not filters["decade"] <= year < filters["decade"] + 10:
        return False
    if "before" in filters and not year < filters["before"]:
        return False
    return not ("after" in filters and not year > filters["after"])


def genre_fits(wanted: str, value: str) -> bool:
    """Whether a film's genre value is of the genre asked ("comedy" in "black comedy")."""
    want, have = name_key(wanted).split(), name_key(value).split()
    n = len(want)
    return any(have[i:i + n] == want for i in range(len(have) - n + 1))


def _films_fitting(conn: Connection, film_ids: set[int], filters: Filters) -> set[int]:
    props = [p for p, k in (("genre", "genre"), ("original_language", "language"))
             if filters.get(k)]
    ids = sorted(film_ids)
    held: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for i in range(0, len(ids), 500):
        for r in conn.execute(_FILM_PROPERTIES, {"ids": ids[i:i + 500], "props": props}):
            held[r.entity_id][r.property].append(str(r.value))
    keep = set()
    for film_id in ids:
        values = held.get(film_id, {})
        if filters.get("genre") and not any(genre_fits(filters["genre"], v)
                                            for v in values.get("genre", [])):
            continue
        if filters.get("language") and filters["language"] not in values.get(
                "original_language", []):
            continue
        keep.add(film_id)
    return keep


def character_fits(asked: str, character: str) -> int:
    """2 when the names are the same, 1 when every word asked is a word of the
    character's name ("Lo" of 'Loretta "Lo" Haskins'), else 0."""
    if name_key(asked) == name_key(character):
        return 2
    words = role_words(asked)
    return 1 if words and words <= role_words(character) else 0


def cast_by_character(conn: Connection, sentences: Sentences, films: list[Entity],
                      character: str) -> list[Answer]:
    """Who played ``character`` in these films (all films when none are given)."""
    out: list[tuple[int, Answer]] = []
    if films:
        for film in films:
            for answer in film_property(conn, sentences, film, "cast_member"):
                fit = character_fits(character, answer.qualifier("character") or "")
                if fit:
                    out.append((fit, answer))
    else:
        words = [w for w in name_key(character).split() if len(w) > 2] or \
            name_key(character).split()
        if not words:
            return []
        longest = max(words, key=len)
        rows = conn.execute(
            select(facts.c.entity_id, entities.c.name, entities.c.year)
            .join(entities, entities.c.id == facts.c.entity_id)
            .where(facts.c.property == "cast_member", entities.c.type == EntityType.FILM,
                   facts.c.qualifiers["character"].as_string().ilike(f"%{_like(longest)}%",
                                                                   escape="\\"))
            .distinct().limit(200)
        ).all()
        for r in rows:
            ref = film_ref(r.entity_id, r.name, r.year)
            for answer in film_property(conn, sentences, ref, "cast_member"):
                fit = character_fits(character, answer.qualifier("character") or "")
                if fit:
                    out.append((fit, answer))
    best = max((fit for fit, _ in out), default=0)
    words = role_words(character)
    found = []
    for fit, answer in out:
        if fit != best:
            continue
        # the sentences that name the character first; the others only when none does
        naming = tuple(s for s in answer.sources if words & role_words(s.text))
        shown = answer.text if films else f"{answer.text} in {answer.film.label}"
        found.append(replace(answer, text=shown, sources=naming or answer.sources))
    return found


# authors named in a "based on" value: "the novel ... by Charles Dickens", "Stephen
# King's 1991 novel"; two words or more, initials and particles kept
_NAME = r"(?:[A-Z][\w'’.-]*\.?)(?:\s+(?:[A-Z][\w'’.-]*\.?|de|van|von|du|da|del|di|le|la))+"
_BY_AUTHOR = re.compile(rf"\bby ({_NAME})(?:,? and ({_NAME}))?")
_WORKS_WORD = rf"(?:{SOURCE_WORKS}|series\b)"
_AUTHORS_WORK = re.compile(
    rf"(?:^|\s)({_NAME})['’]s\s+(?:\d{{4}}\s+)?(?:\S+\s+){{0,3}}?{_WORKS_WORD}")
_THE_AUTHORS_WORK = re.compile(rf"\b[Tt]he ({_NAME}) (?:\d{{4}} )?{_WORKS_WORD}")


def source_authors(value: str) -> list[str]:
    """The authors a "based on" value names, in order."""
    found = [m.group(1) for m in _AUTHORS_WORK.finditer(value)]
    found += [m.group(1) for m in _THE_AUTHORS_WORK.finditer(value)]
    found += [n for m in _BY_AUTHOR.finditer(value) for n in m.groups() if n]
    return list(dict.fromkeys(n.strip() for n in found))


def _films_naming(conn: Connection, words: list[str]) -> list[int] | None:
    """The films whose documents hold all these words, by the full-text index; None when
    the store has no index (then every "based on" value is read)."""
    if not fts.available(conn):
        return None
    expr = " ".join(f'"{w}"' for w in words)
    rows = conn.execute(text(
        "SELECT DISTINCT d.film_id FROM search_documents "
        "JOIN documents d ON d.rowid = search_documents.rowid "
        "WHERE search_documents MATCH :q AND d.film_id IS NOT NULL LIMIT 2000"), {"q": expr})
    return [r[0] for r in rows]


def source_work_films(conn: Connection, sentences: Sentences, name: str,
                      filters: Filters) -> list[Answer]:
    """Films based on a work whose author is ``name``, from the "based on" values."""
    key = name_key(name)
    words = key.split()
    if len(words) < 2:
        return []
    films = _films_naming(conn, words)
    query = (select(facts.c.id, facts.c.value)
             .join(entities, entities.c.id == facts.c.entity_id)
             .where(facts.c.property == "based_on", facts.c.believed.is_(True),
                    entities.c.type == EntityType.FILM,
                    facts.c.value_key.like(f"%{_like(words[-1])}%", escape="\\")))
    if films is not None:  # the films whose documents name the author, by the index
        query = query.where(facts.c.entity_id.in_(films or [-1]))
    rows = conn.execute(query).all()
    ids = [r.id for r in rows if any(name_key(a) == key for a in source_authors(str(r.value)))]
    if not ids:
        return []
    found = conn.execute(FACT_SOURCES, {"ids": ids}).all()
    titles = {r.id: (r.name, r.year or None) for r in conn.execute(
        ENTITIES, {"ids": sorted({r.entity_id for r in found})})}
    found = [r for r in found if _when_fits(titles[r.entity_id][1], filters)]
    texts = sentences.load(conn, (r.document_id for r in found))
    out = []
    for fact in group_facts(found, texts):
        r = fact.row
        title, year = titles[r.entity_id]
        ref = film_ref(r.entity_id, title, year)
        shown = f" ({year})" if year else ""
        out.append(Answer(title, f"{title}{shown}", ref, ref, "screenwriter",
                          tuple(fact.sources), qualifiers={
                              "roles": ["author of the source work"], "based_on": r.value},
                          layout="sources"))
    return out


def _like(word: str) -> str:
    return re.sub(r"([\\%_])", r"\\\1", word)


def characters_of(conn: Connection, sentences: Sentences, person: Entity,
                  films: list[Entity]) -> list[Answer]:
    """The characters a person played (in these films, or in every film)."""
    credits = person_films(conn, sentences, person, ("cast_member",), {})
    wanted = {f.id for f in films}
    out = []
    for credit in credits:
        if wanted and credit.film.id not in wanted:
            continue
        for character in credit.qualifier("characters") or []:
            sources = tuple(s for s in credit.sources
                            if name_key(character.split()[0]) in name_key(s.text)) or \
                credit.sources
            out.append(replace(credit, value=character, property="character",
                               text=f"{character} in {credit.text}", sources=sources))
    return out
