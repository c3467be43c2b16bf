"""Credits in running prose beyond the lead's "directed by X" phrases.

:func:`credit_hits` reads one sentence and returns people and companies with their roles:
the rule table :data:`backtrace.extract.credit_rules.CREDIT_RULES` ("helmed by X", "X
directs", "X served as director", "cinematographer X", "co-stars with X", "Coming from
Studio", ...), the lead's "<verb> by X" rules (:data:`backtrace.extract.roles.LEAD_RULES`),
and the functions beside the tables for what a pattern cannot say: crafts and roles read in
pairs, "produced by: A, p.g.a.; B", "X as Y", "X plays Y", "Y (X)", banners, "acquired by".
"""

from __future__ import annotations

import re

from backtrace.extract.credit_rules import CREDIT_RULES
from backtrace.extract.normalize import split_names
from backtrace.extract.prose import (
    PAREN,
    backward_list,
    backward_name,
    is_person,
    looks_like_organization,
    read_name,
    read_names,
)
from backtrace.extract.roles import clause_start, names_a_work, role_hits
from backtrace.extract.rules import RoleHit, match
from backtrace.vocabulary import ROLE_WORDS

CREDIT_PROPS = (
    "director",
    "screenwriter",
    "producer",
    "executive_producer",
    "cast_member",
    "composer",
    "director_of_photography",
    "film_editor",
    "production_company",
    "distributor",
    "based_on",
    "narrator",
)

# "cinematography and editing were handled by A and B": one name per craft, in order
_CRAFT = r"(?:cinematography|camerawork|camera|music|score|editing)"
_PAIRED_CRAFTS = re.compile(
    rf"\b(?P<first>{_CRAFT})\s+and\s+(?P<second>{_CRAFT})\s+"
    r"(?:(?:is|are|was|were)\s+(?:\w+\s+)?)?by\s+", re.IGNORECASE)


def _role(word: str) -> str:
    """The property a role word credits ("Music Director" -> composer)."""
    return ROLE_WORDS[" ".join(word.lower().split()).removeprefix("co-")][0]


def _paired_crafts(text: str, start: int, end: int) -> tuple[list[RoleHit], set[int]]:
    """ "cinematography and editing by A and B" (respectively), or by one person for both;
    and where these phrases end (the table's "editing by" is not read there again)."""
    hits: list[RoleHit] = []
    paired: set[int] = set()
    for m in _PAIRED_CRAFTS.finditer(text, start, end):
        names = read_names(text, m.end(), end)
        crafts = [_role(m.group(g)) for g in ("first", "second")]
        if len(names) == 2:  # respectively
            pairs = list(zip(crafts, names, strict=True))
        elif len(names) == 1:  # one person did both
            pairs = [(craft, names[0]) for craft in crafts]
        else:
            continue
        paired.add(m.end())
        hits += [RoleHit(p, n.name, n.start, n.end) for p, n in pairs]
    return hits, paired


_PRODUCED_LIST = re.compile(r"(?<!executive )(?<!executive-)\bproduced\s+by\s*:\s*",
                            re.IGNORECASE)
_PLAYS = re.compile(r"\s+(?:plays|played|portrays|portrayed|voices|voiced)\s+(?=[A-Z])")
_AS = re.compile(
    r"(?:\s+(?:also\s+)?(?:stars|co-stars|starred|co-starred|appears|appeared))?"
    r"\s+as\s+(?=[A-Z\"“])"
)




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


def _parts(text: str, start: int, end: int, used: list[tuple[int, int]]) -> list[RoleHit]:
    """Cast with the part played: "X as Y", "X plays Y" and "Y (X)" (or "X (Y)"), but not
    the notes of a list already read (``used``: "co-stars with A (Quiz Show)")."""
    hits: list[RoleHit] = []
    for pattern in (_AS, _PLAYS):
        for m in pattern.finditer(text, start, end):
            actor = backward_name(text, start, m.start())
            role = read_name(text, m.end(), end, character=True)
            if actor is None or role is None or not is_person(text[actor[0]:actor[1]]):
                continue
            if pattern is _AS and _not_a_part(text, start, actor[0]):
                continue
            hits.append(RoleHit("cast_member", text[actor[0]:actor[1]], actor[0], role[1],
                                {"character": text[role[0]:role[1]]}))
    for m in PAREN.finditer(text, start, end):
        if not any(a <= m.start() < b for a, b in used):
            hits += _in_brackets(text, start, m)
    return hits


