"""A throwaway PostgreSQL server for the tests: Debian's binaries, a data folder and a
socket folder in a temporary folder, a free TCP port on 127.0.0.1, trust authentication.

PostgreSQL refuses to run as root, so as root the server runs as the ``postgres`` system
user (else ``nobody``), which owns the temporary folder. ``pg_ctl -w`` returns once the
server accepts connections (it polls, as ``pg_isready`` does); ``stop`` ends it at once.
Nothing here is a mock: the tests talk to a real server over TCP.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

USER = "backtrace"  # the server's superuser, made by initdb
# The store's backends: a test (or a folder's conftest) that takes the ``backend`` fixture
# with these as its params runs once on each; on PostgreSQL it skips where that is absent.
BACKENDS = ("sqlite", "postgresql")


def bin_dir() -> Path | None:
    """Where ``initdb`` and ``pg_ctl`` lie: $BACKTRACE_PG_BIN when set (alone), else PATH,
    then Debian's /usr/lib/postgresql/<version>/bin, the newest first; None when absent."""
    wanted = os.environ.get("BACKTRACE_PG_BIN")
    found = shutil.which("initdb")
    candidates = [str(Path(found).parent)] if found else []
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"),
                         key=lambda p: int(Path(p).parent.name) if Path(p).parent.name.isdigit()
                         else 0, reverse=True)
    for folder in [wanted] if wanted else candidates:
        if (Path(folder) / "initdb").is_file() and (Path(folder) / "pg_ctl").is_file():
            return Path(folder)
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run_as() -> pwd.struct_passwd | None:
    """The unprivileged user the server runs as when we are root, else None (ourselves)."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    raise RuntimeError("running as root with neither a postgres nor a nobody user")


class Server:
    def __init__(self, binaries: Path) -> None:
        self.bin = binaries
        self.root = Path(tempfile.mkdtemp(prefix="backtrace-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        self.user = _run_as()
        if self.user is not None:
            os.chown(self.root, self.user.pw_uid, self.user.pw_gid)
        os.chmod(self.root, 0o700)

    def _run(self, *args: str) -> None:
        command = [str(self.bin / args[0]), *args[1:]]
        if self.user is not None:
            command = ["setpriv", f"--reuid={self.user.pw_uid}", f"--regid={self.user.pw_gid}",
                       "--clear-groups", "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, cwd=self.root,
                              timeout=120)
        if done.returncode:
            raise RuntimeError(f"{args[0]} failed ({done.returncode}): {done.stderr.strip()}")

    def start(self) -> Server:
        self._run("initdb", "-D", str(self.data), "-U", USER, "--auth=trust", "-E", "UTF8",
                  "--locale=C.UTF-8", "--no-sync")
        options = (f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.root} "
                   "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
                   "-c max_connections=200")
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l",
                  str(self.root / "server.log"), "-w", "-t", "60", "start")
        return self

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{USER}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        """A new empty database; its URL."""
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def drop_database(self, name: str) -> None:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


def sql(target: str | Path, statement: str, **params: object) -> list[tuple]:
    """Run one statement on the store at ``target`` (a SQLite file or a database URL)
    behind the store's back, committed; its rows as tuples (none for a write)."""
    from sqlalchemy import create_engine, text

    from backtrace.store.engine import database_url, driver_url

    engine = create_engine(driver_url(database_url(target)))
    try:
        with engine.begin() as conn:
            result = conn.execute(text(statement), params)
            return [tuple(r) for r in result] if result.returns_rows else []
    finally:
        engine.dispose()
