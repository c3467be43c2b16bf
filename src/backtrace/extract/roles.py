"""Credit phrases in lead prose: "directed by X", "written and directed by X", "starring X,
Y and Z", "The film stars X as Y", "produced by X for Studio", "distributed by X",
"released ... by X", "based on ...". (Release dates, "released on December 14, 2018", are
:func:`backtrace.extract.prose_releases.release_hits`.)"""

from __future__ import annotations

import re
from typing import Any

from backtrace.extract.prose import looks_like_organization, read_names
from backtrace.extract.rules import (
    FILTERS,
    READERS,
    Context,
    Example,
    RoleHit,
    Rule,
    hits_for,
    match,
)
from backtrace.vocabulary import OTHER_FILM_BEFORE_CREDIT, SOURCE_WORKS, THIS_FILM_AGAIN

_WRITER = ("screenwriter", {"credit": "writer"})
_ROLE_VERBS = r"produced|directed|written|edited|narrated|composed|starring|distributed"
_VERB_PROPS: dict[str, tuple[str, dict[str, Any]]] = {
    "written": _WRITER, "directed": ("director", {}), "produced": ("producer", {}),
    "edited": ("film_editor", {}), "narrated": ("narrator", {}),
    "photographed": ("director_of_photography", {}),
    # "directed by A and adapted by B from his own play": B wrote the screenplay
    "adapted": ("screenwriter", {"credit": "adaptation"}),
    "scored": ("composer", {}), "composed": ("composer", {}),
    "shot": ("director_of_photography", {}),
}
_VERB = r"(?:co-|co–)?(?:written|directed|produced|edited|narrated|photographed|adapted)"
# after another credit verb only ("written, directed and scored by"): alone, "shot by" and
# "composed by" are as often not a credit of the film
_LATER_VERB = rf"(?:{_VERB}|scored|composed|shot|choreographed)"
# between two verbs of a list: "written, directed by, and starring", "produced/co-written"
_VERB_SEP = r"(?:\s+by)?(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*/\s*)"
# "directed by", "written and directed by", "written, directed, and co-produced by",
# "produced/co-written by", "written, directed by, and starring X" (a list ending in
# "starring": the names have every credit of the list and are in the cast)
CREDIT_VERBS = re.compile(
    rf"\b(?P<verbs>{_VERB}(?:{_VERB_SEP}{_LATER_VERB})*)"
    rf"(?:{_VERB_SEP}(?P<stars>(?:co-?)?starring)\s+"
    # "produced in 1952 by X", "adapted for the screen by X"
    r"|(?:\s+in\s+\d{4}|\s+for\s+the\s+screen)?\s+by\s+)",
    re.IGNORECASE)

# "stars the voices of A, B", "starring an ensemble cast that includes A, B"
_CAST_FILLER = (r"(?:the\s+(?:voices?|voice\s+talents?|talents?)\s+of\s+"
                r"|an?\s+(?:\w+\s+)?(?:ensemble\s+|voice\s+)?cast\s+(?:that\s+)?"
                r"(?:includes|included|including|of|with|as|featuring)\s+)?")

def _ex(text: str, *finds: str) -> tuple[Example, ...]:
    return (Example(text, *finds),)


