"""markdown-it-py made linear on hostile Markdown: :func:`bounded` changes a parser's rules.

markdown-it-py is quadratic, in time or in memory, on some input no writer means: a line of
two million ``=`` took minutes, 200,000 ``*`` took 19 GB, a run of ``&`` or ``<a>`` copies
the rest of the text at each one. The rules here keep parsing linear and its memory bounded:

* text the parser collects is handed over as a token every thousand characters or so (it
  copies the whole collected string for each character it adds), and joined again at the
  end by a linear version of its ``fragments_join`` and ``text_join`` rules;
* a run of characters no enabled rule starts at (``=``, ``:``, ``#``, letters) is taken at
  once instead of one character at a time;
* entities and inline HTML are matched where they are, without copying the rest of the text;
* a run of 32 or more ``*``, ``_`` or ``~`` is text, not emphasis marks, and a paragraph's
  text past 50,000 tokens is plain text: each emphasis mark is a token of its own.

On ordinary Markdown the tokens are the same, but for where their text is cut into pieces.
The parser must be CommonMark's with at most the ``table`` and ``strikethrough`` rules
added: the run of inert characters is worked out for exactly those rules.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.common.entities import entities
from markdown_it.common.html_re import HTML_TAG_RE
from markdown_it.common.utils import fromCodePoint, isLinkClose, isLinkOpen, isValidEntityCode
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

PENDING_LIMIT = 1024  # characters of text collected before they are handed over as a token
TOKEN_LIMIT = 50_000  # tokens of one paragraph past which its rest is read as plain text
MARK_RUN = 32  # emphasis marks in a row from which they are text

# Characters no enabled inline rule starts at, nor link-label scanning stops at.
_INERT_RUN = re.compile(r"[^\n\\`~*_\[\]!<&]+")
_MARKS = frozenset("*_~")
_DIGITAL = re.compile(r"&#((?:x[a-f0-9]{1,6}|[0-9]{1,7}));", re.IGNORECASE)
_NAMED = re.compile(r"&([a-z][a-z0-9]{1,31});", re.IGNORECASE)
_HTML_TAG = re.compile(HTML_TAG_RE.pattern.removeprefix("^"), HTML_TAG_RE.flags)


def bounded(md: MarkdownIt) -> MarkdownIt:
    """``md`` with the rules of this module in place (see the module's doc); returns it."""
    md.inline.ruler.before("text", "bounded", _bounded)
    md.inline.ruler.after("text", "inert_run", _inert_run)
    md.inline.ruler.at("entity", _entity)
    md.inline.ruler.at("html_inline", _html_inline)
    md.inline.ruler2.at("fragments_join", _join_fragments)
    md.core.ruler.at("text_join", _join_text)
    return md


def _bounded(state: StateInline, silent: bool) -> bool:
    """Hand the collected text over; past the limit of tokens take the rest as text; take
    a long run of emphasis marks as text."""
    if silent:
        return False
    if len(state.tokens) >= TOKEN_LIMIT:
        state.pending += state.src[state.pos : state.posMax]
        state.pos = state.posMax
        return True
    if len(state.pending) >= PENDING_LIMIT and state.pending[-1] != " ":
        state.pushPending()  # (trailing spaces stay: a line break after them is read there)
    mark = state.src[state.pos]
    if mark in _MARKS:
        end = state.pos
        while end < state.posMax and state.src[end] == mark:
            end += 1
        if end - state.pos >= MARK_RUN:
            state.pending += state.src[state.pos : end]
            state.pos = end
            return True
    return False


def _inert_run(state: StateInline, silent: bool) -> bool:
    """Take a run of plain text at once, punctuation such as ``=``, ``:`` or ``#`` included:
    every enabled rule would fail on each of its characters."""
    match = _INERT_RUN.match(state.src, state.pos, state.posMax)
    if match is None:
        return False
    if not silent:
        state.pending += match.group()
    state.pos = match.end()
    return True


def _entity(state: StateInline, silent: bool) -> bool:
    """markdown-it's ``entity`` rule, matching in place."""
    pos = state.pos
    if state.src[pos] != "&" or pos + 1 >= state.posMax:
        return False
    if state.src[pos + 1] == "#":
        match = _DIGITAL.match(state.src, pos)
        if match is None:
            return False
        number = match.group(1)
        code = int(number[1:], 16) if number[0] in "xX" else int(number, 10)
        content = fromCodePoint(code if isValidEntityCode(code) else 0xFFFD)
    else:
        match = _NAMED.match(state.src, pos)
        if match is None or match.group(1) not in entities:
            return False
        content = entities[match.group(1)]
    if not silent:
        token = state.push("text_special", "", 0)
        token.content = content
        token.markup = match.group(0)
        token.info = "entity"
    state.pos = match.end()
    return True


def _html_inline(state: StateInline, silent: bool) -> bool:
    """markdown-it's ``html_inline`` rule, matching in place."""
    pos = state.pos
    if not state.md.options.get("html", None):
        return False
    if state.src[pos] != "<" or pos + 2 >= state.posMax:
        return False
    second = state.src[pos + 1]
    if second not in "!?/" and not ("a" <= second.lower() <= "z"):
        return False
    match = _HTML_TAG.match(state.src, pos)
    if match is None:
        return False
    if not silent:
        token = state.push("html_inline", "", 0)
        token.content = match.group(0)
        if isLinkOpen(token.content):
            state.linkLevel += 1
        if isLinkClose(token.content):
            state.linkLevel -= 1
    state.pos = match.end()
    return True


def _join_fragments(state: StateInline) -> None:
    """``fragments_join`` in linear time and memory: merge adjacent text tokens and
    recompute every token's level. (markdown-it builds each merged string anew and keeps
    every partial one until the end.)"""
    level = 0
    for token in state.tokens:
        if token.nesting < 0:
            level -= 1
        token.level = level
        if token.nesting > 0:
            level += 1
    state.tokens[:] = _merged(state.tokens, ("text",))


def _join_text(state: StateCore) -> None:
    """``text_join`` in linear time: escapes and entities (``text_special``) become text,
    merged with the text around them."""
    for block in state.tokens:
        if block.type == "inline" and block.children:
            for child in block.children:
                if child.type == "text_special":
                    child.type = "text"
            block.children = _merged(block.children, ("text",))


def _merged(tokens: list[Token], types: tuple[str, ...]) -> list[Token]:
    """``tokens`` with each run of adjacent tokens of ``types`` made the first of them,
    holding the text of all."""
    out: list[Token] = []
    run: list[str] = []  # the contents merged into out[-1]
    for token in tokens:
        if token.type in types and out and out[-1].type in types:
            run.append(token.content)
            continue
        if len(run) > 1:
            out[-1].content = "".join(run)
        run = [token.content]
        out.append(token)
    if len(run) > 1:
        out[-1].content = "".join(run)
    return out
