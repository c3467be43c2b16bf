"""Extraction quality on real data: our pipeline against a spaCy baseline, and speed.

    .venv/bin/python bench/extraction.py [--data ../shared/data] [--limit N]

Three gold sets, each scored per property (micro precision, recall, F1 over values):

1. wiki-2018-films: the records with a full ``text``, read as encyclopedia documents (the
   text has no infobox); gold = the record's ``infobox_raw``, wikitext stripped.
2. wikipedia-movie-data: the ``extract`` texts; gold = ``cast`` (recall counted only over
   names the extract mentions), ``year``, ``genres``.
3. disney-infobox joined to wikipedia-movie-data by title and year: the extract as the
   document, the infobox as gold.

Systems, all in this process (and its worker processes) on the same documents:

- ours: ``extract(doc, RULES_PIPELINE)`` (the rule components);
- +nlp_cast: ``extract(doc, NLP_PIPELINE)``, the default ``PIPELINE`` (the rules plus
  spaCy's ``nlp_cast``), F1 only;
- spaCy baseline: the checked spaCy pipeline of :mod:`backtrace.extract.nlp` over the whole
  text, then "the entity of the right label nearest to the trigger word in its sentence":
  PERSON for credits ("directed by" -> director, "starring" -> cast, ...), ORG for
  companies, MONEY near "budget" / "grossed", the first TIME / DURATION in minutes, the
  DATE nearest after "released", the first DATE with a year, the first GPE / NORP of the
  first sentence (country), LANGUAGE entities, and the genre words of the first sentence.
  (It replaces the earlier "nearest capitalised word run" baseline.)

Speed (section 4, over the wikipedia-movie-data extracts): ``extract`` with a
``multiprocessing`` pool of 2 workers, against ``nlp.pipe(texts, n_process=2)`` of the same
spaCy pipeline over the same texts, in the same run; documents/s and words/s of each.
"""

from __future__ import annotations

import argparse
import bisect
import json
import multiprocessing
import os
import re
import sys
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from backtrace.extract import NLP_PIPELINE, extract
from backtrace.extract.nlp import pipeline
from backtrace.extract.normalize import (
    GENRES,
    country_from_demonym,
    find_dates,
    find_duration,
    find_money,
    normalize_country,
)
from backtrace.extract.pipeline import RULES_PIPELINE
from backtrace.keys import name_key
from backtrace.model import PROPERTIES, Claim, Document, Kind
from backtrace.people import document_scope
from backtrace.read import read_bytes

ROOT = Path(__file__).resolve().parents[1]
NAME_PROPS = ("director", "screenwriter", "producer", "cast_member", "composer",
              "director_of_photography", "film_editor", "production_company", "distributor")
# recall counts only the gold values the text states ("where the text states them")
STATED_PROPS = (*NAME_PROPS, "duration", "cost", "box_office", "publication_date",
                "country_of_origin", "original_language")
Gold = dict[str, set[Any]]


# ---------------------------------------------------------------- wikitext gold values

