"""The reception benchmark's approval analysis: what random quote errors do to approval."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType

import numpy as np
import pytest

pytest.importorskip("sklearn")


@pytest.fixture(scope="module")
def bench(load_bench: Callable[[str], ModuleType]) -> ModuleType:
    return load_bench("reception")


def _films(sizes: list[int], fresh: list[float]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    films, labels = [], []
    for k, (n, share) in enumerate(zip(sizes, fresh, strict=True)):
        films += [f"f{k:02d}"] * n
        labels += [1 if i < round(n * share) else 0 for i in range(n)]
    ids = np.array(films)
    return np.array(labels), ids, np.unique(ids)


def test_no_errors_no_approval_error(bench: ModuleType) -> None:
    y, films, big = _films([12, 20, 15], [0.9, 0.5, 0.2])
    assert bench.random_error_mae(y, films, big, 1.0) == 0.0


def test_approval_error_falls_as_accuracy_rises(bench: ModuleType) -> None:
    y, films, big = _films([12] * 30, [0.1 * (k % 10) for k in range(30)])
    maes = [bench.random_error_mae(y, films, big, a) for a in (0.7, 0.8, 0.9, 0.95)]
    assert maes == sorted(maes, reverse=True)
    assert maes[0] > 10 > maes[-1]


def test_only_the_given_films_count(bench: ModuleType) -> None:
    y, films, _ = _films([12, 3], [0.5, 1.0])
    assert bench.random_error_mae(y, films, np.array(["f00"]), 1.0) == 0.0
    assert bench.random_error_mae(y, films, np.array(["f00"]), 0.8) > 0.0


def test_accuracy_needed_meets_the_target(bench: ModuleType) -> None:
    y, films, big = _films([14] * 40, [0.05 * (k % 20) for k in range(40)])
    need = bench.accuracy_needed(y, films, big, 5.0)
    assert 0.5 < need < 1.0
    assert bench.random_error_mae(y, films, big, need) <= 5.0
    assert bench.random_error_mae(y, films, big, need - 0.01) > 5.0
