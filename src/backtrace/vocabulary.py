"""The words every stage shares: how a stored value and its qualifiers read in English
(resolve's reasons, the renderers, the exports), the words of film credits
(:data:`ROLE_WORDS`) and the shape of a year (:data:`YEAR`)."""

from __future__ import annotations

from typing import Any

from backtrace.model import PROPERTIES

# a year a film may be from, as a pattern: 1800-2099
YEAR = r"(?:1[89]|20)\d\d"

# words that say a phrase is about another film than the one described: a credit after one
# ("a remake of the 1954 film directed by ...") is that film's ...
OTHER_FILM_BEFORE_CREDIT = (
    r"\b(?:remake|sequel|prequel|spin-off|follow-up|installment|instalment|predecessor"
    # "this (film) version stars X" is the film itself
    r"|(?<!this\s)(?<!this\sfilm\s)(?<!this\smovie\s)version)"
    rf"\b|\b{YEAR}\s+film\b")
# ... unless the film itself is the subject again after it: "The first installment in the X
# franchise, it was directed by A", "A sequel to the 1984 film, the film stars B"
THIS_FILM_AGAIN = (r",\s+(?:it|the\s+(?:film|movie|picture)|this\s+film)\s+"
                   r"(?:(?:also\s+)?(?:was|is|has|had)\b|stars\b|starred\b)")
# ... and a sentence with one ("In the sequel, ...", "the 2012 crime thriller X") is read
# as about that film
OTHER_FILM_IN_SENTENCE = (
    r"\b(?:sequel|sequels|prequel|remake|spin-?off|follow-up|predecessor|reboot"
    r"|(?:previous|original|first|last|next|earlier|later|debut|upcoming)\s+(?:film|movie|feature)"
    r")\b"
    rf"|\b{YEAR}\s+(?:[A-Za-z-]+\s+){{0,3}}(?:film|movie|thriller|drama|comedy"
    r"|documentary|western|horror|musical|feature|picture|adaptation|version|blockbuster)\b")

# the kinds of work a film is based on ("the 1857 novel by ...", "Poe's short story"), as a
# pattern, for the "based on" value (extract) and its authors (ask)
SOURCE_WORKS = (r"(?:novel|novella|novels|book|books|play|stage\s+play|story|stories"
                r"|short\s+story|poem|memoir|comic|comics|manga|musical|opera|article"
                r"|biography|autobiography|bestseller|best-seller|fairy\s+tale|legend)\b")

CURRENCY_SIGNS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹"}


def format_money(value: dict[str, Any]) -> str:
    amount, currency = value["amount"], value["currency"]
    sign = CURRENCY_SIGNS.get(currency)
    return f"{sign}{amount:,}" if sign else f"{amount:,} {currency}"


def format_value(prop: str, value: Any) -> str:
    """A fact's value as a person reads it."""
    vtype = PROPERTIES[prop].value_type if prop in PROPERTIES else "text"
    if vtype == "money" and isinstance(value, dict):
        return format_money(value)
    if vtype == "duration":
        return f"{value} minutes"
    return str(value)


def _qualifier_text(value: Any) -> str:
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)


def format_qualifiers(prop: str, qualifiers: dict[str, Any]) -> str:
    """The part of a fact that qualifies it: "as Detective Sykes", "(limited, US)",
    "(credited as Rita Casco)"."""
    named = f"credited as {qualifiers['credited_as']}" if qualifiers.get("credited_as") else ""
    if prop == "cast_member" and qualifiers.get("character"):
        return f"as {qualifiers['character']}" + (f" ({named})" if named else "")
    shown = [
        _qualifier_text(qualifiers[k])
        for k in ("kind", "media", "region", "credit", "announced")
        if qualifiers.get(k) not in (None, "", False, [])
    ]
    if qualifiers.get("announced") is True:
        shown[-1] = "announced"
    shown += [named] if named else []
    return f"({', '.join(shown)})" if shown else ""


