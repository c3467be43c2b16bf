"""Credits in running prose beyond the lead's "directed by X" phrases.

:func:`credit_hits` reads one sentence and returns people and companies with their roles:
the "<verb> by X" phrases of :mod:`backtrace.extract.roles` plus "helmed by X", "X directs",
"X served as director", "produced by: A, p.g.a.; B", "cinematographer X", "X as Y",
"X plays Y", "Y (X)", "costars with X (...), Y (...)", "Coming from Studio".
"""

from __future__ import annotations

import re
from typing import Any

from backtrace.extract.normalize import split_names
from backtrace.extract.prose import (
    LIST_SEP,
    NAME_SUFFIX,
    looks_like_organization,
    read_name,
    read_names,
)
from backtrace.extract.roles import EXECUTIVE_BEFORE, RoleHit, clause_start, role_hits

CREDIT_PROPS = (
    "director",
    "screenwriter",
    "producer",
    "cast_member",
    "composer",
    "director_of_photography",
    "film_editor",
    "production_company",
    "distributor",
    "based_on",
    "narrator",
)

_WRITER: tuple[str, dict[str, Any]] = ("screenwriter", {"credit": "writer"})
_SCREENPLAY: tuple[str, dict[str, Any]] = ("screenwriter", {"credit": "screenplay"})
_BY_PHRASES: tuple[tuple[re.Pattern[str], tuple[str, dict[str, Any]]], ...] = tuple(
    (re.compile(p, re.IGNORECASE), prop)
    for p, prop in (
        (r"\b(?:co-)?helmed\s+by\s+", ("director", {})),
        (r"\b(?:penned|scripted)\s+by\s+", _WRITER),
        # "a script by X", "features a screenplay by X", "the screenplay written by X"
        (r"\b(?:script|screenplay|teleplay)\s+(?:\w+\s+){0,2}?by\s+", _SCREENPLAY),
        (r"\bstory\s+by\s+", ("screenwriter", {"credit": "story"})),
        # "co-written with A", "joined by the writing team of A and B"
        (r"\b(?:co-wrote|co-written)\s+(?:it\s+|the\s+(?:film|screenplay|script)\s+)?with\s+"
         r"(?:the\s+writing\s+team\s+of\s+)?|\bthe\s+writing\s+team\s+of\s+", _WRITER),
        # "also wrote the film's screenplay with A, B and C": the co-writers
        (r"\b(?:wrote|written)\s+(?:the\s+(?:film's\s+|film’s\s+)?|its\s+)"
         r"(?:screenplay|script|story)(?:\s+and\s+(?:screenplay|script|story))?,?\s+with\s+",
         _WRITER),
        # "featuring twelve original songs by X", "an underscore by Y", "the songs were
        # written by X"
        (r"\boriginal\s+songs\s+by\s+|\bunderscore\s+by\s+|\bsongs\s+(?:were|are)\s+"
         r"(?:written|composed)\s+by\s+", ("composer", {})),
        # "composed by two composers, A and B"
        (r"\b(?:scored|composed)(?:\s+and\s+(?:conducted|orchestrated|arranged|performed))?"
         r"\s+by\s+(?:(?:two|three|four|the)\s+(?:composers|musicians|duo|brothers),?\s+)?",
         ("composer", {})),
        (r"\b(?:lensed|shot)\s+by\s+", ("director_of_photography", {})),
        (r"\bediting\s+(?:(?:was|is)\s+(?:\w+\s+)?)?by\s+", ("film_editor", {})),
        (
            r"\b(?:cinematography|camerawork|photography)\s+(?:was|is)\s+\w+\s+by\s+",
            ("director_of_photography", {}),
        ),
        (
            r"\b(?:music|score)\s+(?:was|is)\s+(?:provided|written|handled|done)\s+by\s+",
            ("composer", {}),
        ),
    )
)
# "cinematography and editing were handled by A and B": one name per craft, in order
_CRAFT = r"(?:cinematography|camerawork|camera|music|score|editing)"
_PAIRED_CRAFTS = re.compile(
    rf"\b(?P<first>{_CRAFT})\s+and\s+(?P<second>{_CRAFT})\s+"
    r"(?:(?:is|are|was|were)\s+(?:\w+\s+)?)?by\s+", re.IGNORECASE)
_CRAFT_PROPS = {"cinematography": "director_of_photography", "camerawork":
                "director_of_photography", "camera": "director_of_photography",
                "music": "composer", "score": "composer", "editing": "film_editor"}
# "cinematographer Nirav Shah", "composer Tim Jones"
_NOUN_BEFORE = re.compile(
    r"\b(?P<noun>cinematographer|director\s+of\s+photography|composer|film\s+editor|editor"
    r"|co-writer|screenwriter|producer|co-producer)\s+(?=[A-Z])"
)
# "directed by cinematographer X" credits X as director; "announced by producer X" does not
# take the noun's credit away
_CREDIT_BY = re.compile(
    r"\b(?!(?:announced|revealed|confirmed|unveiled|launched|presented|introduced|reported"
    r"|acquired|bought|picked|joined|accompanied)\b)[a-z-]+(?:\s+up)?\s+by\s+$")
