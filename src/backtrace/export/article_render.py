"""An :class:`~backtrace.export.article.Article` as Markdown or as a standalone HTML page.

The Markdown form is laid out like the encyclopedia entries backtrace reads (a title
heading, a ``- **Label**: value`` infobox, ``##`` sections), so a generated article can be
ingested again. The HTML form escapes every piece of text and gives each citation the
quoted spans it rests on.
"""

from __future__ import annotations

from html import escape

from backtrace.export.article import Article, Line


def _marks(cites: list[int]) -> str:
    return "".join(f"[{n}]" for n in cites)


def _md_line(line: Line) -> str:
    marks = "" if line.inline else _marks(line.cites)
    return f"{line.text} {marks}" if marks else line.text


def render_markdown(article: Article) -> str:
    out = [f"# {article.title} (film)", ""]
    for row in article.infobox:
        label, _, value = row.text.partition(": ")
        out.append(f"- **{label}**: {value} {_marks(row.cites)}".rstrip())
    if article.infobox:
        out.append("")
    if article.lead:
        out += [" ".join(_md_line(line) for line in article.lead), ""]
    for section in article.sections:
        out += [f"## {section.heading}", ""]
        prose: list[str] = []
        for line in section.lines:
            if line.item:
                if prose:
                    out += [" ".join(prose), ""]
                    prose = []
                out.append(f"- {_md_line(line)}")
            else:
                prose.append(_md_line(line))
        if prose:
            out.append(" ".join(prose))
        out.append("")
    if article.references:
        out += ["## References", ""]
        for ref in article.references:
            when = f", {ref.date}" if ref.date else ""
            out.append(f"{ref.number}. {ref.path} ({ref.kind}{when}), document {ref.document}")
            for q in ref.quotes:
                quote = " ".join(q["text"].split())
                out.append(f"    - [{q['start']}:{q['end']}] “{quote}”")
        out.append("")
    return "\n".join(out)


def _html_marks(line: Line, quotes: dict[int, str]) -> str:
    if line.inline:
        return ""
    return "".join(
        f'<sup><a href="#ref-{n}" title="{escape(quotes.get(n, ""))}">[{n}]</a></sup>'
        for n in line.cites
    )


def render_html(article: Article) -> str:
    quotes = {
        ref.number: " … ".join(" ".join(q["text"].split()) for q in ref.quotes[:3])
        for ref in article.references
    }
    title = escape(article.title)
    year = f" ({article.year})" if article.year else ""
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{title}{year}</title></head><body><article>",
        f"<h1>{title}</h1>",
    ]
    if article.infobox:
        parts.append('<table class="infobox">')
        for row in article.infobox:
            label, _, value = row.text.partition(": ")
            parts.append(
                f"<tr><th>{escape(label)}</th><td>{escape(value)}"
                f"{_html_marks(row, quotes)}</td></tr>"
            )
        parts.append("</table>")
    if article.lead:
        parts.append(
            "<p>"
            + " ".join(escape(li.text) + _html_marks(li, quotes) for li in article.lead)
            + "</p>"
        )
    for section in article.sections:
        parts.append(f"<h2>{escape(section.heading)}</h2>")
        items = [li for li in section.lines if li.item]
        prose = [li for li in section.lines if not li.item]
        if prose:
            parts.append(
                "<p>" + " ".join(escape(li.text) + _html_marks(li, quotes) for li in prose) + "</p>"
            )
        if items:
            parts.append(
                "<ul>"
                + "".join(f"<li>{escape(li.text)}{_html_marks(li, quotes)}</li>" for li in items)
                + "</ul>"
            )
    if article.references:
        parts.append("<h2>References</h2><ol>")
        for ref in article.references:
            when = f", {escape(ref.date)}" if ref.date else ""
            quoted = "".join(
                f"<li><q>{escape(' '.join(q['text'].split()))}</q> "
                f"<small>[{q['start']}:{q['end']}]</small></li>"
                for q in ref.quotes
            )
            parts.append(
                f'<li id="ref-{ref.number}">{escape(ref.path)} ({escape(ref.kind)}{when})'
                f"<ul>{quoted}</ul></li>"
            )
        parts.append("</ol>")
    parts.append("</article></body></html>")
    return "\n".join(parts)
