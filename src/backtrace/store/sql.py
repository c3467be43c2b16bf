"""Small helpers shared by the store's writers and readers."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from json.decoder import JSONDecoder
from json.encoder import JSONEncoder, encode_basestring_ascii
from operator import itemgetter
from typing import Any, TypeVar

from sqlalchemy import JSON, Connection, Table, insert
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql import Executable

T = TypeVar("T")

CHUNK = 500  # ids bound in one IN (...): well under SQLite's limit of bound parameters


class Part:
    """One concern of a transaction's view of the store, over its connection; ``Writer``
    is made of them (each part calls ``super().__init__(conn)`` after setting up its own
    state)."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def flush_queued(self) -> None:
        """Write the rows this transaction's parts hold queued (``DocumentWriter`` queues
        documents, spans and claims): called before a read that must see them. A part used
        alone queues nothing."""


def insert_ignoring_duplicates(conn: Connection, table: Table) -> Any:
    """INSERT that skips rows violating a unique constraint, in this connection's dialect
    (imported here: PostgreSQL's is slow to import and a command that reads needs none)."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects import postgresql

        return postgresql.insert(table).on_conflict_do_nothing()
    from sqlalchemy.dialects import sqlite

    return sqlite.insert(table).on_conflict_do_nothing()


_JSON = JSONEncoder()  # json.dumps's own settings: the same text, without its call overhead
_PLAIN_JSON = (str, dict, list, int)


def _fast_json(process: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """A JSON column's bind processing (``process``, SQLAlchemy's: ``json.dumps``), the same
    text made faster for the values claims and facts hold: strings, dicts, lists, ints."""
    encode = _JSON.encode

    def fast(value: Any) -> Any:
        kind = type(value)
        if kind is str:
            return encode_basestring_ascii(value)
        if kind in _PLAIN_JSON:
            return "{}" if kind is dict and not value else encode(value)
        return process(value)

    return fast


def _processor(table: Table, name: str, dialect: Dialect) -> Callable[[Any], Any] | None:
    """A column's bind processing on the driver's side (None: the value as it is)."""
    impl = table.c[name].type.dialect_impl(dialect)
    process = impl.bind_processor(dialect)
    if process is not None and isinstance(impl, JSON) and dialect.name == "sqlite":
        return _fast_json(process)
    return process  # type: ignore[no-any-return]


_DRIVER_INSERTS: dict[tuple[str, str, tuple[str, ...], bool],
                      tuple[str, list[Callable[[Any], Any] | None]]] = {}


def _driver_insert(
    dialect: Dialect, table: Table, names: tuple[str, ...], ignore: bool
) -> tuple[str, list[Callable[[Any], Any] | None]]:
    """SQLite's INSERT of these columns, with each column's bind processor (None: the value
    as it is), made once."""
    key = (dialect.name, table.name, names, ignore)
    if key not in _DRIVER_INSERTS:
        quote = dialect.identifier_preparer.quote
        sql = (f"INSERT INTO {quote(table.name)} ({', '.join(quote(n) for n in names)}) "
               f"VALUES ({', '.join('?' for _ in names)})"
               f"{' ON CONFLICT DO NOTHING' if ignore else ''}")
        _DRIVER_INSERTS[key] = (sql, [_processor(table, n, dialect) for n in names])
    return _DRIVER_INSERTS[key]


def insert_rows(
    conn: Connection, table: Table, rows: list[dict[str, Any]], *, ignore_duplicates: bool = False
) -> None:
    """INSERT ``rows`` (each with the same keys) in one executemany; with
    ``ignore_duplicates``, rows violating a unique constraint are skipped. On SQLite the
    rows go to the driver as SQLAlchemy would give them, each value through its column's
    bind processing (JSON as text, ...), a column at a time, without SQLAlchemy's per-row
    parameter building, which costs more than SQLite's insert; elsewhere, or when a row
    leaves a column to its Python-side default, through SQLAlchemy."""
    if not rows:
        return
    names = tuple(rows[0])
    defaults = {c.name for c in table.c if c.default is not None}
    if conn.dialect.name != "sqlite" or not defaults <= set(names):
        statement = insert_ignoring_duplicates(conn, table) if ignore_duplicates else insert(table)
        conn.execute(statement, rows)
        return
    sql, processors = _driver_insert(conn.dialect, table, names, ignore_duplicates)
    columns = []
    for name, process in zip(names, processors, strict=True):
        column = list(map(itemgetter(name), rows))
        columns.append(list(map(process, column)) if process is not None else column)
    conn.exec_driver_sql(sql, list(zip(*columns, strict=True)))  # seen by SQLAlchemy's events


@dataclass(slots=True)
class DriverTally:
    """Statements a process sent straight to SQLite's driver (``fetch``, ``execute_one``),
    which SQLAlchemy's events do not see: benchmarks add them."""

    statements: int = 0


DRIVER = DriverTally()


@dataclass(frozen=True, slots=True)
class _Prepared:
    """A statement compiled once for SQLite: its text, the names of its parameters in
    order, the values it binds itself, the parameters that expand to a list (``IN``), and
    each result column's processing (None: the value as the driver gives it). A parameter
    the statement does not bind itself must be given."""

    statement: Executable  # kept: the cache is keyed by its id
    sql: str
    order: tuple[str, ...]
    fixed: dict[str, Any]
    expanding: frozenset[str]
    results: tuple[Callable[[Any], Any] | None, ...]


