"""Opening a store: a SQLite file by default, any SQLAlchemy URL otherwise.

SQLite transactions follow SQLAlchemy's documented pysqlite recipe: the driver's own
transaction handling is switched off (``isolation_level = None``) and each transaction
starts with an explicit ``BEGIN``, so a savepoint always sits inside a real transaction and
a chunk of documents commits as one. A writer's transaction starts ``BEGIN IMMEDIATE``
(``Store.transaction``): it takes the write lock before it reads, waiting up to the lock
timeout for another writer to finish, instead of failing later when it cannot upgrade a
read lock. A store on read-only media is opened read-only (``mode=ro``, or ``immutable``
when even its folder cannot be written), and never migrated.

PostgreSQL keeps the same promise with a transaction-level advisory lock: a writer's
transaction starts by taking it (``pg_advisory_xact_lock``), waiting at most the lock
timeout (``lock_timeout``), so writers queue there as they do on SQLite; readers never
wait. A store opened read-only there has read-only transactions
(``default_transaction_read_only``).
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError

from backtrace.errors import StoreError
from backtrace.store.migrations import migrate, pending

WRITE = "backtrace_write"  # execution option: this connection's transactions write
LOCK_TIMEOUT = 60.0  # seconds a writer waits for another's transaction ($BACKTRACE_LOCK_TIMEOUT)
PG_WRITE_LOCK = 0x6261636B  # PostgreSQL advisory lock key of the store's writers ("back")


def database_url(target: str | Path) -> str:
    """``films.db`` -> ``sqlite:///films.db``; a URL (``postgresql://...``) is kept."""
    text = str(target)
    return text if "://" in text else f"sqlite:///{Path(text).expanduser()}"


def shown(target: str | Path) -> str:
    """A store as messages name it: a URL without its password (``postgresql://me:***@``)."""
    text = str(target)
    if "://" not in text or "@" not in text:
        return text
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        return make_url(text).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return text.split("://", 1)[0] + "://…"


def driver_url(url: str) -> str:
    """The URL SQLAlchemy is given: ``postgresql://`` (or ``postgres://``) without a
    driver named means psycopg 3 (the ``postgres`` extra), not SQLAlchemy's default
    psycopg2; a driver named (``postgresql+psycopg2://``) is kept."""
    scheme, sep, rest = url.partition("://")
    return f"postgresql+psycopg://{rest}" if sep and scheme in ("postgresql", "postgres") else url


def lock_timeout(value: float | None = None) -> float:
    """The lock timeout given, else ``$BACKTRACE_LOCK_TIMEOUT``, else 60 seconds."""
    if value is not None:
        return value
    try:
        return float(os.environ.get("BACKTRACE_LOCK_TIMEOUT", LOCK_TIMEOUT))
    except ValueError:
        raise StoreError("BACKTRACE_LOCK_TIMEOUT is not a number of seconds") from None


def _read_only_place(path: Path) -> str | None:
    """``"ro"`` when the file cannot be written, ``"immutable"`` when its folder cannot
    either (no lock or WAL file can be made beside it), else None."""
    if not path.exists():
        return None
    folder_writable = os.access(path.parent, os.W_OK)
    if os.access(path, os.W_OK) and folder_writable:
        return None
    return "ro" if folder_writable else "immutable"


def _sqlite_setup(read_only: bool, timeout: float) -> Any:
    def on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        dbapi_conn.isolation_level = None  # SQLAlchemy's BEGIN, not the driver's
        cur = dbapi_conn.cursor()
        if not read_only:
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={int(timeout * 1000)}")
        cur.close()

    return on_connect


