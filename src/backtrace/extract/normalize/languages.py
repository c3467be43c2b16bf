"""Languages films are made in, as their English names.

:func:`language_name` reads one word as a language ("Tamil", "malayalam"). A word that is
also a nationality ("French", "Korean") reads as a country in a film's descriptor ("a 2018
French drama film" says where it is from), so a descriptor only takes such a word as a
language when it says so: "French-language", "French language".
"""

from __future__ import annotations

LANGUAGES: frozenset[str] = frozenset({
    "Afrikaans", "Albanian", "Amharic", "Arabic", "Armenian", "Assamese", "Awadhi",
    "Azerbaijani", "Basque", "Belarusian", "Bengali", "Bhojpuri", "Bosnian", "Bulgarian",
    "Burmese", "Cantonese", "Catalan", "Chhattisgarhi", "Croatian", "Czech", "Danish",
    "Dari", "Dutch", "English", "Estonian", "Filipino", "Finnish", "Flemish", "French",
    "Galician", "Georgian", "German", "Greek", "Gujarati", "Haryanvi", "Hausa", "Hebrew",
    "Hindi", "Hokkien", "Hungarian", "Icelandic", "Igbo", "Indonesian", "Irish", "Italian",
    "Japanese", "Kannada", "Kazakh", "Khmer", "Konkani", "Korean", "Kurdish", "Kyrgyz",
    "Lao", "Latvian", "Lithuanian", "Macedonian", "Maithili", "Malay", "Malayalam",
    "Maltese", "Mandarin", "Manipuri", "Maori", "Marathi", "Mongolian", "Nepali",
    "Norwegian", "Odia", "Oriya", "Pashto", "Persian", "Polish", "Portuguese", "Punjabi",
    "Quechua", "Rajasthani", "Romanian", "Russian", "Sanskrit", "Serbian", "Sindhi",
    "Sinhala", "Sinhalese", "Slovak", "Slovene", "Slovenian", "Somali", "Spanish",
    "Swahili", "Swedish", "Tagalog", "Tajik", "Tamil", "Telugu", "Thai", "Tibetan", "Tulu",
    "Turkish", "Ukrainian", "Urdu", "Uzbek", "Vietnamese", "Welsh", "Wolof", "Xhosa",
    "Yiddish", "Yoruba", "Zulu",
})
_BY_LOWER = {name.lower(): name for name in LANGUAGES}


def language_name(word: str) -> str | None:
    """The language a word names ("tamil" -> "Tamil"); None when it names none."""
    return _BY_LOWER.get(word.strip().lower())
