"""The reception benchmark's approval analysis: what random quote errors do to approval."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
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


def _oof(bench: ModuleType) -> tuple[dict, dict]:
    """Out-of-fold readings of 40 invented films of 5-8 quotes in 10 folds."""
    rng = np.random.default_rng(5)
    films, y, z, folds, truth = [], [], [], [], {}
    for i in range(40):
        n, extra = 5 + i % 4, i % 3
        labels = rng.random(n + extra) < 0.6
        truth[f"f{i:02d}"] = (int(labels.sum()), n + extra)
        for label in labels[:n]:
            films.append(f"f{i:02d}")
            y.append(int(label))
            folds.append(i % 10)
            z.append(rng.normal(1.0 if label else -1.0, 1.0))
    oof = {"films": np.array(films), "y": np.array(y), "z": np.array(z),
           "qfold": np.array(folds), "enc": rng.normal(0.0, 0.1, len(y)),
           "dbasis": np.array(["model"] * 40), "dlabel": np.array(["positive"] * 40),
           "ry": np.array([1] * 30 + [0] * 10)}  # fmt: skip
    return oof, truth


def test_the_panel_is_fitted_without_the_films_it_is_measured_on(bench: ModuleType) -> None:
    oof, truth = _oof(bench)
    assert bench.film_unread(oof, truth) == [0.35, 0.325, 0.325]  # i % 3 more, by film
    held_out = bench.film_unread(oof, truth, skip_fold=0)  # films 0, 10, 20, 30 left out
    assert held_out == [0.3333, 0.3333, 0.3333]
    assert len(bench.film_counts(oof, truth, skip_fold=0)) == 36


def test_both_modes_are_measured(bench: ModuleType) -> None:
    oof, truth = _oof(bench)
    table = bench.rates_table(oof, truth)
    assert "sensitivity" in table["encoder/quote"] and "fallback" in table["encoder/document"]
    read, basis = bench.mode_reads(oof, "accurate")
    assert basis == "encoder" and len(read) == len(oof["y"])
    del oof["enc"]
    assert "fallback" in bench.rates_table(oof, truth)["encoder/quote"]


def test_teacher_log_odds_resume_from_their_chunks(
    bench: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bench, "TEACHER_CHUNK", 2)
    calls: list[list[str]] = []
    stop_at = [2]  # the first run stops while scoring its second chunk

    def score(texts: list[str]) -> np.ndarray:
        calls.append(texts)
        if len(calls) == stop_at[0]:
            raise RuntimeError("stopped")
        return np.array([float(len(t)) for t in texts])

    folder = tmp_path / "rt" / "scored"
    texts = ["a warm film", "a cold one", "dull", "bright and brisk", "flat"]
    with pytest.raises(RuntimeError):
        bench.chunked_logits(score, texts, folder)
    assert len(list(folder.glob("*.npy"))) == 1  # the first chunk, and no partial one
    calls.clear()
    stop_at[0] = 0
    assert bench.chunked_logits(score, texts, folder).tolist() == [11.0, 10.0, 4.0, 16.0, 4.0]
    assert calls == [["dull", "bright and brisk"], ["flat"]]  # the first chunk was kept
    calls.clear()
    other = bench.chunked_logits(score, ["new text", *texts[1:]], folder)
    assert other[0] == 8.0 and calls == [["new text", "a cold one"]]  # other texts: rescored


def test_fold_table_reports_the_spread_and_the_paired_difference(bench: ModuleType) -> None:
    table = bench.fold_table({"ours": [0.78, 0.80, 0.79], "other": [0.79, 0.82, 0.80]})
    assert table["ours"]["accuracy"] == pytest.approx(0.79)
    assert table["ours"]["SD over folds (points)"] == pytest.approx(1.0)
    assert table["other"]["vs ours (points)"] == pytest.approx(4 / 3)
    assert table["other"]["SD of that"] == pytest.approx(np.std([1.0, 2.0, 1.0], ddof=1))
    assert "vs ours (points)" not in table["ours"]


def test_a_teacher_is_built_only_for_log_odds_not_kept_yet(
    bench: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built: list[Path | None] = []

    class Fake:
        def encoder_logits(self, texts: list[str]) -> np.ndarray:
            return np.array([float(len(t)) for t in texts])

    def fake_scorer(path: Path | None, train: list[tuple[str, int]]) -> Fake:
        built.append(path)
        return Fake()

    monkeypatch.setattr(bench, "cached_scorer", fake_scorer)
    train = [("a warm film", 1), ("a cold one", 0)]
    texts = ["bright", "flat and dull"]
    assert bench.teacher(tmp_path, "rt", train)(texts, "scored").tolist() == [6.0, 13.0]
    assert len(built) == 1 and built[0] is not None and built[0].name == "adapter.safetensors"
    assert bench.teacher(tmp_path, "rt", train)(texts, "scored").tolist() == [6.0, 13.0]
    assert len(built) == 1  # all kept: no adapter trained or read
    bench.teacher(tmp_path, "rt", train[:1])(texts, "scored")
    assert len(built) == 2 and built[1] != built[0]  # other training data: its own folder
