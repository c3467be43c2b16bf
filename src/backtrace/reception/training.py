"""Fitting the polarity model (needs scikit-learn and SciPy, which prediction does not).

The model is a logistic regression over hashed, binary word uni+bigrams (see :mod:`.text`),
trained jointly on sentence-level examples (snippets, quotes, review sentences that inherit their
review's label) and whole-review examples, so that one weight vector scores both.

An example's target is the probability that it is positive: its label (0 or 1), or, when a
teacher (the accurate mode's encoder) has read it, a mix of the label and the teacher's
probability; text with no label of its own can be taught by the teacher alone (distillation).
A soft target ``t`` of weight ``w`` is fitted as the same row twice, positive with weight
``w * t`` and negative with weight ``w * (1 - t)`` (the logistic loss of a soft label).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp

from backtrace.reception import corpora
from backtrace.reception.polarity import PolarityModel
from backtrace.reception.text import featurize

N_BUCKETS = 1 << 20
MAX_N = 2
C = 0.3
REVIEW_SENTENCE_WEIGHT = 0.3  # review sentences only inherit their review's label: noisy
WHOLE_REVIEW_WEIGHT = 10.0  # few examples, but each is a whole review's worth of evidence
TEACHER_SHARE = 0.5  # of a labelled example's target that is the teacher's probability


@dataclass
class TrainingSet:
    """Texts with targets (P(positive): the label, or mixed with a teacher's) and weights."""

    texts: list[str] = field(default_factory=list)
    labels: list[int] = field(default_factory=list)
    weights: list[float] = field(default_factory=list)
    targets: list[float] = field(default_factory=list)

    def add(
        self,
        texts: Sequence[str],
        labels: Sequence[int],
        weight: float = 1.0,
        teacher: Sequence[float] | None = None,
        share: float = TEACHER_SHARE,
    ) -> None:
        """Labelled texts; with ``teacher`` (its log-odds of each), soft targets."""
        self.texts.extend(texts)
        self.labels.extend(labels)
        self.weights.extend([weight] * len(texts))
        if teacher is None:
            self.targets.extend(float(y) for y in labels)
        else:
            self.targets.extend(soft_targets(np.asarray(labels), np.asarray(teacher), share))

    def add_unlabelled(
        self, texts: Sequence[str], teacher: Sequence[float], weight: float = 1.0
    ) -> None:
        """Texts with no label of their own, taught by the teacher's log-odds alone."""
        self.texts.extend(texts)
        self.labels.extend([-1] * len(texts))
        self.weights.extend([weight] * len(texts))
        self.targets.extend(soft_targets(None, np.asarray(teacher), 1.0))

    def add_reviews(self, reviews: Sequence[corpora.Review]) -> None:
        for review in reviews:
            n = len(review.sentences)
            self.add(review.sentences, [review.label] * n, REVIEW_SENTENCE_WEIGHT)
        self.add(
            [" ".join(r.sentences) for r in reviews],
            [r.label for r in reviews],
            WHOLE_REVIEW_WEIGHT,
        )


def feature_matrix(rows: Sequence[Sequence[int]], n_buckets: int = N_BUCKETS) -> sp.csr_matrix:
    """Binary CSR matrix from lists of bucket ids."""
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum([len(r) for r in rows], out=indptr[1:])
    indices = np.fromiter((i for r in rows for i in r), dtype=np.int64, count=int(indptr[-1]))
    data = np.ones(len(indices), dtype=np.float64)
    return sp.csr_matrix((data, indices, indptr), shape=(len(rows), n_buckets))


def soft_targets(labels: np.ndarray | None, teacher: np.ndarray, share: float) -> list[float]:
    """``(1 - share) * label + share * sigmoid(teacher)``, rounded to 1/1024 so that the last
    bits of the teacher's arithmetic (threads, BLAS kernels) do not reach the model file."""
    p = 0.5 * (1.0 + np.tanh(0.5 * np.asarray(teacher, dtype=np.float64)))
    mixed = p if labels is None else (1.0 - share) * labels + share * p
    return (np.round(mixed * 1024.0) / 1024.0).tolist()


def soft_rows(
    x: sp.csr_matrix, targets: np.ndarray, weights: np.ndarray
) -> tuple[sp.csr_matrix, np.ndarray, np.ndarray]:
    """Rows, 0/1 labels and weights whose weighted logistic loss is that of the soft targets.

    Each row keeps its place with its nearer label (weight ``w * max(t, 1 - t)``); rows with
    ``0 < t < 1`` come again at the end with the other label. Hard targets give ``x`` as is.
    """
    t = np.asarray(targets, dtype=np.float64)
    w = np.asarray(weights, dtype=np.float64)
    near = (t >= 0.5).astype(np.int64)
    soft = (t > 0.0) & (t < 1.0)
    if not soft.any():
        return x, near, w
    x2 = sp.vstack([x, x[soft]]).tocsr()
    y2 = np.concatenate([near, 1 - near[soft]])
    w2 = np.concatenate([w * np.maximum(t, 1.0 - t), (w * np.minimum(t, 1.0 - t))[soft]])
    return x2, y2, w2


def fit_matrix(
    x: sp.csr_matrix, y: np.ndarray, weights: np.ndarray | None = None, c: float = C
) -> tuple[np.ndarray, float]:
    """Weights and bias of an L2 logistic regression (liblinear primal: deterministic)."""
    from sklearn.linear_model import LogisticRegression

    clf = LogisticRegression(C=c, solver="liblinear", max_iter=1000, tol=1e-6, random_state=0)
    clf.fit(x, y, sample_weight=weights)
    return clf.coef_.ravel().astype(np.float32), float(np.float32(clf.intercept_[0]))


def fit(data: TrainingSet, meta: dict[str, object] | None = None) -> PolarityModel:
    """Train a :class:`PolarityModel` on ``data``."""
    x = feature_matrix(featurize(data.texts, N_BUCKETS, MAX_N))
    w, b = fit_matrix(*soft_rows(x, np.asarray(data.targets), np.asarray(data.weights)))
    return PolarityModel(w, b, max_n=MAX_N, meta=dict(meta or {}))


def full_training_set(data_dir=corpora.DEFAULT_DATA) -> tuple[TrainingSet, dict[str, object]]:
    """All dev data of the three corpora, and counts describing it."""
    texts, labels = corpora.rt_polarity(data_dir)
    quotes = corpora.rt_critics(data_dir)
    reviews = corpora.review_polarity(data_dir)
    data = TrainingSet()
    data.add(texts, labels)
    data.add([q.text for q in quotes], [q.label for q in quotes])
    data.add_reviews(reviews)
    meta: dict[str, object] = {
        "rt_polarity_snippets": len(texts),
        "rt_critics_quotes": len(quotes),
        "review_polarity_reviews": len(reviews),
        "review_polarity_sentences": sum(len(r.sentences) for r in reviews),
    }
    return data, meta
