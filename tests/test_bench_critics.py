"""The critics benchmark (bench/critics.py): outlets as the text writes them, the forms it
counts as one, and a run on the real data (slow; skipped without ../shared/data)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


@pytest.fixture(scope="module")
def bench(load_bench: Callable[[str], ModuleType]) -> ModuleType:
    return load_bench("critics")


def test_an_outlet_as_written_keeps_its_the(bench: ModuleType) -> None:
    quote = "Vera Sollis of the Quayside Herald called it a damp squib."
    assert bench.as_written("Quayside Herald", quote) == "the Quayside Herald"
    assert bench.as_written("Quayside Herald", "Quayside Herald's Vera Sollis") == (
        "Quayside Herald")
    assert bench.as_written("Lamp Post", "no outlet here") == "Lamp Post"


def test_only_keys_written_more_than_one_way_are_listed(bench: ModuleType) -> None:
    forms = {"quayside herald": Counter({"Quayside Herald": 3, "the Quayside Herald": 1}),
             "lamp post": Counter({"Lamp Post": 2})}
    assert bench._merged(forms) == ["'Quayside Herald' = 'the Quayside Herald'"]


@pytest.mark.slow
def test_the_real_data_run(bench: ModuleType, tmp_path: Path, capsys, monkeypatch) -> None:
    if not (DATA / "rt-critics" / "critics.csv").is_file():
        pytest.skip("../shared/data is absent")
    monkeypatch.setattr("sys.argv", ["critics.py", "--data", str(DATA),
                                     "--db", str(tmp_path / "c.db")])
    assert bench.main() == 0
    out = capsys.readouterr().out
    assert "'NPR.org' = 'NPR'" in out  # the known variants, on rt-critics
    assert "'New York Times' = 'The New York Times'" in out  # across the two corpora
    assert "critics with reviews of two films or more" in out
    assert "reproduce: .venv/bin/python bench/critics.py" in out
    assert str(tmp_path) not in out  # no local path is shown