# "the son of producer X": a relation, not a credit
_RELATION_BEFORE = re.compile(r"\bof\s+(?:the\s+)?(?:film\s+|famed\s+|veteran\s+)?$")
_NOUN_PROPS = {
    "co-writer": "screenwriter",
    "screenwriter": "screenwriter",
    "producer": "producer",
    "co-producer": "producer",
    "cinematographer": "director_of_photography",
    "director of photography": "director_of_photography",
    "composer": "composer",
    "film editor": "film_editor",
    "editor": "film_editor",
}
# "The director is Wei Tie", "the film's cinematographer was Ana Ruiz"
_ROLE_IS = re.compile(
    r"\b(?:the|its)\s+(?:film's\s+)?(?P<role>director|co-director|producer|screenwriter|writer"
    r"|cinematographer|director\s+of\s+photography|editor|composer)\s+(?:is|was)\s+(?=[A-Z])",
    re.IGNORECASE)
# "Brian A. Miller served as director"
_SERVED_AS = re.compile(
    r"\s+(?:(?:has|had|was|is|were|will)\s+(?:also\s+)?(?:been\s+)?)?(?:served|serves|serve"
    r"|acted|acts|hired|signed(?:\s+on)?|came\s+on\s+board|brought\s+on|selected|chosen"
    r"|joined(?:\s+the\s+(?:project|film|production))?)\s+as\s+(?:an?\s+)?"
    r"(?:the\s+(?:film's\s+)?|its\s+)?(?P<role>director|co-director|producer|co-producer"
    r"|screenwriter|writer|cinematographer|director\s+of\s+photography|editor|composer)\b"
)
_ROLE_WORDS = {
    "director": "director",
    "co-director": "director",
    "producer": "producer",
    "co-producer": "producer",
    "screenwriter": "screenwriter",
    "writer": "screenwriter",
    "cinematographer": "director_of_photography",
    "director of photography": "director_of_photography",
    "editor": "film_editor",
    "composer": "composer",
}
# "Miller directs", "Emmett produced the film"
_VERB_AFTER = re.compile(
    r"\s+(?:also\s+)?(?P<verb>directs|directed|produces|produced|edits|edited|scores|scored"
    r"|co-directed|co-produced)"
    r"(?=\s*(?:[,.;]|$|\s+(?:the\s+(?:film|movie|picture|project)|it|from|and|with|alongside"
    r"|on|for)\b))"
    r"|\s+(?:also\s+)?(?P<wrote>wrote|writes|co-wrote|penned)\s+the\s+(?:film's\s+)?"
    r"(?:screenplay|script|film|movie|story)\b"
    r"|\s+(?P<cowriting>co-writing)\b"
    # "Das is helming the camera"
    r"|\s+(?:is\s+|was\s+)?(?P<camera>helming|helmed|helms|handling|handled|handles"
    r"|wielding|wielded|cranking|cranked)\s+the\s+camera\b"
    # "A, B and C will produce the film", "are producing the project", "with A and B
    # producing the film"
    r"|(?:\s+(?:will|would|are|were|is|was|to)\s+(?:(?:also|set\s+to|going\s+to)\s+)?|\s+)"
    r"(?P<future>(?:write\s+and\s+)?direct|(?:writing\s+and\s+)?directing|produce"
    r"|producing|co-produce|co-producing)"
    r"(?=\s+the\s+(?:film|movie|picture|project)\b)"
    # "X has composed the music", "X is composing the film's score"
    r"|\s+(?:also\s+)?(?P<composed>(?:has\s+|had\s+|will\s+)?(?:composed|composes|compose)"
    r"|is\s+composing)\s+the\s+(?:film's\s+)?(?:background\s+|original\s+)?"
    r"(?:music|score|soundtrack)\b"
    # "X returned to compose the score", "X was hired to direct"
    r"|\s+(?:returned|returns|returning|came\s+back|(?:was|were)\s+(?:hired|brought\s+on)"
    r"|signed\s+on)\s+to\s+(?P<back>compose|score|direct|write|produce|edit)\b"
)
_VERB_PROPS: dict[str, tuple[str, dict[str, Any]]] = {
    "direct": ("director", {}),
    "produc": ("producer", {}),
    "edit": ("film_editor", {}),
    "score": ("composer", {}),
    "compos": ("composer", {}),
    "write": _WRITER,
    "wrote": _WRITER,
}
# the next verb of a series with the same subject: "(X produced)(, wrote the screenplay)"
_CHAINED_VERB = re.compile(
    r"(?:\s+(?:the\s+(?:film|movie|picture|project|screenplay|script|score|music)|it))?"
    r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:also\s+)?"
    r"(?P<verb>directed|produced|edited|co-directed|co-produced"
    r"|(?:co-)?wrote(?=\s+the\s+(?:film's\s+)?(?:screenplay|script)\b)"
    r"|composed(?=\s+the\s+(?:film's\s+)?(?:music|score)\b))\b(?!\s+by\b)")
# "... was hired to direct", "... is set to produce the film": one subject
_SINGULAR = re.compile(r"\s+(?:also\s+)?(?:was|is|has)\b")
_PRODUCED_LIST = re.compile(r"(?<!executive )(?<!executive-)\bproduced\s+by\s*:\s*",
                            re.IGNORECASE)
