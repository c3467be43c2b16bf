"""A film as QuickStatements (version 1, tab-separated) that could be run on Wikidata.

- **No item is created for what may already exist.** People, companies, places and works
  are written only as Wikidata ids: from a QIDs file (:mod:`backtrace.export.qids`) or, for
  countries, languages, genres, currencies and formats, a small table of well-known ids. A
  statement whose value has no id is left out and named in ``left_out``. The film itself is
  the one item that may be created (``CREATE``, then ``LAST``), and only when the QIDs
  file does not give its id.
- **One statement per (property, value).** Facts with the same value are one statement;
  their qualifiers are merged (character name P4633, place of publication P291,
  distribution format P437, valid in place P3005, object named as P1932 for the name a
  person was credited under). Every source document is its own
  reference, written as a line of its own that repeats the statement: QuickStatements adds
  each further line's reference to the statement the first line made (v1 has no reliable
  way to put two references on one line).
- **References that say where.** Each has "stated in" (S248) when the QIDs file maps the
  document to an item, the reference URL (S854) when the document has one, the day it was
  ingested as "retrieved" (S813), and the sentence it states as a quote (S1683, English).
  A source with neither S248 nor S854 is no reference: a statement with no other source is
  left out (``left_out`` says which documents to map).
- **Only what sources say.** Nothing derived from backtrace's own reading: no review score
  (P444) from the polarity of reviews. Announced release dates are left out (they are not
  publications), and so is "box office" that is home-video sales.
- **Strings as v1 can hold them.** v1 has no escapes: white space is folded, and in quotes
  straight double quotes become typographic ones, paired (“…”). A name with a straight
  double quote is never altered: a qualifier naming it is left out, a film titled so is not
  created.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from backtrace.export.qids import TYPE_QIDS, QidTable
from backtrace.export.sources import FilmExport, SourceDocument, quote_of
from backtrace.keys import name_key
from backtrace.model import PROPERTIES
from backtrace.store.records import FilmRecord, Source

FILM = "Q11424"
MINUTE = "Q7727"
QUOTE_LIMIT = 1500  # Wikidata's longest monolingual text

PROPERTY_IDS = {p.name: p.wikidata for p in PROPERTIES.values()
                if p.name != "year" and p.wikidata}
_ENTITY_KINDS = {
    "person": "person",
    "organization": "organization",
}
_KIND_OF_PROP = {
    "country_of_origin": "country",
    "original_language": "language",
    "genre": "genre",
    "filming_location": "place",
    "based_on": "work",
}

# Well-known items only; anything else needs a QIDs file.
KNOWN_ITEMS = {
    "country": {
        "united states": "Q30", "united states of america": "Q30", "usa": "Q30", "us": "Q30",
        "united kingdom": "Q145", "uk": "Q145", "france": "Q142", "germany": "Q183",
        "canada": "Q16", "australia": "Q408", "india": "Q668", "japan": "Q17", "italy": "Q38",
        "spain": "Q29", "china": "Q148", "south korea": "Q884", "belgium": "Q31",
        "ireland": "Q27", "mexico": "Q96", "new zealand": "Q664", "north america": "Q49",
    },
    "language": {
        "english": "Q1860", "french": "Q150", "german": "Q188", "spanish": "Q1321",
        "italian": "Q652", "japanese": "Q5287", "hindi": "Q1568", "korean": "Q9176",
    },
    "genre": {
        "action": "Q188473", "crime": "Q959790", "thriller": "Q2484376", "drama": "Q130232",
        "comedy": "Q157443", "horror": "Q200092", "science fiction": "Q471839",
        "documentary": "Q93204", "western": "Q172980",
    },
    "currency": {"USD": "Q4917", "EUR": "Q4916", "GBP": "Q25224"},
    "format": {"dvd": "Q5294", "blu-ray": "Q47770", "video on demand": "Q723685",
               "vod": "Q723685"},
}  # fmt: skip


@dataclass(slots=True)
class QuickStatements:
    """Lines to run, and one line for each thing left out and why."""

    lines: list[str] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)

    def extend(self, other: QuickStatements) -> None:
        self.lines += other.lines
        self.left_out += other.left_out


# -- values -----------------------------------------------------------------------------------
def qs_string(text: Any) -> str | None:
    """A string literal, or None when the text holds a straight double quote (v1 cannot
    write one inside a string, and a name's own characters are not changed)."""
    clean = " ".join(str(text).split())
    return None if '"' in clean else f'"{clean}"'


def typographic(text: str) -> str:
    """Straight double quotes as paired typographic ones: ``say "hi"`` -> ``say “hi”``."""
    out, opening = [], True
    for i, ch in enumerate(text):
        if ch == '"':
            before = text[i - 1] if i else " "
            opening = before.isspace() or before in "([{—–-/"
            out.append("\u201c" if opening else "\u201d")
        else:
            out.append(ch)
    return "".join(out)


def qs_quote(text: str, language: str = "en") -> str:
    """A quotation as a monolingual text: ``en:"..."``, whole words, at most 1,500
    characters (a longer one ends with "…")."""
    clean = typographic(" ".join(text.split()))
    if len(clean) > QUOTE_LIMIT:
        clean = clean[: QUOTE_LIMIT - 2].rsplit(" ", 1)[0] + " …"
    return f'{language}:"{clean}"'


def qs_date(value: str) -> str:
    """``2018-12-14`` -> ``+2018-12-14T00:00:00Z/11`` (day 11, month 10, year 9)."""
    parts = str(value).split("-")
    if len(parts) == 3:
        return f"+{value}T00:00:00Z/11"
    if len(parts) == 2:
        return f"+{parts[0]}-{parts[1]}-00T00:00:00Z/10"
    return f"+{parts[0]}-00-00T00:00:00Z/9"


def _known(kind: str, value: Any) -> str | None:
    return KNOWN_ITEMS.get(kind, {}).get(name_key(str(value)))


def _item(kind: str, name: Any, qids: QidTable | None) -> str | None:
    return _known(kind, name) or (qids.lookup(kind, str(name)) if qids else None)


def _entity_kind(prop: str) -> str | None:
    vtype = PROPERTIES[prop].value_type
    return _ENTITY_KINDS.get(vtype) or _KIND_OF_PROP.get(prop)


def _value(prop: str, value: Any, qids: QidTable | None) -> str | None:
    """The value column of a fact, or None when it names something with no known id."""
    if prop in ("publication_date", "announcement_date"):
        return qs_date(value)
    if prop == "duration":
        return f"{int(value)}U{MINUTE[1:]}"
    if prop in ("cost", "box_office"):
        if not isinstance(value, dict):
            return None
        unit = KNOWN_ITEMS["currency"].get(str(value.get("currency", "")))
        return f"{int(value['amount'])}U{unit[1:]}" if unit else None
    kind = _entity_kind(prop)
    return _item(kind, value, qids) if kind else None


def _qualifiers(prop: str, quals: dict[str, Any], qids: QidTable | None,
                notes: list[str]) -> list[tuple[str, str]]:  # fmt: skip
    cols: list[tuple[str, str]] = []
    if prop == "cast_member" and quals.get("character"):
        character = str(quals["character"])
        role = qids.lookup("character", character) if qids else None
        if role:
            cols.append(("P453", role))
        name = qs_string(character)
        if name:
            cols.append(("P4633", name))
        else:
            notes.append(f"character name {character!r} (P4633): a straight double quote "
                         f"cannot be written in QuickStatements v1")  # fmt: skip
    if prop == "publication_date":
        region = quals.get("region")
        place = _item("country", region, qids) if region else None
        if place:
            cols.append(("P291", place))
        media = quals.get("media") or []
        for m in [*([media] if isinstance(media, str) else media), quals.get("kind") or ""]:
            known = KNOWN_ITEMS["format"].get(str(m).lower())
            if known:
                cols.append(("P437", known))
    if prop == "box_office" and quals.get("region"):
        place = _item("country", quals["region"], qids)
        if place:
            cols.append(("P3005", place))  # valid in place
    named = qs_string(str(quals["credited_as"])) if quals.get("credited_as") else None
    if named:
        cols.append(("P1932", named))  # object named as: the name the film credited
    return cols


# -- references -------------------------------------------------------------------------------
def _source_qid(doc: SourceDocument, qids: QidTable | None) -> str | None:
    if qids is None:
        return None
    for name in (doc.title, doc.url, doc.location, doc.location.rsplit("/", 1)[-1], doc.id):
        if name:
            found = qids.lookup("source", name)
            if found:
                return found
    return None


def _reference(doc: SourceDocument | None, quote: str, qids: QidTable | None) -> list[str]:
    """The source columns of one reference, or [] when it says neither where nor what."""
    if doc is None:
        return []
    cols: list[str] = []
    stated_in = _source_qid(doc, qids)
    if stated_in:
        cols += ["S248", stated_in]
    url = qs_string(doc.url) if doc.url else None
    if url:
        cols += ["S854", url]
    if not cols:
        return []
    if doc.retrieved:
        cols += ["S813", qs_date(doc.retrieved)]
    if quote.strip():
        cols += ["S1683", qs_quote(quote)]
    return cols


def _best_quote(sources: list[Source], value: str) -> str:
    """The sentence of one document that states the value (one naming it, else the first)."""
    texts = [quote_of(s).text for s in sources]
    for text in texts:
        if value and name_key(value) in name_key(text):
            return text
    return texts[0] if texts else ""


@dataclass(slots=True)
class _Statement:
    prop: str
    pid: str
    value: str
    shown: str
    qualifiers: list[tuple[str, str]] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)