_CREDITS: dict[str, Any] = {"read": "credits", "unless_before": ("negated",)}
LEAD_RULES: tuple[Rule, ...] = (
    Rule("produced-and-distributed-by", r"\bproduced\s+and\s+(?:distributed|released)\s+by\s+",
         (("production_company", {}), ("distributor", {})), org=True, **_CREDITS,
         examples=_ex("It was produced and distributed by Halden Films.",
                      "production_company=Halden Films", "distributor=Halden Films")),
    # the properties from the verbs themselves (:func:`_verb_props`)
    Rule("verbs-by", CREDIT_VERBS.pattern, **_CREDITS,
         examples=_ex("It was written, directed, and co-produced by Ty Mercer.",
                      "screenwriter=Ty Mercer", "director=Ty Mercer", "producer=Ty Mercer")
         + _ex("It was directed by Ivo Lark and adapted by Bea Roth from her play.",
               "director=Ivo Lark", "screenwriter=Bea Roth")
         + _ex("It is a comedy written, directed by, and starring Ty Mercer.",
               "screenwriter=Ty Mercer", "director=Ty Mercer", "cast_member=Ty Mercer")
         + _ex("Directed by and starring Ivo Lark, it also features Kai Dorn.",
               "director=Ivo Lark", "cast_member=Ivo Lark")
         + _ex("It is a thriller written, directed and scored by Bea Roth.",
               "screenwriter=Bea Roth", "director=Bea Roth", "composer=Bea Roth")
         + _ex("It was directed and choreographed by Ula Penn.", "director=Ula Penn")
         # a description before the name is no part of it (``prose._DESCRIBED``)
         + _ex("It was directed by Ula Penn and written by her sister, Bea Roth.",
               "director=Ula Penn", "screenwriter=Bea Roth")
         + _ex("It is a thriller directed by Hong Kong film director Ivo Lark.",
               "director=Ivo Lark")
         + _ex("It was directed by Academy Award-winner Ivo Lark.", "director=Ivo Lark")
         + _ex("It was directed by first time writer/director Ivo Lark.",
               "director=Ivo Lark"),
         counterexamples=("It was not directed by Ty Mercer.",
                          "In the film he is shot by Ty Mercer.")),
    Rule("screenplay-by", r"\bscreenplay\s*,?\s+(?:is\s+|was\s+)?(?:written\s+)?by\s+",
         (("screenwriter", {"credit": "screenplay"}),), **_CREDITS,
         examples=_ex("The screenplay was written by Ula Penn.", "screenwriter=Ula Penn")),
    Rule("music-by", r"\b(?:music|score|soundtrack)\s+(?:is\s+|was\s+)?(?:composed\s+)?by\s+",
         (("composer", {}),), **_CREDITS,
         examples=_ex("It has music by Oren Falk.", "composer=Oren Falk")),
    Rule("cinematography-by", r"\bcinematography\s+(?:is\s+|was\s+)?by\s+",
         (("director_of_photography", {}),), **_CREDITS,
         examples=_ex("Cinematography is by Mei Tan.", "director_of_photography=Mei Tan")),
    Rule("distributed-by", r"\bdistributed\s+by\s+", (("distributor", {}),), org=True,
         **_CREDITS,
         examples=_ex("It was distributed by Corvid Releasing.",
                      "distributor=Corvid Releasing")),
    Rule("released-by", rf"\breleased\b(?:(?!\b(?:{_ROLE_VERBS})\b)[^.;]){{0,80}}?"
         r"\b(?:by|through)\s+", (("distributor", {}),), org=True, **_CREDITS,
         examples=_ex("It was released in May 2019 through Velvet Road Pictures.",
                      "distributor=Velvet Road Pictures")),
    Rule("under-the-banner", r"\bunder\s+(?:the|his|her|their)\s+(?:production\s+)?banner"
         r"\s+(?:of\s+)?", (("production_company", {}),), org=True, **_CREDITS,
         examples=_ex("It was made under the banner of Sunpath Studios.",
                      "production_company=Sunpath Studios")),
    Rule("starring", r"(?:\b(?:co-?)?starring\s+|\b(?:also\s+)?(?:co-?)?stars\s+|\bstarred\s+"
         r"|\bfeaturing\s+|\bfeatures\s+|\bfeatured\s+(?!in\b))" + _CAST_FILLER
         + r"|\bwith\s+an?\s+(?:\w+\s+)?(?:ensemble\s+|voice\s+)?cast\s+(?:that\s+)?"
           r"(?:includes|included|including|of|featuring)\s+",
         (("cast_member", {}),), **_CREDITS,
         examples=_ex("It stars Ilse Brun as Marta and Kai Dorn.",
                      "cast_member=Ilse Brun", "cast_member=Kai Dorn")
         + _ex("It starred Ilse Brun and featured Kai Dorn and Ula Penn.",
               "cast_member=Ilse Brun", "cast_member=Kai Dorn", "cast_member=Ula Penn")),
)
# right after the head of a lead sentence ("X is a 1999 drama film | by Ada Marsh"): the
# film's maker, as a catalogue or a festival credits a director ("a film by"); a company
# there is no director
HEAD_RULES: tuple[Rule, ...] = (
    Rule("film-by", r"\s*by\s+", (("director", {}),), keep="person", at_start=True,
         examples=_ex("by Ivo Lark, it is set in the north.", "director=Ivo Lark")
         + _ex("by director Ivo Lark, starring Kai Dorn.", "director=Ivo Lark"),
         counterexamples=("by Corvid Pictures.",)),
)


