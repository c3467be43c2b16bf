"""Markdown to text in the encyclopedia conventions (see :mod:`backtrace.read.render`).

``# Title`` is the title, ``##``/``###`` are ``==H==``/``===H===`` headings, list items are
``- item`` lines with inline markup removed (links keep their text, images and raw HTML
go), and paragraphs are lines separated by blank lines. The first bullet list of
``Key: Value`` items before any paragraph, or right after the title, is the infobox. A
leading YAML-style front matter block gives a title, a date and an author.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from markdown_it import MarkdownIt
from markdown_it.token import Token

from backtrace.read.dates import iso_date
from backtrace.read.markdown_limits import bounded
from backtrace.read.markup import is_bare_line, key_value
from backtrace.read.render import Rendered, TextWriter, squash

_PARSER = bounded(MarkdownIt("commonmark").enable(["table", "strikethrough"]))
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_FRONT_LINE = re.compile(r"\s*([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$")
_HIDDEN_HTML = re.compile(r"<(script|style|noscript|template|iframe)\b", re.IGNORECASE)
_LEVELS = {"h1": 1, "h2": 1, "h3": 2, "h4": 3, "h5": 3, "h6": 3}


def render_markdown(text: str) -> Rendered:
    """Render Markdown source to text, with what its front matter says."""
    front, body = _front_matter(text)
    renderer = _Renderer()
    renderer.run(_PARSER.parse(body))
    writer = renderer.writer
    meta: dict[str, str] = {}
    title = front.get("title")
    if title:
        writer.set_title(title)
    if front.get("author"):
        meta["critic"] = squash(front["author"])
    date = iso_date(front["date"]) if front.get("date") else None
    return Rendered(text=writer.text(), date=date, meta=meta)


def inline_text(token: Token) -> str:
    """The text of an inline token: markup, images and raw HTML removed."""
    parts: list[str] = []
    skipping: str | None = None
    for child in token.children or []:
        if skipping is not None:
            if child.type == "html_inline" and child.content.lower().startswith(f"</{skipping}"):
                skipping = None
            continue
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "html_inline":
            hidden = _HIDDEN_HTML.match(child.content)
            if hidden:
                skipping = hidden.group(1).lower()
        # anything else (emphasis, link marks, images with their alt text) adds no text
    return squash("".join(parts))


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    fields: dict[str, str] = {}
    for line in match.group(1).split("\n"):
        found = _FRONT_LINE.match(line)
        if found:
            fields[found.group(1).lower()] = found.group(2).strip("\"'")
    return fields, text[match.end() :]


class _Renderer:
    """Walks the token stream once, writing blocks."""

    def __init__(self) -> None:
        self.writer = TextWriter()
        self.list_depth = 0
        self.item_depth = 0
        self.item_text: list[str] = []
        self.pending: list[tuple[int, str]] = []  # (depth, text) of the open top-level list
        self.infobox_slot = True  # a list closing now may be the infobox
        self.bare_seen = False  # one short paragraph (the title again) may precede it
        self.infobox_done = False
        self.heading: str | None = None  # the tag of the open heading
        self.row: list[str] | None = None

    def run(self, tokens: Sequence[Token]) -> None:
        for token in tokens:
            if token.type == "inline":
                self._inline(inline_text(token))
            else:
                self._block(token)

    def _heading(self, tag: str, text: str) -> None:
        if tag == "h1" and self.writer.set_title(text):
            self.infobox_slot = not self.infobox_done
            return
        self.infobox_slot = False
        self.writer.heading(_LEVELS.get(tag, 3), text)

    def _inline(self, text: str) -> None:
        if self.heading is not None:
            self._heading(self.heading, text)
        elif self.row is not None:
            self.row.append(text)
        elif self.item_depth:
            self.item_text.append(text)
        elif text:
            self.writer.paragraph(text)
            bare = is_bare_line(text) and not self.bare_seen
            self.bare_seen = True
            self.infobox_slot = self.infobox_slot and bare

    def _block(self, token: Token) -> None:
        kind = token.type
        if kind == "heading_open":
            self.heading = token.tag
        elif kind == "heading_close":
            self.heading = None
        elif kind in ("bullet_list_open", "ordered_list_open"):
            self._flush_item()
            self.list_depth += 1
        elif kind in ("bullet_list_close", "ordered_list_close"):
            self._flush_item()
            self.list_depth -= 1
            if not self.list_depth:
                self._close_list(infobox_ok=kind == "bullet_list_close")
        elif kind == "list_item_open":
            self._flush_item()
            self.item_depth += 1
        elif kind == "list_item_close":
            self._flush_item()
            self.item_depth -= 1
        elif kind == "tr_open":
            self.row = []
        elif kind == "tr_close" and self.row is not None:
            self.writer.item(" | ".join(cell for cell in self.row if cell))
            self.row = None
        elif kind == "table_close":
            self.writer.end_list()
            self.infobox_slot = False
        elif kind in ("fence", "code_block"):
            self.writer.paragraph(token.content)
            self.infobox_slot = False

    def _flush_item(self) -> None:
        text = squash(" ".join(self.item_text))
        self.item_text.clear()
        if text:
            self.pending.append((self.list_depth, text))

    def _close_list(self, *, infobox_ok: bool) -> None:
        items, self.pending = self.pending, []
        pairs = [key_value(f"- {text}") for _, text in items]
        eligible = infobox_ok and self.infobox_slot and all(depth == 1 for depth, _ in items)
        if eligible and items and all(pairs):
            for pair in pairs:
                if pair is not None:
                    self.writer.infobox_row(*pair)
            self.infobox_done = True
        else:
            for _, text in items:
                self.writer.item(text)
            self.writer.end_list()
        self.infobox_slot = False
