"""Approval with its uncertainty: how many critics liked a film, allowing both for how few
reviews there are and for how often the polarity reader misreads one.

    estimate([("positive", "model", "quote"), ("negative", "cue", "quote"), ...])
    # Estimate(count=6, share=50.0, low=21.0, high=80.0, ..., enough=True)

The model (a Bayesian estimate, NumPy only):

* every counted review has a true verdict, positive with probability ``theta`` (the film's
  approval among critics), independently of the others;
* the reader reports "positive" with probability ``sensitivity`` when the review is positive
  and ``1 - specificity`` when it is not ("mixed" and "negative" both count as not
  positive, as in the approval). Its rates depend on what decided the label and on what was
  read (:func:`rate_key`: the fast model or the accurate encoder, on a quoted sentence or a
  whole review document; a stated score; the words of a report such as "gave it a negative
  review"), and come from :data:`RATES_FILE`, measured on held-out folds of labelled
  reviews by the command it records;
* the rates vary from film to film: they lean with the film's approval (in a well-liked
  film the reader finds more praise, rightly and wrongly: ``*_slope``), and around that
  each film's rates are drawn from a Beta distribution whose concentration (``*_spread``)
  was fitted to the films of the held-out folds. A film's reviews of one kind share one
  draw;
* a Beta prior on ``theta`` fitted to how approvals spread across films (the rates file's
  ``prior``; uniform without one); the interval is the central ``LEVEL`` of the posterior,
  its ends rounded outwards to whole percents.

With fewer than :data:`MIN_REVIEWS` counted reviews there is no score: Rotten Tomatoes has
long calculated no Tomatometer score before a title has five reviews, and with four even an
error-free reader leaves a 90% interval about 45 points wide when all four agree and over 60
when they split; with the fast reader's error rates, wider still (see ``too_few``).
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
else:
    class _Numpy:
        """numpy, imported when a function here first uses it (then ``np`` is numpy itself):
        the record of a film with no reviews, most films, needs none."""

        def __getattr__(self, name: str) -> Any:
            import numpy

            globals()["np"] = numpy
            return getattr(numpy, name)

    np = _Numpy()

RATES_FILE = "polarity-error-rates.json"
LEVEL = 0.90
MIN_REVIEWS = 5
GRID = 401  # points of theta in [0, 1]
RATE_GRID = 81  # points of each error rate when it varies by film

POSITIVE = "positive"


@dataclass(frozen=True, slots=True)
class Rates:
    """How often a kind of reading is right: P(read positive | positive) and
    P(read not positive | not positive), on average over films. A reader errs differently
    in a well-liked film than in a disliked one (quotes lean with their film): each
    ``*_slope`` is how much the rate changes from a film with approval 0 to one with
    approval 1, around the average at ``theta_ref``, the mean approval of the films it was
    measured on. Each ``*_spread`` is the concentration of the rate's film-to-film Beta
    distribution around that line (None: no spread)."""

    sensitivity: float
    specificity: float
    sensitivity_spread: float | None = None
    specificity_spread: float | None = None
    sensitivity_slope: float = 0.0
    specificity_slope: float = 0.0
    theta_ref: float = 0.5

    def at(self, theta: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The mean sensitivity and specificity of films of approval ``theta``."""
        shift = theta - self.theta_ref
        return (np.clip(self.sensitivity + self.sensitivity_slope * shift, 1e-6, 1 - 1e-6),
                np.clip(self.specificity + self.specificity_slope * shift, 1e-6, 1 - 1e-6))


@dataclass(frozen=True, slots=True)
class Estimate:
    """A film's approval: ``share`` is the percentage of counted reviews read as positive;
    ``approval`` (the posterior median), ``low`` and ``high`` (the central ``level``
    interval) allow for the reader's errors; ``enough`` says whether there are at least
    ``min_reviews`` reviews to give a score at all."""

    count: int
    positive: int
    share: float | None
    approval: float | None
    low: float | None
    high: float | None
    level: float
    enough: bool
    min_reviews: int
    text: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def rate_key(basis: str | None, source: str | None) -> str:
    """Which measured rates apply to a review judged by ``basis`` from ``source``:
    "model/quote", "model/document", "encoder/quote", "encoder/document",
    "lexicon/document", "score/quote", "score/document", "cue"."""
    basis = basis or "model"
    if basis == "cue":
        return basis
    if basis == "lexicon":
        return "lexicon/document"
    return f"{basis}/{'document' if source == 'document' else 'quote'}"