_CAST_TRIGGER = re.compile(
    r"\b(?:co-?stars?\s+with|teams|also\s+appearing\s+(?:in\s+the\s+(?:film|movie)\s+)?"
    r"(?:are|is)|the\s+cast\s+(?:also\s+)?include[sd]?|ensemble\s+cast\s+(?:that\s+)?(?:with|of|including|includes|as)"
    r"|(?:features|featuring)\s+the\s+voices?\s+of"
    r"|(?:stars?|starred|starring|appears?|appeared|co-?stars?)\s+(?:alongside|opposite"
    r"|along\s+with)"
    # "Supporting actors include A and B", "with A and B in the leading roles" (below)
    r"|(?:supporting\s+)?(?:actors|players)\s+(?:also\s+)?include[sd]?"
    # "The film's human cast consists of A, B", "a supporting cast played by A, B"
    r"|cast\s+(?:consists\s+of|consisted\s+of|played\s+by))\s+",
    re.IGNORECASE,
)
# "A, B and C co-star.", "A and B round out the principal cast": the list before
_CAST_AFTER = re.compile(
    r"\s+(?:also\s+)?(?:co-?star(?:s|red)?(?=\s*[.,;]|\s+(?:with|as|in|alongside)\b)"
    r"|(?:are|were)\s+(?:also\s+)?featured\s+in\s+(?:\w+\s+)?roles"
    r"|round(?:s|ed)?\s+out\s+the\s+(?:rest\s+of\s+the\s+)?(?:film's\s+|\w+\s+)?cast"
    # "A, B and C reprise their roles (from the first film)": returning cast
    r"|(?:also\s+)?repris(?:e|es|ed)\s+(?:his|her|their)\s+(?:\w+\s+)?roles?"
    # "A and B star in this adventure", "... and C starred in the film"
    r"|star(?:s|red)?\s+in\s+(?:this|the)\s+(?:\w+\s+)?(?:film|movie|picture|feature"
    r"|adventure|comedy|drama|western|thriller)\b"
    r"|(?:are|were|is|was)\s+(?:in\s+)?the\s+(?:leading|lead|main|title)\s+roles?"
    r"|in\s+the\s+(?:leading|lead|main|title)\s+roles?(?=\s*[.,;]|$))")
# "..., and are joined by A and B" in a sentence about the cast
_JOINED_BY = re.compile(r"\b(?:are|is|were|was)\s+(?:also\s+)?joined\s+by\s+")
_CAST_CONTEXT = re.compile(r"\b(?:cast|repris\w*|voices?|characters?)\b")
_PLAYS = re.compile(r"\s+(?:plays|played|portrays|portrayed|voices|voiced)\s+(?=[A-Z])")
_AS = re.compile(
    r"(?:\s+(?:also\s+)?(?:stars|co-stars|starred|co-starred|appears|appeared))?"
    r"\s+as\s+(?=[A-Z\"“])"
)
_PAREN = re.compile(r"\s*\(([^()]{1,80})\)")
_COMING_FROM = re.compile(r"\s*(?:Coming|Arriving)\s+(?:to\s+\w+\s+)?from\s+")
# "... hits Blu-ray on February 19 from Lionsgate": the company that releases it
_RELEASE_FROM = re.compile(
    r"\b(?:hits?|arrives?|opens?|released|comes|debuts?)\b[^.;]{0,80}?\b(?:\d{1,2}|\d{4}"
    r"|theaters|theatres|cinemas|Blu-ray|DVD|Digital|VOD|Demand)\s+(?:courtesy\s+of|from|via)\s+"
)
_WORK = re.compile(r"^(?:(?:the|a|an)\s+(?:\w+\s+){0,3})?[\"“'A-Z]")
_LEAD_WORDS = frozenset(
    {
        "Starring",
        "Also",
        "Director",
        "Producer",
        "Actor",
        "Actress",
        "Cast",
        "Coming",
        "Veteran",
        "Newcomer",
        "Legend",
        "Star",
        "Stars",
        "Co-star",
        "Filmmaker",
        "Writer",
        "Composer",
        "Cinematographer",
        "Editor",
        "Meanwhile",
        "Besides",
        "Here",
        "Now",
        "Then",
        "Finally",
    }
)
_ROLE_TITLES = frozenset({"Director", "Producer", "Actor", "Actress", "Filmmaker", "Writer",
                          "Screenwriter", "Composer", "Cinematographer", "Editor"})
_NOT_PERSON = re.compile(r"\b(?:Award|Awards|Oscar|Festival|Street|Avenue|University|The)\b")


def _person(name: str) -> bool:
    return (
        not looks_like_organization(name) and not _NOT_PERSON.search(name) and (name[:1].isalpha())
    )


def _list_with_notes(text: str, pos: int, end: int) -> tuple[list[tuple[int, int]], int]:
    """Names of a list whose items may carry a parenthesised note ("X (Quiz Show), Y"),
    and the offset where the list ends (notes included)."""
    found: list[tuple[int, int]] = []
    i = pos
    while True:
        name = read_name(text, i, end)
        if name is None:
            break
        if suffix := NAME_SUFFIX.match(text, name[1], end):
            name = (name[0], suffix.end())  # "Noah Beery, Sr."
        found.append(name)
        i = name[1]
        if note := _PAREN.match(text, i, end):
            i = note.end()
        sep = LIST_SEP.match(text, i, end)
        if sep is None:
            break
        i = sep.end()
    return found, i


