"""Take an HTML page apart before rendering: its metadata, its boilerplate, its main part.

Only text content ever leaves this package: attributes (``onerror=``, ``href=
"javascript:..."``) are never read into the text, and scripts, styles, frames and forms are
removed with everything inside them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bs4 import BeautifulSoup
from bs4.element import (
    NavigableString,
    PageElement,
    PreformattedString,
    Script,
    Stylesheet,
    Tag,
    TemplateString,
)

from backtrace.read.dates import iso_date
from backtrace.read.render import squash

DROP_TAGS: tuple[str, ...] = (
    "script", "style", "noscript", "template", "iframe", "frame", "frameset", "svg", "math",
    "canvas", "object", "embed", "applet", "video", "audio", "picture", "map", "nav",
    "footer", "aside", "form", "button", "input", "select", "option", "textarea", "dialog",
    "head", "title", "meta", "link", "base",
)  # fmt: skip
BOILERPLATE_WORDS: frozenset[str] = frozenset(
    {
        "cookie", "cookies", "banner", "menu", "sidebar", "advert", "advertisement", "adverts",
        "ad", "ads", "share", "sharing", "social", "newsletter", "subscribe", "subscription",
        "breadcrumb", "breadcrumbs", "comment", "comments", "popup", "modal", "related",
        "reference", "references", "mw-editsection", "editsection", "noprint", "navbox",
    }
)  # fmt: skip
_BOILERPLATE_PREFIXES = ("cookie", "advert", "newsletter", "breadcrumb", "sidebar", "subscribe")
_KEPT = frozenset({"html", "body", "main", "article"})
_DATE_KEYS = frozenset(
    {
        "date", "article:published_time", "og:published_time", "pubdate", "publishdate",
        "publish-date", "publish_date", "dc.date", "dc.date.issued", "dcterms.date",
        "datepublished", "sailthru.date", "parsely-pub-date",
    }
)  # fmt: skip
_SITE_SUFFIX = re.compile(r"^(.+?)\s+(?:\||-|–|—|::|·)\s+[^|]{1,40}$")


@dataclass(frozen=True, slots=True)
class PageInfo:
    html_title: str | None = None
    date: str | None = None
    author: str | None = None


def is_text(node: object) -> bool:
    """True for a piece of text content (not a comment, doctype or script body)."""
    return isinstance(node, NavigableString) and not isinstance(
        node, PreformattedString | Script | Stylesheet | TemplateString
    )


def page_info(soup: BeautifulSoup) -> PageInfo:
    """The page's ``<title>`` (less a site-name suffix), published date and author."""
    title = None
    if soup.title is not None:
        title = strip_site_name(squash(soup.title.get_text()))
    date = author = None
    for tag in soup.find_all("meta"):
        key = str(tag.get("name") or tag.get("property") or tag.get("itemprop") or "").lower()
        content = str(tag.get("content") or "").strip()
        if not content:
            continue
        if key in _DATE_KEYS and date is None:
            date = iso_date(content)
        elif key == "author" and author is None:
            author = squash(content)
    return PageInfo(html_title=title or None, date=date, author=author)


def strip_site_name(title: str) -> str:
    """``"Backtrace"`` from ``"Backtrace - Film Site"`` or ``"Backtrace | Film Site"``."""
    while True:
        match = _SITE_SUFFIX.match(title)
        if not match:
            return title
        title = match.group(1).strip()


def time_date(root: Tag) -> str | None:
    """The first ``<time datetime=...>`` in ``root`` that names a whole date."""
    for tag in root.find_all("time"):
        found = iso_date(str(tag.get("datetime") or ""))
        if found:
            return found
    return None


def remove_boilerplate(soup: BeautifulSoup) -> None:
    """Remove scripts, navigation, site headers (a ``<header>`` outside every ``<article>``)
    and elements named like boilerplate.

    One walk without recursion: a removed element is not looked into, so nested boilerplate
    (10,000 ``<nav>`` deep) costs one removal, and each is detached knowing its place among
    its siblings (from the last to the first), so a row of 10,000 costs no search either.
    """
    stack: list[tuple[Tag, bool]] = [(soup, False)]  # (element, inside an <article>)
    while stack:
        parent, in_article = stack.pop()
        for index in range(len(parent.contents) - 1, -1, -1):
            child = parent.contents[index]
            if not isinstance(child, Tag):
                continue
            if _removed(child, in_article):
                child.extract(_self_index=index)
            else:
                stack.append((child, in_article or child.name == "article"))


def _removed(tag: Tag, in_article: bool) -> bool:
    if tag.name in DROP_TAGS or (tag.name == "header" and not in_article):
        return True
    return tag.name not in _KEPT and _looks_like_boilerplate(tag)


def main_part(soup: BeautifulSoup) -> Tag:
    """The longest ``<article>`` (by its text; the first of the longest), else ``<main>``,
    else ``<body>``, else the whole soup."""
    articles = _article_lengths(soup)
    if articles:
        longest = max(length for _, length in articles)
        return next(tag for tag, length in articles if length == longest)
    for name in ("main", "body"):
        found = soup.find(name)
        if isinstance(found, Tag):
            return found
    return soup


def _article_lengths(soup: BeautifulSoup) -> list[tuple[Tag, int]]:
    """Each ``<article>`` in document order with the length of its text, in one walk (the
    text of an article inside another counts towards both)."""
    found: list[tuple[Tag, int]] = []
    open_articles: list[tuple[int, int]] = []  # (index into found, text so far)
    stack: list[tuple[PageElement, bool]] = [(soup, False)]
    while stack:
        node, leaving = stack.pop()
        if leaving:  # an article ends: its text counts towards the one around it too
            index, length = open_articles.pop()
            found[index] = (found[index][0], length)
            if open_articles:
                outer, so_far = open_articles[-1]
                open_articles[-1] = (outer, so_far + length)
        elif is_text(node):
            if open_articles:
                index, so_far = open_articles[-1]
                open_articles[-1] = (index, so_far + len(node))
        elif isinstance(node, Tag):
            if node.name == "article":
                open_articles.append((len(found), 0))
                found.append((node, 0))
                stack.append((node, True))
            stack.extend((child, False) for child in reversed(node.contents))
    return found


def _looks_like_boilerplate(tag: Tag) -> bool:
    if tag.has_attr("hidden") or str(tag.get("aria-hidden", "")).lower() == "true":
        return True
    style = str(tag.get("style", "")).replace(" ", "").lower()
    if "display:none" in style or "visibility:hidden" in style:
        return True
    classes = tag.get("class")
    names = [classes] if isinstance(classes, str) else [str(c) for c in classes or []]
    names.append(str(tag.get("id") or ""))
    for name in names:
        lowered = name.lower()
        if lowered in BOILERPLATE_WORDS:
            return True
        for word in re.split(r"[^a-z0-9]+", lowered):
            if word in BOILERPLATE_WORDS or word.startswith(_BOILERPLATE_PREFIXES):
                return True
    return False
