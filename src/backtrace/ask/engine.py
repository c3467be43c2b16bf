"""Answering a question: parse it with the grammar, find what its slots name, read the
answers from the store. No answer is better than a wrong one: a question the grammar cannot
read, or whose film or person the store does not hold, or whose answer it does not know,
gets no answers and a note saying why.
"""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from typing import Any

from sqlalchemy import Connection

from backtrace.ask import answers as read
from backtrace.ask import credits, critics
from backtrace.ask.answers import PERSON_ROLES
from backtrace.ask.grammar import FORMS, FREE_SLOTS, MACROS, READERS
from backtrace.ask.lookup import Found, Names, by_key, clean_slot, find_film, find_person
from backtrace.ask.matcher import Matcher, Parse, tokenize
from backtrace.ask.records import Answer, Entity, Filters, Interpretation, Result
from backtrace.keys import name_key
from backtrace.store import Store

MAX_QUESTION = 500  # characters; a longer input is no question
MAX_FILMS = 5  # films of one title answered for
# who wrote a film: the author of the work it is based on before the screenwriters (both
# are answers; on the dev questions this order is the better first answer, 0.61 to 0.60)
SOURCE_AUTHORS_FIRST = True
_END = {"?", ".", "!", "…", "¿", "¡"}
_MATCHER: Matcher | None = None
PROPERTY_WORDS = {
    "cast_member": "cast", "screenwriter": "writers", "producer": "producers",
    "director": "director", "composer": "composer", "director_of_photography":
    "cinematographer", "film_editor": "editor", "production_company": "studios",
    "distributor": "distributor", "publication_date": "release dates", "duration":
    "running time", "country_of_origin": "country", "original_language": "language",
    "genre": "genre", "cost": "budget", "box_office": "box office", "filming_location":
    "filming locations", "based_on": "source work", "narrator": "narrator", "year": "year",
}
ROLE_WORDS = {"cast_member": "as an actor", "director": "as director", "screenwriter":
               "as writer", "producer": "as producer", "composer": "as composer",
               "any": "in any role"}


def matcher() -> Matcher:
    """The grammar's forms, compiled once."""
    global _MATCHER
    if _MATCHER is None:
        _MATCHER = Matcher(FORMS, MACROS, READERS, FREE_SLOTS, lead="@lead", tail="@tail")
    return _MATCHER


def film_text(film: Entity) -> str:
    return film.label


def _result(question: str, note: str | None, interpretation: Interpretation | None = None,
            found: list[Answer] | None = None) -> Result:
    return Result(question, interpretation or Interpretation(), tuple(found or ()), note)


def refuse(text: str) -> str | None:
    """Why ``text`` is no question (empty, too long, not text), or None."""
    if not text.strip():
        return "empty question: ask about a film or a person, e.g. 'who directed TITLE?'"
    if len(text) > MAX_QUESTION:
        return f"not a question: {len(text):,} characters (a question has at most " \
               f"{MAX_QUESTION})"
    bad = sum(1 for c in text if c == "\ufffd" or (unicodedata.category(c) in
                                                   ("Cc", "Cs", "Co", "Cn") and c != "\t"))
    if bad:
        return "not a question: the input holds control characters or bytes that are " \
               "not text"
    return None


