"""One person per real person across a store: which person entities are one person.

Within one document, short names ("Stallone", "Sly") are settled by the document's
:class:`~backtrace.people.PersonScope`. Across documents, the same person is often
written in several full forms; :func:`cluster_people` finds them, as a pure function of the
people of one *block* (the same surname, particles kept: "deMille" and "de Mille" are one
block). Names are parsed with ``nameparser`` (given names, middle names, surname, suffix,
quoted nickname). Each rule is a row of :data:`RULES`, with the reason stored beside every
alias it links:

========================  ===============================================================
rule                      two names are one person when ...
========================  ===============================================================
``alias``                 a source gives one as a name of the other (``Roscoe "Fatty"
                          Arbuckle`` makes "Fatty Arbuckle" his)
``familiar``              the given names are a formal name and its usual familiar form
                          ("Charlie" / "Charles", from the ``nicknames`` data set) or its
                          first letters ("Syd" / "Sydney", three letters or more)
``initials``              initials stand for the given names ("D. W." / "David Wark"),
                          with or without spaces ("D.W." / "D. W."), one for one
``middle``                one name leaves out a middle name or initial the other has
``elder``                 "Sr." or nothing: a name without a "Jr." is the elder
``surname``               a surname alone, when the block holds one person only
``stage``                 a stage name given in quotes ('Curtis "50 Cent" Jackson'): the
                          person stored as "50 Cent" is his, across blocks
``credited``              a source says a film credited the person under another name
                          ("Rita Dane, then billed as Rita Casco"): the person
                          stored under it is hers, across blocks
========================  ===============================================================

A left-out middle name, initials or a surname alone join a person only with evidence of one
career: a film crediting both names (a record's cast writes "Chester M. Franklin" where its
text writes "Chester Franklin"), the same main trade behind the camera (a third of the
credits or more: directing, producing, ...), or, for a middle initial, the same main trade
in front of it in years that meet ("Harry C." / "Harry Myers"; a full middle name, "John
Drew Barrymore", is often a son's). A familiar form of the given name needs a film
crediting both, or the same main trade behind the camera in years that meet: "Eddie" and
"Edward Albert" are father and son, "Ron" and "Ronald Howard" two actors, "Charlie" and
"Charles Kaufman" writers of other decades, and the director "Robert M. Young" is not the
actor "Robert Young". Apart stay: different given names ("Lillian" / "Dorothy Gish"), a
"Jr." and a name without one (a bare name beside a "Jr." is the elder, the same as a
"Sr."), and any name that fits two people of its block ("J. Smith" beside "John" and "James
Smith"; "Chaplin" beside "Charlie" and "Sydney Chaplin"). Merging is complete-linkage: a
name joins a person only when it fits every name already joined, so "Jack" never bridges
"John" and "Jacob".

A store grows one ingest at a time, so a merge may be made before the block holds every
person a form fits: :func:`stray_forms` finds the forms that would no longer join, and the
store gives them back their own person. The name a person is shown by
(:func:`display_name`) and the reason beside each of their names (:func:`link_reason`) are
functions of what the store holds, not of which of two merged people was kept.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from backtrace.keys import name_key
from backtrace.people import canonical_given_names

# rule -> the reason stored with each alias the rule links (shown by ``person --json``)
RULES: dict[str, str] = {
    "same": "the same name",
    "alias": "a source gives this name for the person",
    "familiar": "a formal given name and its familiar form",
    "initials": "initials standing for the given names",
    "middle": "the same name with or without a middle name",
    "elder": "a name without a Jr. is the elder, the same as Sr.",
    "surname": "the surname alone, and the only person of that surname",
    "stage": "a stage name a source gives in quotes inside the full name",
    "credited": "a source says a film credited the person under this name",
}
# rules that join two forms of a name only when a film credits both (different people
# often share them: a father and son, "Ron" and "Ronald Howard")
_NEEDS_A_FILM = frozenset({"familiar", "initials", "middle"})
# rules that join a form on evidence a person found later can undo: a form that fits two
# people of its block joins neither ("William Carleton" beside "William P." and "William T.")
JOINED_ON_EVIDENCE = _NEEDS_A_FILM | {"surname"}
_ON_SCREEN = frozenset({"cast_member", "narrator"})
_SUFFIX_ELDER = frozenset({"sr", "snr", "senior", "i"})
_SUFFIX_WORDS = frozenset({"jr", "jnr", "junior", "sr", "snr", "senior", "ii", "iii", "iv"})
_PARTICLES = frozenset({"de", "van", "von", "da", "del", "della", "di", "du", "la", "le",
                        "der", "den", "ter", "ten", "dos", "das", "do", "mac", "st"})


@dataclass(frozen=True, slots=True)
class ParsedName:
    """A person's name in parts, folded: given names (an initial is one letter), surname
    (particles glued on, "demille"), suffix ("jr"; "" for none or the elder)."""

    given: tuple[str, ...]
    surname: str
    suffix: str

    @property
    def initials_only(self) -> bool:
        return all(len(g) == 1 for g in self.given)


@lru_cache(maxsize=262144)
def parse_name(name: str) -> ParsedName | None:
    """``"William C. deMille"`` -> given ("william", "c"), surname "demille"; None when no
    surname can be read."""
    from nameparser import HumanName  # loaded when first used: reading a store needs none

    parsed = HumanName(name.strip())
    surname = "".join(name_key(parsed.last).split())
    given_text = f"{parsed.first} {parsed.middle}"
    given: list[str] = []
    for part in given_text.replace(".", ". ").split():
        key = name_key(part)
        if not key:
            continue
        if part.endswith(".") or len(key) == 1:
            given.extend(key.split())  # "D.W." -> d, w
        else:
            given.append(key.replace(" ", ""))
    if not surname:  # "Chaplin": nameparser reads one word as a first name
        if len(given) != 1 or parsed.middle:
            return None
        return ParsedName((), given[0], _suffix(parsed.suffix))
    return ParsedName(tuple(given), surname, _suffix(parsed.suffix))


def _suffix(text: str) -> str:
    key = name_key(text)
    if not key or key in _SUFFIX_ELDER:
        return ""
    return "jr" if key in ("jr", "jnr", "junior") else key


def block_key(name_key_: str) -> str:
    """The block a person's key falls in: its surname, particles glued on, suffix left out
    (``"lon chaney jr"`` -> ``"chaney"``, ``"william c de mille"`` -> ``"demille"``)."""
    words = name_key_.split()
    while len(words) > 1 and words[-1] in _SUFFIX_WORDS:
        words.pop()
    if not words:
        return ""
    last = words[-1]
    if len(words) > 2 and words[-2] in _PARTICLES:
        last = words[-2] + last
    return last


def given_fit(a: tuple[str, ...], b: tuple[str, ...]) -> str | None:
    """The rule by which two given-name sequences fit one person, or None."""
    if a == b:
        return "same"
    if not a or not b:
        return None
    first = _first_fit(a[0], b[0])
    if first is None:
        return None
    rest_a, rest_b = a[1:], b[1:]
    for x, y in zip(rest_a, rest_b, strict=False):
        if not (x == y or (len(x) == 1 and y.startswith(x)) or (len(y) == 1 and x.startswith(y))):
            return None
    if first == "initials" and len(rest_a) != len(rest_b):
        return None  # "W. Chrystie Miller" is not "Walter Miller": an initial fits only in full
    if first != "same":
        return first
    if len(rest_a) != len(rest_b):
        return "middle"
    return "initials"


def _first_fit(x: str, y: str) -> str | None:
    if x == y:
        return "same"
    if (len(x) == 1 and y.startswith(x)) or (len(y) == 1 and x.startswith(y)):
        return "initials"
    if y in canonical_given_names(x) or x in canonical_given_names(y):
        return "familiar"
    if min(len(x), len(y)) >= 3 and (x.startswith(y) or y.startswith(x)):
        return "familiar"  # a shortened given name: "Syd" / "Sydney"
    return None


@dataclass(slots=True)
class PersonUnit:
    """A stored person: its id, its name, the other full names merged into it or given for
    it by a source (aliases of two words or more), and how many claims credit it."""

    id: int
    name: str
    aliases: frozenset[str] = frozenset()
    credits: int = 0
    films: frozenset[int] = frozenset()  # the works crediting it
    # its main roles, each at least a third of its credits ({"director"}, {"cast_member"})
    trades: frozenset[str] = frozenset()
    years: tuple[int, int] | None = None  # the first and last year of the works crediting it
    names: list[str] = field(default_factory=list)  # the names joined so far (its own first)
    joined_films: set[int] = field(default_factory=set)
    joined_trades: set[str] = field(default_factory=set)
    joined_years: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class Merge:
    keep: int
    drop: int
    rule: str

    @property
    def reason(self) -> str:
        return RULES[self.rule]


def _fit(a: str, b: str) -> str | None:
    pa, pb = parse_name(a), parse_name(b)
    if pa is None or pb is None or pa.surname != pb.surname or pa.suffix != pb.suffix:
        return None
    if not pa.given or not pb.given:
        return None  # a surname alone is settled apart
    rule = given_fit(pa.given, pb.given)
    if rule == "same" and name_key(a) != name_key(b):
        words = set(name_key(a).split()) ^ set(name_key(b).split())
        return "elder" if words & _SUFFIX_ELDER else "same"
    return rule


def _unit_fit(unit: PersonUnit, person: PersonUnit) -> str | None:
    """The rule joining ``unit`` to ``person`` (complete linkage), or None."""
    rules = [_fit(unit.name, other) for other in person.names]
    if rules and all(r is not None for r in rules):
        strongest = [r for r in rules if r != "same"]
        rule = strongest[0] if strongest else "same"
        # two spellings of one name need nothing more; two forms of it ("Eddie" and
        # "Edward Albert" are father and son) need a film both are credited on
        if rule not in _NEEDS_A_FILM or _one_career(unit, person, rule):
            return rule
    pu, pp = parse_name(unit.name), parse_name(person.name)
    if pu is None or pp is None or pu.suffix != pp.suffix:
        return None  # a nickname never joins a "Jr." to his father
    keys_u = {name_key(n) for n in [unit.name, *unit.aliases]}
    keys_p = {name_key(n) for n in [*person.names, *person.aliases]}
    return "alias" if keys_u & keys_p else None


def display_name(forms: Mapping[str, int]) -> str:
    """The name a person is shown by, from the forms of their name with how many claims
    credit each: a full name (two words or more, the last not an initial) before a cut or
    bare one; one that ends in a letter (or an initial's full stop) before one that ends
    in a possessive's apostrophe or a comma; then the most credited ("D. W. Griffith", not
    the "David Wark Griffith" one source writes); then the longer; then the first in
    alphabetical order. A function of the forms alone, so the same whatever order the
    documents came in.

        display_name({"J. P.": 6, "J.P. Lockney": 2})          # 'J.P. Lockney'
        display_name({"D. Orrery": 9, "Dunstan Orrery": 1})    # 'D. Orrery'
    """
    def rank(name: str) -> tuple[bool, bool, int, int, str]:  # the smallest is shown
        words = name_key(name).split()
        full = len(words) >= 2 and len(words[-1]) > 1
        clean = name[-1].isalnum() or name.endswith(".")  # not "Edgar Rice Burroughs'"
        return not full, not clean, -forms[name], -len(name), name

    return min(forms, key=rank)


def _one_career(unit: PersonUnit, person: PersonUnit, rule: str) -> bool:
    """Evidence that two forms of a name are one person's: a film crediting both; or the
    same main trade behind the camera (in years that meet, for a familiar given name); or,
    for a middle initial or initials, the same main trade in front of it in years that meet
    (a full middle name, "John Drew Barrymore", is often a son's)."""
    if unit.films & person.joined_films:
        return True
    trades = unit.trades & person.joined_trades
    meet = _overlap(unit.years, person.joined_years)
    if trades - _ON_SCREEN and (rule != "familiar" or meet):
        return True
    return bool(trades) and meet and rule != "familiar" and _initials_apart(unit.name,
                                                                            person.name)


def _initials_apart(a: str, b: str) -> bool:
    """Whether the given names of ``a`` and ``b`` differ by initials only ("Harry C." /
    "Harry", "D. W." / "David Wark"), not by a full middle name ("John Drew" / "John")."""
    pa, pb = parse_name(a), parse_name(b)
    if pa is None or pb is None:
        return False
    longer, shorter = sorted((pa.given, pb.given), key=len, reverse=True)
    return all(len(g) == 1 for g in longer[len(shorter):])


def _overlap(a: tuple[int, int] | None, b: tuple[int, int] | None, slack: int = 2) -> bool:
    """Whether two spans of years meet (within ``slack`` years)."""
    return a is not None and b is not None and a[0] <= b[1] + slack and b[0] <= a[1] + slack


def _span(a: tuple[int, int] | None, b: tuple[int, int] | None) -> tuple[int, int] | None:
    if a is None or b is None:
        return a or b
    return min(a[0], b[0]), max(a[1], b[1])


def _may_merge(units: list[PersonUnit]) -> bool:
    """A cheap look before parsing every name of a block: whether any two could be one
    person (a surname alone, a shared alias, or first given names that fit)."""
    firsts: list[str] = []
    keys: set[str] = set()
    for u in units:
        words = name_key(u.name).split()
        if len(words) < 2:
            return True
        firsts.append(words[0])
        for k in {name_key(a) for a in u.aliases} | {name_key(u.name)}:
            if k in keys:
                return True
            keys.add(k)
    distinct = sorted(set(firsts))
    if len(distinct) < len(firsts):
        return True
    return any(_first_fit(a, b) for i, a in enumerate(distinct) for b in distinct[i + 1:])


def cluster_people(units: Iterable[PersonUnit]) -> list[Merge]:
    """The merges that make one person of each group of names of one real person, for the
    people of one block. Deterministic: units are taken most credited first, then by name,
    then by id, whatever order they were stored in."""
    ordered = sorted(units, key=lambda u: (-u.credits, -len(u.name), u.name, u.id))
    if not _may_merge(ordered):
        return []
    people: list[PersonUnit] = []
    loose: list[PersonUnit] = []  # surnames alone and initials, settled once all are known
    merges: list[Merge] = []
    for unit in ordered:
        parsed = parse_name(unit.name)
        if parsed is None:
            continue
        if not parsed.given or parsed.initials_only:
            loose.append(unit)
            continue
        fits = [(p, r) for p in people if (r := _unit_fit(unit, p)) is not None]
        if len(fits) == 1:
            person, rule = fits[0]
            person.names.append(unit.name)
            person.joined_films |= unit.films
            person.joined_trades |= unit.trades
            person.joined_years = _span(person.joined_years, unit.years)
            merges.append(Merge(person.id, unit.id, rule))
        elif not fits:
            unit.names = [unit.name]
            unit.joined_films = set(unit.films)
            unit.joined_trades = set(unit.trades)
            unit.joined_years = unit.years
            people.append(unit)
    for unit in loose:
        parsed = parse_name(unit.name)
        assert parsed is not None
        if not parsed.given:
            same_suffix = [p for p in people if (q := parse_name(p.name)) and
                           q.suffix == parsed.suffix]
            if len(same_suffix) == 1 and _one_career(unit, same_suffix[0], "surname"):
                merges.append(Merge(same_suffix[0].id, unit.id, "surname"))
            continue
        fits = [(p, r) for p in people if (r := _unit_fit(unit, p)) is not None]
        if len(fits) == 1:
            merges.append(Merge(fits[0][0].id, unit.id, fits[0][1]))
    return merges


def stray_forms(people: Iterable[PersonUnit],
                forms: Sequence[tuple[int, PersonUnit]]) -> list[PersonUnit]:
    """The forms of a name merged into a person that :func:`cluster_people` would not join
    to that person now, with every person of the block known: ``forms`` are (owner id, the
    form as a unit of its own, credited by the claims that write it), and ``people`` the
    block's stored people, each owner without those claims. A merge made when the block
    held fewer people ("William Carleton" into "William P. Carleton", before a "William T.
    Carleton" came) is undone so, and a store's people do not depend on the order its
    documents came in; so is one whose evidence more credits took away (a trade that is no
    longer a third of a person's credits). Only forms a rule joined on the evidence of
    their claims come here (``JOINED_ON_EVIDENCE``): a name a source gives for the person
    (rule ``alias``) stays, its evidence not being the claims."""
    people = list(people)
    fresh = [replace(u, names=[], joined_films=set(), joined_trades=set(), joined_years=None)
             for u in [*people, *(form for _, form in forms)]]
    joined = {m.drop: m.keep for m in cluster_people(fresh)}  # a person is never dropped
    return [form for owner, form in forms
            if joined.get(form.id, form.id) != joined.get(owner, owner)]


def link_reason(form: str, shown: str, reason: str | None) -> str | None:
    """The reason beside ``form``, a name of the person shown as ``shown``: none for the
    shown name itself and for a word alone read in a document; else the one it has (the
    rule of the merge that brought it; the store passes a shown name's reason to the name
    it replaces, so it does not depend on which of two merged people was kept).

        link_reason("Alan Hale", "Alan Hale", "elder")           # None
        link_reason("Fatty", "Fatty Arbuckle", "alias")           # None
        link_reason("Alan Hale, Sr.", "Alan Hale", "elder")      # 'elder'
        link_reason("Charles S. Ogle", "Charles Ogle", "initials")  # 'middle'
    """
    if name_key(form) == name_key(shown):
        return None
    if reason in ("stage", "credited", "surname"):
        return reason
    if len(name_key(form).split()) < 2:
        return None
    if reason in _NEEDS_A_FILM:  # the rule between it and the name shown, not the one
        fit = _fit(form, shown)  # it was compared with ("Charles S." beside "Charles")
        return fit if fit in _NEEDS_A_FILM else reason
    return reason
