"""An :class:`~backtrace.export.article.Article` as Markdown or as a standalone HTML page,
both from Jinja2 templates that escape every value they print.

The HTML environment autoescapes (``select_autoescape``). The Markdown environment escapes
by its ``finalize`` hook: every ``{{ value }}`` goes through :func:`md_escape`, which
backslash-escapes the characters Markdown reads as markup, so a name with ``*`` or ``[``
in it stays text. The Markdown form is laid out like the encyclopedia entries backtrace
reads (a title heading, a ``- **Label**: value`` infobox, ``##`` sections), so a generated
article can be ingested again. In both forms a citation mark quotes the sentences behind
its own statement (HTML: the mark's title, and a link to that sentence in the references).
"""

from __future__ import annotations

import re
from typing import Any

from jinja2 import DictLoader, Environment, select_autoescape
from markupsafe import Markup

from backtrace.export.article import Article
from backtrace.export.citations import Mark, Reference
from backtrace.export.sources import Quote

QUOTE_CHARS = 400  # a longer quoted passage is shown with its middle elided
# markup characters; ``_`` only where it could open or close emphasis (not inside a word)
_MD_SPECIAL = re.compile(r"([\\`*\[\]<>&~|#])|(?<![^\W_])_|_(?![^\W_])")


def md_escape(value: Any) -> str:
    """Text for Markdown: white space folded to single spaces, markup characters escaped."""
    if isinstance(value, Markup):
        return str(value)
    return _MD_SPECIAL.sub(lambda m: "\\" + m.group(0), re.sub(r"\s+", " ", str(value)))


def _md_finalize(value: Any) -> Any:
    return md_escape("" if value is None else value)