_BACK_WORD = re.compile(r"[^\s,;:()]+?(?=[\s,;:()]|$|(?<=[a-z]{2}\.)[A-Z])")
_WORD_GAP = re.compile(r"[\s,;:()]")
_BACK_WINDOW = 160  # characters first read back for the last words


def _last_words(text: str, start: int, stop: int, n: int = 6) -> list[tuple[str, int]]:
    """The last ``n`` words of ``text[start:stop]`` (all when fewer), as (word, offset):
    read from a window before ``stop`` that starts after a gap between words, so it cuts
    none, widened until it holds ``n`` words (the words of the whole stretch would cost
    its length at each name read back: the square of a long sentence)."""
    size = _BACK_WINDOW
    while True:
        w = max(start, stop - size)
        if w > start:
            while w < stop and not _WORD_GAP.match(text, w - 1):
                w += 1
        words = [(m.group(0), w + m.start()) for m in _BACK_WORD.finditer(text[w:stop])]
        if w == start or len(words) >= n:
            return words[-n:]
        size *= 4


def _backward_name(text: str, start: int, stop: int) -> tuple[int, int] | None:
    """The capitalised name that ends at ``stop`` (at most six words back, not before
    ``start``)."""
    words = _last_words(text, start, stop)
    for k in range(len(words), 0, -1):
        first, s = words[-k]
        if first in _LEAD_WORDS or any(w in _ROLE_TITLES for w, _ in words[-k:-1]):
            continue  # "Experienced Cinematographer P. K. Das": the name is after the title
        found = read_name(text, s, stop)
        if found is not None and found[1] == stop:
            return found
    return None


def _by_phrases(text: str, start: int, end: int) -> list[RoleHit]:
    hits: list[RoleHit] = []
    paired: set[int] = set()
    for m in _PAIRED_CRAFTS.finditer(text, start, end):
        names = read_names(text, m.end(), end)
        crafts = [_CRAFT_PROPS[m.group(g).lower()] for g in ("first", "second")]
        if len(names) == 2:  # respectively
            pairs = list(zip(crafts, names, strict=True))
        elif len(names) == 1:  # one person did both
            pairs = [(craft, names[0]) for craft in crafts]
        else:
            continue
        paired.add(m.end())
        hits += [RoleHit(p, n.name, n.start, n.end) for p, n in pairs]
    for pattern, (prop, quals) in _BY_PHRASES:
        for m in pattern.finditer(text, start, end):
            if m.end() in paired:
                continue
            for hit in read_names(text, m.end(), end):
                hits.append(RoleHit(prop, hit.name, hit.start, hit.end, dict(quals)))
    for m in _ROLE_IS.finditer(text, start, end):
        if (found := read_name(text, m.end(), end)) and _person(text[found[0] : found[1]]):
            prop = _ROLE_WORDS[" ".join(m.group("role").lower().split())]
            hits.append(RoleHit(prop, text[found[0] : found[1]], found[0], found[1]))
    for m in _NOUN_BEFORE.finditer(text, start, end):
        if _CREDIT_BY.search(text, max(start, m.start() - 30), m.start()):
            continue  # "directed by cinematographer X": X is credited as director here
        if _RELATION_BEFORE.search(text, max(start, m.start() - 20), m.start()):
            continue
        if m.group("noun").endswith("producer") and EXECUTIVE_BEFORE.search(
                text, max(start, m.start() - 12), m.start()):
            continue  # "executive producer X": another credit than producer
        found = read_name(text, m.end(), end) or _possessed_name(text, m.end(), end)
        if found and _person(text[found[0] : found[1]]):
            prop = _NOUN_PROPS[" ".join(m.group("noun").lower().split())]
            hits.append(RoleHit(prop, text[found[0] : found[1]], found[0], found[1]))
    return hits


_POSSESSIVE = re.compile(r"[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,3}(?=(?:'s|’s)\b)")


def _possessed_name(text: str, pos: int, end: int) -> tuple[int, int] | None:
    """The name of a possessive right at ``pos`` ("producer Nina Ford's alma mater")."""
    m = _POSSESSIVE.match(text, pos, end)
    return read_name(text, m.start(), m.end()) if m else None


# "X joined the project as producer ... alongside Y": Y shares the credit
_ALONGSIDE = re.compile(r"[^.;]{0,60}?\b(?:alongside|together\s+with|along\s+with)\s+")


