"""Short names of people: a surname ("Stallone"), a nickname ("Sly", "Sly Stallone") or a
quoted nickname inside the full name ("Sylvester 'Sly' Stallone"), linked to the full name
they stand for.

A :class:`PersonScope` holds the full names in scope for one document: the people the
document names in full and the people credited on its film by other documents. A short
mention links to a full name only when exactly one person in scope fits it:

- a surname must be equal as written (case- and prefix-sensitive: "McDonald" is not
  "MacDonald");
- a first name or nickname must be that person's given name or one of its usual
  hypocorisms (the ``nicknames`` data set: Sly -> Sylvester, Matt -> Matthew), or a
  nickname the text itself gives in quotes;
- a character of the film with that surname or first name ("Donovan MacDonald") makes the
  mention ambiguous: it may be the character, so it links to no one.

Fuzzy matching (rapidfuzz) only tolerates spelling noise in full names of two words or
more whose surnames agree ("Sylvester Stalone"); it never joins different surnames.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from backtrace.keys import name_key
from backtrace.model import PROPERTIES, Claim

if TYPE_CHECKING:  # nicknames and rapidfuzz load when first used: reading a store needs neither
    from nicknames import NickNamer

_SUFFIXES = frozenset({"jr", "sr", "jnr", "snr", "ii", "iii", "iv"})
_PARTICLES = frozenset({"de", "van", "von", "da", "del", "della", "di", "du", "la", "le",
                        "der", "den", "ter", "ten", "bin", "al", "dos", "das", "do", "mac"})
_TITLES = frozenset({"dr", "mr", "mrs", "ms", "miss", "det", "detective", "agent", "officer",
                     "sgt", "sergeant", "lt", "lieutenant", "capt", "captain", "col", "colonel",
                     "gen", "general", "prof", "professor", "sir", "dame", "lord", "lady",
                     "orderly", "nurse", "judge", "sheriff", "deputy", "chief", "inspector",
                     "father", "sister", "brother", "uncle", "aunt", "king", "queen",
                     "prince", "princess", "president", "senator", "mayor", "the"})
# Capitalised words that open sentences and must not be read as a first name or nickname.
_NOT_NAMES = frozenset({"will", "may", "june", "april", "august", "art", "bill", "mark",
                        "grant", "rich", "frank", "sue", "pat", "don", "guy", "ray", "rob",
                        "max", "joy", "hope", "faith", "jack", "chase", "bob"})
_QUOTED_NICK = re.compile(
    r"\b([A-Z][\w'’-]+)\s+[\"'“‘]([A-Z0-9][\w'’.-]*(?: [A-Z0-9][\w'’.-]*){0,2})[\"'”’]\s+"
    r"((?:[A-Z][\w'’-]*\s+)*[A-Z][\w'’-]+)"
)
_WORD = re.compile(r"[A-Z][\w’'-]*[\w]")
# "Alan Menken", "Robert B. Sherman": a given name, initials, a surname that ends the run
_GIVEN_AND_SURNAME = re.compile(
    r"(?<![\w’'-])([A-Z][a-z]+)(?: [A-Z]\.)* ([A-Z][a-z][\w’'-]*[a-z])"
    r"(?![\w’'-])(?! [A-Z])")
_CAPITALISED_BEFORE = re.compile(r"[A-Z][\w’'-]* $")
FUZZY_THRESHOLD = 92.0  # the whole name
SURNAME_THRESHOLD = 85.0  # and the surname alone: "Brook" ~ "Brooke", not "Brooks"


@lru_cache(maxsize=1)
def _nicknamer() -> NickNamer:
    from nicknames import NickNamer

    return NickNamer()


@lru_cache(maxsize=65536)
def canonical_given_names(nickname: str) -> frozenset[str]:
    """The given names ``nickname`` is a usual short form of ("sly" -> sylvester, ...)."""
    return frozenset(_nicknamer().canonicals_of(nickname.casefold()))


@lru_cache(maxsize=1)
def _given_names() -> frozenset[str]:
    nn = _nicknamer()
    return frozenset(nn.nickname_lookup) | frozenset(nn.canonical_lookup)


def is_given_name(word: str) -> bool:
    """Whether ``word`` is a usual English given name or nickname ("Ryan", "Sly")."""
    return word.casefold() in _given_names()


@dataclass(frozen=True, slots=True)
class NameParts:
    given: str  # as written: "Sylvester"
    surname: str  # as written, particles kept: "Stallone", "de Niro"
    full: str


@lru_cache(maxsize=65536)
def name_parts(full: str) -> NameParts | None:
    """Given name and surname of a full name of two words or more; None for one word."""
    words = [w for w in re.split(r"\s+", full.strip().strip(",")) if w]
    while words and name_key(words[-1]) in _SUFFIXES:
        words.pop()
    while words and name_key(words[0]) in _TITLES:
        words.pop(0)
    if len(words) < 2:
        return None
    i = len(words) - 1
    while i > 1 and name_key(words[i - 1]) in _PARTICLES:
        i -= 1
    return NameParts(given=words[0], surname=" ".join(words[i:]), full=full)


def _quoted_nicknames(text: str) -> Iterable[tuple[str, str, int, int]]:
    """(full name without the nickname, nickname, start, end of the nickname)."""
    for m in _QUOTED_NICK.finditer(text):
        yield f"{m.group(1)} {m.group(3)}", m.group(2), m.start(2), m.end(2)


def strip_nickname(name: str) -> tuple[str, str | None]:
    """``'Sylvester "Sly" Stallone'`` -> ``("Sylvester Stallone", "Sly")``."""
    m = _QUOTED_NICK.fullmatch(name.strip())
    if m is None:
        return name, None
    return f"{m.group(1)} {m.group(3)}", m.group(2)


@dataclass(frozen=True, slots=True)
class Mention:
    """A stretch of text that names a person in scope: ``full`` is the name it stands for."""

    full: str
    alias: str
    start: int
    end: int


def role_words(character: str) -> frozenset[str]:
    """A character's name as a set of words, quotes and titles left out."""
    words = re.findall(r"[\w’'-]+", re.sub(r"[\"“”‘’]", " ", character))
    return frozenset(name_key(w) for w in words if name_key(w) not in _TITLES) - {""}


