"""Shared helpers for the read-stage tests (imported by name: pytest puts this folder on
sys.path)."""

from __future__ import annotations

from pathlib import Path

from backtrace.model import Document

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def check_document(doc: Document) -> Document:
    """Assert the offsets are sane: sentences trimmed, in order, not overlapping and covering
    every non-blank character; sections inside the text. Returns ``doc``."""
    text = doc.text
    covered = [False] * len(text)
    previous_end = 0
    for sentence in doc.sentences:
        assert previous_end <= sentence.start < sentence.end <= len(text)
        piece = text[sentence.start : sentence.end]
        assert piece == piece.strip()
        covered[sentence.start : sentence.end] = [True] * (sentence.end - sentence.start)
        previous_end = sentence.end
    missing = [i for i, ch in enumerate(text) if not ch.isspace() and not covered[i]]
    assert not missing, f"characters outside every sentence, at {missing[:5]}"
    for section in doc.sections:
        assert 0 <= section.start < section.end <= len(text)
    return doc


def sentence_texts(doc: Document) -> list[str]:
    return [doc.text[s.start : s.end] for s in doc.sentences]


def section_texts(doc: Document) -> dict[str, str]:
    return {s.title: doc.text[s.start : s.end] for s in doc.sections}
