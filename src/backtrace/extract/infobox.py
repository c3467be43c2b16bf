"""The ``infobox`` component: one claim per value of each ``- Key: Value`` infobox line."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from backtrace.extract.component import claim, dedupe
from backtrace.extract.docparts import InfoboxEntry, infobox_entries
from backtrace.extract.normalize import (
    find_dates,
    find_duration,
    find_money,
    normalize_country,
    ref_date,
    split_names,
    split_places,
)
from backtrace.model import PROPERTIES, Claim, Document
from backtrace.vocabulary import YEAR

CONFIDENCE = 0.95

# normalised key -> (property, qualifiers)
_KEYS: dict[str, tuple[str, dict[str, Any]]] = {}


def _add(prop: str, *keys: str, **qualifiers: Any) -> None:
    for key in keys:
        _KEYS[key] = (prop, qualifiers)


_add("director", "director", "directors", "directed by", "direction")
_add("producer", "producer", "producers", "produced by")
_add("executive_producer", "executive producer", "executive producers", "executive produced by")
_add("screenwriter", "screenplay", "screenplay by", "screenplays", "teleplay", "teleplay by",
     credit="screenplay")
_add("screenwriter", "story", "story by", "original story", credit="story")
_add("screenwriter", "writer", "writers", "written by", credit="writer")
_add("based_on", "based on", "based upon", "adapted from")
_add("cast_member", "starring", "stars", "cast", "main cast")
_add("narrator", "narrator", "narrators", "narrated by")
_add("composer", "music", "music by", "composer", "composers", "original music",
     "music composed by", "score", "score by")
_add("director_of_photography", "cinematography", "cinematographer", "cinematographers",
     "director of photography", "cinematography by")
_add("film_editor", "editing", "edited by", "editor", "editors", "film editing")
_add("production_company", "studio", "studios", "production company",
     "production companies", "production house", "production companies by")
_add("distributor", "distributor", "distributors", "distributed by", "distribution")
_add("publication_date", "released", "release date", "release dates", "release",
     "released date", "premiere", "first released")
_add("duration", "runtime", "running time", "run time", "length", "duration")
_add("country_of_origin", "country", "countries", "country of origin")
_add("original_language", "language", "languages", "original language")
_add("cost", "budget", "production budget")
_add("box_office", "gross", "box office", "worldwide gross", region="worldwide")
_add("genre", "genre", "genres")
_add("year", "year", "release year", "year of release")
_add("filming_location", "filming location", "filming locations", "location", "locations")

_NOTE_AFTER = re.compile(r"\s*\(([^()]{1,80})\)")
_LIST_SPLIT = re.compile(r"[^,;/\n]+")
_YEAR = re.compile(rf"(?<!\d){YEAR}(?!\d)")


def normalize_key(key: str) -> str:
    """An infobox key for lookup: "Producer(s)" -> "producer", "Release_date:" -> "release date"."""
    key = key.replace("_", " ").strip().rstrip(":").lower()
    key = re.sub(r"\(s\)$", "", key)
    return " ".join(key.split())


def property_for_key(key: str) -> tuple[str, dict[str, Any]] | None:
    """The property (and fixed qualifiers) an infobox key maps to; None for unknown keys."""
    return _KEYS.get(normalize_key(key))


def _note_after(text: str, end: int, stop: int) -> str | None:
    """A parenthesised note written right after a value: "June 26, 1959 (Los Angeles)"."""
    m = _NOTE_AFTER.match(text, end, stop)
    if not m or re.fullmatch(r"\s*[IVX]+\s*", m.group(1)):
        return None  # "Happinet (I)": a catalogue's disambiguator, not a note
    return " ".join(re.sub(r"\s+([,;])", r"\1", m.group(1)).split()) or None


class InfoboxExtractor:
    """Claims from the ``- Key: Value`` lines of a document's Infobox section."""

    name = "infobox"
    requires: tuple[str, ...] = ("sections:Infobox",)
    produces: tuple[str, ...] = tuple(sorted({p for p, _ in _KEYS.values()}))

    def __call__(self, doc: Document, found: Sequence[Claim] = ()) -> list[Claim]:
        claims: list[Claim] = []
        for entry in infobox_entries(doc):
            mapped = property_for_key(entry.key)
            if mapped is not None:
                claims.extend(self._entry(doc, entry, *mapped))
        return dedupe(claims)

    def _claim(self, doc: Document, prop: str, value: Any, start: int, end: int,
               qualifiers: dict[str, Any]) -> Claim:
        return claim(doc, prop, value, start, end, extractor=self.name,
                     confidence=CONFIDENCE, qualifiers=qualifiers)

    def _entry(self, doc: Document, entry: InfoboxEntry, prop: str,
               fixed: dict[str, Any]) -> list[Claim]:
        text, vs, ve = doc.text, entry.value_start, entry.value_end
        value_text = text[vs:ve]
        kind = PROPERTIES[prop].value_type
        out: list[Claim] = []
        if kind in ("person", "organization"):
            for name, s, e in split_names(value_text):
                quals = dict(fixed)
                note = _note_after(text, vs + e, ve)
                if note:
                    quals["note"] = note
                out.append(self._claim(doc, prop, name, vs + s, vs + e, quals))
        elif kind == "date":
            for found in find_dates(value_text, ref=ref_date(doc.date), years=True):
                quals = dict(fixed)
                region = found.region or _note_after(text, vs + found.end, ve)
                if region:
                    quals["region"] = region
                out.append(self._claim(doc, prop, found.iso, vs + found.start, vs + found.end,
                                       quals))
        elif kind == "duration":
            dur = find_duration(value_text)
            if dur is not None:
                out.append(self._claim(doc, prop, dur.minutes, vs + dur.start, vs + dur.end,
                                       dict(fixed)))
        elif kind == "money":
            amounts = find_money(value_text)
            if amounts:
                money = amounts[0]
                quals = dict(fixed)
                region = _note_after(text, vs + money.end, ve)
                if region and prop == "box_office":
                    quals["region"] = region
                out.append(self._claim(doc, prop, money.value, vs + money.start,
                                       vs + money.end, quals))
        elif kind == "place":
            for place, s, e in split_places(value_text):
                value = normalize_country(place) if prop == "country_of_origin" else None
                out.append(self._claim(doc, prop, value or place, vs + s, vs + e, dict(fixed)))
        elif kind == "year":
            for m in _YEAR.finditer(value_text):
                out.append(self._claim(doc, prop, int(m.group()), vs + m.start(),
                                       vs + m.end(), dict(fixed)))
                break
        elif prop == "based_on":
            value = " ".join(value_text.split())
            out.append(self._claim(doc, prop, value, vs, ve, dict(fixed)))
        else:  # original_language, genre: short words in a list
            for m in _LIST_SPLIT.finditer(value_text):
                for name, s, _e in split_names(m.group(0)):
                    value = name.lower() if prop == "genre" else name
                    start = vs + m.start() + s
                    out.append(self._claim(doc, prop, value, start, start + len(name),
                                           dict(fixed)))
        return out
