"""Approval with its uncertainty: the interval, its words, the rates shipped with the model."""

from __future__ import annotations

import hashlib
import math

import numpy as np
import pytest

from backtrace.reception import approval
from backtrace.reception.aggregate import aggregate
from backtrace.reception.polarity import model_resource
from backtrace.reception.records import ReviewRecord

EXACT = {"model/quote": {"sensitivity": 1 - 1e-9, "specificity": 1 - 1e-9}}
NOISY = {"model/quote": {"sensitivity": 0.8, "specificity": 0.7}}


def reads(positive: int, negative: int, basis: str = "model", source: str = "quote"):
    return [("positive", basis, source)] * positive + [("negative", basis, source)] * negative


def test_an_error_free_reader_gives_the_beta_posterior():
    scipy_stats = pytest.importorskip("scipy.stats")
    got = approval.estimate(reads(3, 2), table=EXACT, prior=(1.0, 1.0))
    beta = scipy_stats.beta(4, 3)  # uniform prior, 3 of 5
    assert got.low == math.floor(100 * beta.ppf(0.05))
    assert got.high == math.ceil(100 * beta.ppf(0.95))
    assert abs(got.approval - 100 * beta.median()) <= 1
    assert (got.count, got.positive, got.share, got.enough) == (5, 3, 60.0, True)


def test_reader_errors_widen_the_interval_and_pull_it_in():
    exact = approval.estimate(reads(10, 0), table=EXACT, prior=(1.0, 1.0))
    noisy = approval.estimate(reads(10, 0), table=NOISY, prior=(1.0, 1.0))
    assert noisy.high - noisy.low > exact.high - exact.low
    # ten reviews read as positive by a reader that calls 30% of the negative ones positive:
    # the film may well have a few negative reviews
    assert noisy.low < exact.low
    # no review read as positive: the reader's false alarms are not counted as praise
    zero = approval.estimate(reads(0, 10), table=NOISY, prior=(1.0, 1.0))
    assert zero.low == 0 and zero.high < 40


def test_more_reviews_narrow_it():
    widths = [
        (lambda e: e.high - e.low)(approval.estimate(reads(n, n), table=NOISY, prior=(1, 1)))
        for n in (3, 10, 40)
    ]
    assert widths == sorted(widths, reverse=True) and widths[-1] < widths[0] / 2


def test_plain_words_and_too_few_reviews():
    got = approval.estimate(reads(4, 4), table=NOISY, prior=(1.0, 1.0))
    assert got.text == (
        f"50% positive, likely between {got.low:g}% and {got.high:g}%, from 8 reviews")
    few = approval.estimate(reads(1, 3), table=NOISY, prior=(1.0, 1.0))
    assert not few.enough and few.min_reviews == approval.MIN_REVIEWS == 5
    assert few.text == "1 of 4 reviews positive: too few for a score (a score needs 5)"
    assert approval.estimate([]).text == "no reviews yet"


def test_each_review_is_read_with_the_rates_of_how_it_was_judged():
    assert approval.rate_key("model", "quote") == "model/quote"
    assert approval.rate_key("model", "document") == "model/document"
    assert approval.rate_key("encoder", "document") == "encoder/document"
    assert approval.rate_key("lexicon", "document") == "lexicon/document"
    assert approval.rate_key("cue", "quote") == "cue"
    assert approval.rate_key("score", "quote") == "score/quote"
    assert approval.rate_key(None, None) == "model/quote"
    table = {"model/quote": {"sensitivity": 0.8, "specificity": 0.7},
             "encoder/quote": {"fallback": "model/quote", "note": "not measured"}}  # fmt: skip
    assert approval.rates_for("encoder/quote", table) == approval.rates_for("model/quote", table)
    with pytest.raises(KeyError):
        approval.rates_for("nothing", table)
    # stated verdicts are trusted more than the model's reading of a quote
    mixed = [("positive", "cue", "quote")] * 5 + [("negative", "model", "quote")] * 5
    table["cue"] = {"sensitivity": 0.95, "specificity": 0.95}
    cue_led = approval.estimate(mixed, table=table, prior=(1.0, 1.0))
    model_only = approval.estimate(reads(5, 5), table=table, prior=(1.0, 1.0))
    assert cue_led.approval > model_only.approval


def test_rates_that_lean_with_the_film_and_vary_by_film():
    flat = {"model/quote": {"sensitivity": 0.82, "specificity": 0.66}}
    spread = {"model/quote": {"sensitivity": 0.82, "specificity": 0.66,
                              "sensitivity_spread": 20.0, "specificity_spread": 20.0}}  # fmt: skip
    a = approval.estimate(reads(7, 3), table=flat, prior=(1.0, 1.0))
    b = approval.estimate(reads(7, 3), table=spread, prior=(1.0, 1.0))
    assert b.high - b.low >= a.high - a.low  # film-to-film variation is more uncertainty
    rates = approval.Rates(0.8, 0.7, sensitivity_slope=0.2, specificity_slope=-0.2)
    sens, spec = rates.at(np.array([0.0, 0.5, 1.0]))
    assert sens.tolist() == pytest.approx([0.7, 0.8, 0.9])
    assert spec.tolist() == pytest.approx([0.8, 0.7, 0.6])


