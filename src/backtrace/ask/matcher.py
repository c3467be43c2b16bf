r"""One matcher for the question grammar: token patterns with slots, read from data.

A pattern is a string of elements separated by spaces (``grammar.py`` holds them all):

- ``who``: a word, matched case-insensitively; ``of|for|on``: one of these words. A word
  with punctuation is read as the tokens a question would give ("who's" = who ' s).
- ``[ ... ]``: what is inside may be left out; ``( a b | c )``: one of the sequences;
  ``\(`` and ``\)`` are the brackets themselves.
- ``@name``: the macro ``name`` of the grammar (``@film`` = film, movie, picture, ...).
- ``{name}``: a slot. A free slot (``{film}``, ``{person}``, ``{character}``, ``{title}``)
  takes one word or more, whatever they are; a typed slot (``{year}``, ``{decade}``,
  ``{genre}``, ``{language}``) only what its reader accepts.

A pattern matches the whole question (after the grammar's lead-in and tail words, such as
"please", which every question may have). Of all the parses of all patterns, the one with
most words matched by the pattern itself (not by a slot) is the most specific.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

# A token: a run of letters or digits, or one other character that is not a space.
TOKEN = re.compile(r"[^\W_]+|[^\w\s]|_")
_PATTERN_PART = re.compile(r"\\[()\[\]]|\[|\]|\(|\)|\{\w+\}|@\w+|[^\s\[\]()]+")
_FOLD = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'",
                       "\u201c": '"', "\u201d": '"'})


@dataclass(frozen=True, slots=True)
class Token:
    text: str  # folded: lower case, one kind of apostrophe
    start: int  # character offsets in the question
    end: int


def tokenize(text: str) -> list[Token]:
    return [Token(m.group().lower().translate(_FOLD), m.start(), m.end())
            for m in TOKEN.finditer(text)]


def word_tokens(text: str) -> tuple[str, ...]:
    return tuple(t.text for t in tokenize(text))


# -- compiled patterns -----------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Lit:
    options: frozenset[tuple[str, ...]]  # each option a sequence of folded tokens


@dataclass(frozen=True, slots=True)
class Opt:
    body: tuple[Any, ...]


@dataclass(frozen=True, slots=True)
class Alt:
    options: tuple[tuple[Any, ...], ...]


@dataclass(frozen=True, slots=True)
class Slot:
    name: str


# A typed slot's reader: (tokens, position) -> [(end position, value), ...]
SlotReader = Callable[[Sequence[Token], int], list[tuple[int, Any]]]


class PatternError(ValueError):
    """A pattern of the grammar that cannot be read."""


def compile_pattern(text: str, macros: Mapping[str, str]) -> tuple[Any, ...]:
    parts = _PATTERN_PART.findall(text)
    pos = 0

    def sequence(closers: tuple[str, ...]) -> list[tuple[Any, ...]]:
        """Elements up to one of ``closers``, split at top-level ``|`` into options."""
        nonlocal pos
        options: list[tuple[Any, ...]] = []
        current: list[Any] = []
        while pos < len(parts) and parts[pos] not in closers:
            part = parts[pos]
            pos += 1
            if part == "|":
                options.append(tuple(current))
                current = []
            elif part == "[":
                inner = sequence(("]",))
                _expect("]")
                current.append(Opt(inner[0]) if len(inner) == 1 else Opt((Alt(tuple(inner)),)))
            elif part == "(":
                inner = sequence((")",))
                _expect(")")
                current.append(Alt(tuple(inner)))
            elif part.startswith("\\"):  # an escaped bracket: the character itself
                current.append(Lit(frozenset({(part[1],)})))
            elif part.startswith("{"):
                current.append(Slot(part[1:-1]))
            elif part.startswith("@"):
                if part[1:] not in macros:
                    raise PatternError(f"unknown macro {part} in {text!r}")
                current.extend(compile_pattern(macros[part[1:]], macros))
            elif part in ("]", ")"):
                raise PatternError(f"unbalanced {part} in {text!r}")
            else:
                words = [w for w in part.split("|") if w]
                current.append(Lit(frozenset(word_tokens(w) for w in words)))
        options.append(tuple(current))
        return options

    def _expect(closer: str) -> None:
        nonlocal pos
        if pos >= len(parts) or parts[pos] != closer:
            raise PatternError(f"missing {closer} in {text!r}")
        pos += 1

    top = sequence(())
    if len(top) != 1:
        return (Alt(tuple(top)),)
    return top[0]


def required_words(elements: Sequence[Any]) -> list[frozenset[str]]:
    """For each literal a match cannot skip, the first words it may start with: a quick
    test that rules most patterns out before matching."""
    out = []
    for e in elements:
        if isinstance(e, Lit):
            out.append(frozenset(opt[0] for opt in e.options if opt))
    return out


@dataclass(slots=True)
class Parse:
    """One way a pattern matches a question: its slots and how specific it is."""

    form: Any
    pattern: str
    slots: dict[str, Any] = field(default_factory=dict)
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)  # character offsets
    words: int = 0  # tokens matched by the pattern's own words
    order: int = 0  # the form's place in its table, then the pattern's
    skipped: int = 0  # tokens of a lead-in or tail left out

    @property
    def score(self) -> tuple[int, int, int]:
        return (-self.words, self.order, self.skipped)


class Graph:
    """A compiled pattern: nodes with the index of what follows them, so matching walks
    indices instead of building sequences. A node is ``("lit", options, next)``,
    ``("slot", name, next)``, ``("split", nexts)`` (an optional part or alternatives) or
    ``("end",)``; ``first[i]`` holds the words a match from node i may start with (None:
    any word, or none at all)."""

    __slots__ = ("nodes", "start", "first")

    def __init__(self, elements: Sequence[Any]) -> None:
        self.nodes: list[tuple] = [("end",)]
        self.start = self._sequence(elements, 0)
        self.first: list[frozenset[str] | None] = [None] * len(self.nodes)
        done: dict[int, frozenset[str] | None] = {}
        for i in range(len(self.nodes)):
            self.first[i] = self._first(i, done)

    def _add(self, node: tuple) -> int:
        self.nodes.append(node)
        return len(self.nodes) - 1

    def _sequence(self, elements: Sequence[Any], after: int) -> int:
        for e in reversed(elements):
            if isinstance(e, Lit):
                after = self._add(("lit", tuple(o for o in e.options if o), after))
            elif isinstance(e, Slot):
                after = self._add(("slot", e.name, after))
            elif isinstance(e, Opt):
                after = self._add(("split", (self._sequence(e.body, after), after)))
            elif isinstance(e, Alt):
                after = self._add(("split", tuple(self._sequence(o, after) for o in e.options)))
        return after

    def _first(self, i: int, done: dict[int, frozenset[str] | None]) -> frozenset[str] | None:
        if i in done:
            return done[i]
        node = self.nodes[i]
        out: frozenset[str] | None = None
        if node[0] == "lit" and all(node[1]):
            out = frozenset(o[0] for o in node[1])
        elif node[0] == "split":
            firsts = [self._first(j, done) for j in node[1]]
            if all(f is not None for f in firsts):
                out = frozenset().union(*firsts)  # type: ignore[arg-type]
        done[i] = out
        return out


Captured = tuple[tuple[str, int, int, Any], ...]


def _walk(g: Graph, i: int, toks: Sequence[Token], pos: int, stop: int | None,
          readers: Mapping[str, SlotReader], free: frozenset[str], words: int,
          captured: Captured) -> Iterator[tuple[int, Captured]]:
    """Every way the graph from node ``i`` matches ``toks[pos:stop]``: (words, slots);
    with ``stop`` None, every way it matches a stretch from ``pos``: (end, slots)."""
    node = g.nodes[i]
    kind = node[0]
    n = len(toks) if stop is None else stop
    if kind == "end":
        if stop is None:
            yield pos, captured
        elif pos == stop:
            yield words, captured
    elif kind == "lit":
        for option in node[1]:
            k = len(option)
            if pos + k <= n and toks[pos].text == option[0] and all(
                    toks[pos + x].text == option[x] for x in range(1, k)):
                yield from _walk(g, node[2], toks, pos + k, stop, readers, free, words + k,
                                 captured)
    elif kind == "split":
        for j in node[1]:
            yield from _walk(g, j, toks, pos, stop, readers, free, words, captured)
    elif node[1] in free:
        # a free slot: one token or more; shortest first, and only up to a word the rest
        # of the pattern may start with
        follow = g.first[node[2]]
        for end in range(pos + 1, n + 1):
            if follow is not None and (end == n or toks[end].text not in follow):
                continue
            yield from _walk(g, node[2], toks, end, stop, readers, free, words,
                             (*captured, (node[1], pos, end, None)))
    elif pos < n:
        for end, value in readers[node[1]](toks[:n], pos):
            yield from _walk(g, node[2], toks, end, stop, readers, free, words,
                             (*captured, (node[1], pos, end, value)))


class Matcher:
    """Every pattern of a table of forms, compiled once; ``parses(text)`` tries them all.

    ``lead`` and ``tail`` are patterns every question may start or end with ("please",
    "can you tell me"); they are read once per question, not once per pattern."""

    def __init__(
        self,
        forms: Sequence[Any],
        macros: Mapping[str, str],
        readers: Mapping[str, SlotReader],
        free_slots: frozenset[str],
        lead: str | None = None,
        tail: str | None = None,
    ) -> None:
        self.readers = readers
        self.free = free_slots
        self.lead = Graph(compile_pattern(lead, macros)) if lead else None
        self.tail = Graph(compile_pattern(tail, macros)) if tail else None
        self.compiled: list[tuple[Any, str, Graph, list[frozenset[str]], int]] = []
        for i, form in enumerate(forms):
            for j, pattern in enumerate(form.patterns):
                elements = compile_pattern(pattern, macros)
                for e in elements:
                    self._check(e, pattern)
                self.compiled.append((form, pattern, Graph(elements), required_words(elements),
                                      i * 1000 + j))

    def _check(self, element: Any, pattern: str) -> None:
        if isinstance(element, Slot):
            if element.name not in self.free and element.name not in self.readers:
                raise PatternError(f"unknown slot {{{element.name}}} in {pattern!r}")
        elif isinstance(element, Opt):
            for e in element.body:
                self._check(e, pattern)
        elif isinstance(element, Alt):
            for option in element.options:
                for e in option:
                    self._check(e, pattern)

    def _match(self, g: Graph, toks: Sequence[Token], pos: int,
               stop: int | None) -> Iterator[tuple[int, Captured]]:
        return _walk(g, g.start, toks, pos, stop, self.readers, self.free, 0, ())

    def _windows(self, toks: Sequence[Token]) -> list[tuple[int, int]]:
        """(start, end) of the question once a lead-in and a tail are taken off."""
        n = len(toks)
        starts = {0}
        if self.lead is not None:
            starts |= {end for end, _ in self._match(self.lead, toks, 0, None)}
        ends = {n}
        if self.tail is not None:
            for q in range(1, n):
                if any(True for _ in self._match(self.tail, toks, q, n)):
                    ends.add(q)
        return [(a, b) for a in sorted(starts) for b in sorted(ends, reverse=True) if a < b]

    def parses(self, text: str, tokens: Sequence[Token] | None = None) -> list[Parse]:
        """Every parse of ``text`` by every pattern, most specific first (one per pattern
        and slot values)."""
        every = list(tokens) if tokens is not None else tokenize(text)
        if not every:
            return []
        found: dict[tuple, Parse] = {}
        for a, b in self._windows(every):
            toks = every[a:b]
            present = {t.text for t in toks}
            first = toks[0].text
            for form, pattern, graph, required, order in self.compiled:
                firsts = graph.first[graph.start]
                if firsts is not None and first not in firsts:
                    continue
                if any(not (need & present) for need in required):
                    continue
                for words, captured in self._match(graph, toks, 0, len(toks)):
                    slots: dict[str, Any] = {}
                    spans: dict[str, tuple[int, int]] = {}
                    for name, i, j, value in captured:
                        span = (toks[i].start, toks[j - 1].end)
                        slot_value = text[span[0]:span[1]] if name in self.free else value
                        if name in slots:  # a slot twice ("between {year} and {year}")
                            name = f"{name}2"
                        slots[name] = slot_value
                        spans[name] = span
                    key = (order, tuple(sorted((k, str(v)) for k, v in slots.items())))
                    parse = Parse(form, pattern, slots, spans, words, order,
                                  len(every) - (b - a))
                    if key not in found or found[key].score > parse.score:
                        found[key] = parse
        return sorted(found.values(), key=lambda p: p.score)
