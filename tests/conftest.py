from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
DATA = SHARED / "data"


@pytest.fixture
def mini_corpus() -> Path:
    """Three documents written for these tests about one invented film, Paper Comet."""
    return FIXTURES / "mini"


@pytest.fixture
def seeds() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is absent")
    return SEEDS


@pytest.fixture
def kb(tmp_path):
    import backtrace

    with backtrace.open(tmp_path / "test.db") as kb:
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