class PersonScope:
    """The people (full names) and characters in scope for one document."""

    def __init__(self, people: Iterable[str] = (), characters: Iterable[str] = ()) -> None:
        self._people: dict[str, NameParts] = {}
        self._by_surname: dict[str, set[str]] = {}
        self._by_given: dict[str, set[str]] = {}
        self._by_initial: dict[str, list[str]] = {}  # first letter of the given name
        self._nicknames: dict[str, set[str]] = {}
        self._character_words: set[str] = set()
        self._by_first_word: dict[str, list[str]] = {}
        self._roles: list[tuple[str, frozenset[str]]] = []  # (full name, character's words)
        self._named_in_text: dict[str, set[str]] = {}  # surname -> full names the text gives
        for name in people:
            self.add_person(name)
        for name in characters:
            self.add_character(name)

    # -- building ---------------------------------------------------------------------
    def add_person(self, full: str) -> None:
        full, nick = strip_nickname(full)
        if nick:
            self.add_person(full)
            self.add_nickname(full, nick)
            return
        parts = name_parts(full)
        if parts is None or parts.full in self._people:
            return
        self._people[parts.full] = parts
        first = parts.full.split()[0]
        bisect.insort(self._by_first_word.setdefault(first, []), parts.full,
                      key=lambda name: -len(name))  # longest first, as a stable sort puts them
        self._by_surname.setdefault(parts.surname, set()).add(parts.full)
        self._by_given.setdefault(parts.given.casefold(), set()).add(parts.full)
        self._by_initial.setdefault(parts.given[:1].casefold(), []).append(parts.full)

    def add_character(self, name: str) -> None:
        """A character's name words (as written) block short mentions of the same word."""
        for word in re.findall(r"[\w’'-]+", re.sub(r"[\"“”‘’]", " ", name)):
            if word[:1].isupper() and name_key(word) not in _TITLES:
                self._character_words.add(word)

    def add_role(self, full: str, character: str) -> None:
        """``full`` plays ``character``: a surname two people share is settled by the part
        ("Whitford as Loretta Haskins" when Grace and Dale Whitford are both credited)."""
        full = strip_nickname(full)[0]
        words = role_words(character)
        if full in self._people and words:
            self._roles.append((full, words))

    def add_nickname(self, full: str, nickname: str) -> None:
        if full in self._people:
            self._nicknames.setdefault(nickname, set()).add(full)

    def learn(self, text: str) -> None:
        """Take the quoted nicknames the text gives ("Sylvester 'Sly' Stallone"), and the
        full names it writes with a usual given name ("... songs with Alan Menken"): a
        surname no claim's person explains ("Menken also composed the score") stands for
        the one such name."""
        for full, nick, _, _ in _quoted_nicknames(text):
            self.add_nickname(full, nick)
        for m in _GIVEN_AND_SURNAME.finditer(text):
            if is_given_name(m.group(1)) and not _CAPITALISED_BEFORE.search(
                    text, max(0, m.start() - 40), m.start()):
                self._named_in_text.setdefault(m.group(2), set()).add(m.group(0))

    @property
    def people(self) -> list[str]:
        return list(self._people)

    # -- resolving --------------------------------------------------------------------
    def _single(self, word: str, *, sentence_start: bool = False) -> set[str]:
        """Everyone one capitalised word may stand for (surname, given name or nickname)."""
        if (word not in self._by_surname and word not in self._nicknames
                and word not in self._character_words
                and word.casefold() not in self._by_given
                and not canonical_given_names(word)):
            return set()
        if word in self._character_words:
            return {"?character"}
        found = set(self._by_surname.get(word, ()))
        found |= self._nicknames.get(word, set())
        if not (sentence_start and word.casefold() in _NOT_NAMES) or found:
            found |= self._by_given.get(word.casefold(), set())
            for given in canonical_given_names(word):
                found |= self._by_given.get(given, set())
        return found

    def resolve(
        self, mention: str, *, sentence_start: bool = False, character: str | None = None,
        from_text: bool = True,
    ) -> str | None:
        """The full name in scope ``mention`` stands for, or None (unknown or ambiguous).
        ``character``, the part the mention plays, settles a surname two people share;
        ``from_text`` lets a surname fall back on the full names :meth:`learn` read."""
        mention = strip_nickname(mention.strip())[0]
        if mention in self._people:
            return mention
        parts = name_parts(mention)
        if parts is None:
            words = mention.split()
            if len(words) != 1:
                return None
            found = self._single(words[0], sentence_start=sentence_start)
            if not found and not sentence_start and from_text:
                found = self._named_in_text.get(words[0], set())
            if len(found) > 1 and character and "?character" not in found:
                found = found & self._players(character)
            return next(iter(found)) if len(found) == 1 and "?character" not in found else None
        # two words or more: "Sly Stallone" (nickname + surname), "Sylvester Stalone" (typo)
        same_surname = self._by_surname.get(parts.surname, set())
        fits = {
            full for full in same_surname
            if self._people[full].given.casefold() == parts.given.casefold()
            or self._people[full].given.casefold() in canonical_given_names(parts.given)
            or full in self._nicknames.get(parts.given, set())
        }
        if len(fits) == 1:
            return next(iter(fits))
        if fits:
            return None
        from rapidfuzz import fuzz

        close = [
            full for full in self._by_initial.get(parts.given[:1].casefold(), ())
            if fuzz.ratio(name_key(self._people[full].surname), name_key(parts.surname))
            >= SURNAME_THRESHOLD
            and fuzz.ratio(name_key(full), name_key(mention)) >= FUZZY_THRESHOLD
        ]
        return close[0] if len(close) == 1 else None

    def _players(self, character: str) -> set[str]:
        """Who plays ``character`` (one set of words within the other's)."""
        words = role_words(character)
        return {full for full, role in self._roles if words and (words <= role or role <= words)}

    def mentions(self, text: str) -> list[Mention]:
        """Every place ``text`` names a person in scope: full names, quoted nicknames, and
        surnames or nicknames (alone or before the surname) that fit one person only."""
        if not self._people:
            return []
        scan = _MentionScan(self, text)
        scan.full_names()
        scan.quoted_nicknames()
        scan.short_names()
        return sorted(scan.out, key=lambda m: m.start)