def _gather(record: FilmRecord, qids: QidTable | None,
            out: QuickStatements) -> list[_Statement]:  # fmt: skip
    """The film's facts as statements, one per (property, value)."""
    statements: dict[tuple[str, str], _Statement] = {}
    missing: dict[tuple[str, str], list[str]] = {}
    for prop, facts in record.facts.items():
        pid = PROPERTY_IDS.get(prop)
        if pid is None:
            continue
        for fact in facts:
            quals = fact.qualifiers or {}
            if prop == "publication_date" and quals.get("announced"):
                continue  # an announcement is not a publication
            region = str(quals.get("region") or "")
            if prop == "box_office" and region and name_key(region) != "worldwide":
                if re.search(r"home video|sales|dvd|blu-ray|rental", region, re.I):
                    continue  # sales are not box office
                if not _item("country", region, qids):  # a gross must say where
                    missing.setdefault(("place", region), []).append(pid)
                    continue
            value = _value(prop, fact.value, qids)
            if value is None:
                kind = _entity_kind(prop) or PROPERTIES[prop].value_type
                missing.setdefault((kind, str(fact.value)), []).append(pid)
                continue
            st = statements.setdefault(
                (pid, value), _Statement(prop, pid, value, str(fact.value)))
            for col in _qualifiers(prop, quals, qids, out.left_out):
                if col not in st.qualifiers:
                    st.qualifiers.append(col)
            st.sources += fact.sources
    for (kind, name), pids in missing.items():
        out.left_out.append(f"no QID for {kind} {name!r} ({', '.join(dict.fromkeys(pids))})")
    return list(statements.values())


