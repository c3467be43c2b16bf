"""The ``extract`` stage: a Document in, the claims it makes out.

:func:`extract` is a pure function of one document (no I/O, no shared state, the same
output for the same input), so it can be mapped over a corpus anywhere. It runs the
components of :data:`backtrace.extract.pipeline.PIPELINE` in order:

- ``infobox``: the ``- Key: Value`` lines of the Infobox section;
- ``cast_list``: ``- X as Y: description`` lines of a Cast section;
- ``lead_sentence``: "<Title> is a <year> <nationality> <genre> film directed by ...";
- ``prose_rules``: credits, figures and release events from any prose sentence;
- ``film_mentions``: films named in passing, as claims about those films;
- ``nlp_cast``: spaCy's PERSON entities under a cast word, where the rules found none
  (:mod:`backtrace.extract.nlp_cast`); ``extract(doc, RULES_PIPELINE)`` leaves it out.

and the review reader (:class:`backtrace.reception.reader.ReviewReader`): the critics'
reviews the document is or quotes, each with its spans.
"""

from __future__ import annotations

from collections.abc import Sequence

from backtrace.extract.component import Component
from backtrace.extract.film import film_identity
from backtrace.extract.lead_sentence import document_work_type
from backtrace.extract.pipeline import NLP_PIPELINE, PIPELINE, RULES_PIPELINE, run
from backtrace.model import Document, Extraction
from backtrace.reception.reader import ReviewReader

REVIEWS = ReviewReader()

__all__ = ["NLP_PIPELINE", "PIPELINE", "RULES_PIPELINE", "Component", "extract"]


def extract(doc: Document, components: Sequence[Component] = PIPELINE) -> Extraction:
    """Every claim ``doc`` makes, the work it says it is about, and what kind of work that
    is (``work_type``: "film" unless its lead says otherwise)."""
    claims = run(doc, components)
    title, year = film_identity(doc, claims)
    return Extraction(claims=claims, film_title=title, film_year=year,
                      work_type=document_work_type(doc, claims), reviews=REVIEWS(doc))
