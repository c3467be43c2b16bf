"""Which film a document is about, as far as the document itself says."""

from __future__ import annotations

from backtrace.extract.docparts import strip_disambiguation
from backtrace.extract.lead_sentence import document_lead
from backtrace.model import Claim, Document, Kind


def film_identity(doc: Document, claims: list[Claim]) -> tuple[str | None, int | None]:
    """(film_title, film_year) for ``doc``.

    The title comes from an explicit document title (without "(2018 film)"), else from the
    lead sentence's subject in an encyclopedia entry; news and reviews without an explicit
    title get None (the resolve stage decides). The year comes from the disambiguation,
    else an infobox (or JSONL record) year field, else the lead's year, else the year of
    the infobox's first release date.
    """
    title: str | None = None
    year: int | None = None
    if doc.title_explicit and doc.title:
        title, year = strip_disambiguation(doc.title)
        title = title or None
    lead = document_lead(doc)
    if title is None and doc.kind == Kind.ENCYCLOPEDIA and lead is not None:
        title = lead.shape.subject
    if title is None:
        return None, None
    if year is None:  # a record's or an infobox's own year field
        year = next((c.value for c in claims if c.extractor == "infobox"
                     and c.property == "year" and c.subject is None), None)
    if year is None and lead is not None and lead.shape.year is not None:
        year = lead.shape.year[0]
    if year is None:
        year = next((int(c.value[:4]) for c in claims
                     if c.extractor == "infobox" and c.property == "publication_date"
                     and c.subject is None), None)
    return title, year
