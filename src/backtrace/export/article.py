"""An encyclopedia-style article written from a film's stored facts, every statement cited
at the sentence.

``build_article`` is a pure function of a film record (a ``FilmRecord`` read with
sentences: ``KnowledgeBase.record(..., sentences=True)``), the film's plot passage, its
reception block and the cited documents (:func:`backtrace.export.sources.film_export`
gathers them). It only fills phrases with stored facts: each :class:`Line` keeps the facts
it renders (as JSON) and marks citing the sentences they come from, so the test suite
(and ``bench/citations.py``) can check that every statement's value is in a sentence it
cites. A section with no facts is left out. ``render_markdown`` and ``render_html`` turn
the result into text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from backtrace.export.article_text import (
    a_or_an,
    format_date,
    join_words,
    leads,
    place_phrase,
    release_shown,
    releases_phrase,
)
from backtrace.export.citations import Citations, Line, Mark, Reference
from backtrace.export.reception_text import reception_lines
from backtrace.export.sources import FilmExport, SourceDocument
from backtrace.model import PROPERTIES
from backtrace.render import format_money, format_value
from backtrace.store.records import Fact, FilmRecord, Source

__all__ = ["Article", "Section", "build_article", "format_date", "join_words", "place_phrase"]


@dataclass(slots=True)
class Section:
    heading: str
    lines: list[Line]


@dataclass(slots=True)
class Article:
    title: str
    year: int | None
    infobox: list[Line]
    lead: list[Line]
    sections: list[Section]
    references: list[Reference]

    @property
    def heading(self) -> str:
        """The article's title, the same in every form: "Backtrace (2018 film)"."""
        return f"{self.title} ({self.year} film)" if self.year else f"{self.title} (film)"

    def lines(self) -> list[Line]:
        """Every statement, in reading order."""
        return self.infobox + self.lead + [li for s in self.sections for li in s.lines]


def _sources(facts: Iterable[Fact]) -> list[Source]:
    return [s for f in facts for s in f.sources]


def _stated(facts: list[tuple[str, Fact]]) -> list[tuple[str, dict[str, Any]]]:
    """What a line keeps of the facts it renders: each as JSON."""
    return [(prop, f.to_json()) for prop, f in facts]


class _Writer:
    """Makes lines, handing out citation numbers as the article is built."""

    def __init__(self, documents: dict[str, SourceDocument] | None) -> None:
        self.citations = Citations(dict(documents or {}))

    def line(
        self,
        text: str,
        facts: list[tuple[str, Fact]],
        *,
        item: bool = False,
        sources: list[Source] | None = None,
        label: str | None = None,
    ) -> Line:
        """A statement citing the sentences of its facts (or of ``sources`` when given)."""
        cited = _sources(f for _, f in facts) if sources is None else sources
        marks: list[str | Mark] = list(self.citations.marks(cited))
        return Line([text, *marks], _stated(facts), item=item, label=label)


def _names(facts: list[Fact]) -> str:
    return join_words(str(f.value) for f in facts)


# -- the lead ---------------------------------------------------------------------------------
def _lead(w: _Writer, record: FilmRecord) -> list[Line]:
    used: list[tuple[str, Fact]] = []
    cited: list[Source] = []
    words: list[str] = []
    year = record.year
    if year:
        dated = [f for f in record.believed("publication_date")
                 if str(f.value)[:4] == str(year)]  # fmt: skip
        if dated:
            words.append(str(year))
            used.append(("publication_date", dated[0]))
            cited += dated[0].sources
    genres = record.believed("genre")
    if genres:
        words.append(join_words(str(g.value) for g in genres))
        used += [("genre", g) for g in genres]
        cited += _sources(genres)
    words.append("film")
    countries = record.believed("country_of_origin")
    if countries:
        words.append(f"from {join_words(place_phrase(c.value) for c in countries)}")
        used += [("country_of_origin", c) for c in countries]
        cited += _sources(countries)
    directors = record.believed("director")
    if directors:
        words.append(f"directed by {_names(directors)}")
        used += [("director", d) for d in directors]
        cited += _sources(directors)
    starring = leads(record.believed("cast_member"))
    if starring:
        joiner = "and starring" if directors else "starring"
        words.append(f"{joiner} {join_words(str(f.value) for f, _ in starring)}")
        used += [("cast_member", f) for f, _ in starring]
        cited += [s for _, srcs in starring for s in srcs]
    if not used:
        return []
    text = f"{record.title} is {a_or_an(words[0])} {' '.join(words)}."
    return [w.line(text, used, sources=cited)]


