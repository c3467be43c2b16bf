"""Rules as data: a :class:`Rule` is one table row (a pattern, the properties it gives, how
the value is read next to it, the words before it that cancel it, and examples that must and
must not match), and :func:`match` is the one matcher that runs a table over a sentence.

Like spaCy's ``Matcher`` and ``SpanRuler``, finding is kept apart from what is made of it:
:func:`match` gives :class:`RoleHit` values with offsets, and the component that called it
turns hits into claims (:func:`backtrace.extract.component.claim`). A value is read by a
*reader* named in the row (:data:`READERS`): the names after the phrase ("directed by A and
B"), the name before it ("A directs"), the list before it ("A, B and C co-star"), or a group
of the pattern itself ("on Netflix"). What a pattern cannot say is a small named function
registered beside the table (a reader or a guard), never a branch in the matcher. A row's
pattern is not run over a sentence without one of the words it needs ("helmed" for
"helmed by": :mod:`backtrace.extract.literals`), which a substring test tells.

A new rule is one row plus its examples::

    Rule("helmed-by", r"\\b(?:co-)?helmed\\s+by\\s+", props=(DIRECTOR,),
         examples=(Example("The film was helmed by Ana Ruiz.", "director=Ana Ruiz"),),
         counterexamples=("The ship was helmed by hand.",))

``tests/extract/test_rules.py`` runs every row's examples.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from backtrace.extract.literals import fold, scan_words
from backtrace.extract.prose import (
    backward_list,
    backward_name,
    is_person,
    list_with_notes,
    looks_like_organization,
    possessed_name,
    read_name,
    read_names,
)
from backtrace.vocabulary import role_of

Prop = tuple[str, dict[str, Any]]


@dataclass(slots=True)
class RoleHit:
    """One value a rule read (offsets into the text read)."""

    prop: str
    value: Any
    start: int
    end: int
    qualifiers: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Example:
    """A sentence and the ``"property=value"`` pairs the rule must find in it."""

    text: str
    finds: tuple[str, ...]

    def __init__(self, text: str, *finds: str) -> None:
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "finds", finds)


@dataclass(frozen=True, slots=True)
class Guard:
    """Words just before a match (within ``window`` characters) that cancel it; with
    ``only_for``, only a match giving one of those properties ("executive" producer)."""

    pattern: re.Pattern[str]
    window: int
    only_for: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rule:
    """One row of a rule table.

    - ``pattern``: a regular expression (case-blind unless ``ignore_case`` is False);
    - ``props``: the properties (with qualifiers) of every value read; or, when empty,
      ``role_group``: the pattern group whose words name the property (in
      :data:`backtrace.vocabulary.ROLE_WORDS`: "cinematographer" -> director of photography);
    - ``read``: the name of a reader in :data:`READERS`; ``org`` lets it read company names;
    - ``keep``: a filter of :data:`FILTERS` every value read must pass ("person");
    - ``unless_before``: names of :data:`GUARDS` whose words before the match cancel it;
      ``unless_after``: a pattern that cancels the match when it follows it;
      ``only_in``: a pattern the sentence must contain; ``at_start``, ``first_only`` and
      ``reach_back`` narrow or widen where it may match;
    - ``examples`` / ``counterexamples``: sentences it must / must not find values in.
    """

    name: str
    pattern: str
    props: tuple[Prop, ...] = ()
    role_group: str | None = None
    read: str = "names"
    org: bool = False
    keep: str | None = None
    ignore_case: bool = True
    unless_before: tuple[str, ...] = ()
    unless_after: str | None = None
    only_in: str | None = None
    at_start: bool = False  # only a match where the sentence begins ("Coming from X")
    first_only: bool = False  # only the first match of the sentence
    reach_back: int = 0  # also a match starting this many characters before the sentence
    examples: tuple[Example, ...] = ()
    counterexamples: tuple[str, ...] = ()

    @cached_property
    def regex(self) -> re.Pattern[str]:
        return re.compile(self.pattern, re.IGNORECASE if self.ignore_case else 0)

    @cached_property
    def after(self) -> re.Pattern[str] | None:
        return re.compile(self.unless_after) if self.unless_after else None

    @cached_property
    def sentence_cue(self) -> re.Pattern[str] | None:
        return re.compile(self.only_in) if self.only_in else None

    def props_of(self, m: re.Match[str]) -> Sequence[Prop]:
        """The properties a match gives: the row's, or those its ``role_group`` names."""
        if self.props or self.role_group is None:
            return self.props
        return [role_of(m.group(self.role_group))]