# The words of film credits, read by every stage: a role noun, a craft or a credit verb
# ("cinematographer", "editing", "compose") -> the property it credits, with qualifiers.
# Rules name the pattern group holding the word (``Rule.role_group``); "co-" is dropped first.
_WRITER: tuple[str, dict[str, Any]] = ("screenwriter", {"credit": "writer"})
ROLE_WORDS: dict[str, tuple[str, dict[str, Any]]] = {
    # nouns: "the director is X", "X served as editor", "cinematographer X"
    "director": ("director", {}),
    "producer": ("producer", {}),
    "executive producer": ("executive_producer", {}),
    "screenwriter": ("screenwriter", {}),
    "writer": ("screenwriter", {}),
    "cinematographer": ("director_of_photography", {}),
    "director of photography": ("director_of_photography", {}),
    "editor": ("film_editor", {}),
    "film editor": ("film_editor", {}),
    "composer": ("composer", {}),
    "music composer": ("composer", {}),
    "music director": ("composer", {}),
    # crafts: "X's cinematography", "cinematography and editing by A and B"
    "cinematography": ("director_of_photography", {}),
    "camerawork": ("director_of_photography", {}),
    "camera work": ("director_of_photography", {}),
    "camera": ("director_of_photography", {}),
    "music": ("composer", {}),
    "score": ("composer", {}),
    "editing": ("film_editor", {}),
    # verbs: "X returned to compose the score", "X directs"
    "direct": ("director", {}),
    "produce": ("producer", {}),
    "edit": ("film_editor", {}),
    "compose": ("composer", {}),
    "write": _WRITER,
    "wrote": _WRITER,
}

# the other way: a person's role as a noun ("cinematographer"), by the property crediting it
ROLE_NOUNS: dict[str, str] = {
    "director": "director", "screenwriter": "writer", "producer": "producer",
    "executive_producer": "executive producer", "cast_member": "actor",
    "narrator": "narrator", "composer": "composer",
    "director_of_photography": "cinematographer", "film_editor": "editor",
    "production_company": "production company", "distributor": "distributor",
}


def role_of(word: str) -> tuple[str, dict[str, Any]]:
    """The credit a role word gives, written in any case, with "co-" and inflections:
    "Co-Producer", "directed", "producing" -> their entries of :data:`ROLE_WORDS`."""
    word = " ".join(word.lower().split()).removeprefix("co-")
    for stem in (word, word[:-1], word[:-2], word[:-3], word[:-3] + "e"):
        if stem in ROLE_WORDS:
            return ROLE_WORDS[stem]
    raise KeyError(f"no credit for the role word {word!r}")


# How a reason names a source in plain words: the kind of document, and the part of it a
# claim was read from (by the extractor that read it)
DOCUMENT_WORDS: dict[str, str] = {
    "encyclopedia": "encyclopedia entry", "news": "news item", "review": "review",
    "other": "document",
}
PART_WORDS: dict[str, str] = {
    "infobox": "the infobox", "lead_sentence": "the lead sentence", "cast_list": "the cast list",
    "prose_rules": "the text", "credited_as": "the text", "nlp_cast": "the text",
    "film_mentions": "a mention in the text", "reviews": "the review",
}


def source_words(kind: str, name: str, date: str | None, extractor: str | None) -> str:
    """A source as a reason names it: "the infobox of the encyclopedia entry enc.txt",
    "the text of the news item news.txt of 2021-05-04"."""
    document = f"the {DOCUMENT_WORDS.get(kind, kind or 'document')} {name}"
    dated = f"{document} of {date}" if date else document
    part = PART_WORDS.get(extractor or "")
    return f"{part} of {dated}" if part else dated


# Other names of one news outlet, by key (``keys.outlet_key`` without this table: case,
# accents, punctuation and a leading "the" folded) -> the key of the name they stand for.
# Only names that cannot mean another outlet: a web address of the outlet itself, a
# common short form, "Magazine" added to a magazine's own name. "Time Out" is not "Time",
# nor "Time Out New York" "Time Out"; a critic's own site is not the outlet they wrote for.
OUTLET_VARIANTS: dict[str, str] = {
    "ny times": "new york times", "nytimes": "new york times", "nytimes com": "new york times",
    "new york times com": "new york times", "nyt": "new york times",
    "la times": "los angeles times", "l a times": "los angeles times",
    "latimes com": "los angeles times",
    "wsj": "wall street journal", "wall st journal": "wall street journal",
    "time magazine": "time", "time com": "time",
    "newsweek magazine": "newsweek", "new york magazine com": "new york magazine",
    "npr org": "npr", "national public radio": "npr",
    "salon com": "salon", "slate com": "slate", "cnn com": "cnn",
    "variety com": "variety", "rollingstone com": "rolling stone",
    "rolling stone magazine": "rolling stone",
    "ew": "entertainment weekly", "ew com": "entertainment weekly",
    "av club": "a v club", "hollywoodreporter com": "hollywood reporter",
    "usatoday com": "usa today", "washingtonpost com": "washington post",
}
