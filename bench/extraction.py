"""Extraction quality on real data: our pipeline (with ``prose_rules``) against a baseline.

    .venv/bin/python bench/extraction.py [--data ../shared/data] [--limit N]

Three gold sets, each scored per property (micro precision, recall, F1 over values):

1. wiki-2018-films: the records with a full ``text``, read as encyclopedia documents (the
   text has no infobox); gold = the record's ``infobox_raw``, wikitext stripped.
2. wikipedia-movie-data: the ``extract`` texts; gold = ``cast`` (recall counted only over
   names the extract mentions), ``year``, ``genres``.
3. disney-infobox joined to wikipedia-movie-data by title and year: the extract as the
   document, the infobox as gold.

The baseline takes "the capitalised word run nearest after the trigger word" (directed by
-> director, ...), the first amount after "budget" / "grossed", the first "N minutes", the
first date after "released", the first year of the text and the genre words of the first
sentence. spaCy is not installed, so the baseline is a capitalised-word-run one, not NER.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from backtrace.extract import extract
from backtrace.extract.normalize import (
    GENRES,
    find_dates,
    find_duration,
    find_money,
    normalize_country,
)
from backtrace.model import Document, Kind
from backtrace.read import read_bytes
from backtrace.resolve.names import name_key

ROOT = Path(__file__).resolve().parents[1]
NAME_PROPS = ("director", "screenwriter", "producer", "cast_member", "composer",
              "director_of_photography", "film_editor", "production_company", "distributor")
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

def _predicted(prop: str, values: list[Any]) -> set[Any]:
    if prop in NAME_PROPS:
        return {name_key(v) for v in values if isinstance(v, str)}
    if prop in ("cost", "box_office"):
        return {v["amount"] for v in values if isinstance(v, dict)}
    if prop == "publication_date":
        return {v for v in values if isinstance(v, str) and len(v) == 10}
    if prop in ("original_language", "genre"):
        return {str(v).lower() for v in values}
    return set(values)


def _same(prop: str, a: Any, b: Any) -> bool:
    if prop in ("cost", "box_office"):
        return bool(abs(a - b) <= 0.02 * max(b, 1))
    return bool(a == b)


def _matches(prop: str, these: set[Any], those: set[Any]) -> int:
    """How many of ``these`` are in ``those`` (money within 2%)."""
    return sum(1 for x in these if any(_same(prop, x, y) for y in those))


def ours(doc: Document) -> dict[str, dict[str, list[Any]]]:
    """Values per property of the document's own film (claims with no other subject), for
    the whole pipeline ("ours") and without ``prose_rules`` ("default"). Box office counts
    only when worldwide or of no stated region (the gold is the worldwide gross)."""
    out: dict[str, dict[str, list[Any]]] = {"ours": defaultdict(list),
                                            "default": defaultdict(list)}
    for c in extract(doc).claims:
        if c.subject is not None or c.qualifiers.get("region", "worldwide") != "worldwide" and (
                c.property == "box_office"):
            continue
        out["ours"][c.property].append(c.value)
        if c.extractor != "prose_rules":
            out["default"][c.property].append(c.value)
    return out


# ---------------------------------------------------------------- the baseline

_CAPITALISED = re.compile(r"[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|van|von|da|del|la|le))*")
_TRIGGERS: dict[str, tuple[str, ...]] = {
    "director": ("directed by",), "screenwriter": ("written by", "screenplay by"),
    "producer": ("produced by",), "cast_member": ("starring", "stars"),
    "composer": ("music by", "score by", "composed by"),
    "director_of_photography": ("cinematography by", "cinematographer"),
    "film_editor": ("edited by", "editor"),
    "production_company": ("banner of", "production company"),
    "distributor": ("distributed by", "released by"),
}
_FIRST_SENTENCE = re.compile(r"^.*?[.!?](?:\s|$)", re.DOTALL)


def baseline(doc: Document) -> dict[str, list[Any]]:
    text = doc.text
    lower = text.lower()
    out: dict[str, list[Any]] = defaultdict(list)
    for prop, triggers in _TRIGGERS.items():
        for trigger in triggers:
            for m in re.finditer(rf"\b{re.escape(trigger)}\s+", lower):
                name = _CAPITALISED.search(text, m.end(), m.end() + 60)
                if name:
                    out[prop].append(name.group(0).rstrip("."))
    for prop, word in (("cost", "budget"), ("box_office", "grossed")):
        for m in re.finditer(word, lower):
            money = find_money(text[m.end():m.end() + 60])
            if money:
                out[prop].append(money[0].value)
    if dur := find_duration(text):
        out["duration"].append(dur.minutes)
    for m in re.finditer(r"\breleased\b", lower):
        dates = find_dates(text[m.end():m.end() + 80])
        if dates and dates[0].precision == "day":
            out["publication_date"].append(dates[0].iso)
    if year := re.search(r"\b(1[89]\d\d|20[0-2]\d)\b", text):
        out["year"].append(int(year.group(1)))
    first = _FIRST_SENTENCE.match(text)
    words = re.findall(r"[a-z][a-z-]+", (first.group(0) if first else text).lower())
    out["genre"] = [w for w in words if w in GENRES]
    return out


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
              f"{'baseline P / R / F1':>20}  {'F1 ratio':>8}  {'no-prose F1':>11}")
        for prop, systems in self.scores.items():
            o, b, d = systems["ours"], systems["baseline"], systems["default"]
            (op, orr, of), (bp, br, bf), df = o.prf(), b.prf(), d.prf()[2]
            ratio = f"{of / bf:.2f}" if bf else ("—" if not of else "inf")
            print(f"{prop:24}{o.items:>6} {o.tp + o.fn:>6}  {op:6.2f} {orr:6.2f} {of:6.2f}  "
                  f"{bp:6.2f} {br:6.2f} {bf:6.2f}  {ratio:>8}  {df:>11.2f}")


def _document(text: str, name: str) -> Document:
    return read_bytes(text.encode("utf-8"), name, kind=Kind.ENCYCLOPEDIA)


def _jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def _score_doc(table: Table, doc: Document, gold: Gold, *,
               recall_only_in_text: tuple[str, ...] = ()) -> None:
    text_key = name_key(doc.text)
    found_by = ours(doc) | {"baseline": baseline(doc)}
    for system, found in found_by.items():
        for prop, gold_values in gold.items():
            if not gold_values:
                continue
            recall_gold = None
            if prop in recall_only_in_text:
                recall_gold = {g for g in gold_values if f" {g} " in f" {text_key} "}
            table.score(system, prop, _predicted(prop, found.get(prop, [])), gold_values,
                        recall_gold)


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
    table = Table("1. wiki-2018-films (article text, gold = infobox; name recall over names "
                  "the text mentions)")
    records = [r for r in _jsonl(path) if r.get("text")][:limit or None]
    for r in records:
        raw = r.get("infobox_raw") or {}
        gold = {prop: _value_set(prop, [v for f in fields if raw.get(f)
                                        for v in wikitext_values(str(raw[f]))])
                for prop, fields in WIKI_FIELDS.items()}
        _score_doc(table, _document(r["text"], f"wiki/{r['idx']}.txt"), gold,
                   recall_only_in_text=NAME_PROPS)
    table.title += f": {len(records)} documents"
    return table


def bench_movies(data: Path, limit: int) -> tuple[Table | None, dict[tuple[str, int], str]]:
    path = data / "wikipedia-movie-data" / "movies_dev.jsonl"
    if not path.exists():
        print(f"skipped: {path} not found")
        return None, {}
    table = Table("2. wikipedia-movie-data extracts (cast recall over names the extract "
                  "mentions)")
    extracts: dict[tuple[str, int], str] = {}
    n = 0
    for r in _jsonl(path):
        if not r.get("extract"):
            continue
        extracts[(name_key(r["title"]), int(r["year"]))] = r["extract"]
        if limit and n >= limit:
            continue
        n += 1
        gold: Gold = {"cast_member": _names(r.get("cast") or []), "year": {int(r["year"])},
                      "genre": {g.lower() for g in r.get("genres") or []}}
        _score_doc(table, _document(r["extract"], f"movies/{n}.txt"), gold,
                   recall_only_in_text=("cast_member",))
    table.title += f": {n} documents"
    return table, extracts


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
    table = Table("3. disney-infobox joined to wikipedia-movie-data extracts by title + year")
    n = 0
    for r in _jsonl(path):
        year = _disney_year(r)
        text = extracts.get((name_key(r.get("title", "")), year or 0))
        if text is None:
            continue
        n += 1
        gold = {}
        for prop, fields in DISNEY_FIELDS.items():
            items: list[str] = []
            for f in fields:
                v = r.get(f)
                items += [str(x) for x in v] if isinstance(v, list) else ([str(v)] if v else [])
            gold[prop] = _value_set(prop, items)
        _score_doc(table, _document(text, f"disney/{n}.txt"), gold,
                   recall_only_in_text=NAME_PROPS)
    table.title += f": {n} documents"
    return table


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
    tables = [bench_wiki(data, args.limit)]
    movies, extracts = bench_movies(data, args.limit)
    tables += [movies, bench_disney(data, extracts)]
    for table in tables:
        if table is not None:
            table.show()
    limit = f" --limit {args.limit}" if args.limit else ""
    print(f"\nwall time: {time.perf_counter() - start:.1f} s")
    print(f"reproduce: .venv/bin/python bench/extraction.py{limit}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
