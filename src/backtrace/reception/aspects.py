"""What a review praises or faults: aspects found by keyword, judged clause by clause.

Contract: :func:`find_aspects` is a pure function of a text and the sentences to read
(character ranges into it). For every clause that names an aspect it gives an
:class:`~backtrace.model.Aspect` with the clause's polarity and the whole sentence as its
span, at most one per aspect and sentence. A clause's polarity comes from the judging
words around the keyword (:mod:`backtrace.reception.lexicon`); when it has none, from the
sentence's polarity (``sentence_polarity``, when the caller gives one), unless the
clause turns against what came before ("... but the script ..."); a clause with neither,
or a question or wish, gives no aspect.

Aspects (``ASPECTS``): plot, performances, direction, camera, pacing, action, music,
writing, tone. A performances aspect lists the people the sentence names (``actors``);
matching them to the film's cast is the reader's job (:func:`backtrace.reception.aggregate`).
A review states each judgement once: :func:`unique_aspects` keeps one aspect per
(aspect, polarity), the first sentence that says it, with every actor any of them names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from backtrace.model import Aspect, Span
from backtrace.reception.lexicon import clause_polarity, is_irrealis

ASPECTS: dict[str, tuple[str, ...]] = {
    "plot": ("plot", "plots", "story", "storyline", "narrative", "premise", "twist", "twists",
             "ending"),
    "performances": ("performance", "performances", "acting", "acted", "cast", "portrayal",
                     "portrays", "portrayed", "turn as", "actor", "actors", "actress",
                     "ensemble", "plays", "played", "chemistry", "role", "roles"),
    "direction": ("direction", "directing", "director's", "filmmaking", "helmer", "helming",
                  "staging"),
    "camera": ("camera", "camerawork", "camera work", "cinematography", "cinematographer",
               "shaky cam", "shaky-cam", "handheld", "shot composition", "visuals",
               "photography", "framing", "lensing"),
    "pacing": ("pacing", "pace", "paced", "runtime", "running time", "tempo"),
    "action": ("action sequences", "action scenes", "action set pieces", "set pieces",
               "set-pieces", "fight scenes", "fights", "shootouts", "shoot-outs", "stunts",
               "gunfights", "car chases", "chase scenes", "fight choreography"),
    "music": ("music", "score", "soundtrack", "songs", "composer"),
    "writing": ("writing", "script", "screenplay", "dialogue", "dialog", "writer",
                "writers", "lines", "characterization", "characterisation"),
    "tone": ("tone", "tonal", "tonally", "tones", "mood"),
}  # fmt: skip
_KEYWORDS = re.compile(
    r"(?<![\w-])(?P<kw>"
    + "|".join(
        re.escape(k) for k in sorted({k for ks in ASPECTS.values() for k in ks}, key=len,
                                      reverse=True)
    )
    + r")(?![\w-])",
    re.IGNORECASE,
)
_ASPECT_OF = {k: a for a, ks in ASPECTS.items() for k in ks}
# "<Name> is outstanding as ...": a judged performance without a keyword
_JUDGED_AS = re.compile(
    r"(?P<name>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3})\s+(?:is|was|proves|shines)\s+"
    r"(?:\w+\s+){0,2}?as\s+(?:an?|the|his|her)\s"
)
_ATTRIBUTING = re.compile(r"(?i:writing|reviewing)\s+(?:for|in)\s+[A-Z]")  # "writing for Y"
_CLAUSE_CUT = re.compile(
    r"[;:]|,\s+(?:but|while|although|though|whereas|and)\s|\s(?:but|while|whereas|although)\s"
)
# a clause that turns against what came before does not share the sentence's polarity
_CONTRAST = re.compile(r"[,;:\s]*(?:but|while|although|though|whereas|however|yet)\b", re.I)
_NAME = re.compile(r"\b[A-Z][a-z’'-]+(?:\s+(?:[A-Z]\.\s*)?[A-Z][a-z’'-]+){0,2}\b")
_NOT_NAMES = frozenset(
    {
        "The", "A", "An", "This", "That", "It", "He", "She", "They", "His", "Her", "Their",
        "I", "We", "You", "While", "But", "And", "Although", "Though", "However", "Similarly",
        "Critics", "Critic",
    }
)


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    cuts = [start] + [start + m.start() for m in _CLAUSE_CUT.finditer(text[start:end])] + [end]
    return [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if b > a]


def names_in(text: str) -> list[str]:
    """Capitalised names in ``text`` (candidates for the actors of a performance)."""
    out: list[str] = []
    for m in _NAME.finditer(text):
        name = m.group()
        words = name.split()
        while words and words[0] in _NOT_NAMES:
            words = words[1:]
        if not words:
            continue
        name = " ".join(words)
        if name not in out:
            out.append(name)
    return out


def find_aspects(
    text: str,
    sentences: Iterable[tuple[int, int]],
    sentence_polarity: dict[tuple[int, int], str] | None = None,
    cues: dict[str, str] | None = None,
) -> list[Aspect]:
    """Aspects judged in the given sentences of ``text``; ``cues`` maps a verb such as
    "criticized" to the polarity it gives the aspects that follow it in its clause."""
    polarity_of = sentence_polarity or {}
    found: list[Aspect] = []
    for s_start, s_end in sentences:
        sentence = text[s_start:s_end]
        if is_irrealis(sentence):
            continue
        span = Span.of(text, s_start, s_end)
        seen: dict[str, Aspect] = {}
        for c_start, c_end in _clauses(text, s_start, s_end):
            clause = text[c_start:c_end]
            kinds: list[tuple[str, str]] = [
                (_ASPECT_OF[m.group("kw").lower()], m.group("kw"))
                for m in _KEYWORDS.finditer(clause)
                if not _ATTRIBUTING.match(clause, m.start())
            ]
            judged = _JUDGED_AS.search(clause)
            if judged and judged.group("name").split()[0] not in _NOT_NAMES:
                kinds.append(("performances", judged.group("name")))
            if not kinds:
                continue
            polarity = clause_polarity(clause)
            if polarity is None and not _CONTRAST.match(clause):
                polarity = polarity_of.get((s_start, s_end))
            if polarity is None:
                continue
            for aspect, _ in kinds:
                if aspect in seen:
                    continue
                actors = names_in(clause) if aspect == "performances" else []
                seen[aspect] = Aspect(aspect, polarity, span, actors)
        found.extend(seen.values())
    return found


def unique_aspects(aspects: Iterable[Aspect]) -> list[Aspect]:
    """One aspect per (aspect, polarity), in order: the first sentence saying it, with the
    actors every sentence saying it names."""
    kept: dict[tuple[str, str], Aspect] = {}
    for a in aspects:
        first = kept.get((a.aspect, a.polarity))
        if first is None:
            kept[(a.aspect, a.polarity)] = Aspect(a.aspect, a.polarity, a.span, list(a.actors))
            continue
        first.actors.extend(n for n in a.actors if n not in first.actors)
    return list(kept.values())
