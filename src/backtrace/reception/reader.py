"""Reading critics' reviews out of one document: a pure function of the document.

    ReviewReader()(doc)   # list[Review]

Contract (like an extractor component, :mod:`backtrace.extract.component`): ``requires``
the document's kind, sentences, sections and byline metadata; ``produces`` ``Review``
records whose every span lies in ``doc.text``. No I/O beyond the shipped polarity model.

* A **review document** (``Kind.REVIEW``) is one review: critic and outlet from its byline
  (``meta``), its date, a stated score (:mod:`backtrace.reception.scores`), and a polarity.
  A score decides the polarity when stated (>= 60 positive, <= 40 negative, else mixed);
  otherwise the polarity model judges the **verdict sentences**: those with judging words
  that are a verdict (:func:`~backtrace.reception.lexicon.verdict_hits`; all body sentences
  when none has). When the model calls them "mixed" but the judging words clearly take one
  side (:func:`~backtrace.reception.lexicon.decisive_side`), that side wins. Its spans
  are the verdict sentences that carry the label (the three strongest; for "mixed", the
  strongest of each side).
* In **any other document**, a sentence that attributes a judgement to a named critic is
  a review: "X of Y gave the film a positive review", "X, writing for Y, called ...",
  "Y's X praised ...", "Writing for Y, X ...", "A critic for Y gave ...", and, in a
  Reception/Critical response section only (or after a "Reception" line in a text without
  marked sections), "X critiqued the plot ...". The sentences right after it that continue
  with the same critic ("The critic ...", "He ...", "<surname> ...") belong to it.
  Cue words outside the quotation marks decide the polarity ("positive review", "praised"
  / "negative review", "panned", "critiqued"; both sides: mixed); without them a stated
  score; without one the model over the quoted words (or the whole sentences).
* A sentence that reports what **critics in general** said ("The film received mostly
  negative reviews, with critics faulting the plot but praising the cast"; "Reviewers
  admired the music") is a ``summary`` record: no critic's review (the aggregate does not
  count it), but the aspects it reports count towards the consensus. It is read in a
  Reception section, or anywhere it names critics or reviewers as its subject.
* Aspects (:mod:`backtrace.reception.aspects`) come from the review's sentences: for a
  review document from the judging words alone, for a quote also from its polarity; one
  per aspect and polarity (:func:`~backtrace.reception.aspects.unique_aspects`).
* ``probability`` is always the probability of the label shown. When the model decided,
  the model's; when a stated score, the source's words ("panned", "a positive review") or
  the judging words decided, how often a label so decided is right (the measured or assumed
  rates of :mod:`backtrace.reception.approval`), not the model's opinion of a label it did
  not choose.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from backtrace.model import Claim, Document, Kind, Review, Span
from backtrace.reception import approval, encoder
from backtrace.reception.aspects import find_aspects, unique_aspects
from backtrace.reception.lexicon import decisive_side, hits, verdict_hits
from backtrace.reception.polarity import POLAR, PolarityScorer
from backtrace.reception.scores import find_score

POSITIVE_AT = 60.0  # a score at or above this is a positive review
NEGATIVE_AT = 40.0  # at or below, negative; between, mixed
MAX_VERDICT = 3
RECEPTION_SECTIONS = ("reception", "critical", "critics", "review", "response")
SKIPPED_SECTIONS = ("Infobox", "Plot", "Synopsis", "Cast", "Premise", "Summary")

_NAME = (
    r"(?!(?:The|A|An|This|That|In|On|At|For|From|By|With|Critics|Audiences)[ \t])"
    r"(?:[A-Z]\.|[A-Z][\w'’-]*)(?:[ \t]+(?:[A-Z]\.|[A-Z][\w'’-]+)){1,3}"
)
_OUTLET = (
    r"(?:[Tt]he[ \t]+)?[A-Z][\w'’&.!-]*(?:[ \t]+(?:[A-Z][\w'’&.!-]*|of|the|and|&|for|on|de)){0,6}?"
)
_LEAD = r"(?:(?:Similarly|However|Meanwhile|Likewise|Conversely|Also|Additionally|In contrast|"
_LEAD += r"On the other hand|By contrast|Elsewhere|Still|But|And),?\s+)?"
_CUE_VERB = (
    r"(?:(?:also|similarly|further|likewise)\s+)?(?:gave|give|gives|called|calls|described|describes|praised|praises|panned|pans"
    r"|criticized|criticised|criticizes|criticises|critiqued|critiques|lauded|dismissed"
    r"|derided|applauded|commended|rated|awarded|reviewed|deemed|labell?ed|slammed"
    r"|lambasted|faulted|complained|wrote|writes|said|says|stated|noted|found|felt|opined"
    r"|concluded|declared|considered|summed|named|hailed|enjoyed|disliked|liked|loved|hated)"
)
_STRONG_VERB = re.compile(
    r"\b(?:gave|gives|called|calls|described|praised|panned|criticized|criticised|critiqued"
    r"|lauded|dismissed|derided|applauded|commended|rated|awarded|reviewed|deemed|slammed"
    r"|lambasted|faulted|hailed|disliked|labell?ed)\b"
)
_ATTRIBUTIONS = (
    # "X, writing for Y, ..." / "X, reviewing for Y, ..."
    re.compile(
        rf"{_LEAD}(?:critic\s+)?(?P<critic>{_NAME}),\s+(?:writing|reviewing)\s+(?:for|in)\s+"
        rf"(?P<outlet>{_OUTLET}),\s+(?P<rest>.+)",
        re.DOTALL,
    ),
    # "Writing for Y, X ..." / "In her review for Y, X ..."
    re.compile(
        rf"{_LEAD}(?:Writing (?:for|in)|In (?:his|her|their|a) review (?:for|in))\s+"
        rf"(?P<outlet>{_OUTLET}),\s+(?P<critic>{_NAME})\s+(?P<rest>{_CUE_VERB}\b.+)",
        re.DOTALL,
    ),
    # "X of Y gave ..."
    re.compile(
        rf"{_LEAD}(?:critic\s+)?(?P<critic>{_NAME})\s+(?:of|from|at)\s+(?P<outlet>{_OUTLET})"
        rf",?\s+(?P<rest>{_CUE_VERB}\b.+)",
        re.DOTALL,
    ),
    # "A critic for Y gave ..." (no name)
    re.compile(
        rf"{_LEAD}(?:An?|One|The)\s+(?:critic|reviewer)\s+(?:for|from|of|at|with)\s+"
        rf"(?P<outlet>{_OUTLET}),?\s+(?P<rest>{_CUE_VERB}\b.+)",
        re.DOTALL,
    ),
    # "Y's X praised ..." / "Y critic X ..."
    re.compile(
        rf"{_LEAD}(?P<outlet>{_OUTLET})(?:'s|’s|\s+critic)\s+(?:critic\s+|reviewer\s+)?"
        rf"(?P<critic>{_NAME})\s+(?P<rest>{_CUE_VERB}\b.+)",
        re.DOTALL,
    ),
)
# "X critiqued the plot ..." without an outlet: in a reception section only
_BARE = re.compile(
    rf"{_LEAD}(?:[Cc]ritic\s+)?(?P<critic>{_NAME})\s+(?P<rest>{_STRONG_VERB.pattern}.+)",
    re.DOTALL,
)
_CONTINUES = re.compile(r"(?:The|This|That)\s+(?:critic|reviewer|writer)\b|(?:He|She|They)\s")
_QUOTED = re.compile(r"\"([^\"]+)\"|“([^”]+)”")
_OVERALL = re.compile(
    r"\b(?P<label>positive|favou?rable|glowing|rave|negative|unfavou?rable|poor|mixed)\s+"
    r"(?:review|notice|write-up|assessment)s?\b",
    re.IGNORECASE,
)
_OVERALL_LABEL = {
    "positive": "positive", "favorable": "positive", "favourable": "positive",
    "glowing": "positive", "rave": "positive", "negative": "negative",
    "unfavorable": "negative", "unfavourable": "negative", "poor": "negative",
    "mixed": "mixed",
}  # fmt: skip
_POSITIVE_CUE = re.compile(
    r"\b(?:prais\w*|laud\w*|applaud\w*|commend\w*|rave[ds]?|hail\w*|recommend\w*|admired)\b",
    re.IGNORECASE,
)
_NEGATIVE_CUE = re.compile(
    r"\b(?:pan(?:ned|s)|critici[sz]\w*|critiqu\w*|fault\w*|dismiss\w*|derid\w*|slam\w*"
    r"|lambast\w*|savag\w*|disliked|complain\w*)\b",
    re.IGNORECASE,
)
_HEADING = re.compile(r"\s*=+[^=\n]+=+\s*$")
_HEADER_LINE = re.compile(r"\s*(?:by\s|date:?\s|published|posted|updated)", re.IGNORECASE)
_TRAILING_WORDS = re.compile(r"(?:\s+(?:of|the|and|&|for|on|de))+$")


_RECEPTION_LINE = re.compile(
    r"^[ \t]*(?:Critical[ \t]+(?:response|reception)|Reception|Critics?|Reviews?)[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
_OTHER_HEADING_LINE = re.compile(
    r"^[ \t]*(?:Accolades|Awards|Box office|Release|Soundtrack|Music|Legacy|Home media"
    r"|Production|Development|Filming|Casting|Plot|Cast|Marketing|References|See also"
    r"|External links|Sequel|Controvers(?:y|ies)|Plagiarism[ \w]*)[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)


def _unmarked_reception(text: str) -> list[tuple[int, int]]:
    """Where a text without marked sections has a "Reception" line, the stretch from it to
    the next line that names another usual section."""
    out = []
    for m in _RECEPTION_LINE.finditer(text):
        stop = _OTHER_HEADING_LINE.search(text, m.end())
        out.append((m.start(), stop.start() if stop else len(text)))
    return out


def _stretches(spans: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """Spans sorted and merged where they meet, as (starts, ends) for :func:`_within`."""
    starts: list[int] = []
    ends: list[int] = []
    for a, b in sorted(spans):
        if starts and a <= ends[-1]:
            ends[-1] = max(ends[-1], b)
        else:
            starts.append(a)
            ends.append(b)
    return starts, ends


def _within(stretches: tuple[list[int], list[int]], offset: int) -> bool:
    """Whether ``offset`` lies in one of the stretches (a bisection, not a scan)."""
    starts, ends = stretches
    i = bisect.bisect_right(starts, offset) - 1
    return i >= 0 and offset < ends[i]


@dataclass(frozen=True, slots=True)
class _Attribution:
    critic: str | None
    outlet: str | None
    rest_at: int  # offset of the text after the attribution


def _clean_outlet(outlet: str | None) -> str | None:
    if not outlet:
        return None
    outlet = _TRAILING_WORDS.sub("", outlet.strip())
    outlet = re.sub(r"^[Tt]he\s+(?=\S)", "", outlet)
    return outlet or None


def _attribution(sentence: str, in_reception: bool) -> _Attribution | None:
    for pattern in _ATTRIBUTIONS:
        m = pattern.match(sentence)
        if m and _cue_or_judgement(m.group("rest")):
            critic = m.groupdict().get("critic")
            return _Attribution(critic, _clean_outlet(m.group("outlet")), m.start("rest"))
    if in_reception:
        m = _BARE.match(sentence)
        if m:
            return _Attribution(m.group("critic"), None, m.start("rest"))
    return None


def _cue_or_judgement(rest: str) -> bool:
    """The attribution judges: a strong verb, a quotation, or judging words."""
    return bool(_STRONG_VERB.search(rest) or _QUOTED.search(rest) or hits(rest))


def _unquoted(text: str) -> str:
    return _QUOTED.sub(lambda m: " " * len(m.group()), text)


def cue_polarity(text: str) -> str | None:
    """The polarity the words outside quotations state: "positive review" and the like
    first; else cue verbs ("praised" / "panned", both sides: "mixed"); else None."""
    plain = _unquoted(text)
    overall = {_OVERALL_LABEL[m.group("label").lower()] for m in _OVERALL.finditer(plain)}
    if len(overall) == 1:
        return overall.pop()
    pos, neg = bool(_POSITIVE_CUE.search(plain)), bool(_NEGATIVE_CUE.search(plain))
    if pos and neg:
        return "mixed"
    if pos or neg:
        return "positive" if pos else "negative"
    return None


def _score_polarity(normalized: float) -> str:
    if normalized >= POSITIVE_AT:
        return "positive"
    if normalized <= NEGATIVE_AT:
        return "negative"
    return "mixed"


# a sentence about critics in general: "critics praised ...", "the film received ... reviews"
_CRITICS = re.compile(r"\b(?:critics|reviewers|critical consensus)\b", re.IGNORECASE)
_RECEIVED = re.compile(r"\breceived\b[^.;]{0,60}?\b(?:reviews|notices|reception)\b", re.I)


def basis_probability(basis: str, source: str) -> float:
    """How often a label decided by ``basis`` (not by the model's own reading) is right:
    the mean of the sensitivity and specificity of its rates (see
    :mod:`backtrace.reception.approval`); at least one half."""
    rates = approval.rates_for(approval.rate_key(basis, source))
    return max(0.5, (rates.sensitivity + rates.specificity) / 2.0)


class ReviewReader:
    """The review component: ``reader(doc)`` gives the reviews ``doc`` holds."""

    name = "reviews"
    requires = ("kind", "sentences", "sections", "meta:critic", "meta:outlet")
    produces = ("review",)

    def __init__(self, model: PolarityScorer | None = None) -> None:
        self._model = model

    @property
    def model(self) -> PolarityScorer:
        """The scorer given, else the one the BACKTRACE_POLARITY setting picks (fast by default)."""
        return self._model or encoder.scorer()

    def __call__(self, doc: Document, found: Sequence[Claim] = ()) -> list[Review]:
        if doc.kind == Kind.REVIEW:
            review = self.document_review(doc)
            return [review] if review else []
        return self.quoted_reviews(doc)

    # -- a review document -----------------------------------------------------------------
    def _body(self, doc: Document) -> list[tuple[int, int]]:
        out = []
        for s in doc.sentences:
            text = doc.text[s.start : s.end]
            if not text.strip() or _HEADING.match(text) or len(text.split()) < 3:
                continue
            if s.start < 200 and _HEADER_LINE.match(text) and len(text) < 120:
                continue
            out.append((s.start, s.end))
        return out

    def document_review(self, doc: Document) -> Review | None:
        body = self._body(doc)
        if not body:
            return None
        texts = {r: doc.text[r[0] : r[1]] for r in body}
        judging = {r: verdict_hits(texts[r]) for r in body}
        verdict = [r for r in body if judging[r]] or body
        verdict_texts = [texts[r] for r in verdict]
        lexicon_side = decisive_side([h for r in verdict for h in judging[r]])
        score = None
        for s in doc.sentences:
            if s.start < 200 and _HEADER_LINE.match(doc.text[s.start : s.end]):
                continue
            score = find_score(_unquoted(doc.text[s.start : s.end]), s.start, doc.text)
            if score:
                break
        judged = self.model.classify_review(verdict_texts)
        if score is not None:
            label, basis = _score_polarity(score.normalized), "score"
            probability = basis_probability(basis, "document")
        elif judged.label == "mixed" and lexicon_side is not None:
            label, basis = lexicon_side, "lexicon"
            probability = basis_probability(basis, "document")
        else:
            label, probability, basis = judged.label, judged.probability, self.model.basis
        spans = self._verdict_spans(doc, verdict, [p for p in judged.sentences], label)
        aspects = unique_aspects(find_aspects(doc.text, body))
        return Review(
            source="document",
            polarity=label,
            probability=round(float(probability), 4),
            basis=basis,
            spans=spans,
            critic=doc.meta.get("critic"),
            outlet=_clean_outlet(doc.meta.get("outlet")),
            date=doc.date,
            score=score,
            aspects=aspects,
        )

    @staticmethod
    def _verdict_spans(
        doc: Document, verdict: list[tuple[int, int]], judged: list, label: str
    ) -> list[Span]:
        def strength(i: int, side: str) -> float:
            p = judged[i]
            p_pos = p.probability if p.label == "positive" else 1.0 - p.probability
            return p_pos if side == "positive" else 1.0 - p_pos

        sides = ["positive", "negative"] if label == "mixed" else [label]
        chosen: set[int] = set()
        for side in sides:
            ranked = sorted(range(len(verdict)), key=lambda i: (-strength(i, side), i))
            keep = [i for i in ranked if strength(i, side) >= POLAR]
            take = 1 if label == "mixed" else MAX_VERDICT
            chosen.update((keep or ranked[:1])[:take])
        return [Span.of(doc.text, *verdict[i]) for i in sorted(chosen)]

    # -- critics quoted in another document ------------------------------------------------
    def quoted_reviews(self, doc: Document) -> list[Review]:
        reception = [
            (s.start, s.end)
            for s in doc.sections
            if any(w in s.title.lower() for w in RECEPTION_SECTIONS)
        ]
        if not doc.sections:
            reception = _unmarked_reception(doc.text)
        sentences = [(s.start, s.end) for s in doc.sentences]
        groups: list[tuple[_Attribution, list[tuple[int, int]]]] = []
        summaries: list[Review] = []
        wanted = {t.lower() for t in SKIPPED_SECTIONS}
        skipped = _stretches([(s.start, s.end) for s in doc.sections
                              if " ".join(s.title.strip("= ").split()).lower() in wanted])
        in_any_reception = _stretches(reception)
        for i, (start, end) in enumerate(sentences):
            if _within(skipped, start):
                continue
            text = doc.text[start:end]
            in_reception = _within(in_any_reception, start)
            found = None
            # a line of its own before the attribution (an unmarked heading) is no part of it
            for at in [0, *(i + 1 for i, ch in enumerate(text) if ch == "\n")]:
                found = _attribution(text[at:], in_reception)
                if found:
                    start += at
                    break
            if found:
                groups.append((found, [(start, end)]))
                continue
            if groups and groups[-1][1][-1] == sentences[i - 1] and self._continues(
                text, groups[-1][0]
            ):
                groups[-1][1].append((start, end))
                continue
            summary = self._summary(doc, start, end, in_reception)
            if summary is not None:
                summaries.append(summary)
        quoted = [self._quote_review(doc, found, ranges) for found, ranges in groups]
        return quoted + summaries

    @staticmethod
    def _continues(text: str, found: _Attribution) -> bool:
        if _CONTINUES.match(text):
            return True
        if not found.critic:
            return False
        surname = re.escape(found.critic.split()[-1])
        return bool(re.match(rf"{surname}(?:'s|’s)?\s", text))

    def _quote_review(
        self, doc: Document, found: _Attribution, ranges: list[tuple[int, int]]
    ) -> Review:
        texts = [doc.text[a:b] for a, b in ranges]
        first = texts[0][found.rest_at :]
        cue_text = " ".join([first, *texts[1:]])
        quoted = [
            q.group(1) or q.group(2) for t in [first, *texts[1:]] for q in _QUOTED.finditer(t)
        ]
        judged_texts = [q for q in quoted if q.strip()] or [cue_text]
        score = find_score(_unquoted(first), ranges[0][0] + found.rest_at, doc.text)
        cue = cue_polarity(cue_text)
        if cue is not None:
            label, basis = cue, "cue"
            probability = basis_probability(basis, "quote")
        elif score is not None:
            label, basis = _score_polarity(score.normalized), "score"
            probability = basis_probability(basis, "quote")
        else:
            judged = self.model.classify_review(judged_texts)
            label, probability, basis = judged.label, judged.probability, self.model.basis
        fallback = {r: label for r in ranges} if label != "mixed" else None
        return Review(
            source="quote",
            polarity=label,
            probability=round(float(probability), 4),
            basis=basis,
            spans=[Span.of(doc.text, a, b) for a, b in ranges],
            critic=found.critic,
            outlet=found.outlet,
            date=None,
            score=score,
            aspects=unique_aspects(find_aspects(doc.text, ranges, fallback)),
        )

    @staticmethod
    def _summary(doc: Document, start: int, end: int, in_reception: bool) -> Review | None:
        """A sentence reporting what critics in general said, as a ``summary`` record when
        it judges an aspect (see the module's doc)."""
        text = doc.text[start:end]
        plain = _unquoted(text)
        if not (_CRITICS.search(plain) or (in_reception and _RECEIVED.search(plain))):
            return None
        aspects = unique_aspects(find_aspects(doc.text, [(start, end)]))
        if not aspects:
            return None
        label = cue_polarity(text) or "mixed"
        return Review(
            source="summary",
            polarity=label,
            probability=basis_probability("cue", "quote") if label != "mixed" else 0.5,
            basis="cue",
            spans=[Span.of(doc.text, start, end)],
            aspects=aspects,
        )


def read_reviews(doc: Document) -> list[Review]:
    """The reviews ``doc`` holds (see :class:`ReviewReader`)."""
    return ReviewReader()(doc)
