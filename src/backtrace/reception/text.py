"""Text normalisation and hashed n-gram features for the polarity model.

The training corpora (Pang & Lee's sets) are lower-cased and tokenised with punctuation split off
("a dull , lifeless mess ."), while contractions stay whole ("isn't", "it's"). Every text, whether
training data or ordinary cased prose at prediction time, goes through :func:`tokenize`, so both
sides see the same token stream.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections.abc import Iterable, Sequence

_CHAR_MAP = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u2032": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2013": "-",
        "\u2014": " -- ",
        "\u2026": " ... ",
        "\u0085": " ... ",
        "\u00a0": " ",
    }
)
# Tokenised corpora sometimes split a clitic off its word ("it 's", "does n't"): glue it back.
_CLITIC = re.compile(r"(\w) (n't|'s|'re|'ve|'ll|'d|'m)\b")
_TOKEN = re.compile(
    r"[a-z0-9]+(?:['\-.][a-z0-9]+)*"  # words, contractions, hyphenated words, "u.s", "2.5"
    r"|\.{2,}|-{2,}|!+|\?+"  # ellipses, dashes, runs of ! or ?
    r"|[^\sa-z0-9]"  # any other single symbol
)
_DIGITS = re.compile(r"\d")


def tokenize(text: str) -> list[str]:
    """Lower-case ``text`` and split it into the training corpora's kind of tokens."""
    text = unicodedata.normalize("NFKC", text.translate(_CHAR_MAP)).lower()
    text = _CLITIC.sub(r"\1\2", text)
    tokens = _TOKEN.findall(text)
    out: list[str] = []
    for tok in tokens:
        if tok[0].isdigit():
            tok = _DIGITS.sub("0", tok)
        elif tok[0] in "!?":
            tok = tok[0]
        elif tok.startswith(".."):
            tok = "..."
        elif tok.startswith("--"):
            tok = "--"
        out.append(tok)
    return out


def hashed_features(
    tokens: Sequence[str], n_buckets: int, max_n: int = 3, char_ngrams: Sequence[int] = ()
) -> list[int]:
    """Sorted distinct bucket ids of the word 1..``max_n``-grams (and optional char n-grams).

    Buckets come from CRC-32 of the n-gram's UTF-8 bytes, so they are the same on every machine
    and in every process (unlike Python's salted ``hash``).
    """
    grams: set[str] = set()
    padded = ["<s>", *tokens, "</s>"]
    grams.update(tokens)
    for n in range(2, max_n + 1):
        for i in range(len(padded) - n + 1):
            grams.add(" ".join(padded[i : i + n]))
    for n in char_ngrams:
        for tok in tokens:
            word = f"<{tok}>"
            if len(word) <= n:
                continue
            for i in range(len(word) - n + 1):
                grams.add("#" + word[i : i + n])
    crc = zlib.crc32
    return sorted({crc(g.encode()) % n_buckets for g in grams})


def featurize(
    texts: Iterable[str], n_buckets: int, max_n: int = 3, char_ngrams: Sequence[int] = ()
) -> list[list[int]]:
    """:func:`hashed_features` of each text after :func:`tokenize`."""
    return [hashed_features(tokenize(t), n_buckets, max_n, char_ngrams) for t in texts]
