"""Rebuild the shipped polarity model from the dev data of the three review corpora.

    .venv/bin/python scripts/train_polarity.py            # writes the package's model file
    .venv/bin/python scripts/train_polarity.py --check    # rebuilds in memory, compares hashes

Deterministic: fixed corpus order, CRC-32 feature hashing, liblinear's primal solver, a gzip
stream without timestamp. Prints the sha256 of the model file.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path

from backtrace.reception import training
from backtrace.reception.corpora import DEFAULT_DATA
from backtrace.reception.polarity import MODEL_FILE

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "src" / "backtrace" / "reception" / "data" / MODEL_FILE


def build(data: Path) -> bytes:
    """The model file's bytes, trained on all dev data under ``data``."""
    training_set, meta = training.full_training_set(data)
    return training.fit(training_set, meta).to_bytes()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared/data folder")
    ap.add_argument("--out", type=Path, default=SHIPPED, help="where to write the model")
    ap.add_argument(
        "--check", action="store_true", help="do not write; exit 1 unless the rebuild matches --out"
    )
    args = ap.parse_args(argv)
    if not (args.data / "rt-polarity").is_dir():
        print(f"data not found: {args.data}", file=sys.stderr)
        return 2
    start = time.perf_counter()
    blob = build(args.data)
    digest = hashlib.sha256(blob).hexdigest()
    took = time.perf_counter() - start
    if args.check:
        shipped = hashlib.sha256(args.out.read_bytes()).hexdigest() if args.out.exists() else None
        ok = shipped == digest
        print(f"rebuilt sha256 {digest} ({len(blob):,} bytes, {took:.1f} s)")
        print(f"shipped sha256 {shipped}  {args.out}")
        print("MATCH" if ok else "MISMATCH")
        return 0 if ok else 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(blob)
    print(f"wrote {args.out} ({len(blob):,} bytes, {took:.1f} s)")
    print(f"sha256 {digest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