@dataclass(slots=True)
class Context:
    """What a reader sees: the sentence ``text[start:end]``, the match and its rule."""

    text: str
    start: int
    end: int
    m: re.Match[str]
    rule: Rule
    props: Sequence[Prop]
    spans: list[tuple[int, int]]  # the extents of the lists read, for functions after


Reader = Callable[[Context], list[RoleHit]]
# the characters before a sentence that its folded text (:func:`_folded`) holds too, for
# the rows that reach back; a row reaching further has no words to look for
_LOOK_BACK = 16


@dataclass(frozen=True, slots=True)
class _Row:
    """A row as it is run: its pattern, whether it may match anywhere in the sentence (no
    ``at_start``, ``first_only``, ``reach_back``, ``only_in``), its reader, filter and
    guards looked up once, and the words one of which the sentence must hold for the
    pattern to match (:func:`backtrace.extract.literals.needed_words`)."""

    rule: Rule
    regex: re.Pattern[str]
    plain: bool
    read: Reader
    keep: Callable[[str], bool] | None
    guards: tuple[Guard, ...]
    after: re.Pattern[str] | None
    props: Sequence[Prop] | None  # the row's own, when no pattern group names them
    needs: tuple[str, ...]

    @classmethod
    def of(cls, r: Rule) -> _Row:
        return cls(r, r.regex, not (r.at_start or r.first_only or r.reach_back or r.only_in),
                   READERS[r.read], FILTERS[r.keep] if r.keep else None,
                   tuple(GUARDS[g] for g in r.unless_before), r.after,
                   r.props if r.props or r.role_group is None else None,
                   scan_words(r.regex) if r.reach_back <= _LOOK_BACK else ())


_PLANS: dict[int, tuple[Sequence[Rule], list[_Row]]] = {}


def _plan(rules: Sequence[Rule]) -> list[_Row]:
    """The table as it is run (planned once for a table: a tuple of rows)."""
    cached = _PLANS.get(id(rules))
    if cached is not None and cached[0] is rules:
        return cached[1]
    plan = [_Row.of(r) for r in rules]
    if isinstance(rules, tuple):  # a table (ad-hoc lists are planned each time)
        _PLANS[id(rules)] = (rules, plan)
    return plan


# the last sentence folded, as (text, start, end, folded): one tuple, read and replaced whole
_FOLDED: list[tuple[str | None, int, int, str]] = [(None, 0, 0, "")]


def _folded(text: str, start: int, end: int) -> str:
    """The sentence ``text[start:end]`` (with the :data:`_LOOK_BACK` characters before it)
    folded for the rows' words; the tables run over one sentence after another share it."""
    last = _FOLDED[0]
    if last[0] is text and last[1] == start and last[2] == end:
        return last[3]
    low = fold(text[max(0, start - _LOOK_BACK):end])
    _FOLDED[0] = (text, start, end, low)
    return low


def hits_for(props: Iterable[Prop], value: str, start: int, end: int,
             extra: dict[str, Any] | None = None) -> list[RoleHit]:
    """One hit per property for the value ``value`` at ``start:end``."""
    return [RoleHit(p, value, start, end, {**q, **(extra or {})}) for p, q in props]


def _names_after(c: Context) -> list[RoleHit]:
    return [h for n in read_names(c.text, c.m.end(), c.end, org=c.rule.org)
            for h in hits_for(c.props, n.name, n.start, n.end)]


def _spans(c: Context, spans: Iterable[tuple[int, int] | None]) -> list[RoleHit]:
    return [h for s in spans if s is not None
            for h in hits_for(c.props, c.text[s[0]:s[1]], s[0], s[1])]


def _name_after(c: Context) -> list[RoleHit]:
    return _spans(c, [read_name(c.text, c.m.end(), c.end, org=c.rule.org)])


def _name_or_possessor_after(c: Context) -> list[RoleHit]:
    """ "producer Nina Ford", "producer Nina Ford's alma mater"."""
    return _spans(c, [read_name(c.text, c.m.end(), c.end)
                      or possessed_name(c.text, c.m.end(), c.end)])


def _name_before(c: Context) -> list[RoleHit]:
    return _spans(c, [backward_name(c.text, c.start, c.m.start())])


def _list_before(c: Context) -> list[RoleHit]:
    stop = c.m.start()
    if c.text[max(c.start, stop - 1):stop] == ",":
        stop -= 1  # "including A, B, and C, reprise their roles"
    return _spans(c, backward_list(c.text, c.start, stop))


def _list_with_notes_after(c: Context) -> list[RoleHit]:
    """ "co-stars with A (Quiz Show), B": names whose notes are not characters."""
    names, stop = list_with_notes(c.text, c.m.end(), c.end)
    c.spans.append((c.m.start(), stop))
    return _spans(c, names)