def head_hits(text: str, head_end: int, end: int) -> list[RoleHit]:
    """The credits right after the head of a lead sentence (:data:`HEAD_RULES`)."""
    return match(HEAD_RULES, text, head_end, end)


PRODUCES = tuple(sorted({p for r in LEAD_RULES for p, _ in r.props}
                        | {p for p, _ in _VERB_PROPS.values()}
                        | {"based_on", "production_company", "publication_date",
                           "executive_producer"}))

# a phrase after one of these words is about another film ("a remake of the 1954 film
# directed by ..."), not the one the lead describes
_OTHER_FILM = re.compile(OTHER_FILM_BEFORE_CREDIT, re.IGNORECASE)
_THIS_FILM_AGAIN = re.compile(THIS_FILM_AGAIN)
# "produced by X for Studio", "... through his Studio", "... of Studio"
_FOR_STUDIO = re.compile(r"\s+(?:(?P<for>for|through)\s+(?:(?:his|her|their)\s+)?|of\s+)")
# a "based on" value that names a work: a title ("the novel Oak Hill", "Kestrel") or a kind
# of work ("the 1922 novel of the same name", "the board game"); never "a true story", "the
# true story of ...", "the theory of eugenics"
_TITLED = re.compile(r"(?:(?:the|a|an)\s+(?:\w+\s+){0,3})?[\"“'A-Z]")
_SOURCE_WORK = re.compile(SOURCE_WORKS, re.IGNORECASE)
_KIND_OF_WORK = re.compile(
    rf"{SOURCE_WORKS}|\b(?:games?|series|program|programme|strip|screenplay|script|songs?"
    r"|ballads?|operas?|operetta|characters?|chapters?|cartoons?|franchise|short\s+film"
    r"|(?:stage\s+)?production|sketch|myths?|fables?|tales?|diary|diaries|letters|essay"
    r"|saga|epic|works?)\b", re.IGNORECASE)
_TRUE = re.compile(r"(?:(?:an?|[Tt]he)\s+)?true\b")


def names_a_work(value: str) -> bool:
    """Whether a "based on" value names a work, not "a true story"."""
    if _TRUE.match(value):
        return False
    return bool(_TITLED.match(value) or _KIND_OF_WORK.search(value))


# "... and features a screenplay by X": a verb after "and" starts another clause about
# the film (the end of a based-on value, the start of a credit's clause)
_AND_VERB = (r"\s+and\s+(?:is|was|follows|stars|starred|tells|features|featured|has|had"
             r"|includes|included|marks|marked)\b")
_BASED_ON_END = re.compile(
    r"[,;]|\.(?:\s|$)|\s+(?:and\s+)?(?:starring|directed|written|produced|adapted|based"
    r"|inspired)\b"
    rf"|{_AND_VERB}|\s+and\s+(?:it|the)\b")
# where the clause of a credit or a release begins: "Adapted from the novel, the film was
# produced by X", "composed by A while the lyrics are by B", "has music by A, was produced by B"
_CLAUSE_BEGINS = re.compile(
    r",\s+(?=(?:it|the\s+(?:film|movie|picture)|this\s+film|(?:and\s+)?(?:was|is|were))\s)"
    rf"|\b(?:while|whereas)\s+|;\s*|{_AND_VERB}\s*", re.IGNORECASE)


