"""Companies a document names in full and again by one word of their name."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from backtrace.model import PROPERTIES, Claim


def companies_named_short(claims: list[Claim], context: Sequence[Claim] = ()) -> list[Claim]:
    """Producer claims of one word that is a word of a company the document names ("produced
    by Pixar" beside "Pixar Animation Studios", "by Disney" beside "Walt Disney
    Productions"): the company, not a person; the claim becomes that company's when one
    company fits, and is dropped when several do. A producer named exactly as a company of
    the document is that company. ``context``: the document's other claims."""
    companies = {str(c.value) for c in (*claims, *context)
                 if (p := PROPERTIES.get(c.property)) and p.value_type == "organization"}
    by_word: dict[str, set[str]] = {}  # each word of a company's name -> the companies
    for name in companies:
        for w in name.split():
            by_word.setdefault(w, set()).add(name)
    out: list[Claim] = []
    for c in claims:
        word = str(c.value)
        if c.property == "producer" and word in companies:
            # "joined Phantom Four to produce the film" beside "his Phantom Four banner"
            out.append(dataclasses.replace(c, property="production_company"))
            continue
        if c.property == "producer" and " " not in word:
            fits = sorted(by_word.get(word, ()))
            if fits:
                if len(fits) == 1:
                    out.append(dataclasses.replace(c, property="production_company",
                                                   value=fits[0]))
                continue
        out.append(c)
    return out
