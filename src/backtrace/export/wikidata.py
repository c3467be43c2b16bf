"""A film record as QuickStatements (version 1, tab-separated) for Wikidata.

Layout, one film at a time:

- ``CREATE`` then ``LAST`` lines for the film (``Len`` label, ``Den`` description,
  ``P31 Q11424``), since backtrace keeps no Wikidata ids of its own.
- One statement per fact and source, with its qualifiers (character role P453 with the
  character's name P4633, place of publication P291, distribution format P437, point in
  time P585 for a box-office figure dated by its source) and a reference: reference URL
  (S854) when the document has one, and always the quoted sentence (S1683).
- Item values are Wikidata ids where the value is one of a small set of well-known
  items (countries, languages, genres, currencies, formats); a person or company with no
  known id is given as ``somevalue`` with "object named as" (P1932), so nothing points at
  a wrong item, and is created as a new item after the film (``CREATE`` block with label
  and ``P31``), ready to be linked by hand or by a second pass. (Version 1 can refer only
  to the last created item, so a new film cannot point at a new person in one batch.)
- A property in conflict is exported with every value; the references say which
  source states which. Announced release dates are left out: they are not publications.
"""

from __future__ import annotations

from typing import Any

from backtrace.model import PROPERTIES

FILM = "Q11424"
HUMAN = "Q5"
ORGANIZATION = "Q43229"
MINUTE = "Q7727"

PROPERTY_IDS = {
    "director": "P57",
    "screenwriter": "P58",
    "producer": "P162",
    "cast_member": "P161",
    "narrator": "P2438",
    "composer": "P86",
    "director_of_photography": "P344",
    "film_editor": "P1040",
    "production_company": "P272",
    "distributor": "P750",
    "publication_date": "P577",
    "duration": "P2047",
    "country_of_origin": "P495",
    "original_language": "P364",
    "genre": "P136",
    "cost": "P2130",
    "box_office": "P2142",
    "filming_location": "P915",
    "announcement_date": "P6949",
}
_PERSON_PROPS = {p.name for p in PROPERTIES.values() if p.value_type == "person"}
_ORG_PROPS = {p.name for p in PROPERTIES.values() if p.value_type == "organization"}

# Well-known items only; anything else is "somevalue" named as written.
KNOWN_ITEMS = {
    "country": {
        "united states": "Q30",
        "united states of america": "Q30",
        "usa": "Q30",
        "united kingdom": "Q145",
        "uk": "Q145",
        "france": "Q142",
        "germany": "Q183",
        "canada": "Q16",
        "australia": "Q408",
        "india": "Q668",
        "japan": "Q17",
        "italy": "Q38",
        "spain": "Q29",
        "china": "Q148",
        "south korea": "Q884",
        "belgium": "Q31",
        "ireland": "Q27",
        "mexico": "Q96",
        "north america": "Q49",
    },
    "language": {
        "english": "Q1860",
        "french": "Q150",
        "german": "Q188",
        "spanish": "Q1321",
        "italian": "Q652",
        "japanese": "Q5287",
        "hindi": "Q1568",
        "korean": "Q9176",
    },
    "genre": {
        "action": "Q188473",
        "crime": "Q959790",
        "thriller": "Q2484376",
        "drama": "Q130232",
        "comedy": "Q157443",
        "horror": "Q200092",
        "science fiction": "Q471839",
        "documentary": "Q93204",
        "western": "Q172980",
    },
    "currency": {"USD": "Q4917", "EUR": "Q4916", "GBP": "Q25224"},
    "format": {"dvd": "Q5294", "blu-ray": "Q47770", "video on demand": "Q723685", "vod": "Q723685"},
}


def qs_string(text: Any) -> str:
    """A QuickStatements string literal; v1 has no escapes, so quotes and tabs are replaced."""
    clean = " ".join(str(text).split()).replace('"', "\u201d")
    return f'"{clean}"'


def qs_date(value: str) -> str:
    """``2018-12-14`` -> ``+2018-12-14T00:00:00Z/11`` (precision: 11 day, 10 month, 9 year)."""
    parts = str(value).split("-")
    if len(parts) == 3:
        return f"+{value}T00:00:00Z/11"
    if len(parts) == 2:
        return f"+{value}-01T00:00:00Z/10"
    return f"+{parts[0]}-01-01T00:00:00Z/9"


