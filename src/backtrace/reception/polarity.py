"""Polarity (positive / negative / mixed) of critics' review text.

    from backtrace.reception.polarity import classify_review, load_model
    load_model().predict(["A dull, lifeless mess."])   # [("negative", 0.9...)]
    classify_review(["The cast is superb.", "The script is a dull mess."])  # ("mixed", ...)

The shipped model (``data/polarity-v1.bin.gz``, built by ``scripts/train_polarity.py``) is a
logistic regression over hashed word uni+bigrams; prediction needs NumPy only, no network.
"""

from __future__ import annotations

import gzip
import io
import json
import math
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import NamedTuple

import numpy as np

from backtrace.reception.text import featurize

MODEL_FILE = "polarity-v1.bin.gz"
_MAGIC = b"BTPOL1\n"
# A review is "mixed" when it has sentences of both polarities, its mean sentence probability
# stays within MIXED_BAND of a coin toss, and its whole text scores below MIXED_WHOLE either way.
MIXED_BAND = 0.12
MIXED_WHOLE = 0.88
POLAR = 0.6  # a sentence counts towards a side when its probability reaches this


class Polarity(NamedTuple):
    label: str  # "positive" or "negative"
    probability: float  # probability of that label, in [0.5, 1]


class ReviewPolarity(NamedTuple):
    label: str  # "positive", "negative" or "mixed"
    probability: float  # of the label; for "mixed": 1 - |mean sentence P(positive) - 0.5|
    sentences: list[Polarity]


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * z))


class PolarityScorer:
    """Anything that gives the log-odds of "positive" for texts; the rest derives from that."""

    basis = "model"  # what a review judged by this scorer records as having decided it

    def logits(self, texts: list[str]) -> np.ndarray:
        raise NotImplementedError

    def positive_probability(self, texts: list[str]) -> np.ndarray:
        return _sigmoid(self.logits(texts))

    def predict(self, texts: list[str]) -> list[tuple[str, float]]:
        """("positive" | "negative", probability of that label) for each text."""
        return [_polarity(p) for p in self.positive_probability(texts)]

    def classify_review(self, sentences: list[str]) -> ReviewPolarity:
        """Polarity of a whole review given its sentences (see :func:`classify_review`)."""
        sentences = [s for s in sentences if s.strip()]
        if not sentences:
            raise ValueError("classify_review needs at least one non-empty sentence")
        per_sentence = self.positive_probability(sentences)
        results = [_polarity(p) for p in per_sentence]
        n_pos = int((per_sentence >= POLAR).sum())
        n_neg = int((per_sentence <= 1.0 - POLAR).sum())
        mean_p = float(per_sentence.mean())
        whole = float(self.positive_probability([" ".join(sentences)])[0])
        label, prob = _polarity(whole)
        if n_pos and n_neg and abs(mean_p - 0.5) <= MIXED_BAND and prob < MIXED_WHOLE:
            return ReviewPolarity("mixed", 1.0 - abs(mean_p - 0.5), results)
        return ReviewPolarity(label, prob, results)


class PolarityModel(PolarityScorer):
    """A linear model over hashed n-gram buckets: score = weights[buckets].sum() + bias."""

    def __init__(
        self,
        weights: np.ndarray,
        bias: float,
        max_n: int = 2,
        meta: dict[str, object] | None = None,
    ) -> None:
        self.weights = np.ascontiguousarray(weights, dtype=np.float32)
        self.bias = float(bias)
        self.max_n = max_n
        self.meta = dict(meta or {})

    @property
    def n_buckets(self) -> int:
        return int(self.weights.shape[0])

    def logits(self, texts: list[str]) -> np.ndarray:
        """Log-odds of "positive" for each text."""
        if not texts:
            return np.zeros(0, dtype=np.float64)
        rows = featurize(texts, self.n_buckets, self.max_n)
        lengths = np.fromiter((len(r) for r in rows), dtype=np.int64, count=len(rows))
        flat = np.fromiter((i for r in rows for i in r), dtype=np.int64, count=int(lengths.sum()))
        contrib = np.concatenate([self.weights[flat].astype(np.float64), [0.0]])
        starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        sums = np.add.reduceat(contrib, starts)
        sums[lengths == 0] = 0.0
        return sums + self.bias

    def to_bytes(self) -> bytes:
        """The model file's bytes (deterministic: gzip without a timestamp)."""
        header = {
            "format": 1,
            "kind": "hashed-ngram-logreg",
            "n_buckets": self.n_buckets,
            "max_n": self.max_n,
            "bias": self.bias,
            "meta": self.meta,
        }
        payload = b"".join(
            [
                _MAGIC,
                json.dumps(header, sort_keys=True).encode() + b"\n",
                self.weights.astype("<f4").tobytes(),
            ]
        )
        buf = io.BytesIO()
        with gzip.GzipFile(fileobj=buf, mode="wb", compresslevel=9, mtime=0) as gz:
            gz.write(payload)
        return buf.getvalue()

    @classmethod
    def from_bytes(cls, blob: bytes) -> PolarityModel:
        raw = gzip.decompress(blob)
        if not raw.startswith(_MAGIC):
            raise ValueError("not a backtrace polarity model file")
        end = raw.index(b"\n", len(_MAGIC))
        header = json.loads(raw[len(_MAGIC) : end])
        weights = np.frombuffer(raw[end + 1 :], dtype="<f4")
        if weights.shape[0] != header["n_buckets"]:
            raise ValueError("model file is truncated")
        return cls(weights, header["bias"], header["max_n"], header.get("meta"))

    def save(self, path: Path) -> bytes:
        blob = self.to_bytes()
        path.write_bytes(blob)
        return blob


def _polarity(p_positive: float) -> Polarity:
    p = float(p_positive)
    if math.isnan(p):
        raise ValueError("model produced NaN")
    return Polarity("positive", p) if p >= 0.5 else Polarity("negative", 1.0 - p)


def model_resource() -> Traversable:
    """The shipped model file inside the installed package."""
    return resources.files("backtrace.reception").joinpath("data", MODEL_FILE)


@cache
def load_model() -> PolarityModel:
    """The shipped polarity model, read once per process from inside the package."""
    return PolarityModel.from_bytes(model_resource().read_bytes())


def classify_review(
    sentences: list[str], model: PolarityModel | None = None
) -> ReviewPolarity:
    """Label a whole review "positive", "negative" or "mixed", with per-sentence results.

    The label comes from the whole review's text scored at once (the model is also trained on
    whole reviews), except that the review is "mixed" when it has sentences on both sides, their
    mean probability of being positive is within ``MIXED_BAND`` of 0.5 and the whole text's
    probability stays below ``MIXED_WHOLE``.
    """
    return (model or load_model()).classify_review(sentences)