@cache
def shipped_rates() -> dict[str, Any]:
    """The rates file shipped with the polarity models (see :data:`RATES_FILE`)."""
    path = resources.files("backtrace.reception").joinpath("data", RATES_FILE)
    return json.loads(path.read_text(encoding="utf-8"))


def rates_for(key: str, table: Mapping[str, Any] | None = None) -> Rates:
    """The rates of ``key`` in ``table`` (the shipped file's ``rates``), falling back
    along ``fallback`` (the accurate encoder's, when not measured, to the fast model's:
    it errs more, so the interval is wider, never narrower, than it should be)."""
    table = table if table is not None else shipped_rates()["rates"]
    seen = set()
    while key in table and key not in seen:
        seen.add(key)
        row = table[key]
        if "fallback" in row:
            key = row["fallback"]
            continue
        return Rates(float(row["sensitivity"]), float(row["specificity"]),
                     row.get("sensitivity_spread"), row.get("specificity_spread"),
                     float(row.get("sensitivity_slope", 0.0)),
                     float(row.get("specificity_slope", 0.0)), float(row.get("theta_ref", 0.5)))
    raise KeyError(f"no error rates for {key!r}")


def _beta_weights(mean: np.ndarray, spread: float | None) -> tuple[np.ndarray, np.ndarray]:
    """Points in (0, 1) and, for each mean, their weights under a Beta(mean * spread,
    (1 - mean) * spread): ``(points, weights[len(mean), len(points)])``; the means
    themselves (one point each, weight 1) when ``spread`` is None."""
    if spread is None:
        return mean[:, None], np.ones((len(mean), 1))
    x = (np.arange(RATE_GRID) + 0.5) / RATE_GRID
    a, b = mean[:, None] * spread, (1.0 - mean[:, None]) * spread
    logw = (a - 1.0) * np.log(x)[None, :] + (b - 1.0) * np.log1p(-x)[None, :]
    w = np.exp(logw - logw.max(axis=1, keepdims=True))
    return np.broadcast_to(x, w.shape), w / w.sum(axis=1, keepdims=True)


def _joint(theta: np.ndarray, positive: int, count: int, rates: Rates):
    """The film's possible (sensitivity, specificity) at each theta, with log(weight x
    likelihood) of each: ``(s[t, i], c[t, j], log_joint[t, i, j])``."""
    sens, spec = rates.at(theta)
    s, ws = _beta_weights(sens, rates.sensitivity_spread)
    c, wc = _beta_weights(spec, rates.specificity_spread)
    # q[theta, s, c] = P(read positive)
    t = theta[:, None, None]
    q = np.clip(t * s[:, :, None] + (1.0 - t) * (1.0 - c[:, None, :]), 1e-12, 1.0 - 1e-12)
    log_term = positive * np.log(q) + (count - positive) * np.log1p(-q)
    with np.errstate(divide="ignore"):
        log_term = log_term + np.log(ws)[:, :, None] + np.log(wc)[:, None, :]
    return s, c, log_term


def log_likelihood(theta: np.ndarray, positive: int, count: int, rates: Rates) -> np.ndarray:
    """log P(``positive`` of ``count`` reviews of one kind read as positive | theta), the
    film's sensitivity and specificity drawn around their means at theta."""
    _, _, log_term = _joint(theta, positive, count, rates)
    top = log_term.max(axis=(1, 2), keepdims=True)
    return np.log(np.exp(log_term - top).sum(axis=(1, 2))) + top[:, 0, 0]