_SENTENCE_END = re.compile(r"[.!?\n]\s*$")


class _MentionScan:
    """One reading of a text for ``PersonScope.mentions``: the mentions found so far and
    the characters they stand on (a later, shorter mention never overlaps one)."""

    def __init__(self, scope: PersonScope, text: str) -> None:
        self.scope = scope
        self.text = text
        self.words = list(_WORD.finditer(text))
        self.out: list[Mention] = []
        self._taken = bytearray(len(text))  # 1 where a mention stands: linear, not n * m

    def free(self, start: int, end: int) -> bool:
        return self._taken.find(1, start, end) == -1

    def add(self, full: str, said: str, start: int, end: int) -> None:
        self.out.append(Mention(full, said, start, end))
        self._taken[start:end] = b"\x01" * (end - start)

    def full_names(self) -> None:
        """Full names, the longest first at each word."""
        text, last_end = self.text, 0
        for w in self.words:
            if w.start() < last_end:
                continue
            first = w.group().removesuffix("'s").removesuffix("’s")
            for full in self.scope._by_first_word.get(first, ()):
                end = w.start() + len(full)
                if text.startswith(full, w.start()) and not text[end:end + 1].isalnum():
                    self.add(full, full, w.start(), end)
                    last_end = end
                    break

    def quoted_nicknames(self) -> None:
        """'Sylvester "Sly" Stallone' where no full name stands."""
        for full, nick, start, end in _quoted_nicknames(self.text):
            if full in self.scope._people and self.free(start, end):
                self.add(full, nick, start, end)

    def short_names(self) -> None:
        """Surnames and nicknames, alone or before the surname, that fit one person."""
        text, words = self.text, self.words
        i = 0
        opener = -1  # the index of a sentence-opening word that is no name
        while i < len(words):
            w = words[i]
            if not self.free(w.start(), w.end()):
                i += 1
                continue
            nxt = words[i + 1] if i + 1 < len(words) else None
            if nxt is not None and text[w.end():nxt.start()] == " " and self.free(nxt.start(),
                                                                                  nxt.end()):
                step = self._pair(w, nxt)
                if step == 1:
                    opener = i
                i += step
                continue
            if i > 0 and opener != i - 1 and text[words[i - 1].end():w.start()] == " ":
                i += 1  # the second word of a capitalised run we do not know
                continue
            self._single(w)
            i += 1

    def _pair(self, w: re.Match[str], nxt: re.Match[str]) -> int:
        """Two capitalised words in a row: a short name before a surname (2 words read), a
        word opening the sentence before a name ("Meanwhile Grant": 1 word read), or part of
        another capitalised name (2 words read)."""
        text, scope = self.text, self.scope
        pair = text[w.start():nxt.end()]
        full = scope.resolve(pair) if nxt.group() in scope._by_surname else None
        if full is not None:
            self.add(full, pair, w.start(), nxt.end())
            return 2
        opens = w.start() == 0 or bool(_SENTENCE_END.search(text[:w.start()][-3:]))
        if not (opens and scope.resolve(w.group(), sentence_start=True) is None
                and not is_given_name(w.group())):
            return 2  # part of another capitalised name
        return 1

    def _single(self, w: re.Match[str]) -> None:
        """A word alone: a surname or nickname that fits one person."""
        text = self.text
        if text[w.start() - 1:w.start()] in ("/", "-", "&") or text[w.end():w.end() + 1] in (
            "/", "&"):
            return  # part of a company's name ("Emmett/Furla Films")
        word = w.group()
        if word.endswith(("'s", "’s")):
            word = word[:-2]
        before = text[max(0, w.start() - 2):w.start()]
        start_of_sentence = w.start() == 0 or bool(_SENTENCE_END.search(before))
        full = self.scope.resolve(word, sentence_start=start_of_sentence, from_text=False)
        if full is not None:
            self.add(full, word, w.start(), w.start() + len(word))


def short_organization(name: str, known: Iterable[str]) -> str | None:
    """The one known organisation ``name`` is a shortened form of, by whole leading words
    ("Lionsgate" -> "Lionsgate Premiere"); None when it is a known name itself, or fits
    none or several."""
    key = name_key(name).split()
    if not key:
        return None
    fits = set()
    for full in known:
        words = name_key(full).split()
        if words == key:
            return None
        if len(words) > len(key) and words[: len(key)] == key:
            fits.add(full)
    return fits.pop() if len(fits) == 1 else None


def document_scope(claims: Iterable[Claim], text: str | None = None) -> PersonScope:
    """The people one document names in full (every person-valued claim), the characters
    it names, who plays whom, and (given its ``text``) the nicknames it gives: what a
    surname or nickname in that document can stand for."""
    scope = PersonScope()
    for claim in claims:
        if PROPERTIES[claim.property].value_type == "person":
            scope.add_person(str(claim.value))
        if character := claim.qualifiers.get("character"):
            scope.add_character(str(character))
            if claim.property == "cast_member" and claim.subject is None:
                scope.add_role(str(claim.value), str(character))  # who plays whom
    if text is not None:
        scope.learn(text)
    return scope