def clause_start(text: str, start: int, stop: int) -> int:
    """Where the clause that ``stop`` is in begins, not before ``start``."""
    begin = start
    for m in _CLAUSE_BEGINS.finditer(text, start, stop):
        begin = m.end()
    return begin


# "by A in Pakistan and by B": the same credit, once more
_AND_BY = re.compile(
    r"(?:\s+(?:in|across|throughout)\s+(?:the\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2}"
    r"|\s+(?:domestically|internationally|overseas|worldwide|abroad))?,?\s+and\s+(?:also\s+)?"
    r"by\s+(?=[A-Z0-9])")
# "executive-produced by X", "executive producer X": a credit of its own, not producer
EXECUTIVE = "executive_producer"
EXECUTIVE_BEFORE = re.compile(r"\bexecutive[\s-]+$", re.IGNORECASE)
# "despite not being produced by X": no credit
_ABBREVIATED = re.compile(r"(?:\b[A-Z]|\bJr|\bSr|\bDr|\bMr|\bMrs|\bSt|\bCo|\bInc|\bBros)\.$")


def _verb_props(m: re.Match[str]) -> list[tuple[str, dict[str, Any]]]:
    """ "written and directed by": the credits of each verb, in order."""
    verbs = re.findall("|".join(_VERB_PROPS), m.group("verbs").lower())
    props = [_VERB_PROPS[v] for v in dict.fromkeys(verbs)]
    return props + [("cast_member", {})] if m.group("stars") else props


def other_film_before(text: str, start: int, end: int) -> int | None:
    """Where the first word of another film ("remake", "the 1954 film") in ``text[start:
    end]`` ends, or None: a phrase starting at a word boundary after it is about that film
    (``_OTHER_FILM.search(text, start, pos)`` for each phrase would read the sentence again
    each time)."""
    m = _OTHER_FILM.search(text, start, end)
    return None if m is None else m.end()


def role_hits(text: str, start: int, end: int) -> list[RoleHit]:
    """Values of the credit phrases in ``text[start:end]`` (one sentence or its remainder):
    :data:`LEAD_RULES`, each phrase read once, none after a mention of another film unless
    the film itself is the subject again (:data:`backtrace.vocabulary.THIS_FILM_AGAIN`);
    then the work it is based on (:data:`BASED_ON_RULES`)."""
    stop = other_film_before(text, start, end)
    hits = match(LEAD_RULES, text, start, end, exclusive=True, stop_at=stop)
    if stop is not None and (again := _THIS_FILM_AGAIN.search(text, stop, end)):
        return hits + _based_on(text, start, again.start()) + role_hits(
            text, again.start() + 1, end)
    return hits + _based_on(text, start, end)


def _credits(c: Context) -> list[RoleHit]:
    """The names after a credit phrase, for each credit it gives: "produced by A for
    Studio", "distributed by A in Pakistan and by B", "starring A as X"."""
    text, end, m, rule = c.text, c.end, c.m, c.rule
    props = c.props or _verb_props(m)
    if EXECUTIVE_BEFORE.search(text, max(c.start, m.start() - 12), m.start()):
        props = [(EXECUTIVE, {}) if p == "producer" else (p, q) for p, q in props]
    cast = any(p == "cast_member" for p, _ in props)
    names = read_names(text, m.end(), end, org=rule.org, characters=cast)
    producer = any(p == "producer" for p, _ in props)
    if not names and producer:
        # "produced by A Productions & B Films": too long for a person's name
        names = [n for n in read_names(text, m.end(), end, org=True)
                 if looks_like_organization(n.name)]
    if names and (more := _AND_BY.match(text, names[-1].span_end, end)):
        # "distributed by A in Pakistan and by B internationally"
        names += read_names(text, more.end(), end, org=rule.org, characters=cast)
    companies = any(looks_like_organization(n.name) for n in names)
    hits: list[RoleHit] = []
    for hit in names:
        for prop, quals in props:
            if prop == "producer" and (looks_like_organization(hit.name) or (
                    companies and " " not in hit.name)):
                # "produced by Hanna-Barbera Productions", "co-produced by Walt Disney
                # Pictures and Rideback"
                prop = "production_company"
            q = dict(quals) | ({"character": hit.character} if hit.character else {})
            hits.append(RoleHit(prop, hit.name, hit.start, hit.span_end, q))
    if producer and names and (studio := _FOR_STUDIO.match(text, names[-1].span_end, end)):
        hits += [RoleHit("production_company", hit.name, hit.start, hit.end)
                 for hit in read_names(text, studio.end(), end, org=True)
                 if studio.group("for") or looks_like_organization(hit.name)]
    return hits


