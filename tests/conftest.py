from __future__ import annotations

from pathlib import Path

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
