"""A person's filmography one row per work (PersonRecord.by_work)."""

from __future__ import annotations


def test_by_work_is_one_row_a_work_by_year_with_every_role() -> None:
    from backtrace.store.page_records import Credit, CreditSource, PersonRecord, WorkRef
    from backtrace.store.records import Sentence

    def credit(film: int | None, year: int | None, role: str, start: int,
               character: str | None = None) -> Credit:
        source = CreditSource("d", "p.txt", "news", start, start + 1, "x",
                              Sentence(start, start + 1, "x"))
        ref = WorkRef(film, f"Film {film}", year, "film") if film else None
        return Credit(ref, None if film else "Tin Harbour", "cast_member", role, character,
                      None, "Ada Voss", [source])

    record = PersonRecord(1, "person", "Ada Voss", None, [], [], [
        credit(None, None, "Cast member", 8, "Wren"),
        credit(1, 2018, "Directed by", 1),
        credit(2, 1976, "Cast member", 5, "Mira"),
        credit(1, 2018, "Produced by", 1),
    ])
    rows = record.by_work()
    assert [(r.film.id if r.film else r.unlinked_mention) for r in rows] == [2, 1, "Tin Harbour"]
    assert rows[1].roles == ["Directed by", "Produced by"] and len(rows[1].sources) == 1
    assert rows[0].parts == [("Mira", None)]