def _group(c: Context) -> list[RoleHit]:
    """The pattern's own ``name`` group ("released on Netflix")."""
    return hits_for(c.props, c.m.group("name"), c.m.start("name"), c.m.end("name"))


READERS: dict[str, Reader] = {
    "names": _names_after,
    "name": _name_after,
    "name_or_possessor": _name_or_possessor_after,
    "name_before": _name_before,
    "list_before": _list_before,
    "list_with_notes": _list_with_notes_after,
    "group": _group,
}


def _full_person(name: str) -> bool:
    return " " in name and is_person(name)


FILTERS: dict[str, Callable[[str], bool]] = {
    "person": is_person,
    "full_person": _full_person,  # "Disney's score", "Nolan's cinematography" name no one
    "organization": looks_like_organization,
}

GUARDS: dict[str, Guard] = {}


def guard(name: str, pattern: str, window: int, flags: int = 0,
          only_for: tuple[str, ...] = ()) -> None:
    """Register words that, just before a match, cancel it (a match giving one of the
    properties ``only_for``, when given)."""
    GUARDS[name] = Guard(re.compile(pattern, flags), window, only_for)


def _cancelled(row: _Row, text: str, start: int, m: Any, end: int,
               props: Sequence[Prop]) -> bool:
    for g in row.guards:
        if g.only_for and not any(p in g.only_for for p, _ in props):
            continue
        if g.pattern.search(text, max(start, m.start() - g.window), m.start()):
            return True
    return row.after is not None and row.after.match(text, m.end(), end) is not None


def _matches(rule: Rule, text: str, start: int, end: int) -> Iterable[re.Match[str]]:
    if rule.sentence_cue is not None and not rule.sentence_cue.search(text, start, end):
        return ()
    if rule.at_start:
        m = rule.regex.match(text, start, end)
        return [m] if m else []
    if rule.first_only:
        m = rule.regex.search(text, max(0, start - rule.reach_back), end)
        return (m,) if m else ()
    return rule.regex.finditer(text, max(0, start - rule.reach_back), end)


def match(rules: Sequence[Rule], text: str, start: int, end: int, *,
          skip_ends: Iterable[int] = (), exclusive: bool = False, stop_at: int | None = None,
          spans: list[tuple[int, int]] | None = None) -> list[RoleHit]:
    """The values every rule of ``rules`` reads in the sentence ``text[start:end]``, in
    table order. ``skip_ends``: where phrases already read end (a match ending there was
    read by a function beside the table); ``exclusive``: a match overlapping an earlier
    one is skipped; ``stop_at``: matches from there on are skipped (they are about another
    film); ``spans``: receives the extents of the lists read."""
    hits: list[RoleHit] = []
    skipped = set(skip_ends) if skip_ends else None
    used: list[tuple[int, int]] = []
    spans = [] if spans is None else spans
    low = None
    for row in _plan(rules):
        if row.needs:  # a sentence without any word the pattern needs has no match
            if low is None:
                low = _folded(text, start, end)
            for word in row.needs:
                if word in low:
                    break
            else:
                continue
        for m in (row.regex.finditer(text, start, end) if row.plain
                  else _matches(row.rule, text, start, end)):
            s, e = m.start(), m.end()
            if ((skipped is not None and e in skipped) or (stop_at is not None and stop_at <= s)
                    or (exclusive and any(a < e and s < b for a, b in used))):
                continue
            props = row.props if row.props is not None else row.rule.props_of(m)
            if (row.guards or row.after) and _cancelled(row, text, start, m, end, props):
                continue
            if exclusive:
                used.append((s, e))
            read = row.read(Context(text, start, end, m, row.rule, props, spans))
            hits += read if row.keep is None else [h for h in read if row.keep(str(h.value))]
    return hits


def check(rule: Rule, run: Callable[[Rule, str], list[RoleHit]] | None = None) -> list[str]:
    """What is wrong with a row: examples it misses, counterexamples it reads. ``run``:
    how the row is run on a sentence (the table's own runner; :func:`match` by default)."""
    run = run or (lambda r, text: match([r], text, 0, len(text)))
    problems = []
    for ex in rule.examples:
        found = {f"{h.prop}={h.value}" for h in run(rule, ex.text)}
        problems += [f"{rule.name}: {want!r} not found in {ex.text!r} (found {sorted(found)})"
                     for want in ex.finds if want not in found]
    for text in rule.counterexamples:
        if found_ := run(rule, text):
            shown = [f"{h.prop}={h.value}" for h in found_]
            problems.append(f"{rule.name}: {text!r} gives {shown}")
    if not rule.examples:
        problems.append(f"{rule.name}: no example")
    return problems
