"""Issue 20's reception defects, on invented text: the probability shown is the label's,
each aspect once a review, and a consensus that covers every aspect the sources judge,
critics in general included."""

from __future__ import annotations

import re
from pathlib import Path

import backtrace
from backtrace.read import read_bytes
from backtrace.reception.polarity import load_model
from backtrace.reception.reader import read_reviews

ENTRY = """\
= Copper Lantern =

Copper Lantern is a 2016 Irish thriller film directed by Orla Finnegan and starring Dara \
Quill, Bram Ostrow and Lise Carrow.

==Production==
Finnegan praised the crew for keeping the night shoots on schedule.

==Reception==
Reviewers mostly disliked it: critics criticized its screenplay as clumsy, but lauded the \
acting of Quill and Ostrow.

Tamsin Roe of The Northern Courier gave the film a negative review, though she called \
the harbour scenes "gorgeous, tender, wonderful and alive".

Elias Brandt of Reel Notes panned the film. The critic disliked the pacing, and the film's \
tone.
"""

REVIEW = """\
By Wren Hollis, The Lamplight Review

Copper Lantern has a plot that is dull from its first scene. The plot is predictable at \
every turn, and the ending is a mess. Lise Carrow is wasted in a thin role.
"""


def test_a_label_decided_by_the_words_of_the_report_shows_its_own_probability():
    doc = read_bytes(ENTRY.encode(), "entry.txt")
    [roe] = [r for r in read_reviews(doc) if r.critic == "Tamsin Roe"]
    assert (roe.polarity, roe.basis) == ("negative", "cue")
    # the quoted words alone read as praise: the model's probability of "negative" is low,
    # and is not what is shown for a label the report's words decided
    quoted = "gorgeous, tender, wonderful and alive"
    assert float(load_model().positive_probability([quoted])[0]) > 0.5
    assert roe.probability >= 0.5
    for review in read_reviews(doc):
        assert 0.5 <= review.probability <= 1.0


def test_each_aspect_once_a_review():
    doc = read_bytes(REVIEW.encode(), "hollis.txt")
    [review] = read_reviews(doc)
    pairs = [(a.aspect, a.polarity) for a in review.aspects]
    assert pairs.count(("plot", "negative")) == 1
    assert len(pairs) == len(set(pairs))
    plot = next(a for a in review.aspects if a.aspect == "plot")
    assert plot.span.text.startswith("Copper Lantern has a plot")  # the first sentence saying it


def test_what_critics_in_general_said_is_a_summary_not_a_review():
    doc = read_bytes(ENTRY.encode(), "entry.txt")
    found = read_reviews(doc)
    [summary] = [r for r in found if r.source == "summary"]
    assert summary.critic is None and summary.polarity in ("negative", "mixed")
    judged = {(a.aspect, a.polarity): a for a in summary.aspects}
    assert ("writing", "negative") in judged and ("performances", "positive") in judged
    assert judged[("performances", "positive")].actors == ["Quill", "Ostrow"]
    # the production section's praise of the crew is no critic's
    assert all("crew" not in r.spans[0].text for r in found)
    brandt = next(r for r in found if r.critic == "Elias Brandt")
    assert {(a.aspect, a.polarity) for a in brandt.aspects} == {
        ("pacing", "negative"), ("tone", "negative")}


def test_the_consensus_covers_every_aspect_and_cites_each(tmp_path: Path):
    for name, body in (("entry.txt", ENTRY), ("hollis.txt", REVIEW)):
        (tmp_path / name).write_text(body, encoding="utf-8")
    with backtrace.open(tmp_path / "c.db") as kb:
        assert not kb.ingest([tmp_path / "entry.txt"]).failed
        assert not kb.ingest([tmp_path / "hollis.txt"]).failed
        got = kb.reviews("Copper Lantern")
    agg = got["aggregate"]
    assert agg["count"] == 3  # Roe, Brandt, Hollis; the summary is not counted
    consensus = agg["consensus"]
    faulted, praised = consensus.split(" but praised ")
    for part in ("the plot [", "the writing [", "the pacing [", "the tone ["):
        assert part in faulted, consensus
    assert "the performances of Dara Quill and Bram Ostrow [" in praised
    # one actor faulted, two others praised: both stand, no "divided"
    assert "the performance of Lise Carrow [" in faulted and "divided" not in consensus
    by_id = {r["id"]: r for r in got["reviews"]}
    marks = {int(m) for m in re.findall(r"\[(\d+)\]", consensus)}
    assert marks == {c["n"] for c in agg["citations"]}
    for c in agg["citations"]:
        review = by_id[c["review_id"]]
        assert (c["start"], c["end"], c["text"]) in {
            (a["start"], a["end"], a["text"]) for a in review["aspects"]}
        assert c["summary"] == (review["source"] == "summary")
    assert any(c["summary"] and c["aspect"] == "performances" for c in agg["citations"])
    assert "too few for a score" in agg["estimate"]["text"]
