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
  ``prior``; uniform without one);
* what is shown is the share of positive reviews among a panel of critics, as an
  aggregator's figure is: the reviews read and ``m`` more the store does not have, ``m``
  drawn from the rates file's ``panel`` (how many critics beyond those quoted a film's
  Rotten Tomatoes approval counts, fitted on the films the rates were measured on). Drawn
  by Monte Carlo (:func:`panel_shares`): theta from its posterior, each kind's rates from
  theirs given theta, the true verdict of each review read given its reading, the others'
  given theta. Such a share takes few values, and often 0% or 100% when a film has few
  critics; an interval of theta, which never reaches either, missed most such films
  (coverage 0.82 against Rotten Tomatoes, 0.74 for films with 5-9 quotes). The interval's
  ends are attainable shares by the mid-p rule (:func:`share_interval`), rounded outwards
  to whole percents; without a panel (``estimate(unread=None)``), the central ``LEVEL``
  of theta's posterior.

With fewer than :data:`MIN_REVIEWS` counted reviews there is no score: Rotten Tomatoes has
long calculated no Tomatometer score before a title has five reviews, and with four even an
error-free reader leaves a 90% interval about 45 points wide when all four agree and over 60
when they split; with the fast reader's error rates, wider still (see ``too_few``).
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from functools import cache, lru_cache
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
DRAWS = 20000  # Monte Carlo draws of a panel's share
FINITE = "panel"  # estimate(unread=FINITE): the panel the rates file records

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


def _draw_rates(theta: np.ndarray, pick: np.ndarray, joint: tuple, rng: Any
                ) -> tuple[np.ndarray, np.ndarray]:
    """A film's (sensitivity, specificity) drawn for each theta index in ``pick`` from
    their posterior given that theta and one kind's readings (``joint`` as :func:`_joint`
    gives it)."""
    s, c, log_joint = joint
    rows, inverse = np.unique(pick, return_inverse=True)
    flat = log_joint.reshape(len(theta), -1)[rows]
    cdf = np.cumsum(np.exp(flat - flat.max(axis=1, keepdims=True)), axis=1)
    cdf /= cdf[:, -1:]
    # one search over every row's cdf, row r shifted by r
    cdf += np.arange(len(rows))[:, None]
    cell = np.searchsorted(cdf.ravel(), inverse + rng.random(len(pick)))
    cell = np.minimum(cell - inverse * flat.shape[1], flat.shape[1] - 1)
    si, ci = np.divmod(cell, c.shape[1])
    return s[pick, si], c[pick, ci]


def panel_shares(
    groups: Mapping[str, tuple[int, int]],
    unread: Sequence[float],
    table: Mapping[str, Any] | None = None,
    prior: tuple[float, float] = (1.0, 1.0),
    draws: int = DRAWS,
) -> np.ndarray:
    """Draws (in percent) of the share of positive reviews among a panel of critics: the
    ones read (``groups``: ``{rate key: (read positive, count)}``) and ``m`` more, ``m``
    drawn with probability ``unread[m]``. Each draw takes theta from its posterior, the
    film's error rates of each kind from theirs given theta, the true verdicts of the
    reviews read given their readings, and the verdicts of the ``m`` others given theta.
    Monte Carlo with a fixed seed: the same every run."""
    rng = np.random.default_rng(0)
    theta, p, joints = _posterior(groups, table, prior)
    pick = rng.choice(len(theta), size=draws, p=p)
    th = theta[pick]
    total = np.zeros(draws)
    read = 0
    for key, (positive, count) in sorted(groups.items()):
        if not count:
            continue
        read += count
        sd, cd = _draw_rates(theta, pick, joints[key], rng)
        p1 = th * sd / (th * sd + (1.0 - th) * (1.0 - cd))  # P(positive | read positive)
        p0 = th * (1.0 - sd) / (th * (1.0 - sd) + (1.0 - th) * cd)  # ... | read otherwise
        total += rng.binomial(positive, p1) + rng.binomial(count - positive, p0)
    weights = np.asarray(unread, dtype=float)
    more = rng.choice(len(weights), size=draws, p=weights / weights.sum())
    total += rng.binomial(more, th)
    return 100.0 * total / np.maximum(read + more, 1)


