"""Folding a person's credits: one per film and role unless the characters differ."""

from __future__ import annotations

from backtrace.store.page_records import Credit, CreditSource, WorkRef
from backtrace.store.pages import fold_credits
from backtrace.store.records import Sentence


def _credit(film: int, character: str | None, n: int = 1) -> Credit:
    sources = [CreditSource("d", "p.txt", "news", i, i + 1, "x", Sentence(i, i + 1, "x"))
               for i in range(n)]  # fmt: skip
    return Credit(WorkRef(film, "Film", None, "film"), None, "cast_member", "Cast member",
                  character, None, "Ada Voss", sources)  # fmt: skip


def test_partial_and_missing_characters_join_the_full_one() -> None:
    folded = fold_credits([
        _credit(1, None),
        _credit(1, "Cole"),
        _credit(1, 'Nicholas "Cole" Varga', 2),
        _credit(2, None),
    ])  # fmt: skip
    assert [(c.film.id, c.character, len(c.sources)) for c in folded if c.film] == [
        (1, 'Nicholas "Cole" Varga', 4),
        (2, None, 1),
    ]


def test_two_parts_in_one_film_stay_two_credits() -> None:
    folded = fold_credits([_credit(1, "Ada Voss"), _credit(1, "Mira Voss")])
    assert sorted(c.character or "" for c in folded) == ["Ada Voss", "Mira Voss"]
