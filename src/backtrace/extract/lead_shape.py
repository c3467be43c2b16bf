"""The shape of a lead sentence: "<Title> is a/an <year> <nationality> <genre> film ...".

:func:`film_shape` reads the subject (the film's title), the descriptor words before the
head noun ("film", "movie", "documentary", ...) - year, countries, languages, genres - and
where the rest of the sentence begins. :func:`lead_work_type` reads what kind of work a
lead describes when it is not a film ("X is an American television series", "X is a 1998
novel"), from :data:`WORK_NOUNS`, the one table of head nouns and the works they name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import islice

from backtrace.extract.normalize import country_from_demonym, is_genre, language_name
from backtrace.extract.normalize.genres import MAX_GENRE_WORDS
from backtrace.model import EntityType
from backtrace.vocabulary import YEAR

_FILM, _TV, _SERIES = EntityType.FILM, EntityType.TV_SERIES, EntityType.SERIES
_BOOK, _PLAY, _SONG = EntityType.BOOK, EntityType.PLAY, EntityType.SONG
WORK_NOUNS: dict[str, EntityType] = {
    # films, and the genre and kind words that stand for "film" before a title ("the 2009
    # war drama Salt Roads", "the 1952 musical ...")
    **dict.fromkeys((
        "film", "movie", "picture", "feature", "documentary", "short", "cartoon", "featurette",
        "thriller", "drama", "comedy", "western", "horror", "musical", "blockbuster",
        "adaptation", "remake", "sequel", "prequel", "reboot", "romance", "actioner", "epic",
        "biopic", "television film", "tv film", "television movie", "tv movie",
    ), _FILM),
    # television and web series
    **dict.fromkeys((
        "series", "tv series", "television series", "web series", "streaming series",
        "animated series", "miniseries", "mini-series", "sitcom", "soap opera", "soap",
        "telenovela", "show", "tv show", "television show", "web show", "tv drama",
        "television drama", "tv sitcom",
    ), _TV),
    # franchises and series of films
    **dict.fromkeys((
        "franchise", "media franchise", "film franchise", "saga", "trilogy", "film series",
        "movie series", "movie franchise", "film trilogy",
    ), _SERIES),
    **dict.fromkeys(("novel", "novella", "book", "short story", "memoir", "graphic novel",
                     "comic book"), _BOOK),
    **dict.fromkeys(("play", "stage play", "stage show", "stage musical", "broadway musical",
                     "musical play"), _PLAY),
    **dict.fromkeys(("song", "single"), _SONG),
}
"""What a head noun says a work is ("the sitcom X" - a TV series, "the X franchise" - a
series of films, "X is a 1998 novel" - a book): rules as data, read by the lead sentence
and by the titles named in passing. A longer noun ("film series") wins over its last word."""

SCREEN_WORKS = frozenset({_FILM, _TV, _SERIES})
"""The works people are credited in as cast or director; a book, play or song is not."""

_NUMBER_ONLY = re.compile(r"[\W\d_]*(?:(?:\d|\b[IVXLCDM]+\b)[\W\d_]*)+")


def number_only(title: str) -> bool:
    """Whether ``title`` is only numbers, roman numerals and punctuation ("76", "1874-1911",
    "III", "#111"): a year, a count or a split-off piece of a title, never a work."""
    return bool(_NUMBER_ONLY.fullmatch(title.strip()))


def work_noun(words: list[str]) -> tuple[EntityType, int] | None:
    """The work the first words of ``words`` name, and how many words that takes: the
    longest noun of :data:`WORK_NOUNS` they begin with (lower-cased, "films" as "film")."""
    for n in (3, 2, 1):
        if len(words) < n:
            continue
        phrase = " ".join(w.lower() for w in words[:n])
        for key in (phrase, phrase[:-1] if phrase.endswith("s") else None):
            if key and key in WORK_NOUNS:
                return WORK_NOUNS[key], n
    return None

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
_SUBJECT_YEAR = re.compile(rf"\(({YEAR})(?:\s+film)?\)")
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
_YEAR = re.compile(YEAR)
# the title as first released: "3 Faces (Persian: Se rokh)" names the film's language
_TITLE_IN_LANGUAGE = re.compile(r"\(\s*([A-Z][a-z]+)\s*:")
_LANGUAGE_SUFFIX = re.compile(r"[-–]language$", re.IGNORECASE)
_MAX_DESCRIPTOR = 14
# the words of a descriptor read: the first _MAX_DESCRIPTOR and a few after (the rest of
# a sentence, read at each "is a", would cost a long sentence the square of its length)
_TOKENS_READ = _MAX_DESCRIPTOR + 18
# the longest subject before "is a" read as a title ("X (Hindi: ..., lit. ...) is a ...");
# a longer one is no title, and cleaning it at each "is" of a long sentence costs its square
_MAX_SUBJECT_CHARS = 1_000

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


def title_from_subject(raw: str) -> str | None:
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
    raw = list(islice(_TOKEN.finditer(text, start, end), _TOKENS_READ))
    tokens = [_clean_token(text, m.start(), m.end()) for m in raw]
    raw_ends = [m.end() for m in raw]
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


def _work_head(text: str, start: int, end: int) -> tuple[EntityType, int | None] | None:
    """The kind of work named by the head noun of the descriptor ``text[start:end]``, when
    it is not a film ("an American television series", "a 1998 novel", "a series of
    films"), with the year the descriptor gives; None for a film, a person ("film
    director") or no work noun."""
    raw = list(islice(_TOKEN.finditer(text, start, end), _TOKENS_READ))
    tokens = [_clean_token(text, m.start(), m.end()) for m in raw]
    raw_ends = [m.end() for m in raw]
    words = [t[0] for t in tokens]
    year: int | None = None
    for i, word in enumerate(words[:_MAX_DESCRIPTOR + 1]):
        found = work_noun(words[i:])
        if found is not None:
            kind, n = found
            nxt = words[i + n].lower() if i + n < len(words) else ""
            goes_on = not _ends_sentence(text, raw_ends[i + n - 1])
            if goes_on and nxt in _NOT_AFTER_HEAD and nxt not in WORK_NOUNS:
                return None  # "a television producer", "a film director"
            if kind == _TV and words[i].lower() == "series" and nxt == "of" and goes_on:
                after = next((w for j in range(i + n + 1, min(i + n + 4, len(words)))
                              if (w := work_noun(words[j:]))), None)
                if after is not None:  # "a series of films", "a series of novels"
                    return (_SERIES if after[0] == _FILM else after[0]), year
            if kind == _FILM:
                if word.lower() in HEAD_NOUNS or not goes_on:
                    return None  # a film: film_shape reads it
                continue  # "a comedy series", "a musical drama play": a genre word
            return kind, year
        if year is None and _YEAR.fullmatch(word):
            year = int(word)
        if word.lower() in _BLOCKERS or _ends_sentence(text, raw_ends[i]):
            return None
    return None


# any noun of a work that is not a film, to pass over leads that name none at once
_OTHER_WORK_WORD = re.compile(r"\b(?:" + "|".join(sorted(
    {re.escape(noun.split()[-1]) for noun, kind in WORK_NOUNS.items() if kind != _FILM})) + ")",
    re.IGNORECASE)


def names_other_work(text: str) -> bool:
    """Whether ``text`` has any noun of a work other than a film ("series", "novel")."""
    return _OTHER_WORK_WORD.search(text) is not None


@dataclass(frozen=True, slots=True)
class WorkLead:
    """What a lead sentence says its subject is: the kind of work, the subject as written
    (None for "It") and the year the descriptor gives."""

    kind: EntityType
    subject: str | None
    year: int | None = None


def lead_work_type(text: str, start: int, end: int) -> WorkLead | None:
    """What kind of work the sentence ``text[start:end]`` says its subject is: FILM when it
    has the shape :func:`film_shape` reads, the work its head noun names otherwise ("X is
    an American television series" - TV_SERIES); None when it describes no work."""
    for m in _COPULA.finditer(text, start, end):
        if m.start() - start > _MAX_SUBJECT_CHARS:
            break
        raw = text[start:m.start()]
        subject = title_from_subject(raw)
        if subject is None and raw.strip().lower() not in _PRONOUNS:
            continue
        if _descriptor(text, m.end(), end) is not None:  # as film_shape reads it
            return WorkLead(_FILM, subject)
        if (found := _work_head(text, m.end(), end)) is not None:
            return WorkLead(found[0], subject, found[1])
    return None


def film_shape(text: str, start: int, end: int, *, article_optional: bool = False) -> Shape | None:
    """The film-describing shape of ``text[start:end]``, or None when it has none."""
    for m in _COPULA.finditer(text, start, end):
        if m.start() - start > _MAX_SUBJECT_CHARS:
            break
        if m.group("article") is None and not article_optional:
            continue
        raw = text[start:m.start()]
        subject = title_from_subject(raw)
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