def film_statements(data: FilmExport | FilmRecord,
                    qids: QidTable | None = None) -> QuickStatements:  # fmt: skip
    """The QuickStatements of one film (``KnowledgeBase.film_export``; a bare record gives
    references only when its sources name documents with URLs, i.e. none)."""
    if not isinstance(data, FilmExport):
        data = FilmExport(record=data)
    record, docs = data.record, data.documents
    out = QuickStatements()
    title, year = record.title, record.year
    named = f"{title} ({year})" if year else title
    film = qids.lookup("film", title, year) if qids else None
    if film is None:
        label = qs_string(title)
        if label is None:
            out.left_out.append(f"film {named!r}: not created (a straight double quote cannot "
                                f"be written in QuickStatements v1); give its QID in --qids")
            return out
        out.lines += ["CREATE", f"LAST\tLen\t{label}",
                      f'LAST\tDen\t"{year} film"' if year else 'LAST\tDen\t"film"',
                      f"LAST\tP31\t{FILM}"]  # fmt: skip
    subject = film or "LAST"
    unusable: set[str] = set()  # documents with neither a URL nor a QID
    dropped = 0  # statements with no usable reference
    for st in _gather(record, qids, out):
        by_doc: dict[str, list[Source]] = {}
        for src in st.sources:
            by_doc.setdefault(src.document, []).append(src)
        refs = []
        for doc_id, srcs in by_doc.items():
            ref = _reference(docs.get(doc_id), _best_quote(srcs, st.shown), qids)
            if ref:
                refs.append(ref)
            else:
                doc = docs.get(doc_id)
                unusable.add(doc.location if doc else doc_id or "no document")
        if not refs:
            dropped += 1
            continue
        head = [subject, st.pid, st.value, *[c for q in st.qualifiers for c in q]]
        out.lines += ["\t".join(head + ref) for ref in refs]
    if unusable:
        n = len(unusable)
        out.left_out.append(
            f"{named}: {n} source document{'s' if n != 1 else ''} without a URL or a QID "
            f"cannot be cited ({', '.join(sorted(unusable))}); {dropped} statement"
            f"{'s' if dropped != 1 else ''} left out for want of another source; map the "
            f"documents in --qids (type source)")
    return out


