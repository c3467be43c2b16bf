"""Film records as CSV tables: one row per fact, each with its source columns.

Files (``write_csv_folder``): ``films.csv`` (one row per film), ``facts.csv`` (every
infobox fact that is not in a more specific table), ``credits.csv`` (people and
companies with their role and character), ``releases.csv``, ``box_office.csv``,
``reviews.csv`` (when there is a reception block) and ``sources.csv`` (every span behind
every fact: document, path, character offsets and the quoted text). Each fact row names
its first source inline and its ``fact_key``, which ``sources.csv`` lists in full.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from backtrace.model import PROPERTIES
from backtrace.render import format_value
from backtrace.store.records import Fact, FilmRecord, Source

_CREDITS = {p.name for p in PROPERTIES.values() if p.value_type in ("person", "organization")}
_FACT_COLS = ["status", "believed", "confidence", "reason", "n_sources"]
_SOURCE_COLS = ["source_document", "source_path", "source_start", "source_end", "source_text"]

TABLES: dict[str, list[str]] = {
    "films": ["film_id", "title", "year", "documents", "facts"],
    "facts": ["fact_key", "film_id", "title", "property", "value", *_FACT_COLS, *_SOURCE_COLS],
    "credits": [
        "fact_key", "film_id", "title", "role", "name", "character", "credit", "description",
        *_FACT_COLS, *_SOURCE_COLS,
    ],
    "releases": [
        "fact_key", "film_id", "title", "date", "kind", "region", "media", "announced",
        *_FACT_COLS, *_SOURCE_COLS,
    ],
    "box_office": [
        "fact_key", "film_id", "title", "amount", "currency", "region",
        *_FACT_COLS, *_SOURCE_COLS,
    ],
    "reviews": [
        "film_id", "title", "critic", "outlet", "polarity", "probability", "score", "quote",
        *_SOURCE_COLS,
    ],
    "sources": ["fact_key", "film_id", "property", "document", "path", "kind", "date",
                "start", "end", "text"],
}  # fmt: skip


def _fact_cols(fact: Fact) -> dict[str, Any]:
    """A fact's own columns and those of its first source."""
    cols = {"status": fact.status, "believed": fact.believed, "confidence": fact.confidence,
            "reason": fact.reason, "n_sources": len(fact.sources)}  # fmt: skip
    if not fact.sources:
        return {**cols, **dict.fromkeys(_SOURCE_COLS)}
    first = fact.sources[0]
    return {**cols, "source_document": first.document, "source_path": first.path,
            "source_start": first.start, "source_end": first.end, "source_text": first.text}


def film_rows(
    record: FilmRecord, reception: dict[str, Any] | None = None
) -> dict[str, list[dict[str, Any]]]:
    """Every table's rows for one film record (pure)."""
    fid, title = record.id, record.title
    out: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    n_facts = sum(len(v) for v in record.facts.values())
    documents = {s.document for fs in record.facts.values() for f in fs for s in f.sources}
    out["films"].append({"film_id": fid, "title": title, "year": record.year,
                         "documents": len(documents), "facts": n_facts})
    for prop, facts in record.facts.items():
        for i, fact in enumerate(facts):
            key = f"{fid}:{prop}:{i}"
            base = {"fact_key": key, "film_id": fid, "title": title, **_fact_cols(fact)}
            table, row = _fact_row(prop, fact, base)
            out[table].append(row)
            out["sources"] += [_source_row(key, fid, prop, src) for src in fact.sources]
    out["reviews"] += [_review_row(fid, title, review)
                       for review in (reception or {}).get("reviews", [])]
    return out


def _fact_row(prop: str, fact: Fact, base: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """The table a fact goes to (credits, releases, box_office or facts) and its row."""
    quals = fact.qualifiers or {}
    value = fact.value
    if prop in _CREDITS:
        return "credits", {**base, "role": prop, "name": value,
                           "character": quals.get("character"), "credit": quals.get("credit"),
                           "description": quals.get("description")}
    if prop == "publication_date":
        media = quals.get("media")
        return "releases", {**base, "date": value, "kind": quals.get("kind"),
                            "region": quals.get("region"),
                            "media": "; ".join(media) if isinstance(media, list) else media,
                            "announced": bool(quals.get("announced"))}
    if prop == "box_office":
        return "box_office", {**base, "amount": value.get("amount"),
                              "currency": value.get("currency"), "region": quals.get("region")}
    shown = format_value(prop, value) if prop in PROPERTIES else value
    return "facts", {**base, "property": prop, "value": shown}


def _source_row(key: str, fid: int, prop: str, src: Source) -> dict[str, Any]:
    return {"fact_key": key, "film_id": fid, "property": prop, "document": src.document,
            "path": src.path, "kind": src.kind, "date": src.date, "start": src.start,
            "end": src.end, "text": src.text}


def _review_row(fid: int, title: str, review: dict[str, Any]) -> dict[str, Any]:
    src = (review.get("sources") or [{}])[0]
    score = review.get("score")
    return {"film_id": fid, "title": title, "critic": review.get("critic"),
            "outlet": review.get("outlet"), "polarity": review.get("polarity"),
            "probability": review.get("probability"),
            "score": json.dumps(score) if isinstance(score, dict) else score,
            "quote": review.get("quote"), "source_document": src.get("document"),
            "source_path": src.get("path"), "source_start": src.get("start"),
            "source_end": src.get("end"), "source_text": src.get("text")}


def write_csv_folder(
    folder: str | Path, films: Iterable[tuple[FilmRecord, dict[str, Any] | None]]
) -> dict[str, int]:
    """Write every table for ``films`` (``(record, reception)`` pairs) into ``folder``;
    returns the number of rows per file."""
    path = Path(folder)
    path.mkdir(parents=True, exist_ok=True)
    handles = {}
    writers = {}
    counts = dict.fromkeys(TABLES, 0)
    try:
        for name, cols in TABLES.items():
            handles[name] = open(path / f"{name}.csv", "w", newline="", encoding="utf-8")  # noqa: SIM115
            writers[name] = csv.DictWriter(handles[name], fieldnames=cols)
            writers[name].writeheader()
        for record, reception in films:
            for name, rows in film_rows(record, reception).items():
                writers[name].writerows(rows)
                counts[name] += len(rows)
    finally:
        for handle in handles.values():
            handle.close()
    return counts
