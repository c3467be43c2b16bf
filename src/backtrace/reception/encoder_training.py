"""Fine-tuning the accurate mode's adapters (needs the 'accurate' extra; see :mod:`.encoder`).

Deterministic: fixed seeds, deterministic algorithms, :data:`encoder.THREADS` threads; the
same data, recipe and torch build give the same bytes. Batches are drawn in length-sorted
chunks (less padding), in a seeded order; AdamW with linear warm-up and decay.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from backtrace.reception import encoder


@dataclass(frozen=True)
class Recipe:
    rank: int = 16
    scale: float = 2.0
    epochs: int = 2
    learning_rate: float = 5e-4
    batch: int = 32
    max_pieces: int = 64  # training reads the first 64 word pieces of a text
    warmup: float = 0.06
    weight_decay: float = 0.01
    seed: int = 0
    encoder_weight: float = 1.0  # how much the encoder's log-odds count next to the fast model's


RECIPE = Recipe()
"""The shipped recipe."""


def train(
    texts: Sequence[str],
    labels: Sequence[int],
    recipe: Recipe = RECIPE,
    progress: Callable[[int, int, float], None] | None = None,
) -> dict[str, Any]:
    """The trained adapter state (tensors by name, the head as ``head.*``)."""
    torch = encoder._torch()
    torch.manual_seed(recipe.seed)
    torch.use_deterministic_algorithms(True)
    rng = np.random.default_rng(recipe.seed)
    tokenizer, model = encoder.build_encoder(encoder.base_dir())
    encoder.adapt(model, recipe.rank, recipe.scale)
    head = torch.nn.Linear(model.config.hidden_size, 2)
    cls, sep = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    seqs = [[cls, *ids[: recipe.max_pieces - 2], sep] for ids in encoder.word_pieces(
        tokenizer, list(texts))]
    y = torch.tensor(np.asarray(labels, dtype=np.int64))
    params = [p for p in model.parameters() if p.requires_grad] + list(head.parameters())
    opt = torch.optim.AdamW(params, lr=recipe.learning_rate, weight_decay=recipe.weight_decay)
    per_epoch = math.ceil(len(seqs) / recipe.batch)
    total = recipe.epochs * per_epoch
    warm = max(1.0, recipe.warmup * total)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, s / warm) * max(0.0, (total - s) / total)
    )
    model.train()
    step = 0
    for _ in range(recipe.epochs):
        for rows in _batches(seqs, recipe.batch, rng):
            logits = encoder.pooled_logits(model, head, [seqs[i] for i in rows])
            loss = torch.nn.functional.cross_entropy(logits, y[rows])
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            step += 1
            if progress:
                progress(step, total, loss.item())
    state = {n: p.detach().clone() for n, p in model.named_parameters() if p.requires_grad}
    state.update({f"head.{n}": p.detach().clone() for n, p in head.named_parameters()})
    return state


def _batches(seqs: list[list[int]], size: int, rng: np.random.Generator) -> list[list[int]]:
    """Batches of similar length: shuffle, sort chunks of 50 batches by length, shuffle batches."""
    order = rng.permutation(len(seqs)).tolist()
    out: list[list[int]] = []
    for start in range(0, len(order), size * 50):
        chunk = sorted(order[start : start + size * 50], key=lambda i: len(seqs[i]))
        out.extend(chunk[i : i + size] for i in range(0, len(chunk), size))
    return [out[k] for k in rng.permutation(len(out))]


def to_bytes(state: dict[str, Any], recipe: Recipe, meta: dict[str, Any]) -> bytes:
    """The adapter file's bytes (safetensors; the recipe and ``meta`` in its metadata)."""
    from safetensors.torch import save

    info = {"rank": recipe.rank, "scale": recipe.scale, "encoder_weight": recipe.encoder_weight,
            "recipe": asdict(recipe), **meta}
    tensors = {k: v.contiguous() for k, v in sorted(state.items())}
    return save(tensors, metadata={"backtrace": json.dumps(info, sort_keys=True)})


def fit_scorer(
    texts: Sequence[str],
    labels: Sequence[int],
    fast: Any = None,
    recipe: Recipe = RECIPE,
    progress: Callable[[int, int, float], None] | None = None,
) -> encoder.AccuratePolarity:
    """Train adapters; the accurate scorer built on them and ``fast`` (default: the shipped one)."""
    blob = to_bytes(train(texts, labels, recipe, progress), recipe, {})
    return encoder.from_adapter(blob, fast)
