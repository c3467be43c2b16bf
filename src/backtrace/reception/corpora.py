"""Loaders for the three labelled review corpora under ``shared/data`` (dev parts).

- ``rt-polarity``: Pang & Lee sentence polarity snippets (latin-1, split on ``b"\\n"`` only).
- ``review-polarity-v2``: Pang & Lee whole reviews, one sentence per line.
- ``rt-critics``: Rotten Tomatoes top-critic quotes labelled fresh / rotten, with the film's rtid.

Labels are 1 for positive (pos / fresh) and 0 for negative (neg / rotten). Orders are fixed
(file order, sorted file names) so that everything built from them is deterministic.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data"


@dataclass(frozen=True)
class Review:
    """One whole review: its sentences and label."""

    name: str
    sentences: list[str]
    label: int


@dataclass(frozen=True)
class Quote:
    """One critic's quote about a film (rtid), labelled fresh (1) or rotten (0)."""

    text: str
    label: int
    rtid: str


def rt_polarity(data: Path = DEFAULT_DATA) -> tuple[list[str], list[int]]:
    """Snippets and labels: all positive lines, then all negative lines, in file order."""
    texts: list[str] = []
    labels: list[int] = []
    for name, label in (("rt-polarity.pos", 1), ("rt-polarity.neg", 0)):
        raw = (data / "rt-polarity" / name).read_bytes()
        for line in raw.split(b"\n"):
            text = line.decode("latin-1").strip()
            if text:
                texts.append(text)
                labels.append(label)
    return texts, labels


def review_polarity(data: Path = DEFAULT_DATA) -> list[Review]:
    """Whole reviews, positive folder then negative folder, files in sorted name order."""
    reviews: list[Review] = []
    for folder, label in (("pos", 1), ("neg", 0)):
        for path in sorted((data / "review-polarity-v2" / "txt_sentoken" / folder).glob("*.txt")):
            lines = path.read_text(encoding="ascii").split("\n")
            sentences = [s.strip() for s in lines if s.strip()]
            reviews.append(Review(f"{folder}/{path.name}", sentences, label))
    return reviews


def rt_critics(data: Path = DEFAULT_DATA) -> list[Quote]:
    """Quotes with a non-empty text and a fresh / rotten label, in file order."""
    quotes: list[Quote] = []
    with (data / "rt-critics" / "critics.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            text = (row["quote"] or "").strip()
            if not text or row["fresh"] not in ("fresh", "rotten"):
                continue
            quotes.append(Quote(text, 1 if row["fresh"] == "fresh" else 0, row["rtid"]))
    return quotes
