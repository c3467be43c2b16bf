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


def test_the_page_shows_one_row_a_work_by_year_with_every_role() -> None:
    from backtrace.serve.present import person_view
    from backtrace.store.page_records import PersonRecord

    def credit(film: int, year: int | None, prop: str, role: str, start: int,
               character: str | None = None) -> Credit:
        source = CreditSource("d", "p.txt", "news", start, start + 1, "x",
                              Sentence(start, start + 1, "x"))
        return Credit(WorkRef(film, f"Film {film}", year, "film"), None, prop, role,
                      character, None, "Ada Voss", [source])

    record = PersonRecord(1, "person", "Ada Voss", None, [], [], [
        credit(3, None, "cast_member", "Cast member", 9, "Nell"),
        credit(1, 2018, "director", "Directed by", 1),
        credit(2, 1976, "cast_member", "Cast member", 5, "Mira"),
        credit(1, 2018, "producer", "Produced by", 2),
        credit(1, 2018, "cast_member", "Cast member", 1, "Cook"),  # the same span again
    ])
    rows = person_view(record).filmography
    assert [r.entry.film.id for r in rows] == [2, 1, 3]  # by year, undated last
    assert rows[1].roles == ["Directed by", "Produced by", "Cast member"]
    assert [p.character for p in rows[1].parts] == ["Cook"]
    assert len(rows[1].sources) == 2  # each source once
