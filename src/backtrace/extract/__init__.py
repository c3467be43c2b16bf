"""The ``extract`` stage: a Document in, the claims it makes out.

:func:`extract` is a pure function of one document (no I/O, no shared state, the same
output for the same input), so it can be mapped over a corpus anywhere. It runs the
components of :data:`backtrace.extract.pipeline.PIPELINE` in order:

- ``infobox``: the ``- Key: Value`` lines of the Infobox section;
- ``cast_list``: ``- X as Y: description`` lines of a Cast section;
- ``lead_sentence``: "<Title> is a <year> <nationality> <genre> film directed by ...".

and the review reader (:class:`backtrace.reception.reader.ReviewReader`): the critics'
reviews the document is or quotes, each with its spans.
"""

from __future__ import annotations

from backtrace.extract.component import Component
from backtrace.extract.film import film_identity
from backtrace.extract.pipeline import PIPELINE, run
from backtrace.model import Document, Extraction
from backtrace.reception.reader import ReviewReader

REVIEWS = ReviewReader()

__all__ = ["PIPELINE", "Component", "extract"]


def extract(doc: Document) -> Extraction:
    """Every claim ``doc`` makes, and the film it says it is about."""
    claims = run(doc)
    title, year = film_identity(doc, claims)
    return Extraction(claims=claims, film_title=title, film_year=year, reviews=REVIEWS(doc))
