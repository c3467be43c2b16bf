"""Credit phrases in lead prose: "directed by X", "written and directed by X", "starring X,
Y and Z", "The film stars X as Y", "produced by X for Studio", "distributed by X",
"released ... by X", "based on ...", and release dates ("released on December 14, 2018")."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from backtrace.extract.normalize import find_dates, normalize_country
from backtrace.extract.prose import looks_like_organization, read_names


@dataclass(frozen=True, slots=True)
class Role:
    pattern: re.Pattern[str]
    props: tuple[tuple[str, dict[str, Any]], ...]
    org: bool = False
    cast: bool = False


@dataclass(slots=True)
class RoleHit:
    """One value read from a credit phrase (offsets into the text read)."""

    prop: str
    value: Any
    start: int
    end: int
    qualifiers: dict[str, Any] = field(default_factory=dict)


def _role(pattern: str, *props: str | tuple[str, dict[str, Any]], org: bool = False,
          cast: bool = False) -> Role:
    pairs = tuple(p if isinstance(p, tuple) else (p, {}) for p in props)
    return Role(re.compile(pattern, re.IGNORECASE), pairs, org, cast)


_WRITER = ("screenwriter", {"credit": "writer"})
_ROLE_VERBS = r"produced|directed|written|edited|narrated|composed|starring|distributed"
_VERB_PROPS: dict[str, tuple[str, dict[str, Any]]] = {
    "written": _WRITER, "directed": ("director", {}), "produced": ("producer", {}),
    "edited": ("film_editor", {}), "narrated": ("narrator", {}),
    "photographed": ("director_of_photography", {}),
}
_VERB = r"(?:co-|co–)?(?:written|directed|produced|edited|narrated|photographed)"
# "directed by", "written and directed by", "written, directed, and co-produced by",
# "produced/co-written by"
CREDIT_VERBS = re.compile(
    rf"\b(?P<verbs>(?:{_VERB}(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*/\s*))*{_VERB})"
    r"(?:\s+in\s+\d{4})?\s+by\s+",  # "produced in 1952 by X"
    re.IGNORECASE)

# "stars the voices of A, B", "starring an ensemble cast that includes A, B"
_CAST_FILLER = (r"(?:the\s+(?:voices?|voice\s+talents?|talents?)\s+of\s+"
                r"|an?\s+(?:\w+\s+)?(?:ensemble\s+|voice\s+)?cast\s+(?:that\s+)?"
                r"(?:includes|included|including|of|with|as|featuring)\s+)?")

ROLES: tuple[Role, ...] = (
    _role(r"\bproduced\s+and\s+(?:distributed|released)\s+by\s+", "production_company",
          "distributor", org=True),
    Role(CREDIT_VERBS, ()),  # properties from the verbs themselves
    _role(r"\bscreenplay\s*,?\s+(?:is\s+|was\s+)?(?:written\s+)?by\s+",
          ("screenwriter", {"credit": "screenplay"})),
    _role(r"\b(?:music|score|soundtrack)\s+(?:is\s+|was\s+)?(?:composed\s+)?by\s+", "composer"),
    _role(r"\bcinematography\s+(?:is\s+|was\s+)?by\s+", "director_of_photography"),
    _role(r"\bdistributed\s+by\s+", "distributor", org=True),
    _role(rf"\breleased\b(?:(?!\b(?:{_ROLE_VERBS})\b)[^.;]){{0,80}}?\b(?:by|through)\s+",
          "distributor", org=True),
    _role(r"\bunder\s+(?:the|his|her|their)\s+(?:production\s+)?banner\s+(?:of\s+)?",
          "production_company", org=True),
    _role(r"(?:\b(?:co-?)?starring\s+|\b(?:also\s+)?(?:co-?)?stars\s+|\bstarred\s+"
          r"|\bfeaturing\s+|\bfeatures\s+)" + _CAST_FILLER
          + r"|\bwith\s+an?\s+(?:\w+\s+)?(?:ensemble\s+|voice\s+)?cast\s+(?:that\s+)?"
            r"(?:includes|included|including|of|featuring)\s+",
          "cast_member", cast=True),
)
PRODUCES = tuple(sorted({p for r in ROLES for p, _ in r.props}
                        | {p for p, _ in _VERB_PROPS.values()}
                        | {"based_on", "production_company", "publication_date"}))

# a phrase after one of these words is about another film ("a remake of the 1954 film
# directed by ..."), not the one the lead describes
_OTHER_FILM = re.compile(
    r"\b(?:remake|sequel|prequel|version|spin-off|follow-up|installment|instalment"
    r"|predecessor)\b|\b(?:1[89]|20)\d\d\s+film\b",
    re.IGNORECASE,
)
# "produced by X for Studio", "... through his Studio", "... of Studio"
_FOR_STUDIO = re.compile(r"\s+(?:(?P<for>for|through)\s+(?:(?:his|her|their)\s+)?|of\s+)")
_BASED_ON = re.compile(r"\bbased\s+(?:up)?on\s+", re.IGNORECASE)
# "... and features a screenplay by X": a verb after "and" starts another clause about
# the film (the end of a based-on value, the start of a credit's clause)
_AND_VERB = (r"\s+and\s+(?:is|was|follows|stars|starred|tells|features|featured|has|had"
             r"|includes|included|marks|marked)\b")
_BASED_ON_END = re.compile(
    r"[,;]|\.(?:\s|$)|\s+(?:starring|directed|written|produced)\b"
    rf"|{_AND_VERB}|\s+and\s+(?:it|the)\b")
_RELEASED = re.compile(r"\b(released|premiered|opened)\b", re.IGNORECASE)
# ", in France", " in the United States": a place after "in"
IN_PLACE = re.compile(r",?\s+in\s+(?:the\s+)?((?:[A-Z][\w.]*)(?:\s+[A-Z][\w.]*){0,3})")
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
EXECUTIVE_BEFORE = re.compile(r"\bexecutive[\s-]+$", re.IGNORECASE)
# "despite not being produced by X": no credit
_NEGATED_BEFORE = re.compile(r"\bnot\s+(?:(?:being|been|be)\s+)?$", re.IGNORECASE)
_ABBREVIATED = re.compile(r"(?:\b[A-Z]|\bJr|\bSr|\bDr|\bMr|\bMrs|\bSt|\bCo|\bInc|\bBros)\.$")


def _props(role: Role, m: re.Match[str]) -> list[tuple[str, dict[str, Any]]]:
    if role.props:
        return list(role.props)
    verbs = re.findall(r"written|directed|produced|edited|narrated|photographed",
                       m.group("verbs").lower())
    return [_VERB_PROPS[v] for v in dict.fromkeys(verbs)]


def _other_film_before(text: str, start: int, end: int) -> int | None:
    """Where the first word of another film ("remake", "the 1954 film") in ``text[start:
    end]`` ends, or None: a phrase starting at a word boundary after it is about that film
    (``_OTHER_FILM.search(text, start, pos)`` for each phrase would read the sentence again
    each time)."""
    m = _OTHER_FILM.search(text, start, end)
    return None if m is None else m.end()


def role_hits(text: str, start: int, end: int) -> list[RoleHit]:
    """Values of the credit phrases in ``text[start:end]`` (one sentence or its remainder)."""
    hits: list[RoleHit] = []
    used: list[tuple[int, int]] = []
    other = _other_film_before(text, start, end)
    for role in ROLES:
        for m in role.pattern.finditer(text, start, end):
            if any(a < m.end() and m.start() < b for a, b in used):
                continue
            if (other is not None and other <= m.start()) or _NEGATED_BEFORE.search(
                    text, max(start, m.start() - 12), m.start()):
                continue
            used.append((m.start(), m.end()))
            props = _props(role, m)
            if EXECUTIVE_BEFORE.search(text, max(start, m.start() - 12), m.start()):
                props = [(p, q) for p, q in props if p != "producer"]
            names = read_names(text, m.end(), end, org=role.org, characters=role.cast)
            if not names and any(p == "producer" for p, _ in props):
                # "produced by A Productions & B Films": too long for a person's name
                names = [n for n in read_names(text, m.end(), end, org=True)
                         if looks_like_organization(n.name)]
            if names and (more := _AND_BY.match(text, names[-1].span_end, end)):
                # "distributed by A in Pakistan and by B internationally"
                names += read_names(text, more.end(), end, org=role.org, characters=role.cast)
            companies = any(looks_like_organization(n.name) for n in names)
            for hit in names:
                for prop, quals in props:
                    if prop == "producer" and (looks_like_organization(hit.name) or (
                            companies and " " not in hit.name)):
                        # "produced by Hanna-Barbera Productions", "co-produced by Walt
                        # Disney Pictures and Rideback"
                        prop = "production_company"
                    q = dict(quals)
                    if hit.character:
                        q["character"] = hit.character
                    hits.append(RoleHit(prop, hit.name, hit.start, hit.span_end, q))
            if any(p == "producer" for p, _ in props) and names:
                studio = _FOR_STUDIO.match(text, names[-1].span_end, end)
                if studio:
                    for hit in read_names(text, studio.end(), end, org=True):
                        if studio.group("for") or looks_like_organization(hit.name):
                            hits.append(RoleHit("production_company", hit.name, hit.start,
                                                hit.end))
    hits.extend(_based_on(text, start, end))
    return hits


def _based_on(text: str, start: int, end: int) -> list[RoleHit]:
    m = _BASED_ON.search(text, start, end)
    other = _other_film_before(text, start, end)
    if m is None or (other is not None and other <= m.start()):
        return []
    value_end = end
    for stop in _BASED_ON_END.finditer(text, m.end(), end):
        if stop.group(0).startswith(".") and _ABBREVIATED.search(text, m.end(), stop.start() + 1):
            continue  # "by James A. Michener": an initial, not the end of the sentence
        value_end = stop.start()
        break
    while value_end > m.end() and text[value_end - 1] in " .":
        if text[value_end - 1] == "." and _ABBREVIATED.search(text, m.end(), value_end):
            break
        value_end -= 1
    value = " ".join(text[m.end():value_end].split())
    return [RoleHit("based_on", value, m.end(), value_end)] if value else []


def release_hits(text: str, start: int, end: int, ref: date | None = None) -> list[RoleHit]:
    """Release dates written after "released" / "premiered" / "opened" in one sentence;
    a date after "premiered" is a premiere, and "in <country>" near it gives its region.
    Dates without a year ("on December 14") take theirs from ``ref``, the document's date."""
    other = _other_film_before(text, start, end)
    verbs = [m for m in _RELEASED.finditer(text, start, end)
             if other is None or other > m.start()]
    if not verbs:
        return []
    first = verbs[0].end()
    verb_ends = [v.end() for v in verbs]
    hits: list[RoleHit] = []
    for found in find_dates(text[first:end], ref=ref):
        d_start, d_end = found.start + first, found.end + first
        verb = verbs[bisect.bisect_right(verb_ends, d_start) - 1]  # the last one before
        quals: dict[str, Any] = {}
        if verb.group(1).lower() == "premiered":
            quals["kind"] = "premiere"
        country = None
        for place in (IN_PLACE.match(text, d_end, end), IN_PLACE.search(text, verb.end(),
                                                                            d_start)):
            country = country or (normalize_country(place.group(1)) if place else None)
        if country:
            quals["region"] = country
        hits.append(RoleHit("publication_date", found.iso, d_start, d_end, quals))
    return hits
