"""Wikidata ids for the things a film's statements name, read from a CSV file.

The file is what OpenRefine's Wikidata reconciliation gives (export the project as CSV,
with a column of the matched ids, ``cell.recon.match.id``), or one written by hand. One
header row; the column names are read leniently (case, spaces and punctuation ignored):

==========  ===========================================================================
column      also accepted as
==========  ===========================================================================
name        title, label, entity, value, original value
type        kind, class, entity type, instance of (film, person, organization, place,
            country, language, genre, work, source, character; or their Wikidata ids)
year        release year, date (only the year is read; used for films)
qid         wikidata, wikidata id, item, id, match, reconciled; a value may be a Wikidata
            URL (``http://www.wikidata.org/entity/Q42``); a blank one maps nothing
==========  ===========================================================================

``export --format wikidata-reconcile`` writes such a file with the ``qid`` column blank,
one row for every entity the statements need: fill it (by hand or in OpenRefine) and give
it back with ``export --format wikidata --qids FILE``. A row of type ``source`` maps a
document (by its title, URL or path as that file lists it) to the item of the publication
it is, for "stated in" (P248) references.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from backtrace.errors import BacktraceError
from backtrace.keys import name_key, title_key

_QID = re.compile(r"\b(Q[1-9]\d*)\b")
_COLUMNS = {
    "name": ("name", "title", "label", "entity", "value", "originalvalue", "original",
             "film", "person", "string"),
    "type": ("type", "kind", "class", "entitytype", "instanceof", "p31", "category"),
    "year": ("year", "releaseyear", "date", "filmyear"),
    "qid": ("qid", "wikidata", "wikidataid", "wikidataqid", "wikidataitem", "item", "id",
            "match", "matchid", "reconciled", "recon", "qnumber", "wdid"),
}  # fmt: skip
TYPES = {
    "film": ("film", "movie", "featurefilm", "q11424"),
    "person": ("person", "human", "people", "q5", "actor", "director", "crew"),
    "organization": ("organization", "organisation", "company", "studio", "distributor",
                     "q43229", "q4830453", "q783794"),
    "place": ("place", "location", "city", "region", "q2221906", "q515", "q17334923"),
    "country": ("country", "q6256", "q3624078"),
    "language": ("language", "q34770", "q1288568"),
    "genre": ("genre", "filmgenre", "q201658", "q483394"),
    "work": ("work", "book", "novel", "play", "story", "q7725634", "q47461344"),
    "source": ("source", "document", "reference", "publication", "website", "newspaper",
               "q1002697", "q11032"),
    "character": ("character", "role", "q95074"),
}  # fmt: skip
TYPE_QIDS = {"film": "Q11424", "person": "Q5", "organization": "Q43229", "place": "Q2221906",
             "country": "Q6256", "language": "Q34770", "genre": "Q201658",
             "work": "Q7725634", "source": "Q1002697", "character": "Q95074"}  # fmt: skip
_TYPE_OF = {alias: kind for kind, aliases in TYPES.items() for alias in aliases}
# a kind asked for may be found under a broader kind in the file
_ALSO = {"country": ("place",), "place": ("country",), "film": ("work",)}


class QidFileError(BacktraceError):
    """A QIDs file that cannot be read (missing, no header, no name or qid column)."""


def _column_key(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.casefold())


def _key(kind: str, name: str) -> str:
    return title_key(name) if kind in ("film", "work") else name_key(name)


@dataclass(slots=True)
class QidTable:
    """Names (by kind) to Wikidata ids."""

    _ids: dict[tuple[str, str], list[tuple[int | None, str]]] = field(default_factory=dict)

    def __len__(self) -> int:
        return sum(len(v) for v in self._ids.values())

    def add(self, kind: str, name: str, qid: str, year: int | None = None) -> None:
        kind = _TYPE_OF.get(_column_key(kind), "") if kind else ""
        key = _key(kind or "film", name) if kind in ("film", "work") else name_key(name)
        if key:
            self._ids.setdefault((kind, key), []).append((year, qid))

    def lookup(self, kind: str, name: str, year: int | None = None) -> str | None:
        """The id of ``name`` as a ``kind`` (a row of that kind, else of a broader kind,
        else an untyped row); a film's row with a year must have the film's year."""
        for k in (kind, *_ALSO.get(kind, ()), ""):
            found = self._ids.get((k, _key(kind, name) if k else name_key(name)))
            if not found:
                continue
            for row_year, qid in found:
                if kind != "film" or row_year is None or year is None or row_year == year:
                    return qid
        return None

    @classmethod
    def from_rows(cls, rows: Iterable[dict[str, str]]) -> QidTable:
        table = cls()
        for row in rows:
            qid = _QID.search(row.get("qid") or "")
            name = (row.get("name") or "").strip()
            if not qid or not name:
                continue
            year = re.search(r"\b(\d{4})\b", row.get("year") or "")
            table.add(row.get("type") or "", name, qid.group(1),
                      int(year.group(1)) if year else None)  # fmt: skip
        return table

    @classmethod
    def parse(cls, text: str, where: str = "QIDs file") -> QidTable:
        sample = text[:4096]
        try:
            dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, ",;\t")
        except csv.Error:
            dialect = csv.excel
        reader = csv.reader(io.StringIO(text), dialect)
        header = next(reader, None)
        if not header:
            raise QidFileError(f"{where}: empty (want a header row: name,type,year,qid)")
        body = list(reader)
        columns = _find_columns(header, body)
        if "name" not in columns or "qid" not in columns:
            raise QidFileError(f"{where}: no {'name' if 'name' not in columns else 'qid'} "
                               f"column (want a header row: name,type,year,qid)")  # fmt: skip
        rows = ({k: cells[i] if i < len(cells) else "" for k, i in columns.items()}
                for cells in body)  # fmt: skip
        return cls.from_rows(rows)

    @classmethod
    def read(cls, path: str | Path) -> QidTable:
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            raise QidFileError(f"{path}: cannot read the QIDs file ({why.lower()})") from exc
        return cls.parse(text, str(path))


def _find_columns(header: list[str], body: list[list[str]]) -> dict[str, int]:
    """Which column is which: by name first, then the qid column as the one whose cells
    hold Wikidata ids, the name column as the first other one."""
    keys = [_column_key(h) for h in header]
    found: dict[str, int] = {}
    for what, names in _COLUMNS.items():
        for alias in names:
            if alias in keys and keys.index(alias) not in found.values():
                found[what] = keys.index(alias)
                break
    if "qid" not in found:
        for i in range(len(header)):
            cells = [row[i] for row in body if i < len(row) and row[i].strip()]
            if cells and i not in found.values() and all(_QID.search(c) for c in cells):
                found["qid"] = i
                break
    if "name" not in found:
        rest = [i for i in range(len(header)) if i not in found.values()]
        if rest:
            found["name"] = rest[0]
    return found