# -- infobox and cast -------------------------------------------------------------------------
_INFOBOX_ORDER = [p for p in PROPERTIES if p != "year"]


def _infobox_value(prop: str, f: Fact) -> str:
    if PROPERTIES[prop].value_type == "date":
        text = format_date(f.value)
    else:
        text = format_value(prop, f.value)
    quals = f.qualifiers or {}
    if prop == "publication_date":
        notes = [str(quals[k]) for k in ("kind", "region") if quals.get(k)]
        if quals.get("announced"):
            notes.append("announced")
        if notes:
            text += f" ({', '.join(notes)})"
    if prop == "box_office" and quals.get("region"):
        text += f" ({quals['region']})"
    return text


def _infobox(w: _Writer, record: FilmRecord) -> list[Line]:
    rows = []
    for prop in _INFOBOX_ORDER:
        facts = record.believed(prop)
        if facts:
            values = "; ".join(_infobox_value(prop, f) for f in facts)
            label = PROPERTIES[prop].label
            rows.append(w.line(values, [(prop, f) for f in facts], label=label))
    return rows


def _cast(w: _Writer, record: FilmRecord) -> list[Line]:
    lines = []
    for fact in record.believed("cast_member"):
        quals = fact.qualifiers or {}
        text = str(fact.value)
        if quals.get("character"):
            text += f" as {quals['character']}"
        if quals.get("description"):
            text += f": {quals['description']}"
        lines.append(w.line(text, [("cast_member", fact)], item=True))
    return lines


# -- disagreements ----------------------------------------------------------------------------
def _plain(prop: str, value: Any) -> str:
    if prop in ("publication_date", "announcement_date"):
        return format_date(value)
    return format_value(prop, value)


def _disagreement(w: _Writer, prop: str, facts: list[Fact], what: str, show: Any = None) -> Line:
    """"Sources disagree on X: A according to [1]; B according to [2]. The value believed
    is A." Each value's marks stand next to it and quote its own sentences."""
    show = show or (lambda f: _plain(prop, f.value))
    parts: list[str | Mark] = [f"Sources disagree on {what}: "]
    for i, f in enumerate(facts):
        parts.append(("; " if i else "") + f"{show(f)} according to ")
        marks = w.citations.marks(f.sources)
        for j, mark in enumerate(marks):
            parts += [", "] if j else []
            parts.append(mark)
    believed = [f for f in facts if f.believed]
    tail = "."
    if believed:
        tail += f" The value believed is {join_words(show(f) for f in believed)}."
    parts.append(tail)
    return Line(parts, _stated([(prop, f) for f in facts]))


def _vary_disagreements(lines: list[Line]) -> list[Line]:
    """Two disagreements in a row do not open alike: the second "The sources also differ"."""
    for before, line in zip(lines, lines[1:], strict=False):
        first, second = before.parts[0], line.parts[0]
        if (isinstance(first, str) and isinstance(second, str)
                and first.startswith("Sources disagree on ")
                and second.startswith("Sources disagree on ")):  # fmt: skip
            line.parts[0] = "The sources also differ on " + second[len("Sources disagree on ") :]
    return lines