def _in_brackets(text: str, start: int, m: re.Match[str]) -> list[RoleHit]:
    """ "Dolores Vance (Lucia Ferrante)": the actor in brackets after the part; "Lucia
    Ferrante (Sheriff Dolores Vance)": the part in brackets after the actor; "(A, B)": cast."""
    inner_start = m.start(1)
    inner_end = inner_start + len(m.group(1).rstrip())
    names = read_names(text, inner_start, inner_end)
    if (not names or names[-1].end != inner_end
            or not all(is_person(n.name) and " " in n.name for n in names)):
        return []
    outside = backward_name(text, start, m.start())
    if outside is None or len(names) != 1:
        return [RoleHit("cast_member", n.name, n.start, n.end) for n in names]
    before = text[outside[0]:outside[1]]
    if _actor_outside(text, start, outside, names[0].name):
        return [RoleHit("cast_member", before, outside[0], m.end(),
                        {"character": names[0].name})]
    if is_person(before):
        return [RoleHit("cast_member", names[0].name, outside[0], m.end(),
                        {"character": before})]
    return [RoleHit("cast_member", names[0].name, names[0].start, names[0].end)]


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


# "It was", "The film had been", "Adrift was": the film itself (a title of a few words)
_FILM_SUBJECT = re.compile(
    r"\s*(?:The\s+(?:film|movie)|It|[A-Z0-9][^\s.;]*(?:\s+[^\s.;]+){0,6})\s+"
    r"(?:was|had\s+been|has\s+been)\s+(?:(?:later|subsequently|then)\s+)?")
_ACQUIRED_BY = re.compile(r"\bacquired\s+(?:for\s+(?:\w+\s+)?distribution\s+)?by\s+")


def _acquired(text: str, start: int, end: int) -> list[RoleHit]:
    """ "acquired for distribution by X"; "The film was acquired by Studio"."""
    hits: list[RoleHit] = []
    for m in _ACQUIRED_BY.finditer(text, start, end):
        found = read_name(text, m.end(), end, org=True)
        if found is None:
            continue
        name = text[found[0]:found[1]]
        film_acquired = _FILM_SUBJECT.fullmatch(text, start, m.start()) is not None
        if "distribution" in m.group(0) or (film_acquired and looks_like_organization(name)):
            hits.append(RoleHit("distributor", name, found[0], found[1]))
    return hits


# "A and B were selected to be the cinematographer and music composer": in order
_ROLE_NOUN = (r"(?:cinematographer|director\s+of\s+photography|(?:music\s+)?composer"
              r"|music\s+director|(?:film\s+)?editor|producer|screenwriter|writer)")
_PAIRED_ROLES = re.compile(
    r"\s+(?:were|are|have\s+been|had\s+been)\s+(?:\w+\s+)?(?:selected|chosen|signed(?:\s+on)?"
    r"|hired|roped\s+in|brought\s+(?:in|on)|confirmed|announced)\s+(?:to\s+be|as)\s+"
    rf"(?:the\s+(?:film's\s+)?)?(?P<first>{_ROLE_NOUN})\s+and\s+(?:the\s+)?"
    rf"(?P<second>{_ROLE_NOUN})\b")


def _paired_roles(text: str, start: int, end: int) -> list[RoleHit]:
    hits: list[RoleHit] = []
    for m in _PAIRED_ROLES.finditer(text, start, end):
        names = backward_list(text, start, m.start())
        if len(names) != 2 or not all(is_person(text[a:b]) for a, b in names):
            continue
        for (a, b), group in zip(names, ("first", "second"), strict=True):
            hits.append(RoleHit(_role(m.group(group)), text[a:b], a, b))
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
    hits, paired = _paired_crafts(text, start, end)
    lists: list[tuple[int, int]] = []
    hits += match(CREDIT_RULES, text, start, end, skip_ends=paired, spans=lists)
    # "based on reviews", "based on a true story": not a work
    hits += [
        h for h in role_hits(text, start, end)
        if h.prop != "based_on" or names_a_work(str(h.value))
    ]
    hits += _producer_list(text, start, end)
    hits += _parts(text, start, end, lists)
    hits += _paired_roles(text, start, end)
    hits += _banners(text, start, end)
    hits += _acquired(text, start, end)
    return hits
