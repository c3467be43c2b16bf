"""Film records as CSV tables: one row per fact, each with its source columns.

Files (``write_csv_folder``): ``films.csv`` (one row per film), ``facts.csv`` (every
infobox fact that is not in a more specific table), ``credits.csv`` (people and
companies with their role and character), ``releases.csv``, ``box_office.csv``,
``reviews.csv`` (when there is a reception block) and ``sources.csv`` (every span behind
every fact: document, path, character offsets and the quoted text). Each fact row names
its first source inline and its ``fact_key``, which ``sources.csv`` lists in full.

:func:`film_rows` gives a film's rows (a dict by column); the files are written from
:func:`table_lines`, the same rows as the lines ``csv.writer`` makes of them, each field
that many rows repeat written once (tests/export/test_export_csv.py holds them together).
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from backtrace.model import PROPERTIES
from backtrace.render import format_value
from backtrace.store.records import Fact, FilmRecord

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


def film_rows(
    record: FilmRecord, reception: dict[str, Any] | None = None
) -> dict[str, list[dict[str, Any]]]:
    """Every table's rows for one film record (pure), each a dict by column."""
    return {name: [dict(zip(TABLES[name], row, strict=True)) for row in rows]
            for name, rows in table_rows(record, reception).items()}  # fmt: skip


def table_rows(
    record: FilmRecord, reception: dict[str, Any] | None = None
) -> dict[str, list[list[Any]]]:
    """:func:`film_rows` as lists, in the order of each table's columns (what the files
    are written from). Each fact's row ends with its own columns and its first source's
    (``_FACT_COLS``, ``_SOURCE_COLS``)."""
    fid, title = record.id, record.title
    out: dict[str, list[list[Any]]] = {name: [] for name in TABLES}
    sources = out["sources"]
    n_facts = 0
    for prop, facts in record.facts.items():
        n_facts += len(facts)
        for i, fact in enumerate(facts):
            key = f"{fid}:{prop}:{i}"
            held = fact.sources
            table, own = _fact_row(prop, fact)
            if held:
                s = held[0]
                row = [key, fid, title, *own, fact.status, fact.believed, fact.confidence,
                       fact.reason, len(held), s.document, s.path, s.start, s.end, s.text]
                for s in held:
                    sources.append([key, fid, prop, s.document, s.path, s.kind, s.date,
                                    s.start, s.end, s.text])
            else:
                row = [key, fid, title, *own, fact.status, fact.believed, fact.confidence,
                       fact.reason, 0, None, None, None, None, None]
            out[table].append(row)
    out["films"].append([fid, title, record.year, len({r[3] for r in sources}), n_facts])
    if reception:
        out["reviews"] += [_review_row(fid, title, review)
                           for review in reception.get("reviews", [])]
    return out


def _fact_row(prop: str, fact: Fact) -> tuple[str, list[Any]]:
    """The table a fact goes to (credits, releases, box_office or facts) and the columns of
    its row that are that table's own (between the title and the fact's columns)."""
    quals = fact.qualifiers or {}
    value = fact.value
    if prop in _CREDITS:
        return "credits", [prop, value, quals.get("character"), quals.get("credit"),
                           quals.get("description")]  # fmt: skip
    if prop == "publication_date":
        media = quals.get("media")
        return "releases", [value, quals.get("kind"), quals.get("region"),
                            "; ".join(media) if isinstance(media, list) else media,
                            bool(quals.get("announced"))]  # fmt: skip
    if prop == "box_office":
        return "box_office", [value.get("amount"), value.get("currency"), quals.get("region")]
    return "facts", [prop, format_value(prop, value) if prop in PROPERTIES else value]


def _review_row(fid: int, title: str, review: dict[str, Any]) -> list[Any]:
    src = (review.get("sources") or [{}])[0]
    score = review.get("score")
    return [fid, title, review.get("critic"), review.get("outlet"), review.get("polarity"),
            review.get("probability"),
            json.dumps(score) if isinstance(score, dict) else score,
            review.get("quote"), src.get("document"), src.get("path"), src.get("start"),
            src.get("end"), src.get("text")]  # fmt: skip


