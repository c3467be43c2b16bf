"""Countries: demonyms ("American") and spellings ("USA", "U.K.") -> one canonical name."""

from __future__ import annotations

import re

DEMONYMS: dict[str, str] = {
    "American": "United States", "British": "United Kingdom", "Scottish": "United Kingdom",
    "Welsh": "United Kingdom", "Indian": "India", "French": "France", "German": "Germany",
    "West German": "West Germany", "East German": "East Germany", "Canadian": "Canada",
    "Australian": "Australia", "Japanese": "Japan", "Chinese": "China", "Hong Kong": "Hong Kong",
    "Taiwanese": "Taiwan", "South Korean": "South Korea", "North Korean": "North Korea",
    "Korean": "South Korea", "Italian": "Italy", "Spanish": "Spain", "Mexican": "Mexico",
    "Irish": "Ireland", "Pakistani": "Pakistan", "Nigerian": "Nigeria", "Swedish": "Sweden",
    "Danish": "Denmark", "Norwegian": "Norway", "Finnish": "Finland", "Icelandic": "Iceland",
    "Russian": "Russia", "Soviet": "Soviet Union", "Brazilian": "Brazil",
    "Argentine": "Argentina", "Argentinian": "Argentina", "Chilean": "Chile",
    "Colombian": "Colombia", "Peruvian": "Peru", "Venezuelan": "Venezuela", "Cuban": "Cuba",
    "Uruguayan": "Uruguay", "Dutch": "Netherlands", "Belgian": "Belgium", "Swiss": "Switzerland",
    "Austrian": "Austria", "Polish": "Poland", "Czech": "Czech Republic",
    "Czechoslovak": "Czechoslovakia", "Slovak": "Slovakia", "Hungarian": "Hungary",
    "Romanian": "Romania", "Bulgarian": "Bulgaria", "Greek": "Greece", "Turkish": "Turkey",
    "Serbian": "Serbia", "Croatian": "Croatia", "Bosnian": "Bosnia and Herzegovina",
    "Slovenian": "Slovenia", "Yugoslav": "Yugoslavia", "Ukrainian": "Ukraine",
    "Georgian": "Georgia", "Armenian": "Armenia", "Estonian": "Estonia", "Latvian": "Latvia",
    "Lithuanian": "Lithuania", "Portuguese": "Portugal", "Israeli": "Israel",
    "Palestinian": "Palestine", "Lebanese": "Lebanon", "Egyptian": "Egypt",
    "Moroccan": "Morocco", "Tunisian": "Tunisia", "Algerian": "Algeria", "Iranian": "Iran",
    "Iraqi": "Iraq", "Saudi": "Saudi Arabia", "Emirati": "United Arab Emirates",
    "Yemeni": "Yemen", "Afghan": "Afghanistan", "Bangladeshi": "Bangladesh",
    "Sri Lankan": "Sri Lanka", "Nepali": "Nepal", "Nepalese": "Nepal", "Thai": "Thailand",
    "Vietnamese": "Vietnam", "Filipino": "Philippines", "Philippine": "Philippines",
    "Indonesian": "Indonesia", "Malaysian": "Malaysia", "Singaporean": "Singapore",
    "Kazakh": "Kazakhstan", "Mongolian": "Mongolia", "New Zealand": "New Zealand",
    "South African": "South Africa", "Kenyan": "Kenya", "Ghanaian": "Ghana",
    "Senegalese": "Senegal", "Ethiopian": "Ethiopia", "Jamaican": "Jamaica",
    "Puerto Rican": "Puerto Rico", "Luxembourgish": "Luxembourg",
}

COUNTRIES: frozenset[str] = frozenset(DEMONYMS.values()) | {
    "Luxembourg", "Qatar", "Jordan", "Syria", "Cyprus", "Malta", "Bhutan", "Cambodia",
    "Laos", "Myanmar", "Ecuador", "Bolivia", "Paraguay", "Costa Rica", "Panama", "Guatemala",
    "Dominican Republic", "Trinidad and Tobago", "North Macedonia", "Montenegro", "Albania",
    "Belarus", "Moldova", "Azerbaijan", "Uzbekistan", "Kyrgyzstan", "Tajikistan", "Macau",
}

_ALIASES: dict[str, str] = {
    "usa": "United States", "us": "United States", "u.s.": "United States",
    "u.s.a.": "United States", "united states of america": "United States",
    "america": "United States", "the united states": "United States",
    "uk": "United Kingdom", "u.k.": "United Kingdom", "britain": "United Kingdom",
    "great britain": "United Kingdom", "england": "United Kingdom",
    "scotland": "United Kingdom", "wales": "United Kingdom",
    "the united kingdom": "United Kingdom", "korea": "South Korea",
    "republic of korea": "South Korea", "ussr": "Soviet Union", "u.s.s.r.": "Soviet Union",
    "czechia": "Czech Republic", "people's republic of china": "China", "prc": "China",
    "uae": "United Arab Emirates", "holland": "Netherlands", "the netherlands": "Netherlands",
    "the philippines": "Philippines", "republic of ireland": "Ireland",
    "russian federation": "Russia",
}
_BY_LOWER: dict[str, str] = {c.lower(): c for c in COUNTRIES} | _ALIASES
_DEMONYM_BY_LOWER: dict[str, str] = {d.lower(): c for d, c in DEMONYMS.items()}


def country_from_demonym(word: str) -> str | None:
    """The country a demonym names: "American" -> "United States"; None when unknown."""
    return _DEMONYM_BY_LOWER.get(" ".join(word.split()).lower())


def normalize_country(name: str) -> str | None:
    """The canonical name of a country as written ("USA", "U.K."); None when unknown."""
    key = " ".join(name.split()).strip(" .,;").lower()
    return _BY_LOWER.get(key) or _BY_LOWER.get(key + ".")


def split_places(text: str) -> list[tuple[str, int, int]]:
    """Places in a list ("United States, United Kingdom") as (place, start, end).

    Splits on , ; / and line breaks, and on " and " only when the whole is not one known
    country ("Trinidad and Tobago" stays whole).
    """
    found: list[tuple[str, int, int]] = []
    for m in re.finditer(r"[^,;/\n]+", text):
        piece, start = m.group(0), m.start()
        parts: list[tuple[str, int]] = [(piece, start)]
        if " and " in piece and normalize_country(piece) is None:
            parts, pos = [], 0
            for sep in re.finditer(r"\s+and\s+", piece):
                parts.append((piece[pos:sep.start()], start + pos))
                pos = sep.end()
            parts.append((piece[pos:], start + pos))
        for part, pstart in parts:
            lead = len(part) - len(part.lstrip())
            name = part.strip()
            if any(c.isalpha() for c in name):
                found.append((name, pstart + lead, pstart + lead + len(name)))
    return found
