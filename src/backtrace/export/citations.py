"""Citations at the sentence, shared by the article writers.

Each cited document is one numbered :class:`Reference` (numbers in order of first use),
listing the sentences of it that the article rests on, in document order. A statement of
the article is a :class:`Line`: its words with :class:`Mark` citations in place; a mark
names the document and carries the sentences of that document behind *this* statement,
so a footnote shows the statement's own sentence, not the document's first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from backtrace.export.sources import Quote, SourceDocument, quote_of, shown_location
from backtrace.store.records import Source

KIND_LABELS = {
    "encyclopedia": "encyclopedia entry",
    "news": "news item",
    "review": "review",
    "other": "document",
}


@dataclass(frozen=True, slots=True)
class Mark:
    """A citation mark: document ``number`` and the sentences of it behind the statement."""

    number: int
    quotes: tuple[Quote, ...]


@dataclass(slots=True)
class Reference:
    """One cited document and the sentences of it that the article quotes."""

    number: int
    document: str
    kind: str
    location: str
    title: str | None = None
    date: str | None = None
    url: str | None = None
    retrieved: str | None = None
    _quotes: dict[tuple[int, int], Quote] = field(default_factory=dict)

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind or "document")

    @property
    def path(self) -> str:  # the name the earlier writers used
        return self.location

    @property
    def quotes(self) -> list[Quote]:
        """The quoted sentences in document order, a passage inside another left out."""
        ordered = sorted(self._quotes.values(), key=lambda q: (q.start, -q.end))
        kept: list[Quote] = []
        for q in ordered:
            if not any(k.holds(q) for k in kept):
                kept.append(q)
        return kept

    def add(self, quote: Quote) -> None:
        self._quotes.setdefault((quote.start, quote.end), quote)

    def anchor(self, quote: Quote) -> str:
        """The id of the listed sentence that holds ``quote`` (``ref-2-130``)."""
        for q in self.quotes:
            if q.holds(quote):
                return f"ref-{self.number}-{q.start}"
        return f"ref-{self.number}"


@dataclass(slots=True)
class Citations:
    """Hands out citation numbers; the same document always gets the same number."""

    documents: dict[str, SourceDocument] = field(default_factory=dict)
    references: list[Reference] = field(default_factory=list)
    _by_document: dict[str, Reference] = field(default_factory=dict)

    def _reference(self, src: Source) -> Reference:
        doc_id = src.document
        ref = self._by_document.get(doc_id)
        if ref is None:
            known = self.documents.get(doc_id)
            if known is not None:
                ref = Reference(len(self.references) + 1, doc_id, known.kind, known.location,
                                known.title, known.date, known.url, known.retrieved)  # fmt: skip
            else:  # a record read without its documents: its file and the folder it is in
                where = "/".join(shown_location(str(src.path or "")).split("/")[-2:])
                ref = Reference(len(self.references) + 1, doc_id, str(src.kind or ""),
                                where, None, src.date)  # fmt: skip
            self.references.append(ref)
            self._by_document[doc_id] = ref
        return ref

    def marks(self, sources: Iterable[Source]) -> list[Mark]:
        """One mark per document behind ``sources``, in number order, each carrying the
        sentences of that document the sources rest on (recorded in its reference)."""
        by_number: dict[int, list[Quote]] = {}
        for src in sources:
            if not src.document:
                continue
            ref = self._reference(src)
            quote = quote_of(src)
            ref.add(quote)
            held = by_number.setdefault(ref.number, [])
            if quote not in held:
                held.append(quote)
        return [
            Mark(n, tuple(sorted(qs, key=lambda q: q.start))) for n, qs in sorted(by_number.items())
        ]

    def cite(self, sources: Iterable[Source]) -> list[int]:
        """The numbers of the documents behind ``sources``."""
        return [m.number for m in self.marks(sources)]

    def reference(self, number: int) -> Reference:
        return self.references[number - 1]


@dataclass(slots=True)
class Line:
    """One statement of the article (a sentence, an infobox row, a list item): its words
    with its citation marks in place (at the end, or inside it: "A according to [1]")."""

    parts: list[str | Mark]
    # (property, fact) for each value it states, the fact as JSON (``Fact.to_json()``, or a
    # review's ``{"value", "sources", "critic", "outlet"}``)
    facts: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    item: bool = False  # a list item rather than running prose
    label: str | None = None  # an infobox row's label

    @property
    def text(self) -> str:
        """The words without the marks."""
        words = " ".join("".join(p for p in self.parts if isinstance(p, str)).split())
        return re.sub(r" ([,.;:!?])", r"\1", words)

    @property
    def marks(self) -> list[Mark]:
        return [p for p in self.parts if isinstance(p, Mark)]

    @property
    def cites(self) -> list[int]:
        return sorted({m.number for m in self.marks})

    @property
    def inline(self) -> bool:
        """Whether a mark stands inside the words rather than after them."""
        seen_mark = False
        for p in self.parts:
            if isinstance(p, Mark):
                seen_mark = True
            elif seen_mark and p.strip():
                return True
        return False

    @property
    def quotes(self) -> list[Quote]:
        return [q for m in self.marks for q in m.quotes]
