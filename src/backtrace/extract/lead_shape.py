"""The shape of a lead sentence: "<Title> is a/an <year> <nationality> <genre> film ...".

:func:`film_shape` reads the subject (the film's title), the descriptor words before the
head noun ("film", "movie", "documentary", ...) - year, countries, languages, genres - and
where the rest of the sentence begins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from backtrace.extract.normalize import country_from_demonym, is_genre, language_name
from backtrace.extract.normalize.genres import MAX_GENRE_WORDS

HEAD_NOUNS = frozenset({
    "film", "movie", "picture", "documentary", "feature", "short", "cartoon", "featurette",
})
# "film director", "film series": the head noun is then not the thing described
_NOT_AFTER_HEAD = frozenset({
    "series", "festival", "festivals", "company", "studio", "studios", "director", "directors",
    "producer", "producers", "critic", "critics", "actor", "actress", "editor", "composer",
    "score", "soundtrack", "franchise", "trilogy", "award", "awards", "industry", "historian",
    "scholar", "star", "music", "school", "theory", "distributor", "genre", "filmmaker",
    "photographer", "character", "maker", "writer", "programme", "program", "channel",
})
# words that cannot stand between the article and the head noun of a film descriptor
_BLOCKERS = frozenset({
    "of", "by", "to", "for", "the", "with", "about", "from", "in", "on", "at", "into", "based",
    "that", "which", "who", "directed", "written", "produced", "starring", "created", "is",
    "was", "but", "as",
})
_PRONOUNS = frozenset({"it", "this", "that", "the film", "the movie", "this film", "he", "she"})
_COPULA = re.compile(r"\s(?:is|was)\s+(?:(?P<article>an?|the)\s+)?")
_TOKEN = re.compile(r"\S+")
_ALIAS = re.compile(
    r",?\s+(?:(?:also|later|originally|formerly|previously|sometimes|often)\s+)?(?:known|released"
    r"|titled|stylized|stylised|marketed|retitled|billed|subtitled)\s+(?:as|in)?\b.*$|,\s+(?:originally|formerly"
    r")\s+.*$|,?\s+(?:aka|a\.k\.a\.)\s+.*$", re.DOTALL)
_TRAILING_PRONOUN = re.compile(r",\s*(?:it|this|he|she|they)$")
_SUBJECT_YEAR = re.compile(r"\((1[89]\d\d|20\d\d)(?:\s+film)?\)")
_ABBREVIATED = re.compile(
    r"(?:\b[A-Z]|Bros|Inc|Co|Ltd|Corp|Jr|Sr|Dr|Mr|Mrs|Ms|St|Mt|Prof|Capt|Sgt|Gen|U\.S|U\.K)\.$")
# genre nouns that can head a descriptor on their own ("a 1938 American drama directed by")
_GENRE_HEADS = frozenset({
    "drama", "comedy", "thriller", "western", "melodrama", "biopic", "docudrama", "romance",
    "mockumentary", "farce", "horror",
})
_AFTER_GENRE_HEAD = frozenset({
    "directed", "starring", "written", "produced", "co-written", "released", "filmed", "made",
})
_YEAR = re.compile(r"(?:1[89]\d\d|20\d\d)")
# the title as first released: "3 Faces (Persian: Se rokh)" names the film's language
_TITLE_IN_LANGUAGE = re.compile(r"\(\s*([A-Z][a-z]+)\s*:")
_LANGUAGE_SUFFIX = re.compile(r"[-–]language$", re.IGNORECASE)
_MAX_DESCRIPTOR = 14

Found = tuple[str, int, int]  # value, start, end


@dataclass(slots=True)
class Shape:
    """A sentence that describes a film: its subject and what its descriptor says."""

    subject: str | None  # the title as written, cleaned; None for "It"/"The film"
    subject_start: int
    subject_end: int
    head_end: int  # the offset just after the head noun: the rest of the sentence starts here
    year: tuple[int, int, int] | None = None  # (year, start, end)
    countries: list[Found] = field(default_factory=list)
    languages: list[Found] = field(default_factory=list)
    genres: list[Found] = field(default_factory=list)


def clean_title(raw: str) -> str | None:
    """A lead's subject as a title: quotes, italics, parentheticals and alternative titles
    ("also known as ...") removed; None when it is a pronoun or does not read as a title."""
    title = re.sub(r"\s*\([^()]*\)|\s*\[sic\]", "", raw)
    title = _ALIAS.sub("", title)
    title = title.strip().strip("'\"“”‘’*_ ").strip()
    title = " ".join(title.split())
    if not title or title.lower() in _PRONOUNS or _TRAILING_PRONOUN.search(title):
        return None  # "It", "The sequel to Copper Bell, it"
    if not (title[0].isupper() or title[0].isdigit()) or len(title.split()) > 15:
        return None
    if title.count("(") != title.count(")"):
        return None
    for m in re.finditer(r"\S+\.(?=\s+[A-Z])", title):  # two sentences, not one title
        if not _ABBREVIATED.search(m.group(0)):
            return None
    return title


def _clean_token(text: str, start: int, end: int) -> tuple[str, int, int]:
    while end > start and text[end - 1] in ",;:.\"'”’)":
        end -= 1
    while start < end and text[start] in "\"'“‘(":
        start += 1
    return text[start:end], start, end


def _ends_sentence(text: str, token_end: int) -> bool:
    """Whether the token ending at ``token_end`` ends its sentence ("film." but not "Bros.")."""
    if text[token_end - 1] not in ".!?":
        return False
    start = text.rfind(" ", 0, token_end) + 1
    return not _ABBREVIATED.search(text[start:token_end])


def _later_head(tokens: list[tuple[str, int, int]], raw_ends: list[int], text: str,
                i: int) -> bool:
    """Whether another head noun follows within three words, with no blocker before it."""
    for j in range(i, min(i + 3, len(tokens))):
        lower = tokens[j][0].lower()
        if lower in HEAD_NOUNS:
            return True
        if lower in _BLOCKERS or _ends_sentence(text, raw_ends[j]):
            return False
    return False


def _descriptor(text: str, start: int, end: int) -> tuple[list[tuple[str, int, int]], int] | None:
    """The descriptor tokens before the head noun, and the offset after the head noun."""
    tokens = [_clean_token(text, m.start(), m.end()) for m in _TOKEN.finditer(text, start, end)]
    raw_ends = [m.end() for m in _TOKEN.finditer(text, start, end)]
    for i, (word, _s, e) in enumerate(tokens[:_MAX_DESCRIPTOR + 1]):
        lower = word.lower()
        if lower in HEAD_NOUNS:
            sentence_goes_on = not _ends_sentence(text, raw_ends[i])
            if sentence_goes_on and _later_head(tokens, raw_ends, text, i + 1):
                continue  # "documentary film", "short silent film": the later noun is the head
            nxt = tokens[i + 1][0].lower() if i + 1 < len(tokens) else ""
            if sentence_goes_on and nxt in _NOT_AFTER_HEAD:
                return None
            return tokens[:i], e
        if (lower in _GENRE_HEADS or lower.rsplit("-", 1)[-1] in _GENRE_HEADS) and i > 0:
            # "drama", and hyphenated: "comedy-drama", "action-thriller"
            ends_sentence = _ends_sentence(text, raw_ends[i])
            nxt = tokens[i + 1][0].lower() if i + 1 < len(tokens) else ""
            if ends_sentence or text[raw_ends[i] - 1] == "," or nxt in _AFTER_GENRE_HEAD:
                return tokens[:i + 1], e  # the genre word is parsed as a genre too
        if lower in _BLOCKERS or _ends_sentence(text, raw_ends[i]):
            return None
    return None


def _parse_descriptor(shape: Shape, tokens: list[tuple[str, int, int]]) -> None:
    i = 0
    while i < len(tokens):
        word, s, e = tokens[i]
        if shape.year is None and _YEAR.fullmatch(word):
            shape.year = (int(word), s, e)
            i += 1
            continue
        if i + 1 < len(tokens):  # two-word demonyms: "Hong Kong", "South Korean"
            pair_end = tokens[i + 1][2]
            pair = f"{word} {tokens[i + 1][0]}"
            country = country_from_demonym(pair)
            if country and word[:1].isupper():
                shape.countries.append((country, s, pair_end))
                i += 2
                continue
        if i + 1 < len(tokens) and tokens[i + 1][0].lower() == "language" and (
                language := language_name(word)):  # "Tamil language"
            shape.languages.append((language, s, e))
            i += 2
            continue
        matched = 0
        for n in range(min(MAX_GENRE_WORDS, len(tokens) - i), 1, -1):
            phrase = " ".join(t[0] for t in tokens[i:i + n])
            if is_genre(phrase):
                shape.genres.append((phrase.lower(), s, tokens[i + n - 1][2]))
                matched = n
                break
        if matched:
            i += matched
            continue
        _single_word(shape, word, s)
        i += 1


def _single_word(shape: Shape, word: str, start: int) -> None:
    if _LANGUAGE_SUFFIX.search(word) and word[:1].isupper():  # "Tamil-language"
        language = _LANGUAGE_SUFFIX.sub("", word)
        shape.languages.append((language, start, start + len(language)))
        return
    if country_from_demonym(word) and word[:1].isupper():
        shape.countries.append((country_from_demonym(word) or "", start, start + len(word)))
        return
    if word[:1].isupper() and (language := language_name(word)):  # "a Kannada film"
        shape.languages.append((language, start, start + len(word)))
        return
    if is_genre(word):
        shape.genres.append((word.lower(), start, start + len(word)))
        return
    if "-" in word:  # "British-American", "action-comedy"
        offset = start
        for part in word.split("-"):
            if part[:1].isupper() and country_from_demonym(part):
                shape.countries.append((country_from_demonym(part) or "", offset,
                                        offset + len(part)))
            elif is_genre(part):
                shape.genres.append((part.lower(), offset, offset + len(part)))
            offset += len(part) + 1


def film_shape(text: str, start: int, end: int, *, article_optional: bool = False) -> Shape | None:
    """The film-describing shape of ``text[start:end]``, or None when it has none."""
    for m in _COPULA.finditer(text, start, end):
        if m.group("article") is None and not article_optional:
            continue
        raw = text[start:m.start()]
        subject = clean_title(raw)
        pronoun = raw.strip().lower() in _PRONOUNS
        if subject is None and not pronoun:
            continue
        found = _descriptor(text, m.end(), end)
        if found is None:
            continue
        tokens, head_end = found
        lead_ws = len(raw) - len(raw.lstrip())
        shape = Shape(subject, start + lead_ws, m.start(), head_end)
        _parse_descriptor(shape, tokens)
        for t in _TITLE_IN_LANGUAGE.finditer(raw):  # "Acusada (Spanish: ...)"
            language = language_name(t.group(1))
            if language and language != "English":  # "(English: ...)" translates the title
                shape.languages.append((language, start + t.start(1), start + t.end(1)))
        if shape.year is None and (y := _SUBJECT_YEAR.search(raw)):
            ys = start + y.start(1)
            shape.year = (int(y.group(1)), ys, ys + 4)
        head_word = text[tokens[-1][2] if tokens else m.end():head_end].strip().lower()
        if head_word == "documentary":
            shape.genres.append(("documentary", head_end - len("documentary"), head_end))
        return shape
    return None