def shorten(text: str, limit: int = QUOTE_CHARS) -> str:
    """A quoted passage on one line; one longer than ``limit`` keeps its start and end."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    head = text[: limit * 2 // 3].rsplit(" ", 1)[0]
    tail = text[-(limit // 3) :].split(" ", 1)[-1]
    return f"{head} … {tail}"


def _md_url(url: str) -> Markup:
    """A URL as a Markdown autolink (``<https://...>``) when it can be one."""
    if re.fullmatch(r"https?://[^\s<>]+", url):
        return Markup(f"<{url}>")
    return Markup(md_escape(url))


_MARKDOWN = """\
# {{ article.heading }}

{% for row in article.infobox %}
- **{{ row.label }}**: {{ row.text }}{{ tail_marks(row) }}
{% endfor %}
{% if article.infobox %}

{% endif %}
{% if article.lead %}
{% for line in article.lead %}{{ ' ' if not loop.first }}{{ statement(line) }}{% endfor %}


{% endif %}
{% for section in article.sections %}
## {{ section.heading }}

{% for group in blocks(section.lines) %}
{% if group.items %}
{% for line in group.lines %}
- {{ statement(line) }}
{% endfor %}
{% else %}
{% for line in group.lines %}{{ ' ' if not loop.first }}{{ statement(line) }}{% endfor %}

{% endif %}

{% endfor %}
{% endfor %}
{% if article.references %}
## References

{% for ref in article.references %}
{{ ref.number }}. {% if ref.title %}*{{ ref.title }}*. {% endif %}{{ described(ref) }}. \
{{ location(ref) }}
{% for q in ref.quotes %}
    - “{{ shorten(q.text) }}” ({{ q.start }}–{{ q.end }})
{% endfor %}
{% endfor %}
{% endif %}
"""

# The page's own stylesheet, inline so a saved article reads well offline; the web server
# allows exactly this block by its hash (``serve.http.SECURITY_HEADERS``). Long unbroken
# tokens (a document's path, a URL) wrap, so the page never scrolls sideways on a phone.
ARTICLE_STYLE = (
    "body{margin:0 auto;max-width:44rem;padding:0 1rem;"
    "font:16px/1.5 system-ui,sans-serif;overflow-wrap:anywhere}"
    "code,a{overflow-wrap:anywhere;word-break:break-word}"
    "table{border-collapse:collapse;max-width:100%}"
    "th,td{text-align:left;vertical-align:top;padding:.2rem .6rem .2rem 0}"
    "ol,ul{padding-left:1.4rem}"
)

_HTML = """\
<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ article.heading }}</title><style>{{ style }}</style></head><body><main><article>
<h1>{{ article.heading }}</h1>
{% if article.infobox %}
<table class="infobox">
{% for row in article.infobox %}
<tr><th>{{ row.label }}</th><td>{{ statement(row) }}</td></tr>
{% endfor %}
</table>
{% endif %}
{% if article.lead %}
<p>{% for line in article.lead %}{{ ' ' if not loop.first }}{{ statement(line) }}{% endfor %}</p>
{% endif %}
{% for section in article.sections %}
<h2>{{ section.heading }}</h2>
{% for group in blocks(section.lines) %}
{% if group.items %}
<ul>
{% for line in group.lines %}
<li>{{ statement(line) }}</li>
{% endfor %}
</ul>
{% else %}
<p>{% for line in group.lines %}{{ ' ' if not loop.first }}{{ statement(line) }}{% endfor %}</p>
{% endif %}
{% endfor %}
{% endfor %}
{% if article.references %}
<h2>References</h2>
<ol class="references">
{% for ref in article.references %}
<li id="ref-{{ ref.number }}">{% if ref.title %}<cite>{{ ref.title }}</cite>. {% endif %}\
{{ described(ref) }}. {% if ref.url %}<a href="{{ ref.url }}" rel="nofollow">{{ ref.url }}</a>\
{% else %}<code>{{ ref.location }}</code>{% endif %}
<ul class="quotes">
{% for q in ref.quotes %}
<li id="ref-{{ ref.number }}-{{ q.start }}"><q>{{ shorten(q.text) }}</q> \
<small>{{ q.start }}–{{ q.end }}</small></li>
{% endfor %}
</ul></li>
{% endfor %}
</ol>
{% endif %}
</article></main></body></html>
"""


def _described(ref: Reference) -> str:
    """"News item, 2018-11-13, retrieved 2026-12-07"."""
    words = [ref.kind_label[:1].upper() + ref.kind_label[1:]]
    words += [ref.date] if ref.date else []
    words += [f"retrieved {ref.retrieved}"] if ref.retrieved else []
    return ", ".join(words)


class _Group:
    def __init__(self, items: bool) -> None:
        self.items = items
        self.lines: list[Any] = []


def _blocks(lines: list[Any]) -> list[_Group]:
    """Consecutive prose lines make a paragraph; consecutive list items a list."""
    groups: list[_Group] = []
    for line in lines:
        if not groups or groups[-1].items != line.item:
            groups.append(_Group(line.item))
        groups[-1].lines.append(line)
    return groups


def _tooltip(quotes: tuple[Quote, ...]) -> str:
    return " … ".join(shorten(q.text, 300) for q in quotes)


def _environment(kind: str) -> Environment:
    if kind == "md":
        env = Environment(loader=DictLoader({"article": _MARKDOWN}), autoescape=False,
                          finalize=_md_finalize, trim_blocks=True, lstrip_blocks=True,
                          keep_trailing_newline=True)  # fmt: skip
        env.filters["md"] = md_escape
    else:
        env = Environment(loader=DictLoader({"article.html": _HTML}),
                          autoescape=select_autoescape(default=True, default_for_string=True),
                          trim_blocks=True, lstrip_blocks=True)  # fmt: skip
    env.globals.update(blocks=_blocks, shorten=shorten, described=_described)
    return env


_MD_ENV = _environment("md")
_HTML_ENV = _environment("html")


def render_markdown(article: Article) -> str:
    def mark(m: Mark) -> Markup:
        return Markup(f"[{m.number}]")

    def statement(line: Any) -> Markup:
        out = []
        for i, part in enumerate(line.parts):
            if isinstance(part, Mark):
                before = line.parts[i - 1] if i else ""
                gap = " " if isinstance(before, str) and before and not before.endswith(" ") \
                    and not line.inline else ""
                out.append(gap + mark(part))
            else:
                out.append(md_escape(part) if part.strip() else part)
        return Markup("".join(out))

    def tail_marks(line: Any) -> Markup:
        marks = line.marks
        return Markup(" " + "".join(mark(m) for m in marks)) if marks else Markup("")

    def location(ref: Reference) -> Markup:
        return _md_url(ref.url) if ref.url else Markup(md_escape(ref.location))

    template = _MD_ENV.get_template("article")
    text = template.render(article=article, statement=statement, tail_marks=tail_marks,
                           location=location)  # fmt: skip
    return re.sub(r"\n{3,}", "\n\n", text).rstrip("\n") + "\n"


def render_html(article: Article) -> str:
    refs = {r.number: r for r in article.references}

    def mark(m: Mark) -> Markup:
        ref = refs[m.number]
        anchor = ref.anchor(m.quotes[0]) if m.quotes else f"ref-{m.number}"
        return Markup('<sup class="cite"><a href="#{}" title="{}">[{}]</a></sup>').format(
            anchor, _tooltip(m.quotes), m.number
        )

    def statement(line: Any) -> Markup:
        out = Markup("")
        for part in line.parts:
            out += mark(part) if isinstance(part, Mark) else part
        return out

    template = _HTML_ENV.get_template("article.html")
    return template.render(article=article, statement=statement, style=Markup(ARTICLE_STYLE))
