"""Take an HTML page apart before rendering: its metadata, its boilerplate, its main part.

Only text content ever leaves this package: attributes (``onerror=``, ``href=
"javascript:..."``) are never read into the text, and scripts, styles, frames and forms are
removed with everything inside them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bs4 import BeautifulSoup
from bs4.element import NavigableString, PreformattedString, Script, Stylesheet, Tag, TemplateString

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
    """Remove scripts, navigation, site headers and elements named like boilerplate.

    Elements are detached with ``extract``: one inside a part already removed is detached
    from that part, which is harmless.
    """
    for tag in soup.find_all(DROP_TAGS):
        tag.extract()
    for tag in soup.find_all("header"):
        if tag.find_parent("article") is None:
            tag.extract()
    for tag in soup.find_all(True):
        if tag.name not in _KEPT and _looks_like_boilerplate(tag):
            tag.extract()


def main_part(soup: BeautifulSoup) -> Tag:
    """The longest ``<article>``, else ``<main>``, else ``<body>``, else the whole soup."""
    articles = soup.find_all("article")
    if articles:
        return max(articles, key=lambda tag: len(tag.get_text()))
    for name in ("main", "body"):
        found = soup.find(name)
        if isinstance(found, Tag):
            return found
    return soup


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
