"""Polarity model: sentences written for these tests, the shipped model, no network."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from backtrace.reception.polarity import (
    PolarityModel,
    classify_review,
    load_model,
    model_resource,
)
from backtrace.reception.text import tokenize

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "data"

POSITIVE = [
    "A wonderful, moving film with a brilliant central performance.",
    "Funny, warm and beautifully shot: one of the best comedies in years.",
    "The director delivers a gripping, intelligent thriller that never lets up.",
    "I loved it.",
]
NEGATIVE = [
    "A dull, lifeless mess.",
    "The plot is incoherent and the dialogue is painfully bad.",
    "Two tedious hours of clumsy jokes and wooden acting.",
    "A boring, pointless waste of a talented cast.",
]


pytestmark = pytest.mark.usefixtures("no_network")


def test_model_loads_from_the_package() -> None:
    assert model_resource().is_file()
    model = load_model()
    assert isinstance(model, PolarityModel)
    assert load_model() is model  # cached
    assert model.n_buckets > 0


def test_tokenize_matches_training_corpora_style() -> None:
    assert tokenize("A dull, lifeless mess.") == ["a", "dull", ",", "lifeless", "mess", "."]
    assert tokenize("It\u2019s not GOOD\u2026 doesn't work!!") == [
        "it's", "not", "good", "...", "doesn't", "work", "!",
    ]
    assert tokenize("it 's a film that does n't work") == tokenize("It's a film that doesn't work")


@pytest.mark.parametrize("text", POSITIVE)
def test_clearly_positive(text: str) -> None:
    [(label, prob)] = load_model().predict([text])
    assert label == "positive"
    assert 0.6 <= prob <= 1.0


@pytest.mark.parametrize("text", NEGATIVE)
def test_clearly_negative(text: str) -> None:
    [(label, prob)] = load_model().predict([text])
    assert label == "negative"
    assert 0.6 <= prob <= 1.0


def test_dull_lifeless_mess_is_clearly_negative() -> None:
    [(label, prob)] = load_model().predict(["a dull, lifeless mess"])
    assert label == "negative"
    assert prob >= 0.9


def test_probabilities_are_of_the_label() -> None:
    texts = [*POSITIVE, *NEGATIVE, "", "The film runs 104 minutes.", "!!!"]
    results = load_model().predict(texts)
    assert len(results) == len(texts)
    for label, prob in results:
        assert label in ("positive", "negative")
        assert 0.5 <= prob <= 1.0
    assert load_model().predict([]) == []


def test_deterministic() -> None:
    texts = [*POSITIVE, *NEGATIVE]
    first = load_model().predict(texts)
    assert load_model().predict(list(reversed(texts))) == list(reversed(first))
    assert load_model().predict(texts) == first
    one_by_one = [load_model().predict([t])[0] for t in texts]
    assert [label for label, _ in one_by_one] == [label for label, _ in first]
    assert [p for _, p in one_by_one] == pytest.approx([p for _, p in first])


def test_positive_review() -> None:
    label, prob, sentences = classify_review(POSITIVE)
    assert label == "positive"
    assert 0.5 <= prob <= 1.0
    assert [s.label for s in sentences] == ["positive"] * len(POSITIVE)


def test_negative_review() -> None:
    label, prob, _ = classify_review(NEGATIVE)
    assert label == "negative"
    assert prob >= 0.8


def test_balanced_review_is_mixed() -> None:
    review = [
        "The cast is superb and the photography is gorgeous.",
        "But the script is a tedious, incoherent disaster.",
    ]
    label, prob, sentences = classify_review(review)
    assert label == "mixed"
    assert 0.5 <= prob <= 1.0
    assert {s.label for s in sentences} == {"positive", "negative"}


def test_empty_review_is_an_error() -> None:
    with pytest.raises(ValueError):
        classify_review(["", "  "])


def test_model_file_round_trip() -> None:
    model = load_model()
    again = PolarityModel.from_bytes(model.to_bytes())
    assert again.to_bytes() == model.to_bytes()
    assert again.predict(NEGATIVE) == model.predict(NEGATIVE)


def test_model_file_is_small() -> None:
    assert len(model_resource().read_bytes()) < 20 * 1024 * 1024


@pytest.mark.slow
@pytest.mark.realdata
def test_training_script_rebuilds_the_shipped_model() -> None:
    if not (DATA / "rt-polarity").is_dir():
        pytest.skip("../shared/data is absent")
    pytest.importorskip("sklearn", reason="training needs scikit-learn")
    script = ROOT / "scripts" / "train_polarity.py"
    done = subprocess.run(
        [sys.executable, str(script), "--check", "--data", str(DATA)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "MATCH" in done.stdout