# -- the lines of the files ---------------------------------------------------------------------
# what the excel dialect of ``csv.writer`` (QUOTE_MINIMAL) quotes a field for
_QUOTED = re.compile('[,"\r\n]')


def csv_field(value: Any) -> str:
    """A field as ``csv.writer`` writes it in a row of more than one field: None empty, a
    string quoted (its quotes doubled) when it holds a comma, quote or line break, anything
    else as its ``str`` (a number's never is), quoted by the same rule."""
    kind = type(value)
    if kind is str:
        return '"' + value.replace('"', '""') + '"' if _QUOTED.search(value) else value
    if value is None:
        return ""
    if kind is int or kind is float or kind is bool:
        return str(value)
    return csv_field(str(value))




def table_lines(
    record: FilmRecord, reception: dict[str, Any] | None = None
) -> dict[str, list[str]]:
    """:func:`table_rows` as the lines ``csv.writer`` would write, each field written once
    where many rows repeat it (a film's title, a document's columns)."""
    f = csv_field
    out: dict[str, list[str]] = {name: [] for name in TABLES}
    sources = out["sources"]
    fid, title = f(record.id), f(record.title)
    documents: dict[tuple[str, str, str, str | None], tuple[str, str]] = {}
    n_facts = 0
    for prop, facts in record.facts.items():
        n_facts += len(facts)
        name = f(prop)
        for i, fact in enumerate(facts):
            table, own = _fact_row(prop, fact)
            key, held = f(f"{record.id}:{prop}:{i}"), fact.sources
            believed, confidence = fact.believed, fact.confidence
            head = (f"{key},{fid},{title},{','.join(map(f, own))},{f(fact.status)},"
                    f"{believed if type(believed) is bool else f(believed)},"
                    f"{confidence if type(confidence) is float else f(confidence)},"
                    f"{f(fact.reason)},{len(held)},")
            if not held:
                out[table].append(head + ",,,,\r\n")
                continue
            for n, s in enumerate(held):
                where = (s.document, s.path, s.kind, s.date)
                cols = documents.get(where)
                if cols is None:
                    cols = documents[where] = (f"{f(s.document)},{f(s.path)},",
                                               f"{f(s.kind)},{f(s.date)},")
                start, end = s.start, s.end
                span = (f"{start if type(start) is int else f(start)},"
                        f"{end if type(end) is int else f(end)},{f(s.text)}\r\n")
                if n == 0:
                    out[table].append(head + cols[0] + span)
                sources.append(f"{key},{fid},{name},{cols[0]}{cols[1]}{span}")
    n_documents = len({where[0] for where in documents})
    out["films"].append(f"{fid},{title},{f(record.year)},{n_documents},{n_facts}\r\n")
    if reception:
        out["reviews"] += [",".join(map(f, _review_row(record.id, record.title, review)))
                           + "\r\n" for review in reception.get("reviews", [])]
    return out


def write_csv_folder(
    folder: str | Path, films: Iterable[tuple[FilmRecord, dict[str, Any] | None]]
) -> dict[str, int]:
    """Write every table for ``films`` (``(record, reception)`` pairs) into ``folder``
    (the files of ``csv.writer``, the excel dialect); returns the number of rows per file."""
    path = Path(folder)
    path.mkdir(parents=True, exist_ok=True)
    handles = {}
    counts = dict.fromkeys(TABLES, 0)
    try:
        for name, cols in TABLES.items():
            handles[name] = open(path / f"{name}.csv", "w", newline="", encoding="utf-8")  # noqa: SIM115
            csv.writer(handles[name]).writerow(cols)
        for record, reception in films:
            for name, lines in table_lines(record, reception).items():
                if lines:
                    handles[name].write("".join(lines))
                    counts[name] += len(lines)
    finally:
        for handle in handles.values():
            handle.close()
    return counts