def _name_then_verb(text: str, start: int, end: int) -> list[RoleHit]:
    hits: list[RoleHit] = []
    for pattern in (_SERVED_AS, _VERB_AFTER):
        for m in pattern.finditer(text, start, end):
            also: list[tuple[str, dict[str, Any]]] = []
            if pattern is _SERVED_AS:
                if _AND_ROLE.match(text, m.end(), end):
                    continue  # "hired as the editor and the composer": read in order below
                prop, quals = _ROLE_WORDS[" ".join(m.group("role").lower().split())], {}
            elif m.group("wrote") or m.group("cowriting"):
                prop, quals = _WRITER
            elif m.group("composed"):
                prop, quals = "composer", {}
            elif m.group("camera"):
                prop, quals = "director_of_photography", {}
            else:
                verb = (m.group("verb") or m.group("future") or m.group("back")).lower()
                verb = verb.removeprefix("co-")
                if verb.startswith("writ") and " and " in verb:  # "write and direct the film"
                    also.append(_WRITER)
                    verb = verb.split()[-1]
                prop, quals = next(v for k, v in _VERB_PROPS.items() if verb.startswith(k))
            pos = m.end()
            while chained := _CHAINED_VERB.match(text, pos, end):
                # "X produced, wrote the screenplay, and stars", "wrote it and produced it"
                verb = chained.group("verb").lower().removeprefix("co-")
                also.append(next(v for k, v in _VERB_PROPS.items() if verb.startswith(k)))
                pos = chained.end()
            if relative := _RELATIVE.search(text, max(start, m.start() - 24), m.start()):
                # "A and B, the latter of whom also composed the score": B alone
                names = _backward_list(text, start, relative.start())[-1:]
            else:
                names = _backward_list(text, start, m.start())
            if _SINGULAR.match(m.group(0)):
                names = names[-1:]  # "the characters of A and B, and C was hired to direct"
            if names and (pronoun := _PRONOUN_AND.search(text, max(start, names[0][0] - 16),
                                                         names[0][0])):
                # "directed by A, and both he and B produced the film": A and B
                stop = pronoun.start()
                if sep := _SEP_BEFORE.search(text, max(start, stop - 8), stop):
                    stop = sep.start()
                names = _backward_list(text, start, stop)[-1:] + names
            if names and (joined := _JOINED.search(text, max(start, names[0][0] - 12),
                                                   names[0][0])):
                # "Lakeshore Entertainment joined Phantom Four to produce the film"
                names = _backward_list(text, start, joined.start()) + names
            companies = any(looks_like_organization(text[s:e]) for s, e in names)
            if names and (more := _ALONGSIDE.match(text, m.end(), end)):
                names += [(n.start, n.end) for n in read_names(text, more.end(), end)]
            for s, e in names:
                if prop == "producer" and companies:
                    # "Graveyard Shift Pictures produced with ...", "A and B Entertainment
                    # produced the film": companies, all of the list
                    hits.append(RoleHit("production_company", text[s:e], s, e))
                elif _person(text[s:e]):
                    for p, q in ((prop, quals), *also):
                        hits.append(RoleHit(p, text[s:e], s, e, dict(q)))
    return hits


_JOINED = re.compile(r"\s+joined\s+$")
_PRONOUN_AND = re.compile(r"\b(?:both\s+)?(?:he|she)\s+and\s+$", re.IGNORECASE)
_RELATIVE = re.compile(r",\s+(?:the\s+latter(?:\s+of\s+whom)?|who)$")
_SUFFIX_ONLY = re.compile(r"(?:Jr|Sr)\.?")
_SEP_BEFORE = re.compile(r"(?:,\s*and|,|\s+and)\s*$")


def _backward_list(text: str, start: int, stop: int) -> list[tuple[int, int]]:
    """The names of a list that ends at ``stop`` ("A, B and C"), in text order."""
    found: list[tuple[int, int]] = []
    while (name := _backward_name(text, start, stop)) is not None:
        found.append(name)
        sep = _SEP_BEFORE.search(text, max(start, name[0] - 6), name[0])
        if sep is None:
            break
        stop = sep.start()
    found.reverse()
    for k in range(len(found) - 1, 0, -1):  # "Noah Beery, Sr.": the suffix ends the name
        if _SUFFIX_ONLY.fullmatch(text, *found[k]):
            found[k - 1:k + 1] = [(found[k - 1][0], found[k][1])]
    return found


def _producer_list(text: str, start: int, end: int) -> list[RoleHit]:
    """ "produced by: Ada Vale, p.g.a.; Joss Mercer, p.g.a.; Lin Oduya" (credits stripped)."""
    hits: list[RoleHit] = []
    for m in _PRODUCED_LIST.finditer(text, start, end):
        stop = end
        while stop > m.end() and text[stop - 1] in " .":
            stop -= 1
        for name, s, e in split_names(text[m.end() : stop]):
            s, e = m.end() + s, m.end() + e
            whole = read_name(text, s, e, org=True)
            if whole is None or whole[1] != e:
                continue
            prop = "production_company" if looks_like_organization(name) else "producer"
            hits.append(RoleHit(prop, name, s, e))
    return hits


