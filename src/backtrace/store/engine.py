"""Opening a store: a SQLite file by default, any SQLAlchemy URL otherwise."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError

from backtrace.errors import StoreError
from backtrace.store.migrations import migrate


def database_url(target: str | Path) -> str:
    """``films.db`` -> ``sqlite:///films.db``; a URL (``postgresql://...``) is kept."""
    text = str(target)
    return text if "://" in text else f"sqlite:///{Path(text).expanduser()}"


def _sqlite_pragmas(dbapi_conn: sqlite3.Connection, _record: object) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.close()


def _migrate(engine: Engine, attempts: int = 3) -> None:
    """Migrate in one transaction; when another process migrated the same new database at
    the same moment (its tables exist already, or it recorded the same migration first),
    this transaction rolls back and looks again: the other's migrations are committed."""
    for attempt in range(attempts):
        try:
            with engine.begin() as conn:
                migrate(conn)
            return
        except (OperationalError, IntegrityError) as exc:
            raced = "already exists" in str(exc) or "migrations.name" in str(exc)
            if not raced or attempt == attempts - 1:
                raise


def make_engine(target: str | Path) -> Engine:
    """An engine with the schema migrated to the newest version."""
    url = database_url(target)
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        if path.is_dir():
            raise StoreError(f"{path}: is a folder, not a database file")
        if not path.parent.exists():
            raise StoreError(f"{path}: folder {path.parent} does not exist")
    try:
        engine = create_engine(url)
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        _migrate(engine)
    except StoreError as exc:  # a store this version must not write to
        raise StoreError(f"{target}: {exc}") from exc
    except SQLAlchemyError as exc:
        raise StoreError(
            f"{target}: cannot open database ({exc.__class__.__name__}: "
            f"{str(exc.orig if hasattr(exc, 'orig') else exc).splitlines()[0]})"
        ) from exc
    return engine
