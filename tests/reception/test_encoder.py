"""The accurate polarity mode: the checked MiniLM base, the shipped adapters, setting, CLI."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from backtrace.cli import main
from backtrace.reception import encoder
from backtrace.reception.polarity import PolarityModel
from backtrace.reception.reader import ReviewReader

torch = pytest.importorskip("torch", reason="the accurate mode needs the 'accurate' extra")

POSITIVE = [
    "A tender, witty film whose two leads are a joy to watch.",
    "Gorgeously photographed and genuinely moving from start to finish.",
]
NEGATIVE = [
    "A dull, lifeless mess that squanders a capable cast.",
    "Clumsy, overlong and almost entirely without suspense.",
]


pytestmark = pytest.mark.usefixtures("no_network")


def test_windows_cover_every_piece_once() -> None:
    assert encoder.windows([], 1, 2) == [[1, 2]]
    assert encoder.windows([5, 6, 7], 1, 2, size=2) == [[1, 5, 6, 2], [1, 7, 2]]
    ids = list(range(10, 400))
    inner = [w[1:-1] for w in encoder.windows(ids, 1, 2)]
    assert [i for w in inner for i in w] == ids
    assert max(len(w) for w in inner) == encoder.WINDOW


def test_mode_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(encoder.SETTING, raising=False)
    assert encoder.mode() == "fast"
    assert isinstance(encoder.scorer(), PolarityModel)
    monkeypatch.setenv(encoder.SETTING, "Accurate")
    assert encoder.mode() == "accurate"
    monkeypatch.setenv(encoder.SETTING, "best")
    with pytest.raises(encoder.EncoderError, match="BACKTRACE_POLARITY='best'"):
        encoder.mode()


def test_missing_extra_is_one_clear_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(encoder, "find_spec", lambda name: None)
    with pytest.raises(encoder.EncoderError, match=r"pip install -e '\.\[accurate\]'"):
        encoder.base_dir()


def test_a_tampered_base_file_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "model"
    shutil.copytree(encoder.base_dir(), folder)
    encoder.check_base(folder)  # an exact copy passes
    config = folder / "config.json"
    config.write_text(config.read_text().replace('"hidden_act": "gelu"', '"hidden_act": "relu"'))
    with pytest.raises(encoder.EncoderError, match="config.json does not have the pinned sha256"):
        encoder.check_base(folder)
    shutil.copy(encoder.base_dir() / "config.json", config)
    (folder / "tokenizer.json").unlink()
    with pytest.raises(encoder.EncoderError, match="missing"):
        encoder.check_base(folder)


def test_merged_weights_compute_what_the_adapters_computed() -> None:
    torch.manual_seed(1)
    tokenizer, adapted = encoder.build_encoder(encoder.base_dir())
    encoder.adapt(adapted, rank=4, scale=2.0)
    with torch.no_grad():
        for name, p in adapted.named_parameters():
            if name.endswith(".b"):  # zero at the start of training: give them a value
                p.normal_(0.0, 0.02)
            elif p.requires_grad:
                p.add_(0.01)
    head = torch.nn.Linear(384, 2)
    state = {n: p.detach().clone() for n, p in adapted.named_parameters() if p.requires_grad}
    _, plain = encoder.build_encoder(encoder.base_dir())
    encoder.merge(plain, state, rank=4, scale=2.0)
    batch = [[101, *ids, 102] for ids in encoder.word_pieces(tokenizer, POSITIVE + NEGATIVE)]
    with torch.no_grad():
        want = encoder.pooled_logits(adapted.eval(), head, batch)
        got = encoder.pooled_logits(plain.eval(), head, batch)
    assert torch.allclose(want, got, atol=1e-4)


def test_training_is_deterministic_and_round_trips() -> None:
    from backtrace.reception import encoder_training

    texts = (POSITIVE + NEGATIVE) * 4
    labels = [1, 1, 0, 0] * 4
    recipe = encoder_training.Recipe(epochs=1, batch=8)
    first = encoder_training.to_bytes(encoder_training.train(texts, labels, recipe), recipe, {})
    second = encoder_training.to_bytes(encoder_training.train(texts, labels, recipe), recipe, {})
    assert first == second
    model = encoder.from_adapter(first)
    assert model.meta["rank"] == recipe.rank and model.meta["recipe"]["epochs"] == 1
    assert np.isfinite(model.encoder_logits(texts)).all()
    fitted = encoder_training.fit_scorer(texts, labels, recipe=recipe)
    assert np.array_equal(fitted.logits(texts), model.logits(texts))


def test_shipped_adapters_read_unseen_sentences() -> None:
    model = encoder.load_accurate()
    assert encoder.load_accurate() is model
    assert model.meta["rt_polarity_snippets"] > 0 and model.meta["rt_critics_quotes"] > 0
    labels = [label for label, _ in model.predict(POSITIVE + NEGATIVE)]
    assert labels == ["positive", "positive", "negative", "negative"]
    again = model.logits(POSITIVE + NEGATIVE)
    assert np.array_equal(again, model.logits(POSITIVE + NEGATIVE))
    assert model.predict([]) == []


def test_a_long_review_is_read_in_windows() -> None:
    model = encoder.load_accurate()
    long_text = " ".join(NEGATIVE * 60)  # well past one window of word pieces
    assert len(encoder.word_pieces(model.tokenizer, [long_text])[0]) > 3 * encoder.WINDOW
    (z,) = model.encoder_logits([long_text])
    assert z < 0
    review = model.classify_review(NEGATIVE * 3)
    assert review.label == "negative"


def test_adapter_file_is_small() -> None:
    assert len(encoder.adapter_resource().read_bytes()) < 8 * 1024 * 1024


def test_cli_accurate_polarity(tmp_path: Path) -> None:
    lines = tmp_path / "lines.txt"
    lines.write_text("\n".join([POSITIVE[0], "", NEGATIVE[0]]) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["polarity", "--accurate", str(lines)])
    assert result.exit_code == 0, result.output
    rows = [row.split("\t") for row in result.output.splitlines()]
    assert [r[0] for r in rows] == ["positive", "empty", "negative"]
    assert all(0.5 <= float(r[1]) <= 1.0 for r in rows if r[0] != "empty")


def test_the_setting_picks_the_review_readers_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(encoder.SETTING, "accurate")
    assert isinstance(ReviewReader().model, encoder.AccuratePolarity)
    monkeypatch.setenv(encoder.SETTING, "fast")
    assert isinstance(ReviewReader().model, PolarityModel)


def test_reviews_judged_by_the_encoder_say_so() -> None:
    from backtrace.read import read_bytes

    text = (
        "By Mara Quill, Lantern Review\n\nThe Glass Orchard is a limp, tedious drama. Its plot "
        "wanders for two hours and its dialogue is flat. Even its lead cannot rescue it.\n"
    )
    doc = read_bytes(text.encode(), "quill.txt")
    fast = ReviewReader(encoder.scorer(False))(doc)
    accurate = ReviewReader(encoder.load_accurate())(doc)
    assert [r.basis for r in fast] == ["model"]
    assert [(r.basis, r.polarity) for r in accurate] == [("encoder", "negative")]
