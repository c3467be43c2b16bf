"""Reading names out of prose: runs of capitalised words, and lists of them.

A name is a run of capitalised words, allowing particles (de, van, von, da, la, ...),
initials ("A."), "Jr.", hyphens, apostrophes and accented letters. It ends at a comma,
" and ", a full stop, "(", or any lower-case word ("as", "in", "with", "from", "for", ...).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PARTICLES = frozenset({
    "de", "van", "von", "da", "del", "della", "di", "du", "la", "le", "der", "den", "ter",
    "ten", "bin", "al", "y", "e", "dos", "das", "do", "zu", "af",
})
ABBREVIATIONS = frozenset({
    "Jr", "Sr", "Jnr", "Snr", "Dr", "Mr", "Mrs", "Ms", "St", "Bros", "Inc", "Co", "Ltd",
    "Corp", "Prof", "Sgt", "Det", "Lt", "Capt", "Col", "Gen", "Mt", "Ft", "Pvt",
})
_NOT_FIRST = frozenset({
    "The", "A", "An", "It", "He", "She", "They", "His", "Her", "Its", "Their", "This", "That",
    "These", "Those", "In", "On", "At", "For", "With", "From", "By", "As", "And", "But", "Or",
    "When", "While", "After", "Before", "During", "If", "Although", "Also",
})
# credit words written with a capital ("directed by X and Produced by Y") start no person's
# name; a company's may ("Music Box Films")
_CREDIT_WORDS = frozenset({
    "Produced", "Directed", "Written", "Edited", "Starring", "Music", "Screenplay",
})
_NAME_FINAL = frozenset({"Jr.", "Sr.", "Jnr.", "Snr.", "Bros.", "Inc.", "Co.", "Ltd.", "Corp."})
_ORG_JOINERS = frozenset({"of", "the", "de", "du", "for", "and"})

_WORD = re.compile(r"[ \t\u00a0]*([^\s,;:()\[\]]+)")
LIST_SEP = re.compile(r"\s*(?:,\s*and\s+|,\s*|\s+and\s+)")
# ", Jr." and ", Inc." belong to the name before them
NAME_SUFFIX = re.compile(r",?\s+(?:Jr|Sr|Inc|Ltd|LLC|Co|Corp|Pty\.? Ltd)\.?(?![\w])")
# "as Mexican revolutionary Pancho Villa": a lower-case noun after the "character" shows it
# was a description
_DESCRIPTION_GOES_ON = re.compile(
    r"\s+(?!(?:and|in|with|who|whose|which|alongside|opposite|while|during|for|from|on|at"
    r"|as|to|of|that|but|or|since|after|before|until|among|against|under|over)\b)[a-z]")
_GLUED_SENTENCE = re.compile(r"[a-z]{2}\.[A-Z]")
_CLAUSE_VERB = re.compile(r"\s+(?:is|was|are|were|has|had|have|will|would)\b")
_DESCRIBERS = (
    r"(?:former|veteran|newcomer|first-time|fellow|actor|actress|actors|filmmaker|filmmakers"
    r"|director|producer|producers|writer|writers|screenwriter|novelist|playwright|author"
    r"|comedian|comedians|singer|musician|rapper|composer|cinematographer|editor|stuntman"
    r"|winner|nominee|legend|debutant|debutante|maestro|journalist|creator|creators"
    r"|distributor|artist|artiste|idol|icon|comedienne|heartthrob)"
)
# "Academy Award winner Howard Shore", "veteran music director Ilaiyaraaja", "sports
# journalist turned filmmaker Mitali Ghoshal": up to three more lower-case words before
_DESCRIBER_WORD = (r"(?!(?:and|or|the|a|an|of|by|with|from|for|in|on|as|his|her|their"
                   r"|it|to)\s)[a-z][\w-]*\s+"
                   # "stage and matinee idol"
                   r"(?:and\s+(?!(?:the|a|an|his|her|their)\s)[a-z][\w-]*\s+)?")
# the field a capitalised description names before its noun ("Hong Kong film director X"):
# a closed list, so that a name and a verb ("Kai Dorn playing writer Bea") is never one
_FIELD_WORD = (r"(?:film|movie|music|stage|screen|television|theatre|theater|documentary"
               r"|animation|comics?|opera|pop|rock|jazz|folk|dance|horror|cult|video"
               r"|independent|indie|award-winning|acclaimed|noted|renowned|famed|veteran)")
# "her husband X", "his widow, X": a relative named by the text's own person
_RELATIVES = (r"(?:husband|wife|sister|brother|son|daughter|father|mother|widow|widower"
              r"|partner|cousin|nephew|niece|uncle|aunt)")
_DESCRIBED = re.compile(
    # "Academy Award winner X", "Hong Kong film director X", "Academy Award-winner X"
    rf"[ \t]*(?:(?:[A-Z][\w'’-]*\s+){{1,3}}(?:{_FIELD_WORD}\s+){{0,2}}{_DESCRIBERS}\s+"
    rf"|(?:[A-Z][\w'’-]*\s+){{0,3}}[A-Z][\w'’]*-{_DESCRIBERS}\s+"
    # "first time writer/director X", "novelist and screenwriter X"
    rf"|(?:{_DESCRIBER_WORD}){{0,3}}{_DESCRIBERS}(?:/{_DESCRIBERS})?\s+"
    rf"(?:(?:and\s+)?{_DESCRIBERS}\s+)?"
    rf"|(?:his|her|their)\s+(?:own\s+)?{_RELATIVES},?\s+"
    # "stage star X", "husband and wife team X": only after a word that says what kind
    rf"|(?:{_DESCRIBER_WORD}){{1,3}}(?:star|team|duo)\s+)(?=[A-Z])"
)
# an honorific before a name is not part of it ("Isaignani Ilaiyaraaja", "Sir Alec Guinness")
_HONORIFIC = re.compile(
    r"[ \t]*(?:Sir|Dame|Isaignani|Kalaignani|Ulaganayagan|Thalapathy|Superstar|Megastar"
    r"|Makkal\s+Selvan|Power\s+Star)\s+(?=[A-Z])")
_ORG_WORD = re.compile(
    r"\b(?:Pictures|Productions|Production|Films|Film|Studios|Studio|Animation|Entertainment"
    r"|Company|Corporation|Corp\.|Inc\.|Ltd\.|LLC|Media|Group|Network|Television|Releasing"
    r"|Distribution|Features|Classics|Bros\.|Brothers|Organisation|Organization|Industries"
    r"|Enterprises|Associates|Artists|Works|Cinema|Cinemas|Movies|Creations|Talkies|Combines"
    r"|Entertainments|Foundation|Institute|Trust|Fund|Council|Society"
    r"|Cartoons|Records|Channel|Company's|Digital|\w+Toons)$"
    r"|^(?:MGM|RKO|PRC|HBO|BBC|A24|Netflix|Lionsgate|Metro-Goldwyn-Mayer|Miramax)\b"
)
_AS = re.compile(r"\s+as\s+")
_THE = re.compile(r"[ \t]*the\s+(?=[A-Z])")
_SHARED_SURNAME = re.compile(r"([A-Z][\w'’-]+)\s+&\s+([A-Z][\w'’-]+)\s+([A-Z][\w'’-]+)")
_INITIALS = re.compile(r"(?:[A-Z]\.)*[A-Z]")
# "written by Reid (story) and Lusk": a lower-case note on one name's part in the credit
_CREDIT_NOTE = re.compile(r"\s*\((?:[a-z][a-z.'’-]*)(?:\s+[a-z][a-z.'’-]*){0,2}\)")
# "written by The Wibberleys, A and B": a team named by its plural surname, one item of the
# list (its members' first names are not given)
_TEAM = re.compile(r"[ \t]*The\s+[A-Z][\w'’-]+s(?=\s*,|\s+and\s+[A-Z])")


# "stars A in the lead role, B and C", "A in her Hollywood debut, B": an aside in a cast list
_CAST_ASIDE = re.compile(
    r"\s+in\s+(?:the|a|an|his|her|their)\s+(?:[\w-]+\s+){0,2}(?:role|roles|debut|part|parts)"
    r"(?=\s*,)")


@dataclass(frozen=True, slots=True)
class NameHit:
    """A name found in prose (offsets into the text read), with the character it plays
    when written "X as Y"."""

    name: str
    start: int
    end: int
    character: str | None = None
    span_end: int = 0  # end of "X as Y" (or of X)


# a surname that opens with its particle glued on, lower-case: "deMille", "van't Hof"
_GLUED_PARTICLE = re.compile(r"(?:de|da|di|du|la|le|van|von|ver|mac|mc|d'|d’)[A-Z][\w'’-]*")


def is_name_word(word: str) -> bool:
    """Whether a word can be part of a person's name: capitalised, or a glued particle
    surname ("deMille")."""
    bare = word.strip("\"'“”‘’()")
    return bool(bare) and (bare[0].isupper() or bool(_GLUED_PARTICLE.fullmatch(bare)))


def _capitalised(word: str, *, org: bool) -> bool:
    bare = word.lstrip("\"'“‘")
    if not bare:
        return False
    if bare[0].isupper() or _GLUED_PARTICLE.fullmatch(bare):
        return True
    return org and bool(re.fullmatch(r"\d+(?:st|nd|rd|th)?", bare))


def _capital_follows(text: str, pos: int, end: int, *, org: bool) -> bool:
    """Whether a capitalised word follows ``pos``, after any further particles."""
    while (m := _WORD.match(text, pos, end)) is not None:
        word = m.group(1)
        if word.lower() not in PARTICLES:
            return _capitalised(word, org=org)
        pos = m.end()
    return False


def read_name(text: str, pos: int, end: int | None = None, *, org: bool = False,
              character: bool = False) -> tuple[int, int] | None:
    """(start, end) of the name starting at ``pos`` (after optional blanks), or None.

    ``org`` allows "of"/"the"/"for" inside ("Film Booking Offices of America") and leading
    ordinals ("20th Century Fox"); ``character`` allows a leading "the" ("the Joker").
    """
    end = len(text) if end is None else end
    limit = 8 if org else 6
    tokens: list[tuple[int, int]] = []
    i = pos
    while len(tokens) <= limit:
        m = _WORD.match(text, i, end)
        if m is None:
            break
        word, ws = m.group(1), m.start(1)
        last = False
        if glued := _GLUED_SENTENCE.search(word):  # "Keshu.Raima": a missing space
            word, last = word[:glued.start() + 2], True
        if word.endswith("."):
            stem = word.rstrip(".")
            if stem in ABBREVIATIONS or _INITIALS.fullmatch(stem):
                last = len(word) - len(stem) > 1  # "Jr.." ends the sentence too
                word = stem + "."
            else:
                word, last = stem, True
        we = ws + len(word)
        if word.endswith(("'s", "’s")):
            return None  # "Forsyth's novel": a possessive modifies; it is not the name
        if _capitalised(word, org=org):
            if not tokens and word in _NOT_FIRST and not (org and word == "The"):
                return None
            if not tokens and not org and word in _CREDIT_WORDS:
                return None
            tokens.append((ws, we))
        elif (word.lower() in PARTICLES or word == "&"
              or (org and word in _ORG_JOINERS and word != "and")
              or (character and not tokens and word == "the")):
            if last or not _capital_follows(text, m.end(), end, org=org):
                break
            if not tokens and not character:
                return None
            tokens.append((ws, we))
        else:
            break
        i = m.end()
        if last:
            break
        if word in _NAME_FINAL or (  # "Sammy Davis Jr. It was ...": a new sentence begins
                len(tokens) > 1 and _INITIALS.fullmatch(word.rstrip("."))
                and word.endswith(".")):  # "... by Sam C. S. The audio rights ..."
            nxt = _WORD.match(text, i, end)
            if nxt is None or nxt.group(1) in _NOT_FIRST:
                break
    if not tokens or len(tokens) > limit:
        return None
    return tokens[0][0], tokens[-1][1]


def _skip_descriptions(text: str, pos: int, end: int) -> int:
    """``pos`` moved past a lower-case description before the first name of a list
    ("filmmaker Leon Gast", "former stuntman Rick Avery") or a capitalised one ("Academy
    Award winner Howard Shore"), and past an honorific ("Sir Alec Guinness")."""
    m = _DESCRIBED.match(text, pos, end)
    pos = m.end() if m else pos
    m = _HONORIFIC.match(text, pos, end)
    return m.end() if m else pos


def looks_like_organization(name: str) -> bool:
    """Whether a name reads as a company's ("Hanna-Barbera Productions", "Warner Bros.")."""
    return bool(_ORG_WORD.search(name))


def read_names(text: str, pos: int, end: int | None = None, *, org: bool = False,
               characters: bool = False) -> list[NameHit]:
    """The list of names starting at ``pos``: "A, B and C", "A as X, B as Y, and C"."""
    end = len(text) if end is None else end
    hits: list[NameHit] = []
    i = pos
    while True:
        if not org and (team := _TEAM.match(text, i, end)):
            sep = LIST_SEP.match(text, team.end(), end)
            if sep is None:
                break
            i = sep.end()
            continue
        # "filmmaker Leon Gast", and within a list: "A and Kim Possible creators B and C"
        at = _skip_descriptions(text, i, end)
        if org and (article := _THE.match(text, at, end)):
            at = article.end()  # "distributed by the Weinstein Company"
        found = read_name(text, at, end, org=org)
        if found is None:
            break
        start, stop = found
        if hits and _CLAUSE_VERB.match(text, stop, end):
            break  # "..., The Texan was released": a new clause, not another name
        character, span_end = None, stop
        if characters:
            as_m = _AS.match(text, stop, end)
            role = read_name(text, as_m.end(), end, character=True) if as_m else None
            if role is not None and not _DESCRIPTION_GOES_ON.match(text, role[1], end):
                character, span_end = text[role[0]:role[1]], role[1]
        hits.append(NameHit(text[start:stop], start, stop, character, span_end))
        if character is None and " & " in hits[-1].name:  # "A Productions & B Films"
            left, _, right = hits[-1].name.partition(" & ")
            # two companies, or a person and a company ("Jack Manju & KSK Productions")
            if looks_like_organization(right) and " " in left:
                right_start = start + len(left) + 3
                hits[-1:] = [NameHit(left, start, start + len(left), None, start + len(left)),
                             NameHit(right, right_start, stop, None, stop)]
        if not org and character is None and (
                pair := _SHARED_SURNAME.fullmatch(text, start, stop)):
            # "Aaron & Jordan Kandell": two people of one surname, both read from the span
            hits[-1:] = [NameHit(f"{pair.group(n)} {pair.group(3)}", start, stop, None, stop)
                         for n in (1, 2)]
        suffix = NAME_SUFFIX.match(text, span_end, end)
        if suffix and character is None:  # "Noah Brill, Jr.", "Corvid Pictures, Inc."
            stop = span_end = suffix.end()
            hits[-1] = NameHit(text[start:stop], start, stop, None, stop)
        if character is None and (note := _CREDIT_NOTE.match(text, span_end, end)):
            span_end = note.end()
        if characters and character is None and (
                aside := _CAST_ASIDE.match(text, span_end, end)):
            span_end = aside.end()  # "X in the lead role, Y, Z": the list goes on
        sep = LIST_SEP.match(text, span_end, end)
        if sep is None:
            break
        i = sep.end()
    return hits


# Reading backwards and lists with notes: "A, B and C co-star", "A (Quiz Show), B"
PAREN = re.compile(r"\s*\(([^()]{1,80})\)")
_LEAD_WORDS = frozenset(
    {
        "Starring",
        "Also",
        "Director",
        "Producer",
        "Actor",
        "Actress",
        "Cast",
        "Coming",
        "Veteran",
        "Newcomer",
        "Legend",
        "Star",
        "Stars",
        "Co-star",
        "Filmmaker",
        "Writer",
        "Composer",
        "Cinematographer",
        "Editor",
        "Meanwhile",
        "Besides",
        "Here",
        "Now",
        "Then",
        "Finally",
    }
)
_ROLE_TITLES = frozenset({"Director", "Producer", "Actor", "Actress", "Filmmaker", "Writer",
                          "Screenwriter", "Composer", "Cinematographer", "Editor"})
_NOT_PERSON = re.compile(r"\b(?:Award|Awards|Oscar|Festival|Street|Avenue|University|The)\b")


def is_person(name: str) -> bool:
    """Whether a name read may be a person's: no company, award or street words."""
    return (
        not looks_like_organization(name) and not _NOT_PERSON.search(name) and (name[:1].isalpha())
    )


def list_with_notes(text: str, pos: int, end: int) -> tuple[list[tuple[int, int]], int]:
    """Names of a list whose items may carry a parenthesised note ("X (Quiz Show), Y"),
    and the offset where the list ends (notes included)."""
    found: list[tuple[int, int]] = []
    i = pos
    while True:
        name = read_name(text, i, end)
        if name is None:
            break
        if suffix := NAME_SUFFIX.match(text, name[1], end):
            name = (name[0], suffix.end())  # "Noah Beery, Sr."
        found.append(name)
        i = name[1]
        if note := PAREN.match(text, i, end):
            i = note.end()
        sep = LIST_SEP.match(text, i, end)
        if sep is None:
            break
        i = sep.end()
    return found, i


_BACK_WORD = re.compile(r"[^\s,;:()]+?(?=[\s,;:()]|$|(?<=[a-z]{2}\.)[A-Z])")
_WORD_GAP = re.compile(r"[\s,;:()]")
_BACK_WINDOW = 160  # characters first read back for the last words


def _last_words(text: str, start: int, stop: int, n: int = 6) -> list[tuple[str, int]]:
    """The last ``n`` words of ``text[start:stop]`` (all when fewer), as (word, offset):
    read from a window before ``stop`` that starts after a gap between words, so it cuts
    none, widened until it holds ``n`` words (the words of the whole stretch would cost
    its length at each name read back: the square of a long sentence)."""
    size = _BACK_WINDOW
    while True:
        w = max(start, stop - size)
        if w > start:
            while w < stop and not _WORD_GAP.match(text, w - 1):
                w += 1
        words = [(m.group(0), w + m.start()) for m in _BACK_WORD.finditer(text[w:stop])]
        if w == start or len(words) >= n:
            return words[-n:]
        size *= 4


def backward_name(text: str, start: int, stop: int) -> tuple[int, int] | None:
    """The capitalised name that ends at ``stop`` (at most six words back, not before
    ``start``)."""
    words = _last_words(text, start, stop)
    for k in range(len(words), 0, -1):
        first, s = words[-k]
        if first in _LEAD_WORDS or any(w in _ROLE_TITLES for w, _ in words[-k:-1]):
            continue  # "Experienced Cinematographer P. K. Das": the name is after the title
        found = read_name(text, s, stop)
        if found is not None and found[1] == stop:
            return found
    return None

_POSSESSIVE = re.compile(r"[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,3}(?=(?:'s|’s)\b)")


def possessed_name(text: str, pos: int, end: int) -> tuple[int, int] | None:
    """The name of a possessive right at ``pos`` ("producer Nina Ford's alma mater")."""
    m = _POSSESSIVE.match(text, pos, end)
    return read_name(text, m.start(), m.end()) if m else None

_SUFFIX_ONLY = re.compile(r"(?:Jr|Sr)\.?")

SEP_BEFORE = re.compile(r"(?:,\s*and|,|\s+and)\s*$")

def backward_list(text: str, start: int, stop: int) -> list[tuple[int, int]]:
    """The names of a list that ends at ``stop`` ("A, B and C"), in text order."""
    found: list[tuple[int, int]] = []
    while (name := backward_name(text, start, stop)) is not None:
        found.append(name)
        sep = SEP_BEFORE.search(text, max(start, name[0] - 6), name[0])
        if sep is None:
            break
        stop = sep.start()
    found.reverse()
    for k in range(len(found) - 1, 0, -1):  # "Noah Beery, Sr.": the suffix ends the name
        if _SUFFIX_ONLY.fullmatch(text, *found[k]):
            found[k - 1:k + 1] = [(found[k - 1][0], found[k][1])]
    return found
