"""bench/extraction_scale.py: its generated texts, its table, and a quick run beside a
baseline revision."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def bench(load_bench: Callable[[str], ModuleType]) -> ModuleType:
    return load_bench("extraction_scale")


def test_texts_are_generated_to_size_and_the_same_each_time(bench: ModuleType) -> None:
    prose = bench.prose(50_000)
    assert 50_000 <= len(prose.encode()) < 60_000
    assert prose == bench.prose(50_000) and prose != bench.prose(50_000, seed=1)
    assert "directed by" in prose and "\n==" in prose and prose.count(". ") > 200
    flat = bench.flat(20_000)
    assert 20_000 <= len(flat.encode()) < 21_000
    assert not any(ch in flat for ch in ".,;:!?\n")


def test_sizes_and_cells(bench: ModuleType) -> None:
    assert bench.parse_size("8K") == 8192
    assert bench.parse_size("2") == bench.parse_size("2M") == bench.parse_size("2MB") == 2 << 20
    assert bench.parse_size("0.5") == 512 << 10
    assert bench.show_size(8192) == "8 KB" and bench.show_size(3 << 20) == "3 MB"
    assert bench._cell({"timeout": True}, 300)[0] == "> 300 s (timeout)"
    assert bench._cell({"not_run": True}, 300)[0] == "> 300 s (not run)"
    cell = bench._cell({"size": 2 << 20, "seconds": 3.0, "cpu_seconds": 2.5, "claims": 1234,
                        "peak_mb": 400, "read_seconds": 0.25, "skipped": False}, 300)
    assert cell == ["3.00", "1.50", "2.50", "1,234", "400", "0.25"]
    cell = bench._cell({"size": 1 << 20, "seconds": 0.1, "cpu_seconds": 0.1, "claims": 0,
                        "peak_mb": 50, "read_seconds": 0.5, "skipped": True}, 300)
    assert cell[3] == "0 (skipped)"


def test_one_measurement_in_this_process(bench: ModuleType) -> None:
    m = bench.measure("flat", 30_000)  # one sentence over the cap: skipped
    assert m["claims"] == 0 and m["skipped"] and m["size"] == 30_000 and m["seconds"] >= 0


@pytest.mark.slow
def test_quick_run_beside_a_baseline_prints_the_table_and_the_command() -> None:
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "extraction_scale.py"), "--quick",
         "--baseline", "HEAD"],
        capture_output=True, text=True, check=True, cwd=ROOT,
    ).stdout
    lines = out.splitlines()
    assert lines[0].startswith("extraction time by document size")
    assert "HEAD s" in lines[1] and "this s" in lines[1]
    rows = [line.split()[:3] for line in lines[3:-1]]
    assert rows == [["prose", "32", "KB"], ["prose", "64", "KB"], ["flat", "8", "KB"],
                    ["flat", "16", "KB"]]
    assert lines[-1] == "reproduce: .venv/bin/python bench/extraction_scale.py --quick " \
                        "--baseline HEAD"
    assert "/work/" not in out and str(ROOT) not in out  # no local path in the output