def among(
    groups: Mapping[str, tuple[int, int]],
    population: int,
    table: Mapping[str, Any] | None = None,
    prior: tuple[float, float] = (1.0, 1.0),
    level: float = LEVEL,
    draws: int = 20000,
) -> tuple[float, float]:
    """The central ``level`` interval (in percent, rounded outwards) of the share of
    positive reviews among ``population`` critics that include the ones read, rather than
    among critics at large: the benchmark's check of the model against a film's few
    Rotten Tomatoes top critics. Monte Carlo with a fixed seed: the same every run."""
    rng = np.random.default_rng(0)
    theta, p = posterior(groups, table, prior)
    pick = rng.choice(len(theta), size=draws, p=p)
    total = np.zeros(draws)
    read = 0
    for key, (positive, count) in sorted(groups.items()):
        if not count:
            continue
        read += count
        s, c, log_joint = _joint(theta, positive, count, rates_for(key, table))
        flat = log_joint.reshape(len(theta), -1)
        w = np.exp(flat - flat.max(axis=1, keepdims=True))
        cdf = np.cumsum(w, axis=1)
        cdf /= cdf[:, -1:]
        u = rng.random(draws)
        cell = np.zeros(draws, dtype=np.int64)
        for t in np.unique(pick):
            here = pick == t
            cell[here] = np.searchsorted(cdf[t], u[here])
        cell = np.minimum(cell, flat.shape[1] - 1)
        si, ci = np.divmod(cell, c.shape[1])
        sd, cd, th = s[pick, si], c[pick, ci], theta[pick]
        p1 = th * sd / (th * sd + (1.0 - th) * (1.0 - cd))  # P(positive | read positive)
        p0 = th * (1.0 - sd) / (th * (1.0 - sd) + (1.0 - th) * cd)  # ... | read otherwise
        total += rng.binomial(positive, p1) + rng.binomial(count - positive, p0)
    total += rng.binomial(max(population - read, 0), theta[pick])
    share = 100.0 * total / max(population, read)
    tail = (1.0 - level) / 2.0
    low, high = np.quantile(share, [tail, 1.0 - tail])
    return float(math.floor(low + 1e-9)), float(math.ceil(high - 1e-9))


def prior_of(doc: Mapping[str, Any] | None = None) -> tuple[float, float]:
    """The Beta prior of theta a rates file records (``prior``: ``a``, ``b``); uniform
    when it records none."""
    doc = doc if doc is not None else shipped_rates()
    prior = doc.get("prior") or {}
    return float(prior.get("a", 1.0)), float(prior.get("b", 1.0))


def posterior(
    groups: Mapping[str, tuple[int, int]],
    table: Mapping[str, Any] | None = None,
    prior: tuple[float, float] = (1.0, 1.0),
) -> tuple[np.ndarray, np.ndarray]:
    """theta's grid (midpoints of ``GRID`` cells of [0, 1]) and its posterior probabilities
    given ``{rate key: (positive, count)}`` and a Beta ``prior``."""
    theta = (np.arange(GRID) + 0.5) / GRID
    a, b = prior
    logp = (a - 1.0) * np.log(theta) + (b - 1.0) * np.log1p(-theta)
    for key, (positive, count) in sorted(groups.items()):
        if count:
            logp += log_likelihood(theta, positive, count, rates_for(key, table))
    p = np.exp(logp - logp.max())
    return theta, p / p.sum()


def _quantile(theta: np.ndarray, p: np.ndarray, q: float) -> float:
    """The ``q`` quantile of the grid distribution, each cell's mass spread evenly over it."""
    edges = np.concatenate([[0.0], np.cumsum(p)])
    grid = np.concatenate([[0.0], theta + 0.5 / len(theta)])
    return float(np.interp(q, edges, grid))


def estimate(
    reviews: Iterable[tuple[str, str | None, str | None]],
    *,
    table: Mapping[str, Any] | None = None,
    prior: tuple[float, float] | None = None,
    level: float = LEVEL,
    min_reviews: int = MIN_REVIEWS,
) -> Estimate:
    """The approval of a film from its counted reviews, each ``(polarity, basis, source)``:
    with ``table`` (rates by :func:`rate_key`) and ``prior`` those of the shipped file
    unless given. The interval's ends are rounded outwards to whole percents."""
    groups: Counter[str] = Counter()
    positives: Counter[str] = Counter()
    count = positive = 0
    for polarity, basis, source in reviews:
        key = rate_key(basis, source)
        groups[key] += 1
        count += 1
        if polarity == POSITIVE:
            positives[key] += 1
            positive += 1
    share = round(100.0 * positive / count, 1) if count else None
    if not count:
        return Estimate(0, 0, None, None, None, None, level, False, min_reviews,
                        describe(None, None, None, 0, 0, False, min_reviews))
    if prior is None:
        prior = prior_of() if table is None else (1.0, 1.0)
    theta, p = posterior({k: (positives[k], n) for k, n in groups.items()}, table, prior)
    tail = (1.0 - level) / 2.0
    low = float(math.floor(100.0 * _quantile(theta, p, tail) + 1e-9))
    high = float(math.ceil(100.0 * _quantile(theta, p, 1.0 - tail) - 1e-9))
    mid = float(round(100.0 * _quantile(theta, p, 0.5)))
    enough = count >= min_reviews
    return Estimate(count, positive, share, mid, low, high, level, enough, min_reviews,
                    describe(share, low, high, count, positive, enough, min_reviews))