def among(
    groups: Mapping[str, tuple[int, int]],
    population: int,
    table: Mapping[str, Any] | None = None,
    prior: tuple[float, float] = (1.0, 1.0),
    level: float = LEVEL,
    draws: int = DRAWS,
) -> tuple[float, float]:
    """The central ``level`` interval (in percent) of the share of positive reviews among
    ``population`` critics that include the ones read, rather than among critics at large:
    the benchmark's check of the model against a film's Rotten Tomatoes top critics when
    their number is known (the interval shown does not know it: see :func:`estimate`)."""
    read = sum(count for _, count in groups.values())
    unread = [0.0] * max(population - read, 0) + [1.0]
    return share_interval(panel_shares(groups, unread, table, prior, draws), level)[1:]


def share_interval(shares: np.ndarray, level: float = LEVEL, mid_p: bool = True
                   ) -> tuple[float, float, float]:
    """(median, low, high) of draws of a share, which takes few values (a share of a few
    critics): the ends are attainable shares, so a film whose few critics all agree can
    have an end at 0% or 100%. ``low`` is the least share whose mid-distribution function
    P(X < x) + P(X = x) / 2 reaches the lower tail, ``high`` the greatest whose P(X > x) +
    P(X = x) / 2 does (the mid-p rule: a discrete interval that holds ``level`` on average
    rather than at least ``level``, which it holds with ``mid_p`` False). Ends rounded
    outwards to whole percents, the median rounded."""
    tail = (1.0 - level) / 2.0
    values, counts = np.unique(np.round(shares, 9), return_counts=True)
    p = counts / counts.sum()
    half = p / 2.0 if mid_p else np.zeros_like(p)
    below, above = np.cumsum(p) - p, 1.0 - np.cumsum(p)
    low = values[np.flatnonzero(below + p - half >= tail - 1e-12)[0]]
    high = values[np.flatnonzero(above + p - half >= tail - 1e-12)[-1]]
    mid = values[np.flatnonzero(np.cumsum(p) >= 0.5 - 1e-12)[0]]
    return (float(round(mid)), float(math.floor(low + 1e-9)), float(math.ceil(high - 1e-9)))


def prior_of(doc: Mapping[str, Any] | None = None) -> tuple[float, float]:
    """The Beta prior of theta a rates file records (``prior``: ``a``, ``b``); uniform
    when it records none."""
    doc = doc if doc is not None else shipped_rates()
    prior = doc.get("prior") or {}
    return float(prior.get("a", 1.0)), float(prior.get("b", 1.0))


def unread_of(doc: Mapping[str, Any] | None = None) -> tuple[float, ...] | None:
    """How many critics beyond those read an approval figure counts, as a rates file
    records it (``panel.unread[m]``: the probability of ``m`` more); None when it records
    none (then the interval is of theta, the approval among critics at large)."""
    doc = doc if doc is not None else shipped_rates()
    unread = (doc.get("panel") or {}).get("unread")
    return tuple(float(x) for x in unread) if unread else None


def _posterior(
    groups: Mapping[str, tuple[int, int]],
    table: Mapping[str, Any] | None,
    prior: tuple[float, float],
) -> tuple[np.ndarray, np.ndarray, dict[str, tuple]]:
    """:func:`posterior`, with each kind's :func:`_joint` (by rate key)."""
    theta = (np.arange(GRID) + 0.5) / GRID
    a, b = prior
    logp = (a - 1.0) * np.log(theta) + (b - 1.0) * np.log1p(-theta)
    joints = {}
    for key, (positive, count) in sorted(groups.items()):
        if count:
            joints[key] = _joint(theta, positive, count, rates_for(key, table))
            log_term = joints[key][2]
            top = log_term.max(axis=(1, 2), keepdims=True)
            logp += np.log(np.exp(log_term - top).sum(axis=(1, 2))) + top[:, 0, 0]
    p = np.exp(logp - logp.max())
    return theta, p / p.sum(), joints


