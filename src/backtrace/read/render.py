"""Write HTML and Markdown content as plain text in the encyclopedia conventions.

    = Title =                     the title (first h1 / ``#``), always the first line
                                  (blank line)
    - Directed by: Jane Roe       the infobox, when there is one, right after the title
    - Running time: 90 minutes
                                  (blank line)
    A paragraph on one line.      paragraphs, one line each, separated by blank lines
                                  (blank line)
    ==Heading==                   h2 / ``##`` (``===`` for h3, ``====`` for h4 to h6)
                                  (blank line)
    - an item                     list items: one line each, a list's items on adjacent lines

Every piece of text has its white space collapsed to single spaces, so each title, heading,
paragraph and item is exactly one line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class Rendered:
    """Text rendered from markup, and what the markup said about the document."""

    text: str
    fallback_title: str | None = None
    date: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)


def squash(text: str) -> str:
    """``text`` with every run of white space made one space, and trimmed."""
    return " ".join(text.split())


class TextWriter:
    """Collects blocks (title, infobox, headings, paragraphs, lists) and writes the text."""

    def __init__(self) -> None:
        self.title: str | None = None
        self._infobox: list[str] = []
        self._blocks: list[list[str]] = []
        self._list_open = False

    def set_title(self, title: str) -> bool:
        """Use ``title`` as the title line; False when there is one already or it is empty."""
        title = squash(title).strip("=").strip()
        if self.title is not None or not title:
            return False
        self.title = title
        return True

    def heading(self, level: int, text: str) -> None:
        """A heading line: level 1 is ``==H==``, level 2 ``===H===``, at most level 3."""
        text = squash(text).strip("=").strip()
        if text:
            marks = "=" * (min(max(level, 1), 3) + 1)
            self._add_block(f"{marks}{text}{marks}")

    def paragraph(self, text: str) -> None:
        """A paragraph: one line, a block of its own."""
        text = squash(text)
        if text:
            self._add_block(text)

    def item(self, text: str) -> None:
        """A list item; adjacent items (until :meth:`end_list`) share a block."""
        text = squash(text)
        if not text:
            return
        if self._list_open:
            self._blocks[-1].append(f"- {text}")
        else:
            self._blocks.append([f"- {text}"])
            self._list_open = True

    def end_list(self) -> None:
        """The next item starts a new list (a new block)."""
        self._list_open = False

    def infobox_row(self, key: str, value: str) -> None:
        """A ``- Key: Value`` line of the infobox; rows without a value are left out."""
        key, value = squash(key).rstrip(":").strip(), squash(value)
        if key and value:
            self._infobox.append(f"- {key}: {value}")

    def has_text(self) -> bool:
        return bool(self.title or self._infobox or self._blocks)

    def text(self) -> str:
        """Title, infobox, then the other blocks, separated by blank lines."""
        blocks: list[list[str]] = []
        if self.title is not None:
            blocks.append([f"= {self.title} ="])
        if self._infobox:
            blocks.append(self._infobox)
        blocks.extend(self._blocks)
        if not blocks:
            return ""
        return "\n\n".join("\n".join(block) for block in blocks) + "\n"

    def _add_block(self, line: str) -> None:
        self._list_open = False
        self._blocks.append([line])
