"""Rebuild the accurate polarity mode's adapter file from the dev data (needs '.[accurate]').

    .venv/bin/python scripts/train_encoder.py            # writes the package's adapter file
    .venv/bin/python scripts/train_encoder.py --check    # rebuilds in memory, compares hashes

Trains rank-16 low-rank adapters, biases, layer norms and a head on all-MiniLM-L6-v2 (see
backtrace.reception.encoder) over the rt-polarity snippets and the rt-critics quotes, in
file order, with the fixed recipe of backtrace.reception.encoder_training.Recipe (seed 0,
deterministic algorithms, 2 threads). About 15 minutes on 2 cores. Prints the sha256.
"""

from __future__ import annotations

import sys
from pathlib import Path

import rebuild
from tqdm import tqdm

from backtrace.reception import corpora, encoder, encoder_training

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "src" / "backtrace" / "reception" / "data" / encoder.ADAPTER_FILE


def training_data(data: Path) -> tuple[list[str], list[int], dict[str, int]]:
    """rt-polarity snippets then rt-critics quotes, with their labels and counts."""
    texts, labels = corpora.rt_polarity(data)
    quotes = corpora.rt_critics(data)
    counts = {"rt_polarity_snippets": len(texts), "rt_critics_quotes": len(quotes)}
    return texts + [q.text for q in quotes], labels + [q.label for q in quotes], counts


def build(data: Path) -> bytes:
    """The adapter file's bytes."""
    texts, labels, counts = training_data(data)
    recipe = encoder_training.Recipe()
    with tqdm(total=1, desc="fine-tuning", unit="step") as bar:

        def progress(step: int, total: int, loss: float) -> None:
            bar.total = total
            bar.update(1)
            bar.set_postfix(loss=f"{loss:.3f}", refresh=False)

        state = encoder_training.train(texts, labels, recipe, progress)
    return encoder_training.to_bytes(state, recipe, counts)


def main(argv: list[str] | None = None) -> int:
    return rebuild.run(__doc__, build, SHIPPED, argv)


if __name__ == "__main__":
    sys.exit(main())
