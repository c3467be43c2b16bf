"""The lines the ``polarity`` command labels, and the ones it skips because they are no text.

    for row in polarity_rows(model, stream, on_skip=note):   # "positive\t0.8731", ...
        print(row)

A line is read as UTF-8 (a byte-order mark on the first line is dropped); its end is
``\\n``, ``\\r\\n`` or ``\\r``. A line is **no text**, and is skipped (``on_skip`` is told,
the row says ``skipped``), when it holds a NUL byte, is not valid UTF-8, or more than a
quarter of its characters are control characters or unassigned (binary data read as lines).
A blank line is ``empty``. Every line gets its row, in order, so the rows line up with the
lines.
"""

from __future__ import annotations

import codecs
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from backtrace.reception.polarity import PolarityScorer

CONTROL_LIMIT = 0.25  # a larger share of control characters makes a line no text
_ALLOWED_CONTROLS = frozenset("\t\f\v\x1b")  # tabs, form feeds, terminal colour codes
_UNPRINTABLE = frozenset({"Cc", "Cs", "Co", "Cn"})
EMPTY = "empty\t0.0"
SKIPPED = "skipped\t0.0"


@dataclass(frozen=True, slots=True)
class Line:
    number: int  # from 1
    text: str | None  # None when the line is no text
    reason: str = ""  # why it is no text


def read_lines(stream: Iterable[bytes]) -> Iterator[Line]:
    """Each line of a binary stream, decoded, or with the reason it is no text."""
    number = 0
    for chunk in stream:
        if number == 0 and chunk.startswith(codecs.BOM_UTF8):
            chunk = chunk[len(codecs.BOM_UTF8) :]
        if chunk.endswith(b"\n"):
            chunk = chunk[:-1]
        if chunk.endswith(b"\r"):
            chunk = chunk[:-1]
        for raw in chunk.split(b"\r"):  # old Mac line ends
            number += 1
            yield decode_line(raw, number)


def decode_line(raw: bytes, number: int) -> Line:
    """One line (without its end) as text, or why it is not."""
    if b"\x00" in raw:
        return Line(number, None, "NUL bytes")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        return Line(number, None, f"invalid UTF-8 at byte {err.start}")
    if text and _unprintable(text) > CONTROL_LIMIT * len(text):
        return Line(number, None, "mostly control characters")
    return Line(number, text)


def _unprintable(text: str) -> int:
    return sum(
        1
        for ch in text
        if ch == "\ufffd"
        or (ch not in _ALLOWED_CONTROLS and unicodedata.category(ch) in _UNPRINTABLE)
    )


def polarity_rows(
    model: PolarityScorer,
    stream: Iterable[bytes],
    *,
    batch_size: int = 512,
    on_skip: Callable[[Line], None] | None = None,
) -> Iterator[str]:
    """``label<TAB>probability`` for each line of ``stream``, in order; ``empty<TAB>0.0`` for
    a blank line and ``skipped<TAB>0.0`` for one that is no text (``on_skip`` is called with
    it first). Lines are scored ``batch_size`` at a time."""
    batch: list[Line] = []

    def flush() -> Iterator[str]:
        texts = [line.text for line in batch if line.text is not None and line.text.strip()]
        results = iter(model.predict(texts)) if texts else iter(())
        for line in batch:
            if line.text is None:
                yield SKIPPED
            elif not line.text.strip():
                yield EMPTY
            else:
                label, prob = next(results)
                yield f"{label}\t{prob:.4f}"
        batch.clear()

    for line in read_lines(stream):
        if line.text is None and on_skip is not None:
            on_skip(line)
        batch.append(line)
        if len(batch) >= max(batch_size, 1):
            yield from flush()
    yield from flush()