_PREPARED: dict[int, _Prepared] = {}
_DECODE = JSONDecoder().decode  # json.loads's own settings, without its call overhead


def _fast_json_result(value: Any) -> Any:
    """A SQLite JSON column's value as SQLAlchemy's JSON type reads it (the text decoded; a
    NULL is None; a number, which SQLite's numeric affinity stores as one, as it is),
    faster for the empty object most qualifiers are."""
    kind = type(value)
    if kind is str:
        return {} if value == "{}" else _DECODE(value)
    return value if value is None or kind in (int, float) else json.loads(value)


def _result_processor(type_: Any, dialect: Dialect) -> Callable[[Any], Any] | None:
    """A result column's processing on SQLite (None: the value as the driver gives it)."""
    impl = type_.dialect_impl(dialect)
    if isinstance(impl, JSON) and impl._str_impl.result_processor(dialect, None) is None:
        return _fast_json_result
    return impl.result_processor(dialect, None)  # type: ignore[no-any-return]


def _prepared(dialect: Dialect, statement: Executable) -> _Prepared:
    """``statement`` compiled for SQLite once (module-level statements only: the cache is
    keyed by the statement, never trimmed)."""
    found = _PREPARED.get(id(statement))
    if found is not None and found.statement is statement:
        return found
    compiled = statement.compile(dialect=dialect)  # type: ignore[attr-defined]
    if any(compiled._bind_processors.get(n) for n in compiled.positiontup or ()):
        raise TypeError("a statement run through the driver binds plain values only")
    expanding = frozenset(n for n, b in compiled.binds.items() if b.expanding)
    results = tuple(_result_processor(c[3], dialect) for c in compiled._result_columns)
    fixed = {n: v for n, v in compiled.params.items() if not compiled.binds[n].required}
    found = _Prepared(statement, compiled.string, tuple(compiled.positiontup or ()), fixed,
                      expanding, results)
    _PREPARED[id(statement)] = found
    return found


def driver_connection(conn: Connection) -> Any:
    """The DBAPI connection under a SQLite ``conn`` whose transaction has begun (what is
    sent to it runs inside that transaction: the driver's own transaction handling is off,
    ``engine``); else None (SQLAlchemy begins the transaction, or it is not SQLite)."""
    if conn.dialect.name != "sqlite" or not conn.in_transaction():
        return None
    return conn.connection.driver_connection


def _bound(p: _Prepared, params: Mapping[str, Any]) -> tuple[str, list[Any]]:
    sql, values = p.sql, []
    for name in p.order:
        value = params[name] if name in params else p.fixed[name]
        if name in p.expanding:
            sql = sql.replace(f"__[POSTCOMPILE_{name}]", ", ".join("?" * len(value)), 1)
            values.extend(value)
        else:
            values.append(value)
    return sql, values


def _run(raw: sqlite3.Connection, sql: str, values: list[Any]) -> Any:
    """The driver's cursor after ``sql``; its errors as SQLAlchemy's (a locked or full
    database is an ``OperationalError`` the store turns into one line, as before)."""
    DRIVER.statements += 1
    try:
        return raw.execute(sql, values)
    except sqlite3.Error as exc:
        raise DBAPIError.instance(sql, None, exc, sqlite3.Error) from exc


def fetch(
    conn: Connection, statement: Executable, params: Mapping[str, Any] | None = None
) -> list[Sequence[Any]]:
    """The rows of a SELECT, read by position. On SQLite the statement (a module-level
    one: compiled once) goes straight to the driver, each column processed as SQLAlchemy
    would (JSON decoded); elsewhere through SQLAlchemy. A parameter made with
    ``bindparam(name, expanding=True)`` takes a list (``IN``)."""
    params = params or {}
    raw = driver_connection(conn)
    if raw is None:
        return list(conn.execute(statement, dict(params)).all())
    p = _prepared(conn.dialect, statement)
    sql, values = _bound(p, params)
    rows = _run(raw, sql, values).fetchall()
    processed = [(i, f) for i, f in enumerate(p.results) if f is not None]
    if not processed:
        return rows
    out = []
    for row in rows:
        row = list(row)
        for i, f in processed:
            row[i] = f(row[i])
        out.append(row)
    return out


def execute_one(conn: Connection, statement: Executable, params: Mapping[str, Any]) -> int | None:
    """Run an INSERT or UPDATE of plain values; the new row's id (an INSERT's, on SQLite
    the driver's ``lastrowid``; elsewhere SQLAlchemy's ``inserted_primary_key``)."""
    raw = driver_connection(conn)
    if raw is None:
        result = conn.execute(statement, dict(params))
        key = result.inserted_primary_key if result.context.isinsert else None
        return int(key[0]) if key else None
    p = _prepared(conn.dialect, statement)
    sql, values = _bound(p, params)
    return _run(raw, sql, values).lastrowid


def chunked(items: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    """``items`` in consecutive slices of at most ``size``."""
    for i in range(0, len(items), size):
        yield items[i : i + size]
