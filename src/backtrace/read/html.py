"""HTML to text in the encyclopedia conventions (see :mod:`backtrace.read.render`).

``<h1>`` is the title, ``<h2>``/``<h3>`` are ``==H==``/``===H===`` headings, an infobox table
becomes ``- Key: Value`` lines after the title, ``<li>`` and table rows are ``- item`` lines,
and paragraphs and other blocks are lines of their own separated by blank lines. The tree is
walked without recursion, so deeply nested pages cannot exhaust the stack, and each node is
visited a bounded number of times, so 10,000 nested tables take no longer than 10,000 in a
row: a table's rows are its own, not those of the tables inside it (their text is its
cells' text), and a definition list's terms likewise.
"""

from __future__ import annotations

import warnings

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning
from bs4.element import Tag

from backtrace.errors import ReadError
from backtrace.read.html_clean import (
    is_text,
    main_part,
    page_info,
    remove_boilerplate,
    time_date,
)
from backtrace.read.render import Rendered, TextWriter, squash

NO_TEXT = "no text in HTML after removing markup"

BLOCK_TAGS = frozenset(
    {
        "address", "article", "blockquote", "body", "caption", "center", "details", "div",
        "fieldset", "figcaption", "figure", "header", "hgroup", "html", "main", "p", "pre",
        "section", "summary", "hr", "br",
    }
)  # fmt: skip
_HEADINGS = {"h1": 1, "h2": 1, "h3": 2, "h4": 3, "h5": 3, "h6": 3}
_LISTS = frozenset({"ul", "ol", "menu"})
_CELL_BREAKS = frozenset({"br", "li", "p", "div", "ul", "ol", "dd", "dt"})
_ROW = frozenset({"tr"})
_TERMS = frozenset({"dt", "dd"})


def render_html(text: str, path: str) -> Rendered:
    """Render an HTML page; raise :class:`ReadError` when no text is left."""
    with warnings.catch_warnings():  # text that looks like a URL or a file name is fine
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        soup = BeautifulSoup(text, "lxml")
    info = page_info(soup)
    remove_boilerplate(soup)
    root = main_part(soup)
    writer = TextWriter()
    heading = root.find("h1") or soup.find("h1")
    if isinstance(heading, Tag):
        writer.set_title(inline_text(heading))
        heading.decompose()
    infobox = find_infobox(root)
    if infobox is not None:
        for key, value in pair_rows(infobox):
            writer.infobox_row(key, value)
        infobox.decompose()
    _Walker(writer).walk(root)
    if not writer.has_text():
        raise ReadError(path, NO_TEXT)
    meta: dict[str, str] = {}
    if info.html_title:
        meta["html_title"] = info.html_title
    if info.author:
        meta["critic"] = info.author
    return Rendered(
        text=writer.text(),
        fallback_title=info.html_title,
        date=info.date or time_date(soup),
        meta=meta,
    )


def inline_text(tag: Tag) -> str:
    """The text of ``tag`` on one line; ``<br>`` and blocks inside it become spaces."""
    parts: list[str] = []
    for node in tag.descendants:
        if is_text(node):
            parts.append(str(node))
        elif isinstance(node, Tag) and (node.name in BLOCK_TAGS or node.name in _CELL_BREAKS):
            parts.append(" ")
    return squash("".join(parts))


def find_infobox(root: Tag) -> Tag | None:
    """A ``table.infobox``, or the first table of header/data pairs before any paragraph."""
    for table in root.find_all("table"):
        if any("infobox" in name.lower() for name in table.get("class") or []):
            return table
    for node in root.descendants:
        if not isinstance(node, Tag):
            continue
        if node.name == "p" and node.get_text(strip=True):
            return None
        if node.name == "table":
            rows = _rows(node)
            if sum(map(_is_pair, rows)) >= 2 and _only_pairs(rows):
                return node
    return None


def pair_rows(table: Tag) -> list[tuple[str, str]]:
    """``(header, data)`` of each row of ``table`` made of one ``<th>`` and one ``<td>``."""
    return [
        (inline_text(cells[0]), cell_value(cells[1])) for cells in _rows(table) if _is_pair(cells)
    ]