def _cast(text: str, start: int, end: int) -> tuple[list[RoleHit], list[tuple[int, int]]]:
    """Cast from "costars with X (...), Y", "X as Y", "X plays Y" and "Y (X)"; and the
    extents of the lists read (their notes are filmographies, not characters)."""
    hits: list[RoleHit] = []
    used: list[tuple[int, int]] = []
    for m in _CAST_TRIGGER.finditer(text, start, end):
        names, stop = _list_with_notes(text, m.end(), end)
        used.append((m.start(), stop))
        hits += [RoleHit("cast_member", text[s:e], s, e) for s, e in names if _person(text[s:e])]
    if _CAST_CONTEXT.search(text, start, end):
        for m in _JOINED_BY.finditer(text, start, end):
            names, stop = _list_with_notes(text, m.end(), end)
            used.append((m.start(), stop))
            hits += [RoleHit("cast_member", text[s:e], s, e) for s, e in names
                     if _person(text[s:e])]
    for m in _CAST_AFTER.finditer(text, start, end):
        stop = m.start()
        if text[max(start, stop - 1):stop] == ",":
            stop -= 1  # "including A, B, and C, reprise their roles"
        hits += [RoleHit("cast_member", text[a:b], a, b)
                 for a, b in _backward_list(text, start, stop) if _person(text[a:b])]
    for pattern in (_AS, _PLAYS):
        for m in pattern.finditer(text, start, end):
            actor = _backward_name(text, start, m.start())
            role = read_name(text, m.end(), end, character=True)
            if actor is None or role is None or not _person(text[actor[0] : actor[1]]):
                continue
            if pattern is _AS and _not_a_part(text, start, actor[0]):
                continue
            hits.append(
                RoleHit(
                    "cast_member",
                    text[actor[0] : actor[1]],
                    actor[0],
                    role[1],
                    {"character": text[role[0] : role[1]]},
                )
            )
    for m in _PAREN.finditer(text, start, end):
        if any(a <= m.start() < b for a, b in used):
            continue
        inner_start = m.start(1)
        inner_end = inner_start + len(m.group(1).rstrip())
        names = read_names(text, inner_start, inner_end)
        if (
            not names
            or names[-1].end != inner_end
            or not all(_person(n.name) and " " in n.name for n in names)
        ):
            continue
        character = _backward_name(text, start, m.start())
        if character is not None and len(names) == 1 and _actor_outside(
            text, start, character, names[0].name
        ):
            # "Lucia Ferrante (Sheriff Dolores Vance)": the actor, then the part played
            hits.append(
                RoleHit(
                    "cast_member",
                    text[character[0] : character[1]],
                    character[0],
                    m.end(),
                    {"character": names[0].name},
                )
            )
            continue
        for n in names:
            if (
                character is not None
                and len(names) == 1
                and _person(text[character[0] : character[1]])
            ):
                hits.append(
                    RoleHit(
                        "cast_member",
                        n.name,
                        character[0],
                        m.end(),
                        {"character": text[character[0] : character[1]]},
                    )
                )
            else:
                hits.append(RoleHit("cast_member", n.name, n.start, n.end))
    return hits, used


_NOT_A_PART = re.compile(
    r"\b(?:known|such|billed|credited|served|acts?|acted|described|returns?|returned)\s*$")


def _not_a_part(text: str, start: int, stop: int) -> bool:
    """Whether the word before ``stop`` (and white space) says "X as Y" is no part played
    ("known as", "served as"): read from the last few characters, not from ``start``."""
    word_end = stop
    while word_end > start and text[word_end - 1].isspace():
        word_end -= 1
    window = word_end - 12  # the longest word is 9 characters; one more for the boundary
    if window <= start:
        return _NOT_A_PART.search(text[start:stop]) is not None
    return _NOT_A_PART.search(text, window, stop) is not None


# a part's title: "(Sheriff Dolores Vance)" names a character, not an actor
_CHARACTER_TITLE = re.compile(
    r"^(?:Sheriff|Detective|Det\.|Dr\.|Doctor|Agent|Officer|Captain|Capt\.|Lieutenant|Lt\."
    r"|Sergeant|Sgt\.|Professor|Prof\.|Mr\.|Mrs\.|Ms\.|Miss|Father|Sister|Brother|Uncle"
    r"|Aunt|King|Queen|Prince|Princess|Lord|Lady|General|Gen\.|Colonel|Col\.|Major|Judge"
    r"|Mayor|Nurse|Orderly|Coach|Deputy|Inspector|Chief|President|Senator|Governor"
    r"|Reverend|Rev\.|Private|Pvt\.|Commander|Admiral|Marshal|Count|Countess|Baron|Duke)\s"
)
# "the cast includes A (B), C (D)": names after these words are the actors
_CAST_CUE = re.compile(
    r"\b(?:cast\s+(?:includes|included|of|also\s+includes|members)|starring|stars|co-?stars"
    r"|co-?starring|alongside|joined\s+by|ensemble\s+(?:includes|of)|also\s+appearing"
    r"|rounding\s+out\s+the\s+cast)\b",
    re.IGNORECASE,
)


def _actor_outside(text: str, start: int, outside: tuple[int, int], inside: str) -> bool:
    """Whether "X (Y)" is actor X playing Y (rather than character X played by Y): Y is
    titled like a part ("Sheriff ..."), or X follows a cast cue in the sentence and is
    written in full."""
    if _CHARACTER_TITLE.match(inside):
        return True
    outer = text[outside[0] : outside[1]]
    return " " in outer and _CAST_CUE.search(text, start, outside[0]) is not None


# "under their Campfire and Free Association banners", "under the production banners of
# A and B", "through his Phantom Four banner", "under his production company V Creations"
_BANNER = re.compile(
    r"(?:\b(?:under|through)\s+|(?<=\w)(?:'s|’s)\s+(?=(?:own\s+)?(?:production\s+)?banner))"
    r"(?:(?:the|his|her|their|its|own|new|newly|launched|home)\s+)*"
    r"(?P<noun>(?:production\s+)?(?:banners?|compan(?:y|ies)|houses?)(?:\s+of\s+|\s*,\s*|\s+)"
    r"|production\s+(?=[A-Z]))?")