class Asker:
    """Answers questions from one store; keeps what it learns between questions (the
    name lists for misspellings, recent documents' sentences)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.names = Names()
        self.sentences = read.Sentences()
        self._breadth: dict[str, int] | None = None

    def breadth(self, conn: Connection) -> dict[str, int]:
        """Films per genre (read once: the order of genres, broadest first)."""
        if self._breadth is None:
            self._breadth = read.genre_breadth(conn)
        return self._breadth

    def ask(self, question: Any) -> Result:
        """The question, what it was read as, its answers (best first) and a note
        (``Result.to_json()``: ``{"question", "interpretation", "answers", "note"}``)."""
        if isinstance(question, bytes):
            question = question.decode("utf-8", "replace")
        question = str(question) if question is not None else ""
        why = refuse(question)
        if why:
            return _result(question[:MAX_QUESTION], why)
        text = " ".join(question.split())
        tokens = tokenize(text)
        while tokens and tokens[-1].text in _END:
            tokens.pop()
        while tokens and tokens[0].text in _END:
            tokens.pop(0)
        if not tokens:
            return _result(question, "no words: ask about a film or a person")
        parses = matcher().parses(text, tokens)
        if not parses:
            return _result(question, "not understood: this does not read as a question "
                           "about a film's people or facts, or a person's films (try "
                           "'who directed TITLE?' or 'what films did NAME star in?')")
        with self.store.read() as conn:
            return self._answer(conn, question, parses)

    def _answer(self, conn: Connection, question: str, parses: list[Parse]) -> Result:
        best = parses[0].score[0]
        tried: list[tuple[Parse, dict[str, Found]]] = []
        empty: Result | None = None  # a reading that found its film but no answer
        words = 0  # the words of that reading
        for fuzzy in (False, True):
            for parse in parses:
                if fuzzy and parse.score[0] != best:
                    continue
                if empty is not None and parse.score[0] != words:
                    continue  # only as specific a reading may do better
                found = self._resolve(conn, parse, fuzzy)
                if _resolved(parse, found):
                    result = self._respond(conn, question, parse, found)
                    if result.answers:
                        return result
                    if empty is None:
                        empty, words = result, parse.score[0]
                    continue
                if not fuzzy:
                    tried.append((parse, found))
            if empty is not None:
                return empty
        parse, found = tried[0] if tried else (parses[0], {})
        if parse.form.kind == "person_films" and parse.form.prop in ("screenwriter", "any"):
            # a writer no document credits as a person may be the author of a source work
            name = found["person"].text if "person" in found else ""
            interp = _interpretation(parse, found)
            filters = interp.filters or {}
            out = credits.source_work_films(conn, self.sentences, name, filters) if name else []
            if out:
                interp = replace(interp, entity=Entity("person", None, name),
                                 matched="source work")
                return _result(question, f"{name} is named only as the author of the work "
                               "these films are based on", interp, out)
        return _result(question, _not_found(parse, found), _interpretation(parse, found))

    def _resolve(self, conn: Connection, parse: Parse, fuzzy: bool) -> dict[str, Found]:
        names = self.names if fuzzy else None
        out: dict[str, Found] = {}
        if "film" in parse.slots:
            out["film"] = find_film(conn, parse.slots["film"], names)
        if "person" in parse.slots:
            out["person"] = find_person(conn, parse.slots["person"], names)
        return out

    def _respond(self, conn: Connection, question: str, parse: Parse,
                 found: dict[str, Found]) -> Result:
        form = parse.form
        interp = _interpretation(parse, found)
        notes: list[str] = [n for n in (_how_note(f) for f in found.values()) if n]
        films = found["film"].entities[:MAX_FILMS] if "film" in found else []
        if len(found.get("film", Found()).entities) > 1:
            shown = ", ".join(film_text(f) for f in found["film"].entities[:MAX_FILMS])
            notes.append(f"{len(found['film'].entities)} films are called "
                         f"{found['film'].entities[0].name!r} ({shown}): answers for "
                         "each, the best-documented first")
        if form.kind == "film_property":
            out = self._film_property(conn, films, form.prop, notes)
        elif form.kind == "reception":
            out = []
            for film in films:
                out += critics.reception(conn, self.sentences, film)
            if not out:
                notes.append(f"the store holds no critics' reviews of {film_text(films[0])}")
            elif form.prop == "review":  # one critic's or one outlet's review
                who = clean_slot(parse.slots.get("critic", ""))
                out = [a for a in out if a.property == "review" and _by(who, a)]
                interp = replace(interp, critic=who)
                if not out:
                    notes.append(f"the store holds no review of {film_text(films[0])} by "
                                 f"{who!r}")
        elif form.kind == "person_films":
            person = found["person"]
            if len(person.entities) > 1:
                return _result(question, _which_person(person), replace(interp, entity=None))
            out = self._person_films(conn, person.entities[0], form.prop or "any",
                                     interp.filters or {}, notes)
            if not out and form.prop in ("screenwriter", "any"):
                out, interp, notes = self._as_author(conn, person, interp, notes)
        elif form.kind == "character_actor":
            character = clean_slot(parse.slots.get("character", ""))
            out = credits.cast_by_character(conn, self.sentences, films, character)
            played = {str(a.qualifier("character")) for a in out}
            if len(played) > 1:
                notes.append(f"{len(played)} characters fit {character!r}: "
                             + "; ".join(sorted(played)))
            if not out:
                where = f" in {film_text(films[0])}" if films else ""
                notes.append(f"the store names no actor who played {character!r}{where}")
        elif form.kind == "actor_character":
            person = found["person"]
            if len(person.entities) > 1:
                return _result(question, _which_person(person), replace(interp, entity=None))
            out = credits.characters_of(conn, self.sentences, person.entities[0], films)
            if not out:
                where = f" in {film_text(films[0])}" if films else ""
                notes.append(f"the store names no character {person.entities[0].name} "
                             f"played{where}")
        else:  # pragma: no cover - every kind of the grammar is handled above
            out = []
        out = [a for a in out if a.sources]  # never an answer without a source
        return _result(question, "; ".join(notes) or None, interp, out)

    def _film_property(self, conn: Connection, films: list[Entity], prop: str,
                       notes: list[str]) -> list[Answer]:
        out: list[Answer] = []
        for film in films:
            got = read.film_property(conn, self.sentences, film, prop,
                                     self.breadth(conn) if prop == "genre" else None)
            if not got and prop == "publication_date":
                got = read.film_property(conn, self.sentences, film, "year")
                if got:
                    notes.append(f"no release date of {film_text(film)} is stated; its year is")
            if prop == "screenwriter":  # and the authors of the work it is based on
                names = {name_key(str(a.value)) for a in got}
                authors = [a for a in _source_authors(conn, read.film_property(
                    conn, self.sentences, film, "based_on")) if name_key(str(a.value)) not in names]
                got = authors + got if SOURCE_AUTHORS_FIRST else got + authors
            out += got
        if not out:
            notes.append(f"the store holds no {PROPERTY_WORDS.get(prop, prop)} for "
                         f"{' or '.join(film_text(f) for f in films)}")
        disputed = [a for a in out if a.disputed]
        if disputed:
            notes.append(_dispute_note(disputed, prop))
        return out

    def _person_films(self, conn: Connection, person: Entity, role: str,
                      filters: Filters, notes: list[str]) -> list[Answer]:
        roles = PERSON_ROLES if role == "any" else (role,)
        out = credits.person_films(conn, self.sentences, person, roles, filters)
        if role in ("screenwriter", "any"):
            held = {a.film.id for a in out}
            out += [a for a in credits.source_work_films(conn, self.sentences, person.name,
                                                      filters) if a.film.id not in held]
        if not out:
            narrowed = f" ({_filters_text(filters)})" if filters else ""
            notes.append(f"the store credits {person.name} with no film "
                         f"{ROLE_WORDS.get(role, role)}{narrowed}")
        return out

    def _as_author(self, conn: Connection, person: Found, interp: Interpretation,
                   notes: list[str]) -> tuple[list[Answer], Interpretation, list[str]]:
        """A writer asked by a name the store read as another person ("David Foster
        Wallace" as "David Wallace", who wrote nothing): the films based on a work of the
        name as asked, when a "based on" phrase names its author so."""
        name = person.text
        if not name or name_key(name) == name_key(person.entities[0].name):
            return [], interp, notes
        out = credits.source_work_films(conn, self.sentences, name, interp.filters or {})
        if not out:
            return [], interp, notes
        interp = replace(interp, entity=Entity("person", None, name), matched="source work")
        return out, interp, [f"{name} is named only as the author of the work these films "
                             "are based on"]


def _resolved(parse: Parse, found: dict[str, Found]) -> bool:
    kind = parse.form.kind
    if kind in ("film_property", "reception"):
        return bool(found["film"].entities)
    if kind == "person_films":
        return bool(found["person"].entities)
    if kind == "character_actor":
        return "film" not in found or bool(found["film"].entities)
    if kind == "actor_character":
        return bool(found["person"].entities) and (
            "film" not in found or bool(found["film"].entities))
    return False


def _interpretation(parse: Parse, found: dict[str, Found]) -> Interpretation:
    form = parse.form
    if form.kind in ("film_property", "reception"):
        prop, role = form.prop or "reception", None
    elif form.kind == "person_films":
        prop, role = "films", form.prop
    else:
        prop = "character" if form.kind == "actor_character" else "cast_member"
        role = None
    main = found.get("person") if form.kind in ("person_films", "actor_character") \
        else found.get("film")
    interp = Interpretation(form.kind, form.name, prop, role)
    if main is not None:
        several = main.entities[:MAX_FILMS] if "film" in found and main is found["film"] \
            else main.entities
        interp = replace(interp, entity=main.entities[0] if main.entities else None,
                         asked=main.text, matched=main.how,
                         candidates=tuple(several) if len(main.entities) > 1 else ())
    if "film" in found and main is not found["film"]:
        interp = replace(interp, film_named=True, film=found["film"].entities[0]
                         if found["film"].entities else None)
    if "character" in parse.slots:
        interp = replace(interp, character=clean_slot(parse.slots["character"]))
    return replace(interp, filters={
        k: v for k, v in parse.slots.items()
        if k in ("year", "year2", "decade", "before", "after", "genre", "language")})


def _how_note(found: Found) -> str | None:
    if not found.entities:
        return None
    first = found.entities[0]
    name = film_text(first) if first.type == "film" else first.name
    if found.how == "fuzzy":
        return f"read {found.text!r} as {name}"
    if found.how in ("surname", "familiar") and len(found.entities) == 1:
        return f"read {found.text!r} as {name}"
    if found.near_year:
        return f"no film {found.text!r} of {found.year}; answering for {name}"
    return None


def _by(who: str, review: Answer) -> bool:
    """Whether a review is by the critic or outlet named ("Calder", "the Chronicle")."""
    words = [w for w in name_key(who).split() if w != "the"]
    if not words:
        return False
    for name in (review.qualifier("critic"), review.qualifier("outlet")):
        have = f" {name_key(name or '')} "
        if all(f" {w} " in have for w in words):
            return True
    return False


def _which_person(found: Found) -> str:
    names = "; ".join(f"{p.name} (id {p.id})" for p in found.entities[:10])
    return f"{found.text!r} names {len(found.entities)} people: {names}. Which one? " \
           "Ask again with the full name"


def _not_found(parse: Parse, found: dict[str, Found]) -> str:
    film = found.get("film")
    person = found.get("person")
    if film is not None and not film.entities:
        if film.others and film.year is not None:
            years = ", ".join(film_text(f) for f in film.others[:MAX_FILMS])
            return f"no film {film.text!r} of {film.year} in the store (it has {years})"
        if film.others:
            close = ", ".join(film_text(f) for f in film.others[:MAX_FILMS])
            return f"no film called {film.text!r} in the store; close titles: {close}. " \
                   "Which one?"
        return f"no film called {film.text!r} in the store"
    if person is not None and not person.entities:
        return f"no person called {person.text!r} in the store"
    return "not understood"  # pragma: no cover


def _dispute_note(disputed: list[Answer], prop: str) -> str:
    believed = [a for a in disputed if a.believed]
    others = [a for a in disputed if not a.believed]
    label = PROPERTY_WORDS.get(prop, prop)
    film = film_text(disputed[0].film)
    text = f"sources disagree on the {label} of {film}"
    if believed:
        text += f": {', '.join(a.text for a in believed)} is believed"
        reason = believed[0].reason or ""
        if reason:
            text += f" ({reason})"
    if others:
        text += f"; also stated: {', '.join(a.text for a in others)}"
    return text


def _filters_text(filters: Filters) -> str:
    parts = []
    if "genre" in filters:
        parts.append(str(filters["genre"]))
    if "language" in filters:
        parts.append(f"in {filters['language']}")
    if "year" in filters and "year2" in filters:
        parts.append(f"between {filters['year']} and {filters['year2']}")
    elif "year" in filters:
        parts.append(f"of {filters['year']}")
    if "decade" in filters:
        parts.append(f"of the {filters['decade']}s")
    if "before" in filters:
        parts.append(f"before {filters['before']}")
    if "after" in filters:
        parts.append(f"after {filters['after']}")
    return ", ".join(parts)


def _source_authors(conn: Connection, based_on: list[Answer]) -> list[Answer]:
    """"the novel of the same name by Zane Grey" -> Zane Grey (the person, when the store
    knows the name), with the same sources; an author two values name ("Byrne's novel",
    "the novel by Eileen Byrne") is one answer with the sources of both."""
    out: list[Answer] = []
    seen: dict[str, int] = {}  # an author's key -> the index of their answer
    for a in based_on:
        # the value's own authors, then those its sentences name after it ("based on Oak
        # Hill, a 1987 memoir by Ada Marsh": the value stops at the comma)
        named = credits.source_authors(str(a.value)) + [
            n for s in a.sources for n in credits.authors_after(s)]
        for name in dict.fromkeys(named):
            if (again := seen.get(name_key(name))) is not None:
                held = out[again].sources
                out[again] = replace(out[again], sources=held + tuple(
                    s for s in a.sources if s not in held))
                continue
            known = [p for p in by_key(conn, name_key(name), ("person",)) if not p.by_alias]
            entity = Entity("person", known[0].id, known[0].name) if len(known) == 1 else None
            out.append(replace(a, value=name, text=f"{name} (author of the source work)",
                               property="screenwriter", entity=entity,
                               qualifiers={"role": "author of the source work",
                                           "based_on": a.value},
                               layout=a.layout if a.qualifiers is not None else "last"))
            seen[name_key(name)] = len(out) - 1
    return out