def cell_value(cell: Tag) -> str:
    """A cell's text, its ``<br>``-separated parts and list items joined with ", "."""
    pieces: list[str] = [""]
    for node in cell.descendants:
        if is_text(node):
            pieces[-1] += str(node)
        elif isinstance(node, Tag) and node.name in _CELL_BREAKS:
            pieces.append("")
    return ", ".join(piece for piece in map(squash, pieces) if piece)


def _rows(table: Tag) -> list[list[Tag]]:
    """The cells of each of the table's own rows (not those of a table inside it)."""
    return [
        [c for c in row.find_all(["th", "td"], recursive=False)]
        for row in _own(table, _ROW, "table")
    ]


def _is_pair(cells: list[Tag]) -> bool:
    return len(cells) == 2 and cells[0].name == "th" and cells[1].name == "td"


def _only_pairs(rows: list[list[Tag]]) -> bool:
    return all(len(cells) == 1 or (len(cells) == 2 and cells[0].name == "th") for cells in rows)


def _own(tag: Tag, names: frozenset[str], fence: str) -> list[Tag]:
    """The elements named ``names`` below ``tag``, in document order, leaving out those
    inside another ``fence`` element (a table in a table) or inside one found."""
    found: list[Tag] = []
    stack = list(reversed(tag.contents))
    while stack:
        node = stack.pop()
        if not isinstance(node, Tag):
            continue
        if node.name in names:
            found.append(node)
        elif node.name != fence:
            stack.extend(reversed(node.contents))
    return found


class _Walker:
    """Walks the tree depth first with an explicit stack, writing blocks as it goes."""

    def __init__(self, writer: TextWriter) -> None:
        self.writer = writer
        self.buffer: list[str] = []
        self.in_item = 0

    def walk(self, root: Tag) -> None:
        stack: list[tuple[object, bool]] = [(root, False)]
        while stack:
            node, leaving = stack.pop()
            if leaving:
                self._leave(node)  # type: ignore[arg-type]
            elif is_text(node):
                self.buffer.append(str(node))
            elif isinstance(node, Tag) and self._enter(node):
                stack.append((node, True))
                stack.extend((child, False) for child in reversed(node.contents))
        self._flush()

    def _enter(self, tag: Tag) -> bool:
        """Handle an opening tag; True to walk into its children."""
        name = tag.name
        if name in _HEADINGS:
            self._flush()
            text = inline_text(tag)
            if name != "h1" or not self.writer.set_title(text):
                self.writer.heading(_HEADINGS[name], text)
            return False
        if name == "table":
            self._flush()
            self._table(tag)
            return False
        if name == "dl":
            self._flush()
            self._definitions(tag)
            return False
        if name == "br":
            self.buffer.append(" ")
            return False
        if name == "li":
            self._flush()
            self.in_item += 1
        elif name in _LISTS or (name in BLOCK_TAGS and not self.in_item):
            self._flush()
        return True

    def _leave(self, tag: Tag) -> None:
        name = tag.name
        if name == "li":
            self._flush()
            self.in_item -= 1
        elif name in _LISTS:
            self._flush()
            if not self.in_item:
                self.writer.end_list()
        elif name in BLOCK_TAGS and not self.in_item:
            self._flush()

    def _flush(self) -> None:
        text = squash("".join(self.buffer))
        self.buffer.clear()
        if not text:
            return
        if self.in_item:
            self.writer.item(text)
        else:
            self.writer.paragraph(text)

    def _table(self, table: Tag) -> None:
        for cells in _rows(table):
            if _is_pair(cells):
                self.writer.item(f"{inline_text(cells[0]).rstrip(':')}: {cell_value(cells[1])}")
            else:
                self.writer.item(" | ".join(t for t in map(inline_text, cells) if t))
        self.writer.end_list()

    def _definitions(self, dl: Tag) -> None:
        term = ""
        for child in _own(dl, _TERMS, "dl"):
            if child.name == "dt":
                term = inline_text(child)
            else:
                text = inline_text(child)
                self.writer.item(f"{term}: {text}" if term else text)
        self.writer.end_list()
