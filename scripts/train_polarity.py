"""Rebuild the shipped polarity model from the dev data of the three review corpora.

    .venv/bin/python scripts/train_polarity.py            # writes the package's model file
    .venv/bin/python scripts/train_polarity.py --check    # rebuilds in memory, compares hashes

Deterministic: fixed corpus order, CRC-32 feature hashing, liblinear's primal solver, a gzip
stream without timestamp, and pinned BLAS kernels (below). Prints the sha256 of the model file.
"""

from __future__ import annotations

import os

# liblinear's solver calls OpenBLAS (ddot, dnrm2, daxpy), which picks its kernels by CPU and
# splits long vectors across threads, so the last bits of the weights depend on the machine.
# The shipped file was built with the Haswell kernels on 2 threads: pin both before NumPy
# loads, and any x86-64 machine with AVX2 rebuilds it bit for bit.
os.environ["OPENBLAS_CORETYPE"] = "Haswell"
os.environ["OPENBLAS_NUM_THREADS"] = "2"

import sys  # noqa: E402
from pathlib import Path  # noqa: E402

import rebuild  # noqa: E402

from backtrace.reception import training  # noqa: E402
from backtrace.reception.polarity import MODEL_FILE  # noqa: E402

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
