"""What the exporters need to know of a film's source documents, gathered in one read.

A fact's span is widened to the sentence(s) that hold it (the document's stored sentence
offsets; a span across two sentences gets both), so that a citation quotes whole sentences.
Each cited document is described once (:class:`SourceDocument`): its title, kind, date,
the date it was ingested (a reference's "retrieved"), and where it can be found: its URL
when its metadata has one, else its path relative to the folder the store's documents were
ingested from, never an absolute local path.

:func:`film_export` reads all of it for one film (the record with sentences, the plot
passage, the reception in the exporters' shape, the documents), so every writer is a pure
function of a :class:`FilmExport`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import Connection, func, select

from backtrace.keys import name_key
from backtrace.store import queries
from backtrace.store.records import FilmRecord, Sentence, Source
from backtrace.store.schema import documents

ReviewSource = dict[str, Any]  # a source of the reception's reviews (``export_reception``)
Texts = dict[str, tuple[str, list[list[int]]]]  # document id -> (text, sentence offsets)
LOOK_BACK = 2  # sentences searched before one that names someone only as "he" or by surname


@dataclass(frozen=True, slots=True)
class Quote:
    """A passage of a document: ``document.text[start:end] == text``."""

    start: int
    end: int
    text: str

    def holds(self, other: Quote) -> bool:
        return self.start <= other.start and other.end <= self.end


@dataclass(frozen=True, slots=True)
class SourceDocument:
    """A cited document as a reference names it."""

    id: str
    kind: str
    location: str  # its URL, else its path relative to the ingested folder
    title: str | None = None
    date: str | None = None  # the document's own date (ISO), when it states one
    url: str | None = None
    retrieved: str | None = None  # the day it was ingested (ISO)


@dataclass(slots=True)
class FilmExport:
    """Everything the exporters read about one film."""

    record: FilmRecord
    plot: dict[str, Any] | None = None
    reception: dict[str, Any] | None = None
    documents: dict[str, SourceDocument] = field(default_factory=dict)


# -- sentences --------------------------------------------------------------------------------
def widen(text: str, sentences: list[list[int]], start: int, end: int) -> Quote:
    """The whole sentences that ``text[start:end]`` overlaps (one, or several when the span
    runs across a sentence break); the span itself when no stored sentence overlaps it."""
    first = last = None
    for s_start, s_end in sentences:
        if s_end <= start or s_start >= max(end, start + 1):
            continue
        first = s_start if first is None else min(first, s_start)
        last = s_end if last is None else max(last, s_end)
    if first is None or last is None:
        return Quote(start, end, text[start:end])
    return Quote(first, last, text[first:last])


def quote_of(source: Source) -> Quote:
    """The sentence a source rests on (its ``sentence`` when known, else its span)."""
    held = source.passage
    return Quote(held.start, held.end, held.text)


# -- where a document is ----------------------------------------------------------------------
_FRAGMENT = re.compile(r"#L\d+$")


def common_folder(first: str, last: str) -> str:
    """The folder every path between ``first`` and ``last`` (in sort order) lies in: the
    longest common prefix of the two, cut back to a ``/``."""
    a, b = first.replace("\\", "/"), last.replace("\\", "/")
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    prefix = a[:n]
    if n == len(a) == len(b):  # one path: its own folder
        prefix = a
    cut = prefix.rfind("/")
    return prefix[:cut] if cut >= 0 else ""


def shown_location(path: str, root: str = "") -> str:
    """``path`` relative to ``root`` and never absolute: no leading ``/``, drive, ``.`` or
    ``..`` parts (``/home/u/corpus/a.txt`` under ``/home/u`` -> ``corpus/a.txt``)."""
    path = path.replace("\\", "/")
    if root and path.startswith(root.rstrip("/") + "/"):
        path = path[len(root.rstrip("/")) + 1 :]
    parts = [p for p in path.split("/") if p not in ("", ".", "..")]
    if parts and re.fullmatch(r"[A-Za-z]:", parts[0]):
        parts = parts[1:]
    return "/".join(parts) or "document"


def store_root(conn: Connection) -> str:
    """The folder the store's documents were ingested from (the common folder of all their
    paths: the smallest and the largest path in sort order share it)."""
    low, high = conn.execute(select(func.min(documents.c.path), func.max(documents.c.path))).one()
    if low is None or high is None:
        return ""
    return common_folder(_FRAGMENT.sub("", low), _FRAGMENT.sub("", high))


def _url(meta: dict[str, Any] | None) -> str | None:
    for key in ("url", "href", "link"):
        value = (meta or {}).get(key)
        if isinstance(value, str) and re.match(r"https?://\S+$", value.strip()):
            return value.strip()
    return None


def source_documents(
    conn: Connection, ids: set[str] | list[str], *, root: str | None = None
) -> tuple[dict[str, SourceDocument], Texts]:
    """The documents ``ids`` as references name them, and their texts with sentence
    offsets (to widen spans to sentences)."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}, {}
    root = store_root(conn) if root is None else root
    found: dict[str, SourceDocument] = {}
    texts: Texts = {}
    for i in range(0, len(wanted), 500):
        rows = conn.execute(
            select(
                documents.c.id, documents.c.path, documents.c.kind, documents.c.title,
                documents.c.date, documents.c.meta, documents.c.ingested_at,
                documents.c.text, documents.c.sentences,
            ).where(documents.c.id.in_(wanted[i : i + 500]))
        )  # fmt: skip
        for r in rows:
            url = _url(r.meta)
            found[r.id] = SourceDocument(
                id=r.id,
                kind=r.kind,
                location=url or shown_location(r.path, root),
                title=(r.title or "").strip() or None,
                date=r.date,
                url=url,
                retrieved=str(r.ingested_at)[:10] if r.ingested_at else None,
            )
            texts[r.id] = (r.text, r.sentences or [])
    return found, texts