READERS["credits"] = _credits


def _based_on(text: str, start: int, end: int) -> list[RoleHit]:
    """The work the film is based on: the value of the first cue that names one ("based on
    events in 1950, adapted from Ada Marsh's book": the book), none after a mention of
    another film."""
    hits = match(BASED_ON_RULES, text, start, end,
                 stop_at=other_film_before(text, start, end))
    return [min(hits, key=lambda h: h.start)] if hits else []


def _work(c: Context) -> list[RoleHit]:
    """The value after a "based on" cue, up to where its clause ends, when it names a work."""
    value_end = _value_end(c.text, c.m.end(), c.end)
    value = " ".join(c.text[c.m.end():value_end].split())
    return hits_for(c.props, value, c.m.end(), value_end) if names_a_work(value) else []


READERS["work"] = _work
FILTERS["source_work"] = lambda value: _SOURCE_WORK.search(value) is not None

_WORK = (("based_on", {}),)
# the work a film is made from follows these cues; after "inspired by" and "adapted by A
# from" only a value naming a kind of work is one ("from his 1929 novel", not "from England",
# "inspired by John Wayne"); the names between "adapted by" and "from" are the screenwriters
# (the "verbs-by" row of :data:`LEAD_RULES`)
BASED_ON_RULES: tuple[Rule, ...] = (
    Rule("based-on", r"\b(?:based\s+(?:(?:loosely|partly|partially|largely|freely|closely)"
         r"\s+)?(?:up)?on|adapted\s+from|(?:film\s+|screen\s+)?adaptation\s+of)\s+", _WORK,
         read="work",
         examples=_ex("It is based loosely on the 1922 novel Oak Hill, and stars Ivo Lark.",
                      "based_on=the 1922 novel Oak Hill")
         + _ex("A film adaptation of Kestrel, it was shot in 1950.", "based_on=Kestrel"),
         counterexamples=("It is based on a true story.",
                          "It is based on the theory of eugenics.")),
    Rule("inspired-by", r"\binspired\s+by\s+", _WORK, read="work", keep="source_work",
         examples=_ex("It was inspired by Ada Marsh's novel Oak Hill.",
                      "based_on=Ada Marsh's novel Oak Hill"),
         counterexamples=("It was inspired by John Wayne.",)),
    Rule("adapted-by-from", r"\badapted\s+(?:for\s+the\s+screen\s+)?by\s+[^.;]{1,120}?"
         r"\s+from\s+", _WORK, read="work", keep="source_work",
         examples=_ex("It was adapted for the screen by Bea Roth from her 1929 novel.",
                      "based_on=her 1929 novel"),
         counterexamples=("It was adapted by Bea Roth from England.",)),
)


def _value_end(text: str, begin: int, end: int) -> int:
    """Where a "based on" value that starts at ``begin`` ends."""
    value_end = end
    for stop in _BASED_ON_END.finditer(text, begin, end):
        if stop.group(0).startswith(".") and _ABBREVIATED.search(text, begin, stop.start() + 1):
            continue  # "by James A. Michener": an initial, not the end of the sentence
        value_end = stop.start()
        break
    while value_end > begin and text[value_end - 1] in " .":
        if text[value_end - 1] == "." and _ABBREVIATED.search(text, begin, value_end):
            break
        value_end -= 1
    return value_end