def describe(share: float | None, low: float | None, high: float | None, count: int,
             positive: int, enough: bool, min_reviews: int = MIN_REVIEWS) -> str:
    """The estimate in plain words: "25% positive, likely between 5% and 60%, from 8
    reviews", or why there is no score ("1 of 4 reviews positive: too few for a score (a
    score needs 5)")."""
    if not count:
        return "no reviews yet"
    if not enough:
        return (f"{positive} of {count} review{'' if count == 1 else 's'} positive: too few "
                f"for a score (a score needs {min_reviews})")
    return (f"{share:g}% positive, likely between {low:g}% and {high:g}%, "
            f"from {count} review{'' if count == 1 else 's'}")


def too_few(count: int, table: Mapping[str, Any] | None = None) -> dict[str, float]:
    """The narrowest and widest 90% intervals (in points) ``count`` reviews can give, with
    an error-free reader and with the fast model reading quotes: why a score needs
    :data:`MIN_REVIEWS`."""
    exact = {"perfect": {"sensitivity": 1.0 - 1e-9, "specificity": 1.0 - 1e-9}}
    out = {}
    for name, tab, key in (("error-free", exact, "perfect"), ("fast model", table, "model/quote")):
        widths = []
        for k in range(count + 1):
            theta, p = posterior({key: (k, count)}, tab)
            widths.append(100 * (_quantile(theta, p, 0.95) - _quantile(theta, p, 0.05)))
        out[f"{name} narrowest"] = min(widths)
        out[f"{name} widest"] = max(widths)
    return out


def fit_spread(correct: Iterable[tuple[int, int, float]]) -> float | None:
    """The concentration ``k`` of Beta(mean * k, (1 - mean) * k) distributions that best
    explains per-film counts ``(right, read, mean)`` (beta-binomial maximum likelihood over
    a grid of k); None when the counts show no more spread than chance (k at the top of
    the grid)."""
    triples = [(r, n, min(max(m, 0.01), 0.99)) for r, n, m in correct if n]
    if not triples:
        return None
    grid = [2.0 ** (i / 4.0) for i in range(4, 4 * 12 + 1)]  # 2 .. 4096

    def loglik(k: float) -> float:
        total = 0.0
        for r, n, mean in triples:
            a, b = mean * k, (1.0 - mean) * k
            total += (math.lgamma(r + a) + math.lgamma(n - r + b) - math.lgamma(n + a + b)
                      - math.lgamma(a) - math.lgamma(b) + math.lgamma(a + b))
        return total

    best = max(grid, key=loglik)
    return None if best == grid[-1] else round(best, 2)


def fit_prior(counts: Iterable[tuple[int, int]]) -> tuple[float, float]:
    """The Beta(a, b) prior of approvals that best explains films' ``(positive, reviews)``
    counts (beta-binomial maximum likelihood over a grid of means and concentrations)."""
    pairs = [(k, n) for k, n in counts if n]
    if not pairs:
        return 1.0, 1.0
    best = (-math.inf, 1.0, 1.0)
    for mean in (i / 100.0 for i in range(20, 81)):
        for k in (0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 12.0):
            a, b = mean * k, (1.0 - mean) * k
            total = sum(
                math.lgamma(r + a) + math.lgamma(n - r + b) - math.lgamma(n + a + b)
                for r, n in pairs
            ) + len(pairs) * (math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b))
            if total > best[0]:
                best = (total, a, b)
    return round(best[1], 4), round(best[2], 4)
