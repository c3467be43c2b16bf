"""The seeds' reception (issue 5's check): four reviews, 25% approval, a cited consensus."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from backtrace.store.schema import documents


@pytest.fixture
def seed_reception(kb, seeds):
    report = kb.ingest([seeds])
    assert report.stored == 3 and not report.failed
    return kb, kb.reviews("Backtrace")


def test_four_reviews_one_positive(seed_reception):
    kb, got = seed_reception
    counted = [r for r in got["reviews"] if r["counted"]]
    assert len(counted) == 4 and got["aggregate"]["count"] == 4
    by_critic = {(r["critic"], r["outlet"]): r for r in counted}
    assert by_critic[("Joe Leydon", "Variety")]["polarity"] == "positive"
    assert by_critic[("Kevin L. Lee", "Film Inquiry")]["polarity"] == "negative"
    assert by_critic[("Noel Murray", "Los Angeles Times")]["polarity"] == "negative"
    [own] = [r for r in counted if r["source"] == "document"]
    assert own["kind"] == "review" and own["polarity"] == "negative"
    with kb.store.read() as conn:
        meta = conn.execute(
            select(documents.c.meta).where(documents.c.id == own["document"])
        ).scalar_one()
    assert (own["critic"], own["outlet"]) == (meta.get("critic"), meta.get("outlet"))
    assert got["aggregate"]["approval"] == 25.0


def test_consensus_names_faults_and_praise_each_with_its_quote(seed_reception):
    _, got = seed_reception
    agg = got["aggregate"]
    faulted, praised = agg["consensus"].split(" but praised ")
    assert faulted.startswith("Critics faulted ")
    assert "the plot [" in faulted and "the camera work [" in faulted
    assert "the performances" in praised
    by_id = {r["id"]: r for r in got["reviews"]}
    cites: dict[tuple[str, str], list[dict]] = {}
    for c in agg["citations"]:
        cites.setdefault((c["aspect"], c["polarity"]), []).append(c)
        review = by_id[c["review_id"]]
        assert review["document"] == c["document"] and review["n"] == c["review"]
        assert c["summary"] == (review["source"] == "summary")
        spans = {(a["start"], a["end"], a["text"]) for a in review["aspects"]}
        assert (c["start"], c["end"], c["text"]) in spans
    assert {by_id[c["review_id"]]["critic"] for c in cites[("plot", "negative")]} >= {
        "Noel Murray"}
    [camera] = cites[("camera", "negative")]
    assert by_id[camera["review_id"]]["source"] == "document"
    critics = {by_id[c["review_id"]]["critic"] for c in cites[("performances", "positive")]}
    assert "Joe Leydon" in critics
    assert "Matthew Modine" in praised


def test_issue_20_reception_defects_are_gone(seed_reception):
    """The shown probability is the shown label's; no aspect twice in a review; the
    consensus has the praise of the two leads and the fault in the tone the entry reports."""
    _, got = seed_reception
    for r in got["reviews"]:
        assert r["probability"] >= 0.5, r
        pairs = [(a["aspect"], a["polarity"]) for a in r["aspects"]]
        assert len(pairs) == len(set(pairs)), r
    consensus = got["aggregate"]["consensus"]
    assert "Sylvester Stallone" in consensus and "Ryan Guzman" in consensus
    assert "the tone [" in consensus.split(" but praised ")[0]
    [summary] = [r for r in got["reviews"] if r["source"] == "summary"]
    assert not summary["counted"] and got["aggregate"]["count"] == 4
    estimate = got["aggregate"]["estimate"]
    assert not estimate["enough"] and "too few for a score" in estimate["text"]