_BANNER_AFTER = re.compile(r"(?:'s|’s)?\s+(?:banners?|production\s+(?:house|company)|management)\b")
_PRODUCTION = re.compile(r"\bproduc|\bbanner", re.IGNORECASE)


def _banners(text: str, start: int, end: int) -> list[RoleHit]:
    """Production companies named as a banner or a company a film is made under/through."""
    hits: list[RoleHit] = []
    for m in _BANNER.finditer(text, start, end):
        names = read_names(text, m.end(), end, org=True)
        if not names:
            continue
        named = bool(m.group("noun")) or bool(_BANNER_AFTER.match(text, names[-1].end, end))
        for n in names:
            if named or (looks_like_organization(n.name)
                         and _PRODUCTION.search(text, start, m.start())):
                hits.append(RoleHit("production_company", n.name, n.start, n.end))
    return hits


# "Lionsgate would handle the film's distribution", "acquired for distribution by X",
# "released on June 8, 2018 on Netflix"
_HANDLES_DISTRIBUTION = re.compile(
    r"\s+(?:will\s+|would\s+)?(?:handle[sd]?|handling)\s+(?:the\s+)?(?:film's\s+|its\s+)?"
    r"(?:\w+\s+)?distribution\b")
# "It was", "The film had been", "Adrift was": the film itself (a title of a few words)
_FILM_SUBJECT = re.compile(
    r"\s*(?:The\s+(?:film|movie)|It|[A-Z0-9][^\s.;]*(?:\s+[^\s.;]+){0,6})\s+"
    r"(?:was|had\s+been|has\s+been)\s+(?:(?:later|subsequently|then)\s+)?")
_ACQUIRED_BY = re.compile(r"\bacquired\s+(?:for\s+(?:\w+\s+)?distribution\s+)?by\s+")
_STREAMERS = re.compile(
    r"\b(?:released|premiered|debuted|streaming|launched)\b[^.;]{0,60}?\bon\s+"
    r"(?P<name>Netflix|Amazon\s+Prime\s+Video|Prime\s+Video|Hulu|Disney\+\s+Hotstar|Disney\+"
    r"|Apple\s+TV\+"
    r"|HBO\s+Max|Max|Peacock|Paramount\+|ZEE5|Hotstar|MUBI|Shudder)"
    r"(?![\w+])")


def _distribution(text: str, start: int, end: int) -> list[RoleHit]:
    hits: list[RoleHit] = []
    for m in _HANDLES_DISTRIBUTION.finditer(text, start, end):
        if (found := _backward_name(text, start, m.start())) is not None:
            hits.append(RoleHit("distributor", text[found[0]:found[1]], found[0], found[1]))
    for m in _ACQUIRED_BY.finditer(text, start, end):
        found = read_name(text, m.end(), end, org=True)
        if found is None:
            continue
        name = text[found[0]:found[1]]
        film_acquired = _FILM_SUBJECT.fullmatch(text, start, m.start()) is not None
        if "distribution" in m.group(0) or (film_acquired and looks_like_organization(name)):
            hits.append(RoleHit("distributor", name, found[0], found[1]))
    for m in _STREAMERS.finditer(text, start, end):
        hits.append(RoleHit("distributor", m.group("name"), m.start("name"), m.end("name")))
    return hits


def _coming_from(text: str, start: int, end: int) -> list[RoleHit]:
    hits: list[RoleHit] = []
    for m in (_COMING_FROM.match(text, start, end), _RELEASE_FROM.search(text, start, end)):
        found = read_name(text, m.end(), end, org=True) if m else None
        if found is not None:
            hits.append(RoleHit("distributor", text[found[0] : found[1]], found[0], found[1]))
    return hits


# "a 1957 adventure film from Walt Disney Productions", "made by Hammer Film Productions":
# a company (a person after "made by" is not read here)
_MADE_BY = re.compile(r"\b(?:film|movie|picture|feature)\s+from\s+|\bmade\s+by\s+")


# "Fernando Lockett's cinematography", "Ana Ruiz's tense editing": a critic names the credit
_POSSESSED_CRAFT = re.compile(
    r"(?:'s|’s)\s+(?:[a-z-]+\s+){0,2}?(?P<craft>cinematography|camerawork|camera\s+work"
    r"|editing|score)\b(?!\s+(?:rooms?|suites?|software|process|sessions?))")
_POSSESSED_PROPS = {"cinematography": "director_of_photography",
                    "camerawork": "director_of_photography",
                    "camera work": "director_of_photography", "editing": "film_editor",
                    "score": "composer"}


def _possessed_craft(text: str, start: int, end: int) -> list[RoleHit]:
    hits: list[RoleHit] = []
    for m in _POSSESSED_CRAFT.finditer(text, start, end):
        found = _backward_name(text, start, m.start())
        if found is None:
            continue
        name = text[found[0]:found[1]]
        # a full name only: "Disney's score", "Nolan's cinematography" name no credit
        if " " in name and _person(name) and not looks_like_organization(name):
            prop = _POSSESSED_PROPS[" ".join(m.group("craft").lower().split())]
            hits.append(RoleHit(prop, name, found[0], found[1]))
    return hits


