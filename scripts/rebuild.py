"""What the training scripts share: write the rebuilt file, or compare it with the shipped one."""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from collections.abc import Callable
from pathlib import Path

from backtrace.reception.corpora import DEFAULT_DATA


def run(doc: str, build: Callable[[Path], bytes], shipped: Path, argv: list[str] | None) -> int:
    """The command line of a training script: ``--data``, ``--out``, ``--check``."""
    ap = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared/data folder")
    ap.add_argument("--out", type=Path, default=shipped, help="where to write the file")
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
        shipped_digest = (
            hashlib.sha256(args.out.read_bytes()).hexdigest() if args.out.exists() else None
        )
        ok = shipped_digest == digest
        print(f"rebuilt sha256 {digest} ({len(blob):,} bytes, {took:.1f} s)")
        print(f"shipped sha256 {shipped_digest}  {args.out}")
        print("MATCH" if ok else "MISMATCH")
        return 0 if ok else 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(blob)
    print(f"wrote {args.out} ({len(blob):,} bytes, {took:.1f} s)")
    print(f"sha256 {digest}")
    return 0
