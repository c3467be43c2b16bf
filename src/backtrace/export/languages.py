"""Language names as sources write them ("English", "Mandarin") to BCP 47 tags ("en",
"cmn"), by ISO 639 (``pycountry``): the two-letter code when there is one, else the
three-letter one. A name ISO 639 does not know has no tag (None)."""

from __future__ import annotations

from functools import lru_cache

import pycountry

# names people write that ISO 639's reference names spell otherwise
_ALIASES = {
    "greek": "el",
    "modern greek": "el",
    "mandarin": "cmn",
    "cantonese": "yue",
    "farsi": "fa",
    "filipino": "fil",
    "tagalog": "tl",
    "swahili": "sw",
    "nepali": "ne",
    "malay": "ms",
    "punjabi": "pa",
    "sign language": "sgn",
    "american sign language": "ase",
    "british sign language": "bfi",
}


@lru_cache(maxsize=1024)
def language_tag(name: str) -> str | None:
    """``"English"`` -> ``"en"``; ``"English language"`` -> ``"en"``; unknown -> None."""
    clean = " ".join(str(name).replace("-language", " ").split()).strip().lower()
    clean = clean.removesuffix(" language").strip()
    if not clean:
        return None
    if clean in _ALIASES:
        return _ALIASES[clean]
    try:
        found = pycountry.languages.lookup(clean)
    except LookupError:
        return None
    return getattr(found, "alpha_2", None) or getattr(found, "alpha_3", None)
