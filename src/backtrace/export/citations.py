"""Numbered citations shared by the article writers (documents in order of first use), and
the article's line: one sentence with the facts it renders and the citations it carries."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Fact = dict[str, Any]


@dataclass(slots=True)
class Reference:
    """One cited document and the spans of it that the text rests on."""

    number: int
    document: str
    path: str
    kind: str
    date: str | None
    quotes: list[dict[str, Any]] = field(default_factory=list)  # {"start", "end", "text"}


@dataclass(slots=True)
class Citations:
    """Hands out citation numbers; the same document always gets the same number."""

    references: list[Reference] = field(default_factory=list)
    _by_document: dict[str, Reference] = field(default_factory=dict)

    def cite(self, sources: list[dict[str, Any]]) -> list[int]:
        """The numbers of the documents behind ``sources``, recording each quoted span."""
        numbers: list[int] = []
        for src in sources:
            ref = self._by_document.get(src["document"])
            if ref is None:
                ref = Reference(
                    number=len(self.references) + 1,
                    document=src["document"],
                    path=src.get("path", ""),
                    kind=src.get("kind", ""),
                    date=src.get("date"),
                )
                self.references.append(ref)
                self._by_document[src["document"]] = ref
            quote = src.get("sentence") or {
                "start": src["start"],
                "end": src["end"],
                "text": src["text"],
            }
            if not any(q["start"] == quote["start"] for q in ref.quotes):
                ref.quotes.append(
                    {"start": quote["start"], "end": quote["end"], "text": quote["text"]}
                )
            if ref.number not in numbers:
                numbers.append(ref.number)
        return sorted(numbers)


@dataclass(slots=True)
class Line:
    """One sentence (or list item) of the article and what it rests on."""

    text: str
    cites: list[int]
    facts: list[tuple[str, Fact]] = field(default_factory=list)  # (property, fact)
    item: bool = False  # a list item rather than running prose
    inline: bool = False  # the text carries its citation marks itself
