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
from backtrace.ask.lookup import prominence
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

# the cast's first four names are its leads (the billing block of a poster, a catalogue's
# "stars"); a part billed later is a supporting one
LEAD_BILLING = 4


def _credit_key(film_id: int, credits: list[Fact], sentences: int, known: tuple[int, int, int],
                year: int | None, title: str) -> tuple:
    """A person's films, best first: the credits the text states most plainly first, then
    the better-known film.

    - where the film's own article states a credit (not only another film's page);
    - a lead part (billed among the first ``LEAD_BILLING``) before a supporting one;
    - the number of sentences stating the person's credits on it (a lead's "starring"
      phrase and the cast list both name a star, an article about the person's film names
      them again; a passing mention names them once);
    - the better-known film: more other documents name it, then a longer article of its
      own (``lookup.prominence``); among leads the billing itself comes after these (the
      second-billed star of a well-known film before the top-billed one of an obscure one);
    - then by year and title, for a stable order."""
    own = any(s.doc_film == film_id for c in credits for s in c.rows)
    billing = min((c.row.position for c in credits if c.row.property == "cast_member"),
                  default=0)
    _, named, length = known
    return (not own, billing >= LEAD_BILLING, -sentences, -named, -length, billing,
            year or 9999, title)


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


def _film_answer(film_id: int, credits: list[Fact], title: str, year: int | None,
                 known: tuple[int, int, int] = (0, 0, 0)) -> tuple[tuple, Answer] | None:
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
    key = _credit_key(film_id, credits, len(sources), known, year, title)
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
    by_film = _credits_by_film(rows, texts)
    known = prominence(conn, sorted(by_film))
    for film_id, credits in by_film.items():
        answer = _film_answer(film_id, credits, *titles[film_id], known[film_id])
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
# King's 1991 novel", "Augusten Burroughs' memoir", "the 1920 Claude Anet novel"; two words
# or more, initials and particles kept
_NAME = r"(?:[A-Z][\w'’.-]*\.?)(?:\s+(?:[A-Z][\w'’.-]*\.?|de|van|von|du|da|del|di|le|la))+"
# what may stand between "by" and an author's name: an article or possessive and a few
# lower-case words saying who they are ("by novelist and screenwriter Ada Marsh", "by his
# widow, Ada Marsh", "by the band's singer Ada Marsh")
_DESCRIBED = r"(?:(?:the|his|her|their|[a-z][\w'’-]*),?\s+){0,4}?"
_BY_AUTHOR = re.compile(rf"\bby {_DESCRIBED}({_NAME})(?:,? and ({_NAME}))?")
_WORKS_WORD = rf"(?:{SOURCE_WORKS}|series\b)"
_AUTHORS_WORK = re.compile(
    rf"(?:^|\s)({_NAME})(?:['’]s|(?<=s)['’])\s+(?:\d{{4}}\s+)?(?:\S+\s+){{0,3}}?{_WORKS_WORD}")
_THE_AUTHORS_WORK = re.compile(  # "the 1987 Ada Marsh children's book", not "the Adult
    # Swim animated series": a possessive word only between (no company's name)
    rf"\b[Tt]he (?:\d{{4}} )?({_NAME}) (?:\d{{4}} )?(?:[a-z][\w-]*['’]s )?{_WORKS_WORD}")
# after the value, in the rest of its sentence: the work's author named after a comma ("based
# on Oak Hill, a 1987 novel by Ada Marsh", "..., written by Ada Marsh"); no credit of the
# film itself comes between ("..., directed by" is the director)
_CREDIT_WORDS = r"\b(?:directed|produced|starring|stars|screenplay|script|adapted|film|movie)\b"
_WORK_BY = re.compile(
    rf"^[^.;]*?{_WORKS_WORD}(?:(?!{_CREDIT_WORDS})[^.;]){{0,60}}?\bby {_DESCRIBED}({_NAME})"
    rf"(?:,? and ({_NAME}))?")


_END_STOP = re.compile(r"(?<=[a-z]{2})\.$")  # a sentence's full stop, not an initial's
# what a name may carry that the person asked about leaves out: a rank or title before it
# ("Lt. Cmdr. Ada Marsh", "Judge Ada Marsh"), a generation after it ("Ada Marsh Sr.")
_TITLES = re.compile(r"^(?:(?:[A-Z][a-z]{1,4}\.|Judge|Sir|Dame|Lord|Lady|Captain|Colonel"
                     r"|Major|General|Professor|Dr|Rev)\s+)+")
_GENERATION = re.compile(r",?\s+(?:Sr|Jr|Snr|Jnr)\.?$|,?\s+(?:II|III|IV)$")