# -- the reconciliation file ------------------------------------------------------------------
RECONCILE_COLUMNS = ("name", "type", "year", "qid", "type_qid", "context")
# regions of a release or a gross that are no place an item could be
_NO_PLACE = re.compile(r"other|overseas|international|rest of|worldwide|domestic|sales|"
                       r"home video|territor", re.IGNORECASE)


def reconcile_rows(exports: Iterable[FilmExport], qids: QidTable | None = None
                   ) -> list[dict[str, str]]:  # fmt: skip
    """One row for every entity the films' statements name that has no well-known id: the
    films, people, companies, places, languages, genres, works, and the source documents
    without a URL; ``qid`` filled only when ``qids`` has it."""
    rows: dict[tuple[str, str, str], dict[str, str]] = {}

    def add(kind: str, name: str, year: Any, context: str, qid: str | None) -> None:
        key = (kind, name_key(name), str(year or "") if kind == "film" else "")
        if key in rows or not name.strip():
            return
        rows[key] = {"name": name, "type": kind, "year": str(year or ""), "qid": qid or "",
                     "type_qid": TYPE_QIDS.get(kind, ""), "context": context}  # fmt: skip

    for data in exports:
        record = data.record
        title, year = record.title, record.year
        named = f"{title} ({year})" if year else title
        add("film", title, year, "film", qids.lookup("film", title, year) if qids else None)
        for prop, facts in record.facts.items():
            kind = _entity_kind(prop) if prop in PROPERTY_IDS else None
            for fact in facts:
                quals = fact.qualifiers or {}
                what = PROPERTIES[prop].label.lower()
                if kind and not _known(kind, fact.value):
                    name = str(fact.value)
                    add(kind, name, None, f"{what}: {named}",
                        qids.lookup(kind, name) if qids else None)
                where = str(quals.get("region") or "")
                if (where and prop in ("publication_date", "box_office")
                        and not _known("country", where) and not _NO_PLACE.search(where)):
                    add("place", where, None, f"{what} region: {named}",
                        qids.lookup("country", where) if qids else None)
        for doc in data.documents.values():
            if doc.url:
                continue
            name = doc.title or doc.location
            add("source", name, (doc.date or "")[:4], doc.location,
                _source_qid(doc, qids))
    return list(rows.values())
