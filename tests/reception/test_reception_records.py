"""The typed reception records give back exactly the JSON shape of docs/json-shape.md: the
same keys in the same order, a review's ``n``, ``counted`` and ``same_as`` only once the
aggregate has counted it."""

from __future__ import annotations

from backtrace.model import Span
from backtrace.reception.aggregate import aggregate
from backtrace.reception.approval import Estimate
from backtrace.reception.records import (
    Aggregate,
    Citation,
    Reception,
    ReviewAspect,
    ReviewRecord,
    ReviewScore,
)

REVIEW_KEYS = ["id", "document", "path", "kind", "source", "critic", "outlet", "date",
               "polarity", "probability", "basis", "score", "quote", "spans", "aspects",
               "link"]  # fmt: skip
AGGREGATE_KEYS = ["count", "positive", "negative", "mixed", "approval", "estimate",
                  "average_score", "scored", "band", "counted", "duplicates", "consensus",
                  "citations"]  # fmt: skip


def _aspect() -> ReviewAspect:
    return ReviewAspect("performances", "positive", ["Quint"], ["Mara Quint"], 40, 80,
                        "Quint is superb.")  # fmt: skip


def _review(rid: str = "doc1:r0", critic: str | None = "Ada Lind") -> ReviewRecord:
    score = ReviewScore("3/4", 3.0, 4.0, 75.0, 10, 13)
    return ReviewRecord(rid, "doc1", "reviews/a.txt", "review", "document", critic, "The Reel",
                        "2021-05-01", "positive", 0.87, "model", score, "A fine film. Superb.",
                        [Span(0, 12, "A fine film."), Span(40, 47, "Superb.")], [_aspect()],
                        {"film": 1, "reason": "its title in quotes"})  # fmt: skip


def test_an_aspect_and_a_score_in_their_json_shape() -> None:
    assert _aspect().to_json() == {"aspect": "performances", "polarity": "positive",
                                   "mentioned": ["Quint"], "actors": ["Mara Quint"],
                                   "start": 40, "end": 80, "text": "Quint is superb."}
    assert list(_aspect().to_json()) == ["aspect", "polarity", "mentioned", "actors", "start",
                                         "end", "text"]  # fmt: skip
    score = ReviewScore("3/4", 3.0, 4.0, 75.0, 10, 13).to_json()
    assert list(score.items()) == [("text", "3/4"), ("value", 3.0), ("scale", 4.0),
                                   ("normalized", 75.0), ("start", 10), ("end", 13)]


def test_a_stored_review_has_no_count_until_the_aggregate_counts_it() -> None:
    stored = _review().to_json()
    assert list(stored) == REVIEW_KEYS
    assert stored["spans"] == [{"start": 0, "end": 12, "text": "A fine film."},
                               {"start": 40, "end": 47, "text": "Superb."}]
    assert stored["score"] == {"text": "3/4", "value": 3.0, "scale": 4.0, "normalized": 75.0,
                               "start": 10, "end": 13}
    assert stored["aspects"] == [_aspect().to_json()]
    assert stored["link"] == {"film": 1, "reason": "its title in quotes"}
    unscored = _review()
    unscored.score, unscored.link = None, None
    assert unscored.to_json()["score"] is None and unscored.to_json()["link"] is None
    counted = _review()
    counted.n, counted.counted, counted.same_as = 1, True, None
    shown = counted.to_json()
    assert list(shown) == [*REVIEW_KEYS, "n", "counted", "same_as"]
    assert (shown["n"], shown["counted"], shown["same_as"]) == (1, True, None)


def test_a_citation_and_the_aggregate_in_their_json_shape() -> None:
    citation = Citation(1, None, "doc1:r1", True, "plot", "negative", "doc1", 5, 9, "dull")
    assert list(citation.to_json().items()) == [
        ("n", 1), ("review", None), ("review_id", "doc1:r1"), ("summary", True),
        ("aspect", "plot"), ("polarity", "negative"), ("document", "doc1"), ("start", 5),
        ("end", 9), ("text", "dull")]  # fmt: skip
    estimate = Estimate(2, 1, 50.0, None, None, None, 0.9, False, 5, "too few")
    agg = Aggregate(2, 1, 1, 0, 50.0, estimate, None, 0, "mixed or average", ["a", "b"],
                    {"c": "a"}, "Critics faulted the plot [1].", [citation])  # fmt: skip
    shown = agg.to_json()
    assert list(shown) == AGGREGATE_KEYS
    assert shown["estimate"] == estimate.as_dict()
    assert shown["duplicates"] == [{"id": "c", "same_as": "a"}]
    assert shown["citations"] == [citation.to_json()]
    assert Reception([_review()], agg).to_json() == {"reviews": [_review().to_json()],
                                                     "aggregate": shown}  # fmt: skip


def test_the_aggregated_reception_in_its_json_shape() -> None:
    got = aggregate([_review("d:r0"), _review("d:r1"), _review("d:r2", critic=None)],
                    ["Mara Quint"]).to_json()  # fmt: skip
    assert list(got) == ["reviews", "aggregate"]
    assert [list(r) for r in got["reviews"]] == [[*REVIEW_KEYS, "n", "counted", "same_as"]] * 3
    assert [(r["n"], r["counted"], r["same_as"]) for r in got["reviews"]] == [
        (1, True, None), (None, False, "d:r0"), (2, True, None)]
    agg = got["aggregate"]
    assert list(agg) == AGGREGATE_KEYS
    assert (agg["count"], agg["positive"], agg["approval"], agg["average_score"]) == (
        2, 2, 100.0, 75.0)
    assert agg["duplicates"] == [{"id": "d:r1", "same_as": "d:r0"}]
    assert agg["consensus"] == "Critics praised the performance of Mara Quint [1][2]."
    assert [list(c) for c in agg["citations"]][0][:3] == ["n", "review", "review_id"]
    assert agg["citations"][1]["review"] == 2 and agg["citations"][1]["summary"] is False
