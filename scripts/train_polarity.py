"""Rebuild the shipped polarity model from the dev data of the three review corpora.

    .venv/bin/python scripts/train_polarity.py            # writes the package's model file
    .venv/bin/python scripts/train_polarity.py --check    # rebuilds in memory, compares hashes

Deterministic: fixed corpus order, CRC-32 feature hashing, liblinear's primal solver, a gzip
stream without timestamp. Prints the sha256 of the model file.
"""

from __future__ import annotations

import sys
from pathlib import Path

import rebuild

from backtrace.reception import training
from backtrace.reception.polarity import MODEL_FILE

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "src" / "backtrace" / "reception" / "data" / MODEL_FILE


def build(data: Path) -> bytes:
    """The model file's bytes, trained on all dev data under ``data``."""
    training_set, meta = training.full_training_set(data)
    return training.fit(training_set, meta).to_bytes()


def main(argv: list[str] | None = None) -> int:
    return rebuild.run(__doc__, build, SHIPPED, argv)


if __name__ == "__main__":
    sys.exit(main())
