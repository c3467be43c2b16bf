"""Normalised keys, one module for every stage: of names of people, organisations and places
(:func:`name_key`), of films as stored (:func:`title_key`) and as written
(:func:`title_match_key`, :func:`same_title`), of news outlets (:func:`outlet_key`), and of
values (:func:`value_key`)."""

from __future__ import annotations

import difflib
import re
import unicodedata
from functools import lru_cache
from typing import Any

from backtrace.model import PROPERTIES
from backtrace.vocabulary import OUTLET_VARIANTS, SOURCE_WORKS

_NON_WORD = re.compile(r"[^\w\s]", re.UNICODE)
_SPACE = re.compile(r"\s+")
_DISAMBIGUATION = re.compile(r"\s*\((?:(?P<year>\d{4})\s+)?(?:[\w\s-]*\s)?film\)\s*$", re.I)


@lru_cache(maxsize=262144)  # the same names come back in every document of a corpus
def name_key(name: str) -> str:
    """``"Zoë  Marchetti."`` -> ``"zoe marchetti"``: case, accents, punctuation, spacing folded."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _NON_WORD.sub(" ", text.casefold().replace("&", " and "))
    return _SPACE.sub(" ", text).strip()


def outlet_key(outlet: str) -> str:
    """A news outlet's key, one for every way it is written: ``name_key`` without a leading
    "the" ("the Los Angeles Times" = "Los Angeles Times" = "los angeles times."), a known
    other name of the outlet read as it (:data:`~backtrace.vocabulary.OUTLET_VARIANTS`:
    "L.A. Times", "NY Times")."""
    key = name_key(outlet)
    if key.startswith("the ") and len(key) > 4:
        key = key[4:]
    return OUTLET_VARIANTS.get(key, key)


def clean_title(title: str) -> tuple[str, int | None]:
    """``"Backtrace (2018 film)"`` -> ``("Backtrace", 2018)``; other titles unchanged."""
    title = _SPACE.sub(" ", title).strip().strip('"\u201c\u201d')
    m = _DISAMBIGUATION.search(title)
    if not m:
        return title, None
    year = int(m.group("year")) if m.group("year") else None
    return title[: m.start()].strip(), year


_ROMAN = {"ii": "2", "iii": "3", "iv": "4", "v": "5", "vi": "6", "vii": "7", "viii": "8",
          "ix": "9", "x": "10", "xi": "11", "xii": "12"}
_TITLE_NUMBER = re.compile(r"(?<=\s)(ii|iii|iv|v|vi|vii|viii|ix|x|xi|xii)(?=\s|$)")


@lru_cache(maxsize=65536)
def title_key(title: str) -> str:
    """A film title's key: ``name_key`` with a roman numeral after the first word read as
    a number, so a sequel keys the same however it is written ("Creed II" = "Creed 2")."""
    return _TITLE_NUMBER.sub(lambda m: _ROMAN[m.group(1)], name_key(title))


# -- comparing titles as written ("Backtrace (2018 film)" and "Backtrace") ---------------
_WRITTEN_DISAMBIGUATION = re.compile(r"\s*\((?:[^()]*\b)?(?:film|movie)\)\s*$", re.IGNORECASE)


def strip_disambiguation(title: str) -> tuple[str, int | None]:
    """"Backtrace (2018 film)" -> ("Backtrace", 2018); "Heat" -> ("Heat", None)."""
    m = _WRITTEN_DISAMBIGUATION.search(title)
    if not m:
        return title.strip(), None
    year = re.search(r"\b(1[89]\d\d|20\d\d)\b", m.group(0))
    return title[:m.start()].strip(), int(year.group(1)) if year else None


_POSSESSOR = re.compile(r"^.{2,60}?(?:['’]s|\bPresents:?)\s+(?=\S)")


def title_match_key(title: str) -> str:
    """A written title for comparing with another (:func:`same_title`): no disambiguation,
    bracketed note, accents, punctuation or leading article; "&" read as "and"; one space;
    any case. Looser than :func:`title_key`, the key a film is stored under."""
    bare, _ = strip_disambiguation(title)
    bare = re.sub(r"\[[^\]]*\]", " ", bare).replace("&", " and ").replace("+", " and ")
    bare = "".join(c for c in unicodedata.normalize("NFKD", bare) if not unicodedata.combining(c))
    bare = re.sub(r"[^\w\s]|_", "", bare.replace("-", " ").replace("–", " ")).casefold()
    words = bare.split()
    if len(words) > 1 and words[0] in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words)


def same_title(a: str | None, b: str | None) -> bool:
    """Whether two titles name the same film, ignoring case, punctuation, accents and
    disambiguation; "Rudyard Kipling's The Jungle Book" is "The Jungle Book"."""
    if a is None or b is None:
        return False
    ka, kb = title_match_key(a), title_match_key(b)
    if ka == kb:
        return bool(ka)
    for longer, other in ((a, kb), (b, ka)):
        m = _POSSESSOR.match(longer)
        if m and title_match_key(longer[m.end():]) == other:
            return True
    return False


_NUMBERISH = re.compile(r"\b(?:\d+|[ivxlc]+)\b")


def similar_title(a: str | None, b: str | None) -> bool:
    """:func:`same_title`, or spellings a letter or two apart ("Aan Dhevathai" / "Aan
    Devathai") with the same numbers (so "Part II" is never "Part III")."""
    if same_title(a, b):
        return True
    if a is None or b is None:
        return False
    ka, kb = title_match_key(a), title_match_key(b)
    if _NUMBERISH.findall(ka) != _NUMBERISH.findall(kb) or min(len(ka), len(kb)) < 6:
        return False
    return difflib.SequenceMatcher(None, ka, kb).ratio() >= 0.9


# -- values --------------------------------------------------------------------------------
# The ways a "based on" value names its work, each with the words that are its title: a
# row a form, tried in order; the examples are tests/test_keys.py's.
_KIND = rf"(?:(?:\d{{4}}|[a-z-]+)\s+){{0,3}}?{SOURCE_WORKS}"
_TITLE = r"(?P<title>[A-Z0-9\"“‘'].*?)"
WORK_FORMS = (
    # "Eileen Byrne's 2011 novel The Orchard at Dunmore"
    re.compile(rf"^(?:[Tt]he\s+)?[A-Z][^'’]*?['’]s?\s+{_KIND}\s+{_TITLE}$"),
    # "the 1998 novel Fight Club by Chuck Palahniuk", "the play Ivory Tower"
    re.compile(rf"^(?:[Tt]he\s+|[Aa]n?\s+)?{_KIND}\s+{_TITLE}(?:\s+by\s+[A-Z].*)?$"),
    # "The Orchard at Dunmore by Eileen Byrne"
    re.compile(rf"^{_TITLE}\s+by\s+[A-Z][^,;]*$"),
)


def work_key(value: str) -> str | None:
    """The title of the work a "based on" value names, as a key, however the value is
    written: ``"The Orchard at Dunmore by Eileen Byrne"``, ``"Eileen Byrne's 2011 novel
    The Orchard at Dunmore"`` and ``"the novel The Orchard at Dunmore"`` all give
    ``"work:the orchard at dunmore"``, as does the bare title; None for a value that names
    no titled work ("the novel of the same name")."""
    value = value.strip()
    for form in WORK_FORMS:
        if (m := form.match(value)) and (title := name_key(m.group("title"))):
            return f"work:{title}"
    if value[:1].isupper() and " by " not in value and not re.search(SOURCE_WORKS, value):
        return f"work:{name_key(value)}"  # a title alone: "The Orchard at Dunmore"
    return None


def value_key(prop: str, value: Any, entity: int | str | None = None) -> str:
    """The key under which equal values of ``prop`` agree: ``"e:<id>"`` for a value linked
    to an entity (``entity``: its id, or a stored key "e:12"); "amount CURRENCY" for money;
    a date, duration or year as written; any other text by :func:`name_key`."""
    if isinstance(entity, int):
        return f"e:{entity}"
    vtype = PROPERTIES[prop].value_type if prop in PROPERTIES else "text"
    if vtype == "money" and isinstance(value, dict):
        return f"{value.get('amount')} {str(value.get('currency', '')).upper()}"
    if vtype in ("date", "duration", "year"):
        return str(value)
    if isinstance(entity, str) and entity.startswith("e:"):
        return entity
    return name_key(value) if isinstance(value, str) else str(value)