def _widen_all(sources: list[ReviewSource], texts: Texts) -> None:
    for src in sources:
        doc = texts.get(src.get("document", ""))
        if doc is None or "start" not in src:
            continue
        q = widen(doc[0], doc[1], int(src["start"]), int(src["end"]))
        src["sentence"] = {"start": q.start, "end": q.end, "text": q.text}


def _widened(source: Source, value: Any, texts: Texts) -> Source:
    """The source with the whole sentence(s) its span lies in (for a name, perhaps one
    before: :func:`_with_antecedent`)."""
    doc = texts.get(source.document)
    if doc is None:
        return source
    q = widen(doc[0], doc[1], source.start, source.end)
    source = replace(source, sentence=Sentence(q.start, q.end, q.text))
    return _with_antecedent(source, value, texts) if isinstance(value, str) else source


def _names_in(value: str, text: str) -> bool:
    key = name_key(value)
    return bool(key) and f" {key} " in f" {name_key(text)} "


def _with_antecedent(source: Source, value: str, texts: Texts) -> Source:
    """A sentence that states a fact about someone only as "he" or by surname is quoted
    from the nearest of the two sentences before it that names them in full."""
    doc = texts.get(source.document)
    held = source.sentence
    if doc is None or held is None or _names_in(value, held.text):
        return source
    text, sentences = doc
    before = [s for s in sentences if s[1] <= held.start][-LOOK_BACK:]
    for s_start, _ in reversed(before):
        if _names_in(value, text[s_start : held.end]):
            return replace(source, sentence=Sentence(s_start, held.end, text[s_start : held.end]))
    return source


def _bylines(reception: dict[str, Any] | None, texts: Texts) -> None:
    """A review names its critic and outlet from its document's byline: the line of the
    document that names them becomes the review's first source, so it is cited too."""
    for review in (reception or {}).get("reviews", []):
        sources = review.get("sources") or []
        names = [n for n in (review.get("critic"), review.get("outlet")) if n]
        if not sources or not names or any(_names_in(n, str(s.get("text", "")))
                                           for s in sources for n in names):  # fmt: skip
            continue
        doc_id = sources[0].get("document", "")
        doc = texts.get(doc_id)
        if doc is None:
            continue
        text, sentences = doc
        for s_start, s_end in sentences:
            if any(_names_in(n, text[s_start:s_end]) for n in names):
                line = {**sources[0], "start": s_start, "end": s_end, "text": text[s_start:s_end],
                        "byline": True}  # fmt: skip
                line.pop("sentence", None)
                review["sources"] = [line, *sources]
                break


def _reception_sources(reception: dict[str, Any] | None) -> list[ReviewSource]:
    if not reception:
        return []
    out = [s for r in reception.get("reviews", []) for s in r.get("sources", [])]
    consensus = reception.get("consensus") or {}
    out += list(consensus.get("sources", []))
    out += list((consensus.get("marks") or {}).values())
    return out


def film_export(conn: Connection, film_id: int, *, root: str | None = None) -> FilmExport:
    """The film's record (each source with the whole sentence(s) it lies in), plot passage,
    reception (exporters' shape) and cited documents. ``root``: the folder paths are shown
    relative to (default: :func:`store_root`, worth computing once for many films). Raises
    like ``film_record``."""
    from backtrace.export.reception_text import export_reception  # it imports this module
    from backtrace.store.passages import plot_passage  # reads extraction's section names

    record = queries.film_record(conn, film_id, sentences=True)
    reception = export_reception(record.reception)
    plot = plot_passage(conn, film_id)
    ids = {s.document for facts in record.facts.values() for f in facts for s in f.sources
           if s.document}  # fmt: skip
    ids |= {s["document"] for s in _reception_sources(reception) if s.get("document")}
    if plot:
        ids.add(plot["document"])
    docs, texts = source_documents(conn, ids, root=root)
    _bylines(reception, texts)
    _widen_all(_reception_sources(reception), texts)
    facts = {
        prop: [replace(f, sources=[_widened(s, f.value, texts) for s in f.sources]) for f in fs]
        for prop, fs in record.facts.items()
    }
    return FilmExport(record=replace(record, facts=facts), plot=plot, reception=reception,
                      documents=docs)  # fmt: skip