def _single(w: _Writer, record: FilmRecord, prop: str, template: str) -> list[Line]:
    """One sentence for a one-valued property, or the disagreement when sources differ."""
    facts = record.facts.get(prop, [])
    if not facts:
        return []
    if any(f.status == "conflict" for f in facts):
        return [_disagreement(w, prop, facts, f"the {PROPERTIES[prop].label.lower()}")]
    f = next((f for f in facts if f.believed), facts[0])
    return [w.line(template.format(_plain(prop, f.value)), [(prop, f)])]


# -- production -------------------------------------------------------------------------------
_PRODUCTION = (
    ("based_on", "It is based on {}."),
    ("producer", "It was produced by {}."),
    ("production_company", "The production companies were {}."),
    ("composer", "{} composed the music."),
    ("director_of_photography", "{} was the director of photography."),
    ("film_editor", "{} edited the film."),
    ("filming_location", "Filming took place in {}."),
)


def _production(w: _Writer, record: FilmRecord) -> list[Line]:
    lines: list[Line] = []
    by_credit: dict[str, list[Fact]] = {}
    for f in record.believed("screenwriter"):
        credit = (f.qualifiers or {}).get("credit") or "writer"
        by_credit.setdefault(credit, []).append(f)
    for credit, facts in by_credit.items():
        what = {"screenplay": "the screenplay", "story": "the story"}.get(credit, "the film")
        lines.append(w.line(f"{_names(facts)} wrote {what}.", [("screenwriter", f) for f in facts]))
    for f in record.believed("announcement_date")[:1]:
        on = "on" if len(str(f.value)) == 10 else "in"
        text = f"The film was announced {on} {format_date(f.value)}."
        lines.append(w.line(text, [("announcement_date", f)]))
    for prop, template in _PRODUCTION:
        facts = record.believed(prop)
        if not facts:
            continue
        text = template.format(_names(facts))
        if prop == "production_company" and len(facts) == 1:
            text = f"The production company was {_names(facts)}."
        days = [(f.qualifiers or {}).get("shoot_days") for f in facts]
        if prop == "filming_location" and days[0] and len(set(days)) == 1:
            text = f"{text[:-1]}, in a shoot of {days[0]} days."
        lines.append(w.line(text, [(prop, f) for f in facts]))
    lines += _single(w, record, "cost", "The budget was {}.")
    lines += _single(w, record, "duration", "Its running time is {}.")
    return _vary_disagreements(lines)


# -- release ----------------------------------------------------------------------------------
def _release_sentences(w: _Writer, title: str, facts: list[Fact]) -> list[Line]:
    """The releases, one sentence a day, each opening differently: "X was released ... on
    D1. On D2, it was released .... It was later released ... on D3, ... on D4 and ..."."""
    days: dict[tuple[str, bool], list[Fact]] = {}
    for f in sorted(facts, key=lambda f: str(f.value)):
        announced = bool((f.qualifiers or {}).get("announced"))
        days.setdefault((str(f.value), announced), []).append(f)
    clauses = []
    for (value, announced), group in days.items():
        phrase = releases_phrase(group)
        verb = "scheduled for release" if announced else "released"
        clauses.append((f"{verb} {phrase}".strip(), format_date(value), group))
    lines: list[Line] = []
    for i, (vp, when, group) in enumerate(clauses[:2]):
        text = f"{title} was {vp} on {when}." if i == 0 else f"On {when}, it was {vp}."
        lines.append(w.line(text, [("publication_date", f) for f in group]))
    rest = clauses[2:]
    if rest:
        parts, verb = [], ""
        for vp, when, _ in rest:  # "released on A on D1 and on B on D2": the verb once
            same = vp.split(" on ", 1)[0] if vp.startswith("released on ") else None
            parts.append(f"{vp[len('released ') :] if same and verb == same else vp} on {when}")
            verb = same or ""
        text = "It was later " + join_words(parts) + "."
        used = [("publication_date", f) for _, _, group in rest for f in group]
        lines.append(w.line(text, used))
    return lines


def _region_phrase(region: str | None) -> str:
    if not region:
        return ""
    low = region.lower()
    if low == "worldwide":
        return " worldwide"
    if "home video" in low or "sales" in low:
        return f" from {region}"
    return f" in {region}"