def posterior(
    groups: Mapping[str, tuple[int, int]],
    table: Mapping[str, Any] | None = None,
    prior: tuple[float, float] = (1.0, 1.0),
) -> tuple[np.ndarray, np.ndarray]:
    """theta's grid (midpoints of ``GRID`` cells of [0, 1]) and its posterior probabilities
    given ``{rate key: (positive, count)}`` and a Beta ``prior``."""
    theta, p, _ = _posterior(groups, table, prior)
    return theta, p


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
    unread: Sequence[float] | str | None = FINITE,
    level: float = LEVEL,
    min_reviews: int = MIN_REVIEWS,
) -> Estimate:
    """The approval of a film from its counted reviews, each ``(polarity, basis, source)``:
    with ``table`` (rates by :func:`rate_key`) and ``prior`` those of the shipped file
    unless given. The interval is of the share among a panel of critics: those read and
    ``m`` more, ``m`` drawn from ``unread`` (:func:`panel_shares`; by default the shipped
    file's panel, when ``table`` is not given); with ``unread`` None (or no panel
    recorded), of theta, the approval among critics at large. Ends rounded outwards to
    whole percents."""
    groups: Counter[str] = Counter()
    positives: Counter[str] = Counter()
    for polarity, basis, source in reviews:
        key = rate_key(basis, source)
        groups[key] += 1
        positives[key] += polarity == POSITIVE
    count, positive = sum(groups.values()), sum(positives.values())
    enough = count >= min_reviews
    if not count:
        return Estimate(0, 0, None, None, None, None, level, False, min_reviews,
                        describe(None, None, None, 0, 0, False, min_reviews))
    share = round(100.0 * positive / count, 1)
    if prior is None:
        prior = prior_of() if table is None else (1.0, 1.0)
    if isinstance(unread, str):
        unread = unread_of() if table is None else None
    counts = tuple(sorted((k, (positives[k], n)) for k, n in groups.items()))
    unread = None if unread is None else tuple(unread)
    if table is None:  # the shipped rates: the same counts give the same interval
        mid, low, high = _shipped_interval(counts, unread, prior, level)
    else:
        mid, low, high = _interval(dict(counts), unread, table, prior, level)
    return Estimate(count, positive, share, mid, low, high, level, enough, min_reviews,
                    describe(share, low, high, count, positive, enough, min_reviews))


@lru_cache(maxsize=4096)
def _shipped_interval(counts: tuple[tuple[str, tuple[int, int]], ...],
                      unread: tuple[float, ...] | None, prior: tuple[float, float],
                      level: float) -> tuple[float, float, float]:
    """:func:`_interval` with the shipped rates, kept for counts seen before: a film page
    asks it on every render, and it costs a Monte Carlo run (~0.1-0.2 s of CPU)."""
    return _interval(dict(counts), unread, None, prior, level)


def _interval(counts: dict[str, tuple[int, int]], unread: tuple[float, ...] | None,
              table: Mapping[str, Any] | None, prior: tuple[float, float],
              level: float) -> tuple[float, float, float]:
    """(middle, low, high) of the approval, in percent, from ``{rate key: (positive,
    count)}``: of the panel's share when ``unread`` is given, else of theta."""
    if unread is not None:
        return share_interval(panel_shares(counts, unread, table, prior), level)
    theta, p = posterior(counts, table, prior)
    tail = (1.0 - level) / 2.0
    low = float(math.floor(100.0 * _quantile(theta, p, tail) + 1e-9))
    high = float(math.ceil(100.0 * _quantile(theta, p, 1.0 - tail) - 1e-9))
    return float(round(100.0 * _quantile(theta, p, 0.5))), low, high


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


def fit_unread(extra: Iterable[int], cap: int = 20) -> list[float]:
    """The distribution of how many critics beyond those read a film's approval figure
    counts, from films' counts of them (``extra``; more than ``cap`` counted as ``cap``):
    ``[P(0 more), P(1 more), ...]``, rounded to 4 places; ``[1.0]`` (none) without films."""
    tally = Counter(min(max(int(m), 0), cap) for m in extra)
    total = sum(tally.values())
    if not total:
        return [1.0]
    return [round(tally[m] / total, 4) for m in range(max(tally) + 1)]