_REF = re.compile(r"<ref[^>]*/>|<ref[^>]*>.*?</ref>|<ref[^>]*>.*$", re.DOTALL | re.IGNORECASE)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_LINK = re.compile(r"\[\[(?:[^|\]]*\|)?([^\]]*)\]\]")
_BR = re.compile(r"<br\s*/?>|<hr\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"</?\w+[^>]*>")
_LIST_TEMPLATE = re.compile(
    r"\{\{\s*(?:plainlist|plain list|ubl|unbulleted list|flatlist|flat list|hlist|collapsible"
    r" list|bulleted list|nowrap)\s*\|", re.IGNORECASE)
_DROP_TEMPLATE = re.compile(r"\{\{\s*(?:small|refn|efn|sfn|cite|citation|estimation|increase"
                            r"|decrease|nbsp|ref|dead link)[^{}]*\}\}", re.IGNORECASE)
_MONEY_TEMPLATE = re.compile(r"\{\{\s*(?:INR|Indian Rupee|US\$|USD)\s*\|([^{}|]*)[^{}]*\}\}",
                             re.IGNORECASE)


# "Songs:" / "Score:" head the names listed under them in a music field
_FIELD_LABEL = re.compile(r"^(?:songs|score|background\s+score|original\s+score|music|lyrics)"
                          r"\s*:\s*", re.IGNORECASE)


def wikitext_values(raw: str) -> list[str]:
    """The items of an infobox field: templates, links, refs and markup stripped."""
    text = _COMMENT.sub("", raw)
    text = _REF.sub("", text)
    for _ in range(3):
        text = _DROP_TEMPLATE.sub("", text)
    text = _MONEY_TEMPLATE.sub(lambda m: "₹" + m.group(1) if "rupee" in m.group(0).lower()
                               or "INR" in m.group(0) else "$" + m.group(1), text)
    text = _LIST_TEMPLATE.sub("\n", text)
    text = _LINK.sub(r"\1", text)
    text = _BR.sub("\n", text)
    text = _TAG.sub("", text)
    text = text.replace("{{", "\n").replace("}}", "\n").replace("|", "\n")
    items = []
    for line in re.split(r"\n|\*", text):
        line = re.sub(r"\([^()]*\)", "", line).strip(" ,;'\"")
        line = _FIELD_LABEL.sub("", line).strip(" ,;'\"")  # a label heading the names under it
        if line and "=" not in line and not line.lower().startswith(("cite", "ref")):
            items.append(" ".join(line.split()))
    return items


def _names(items: Iterable[str]) -> set[str]:
    out = set()
    for item in items:
        for part in re.split(r"\s*(?:,|;|\band\b|&)\s*", item):
            key = name_key(part)
            if key and len(key) > 1:
                out.add(key)
    return out


def _amounts(items: Iterable[str]) -> set[int]:
    found = set()
    for item in items:
        money = find_money(item)
        if money:
            found.add(money[0].value["amount"])
            break
    return found


def _value_set(prop: str, items: list[str]) -> set[Any]:
    """Gold values of one property, in the form claims are compared in."""
    if prop in NAME_PROPS:
        return _names(items)
    if prop in ("cost", "box_office"):
        return _amounts(items)
    if prop == "duration":
        found = next((d for i in items if (d := find_duration(i))), None)
        return {found.minutes} if found else set()
    if prop == "publication_date":
        return {d.iso for i in items for d in find_dates(i) if d.precision == "day"}
    if prop == "country_of_origin":
        return {c for i in items if (c := normalize_country(i))}
    if prop in ("original_language", "genre"):
        return {i.lower() for i in items}
    if prop == "year":
        return {int(i) for i in items}
    return set(items)


# ---------------------------------------------------------------- predicted values

# Our genres are kept as written ("romantic comedy", "neo-noir"); wikipedia-movie-data files
# films under 41 broad genres. A genre of ours counts as the broad genres its words name;
# one that names none of them (the gold cannot say whether it is right) is not scored.
_BROAD_FORMS: dict[str, tuple[str, ...]] = {
    "romance": ("romantic",), "biography": ("biographical", "biopic"),
    "satire": ("satirical",), "animated": ("animation", "computer-animated", "stop-motion"),
    "science fiction": ("sci-fi",), "noir": ("neo-noir",), "sports": ("sport",),
    "drama": ("dramatic", "melodrama", "docudrama", "comedy-drama"),
    "comedy": ("comedy-drama",), "documentary": ("docudrama",),
    "thriller": ("techno-thriller",),
}
_BROAD: dict[str, set[str]] = defaultdict(set)
for _broad, _forms in _BROAD_FORMS.items():
    for _form in _forms:
        _BROAD[_form].add(_broad)


def broad_genres(genre: str, vocabulary: set[str]) -> set[str]:
    """The genres of ``vocabulary`` that ``genre`` names ("romantic comedy" -> romance,
    comedy)."""
    genre = genre.lower()
    if genre in vocabulary:
        return {genre}
    found = set(_BROAD.get(genre, ()))
    for word in re.split(r"[\s-]+", genre):
        found |= {word} & vocabulary or _BROAD.get(word, set())
    return found & vocabulary


GENRE_VOCABULARY: set[str] = set()  # the broad genres of the gold set being scored


def _predicted(prop: str, values: list[Any]) -> set[Any]:
    if prop in NAME_PROPS:
        return {name_key(v) for v in values if isinstance(v, str)}
    if prop == "genre" and GENRE_VOCABULARY:
        return {b for v in values for b in broad_genres(str(v), GENRE_VOCABULARY)}
    if prop in ("cost", "box_office"):
        return {v["amount"] for v in values if isinstance(v, dict)}
    if prop == "publication_date":
        return {v for v in values if isinstance(v, str) and len(v) == 10}
    if prop in ("original_language", "genre"):
        return {str(v).lower() for v in values}
    return set(values)


def _without_initials(key: str) -> str:
    return " ".join(w for w in key.split() if len(w) > 1)


ORG_PROPS = frozenset({"production_company", "distributor"})
# "Buena Vista Distribution Company" = "Buena Vista Distribution" (keys are lower-case)
_ORG_SUFFIX = re.compile(r"\s+(?:company|co|inc|ltd|llc|corporation|corp)$")


def _same(prop: str, a: Any, b: Any) -> bool:
    """Equal values: money within 2%; company names equal without a legal suffix
    ("Company", "Inc."); names equal as keys or, when only one of the two has initials,
    equal without them ("Ross M. Dinerstein" = "Ross Dinerstein")."""
    if prop in ("cost", "box_office"):
        return bool(abs(a - b) <= 0.02 * max(b, 1))
    if prop in ORG_PROPS and isinstance(a, str) and isinstance(b, str):
        a, b = _ORG_SUFFIX.sub("", a), _ORG_SUFFIX.sub("", b)
    if prop in NAME_PROPS and a != b and isinstance(a, str) and isinstance(b, str):
        bare_a, bare_b = _without_initials(a), _without_initials(b)
        return bool(bare_a) and bare_a == bare_b and (bare_a == a or bare_b == b)
    return bool(a == b)


def _matches(prop: str, these: set[Any], those: set[Any]) -> int:
    """How many of ``these`` are in ``those`` (money within 2%)."""
    return sum(1 for x in these if any(_same(prop, x, y) for y in those))


Values = dict[str, list[Any]]


# release events the gold's "released" field does not list
_NOT_FIRST_RELEASE = ("home video", "VOD", "television", "re-release")


def _values(claims: list[Claim], text: str) -> Values:
    """Values per property of the document's own film (claims with no other subject).

    - People are named as the store links them within the document: a surname or nickname
      stands for the full name the document gives ("Dulull" -> "Hasraf Dulull";
      :func:`backtrace.people.document_scope`, as ingest does).
    - Box office counts only when worldwide or of no stated region (the gold is the
      worldwide gross); release dates only of a first run (not home video, VOD, TV or a
      re-release), as the gold's "released" field lists those.
    """
    scope = document_scope(claims, text)
    out: Values = defaultdict(list)
    for c in claims:
        if c.subject is not None:
            continue
        if c.property == "box_office" and c.qualifiers.get("region", "worldwide") != "worldwide":
            continue
        if c.property == "publication_date" and c.qualifiers.get("kind") in _NOT_FIRST_RELEASE:
            continue
        value = c.value
        if PROPERTIES[c.property].value_type == "person" and isinstance(value, str):
            value = scope.resolve(value, character=c.qualifiers.get("character")) or value
        out[c.property].append(value)
    return dict(out)


def ours(text: str) -> Values:
    """Our values for one text (the rule components only)."""
    return _values(extract(_document(text, "bench.txt"), RULES_PIPELINE).claims, text)


def ours_nlp(text: str) -> Values:
    """Our values for one text with ``nlp_cast`` added."""
    return _values(extract(_document(text, "bench.txt"), NLP_PIPELINE).claims, text)


def run_ours(texts: list[str], *, with_nlp: bool) -> tuple[list[Values], float]:
    """Our values for every text, with 2 worker processes; and the seconds it took."""
    start = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(WORKERS) as pool:
        found = pool.map(ours_nlp if with_nlp else ours, texts, chunksize=32)
    return found, time.perf_counter() - start


# ---------------------------------------------------------------- the baseline

_TRIGGERS: dict[str, tuple[str, ...]] = {
    "director": ("directed by",), "screenwriter": ("written by", "screenplay by"),
    "producer": ("produced by",), "cast_member": ("starring", "stars"),
    "composer": ("music by", "score by", "composed by"),
    "director_of_photography": ("cinematography by", "cinematographer"),
    "film_editor": ("edited by", "editor"),
    "production_company": ("banner of", "production company", "produced by"),
    "distributor": ("distributed by", "released by"),
}
_ORG_PROPS = ("production_company", "distributor")
_FIRST_SENTENCE = re.compile(r"^.*?[.!?](?:\s|$)", re.DOTALL)
WORKERS = 2


def _nearest(sdoc: Any, starts: list[int], pos: int, labels: tuple[str, ...], *,
             after_only: bool = False) -> Any:
    """The entity with one of ``labels`` nearest (in tokens) to the token at char ``pos``,
    in its sentence."""
    i = min(bisect.bisect_left(starts, pos), len(sdoc) - 1)
    sent = sdoc[i].sent
    best, best_d = None, 1 << 30
    for ent in sent.ents:
        if ent.label_ not in labels or ent.start <= i < ent.end and ent.label_ != "PERSON":
            continue
        if after_only and ent.start < i:
            continue
        d = ent.start - i if ent.start >= i else i - ent.end
        if d < best_d:
            best, best_d = ent, d
    return best


def spacy_baseline(sdoc: Any) -> Values:
    """The spaCy baseline's values for one parsed text (see the module's doc)."""
    text = sdoc.text
    lower = text.lower()
    starts = [t.idx for t in sdoc]
    out: Values = defaultdict(list)
    if not starts:
        return out
    for prop, triggers in _TRIGGERS.items():
        labels = ("ORG",) if prop in _ORG_PROPS else ("PERSON",)
        for trigger in triggers:
            for m in re.finditer(rf"\b{re.escape(trigger)}\b", lower):
                ent = _nearest(sdoc, starts, m.end() - 1, labels)
                if ent is not None:
                    out[prop].append(ent.text)
    for prop, word in (("cost", r"budget"), ("box_office", r"grossed|box office")):
        for m in re.finditer(word, lower):
            ent = _nearest(sdoc, starts, m.start(), ("MONEY",))
            if ent is not None and (money := find_money(ent.text)):
                out[prop].append(money[0].value)
    for ent in sdoc.ents:
        if ent.label_ in ("TIME", "DURATION", "QUANTITY") and "minute" in ent.text and (
                dur := find_duration(ent.text)):
            out["duration"].append(dur.minutes)
            break
    for m in re.finditer(r"\breleased\b", lower):
        ent = _nearest(sdoc, starts, m.start(), ("DATE",), after_only=True)
        if ent is not None:
            dates = find_dates(ent.text)
            if dates and dates[0].precision == "day":
                out["publication_date"].append(dates[0].iso)
    for ent in sdoc.ents:
        if ent.label_ == "DATE" and (year := re.search(r"\b(1[89]\d\d|20[0-2]\d)\b", ent.text)):
            out["year"].append(int(year.group(1)))
            break
    first = next(iter(sdoc.sents), None)
    if first is not None:
        for ent in first.ents:
            if ent.label_ in ("GPE", "NORP") and (country := normalize_country(ent.text)):
                out["country_of_origin"].append(country)
                break
        out["genre"] = [w for w in re.findall(r"[a-z][a-z-]+", first.text.lower())
                        if w in GENRES]
    out["original_language"] = [e.text for e in sdoc.ents if e.label_ == "LANGUAGE"][:1]
    return dict(out)


def run_spacy(texts: list[str], n_process: int) -> tuple[list[Values], float, float]:
    """The spaCy baseline's values for every text via ``nlp.pipe(texts, n_process=...)``;
    the seconds ``nlp.pipe`` took (without the baseline's own reading of each parsed
    document) and the seconds that reading took."""
    nlp = pipeline()
    found: list[Values] = []
    reading = 0.0
    start = time.perf_counter()
    for sdoc in nlp.pipe(texts, n_process=n_process, batch_size=64):
        t = time.perf_counter()
        found.append(spacy_baseline(sdoc))
        reading += time.perf_counter() - t
    return found, time.perf_counter() - start - reading, reading


# ---------------------------------------------------------------- scoring

@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    items: int = 0

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp, self.fp, self.fn, self.items = self.tp + tp, self.fp + fp, self.fn + fn, (
            self.items + 1)

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class Table:
    title: str
    scores: dict[str, dict[str, Score]] = field(default_factory=dict)

    def score(self, system: str, prop: str, pred: set[Any], gold: set[Any],
              recall_gold: set[Any] | None = None) -> None:
        s = self.scores.setdefault(prop, {}).setdefault(system, Score())
        tp = _matches(prop, pred, gold)
        rg = gold if recall_gold is None else recall_gold
        s.add(tp, len(pred) - tp, len(rg) - _matches(prop, rg, pred))

    def show(self) -> None:
        print(f"\n{self.title}")
        print(f"{'property':24}{'items':>6} {'gold':>6}  {'ours P / R / F1':>20}  "
              f"{'spaCy baseline P / R / F1':>26}  {'F1 ratio':>8}  {'+nlp_cast F1':>12}")
        for prop, systems in self.scores.items():
            o, b, n = systems["ours"], systems["baseline"], systems["ours+nlp"]
            (op, orr, of), (bp, br, bf), nf = o.prf(), b.prf(), n.prf()[2]
            if not o.tp + o.fn:  # the text states none of the gold values
                print(f"{prop:24}{o.items:>6} {0:>6}  {op:6.2f}      —      —  {'':6}"
                      f"{bp:6.2f}      —      —  {'—':>8}  {'—':>12}")
                continue
            ratio = f"{of / bf:.2f}" if bf else ("—" if not of else "inf")
            print(f"{prop:24}{o.items:>6} {o.tp + o.fn:>6}  {op:6.2f} {orr:6.2f} {of:6.2f}  "
                  f"{'':6}{bp:6.2f} {br:6.2f} {bf:6.2f}  {ratio:>8}  {nf:>12.2f}")


def _document(text: str, name: str) -> Document:
    return read_bytes(text.encode("utf-8"), name, kind=Kind.ENCYCLOPEDIA)


def _jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


@dataclass
class Item:
    """One document of a gold set: its text, gold values and the properties whose recall
    counts only the gold values the text states (:func:`stated`)."""

    text: str
    gold: Gold
    recall_only_in_text: tuple[str, ...] = ()


_MINUTES = re.compile(r"\d[\d.,]*\s*(?:-\s*|\s)?(?:minutes?|mins?\.?|hours?|hrs?\.?|h)\b"
                      r"(?:\s*(?:and\s+)?\d+\s*(?:minutes?|mins?\.?|m)\b)?", re.IGNORECASE)
_CAPITALISED_RUN = re.compile(r"[A-Z][\w.'-]*(?:\s+(?:of\s+|the\s+)?[A-Z][\w.'-]*){0,3}")


# "Walt Disney Productions" does not state that Walt Disney produced the film
_COMPANY_WORDS = frozenset({
    "productions", "production", "pictures", "studios", "studio", "company", "animation",
    "films", "film", "entertainment", "television", "records", "presents", "home",
    "features", "classics", "corporation", "inc", "ltd", "media", "group", "cinemas", "cinema",
    "creations", "motion", "distribution", "releasing", "world", "channel", "animated",
})


def _names_person(key: str, text_key: str) -> bool:
    """Whether the text names ``key`` (a name key) other than inside a company's name."""
    start = text_key.find(f" {key} ")
    while start >= 0:
        after = text_key[start + len(key) + 2:].split(" ", 1)[0]
        if after not in _COMPANY_WORDS:
            return True
        start = text_key.find(f" {key} ", start + 1)
    return False


def _says_language(language: str, text: str) -> bool:
    """Whether the text names ``language`` as a language: "Tamil-language", "in Tamil",
    "(Persian: ...)", "the English dub"; a word that is also a nationality ("French",
    "English") counts only so, any other language name ("Kannada") anywhere."""
    name = re.escape(language)
    if re.search(rf"\b{name}(?:[-–\s]language\b|\s*:)|\bin\s+{name}\b"
                 rf"|\b{name}\s+(?:dub|dubbed|version|dialogue|subtitles)\b", text, re.IGNORECASE):
        return True
    return not country_from_demonym(language) and language != "english" and bool(
        re.search(rf"\b{name}\b", text, re.IGNORECASE))


def stated(prop: str, gold: set[Any], text: str, text_key: str) -> set[Any]:
    """The gold values the text states in some form: a name as its key; an amount of money
    (within 2%), a running time in minutes, a release day, as the normalisers read them
    anywhere in the text; a country by name or demonym; a language by name."""
    if prop in NAME_PROPS:
        return {g for g in gold if _names_person(g, text_key)}
    if prop in ("cost", "box_office"):
        said: set[Any] = {m.value["amount"] for m in find_money(text)}
    elif prop == "duration":
        said = {d.minutes for m in _MINUTES.finditer(text) if (d := find_duration(m.group(0)))}
    elif prop == "publication_date":
        said = {d.iso for d in find_dates(text) if d.precision == "day"}
    elif prop == "country_of_origin":
        said = set()
        for m in _CAPITALISED_RUN.finditer(text):
            words = m.group(0).split()
            for i in range(len(words)):
                for j in range(i + 1, len(words) + 1):
                    run = " ".join(words[i:j])
                    if country := normalize_country(run) or country_from_demonym(run):
                        said.add(country)
    elif prop == "original_language":
        said = {g for g in gold if _says_language(g, text)}
    elif prop == "genre":
        said = {g for g in gold if any(
            re.search(rf"\b{re.escape(form)}\b", text, re.IGNORECASE)
            for form in (g, *_BROAD_FORMS.get(g, ())))}
    else:
        return gold
    return {g for g in gold if any(_same(prop, x, g) for x in said)}


@dataclass
class Timing:
    docs: int = 0
    words: int = 0
    seconds: dict[str, float] = field(default_factory=dict)


def score_items(table: Table, items: list[Item], timing: Timing | None = None) -> Table:
    """Run every system over the items' texts and score them into ``table``."""
    texts = [i.text for i in items]
    found_ours, t_ours = run_ours(texts, with_nlp=False)
    found_nlp, t_nlp = run_ours(texts, with_nlp=True)
    found_base, t_pipe, t_read = run_spacy(texts, n_process=WORKERS)
    if timing is not None:
        timing.docs, timing.words = len(texts), sum(len(t.split()) for t in texts)
        timing.seconds = {"ours": t_ours, "ours+nlp": t_nlp, "nlp.pipe": t_pipe,
                          "baseline reading": t_read}
    for item, o, n, b in zip(items, found_ours, found_nlp, found_base, strict=True):
        text_key = f" {name_key(item.text)} "
        recall_gold = {prop: stated(prop, gold_values, item.text, text_key)
                       for prop, gold_values in item.gold.items()
                       if gold_values and prop in item.recall_only_in_text}
        for system, found in (("ours", o), ("ours+nlp", n), ("baseline", b)):
            for prop, gold_values in item.gold.items():
                if not gold_values:
                    continue
                table.score(system, prop, _predicted(prop, found.get(prop, [])), gold_values,
                            recall_gold.get(prop))
    table.title += f": {len(items)} documents"
    return table


def show_speed(timing: Timing) -> None:
    print(f"\n4. speed over the same {timing.docs} wikipedia-movie-data extracts "
          f"({timing.words:,} words), {WORKERS} processes each, {os.cpu_count()} cores")
    rows = (("ours: extract(doc, RULES_PIPELINE)", "ours"),
            ("ours + nlp_cast: extract(doc) (default)", "ours+nlp"),
            ("spaCy: nlp.pipe(texts, n_process=2)", "nlp.pipe"))
    pipe = timing.seconds["nlp.pipe"]
    print(f"{'system':46}{'seconds':>9}{'docs/s':>9}{'words/s':>10}{'vs nlp.pipe':>13}")
    for label, key in rows:
        sec = timing.seconds[key]
        print(f"{label:46}{sec:>9.1f}{timing.docs / sec:>9,.0f}{timing.words / sec:>10,.0f}"
              f"{pipe / sec:>12.2f}x")
    print(f"(the spaCy baseline's reading of the parsed documents, "
          f"{timing.seconds['baseline reading']:.1f} s, is not counted in nlp.pipe's time)")


WIKI_FIELDS: dict[str, tuple[str, ...]] = {
    "director": ("director",), "producer": ("producer", "producers"),
    "screenwriter": ("writer", "screenplay"), "cast_member": ("starring",),
    "composer": ("music",), "director_of_photography": ("cinematography",),
    "film_editor": ("editing",), "production_company": ("studio", "production_companies",
                                                        "production company"),
    "distributor": ("distributor",), "duration": ("runtime",), "cost": ("budget",),
    "box_office": ("gross",), "country_of_origin": ("country",),
    "original_language": ("language",), "publication_date": ("released",),
}
DISNEY_FIELDS: dict[str, tuple[str, ...]] = {
    "director": ("Directed by",), "producer": ("Produced by",),
    "screenwriter": ("Written by", "Screenplay by", "Story by"), "cast_member": ("Starring",),
    "composer": ("Music by",), "director_of_photography": ("Cinematography",),
    "film_editor": ("Edited by",), "production_company": ("Production company",
                                                          "Production companies"),
    "distributor": ("Distributed by",), "duration": ("Running time",), "cost": ("Budget",),
    "box_office": ("Box office",), "country_of_origin": ("Country",),
    "original_language": ("Language",), "publication_date": ("Release date",),
}


def bench_wiki(data: Path, limit: int) -> Table | None:
    path = data / "wiki-2018-films" / "films2018_dev.jsonl"
    if not path.exists():
        print(f"skipped: {path} not found")
        return None
    items = []
    for r in [r for r in _jsonl(path) if r.get("text")][:limit or None]:
        raw = r.get("infobox_raw") or {}
        gold = {prop: _value_set(prop, [v for f in fields if raw.get(f)
                                        for v in wikitext_values(str(raw[f]))])
                for prop, fields in WIKI_FIELDS.items()}
        items.append(Item(r["text"], gold, STATED_PROPS))
    return score_items(Table("1. wiki-2018-films (article text, gold = infobox; name recall "
                             "over names the text mentions)"), items)


def bench_movies(data: Path, limit: int,
                 timing: Timing) -> tuple[Table | None, dict[tuple[str, int], str]]:
    path = data / "wikipedia-movie-data" / "movies_dev.jsonl"
    if not path.exists():
        print(f"skipped: {path} not found")
        return None, {}
    extracts: dict[tuple[str, int], str] = {}
    items = []
    for r in _jsonl(path):
        if not r.get("extract"):
            continue
        extracts[(name_key(r["title"]), int(r["year"]))] = r["extract"]
        GENRE_VOCABULARY.update(g.lower() for g in r.get("genres") or [])
        if limit and len(items) >= limit:
            continue
        gold: Gold = {"cast_member": _names(r.get("cast") or []), "year": {int(r["year"])},
                      "genre": {g.lower() for g in r.get("genres") or []}}
        items.append(Item(r["extract"], gold, ("cast_member", "genre")))
    table = Table("2. wikipedia-movie-data extracts (cast and genre recall over values the "
                  "extract states; genres as the 41 broad genres of the gold)")
    return score_items(table, items, timing), extracts


def _disney_year(r: dict[str, Any]) -> int | None:
    for value in (r.get("Release date (datetime)"), r.get("Release date")):
        text = " ".join(value) if isinstance(value, list) else str(value or "")
        if m := re.search(r"\b(1[89]\d\d|20\d\d)\b", text):
            return int(m.group(1))
    return None


def bench_disney(data: Path, extracts: dict[tuple[str, int], str]) -> Table | None:
    path = data / "disney-infobox" / "disney_dev.jsonl"
    if not path.exists() or not extracts:
        print(f"skipped: {path} or the wikipedia-movie-data extracts not found")
        return None
    items = []
    for r in _jsonl(path):
        year = _disney_year(r)
        text = extracts.get((name_key(r.get("title", "")), year or 0))
        if text is None:
            continue
        gold = {}
        for prop, fields in DISNEY_FIELDS.items():
            values: list[str] = []
            for f in fields:
                v = r.get(f)
                values += [str(x) for x in v] if isinstance(v, list) else (
                    [str(v)] if v else [])
            gold[prop] = _value_set(prop, values)
        items.append(Item(text, gold, STATED_PROPS))
    return score_items(Table("3. disney-infobox joined to wikipedia-movie-data extracts by "
                             "title + year"), items)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--limit", type=int, default=0,
                    help="at most N documents per gold set (0 = all)")
    args = ap.parse_args()
    data = Path(args.data)
    if not data.is_dir():
        print(f"skipped: {data} not found")
        return 0
    start = time.perf_counter()
    timing = Timing()
    tables = [bench_wiki(data, args.limit)]
    movies, extracts = bench_movies(data, args.limit, timing)
    tables += [movies, bench_disney(data, extracts)]
    for table in tables:
        if table is not None:
            table.show()
    if timing.docs:
        show_speed(timing)
    limit = f" --limit {args.limit}" if args.limit else ""
    print(f"\nwall time: {time.perf_counter() - start:.1f} s")
    print(f"reproduce: .venv/bin/python bench/extraction.py{limit}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
