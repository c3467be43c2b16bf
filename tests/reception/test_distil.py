"""Soft targets for the fast polarity model: a teacher's probabilities as training labels."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from backtrace.reception import training
from backtrace.reception.polarity import PolarityModel
from backtrace.reception.text import featurize

pytest.importorskip("sklearn")
BUCKETS = 1 << 12  # small: the shipped size only makes the fit slower


def _loss(z: np.ndarray, y: np.ndarray, w: np.ndarray) -> float:
    """Weighted logistic loss of log-odds ``z`` against 0/1 (or soft) targets ``y``."""
    return float(np.sum(w * (np.logaddexp(0.0, z) - y * z)))


def test_hard_targets_pass_through_unchanged() -> None:
    x = sp.csr_matrix(np.eye(3))
    x2, y2, w2 = training.soft_rows(x, np.array([1.0, 0.0, 1.0]), np.array([1.0, 0.3, 10.0]))
    assert x2 is x
    assert y2.tolist() == [1, 0, 1]
    assert w2.tolist() == [1.0, 0.3, 10.0]


def test_soft_rows_have_the_soft_label_loss() -> None:
    rng = np.random.default_rng(7)
    x = sp.csr_matrix(rng.random((6, 4)))
    targets = np.array([1.0, 0.0, 0.25, 0.5, 0.875, 0.0625])
    weights = np.array([1.0, 2.0, 0.3, 1.0, 10.0, 0.5])
    x2, y2, w2 = training.soft_rows(x, targets, weights)
    assert x2.shape == (6 + 4, 4)  # the four soft rows come again
    beta = rng.normal(size=4)
    assert _loss(x2 @ beta, y2, w2) == pytest.approx(_loss(x @ beta, targets, weights))


def test_soft_targets_mix_label_and_teacher_and_ignore_last_bits() -> None:
    labels = np.array([1, 0, 1])
    teacher = np.array([0.0, 0.0, -40.0])
    assert training.soft_targets(labels, teacher, 0.5) == [0.75, 0.25, 0.5]
    assert training.soft_targets(None, np.array([0.0]), 1.0) == [0.5]
    nudged = training.soft_targets(labels, teacher + 1e-9, 0.5)
    assert nudged == training.soft_targets(labels, teacher, 0.5)


def test_the_teacher_alone_teaches_words_no_label_has() -> None:
    def model_for(teacher_logit: float) -> float:
        data = training.TrainingSet()
        data.add(["a fine warm story", "a poor cold story"] * 5, [1, 0] * 5)
        unlabelled = ["the plot is quixotry", "quixotry everywhere", "pure quixotry"] * 4
        data.add_unlabelled(unlabelled, [teacher_logit] * len(unlabelled))
        assert data.labels[-1] == -1 and len(data.targets) == len(data.texts)
        x = training.feature_matrix(featurize(data.texts, BUCKETS, 2), BUCKETS)
        rows = training.soft_rows(x, np.array(data.targets), np.array(data.weights))
        w, b = training.fit_matrix(*rows)
        return float(PolarityModel(w, b, max_n=2).logits(["quixotry"])[0])

    assert model_for(4.0) > 0.5
    assert model_for(-4.0) < -0.5
