from __future__ import annotations

import importlib.util
import itertools
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
DATA = SHARED / "data"


@pytest.fixture(autouse=True)
def ctrl_c_as_python_sets_it() -> Iterator[None]:
    """Ctrl-C raises KeyboardInterrupt in every test, as in a terminal, however pytest was
    started: a shell script's background job (``pytest &``) inherits SIGINT ignored, and
    Python then leaves it so; the tests of Ctrl-C would see a signal nobody can send."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    before = signal.getsignal(signal.SIGINT)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, before)


@pytest.fixture
def mini_corpus() -> Path:
    """Three documents written for these tests about one invented film, Paper Comet."""
    return FIXTURES / "mini"


@pytest.fixture
def seeds() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is absent")
    return SEEDS


_DATABASES = itertools.count(1)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[object]:
    """A throwaway PostgreSQL server for the session (tests/pgserver.py)."""
    from pgserver import Server, bin_dir

    binaries = bin_dir()
    if binaries is None:
        pytest.skip("PostgreSQL is absent (no initdb/pg_ctl): install Debian's postgresql")
    if importlib.util.find_spec("psycopg") is None:
        pytest.skip("psycopg is not installed: pip install -e '.[postgres]'")
    server = Server(binaries).start()
    yield server
    server.stop()


@pytest.fixture
def postgres_url(postgres_server) -> Iterator[str]:
    """A new empty database on the session's server, dropped after the test."""
    name = f"test_{next(_DATABASES)}"
    yield postgres_server.create_database(name)
    postgres_server.drop_database(name)


@pytest.fixture
def backend() -> str:
    """The store's database: SQLite, unless a test is parametrised over ``BACKENDS``."""
    return "sqlite"


@pytest.fixture
def db_target(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str | Path:
    """Where a test's store lies: a SQLite file, or the URL of a fresh PostgreSQL database."""
    if backend == "postgresql":
        return request.getfixturevalue("postgres_url")
    return tmp_path / "test.db"


@pytest.fixture
def new_db(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Callable[[str], object]:
    """Makes more stores of the test's backend: ``new_db("clean")`` is a SQLite file named
    so, or the URL of another fresh PostgreSQL database."""

    def make(name: str) -> str | Path:
        if backend != "postgresql":
            return tmp_path / f"{name}.db"
        server = request.getfixturevalue("postgres_server")
        database = f"test_{next(_DATABASES)}_{name}"
        request.addfinalizer(lambda: server.drop_database(database))
        return server.create_database(database)

    return make


@pytest.fixture
def kb(db_target):
    import backtrace

    with backtrace.open(db_target) as kb:
        yield kb


@pytest.fixture(scope="session")
def load_bench() -> Callable[[str], ModuleType]:
    """Import ``bench/<name>.py`` as module ``bench_<name>`` (bench is no package)."""

    def load(name: str) -> ModuleType:
        path = Path(__file__).resolve().parents[1] / "bench" / f"{name}.py"
        spec = importlib.util.spec_from_file_location(f"bench_{name}", path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        spec.loader.exec_module(module)
        return module

    return load
