"""The identity benchmark's scoring (bench/identity.py): films by title and year, people by
gold name variants, and what it reads from a store. Titles and names here are invented."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest
from sqlalchemy import create_engine, insert

from backtrace.store.schema import aliases, claims, documents, entities, metadata

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


@pytest.fixture(scope="module")
def bench(load_bench: Callable[[str], ModuleType]) -> ModuleType:
    return load_bench("identity")


def test_a_group_passes_only_as_separate_films_of_the_right_year(bench: ModuleType) -> None:
    R = bench.Record
    records = [R("Tin Lantern", 1931), R("Tin Lantern", 1958), R("Tin Lantern", 1958),
               R("Owl Road", 1920), R("Owl Road", 1921), R("Owl Road", 1921),
               R("Grey Pier", 1940), R("Grey Pier", 1941),
               R("Solo Film", 1950), R("Same Year", 1960), R("Same Year", 1960)]
    links = [(1, 1931), (2, 1958), (3, 1958),  # two 1958 films may stay apart
             (4, 1920), (4, 1920), (5, 1921),  # a 1921 record in the 1920 film
             (6, 1940), (None, None),  # one record not linked
             (7, 1950), (8, 1960), (8, 1960)]
    assert set(bench.title_groups(records)) == {"Tin Lantern", "Owl Road", "Grey Pier"}
    scores = bench.score_films(records, links)
    assert (scores["groups"], scores["groups_passed"]) == (3, 1)
    assert [g["title"] for g in scores["failed_groups"]] == ["Owl Road", "Grey Pier"]
    assert scores["records_right_year"] == 9 and scores["records_unlinked"] == 1
    assert scores["b_record_year"] == pytest.approx(9 / 11)
    # one film of the right year for records of different years is a merge, not a pass
    assert not bench.group_passes([R("X", 1), R("X", 2)], [(9, 1), (9, 2)], [0, 1])


def test_naive_films_are_one_per_title_with_the_first_year(bench: ModuleType) -> None:
    R = bench.Record
    records = [R("Tin Lantern", 1931), R("Owl Road", 1920), R("Tin Lantern", 1958)]
    links = bench.naive_links(records)
    assert links[0] == links[2] and links[2][1] == 1931 and links[1][0] != links[0][0]
    scores = bench.score_films(records, links)
    assert scores["a_title_groups"] == 0.0 and scores["records_right_year"] == 2


GOLD = {
    "same": [{"names": ["Ivo Renn", "Ivor Renn", "I. Renn"], "why": "test"},
             {"names": ["Ivo Renn Jr.", "Ivo Renn, Jr."], "why": "test"}],
    "different": [{"names": ["Ivo Renn", "Ivo Renn Jr."], "why": "test"},
                  {"names": ["Ivo Renn", "Mara Renn"], "why": "test"}],
}


def test_gold_pairs_expand_a_different_pair_to_every_variant(bench: ModuleType) -> None:
    same, different = bench.gold_pairs(GOLD)
    assert len(same) == 3 + 1
    assert ("I. Renn", "Ivo Renn, Jr.") in different and ("I. Renn", "Mara Renn") in different
    assert len(different) == 3 * 2 + 3
    assert bench.gold_names(GOLD)[-1] == "Mara Renn"
    clash = {"same": [{"names": ["A B", "A C"]}], "different": [{"names": ["A B", "A C"]}]}
    with pytest.raises(ValueError, match="both same and different"):
        bench.gold_pairs(clash)
    with pytest.raises(ValueError, match="two gold groups"):
        bench.gold_pairs({"same": [{"names": ["A B", "A C"]}, {"names": ["A B"]}],
                          "different": []})


def test_people_are_scored_pairwise_and_unknown_names_split(bench: ModuleType) -> None:
    same, different = bench.gold_pairs(GOLD)
    entity_of = {"Ivo Renn": 1, "Ivor Renn": 1, "I. Renn": None,  # unknown: 2 pairs split
                 "Ivo Renn Jr.": 1, "Ivo Renn, Jr.": 2,  # Jr. merged with the father
                 "Mara Renn": 3}
    scores = bench.score_people(same, different, entity_of)
    assert scores["c_recall"] == pytest.approx(1 / 4)
    assert scores["merged_pairs"] == [["Ivo Renn", "Ivo Renn Jr."], ["Ivo Renn Jr.", "Ivor Renn"]]
    assert scores["c_precision"] == pytest.approx(1 / 3)
    assert scores["unknown_names"] == ["I. Renn"]
    naive = bench.score_people(same, different, {n: bench.name_key(n)
                                                 for n in bench.gold_names(GOLD)})
    assert naive["c_precision"] == 1.0 and naive["c_recall"] == pytest.approx(1 / 4)


def test_the_store_is_read_by_line_alias_key_and_claims(bench: ModuleType) -> None:
    engine = create_engine("sqlite://")
    metadata.create_all(engine)
    doc = {"kind": "encyclopedia", "text": "t", "sections": [], "sentences": [],
           "source_format": "jsonl", "meta": {}, "ingested_at": "now"}
    with engine.begin() as conn:
        conn.execute(insert(entities), [
            {"id": 1, "type": "film", "name": "Tin Lantern", "key": "tin lantern", "year": 1931},
            {"id": 2, "type": "film", "name": "1874-1911", "key": "1874 1911", "year": 0},
            {"id": 3, "type": "person", "name": "Ivo Renn", "key": "ivo renn", "year": 0},
            {"id": 4, "type": "person", "name": "Ivor Renn", "key": "ivor renn", "year": 0},
            {"id": 5, "type": "organization", "name": "Ivo Renn", "key": "i renn", "year": 0}])
        conn.execute(insert(aliases), [
            {"entity_id": 3, "alias": "I. Renn", "key": "i renn"},
            {"entity_id": 4, "alias": "I. Renn", "key": "i renn"}])
        conn.execute(insert(claims), [
            {"id": f"d:{i}", "document_id": "d", "span_id": "s", "property": "director",
             "value": "x", "value_key": "x", "value_entity_id": 4, "qualifiers": {},
             "extractor": "t", "confidence": 1.0} for i in range(2)])
        conn.execute(insert(documents), [
            {**doc, "id": "a", "path": "/tmp/c.jsonl#L1", "film_id": 1, "seq": 1},
            {**doc, "id": "b", "path": "/tmp/c.jsonl#L2", "film_id": 2, "seq": 2}])
        R = bench.Record
        records = [R("Tin Lantern", 1931), R("1874-1911", 1990), R("Tin Lantern", 1931),
                   R("Owl Road", 1920)]
        # line 3 repeats line 1 (stored once); line 4 was not stored
        links = bench.film_links(conn, records, [1, 2, 1, 4])
        assert links == [(1, 1931), (2, None), (1, 1931), (None, None)]
        found = bench.person_entities(conn, ["Ivo Renn", "I. Renn", "Mara Renn"])
        assert found == {"Ivo Renn": 3, "I. Renn": 4, "Mara Renn": None}  # most claims wins
        counts = bench.entity_counts(conn, ["Tin Lantern"])
        assert counts["by_type"] == {"film": 2, "person": 2, "organization": 1}
        assert counts["numeric_films"] == counts["numeric_not_titles"] == ["1874-1911"]
        assert bench.entity_counts(conn, ["1874–1911"])["numeric_not_titles"] == []


def test_gold_names_are_checked_as_whole_names(bench: ModuleType) -> None:
    texts = ("Directed by Ivo Renn Jr. It stars Mara Renn Kell and Tam Orr. "
             "Hal Vos's film, then billed as \"Pip Vos\".")
    names = ["Ivo Renn Jr.", "Ivo Renn", "Mara Renn", "Tam Orr", "Hal Vos", "Pip Vos", "Kit Ash"]
    assert bench.missing_names(names, {"Kit Ash"}, texts) == ["Ivo Renn", "Mara Renn"]


def test_the_bench_runs_on_a_small_invented_corpus(
    bench: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "wikipedia-movie-data"
    folder.mkdir()
    rows = [
        {"title": "Tin Lantern", "year": 1931, "cast": ["Ivo Renn"], "genres": ["Drama"],
         "extract": "Tin Lantern is a 1931 American drama film directed by Ivo Renn."},
        {"title": "No Text", "year": 1932, "cast": [], "genres": []},
        {"title": "Tin Lantern", "year": 1958, "cast": ["Mara Renn"], "genres": ["Drama"],
         "extract": "Tin Lantern is a 1958 American drama film directed by Mara Renn."},
    ]
    (folder / "movies_dev.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    assert bench.main(["--data", str(tmp_path), "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["records"] == 2 and figures["stored"] == 2
    assert figures["ours"]["groups"] == 1 and figures["naive"]["groups_passed"] == 0
    assert figures["ours"]["same_pairs"] >= 100 and figures["gold_groups"] >= 50


def test_the_gold_file_is_large_enough_and_consistent(bench: ModuleType) -> None:
    gold = bench.load_gold()
    same, different = bench.gold_pairs(gold)
    assert len(gold["same"]) >= 50 and len(gold["different"]) >= 50
    assert all(len(e["names"]) >= 2 and e["why"] for e in gold["same"])
    assert all(len(e["names"]) == 2 and e["why"] for e in gold["different"])
    assert len(same) >= 50 and len(different) >= 50


@pytest.mark.realdata
@pytest.mark.slow
def test_the_bench_runs_on_the_real_data(
    bench: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    if not (DATA / bench.SOURCE).exists():
        pytest.skip("../shared/data is absent")
    assert bench.main(["--data", str(DATA), "--check-gold"]) == 0
    capsys.readouterr()
    assert bench.main(["--data", str(DATA), "--limit", "200"]) == 0
    out = capsys.readouterr().out
    assert "(a) title groups with several years" in out and "naive" in out
    assert "reproduce: .venv/bin/python bench/identity.py --limit 200" in out


def test_one_page_a_year_apart_is_one_film_decades_apart_two(bench: ModuleType) -> None:
    R = bench.Record
    records = [R("Salt Meridian", 1951, "Salt_Meridian"), R("Salt Meridian", 1952, "Salt_Meridian"),
               R("Salt Meridian", 1990, "Salt_Meridian"), R("Owl Road", 1920, "Owl_Road"),
               R("Owl Road", 1921, "Owl_Road_(1921_film)")]
    merged = [(1, 1952), (1, 1952), (2, 1990), (3, 1920), (4, 1921)]
    scores = bench.score_films(records, merged)
    assert (scores["groups"], scores["groups_passed"]) == (2, 2)
    assert scores["records_right_year"] == 5
    # the festival-year record apart from its release-year twin is a split, not a pass
    split = [(1, 1951), (5, 1952), (2, 1990), (3, 1920), (4, 1921)]
    assert bench.score_films(records, split)["groups_passed"] == 1
    # the remake's record in the original's film is a merge
    remake = [(1, 1952), (1, 1952), (1, 1952), (3, 1920), (4, 1921)]
    scores = bench.score_films(records, remake)
    assert scores["groups_passed"] == 1 and scores["records_right_year"] == 4
    # pages that differ a year apart are two films
    assert not bench.group_passes(records, [(1, 1952)] * 3 + [(3, 1920), (3, 1920)], [3, 4])
