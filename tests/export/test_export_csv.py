"""The CSV tables are written line by line as ``csv.writer`` writes the rows of
``film_rows``, byte for byte, whatever the fields hold."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from backtrace.export import film_rows, write_csv_folder
from backtrace.export.csvfiles import TABLES, csv_field
from backtrace.reception.aggregate import aggregate
from backtrace.store.records import Fact, FilmRecord, Override, Source

ODD = [None, "", " ", "plain", "a,b", 'say "hi"', "line\nbreak", "cr\rhere", "tab\there",
       "Zéro\u2028", 0, -3, 2.5, 1e-7, float("nan"), True, False, ["a", "b"],
       {"k": "v, w"}, ("t",)]  # fmt: skip


def _rows_written(rows: list[dict[str, object]], name: str) -> str:
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=TABLES[name])
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def _records() -> list[tuple[FilmRecord, dict | None]]:
    def source(i: int, doc: str) -> Source:
        return Source(doc, f"docs/{doc},x.txt", "news", None if i % 2 else "2019-01-02",
                      i, i + 3, str(ODD[i % len(ODD)]))  # fmt: skip

    facts = {}
    for n, prop in enumerate(["director", "cast_member", "publication_date", "box_office",
                              "duration", "genre", "not_a_property", "year"]):
        facts[prop] = [
            Fact({"amount": i, "currency": ODD[i]} if prop == "box_office" else ODD[i],
                 {"character": ODD[i], "credit": ODD[-i], "media": ["DVD", "VOD, too"],
                  "kind": ODD[i], "announced": i % 2, "region": ODD[i]} if i % 3 else {},
                 "conflict", bool(i % 2), 0.1 * i, f"reason, {ODD[i]}",
                 [source(i + k, f"d{(i + k) % 3}") for k in range(i % 4)],
                 Override(i, "why", "2024") if i == 2 else None)
            for i in range(n, len(ODD))]  # fmt: skip
    reviews = {"reviews": [{"critic": ODD[i], "outlet": "O, Ltd", "polarity": "positive",
                            "probability": 0.5, "score": {"text": "3/4"} if i else ODD[i],
                            "quote": ODD[i], "sources": [{"document": "d1", "start": 1}]}
                           for i in range(len(ODD))]}  # fmt: skip
    return [(FilmRecord(7, 'Title, "quoted"', 2019, facts, aggregate([])), reviews),
            (FilmRecord(8, "Bare", None, {}), None),
            (FilmRecord(9, "Line\nbreak", 1999, {"director": facts["director"][:1]}), {})]


def test_a_field_is_written_as_csv_writes_it() -> None:
    for value in ODD:
        out = io.StringIO(newline="")
        csv.writer(out).writerow([value, value])
        assert f"{csv_field(value)},{csv_field(value)}\r\n" == out.getvalue(), value


def test_the_tables_are_the_rows_csv_writes(tmp_path: Path) -> None:
    records = _records()
    counts = write_csv_folder(tmp_path, records)
    for name in TABLES:
        rows = [row for record, reception in records
                for row in film_rows(record, reception)[name]]  # fmt: skip
        text = (tmp_path / f"{name}.csv").read_bytes().decode("utf-8")
        assert text == _rows_written(rows, name), name
        assert counts[name] == len(rows)
    assert counts["sources"] and counts["reviews"] and counts["box_office"]


def test_the_corpus_tables_are_the_rows_csv_writes(tmp_path: Path) -> None:
    import backtrace
    from backtrace.export import Reader

    corpus = Path(__file__).resolve().parents[2] / "examples" / "corpus"
    with backtrace.open(tmp_path / "c.db") as kb:
        kb.ingest([corpus])
        kb.export("csv", folder=tmp_path / "csv")
        reader = Reader(kb.store)
        records = list(reader.records_and_receptions(reader.ids(None), sentences=False))
    assert any(reception for _, reception in records)
    for name in TABLES:
        rows = [row for record, reception in records
                for row in film_rows(record, reception)[name]]  # fmt: skip
        text = (tmp_path / "csv" / f"{name}.csv").read_bytes().decode("utf-8")
        assert text == _rows_written(rows, name), name
