"""Aggregating a film's reviews: counting, approval, bands, scores, consensus citations."""

from __future__ import annotations

import pytest

from backtrace.reception.aggregate import BANDS, aggregate, band, match_actors
from backtrace.reception.records import ReviewAspect, ReviewRecord, ReviewScore


def review(rid, polarity, *, critic=None, outlet=None, source="quote", score=None, aspects=()):
    return ReviewRecord(
        rid, f"doc-{rid}", f"{rid}.txt", "review", source, critic, outlet, None, polarity, 0.9,
        "model", None if score is None else ReviewScore(f"{score}", score, 100, score, None, None),
        "", [],
        [ReviewAspect(a, p, list(m), list(m), i * 10, i * 10 + 5, f"{rid}-{a}")
         for i, (a, p, *rest) in enumerate(aspects) for m in [rest[0] if rest else []]],
    )


def test_counts_approval_band_and_average_score():
    out = aggregate(
        [
            review("a", "positive", critic="Ama Sello", score=80.0),
            review("b", "negative", critic="Ivo Stam", score=40.0),
            review("c", "mixed", critic="Ola Brenn"),
            review("d", "negative"),
        ]
    ).aggregate
    assert (out.count, out.positive, out.negative, out.mixed) == (4, 1, 2, 1)
    assert out.approval == 25.0
    assert out.average_score == 60.0 and out.scored == 2
    assert out.band == "generally unfavorable"
    assert out.counted == ["a", "b", "c", "d"]


@pytest.mark.parametrize(
    ("approval", "name"),
    [(100, "universal acclaim"), (90, "universal acclaim"), (75, "generally favorable"),
     (50, "mixed or average"), (25, "generally unfavorable"), (10, "overwhelmingly negative"),
     (0, "overwhelmingly negative"), (None, None)],
)
def test_bands(approval, name):
    assert band(approval) == name
    assert [floor for floor, _ in BANDS] == sorted((f for f, _ in BANDS), reverse=True)


def test_no_reviews():
    out = aggregate([])
    assert out.reviews == []
    assert out.aggregate.count == 0 and out.aggregate.approval is None
    assert out.aggregate.consensus is None and out.aggregate.citations == []


def test_same_critic_and_outlet_counted_once_keeping_the_review_document():
    given = [
        review("q", "negative", critic="Ines Marlowe", outlet="Harbour Gazette"),
        review("d", "negative", critic="Ines  marlowe", outlet="The Harbour Gazette",
               source="document"),
        review("o", "positive", critic="Ines Marlowe", outlet="Other Paper"),
        review("n1", "positive"),
        review("n2", "positive"),  # unnamed critics are never merged
    ]
    out = aggregate(given)
    assert out.aggregate.counted == ["d", "o", "n1", "n2"]
    assert out.aggregate.duplicates == {"q": "d"}
    assert out.to_json()["aggregate"]["duplicates"] == [{"id": "q", "same_as": "d"}]
    flags = {r.id: (r.counted, r.n, r.same_as) for r in out.reviews}
    assert flags["q"] == (False, None, "d") and flags["d"] == (True, 1, None)
    assert out.aggregate.approval == 75.0
    assert given[0].counted is None  # the input is left alone


def test_consensus_cites_every_review_behind_each_part():
    out = aggregate(
        [
            review("a", "negative", critic="A One", aspects=[("plot", "negative")]),
            review("b", "positive", critic="B Two",
                   aspects=[("performances", "positive", ["Mara Quint"])]),
            review("c", "negative", critic="C Three",
                   aspects=[("camera", "negative"), ("plot", "negative")]),
            review("d", "negative", critic="D Four", aspects=[("music", "positive"),
                                                             ("music", "negative"),
                                                             ("pacing", "positive")]),
            review("e", "negative", critic="E Five", aspects=[("pacing", "negative")]),
        ],
        cast=["Mara Quint", "Ivo Stam"],
    ).aggregate
    assert out.consensus == (
        "Critics faulted the plot [1][2] and the camera work [3] "
        "but praised the performance of Mara Quint [4] and the music [5]; "
        "they were divided on the pacing [6][7]."
    )
    cited = [(c.n, c.review, c.aspect, c.polarity) for c in out.citations]
    assert cited == [
        (1, 1, "plot", "negative"),
        (2, 3, "plot", "negative"),
        (3, 3, "camera", "negative"),
        (4, 2, "performances", "positive"),
        (5, 4, "music", "positive"),
        (6, 4, "pacing", "positive"),
        (7, 5, "pacing", "negative"),
    ]
    # pacing: one review for, one against: divided, both cited; music: review d is split
    # 1-1, its first mention wins
    for c in out.citations:
        assert c.text.startswith(c.review_id) and c.document == f"doc-{c.review_id}"


def test_consensus_leads_with_praise_when_most_reviews_are_positive():
    out = aggregate(
        [
            review("a", "positive", critic="A One", aspects=[("direction", "positive")]),
            review("b", "positive", critic="B Two", aspects=[("writing", "negative")]),
        ]
    ).aggregate
    assert out.consensus == "Critics praised the direction [1] but faulted the writing [2]."


def test_match_actors():
    cast = ["Mara Quint", "Ivo Stam", "Lena Stam"]
    assert match_actors(["Quint", "Brian Hale's", "Mara Quint's"], cast) == ["Mara Quint"]
    assert match_actors(["Stam"], cast) == []  # two Stams: ambiguous
    assert match_actors(["Ivo Stam"], []) == ["Ivo Stam"]
