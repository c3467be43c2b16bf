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

and the review reader (:class:`backtrace.reception.reader.ReviewReader`, the component
named "reviews"): the critics' reviews the document is or quotes, each with its spans.
Components are registered by name (:func:`register`, :data:`COMPONENTS`); each is called
``component(doc, found)`` with what those before it found.

Every component is linear in the document's length. A prose sentence longer than
:data:`~backtrace.extract.lead_sentence.MAX_SENTENCE_CHARS` characters (text the sentence
splitter could not cut) is not read; :func:`extract` says so with a warning on the
``backtrace.extract`` logger (:func:`extraction_notes` gives the lines).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from backtrace.extract.component import COMPONENTS, Component, register
from backtrace.extract.docparts import reading
from backtrace.extract.film import film_identity
from backtrace.extract.lead_sentence import MAX_SENTENCE_CHARS, document_work_type, long_sentences
from backtrace.extract.pipeline import NLP_PIPELINE, PIPELINE, RULES_PIPELINE, run
from backtrace.model import Document, Extraction

log = logging.getLogger(__name__)

__all__ = ["COMPONENTS", "NLP_PIPELINE", "PIPELINE", "RULES_PIPELINE", "Component", "extract",
           "extraction_notes", "register"]


def extraction_notes(doc: Document) -> list[str]:
    """What extraction leaves unread in ``doc``, one line each (none for most documents):
    the prose sentences over :data:`MAX_SENTENCE_CHARS` characters."""
    skipped = long_sentences(doc)
    if not skipped:
        return []
    where = ", ".join(f"{s:,}-{e:,}" for s, e in skipped[:3]) + (
        ", ..." if len(skipped) > 3 else "")
    longest = max(e - s for s, e in skipped)
    what = ("1 sentence" if len(skipped) == 1 else f"{len(skipped):,} sentences")
    return [f"{what} over {MAX_SENTENCE_CHARS:,} characters skipped (characters {where}; "
            f"the longest {longest:,}): text not cut into sentences is not read"]


def extract(doc: Document, components: Sequence[Component] = PIPELINE) -> Extraction:
    """Every claim ``doc`` makes, the work it says it is about, and what kind of work that
    is (``work_type``: "film" unless its lead says otherwise)."""
    with reading(doc):
        for note in extraction_notes(doc):
            log.warning("%s: %s", doc.path or doc.id, note)
        claims = run(doc, components)
        title, year = film_identity(doc, claims)
        work_type = document_work_type(doc, claims)
    return Extraction(claims=claims, film_title=title, film_year=year, work_type=work_type,
                      reviews=COMPONENTS["reviews"](doc, claims))
