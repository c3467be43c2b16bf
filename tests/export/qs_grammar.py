"""A validator of QuickStatements version 1 command lines (the tab-separated form), for
the tests: what the tool accepts, written down from its documented syntax.

    command   := "CREATE" | entity TAB term | entity TAB statement
    entity    := Q\\d+ | "LAST"
    term      := (L|D|A)lang TAB string           label, description, alias
    statement := P\\d+ TAB value (TAB P\\d+ TAB value)* (TAB S\\d+ TAB value)*
    value     := Q\\d+ | "somevalue" | "novalue" | string | lang:string | time | quantity
                 | @lat/lon
    string    := '"' [^"\\t\\n]* '"'
    time      := [+-]YYYY-MM-DDT00:00:00Z/precision (precision 9 year, 10 month, 11 day;
                 month and day 00 below their precision)
    quantity  := [+-]?digits[.digits]?(~digits)?(U\\d+)?

Qualifiers (P) come before sources (S); a line's sources are one reference.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

ITEM = re.compile(r"Q[1-9]\d*")
ENTITY = re.compile(r"Q[1-9]\d*|LAST")
PROPERTY = re.compile(r"P[1-9]\d*")
SOURCE = re.compile(r"S[1-9]\d*")
TERM = re.compile(r"[LDA][a-z]{2,3}(?:-[a-z]+)?")
STRING = re.compile(r'"[^"\t\n]*"')
MONOLINGUAL = re.compile(r'[a-z]{2,3}(?:-[a-z]+)?:"[^"\t\n]*"')
TIME = re.compile(r"[+-]\d{4,}-(\d{2})-(\d{2})T00:00:00Z/(9|10|11)")
QUANTITY = re.compile(r"[+-]?\d+(?:\.\d+)?(?:~\d+(?:\.\d+)?)?(?:U[1-9]\d*)?")
COORDINATE = re.compile(r"@-?\d+(?:\.\d+)?/-?\d+(?:\.\d+)?")


def value_error(value: str) -> str | None:
    """Why ``value`` is no v1 value, or None when it is one."""
    if ITEM.fullmatch(value) or value in ("somevalue", "novalue"):
        return None
    if STRING.fullmatch(value) or MONOLINGUAL.fullmatch(value) or COORDINATE.fullmatch(value):
        return None
    m = TIME.fullmatch(value)
    if m:
        month, day, precision = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if precision == 11 and not (1 <= month <= 12 and 1 <= day <= 31):
            return f"a day-precision time needs a month and a day: {value}"
        if precision == 10 and not (1 <= month <= 12):
            return f"a month-precision time needs a month: {value}"
        return None
    if QUANTITY.fullmatch(value):
        return None
    return f"not a value: {value!r}"


@dataclass(slots=True)
class Command:
    entity: str
    prop: str = ""
    value: str = ""
    qualifiers: list[tuple[str, str]] = field(default_factory=list)
    sources: list[tuple[str, str]] = field(default_factory=list)
    create: bool = False


def parse_line(line: str) -> Command:
    """One command; raises ValueError saying what is wrong."""
    if line == "CREATE":
        return Command("", create=True)
    cols = line.split("\t")
    if len(cols) < 3:
        raise ValueError(f"a command has an entity, a property and a value: {line!r}")
    entity, prop, value = cols[0], cols[1], cols[2]
    if not ENTITY.fullmatch(entity):
        raise ValueError(f"not an entity: {entity!r}")
    if TERM.fullmatch(prop):
        if len(cols) != 3 or not STRING.fullmatch(value):
            raise ValueError(f"a label, description or alias is one string: {line!r}")
        return Command(entity, prop, value)
    if not PROPERTY.fullmatch(prop):
        raise ValueError(f"not a property: {prop!r}")
    if (why := value_error(value)) is not None:
        raise ValueError(why)
    rest = cols[3:]
    if len(rest) % 2:
        raise ValueError(f"qualifiers and sources come in pairs: {line!r}")
    cmd = Command(entity, prop, value)
    for key, val in zip(rest[::2], rest[1::2], strict=True):
        if (why := value_error(val)) is not None:
            raise ValueError(why)
        if PROPERTY.fullmatch(key):
            if cmd.sources:
                raise ValueError(f"a qualifier after a source: {line!r}")
            cmd.qualifiers.append((key, val))
        elif SOURCE.fullmatch(key):
            cmd.sources.append((key, val))
        else:
            raise ValueError(f"neither a qualifier nor a source: {key!r}")
    return cmd


def parse(lines: list[str]) -> list[Command]:
    """Every line, checked; LAST only after a CREATE."""
    out: list[Command] = []
    created = False
    for n, line in enumerate(lines, 1):
        try:
            cmd = parse_line(line)
        except ValueError as exc:
            raise ValueError(f"line {n}: {exc}") from None
        created = created or cmd.create
        if cmd.entity == "LAST" and not created:
            raise ValueError(f"line {n}: LAST before any CREATE")
        out.append(cmd)
    return out