def author_key(name: str) -> str:
    """A name's key without a rank or title before it or a generation after it, when two
    words or more are left ("Dr. Seuss" stays whole)."""
    bare = name_key(_GENERATION.sub("", _TITLES.sub("", name.strip())))
    return bare if len(bare.split()) > 1 else name_key(name)


# a knighthood is no part of the name the person is known by ("Sir Arthur Conan Doyle")
_KNIGHTED = re.compile(r"^(?:Sir|Dame)\s+(?=\S+\s+\S)")


def _names(found: list[str]) -> list[str]:
    return list(dict.fromkeys(_KNIGHTED.sub("", _END_STOP.sub("", n.strip())) for n in found))


def _authors(text: str, by: list[str]) -> list[str]:
    """The possessive authors of ``text`` ("Ada Marsh's novel"), then ``by`` (the names
    after "by"); "the 1987 Ada Marsh novel" only when no "by" names the author: "the 1902
    Sherlock Holmes novel ... by Arthur Conan Doyle" is a character's name."""
    found = [m.group(1) for m in _AUTHORS_WORK.finditer(text)] + by
    if not by:
        found += [m.group(1) for m in _THE_AUTHORS_WORK.finditer(text)]
    return _names(found)


def source_authors(value: str) -> list[str]:
    """The authors a "based on" value names, in order."""
    return _authors(value, [n for m in _BY_AUTHOR.finditer(value) for n in m.groups() if n])


def authors_after(source: Source) -> list[str]:
    """The authors the sentence of a "based on" value names after the value's start: the
    value itself may stop at a comma before them ("based on Oak Hill, a novel by ...").
    Only an author tied to a work word: a bare "by X" later on is a credit of the film."""
    tail = source.text[max(0, source.span.start - source.start):]
    m = _WORK_BY.match(tail)
    return _authors(tail, [n for n in m.groups() if n] if m else [])


def _films_naming(conn: Connection, words: list[str]) -> list[int] | None:
    """The films whose documents hold these words in a row (a phrase), by the full-text
    index; None when the store has no index (then every "based on" value is read)."""
    if not fts.available(conn):
        return None
    expr = '"' + " ".join(words) + '"'
    rows = conn.execute(text(
        "SELECT DISTINCT d.film_id FROM search_documents "
        "JOIN documents d ON d.rowid = search_documents.rowid "
        "WHERE search_documents MATCH :q AND d.film_id IS NOT NULL LIMIT 2000"), {"q": expr})
    return [r[0] for r in rows]


def _based_on_rows(conn: Connection, words: list[str]) -> list[Any]:
    """The source rows (``FACT_SOURCES``) of the believed "based on" facts that may name
    an author of these words: of the films whose documents hold them (by the index), else
    those whose value holds the surname."""
    films = _films_naming(conn, words)
    query = (select(facts.c.id)
             .join(entities, entities.c.id == facts.c.entity_id)
             .where(facts.c.property == "based_on", facts.c.believed.is_(True),
                    entities.c.type == EntityType.FILM))
    if films is None:
        query = query.where(facts.c.value_key.like(f"%{_like(words[-1])}%", escape="\\"))
    else:
        query = query.where(facts.c.entity_id.in_(films or [-1]))
    ids = list(conn.execute(query).scalars())
    rows: list[Any] = []
    for i in range(0, len(ids), 500):
        rows += conn.execute(FACT_SOURCES, {"ids": ids[i:i + 500]}).all()
    return rows


def source_work_films(conn: Connection, sentences: Sentences, name: str,
                      filters: Filters) -> list[Answer]:
    """Films based on a work whose author is ``name``, from the "based on" values and the
    sentences stating them."""
    key = author_key(name)
    words = key.split()
    if len(words) < 2:
        return []
    found = _based_on_rows(conn, words)
    if not found:
        return []
    titles = {r.id: (r.name, r.year or None) for r in conn.execute(
        ENTITIES, {"ids": sorted({r.entity_id for r in found})})}
    found = [r for r in found if _when_fits(titles[r.entity_id][1], filters)]
    texts = sentences.load(conn, (r.document_id for r in found))
    out = []
    for fact in group_facts(found, texts):
        r = fact.row
        by_value = any(author_key(a) == key for a in source_authors(str(r.value)))
        naming = [s for s in fact.sources
                  if by_value or any(author_key(a) == key for a in authors_after(s))]
        if not naming:
            continue
        title, year = titles[r.entity_id]
        ref = film_ref(r.entity_id, title, year)
        shown = f" ({year})" if year else ""
        out.append(Answer(title, f"{title}{shown}", ref, ref, "screenwriter",
                          tuple(naming), qualifiers={
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