# "A and B were selected to be the cinematographer and music composer": in order
_ROLE_NOUN = (r"(?:cinematographer|director\s+of\s+photography|(?:music\s+)?composer"
              r"|music\s+director|(?:film\s+)?editor|producer|screenwriter|writer)")
_PAIRED_ROLES = re.compile(
    r"\s+(?:were|are|have\s+been|had\s+been)\s+(?:\w+\s+)?(?:selected|chosen|signed(?:\s+on)?"
    r"|hired|roped\s+in|brought\s+(?:in|on)|confirmed|announced)\s+(?:to\s+be|as)\s+"
    rf"(?:the\s+(?:film's\s+)?)?(?P<first>{_ROLE_NOUN})\s+and\s+(?:the\s+)?"
    rf"(?P<second>{_ROLE_NOUN})\b")
_AND_ROLE = re.compile(rf"\s+and\s+(?:the\s+)?{_ROLE_NOUN}\b")
_ROLE_NOUN_PROPS = {**_ROLE_WORDS, "music composer": "composer", "music director": "composer",
                    "film editor": "film_editor"}


def _paired_roles(text: str, start: int, end: int) -> list[RoleHit]:
    hits: list[RoleHit] = []
    for m in _PAIRED_ROLES.finditer(text, start, end):
        names = _backward_list(text, start, m.start())
        if len(names) != 2 or not all(_person(text[a:b]) for a, b in names):
            continue
        for (a, b), group in zip(names, ("first", "second"), strict=True):
            prop = _ROLE_NOUN_PROPS[" ".join(m.group(group).lower().split())]
            hits.append(RoleHit(prop, text[a:b], a, b))
    return hits


def _made_by(text: str, start: int, end: int) -> list[RoleHit]:
    hits: list[RoleHit] = []
    for m in _MADE_BY.finditer(text, max(0, start - 10), end):  # a lead's head ends in "film"
        found = read_name(text, m.end(), end, org=True)
        if found is not None and looks_like_organization(text[found[0]:found[1]]):
            hits.append(RoleHit("production_company", text[found[0]:found[1]], *found))
    return hits


# a credit phrase about one of these is not a credit of the film ("the lyrics were written
# by X", "the first look was released by X", "Y of Variety wrote")
_NOT_THE_FILM = re.compile(
    r"\b(?:lyrics?|songs?|sung|singles?|album|tracks?|poem|poetry|book|novel|article|review|music"
    r"|soundtrack|audio|score"
    r"|trailers?|teasers?|posters?|first\s+look|motion\s+poster|dialogues?"
    r"|(?<!-)(?<!home\s)video(?![-\s]on[-\s]demand))\b",  # not "direct-to-video", "home video"
    re.IGNORECASE,
)
# 'Dwayne "The Rock" Johnson': a quoted nickname inside a name
_NICKNAMED = re.compile(r"[A-Z][\w.'’-]*\s+[\"“][^\"“”]+[\"”]\s+[A-Z][\w.'’-]*")
_WHEN = re.compile(
    r"(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Christmas|Easter|Diwali|Eid|Pongal|Onam|Sankranti|Thanksgiving|Halloween"
    r"|Spring|Summer|Autumn|Fall|Winter)(?:\s+\d{4})?"
)
_FILM_ONLY = frozenset({"screenwriter", "distributor", "production_company", "producer"})


def plausible_credit(text: str, start: int, hit: RoleHit) -> bool:
    """Whether a hit in the sentence from ``start`` is a credit of the film (not of its
    lyrics, trailer or source book, not "released by October")."""
    value = str(hit.value)
    if hit.prop == "based_on":
        return True
    if not value[:1].isalnum() or (any(q in value for q in '"“”')
                                   and not _NICKNAMED.fullmatch(value)):
        return False
    # only the credit's own clause counts
    before = text[clause_start(text, max(start, hit.start - 100), hit.start) : hit.start]
    if hit.prop in ("distributor", "production_company") and _WHEN.fullmatch(value):
        return False  # "released by October", "by Christmas 2017"
    return not (hit.prop in _FILM_ONLY and _NOT_THE_FILM.search(before))


def credit_hits(text: str, start: int, end: int) -> list[RoleHit]:
    """Every credit written in the sentence ``text[start:end]``."""
    return [h for h in _credit_hits(text, start, end) if plausible_credit(text, start, h)]


def _credit_hits(text: str, start: int, end: int) -> list[RoleHit]:
    hits = _by_phrases(text, start, end)
    # "based on reviews", "based on a true story": not a work
    hits += [
        h for h in role_hits(text, start, end) if h.prop != "based_on" or _WORK.match(str(h.value))
    ]
    hits += _name_then_verb(text, start, end)
    hits += _producer_list(text, start, end)
    cast, _used = _cast(text, start, end)
    hits += cast
    hits += _coming_from(text, start, end)
    hits += _made_by(text, start, end)
    hits += _possessed_craft(text, start, end)
    hits += _paired_roles(text, start, end)
    hits += _banners(text, start, end)
    hits += _distribution(text, start, end)
    return hits