def test_fitting_the_spread_and_the_prior():
    rng = np.random.default_rng(1)
    steady = [(int(rng.binomial(10, 0.8)), 10, 0.8) for _ in range(400)]
    assert approval.fit_spread(steady) is None or approval.fit_spread(steady) > 200
    rates = rng.beta(0.8 * 8, 0.2 * 8, size=400)
    varied = [(int(rng.binomial(10, r)), 10, 0.8) for r in rates]
    assert 4 <= approval.fit_spread(varied) <= 16
    thetas = rng.beta(3.0, 1.0, size=600)
    a, b = approval.fit_prior((int(rng.binomial(12, t)), 12) for t in thetas)
    assert 0.65 < a / (a + b) < 0.85


def test_the_interval_among_a_films_few_critics_can_reach_the_ends():
    """A film's few top critics can all be positive: the share among them can be 100%."""
    groups = {"model/quote": (5, 5)}
    low, high = approval.among(groups, 6, NOISY, (1.0, 1.0), draws=4000)
    assert high == 100 and low < 60
    assert approval.among(groups, 6, NOISY, (1.0, 1.0), draws=4000) == (low, high)


def test_the_interval_shown_is_of_a_panel_of_critics_and_can_reach_the_ends():
    """Five reviews all read as positive by a good reader: the share among them and the
    few critics beside them can well be 100%, and the interval is narrower than theta's
    (the approval among critics at large), since most of the panel was read."""
    good = {"model/quote": {"sensitivity": 0.95, "specificity": 0.95}}
    panel = approval.estimate(reads(5, 0), table=good, prior=(1.0, 1.0), unread=[0.6, 0.4])
    theta = approval.estimate(reads(5, 0), table=good, prior=(1.0, 1.0), unread=None)
    assert panel.high == 100 and panel.low > theta.low
    assert panel.text == f"100% positive, likely between {panel.low:g}% and 100%, from 5 reviews"
    # the more critics beyond those read, the nearer the interval of theta
    mixed = [approval.estimate(reads(4, 3), table=NOISY, prior=(1.0, 1.0), unread=u)
             for u in ([1.0], [0.0] * 30 + [1.0])]
    widths = [e.high - e.low for e in mixed]
    assert widths[0] <= widths[1]
    # the same every run (a seeded draw)
    again = approval.estimate(reads(5, 0), table=good, prior=(1.0, 1.0), unread=[0.6, 0.4])
    assert again == panel


def test_a_discrete_interval_holds_its_level_on_average():
    shares = np.array([0.0] * 3 + [20.0] * 10 + [40.0] * 30 + [60.0] * 30 + [80.0] * 20
                      + [100.0] * 7)
    # 100% has 7% of the draws: more than the 5% tail, less than twice it
    assert approval.share_interval(shares, mid_p=False) == (60.0, 20.0, 100.0)
    assert approval.share_interval(shares) == (60.0, 20.0, 80.0)
    assert approval.share_interval(np.full(50, 100.0)) == (100.0, 100.0, 100.0)


def test_fitting_how_many_critics_an_approval_counts_beyond_those_read():
    assert approval.fit_unread([0, 0, 1, 3]) == [0.5, 0.25, 0.0, 0.25]
    assert approval.fit_unread([]) == [1.0]
    assert approval.fit_unread([50, -1], cap=4) == [0.5, 0.0, 0.0, 0.0, 0.5]
    assert approval.unread_of({"panel": {"unread": [0.5, 0.5]}}) == (0.5, 0.5)
    assert approval.unread_of({}) is None


def test_shipped_rates_were_measured_for_the_shipped_model():
    doc = approval.shipped_rates()
    digest = hashlib.sha256(model_resource().read_bytes()).hexdigest()
    assert doc["model"]["sha256"] == digest, "retrained model: run " + doc["command"]
    assert doc["command"].startswith(".venv/bin/python bench/reception.py --approval")
    for key in ("model/quote", "model/document", "encoder/quote", "encoder/document",
                "lexicon/document", "score/quote", "score/document", "cue"):
        rates = approval.rates_for(key)
        assert 0.0 < rates.sensitivity < 1.0 and 0.0 < rates.specificity < 1.0
    quote = doc["rates"]["model/quote"]
    assert quote["positives"] > 1000 and quote["negatives"] > 1000 and "measured" in quote
    a, b = approval.prior_of()
    assert a > 0 and b > 0
    unread = approval.unread_of()  # the panel the shown interval is of
    assert unread is not None and abs(sum(unread) - 1.0) < 1e-3


def test_the_aggregate_carries_the_estimate():
    reviews = [
        ReviewRecord(f"r{i}", "d", "d.txt", "news", "quote", f"Critic {i}", None, None,
                     "positive" if i < 4 else "negative", 0.9, "model", None, "", [], [])
        for i in range(6)
    ]  # fmt: skip
    agg = aggregate(reviews).aggregate
    est = agg.estimate
    assert agg.approval == est.share == pytest.approx(66.7)
    assert est.enough and est.low <= 66.7 <= est.high and est.count == 6
    assert est.text.startswith("66.7% positive, likely between ")
    assert aggregate([]).to_json()["aggregate"]["estimate"]["text"] == "no reviews yet"