def _item(kind: str, value: Any) -> str | None:
    return KNOWN_ITEMS[kind].get(str(value).strip().lower())


def _value(prop: str, value: Any) -> tuple[str, list[str]]:
    """(the value column, extra qualifier columns) for one fact value."""
    if prop in ("publication_date", "announcement_date"):
        return qs_date(value), []
    if prop == "duration":
        return f"{int(value)}U{MINUTE[1:]}", []
    if prop in ("cost", "box_office") and isinstance(value, dict):
        unit = KNOWN_ITEMS["currency"].get(value.get("currency", ""))
        amount = f"{int(value['amount'])}"
        return (f"{amount}U{unit[1:]}" if unit else amount), []
    kind = {
        "country_of_origin": "country",
        "original_language": "language",
        "genre": "genre",
    }.get(prop)
    if kind:
        known = _item(kind, value)
        if known:
            return known, []
    return "somevalue", ["P1932", qs_string(value)]


def _qualifiers(prop: str, quals: dict[str, Any]) -> list[str]:
    cols: list[str] = []
    if prop == "cast_member" and quals.get("character"):
        cols += ["P4633", qs_string(quals["character"])]  # name of the character role
        cols += ["P453", "somevalue"]  # character role: the character item is not known
    if prop == "publication_date":
        region = quals.get("region")
        if region:
            known = _item("country", region)
            cols += ["P291", known] if known else ["P291", "somevalue"]
        media = quals.get("media") or []
        if isinstance(media, str):
            media = [media]
        kind = str(quals.get("kind") or "")
        for m in [*media, kind]:
            known = KNOWN_ITEMS["format"].get(str(m).lower())
            if known:
                cols += ["P437", known]
    if prop == "box_office":
        region = quals.get("region")
        known = _item("country", region) if region else None
        if known:
            cols += ["P3005", known]  # valid in place
    return cols


def _reference(source: dict[str, Any]) -> list[str]:
    cols: list[str] = []
    url = source.get("url")
    if url:
        cols += ["S854", qs_string(url)]
    quote = (source.get("sentence") or source).get("text", "")
    cols += ["S1683", "en:" + qs_string(quote[:400])]
    return cols


def film_statements(record: dict[str, Any], reception: dict[str, Any] | None = None) -> list[str]:
    """The QuickStatements lines for one film record (``KnowledgeBase.film(...,
    sentences=True)`` gives the quoted sentences the references carry)."""
    lines = ["CREATE", f"LAST\tLen\t{qs_string(record['title'])}"]
    year = record.get("year")
    lines.append(f"LAST\tDen\t{qs_string(f'{year} film' if year else 'film')}")
    lines.append(f"LAST\tP31\t{FILM}")
    new_items: dict[str, str] = {}
    for prop, facts in record["facts"].items():
        pid = PROPERTY_IDS.get(prop)
        if pid is None:
            continue
        for fact in facts:
            value, extra = _value(prop, fact["value"])
            quals = _qualifiers(prop, fact.get("qualifiers") or {})
            if prop == "publication_date" and (fact.get("qualifiers") or {}).get("announced"):
                continue  # an announcement is not a publication
            if value == "somevalue":
                if prop in _PERSON_PROPS:
                    new_items.setdefault(str(fact["value"]), HUMAN)
                elif prop in _ORG_PROPS:
                    new_items.setdefault(str(fact["value"]), ORGANIZATION)
            sources = fact.get("sources") or [{}]
            for source in sources:
                dated = ["P585", qs_date(source["date"])] if prop == "box_office" and source.get(
                    "date"
                ) else []
                cols = ["LAST", pid, value, *extra, *quals, *dated, *_reference(source)]
                lines.append("\t".join(cols))
    if reception and reception.get("count") and reception.get("approval") is not None:
        # review score P444 (the share of positive reviews backtrace counted) with the number
        # of reviews (P7887); one line per counted review, each referencing its verdict
        score = ["LAST", "P444", qs_string(f"{round(reception['approval'])}%")]
        score += ["P7887", str(int(reception["count"]))]
        for review in reception.get("reviews", []):
            for source in review.get("sources", [])[:1]:
                lines.append("\t".join([*score, *_reference(source)]))
    for name, kind in new_items.items():
        lines += ["CREATE", f"LAST\tLen\t{qs_string(name)}", f"LAST\tP31\t{kind}"]
    return lines