def _box_office(w: _Writer, record: FilmRecord) -> list[Line]:
    facts = record.facts.get("box_office", [])
    plain = [f for f in facts if f.status != "conflict" and f.believed]
    rivals = [f for f in facts if f.status == "conflict"]

    def show(f: Fact) -> str:
        region = (f.qualifiers or {}).get("region")
        return f"{format_money(f.value)}{_region_phrase(region)}"

    lines: list[Line] = []
    if plain:
        text = f"The film grossed {join_words(show(f) for f in plain)}."
        lines.append(w.line(text, [("box_office", f) for f in plain]))
    if rivals:
        lines.append(_disagreement(w, "box_office", rivals, "the box office", show))
    sales = record.believed("home_media_sales")
    if sales:  # not box office: said apart
        amounts = join_words(format_money(f.value) for f in sales)
        text = f"It earned {amounts} from home media sales."
        lines.append(w.line(text, [("home_media_sales", f) for f in sales]))
    return lines


def _release(w: _Writer, record: FilmRecord) -> list[Line]:
    dates = record.facts.get("publication_date", [])
    plain = [f for f in dates if f.believed and f.status != "conflict"]
    rivals = [f for f in dates if f.status == "conflict"]
    lines = _release_sentences(w, record.title, plain)
    if rivals:
        lines.append(_disagreement(w, "publication_date", rivals, "the release", release_shown))
    distributors = record.believed("distributor")
    if distributors:
        text = f"{_names(distributors)} distributed the film."
        lines.append(w.line(text, [("distributor", f) for f in distributors]))
    lines += _box_office(w, record)
    return _vary_disagreements(lines)


# -- plot -------------------------------------------------------------------------------------
def _plot(w: _Writer, plot: dict[str, Any] | None, max_chars: int) -> list[Line]:
    """The plot summary of the best source, quoted and cited once."""
    if not plot or not plot.get("text", "").strip():
        return []
    text = plot["text"].strip()
    shown = text
    if len(text) > max_chars:
        cut = text.rfind(". ", 0, max_chars)
        text = text[: cut + 1] if cut > 0 else text[:max_chars].rsplit(" ", 1)[0]
        shown = text if cut > 0 else text + " …"
    source = Source(plot["document"], plot.get("path", ""), plot.get("kind", ""),
                    plot.get("date"), plot["start"], plot["start"] + len(text), text)  # fmt: skip
    fact = {"value": text, "sources": [source.to_json()], "status": "agreed", "believed": True}
    marks: list[str | Mark] = list(w.citations.marks([source]))
    return [Line([" ".join(shown.split()), *marks], [("plot", fact)])]


def build_article(
    record: FilmRecord,
    *,
    plot: dict[str, Any] | None = None,
    reception: dict[str, Any] | None = None,
    documents: dict[str, SourceDocument] | None = None,
    plot_chars: int = 1500,
) -> Article:
    """The article for one film record; sections without facts are left out. ``documents``
    (``film_export``) names the references; without it they are named by the sources."""
    w = _Writer(documents)
    infobox = _infobox(w, record)  # numbered in reading order
    lead = _lead(w, record)
    sections = [
        Section("Plot", _plot(w, plot, plot_chars)),
        Section("Cast", _cast(w, record)),
        Section("Production", _production(w, record)),
        Section("Release", _release(w, record)),
        Section("Reception", reception_lines(w.citations, reception) if reception else []),
    ]
    return Article(
        title=record.title,
        year=record.year,
        infobox=infobox,
        lead=lead,
        sections=[s for s in sections if s.lines],
        references=w.citations.references,
    )


def film_article(data: FilmExport) -> Article:
    """The article of one film from what :func:`~backtrace.export.sources.film_export`
    read (its record, plot passage, reception and cited documents): the one recipe the CLI,
    the API and the web server share."""
    return build_article(data.record, plot=data.plot, reception=data.reception,
                         documents=data.documents)  # fmt: skip
