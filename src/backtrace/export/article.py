"""An encyclopedia-style article written from a film's stored facts, every sentence cited.

``build_article`` is a pure function of a film record (``KnowledgeBase.film(...,
sentences=True)``), the film's plot passage and its reception block. It only fills
templates with stored facts: each :class:`Line` keeps the facts it renders, so the test
suite can check that every sentence states stored facts and nothing else. A section with
no facts is left out. ``render_markdown`` and ``render_html`` turn the result into text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from backtrace.export.citations import Citations, Fact, Line, Reference
from backtrace.export.reception_text import reception_lines
from backtrace.model import PROPERTIES
from backtrace.render import format_money, format_value


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


# -- small phrase helpers ---------------------------------------------------------------
def join_words(words: Iterable[str]) -> str:
    """``["A", "B", "C"]`` -> ``"A, B and C"``."""
    items = [w for w in words if w]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def format_date(value: str) -> str:
    """An ISO date (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``) as people write it."""
    parts = str(value).split("-")
    try:
        if len(parts) == 3:
            d = date(int(parts[0]), int(parts[1]), int(parts[2]))
            return f"{d:%B} {d.day}, {d.year}"
        if len(parts) == 2:
            return f"{date(int(parts[0]), int(parts[1]), 1):%B %Y}"
    except ValueError:
        pass
    return str(value)


def place_phrase(name: str) -> str:
    """"United States" -> "the United States"; other names as they are."""
    words = str(name).split()
    if words and words[0].lower() in {"united", "republic", "netherlands", "philippines"}:
        return f"the {name}"
    return str(name)


def _believed(record: dict[str, Any], prop: str) -> list[Fact]:
    return [f for f in record["facts"].get(prop, []) if f.get("believed", True)]


def _all_sources(facts: Iterable[Fact]) -> list[dict[str, Any]]:
    return [s for f in facts for s in f.get("sources", [])]


class _Writer:
    """Collects lines and hands out citation numbers while the article is built."""

    def __init__(self) -> None:
        self.citations = Citations()

    def line(self, text: str, facts: list[tuple[str, Fact]], *, item: bool = False) -> Line:
        cites = self.citations.cite(_all_sources(f for _, f in facts))
        return Line(text=text, cites=cites, facts=facts, item=item)


def _names(facts: list[Fact]) -> str:
    return join_words(str(f["value"]) for f in facts)


# -- sections ----------------------------------------------------------------------------
def _lead(w: _Writer, record: dict[str, Any]) -> list[Line]:
    title = record["title"]
    used: list[tuple[str, Fact]] = []
    words = [title, "is a"]
    year = record.get("year")
    if year:
        dated = [
            f for f in _believed(record, "publication_date") if str(f["value"])[:4] == str(year)
        ]
        if dated:
            words.append(str(year))
            used.append(("publication_date", dated[0]))
    genres = _believed(record, "genre")
    if genres:
        words.append(join_words(str(g["value"]) for g in genres))
        used += [("genre", g) for g in genres]
    words.append("film")
    countries = _believed(record, "country_of_origin")
    if countries:
        words.append(f"from {join_words(place_phrase(c['value']) for c in countries)}")
        used += [("country_of_origin", c) for c in countries]
    directors = _believed(record, "director")
    if directors:
        words.append(f"directed by {_names(directors)}")
        used += [("director", d) for d in directors]
    cast = _believed(record, "cast_member")[:4]
    if cast:
        joiner = "and starring" if directors else "starring"
        words.append(f"{joiner} {_names(cast)}")
        used += [("cast_member", c) for c in cast]
    if not used:
        return []
    return [w.line(" ".join(words) + ".", used)]


_INFOBOX_ORDER = [p for p in PROPERTIES if p != "year"]


def _infobox(w: _Writer, record: dict[str, Any]) -> list[Line]:
    rows = []
    for prop in _INFOBOX_ORDER:
        facts = _believed(record, prop)
        if not facts:
            continue
        values = []
        for f in facts:
            text = format_value(prop, f["value"])
            if PROPERTIES[prop].value_type == "date":
                text = format_date(f["value"])
            if prop == "publication_date":
                text = format_date(f["value"])
                quals = f.get("qualifiers") or {}
                notes = [str(quals[k]) for k in ("kind", "region") if quals.get(k)]
                if quals.get("announced"):
                    notes.append("announced")
                if notes:
                    text += f" ({', '.join(notes)})"
            if prop == "box_office":
                where = (f.get("qualifiers") or {}).get("region")
                if where:
                    text += f" ({where})"
            values.append(text)
        label = PROPERTIES[prop].label
        rows.append(w.line(f"{label}: {'; '.join(values)}", [(prop, f) for f in facts]))
    return rows


def _cast(w: _Writer, record: dict[str, Any]) -> list[Line]:
    lines = []
    for fact in _believed(record, "cast_member"):
        quals = fact.get("qualifiers") or {}
        text = str(fact["value"])
        if quals.get("character"):
            text += f" as {quals['character']}"
        if quals.get("description"):
            text += f": {quals['description']}"
        lines.append(w.line(text, [("cast_member", fact)], item=True))
    return lines


def _disagreement(
    w: _Writer, prop: str, facts: list[Fact], what: str, show: Any = None
) -> Line:
    """"Sources disagree on X: A according to [1]; B according to [2]. backtrace believes A."

    ``show`` renders one fact (value with its qualifier: "$0 in North America")."""
    show = show or (lambda f: _plain(prop, f["value"]))
    parts = []
    for f in facts:
        refs = ", ".join(f"[{n}]" for n in w.citations.cite(f.get("sources", [])))
        parts.append(f"{show(f)} according to {refs}")
    text = f"Sources disagree on {what}: {'; '.join(parts)}."
    believed = [f for f in facts if f.get("believed")]
    if believed:
        text += f" The value believed is {join_words(show(f) for f in believed)}."
    return w.line(text, [(prop, f) for f in facts])


def _plain(prop: str, value: Any) -> str:
    if prop == "publication_date":
        return format_date(value)
    return format_value(prop, value)


def _single(w: _Writer, record: dict[str, Any], prop: str, template: str) -> list[Line]:
    """One sentence for a one-valued property, or the disagreement when sources differ."""
    facts = record["facts"].get(prop, [])
    if not facts:
        return []
    if any(f.get("status") == "conflict" for f in facts):
        return [_disagreement(w, prop, facts, f"the {PROPERTIES[prop].label.lower()}")]
    f = facts[0]
    return [w.line(template.format(_plain(prop, f["value"])), [(prop, f)])]


def _production(w: _Writer, record: dict[str, Any]) -> list[Line]:
    lines: list[Line] = []
    writers = _believed(record, "screenwriter")
    by_credit: dict[str, list[Fact]] = {}
    for f in writers:
        credit = (f.get("qualifiers") or {}).get("credit") or "writer"
        by_credit.setdefault(credit, []).append(f)
    for credit, facts in by_credit.items():
        what = {"screenplay": "the screenplay", "story": "the story"}.get(credit, "the film")
        lines.append(w.line(f"{_names(facts)} wrote {what}.", [("screenwriter", f) for f in facts]))
    for f in _believed(record, "announcement_date")[:1]:
        when = format_date(f["value"])
        on = "on" if len(str(f["value"])) == 10 else "in"
        lines.append(w.line(f"The film was announced {on} {when}.", [("announcement_date", f)]))
    for prop, template in (
        ("based_on", "It is based on {}."),
        ("producer", "It was produced by {}."),
        ("production_company", "The production companies were {}."),
        ("composer", "The music was composed by {}."),
        ("director_of_photography", "The director of photography was {}."),
        ("film_editor", "The film was edited by {}."),
        ("filming_location", "It was filmed in {}."),
    ):
        facts = _believed(record, prop)
        if not facts:
            continue
        text = template.format(_names(facts))
        days = [(f.get("qualifiers") or {}).get("shoot_days") for f in facts]
        if prop == "filming_location" and days[0] and len(set(days)) == 1:
            text = f"{text[:-1]}, in a shoot of {days[0]} days."
        lines.append(w.line(text, [(prop, f) for f in facts]))
    lines += _single(w, record, "cost", "The budget was {}.")
    lines += _single(w, record, "duration", "The film runs {}.")
    return lines


_KIND_PHRASES = {
    "theatrical": "in theaters",
    "wide": "in a wide theatrical release",
    "limited": "in a limited theatrical release",
    "vod": "through video on demand",
    "home video": "on home video",
    "premiere": "at its premiere",
    "digital": "digitally",
}


def _release_phrase(quals: dict[str, Any]) -> str:
    kind = str(quals.get("kind") or "").lower()
    phrase = _KIND_PHRASES.get(kind, f"({kind})" if kind else "")
    media = quals.get("media")
    if media:
        media_text = join_words(media) if isinstance(media, list) else str(media)
        phrase = f"on {media_text}" if kind == "home video" else f"{phrase} on {media_text}"
    region = quals.get("region")
    if region:
        where = place_phrase(region)
        phrase = f"{phrase} in {where}" if phrase else f"in {where}"
    if quals.get("festival"):
        phrase = f"{phrase} at {quals['festival']}"
    return phrase.strip()


def _release_shown(f: Fact) -> str:
    """"December 14, 2018 (announced, in a wide theatrical release)"."""
    quals = f.get("qualifiers") or {}
    notes = [_release_phrase(quals)] if _release_phrase(quals) else []
    if quals.get("announced"):
        notes.insert(0, "announced")
    return format_date(f["value"]) + (f" ({', '.join(notes)})" if notes else "")


def _release(w: _Writer, record: dict[str, Any]) -> list[Line]:
    title = record["title"]
    lines: list[Line] = []
    dates = record["facts"].get("publication_date", [])
    for f in sorted(dates, key=lambda f: str(f["value"])):
        if not f.get("believed", True):
            continue
        quals = f.get("qualifiers") or {}
        phrase = _release_phrase(quals)
        when = format_date(f["value"])
        verb = "was announced for release" if quals.get("announced") else "was released"
        text = f"{title} {verb} {phrase} on {when}." if phrase else f"{title} {verb} on {when}."
        lines.append(w.line(text.replace("  ", " "), [("publication_date", f)]))
    rivals = [f for f in dates if f.get("status") == "conflict"]
    if rivals:
        lines.append(
            _disagreement(
                w,
                "publication_date",
                rivals,
                "the release",
                _release_shown,
            )
        )
    distributors = _believed(record, "distributor")
    if distributors:
        lines.append(
            w.line(
                f"It was distributed by {_names(distributors)}.",
                [("distributor", f) for f in distributors],
            )
        )
    lines += _box_office(w, record)
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


def _box_office(w: _Writer, record: dict[str, Any]) -> list[Line]:
    facts = record["facts"].get("box_office", [])
    plain = [f for f in facts if f.get("status") != "conflict" and f.get("believed", True)]
    rivals = [f for f in facts if f.get("status") == "conflict"]

    def show(f: Fact) -> str:
        region = (f.get("qualifiers") or {}).get("region")
        return f"{format_money(f['value'])}{_region_phrase(region)}"

    lines: list[Line] = []
    if plain:
        parts = [show(f) for f in plain]
        used = [("box_office", f) for f in plain]
        lines.append(w.line(f"It grossed {join_words(parts)}.", used))
    if rivals:
        lines.append(_disagreement(w, "box_office", rivals, "the box office", show))
    return lines


def _plot(w: _Writer, plot: dict[str, Any] | None, max_chars: int) -> list[Line]:
    if not plot or not plot.get("text", "").strip():
        return []
    text = plot["text"].strip()
    if len(text) > max_chars:
        cut = text.rfind(". ", 0, max_chars)
        text = text[: cut + 1] if cut > 0 else text[:max_chars].rsplit(" ", 1)[0] + " …"
    source = {
        "document": plot["document"],
        "path": plot.get("path", ""),
        "kind": plot.get("kind", ""),
        "date": plot.get("date"),
        "start": plot["start"],
        "end": plot["start"] + len(text),
        "text": text,
    }
    cites = w.citations.cite([source])
    fact = {"value": text, "sources": [source], "status": "agreed", "believed": True}
    return [
        Line(text=text, cites=cites, facts=[("plot", fact)]),
        Line(
            text=f"(Plot summary taken from {plot.get('path') or 'the source'}.)",
            cites=cites,
            facts=[("plot", fact)],
        ),
    ]


def build_article(
    record: dict[str, Any],
    *,
    plot: dict[str, Any] | None = None,
    reception: dict[str, Any] | None = None,
    plot_chars: int = 1500,
) -> Article:
    """The article for one film record; sections without facts are left out."""
    w = _Writer()
    lead = _lead(w, record)
    infobox = _infobox(w, record)
    sections = [
        Section("Plot", _plot(w, plot, plot_chars)),
        Section("Cast", _cast(w, record)),
        Section("Production", _production(w, record)),
        Section("Release", _release(w, record)),
        Section("Reception", reception_lines(w.citations, reception) if reception else []),
    ]
    return Article(
        title=record["title"],
        year=record.get("year"),
        infobox=infobox,
        lead=lead,
        sections=[s for s in sections if s.lines],
        references=w.citations.references,
    )
