"""Words critics judge with, and the polarity of a clause by them.

    clause_polarity("an interesting story that sadly falls flat")   # "negative"
    is_irrealis("Could this be another great thriller?")             # True

A small hand-made lexicon, used where the statistical model is weakest: short clauses about
one aspect, and telling a verdict from a hope ("I was hoping for a great film"). A word
preceded closely by a negation ("not", "n't", "never", "hardly") counts for the other side.
When a clause has words of both sides, the last one wins ("a clever premise that falls
flat" is negative; "a slow start but a gripping finale" is positive).
"""

from __future__ import annotations

import re
from typing import NamedTuple

POSITIVE = (
    "great", "good", "excellent", "superb", "outstanding", "brilliant", "brilliantly",
    "masterpiece", "masterful", "compelling", "gripping", "engaging", "enjoyable",
    "entertaining", "fun", "thrilling", "riveting", "impressive", "impressed", "strong",
    "solid", "terrific", "wonderful", "beautiful", "beautifully", "stunning", "memorable",
    "moving", "powerful", "clever", "witty", "funny", "hilarious", "charming", "delightful",
    "fresh", "original", "well-crafted", "well-acted", "well acted", "praised", "praise",
    "praising", "lauded", "applauded", "commended", "shines", "shine", "standout",
    "stellar", "exhilarating", "taut", "effective", "convincing", "recommend",
    "worth watching", "must-see", "gem", "decent", "enjoyed", "loved", "love", "best",
    "tight", "assured", "vivid", "nuanced", "elegant", "inventive", "sharp", "slick",
    "positive review", "positive", "favorable", "favourable", "likable", "likeable", "finest",
    "warmth",
)  # fmt: skip
NEGATIVE = (
    "bad", "poor", "poorly", "weak", "dull", "boring", "tedious", "flat", "falls flat",
    "fell flat", "generic", "bland", "forgettable", "predictable", "clichéd", "cliched",
    "cliché", "cliche", "derivative", "unoriginal", "mess", "messy", "muddled", "confusing",
    "incoherent", "distracting", "hard to watch", "awful", "terrible", "horrible", "worst",
    "disappointing", "disappointment", "letdown", "lifeless", "wooden", "stiff", "clunky",
    "lazy", "uninspired", "underwhelming", "mediocre", "pointless", "shaky", "choppy",
    "sluggish", "plodding", "overlong", "dragging", "drags", "headache", "stumbles",
    "stumble", "fails", "failed", "wasted", "gets lost", "all over the place", "hate",
    "hated", "criticized", "criticised", "criticizing", "criticising", "critiqued",
    "panned", "faulted", "issue", "problem", "flaw", "flawed", "unconvincing", "laughable",
    "ridiculous", "silly", "stupid", "annoying", "lackluster", "lacklustre", "tired",
    "stale", "shallow", "nonsensical", "negative review", "negative", "unfavorable",
    "unfavourable", "dismissed", "derided", "forced", "stilted", "hackneyed", "formulaic",
    "familiar", "overwrought", "bloated", "convoluted", "cheap",
)  # fmt: skip


def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_WORD = re.compile(
    rf"(?<![\w-])(?:(?P<pos>{_alternation(POSITIVE)})|(?P<neg>{_alternation(NEGATIVE)}))(?![\w-])",
    re.IGNORECASE,
)
_NEGATION = re.compile(r"(?:\bnot|n't|n’t|\bnever|\bhardly|\bno)\s+(?:\w+\s+){0,1}$", re.IGNORECASE)
_IRREALIS = re.compile(
    r"\?\s*$|\b(?:could have|would have|should have|might have|hoping|hoped|wish|wished"
    r"|if you|expected|expecting|could this|will it|promised|meant to|supposed to)\b",
    re.IGNORECASE,
)


class Hit(NamedTuple):
    start: int  # offset in the text searched
    end: int
    polarity: str  # positive | negative


def hits(text: str) -> list[Hit]:
    """Every lexicon word in ``text``, negation applied, in order."""
    found = []
    for m in _WORD.finditer(text):
        polarity = "positive" if m.group("pos") else "negative"
        if _NEGATION.search(text[max(0, m.start() - 20) : m.start()]):
            polarity = "negative" if polarity == "positive" else "positive"
        found.append(Hit(m.start(), m.end(), polarity))
    return found


def clause_polarity(text: str) -> str | None:
    """"positive" or "negative" by the last lexicon word of the clause; None without one."""
    found = hits(text)
    return found[-1].polarity if found else None


def verdict_hits(sentence: str) -> list[Hit]:
    """The judging words that are a verdict: none in a question; in a hope, wish or
    condition only the faults ("could have been a great thriller" praises nothing)."""
    if sentence.rstrip().endswith("?"):
        return []
    found = hits(sentence)
    if is_irrealis(sentence):
        return [h for h in found if h.polarity == "negative"]
    return found


def decisive_side(found: list[Hit]) -> str | None:
    """The side the judging words clearly take: at least twice the other side plus two."""
    pos = sum(h.polarity == "positive" for h in found)
    neg = len(found) - pos
    if pos >= 2 * neg + 2:
        return "positive"
    if neg >= 2 * pos + 2:
        return "negative"
    return None


def is_irrealis(sentence: str) -> bool:
    """A question, hope, wish or condition: its judging words are not a verdict."""
    return bool(_IRREALIS.search(sentence))