def _on_begin(conn: Connection) -> None:
    write = conn.get_execution_options().get(WRITE, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def _postgres_on_begin(timeout: float) -> Any:
    def on_begin(conn: Connection) -> None:
        if conn.get_execution_options().get(WRITE, False):
            conn.exec_driver_sql(f"SET LOCAL lock_timeout = {max(1, int(timeout * 1000))}")
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({PG_WRITE_LOCK})")

    return on_begin


def _migrate(engine: Engine, attempts: int = 3) -> None:
    """Migrate when the store lacks a migration: the check reads, and only a store that
    needs it is written, in one transaction holding the write lock (a second process
    migrating the same new SQLite store waits, then finds nothing to do; on PostgreSQL
    the writers' advisory lock does the same). Where there is no such lock (another
    database), the loser of the race to create the tables or record
    a migration rolls back and looks again: the other's migrations are committed."""
    with engine.connect() as conn:
        todo = pending(conn)
    for attempt in range(attempts if todo else 0):
        try:
            with engine.connect() as conn, conn.execution_options(**{WRITE: True}).begin():
                migrate(conn)
            return
        except (OperationalError, IntegrityError) as exc:
            raced = "already exists" in str(exc) or "migrations.name" in str(exc)
            if not raced or attempt == attempts - 1:
                raise


def is_locked(exc: BaseException) -> bool:
    """Whether a database error says another writer holds the lock."""
    text = str(getattr(exc, "orig", exc))
    return ("database is locked" in text or "database table is locked" in text
            or "canceling statement due to lock timeout" in text)


def make_engine(
    target: str | Path, *, lock_timeout_s: float | None = None, read_only: bool = False
) -> Engine:
    """An engine with the schema migrated to the newest version (not migrated when the
    store is opened read-only, by request or because its file cannot be written)."""
    url = database_url(target)
    timeout = lock_timeout(lock_timeout_s)
    connect_args: dict[str, Any] = {}
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        if path.is_dir():
            raise StoreError(f"{target}: is a folder, not a database file")
        if not path.parent.exists():
            raise StoreError(f"{target}: folder {path.parent} does not exist")
        if read_only and not path.exists():
            raise StoreError(f"{target}: no such store")
        mode = "ro" if read_only else None
        mode = _read_only_place(path) or mode
        if mode:
            read_only = True
            flag = "immutable=1" if mode == "immutable" else "mode=ro"
            url = f"sqlite:///file:{path.resolve()}?{flag}&uri=true"
        connect_args["timeout"] = timeout
    elif read_only and url.startswith(("postgresql", "postgres:")):
        connect_args["options"] = "-c default_transaction_read_only=on"
    try:
        engine = create_engine(driver_url(url), connect_args=connect_args)
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_setup(read_only, timeout))
            event.listen(engine, "begin", _on_begin)
        elif engine.dialect.name == "postgresql":
            event.listen(engine, "begin", _postgres_on_begin(timeout))
        if read_only:
            with engine.connect() as conn:
                if pending(conn):
                    raise StoreError("made by an older backtrace and read-only here: open it "
                                     "once where it can be written, to upgrade it")
        else:
            _migrate(engine)
    except StoreError as exc:  # a store this version must not write to
        raise StoreError(f"{shown(target)}: {exc}") from exc
    except ModuleNotFoundError as exc:  # postgresql:// without its driver
        raise StoreError(f"{shown(target)}: the database driver {exc.name!r} is not "
                         "installed") from exc
    except SQLAlchemyError as exc:
        raise StoreError(f"{shown(target)}: {describe(exc)}") from exc
    return engine


def describe(exc: SQLAlchemyError, timeout: float | None = None) -> str:
    """A database error as one line of text."""
    if isinstance(exc, OperationalError) and is_locked(exc):
        waited = f" (waited {timeout:g} s)" if timeout is not None else ""
        return (f"the store is locked by another writer{waited}; try again when it is done, "
                "or wait longer with --lock-timeout")
    orig = getattr(exc, "orig", None) or exc
    first = str(orig).splitlines()[0] if str(orig) else orig.__class__.__name__
    return f"cannot use database ({orig.__class__.__name__}: {first})"
