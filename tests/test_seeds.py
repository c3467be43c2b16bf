"""The first thing the engine must get right: the record of the seeds' film."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from backtrace.keys import name_key
from backtrace.store.schema import documents


@pytest.fixture
def record(kb, seeds):
    report = kb.ingest([seeds])
    assert report.stored == 3 and not report.failed
    return kb, kb.film("Backtrace", sentences=True)


def values(record, prop):
    return [f["value"] for f in record["facts"].get(prop, [])]


def test_one_film_from_three_documents(record):
    kb, film = record
    # other films are named in passing (issue 4): they have no documents of their own
    films = [(f["title"], f["year"], f["documents"]) for f in kb.films() if f["documents"]]
    assert films == [("Backtrace", 2018, 3)]


def test_infobox_facts(record):
    _, film = record
    assert values(film, "director") == ["Brian A. Miller"]
    assert values(film, "screenwriter") == ["Mike Maples"]
    # four in the infobox; the news item's prose adds Ambyr Childers
    assert sorted(values(film, "producer")) == sorted(
        ["Randall Emmett", "George Furla", "Matt Luber", "Mark Stewart", "Ambyr Childers"]
    )
    assert values(film, "composer") == ["Tim Jones"]
    assert values(film, "director_of_photography") == ["Peter Holland"]
    assert len(values(film, "production_company")) == 8
    # the news item's "from Lionsgate" names the parent company; linking it is issue 4's
    assert values(film, "distributor")[0] == "Lionsgate Premiere"
    assert values(film, "duration") == [87]
    assert values(film, "cost") == [{"amount": 6_000_000, "currency": "USD"}]
    assert {"amount": 490_636, "currency": "USD"} in values(film, "box_office")
    assert "2018-12-14" in values(film, "publication_date")


def test_cast_with_characters(record):
    _, film = record
    with_character = {
        f["value"]: f["qualifiers"]["character"]
        for f in film["facts"]["cast_member"]
        if f["qualifiers"].get("character")
    }
    assert len(with_character) == 11
    assert with_character["Sylvester Stallone"] == "Detective Sykes"
    assert with_character["Matthew Modine"] == 'Donovan "Mac" MacDonald'
    assert with_character["Christopher McDonald"] == "Agent Franks"


def test_every_source_is_an_exact_quote_containing_the_value(record):
    kb, film = record
    with kb.store.read() as conn:
        texts = dict(conn.execute(select(documents.c.id, documents.c.text)).all())
    for prop, facts in film["facts"].items():
        for fact in facts:
            value = fact["value"]
            for src in fact["sources"]:
                assert texts[src["document"]][src["start"] : src["end"]] == src["text"]
                if isinstance(value, str) and prop not in ("country_of_origin",):
                    quoted, named = name_key(src["text"]), name_key(value)
                    # a linked short form ("Lionsgate", "Stallone") quotes part of the name
                    short = set(quoted.split()) <= set(named.split())
                    dated = prop in ("publication_date", "announcement_date")
                    assert named in quoted or short or dated
            if prop == "duration":
                assert any("87" in s["text"] for s in fact["sources"])
            if prop == "cost":
                assert any("$6 million" in s["text"] for s in fact["sources"])


def test_both_seed_conflicts_are_listed_with_sources_and_a_believed_value(record):
    kb, _ = record
    rows = {r["property"]: r for r in kb.conflicts()}
    assert set(rows) == {"box_office", "publication_date"}
    for row in rows.values():
        assert row["status"] == "conflict" and len(row["believed"]) >= 1
        kinds = set()
        for value in row["values"]:
            assert value["reason"] and 0 <= value["confidence"] <= 1
            assert value["sources"], value
            for src in value["sources"]:
                assert src["text"] in src["sentence"]["text"] and src["path"]
                kinds.add(src["kind"])
        believed = [v for v in row["values"] if v["believed"]]
        assert believed[0]["reason"].startswith("believed: stated by")
    # the stated worldwide gross against the two regional figures of the prose
    gross = rows["box_office"]
    regions = {v["qualifiers"].get("region"): v for v in gross["values"]}
    assert {"worldwide", "North America", "other territories"} <= set(regions)
    assert regions["worldwide"]["value"] == {"amount": 490_636, "currency": "USD"}
    assert "tolerance" in regions["worldwide"]["reason"]
    # the news item's announced wide release against the encyclopedia's limited one
    release = rows["publication_date"]
    kinds = {v["qualifiers"].get("kind"): v for v in release["values"]}
    assert {s["kind"] for s in kinds["wide"]["sources"]} == {"news"}
    assert {s["kind"] for s in kinds["limited"]["sources"]} == {"encyclopedia"}
    assert kinds["limited"]["believed"] and not kinds["wide"]["believed"]
    assert "supersedes the announcement" in kinds["wide"]["reason"]


# -- entity linking (issue 4) --------------------------------------------------------------


def _filmography(kb, name):
    person = kb.person(name)
    return person, {(e["film"]["title"], e["film"]["year"]) for e in person["filmography"]}


def test_one_stallone_with_his_surname_and_nickname(record):
    kb, _ = record
    person, films = _filmography(kb, "Sylvester Stallone")
    assert {"Stallone", "Sly"} <= set(person["aliases"])
    assert kb.person("Sly")["id"] == kb.person("Stallone")["id"] == person["id"]
    characters = {
        e["character"] for e in person["filmography"] if e["film"]["title"] == "Backtrace"
    }
    assert "Detective Sykes" in characters
    titles = {title for title, _ in films}
    assert {"Backtrace", "Creed II", "Rambo 5", "Rocky", "Escape Plan"} <= titles
    assert ("Bullet to the Head", 2012) in films


def test_modine_filmography_from_the_news_item(record):
    kb, _ = record
    _, films = _filmography(kb, "Matthew Modine")
    assert {"Full Metal Jacket", "Stranger Things", "Backtrace"} <= {t for t, _ in films}


def test_the_actor_mcdonald_is_no_macdonald(record):
    kb, _ = record
    person = kb.person("Christopher McDonald")
    assert not any("MacDonald" in a for a in person["aliases"])
    from backtrace.errors import NotFound

    with pytest.raises(NotFound):
        kb.person("MacDonald")
    for name in ("Matthew Modine", "Ryan Guzman", "Meadow Williams"):
        assert kb.person(name)["id"] != person["id"]


def test_the_other_films_year_stays_with_the_other_film(record):
    kb, film = record
    assert film["year"] == 2018 and "year" not in film["facts"]
    other = kb.film("Bullet to the Head")
    assert other["year"] == 2012
    assert kb.find_films("Creed 2") == kb.find_films("Creed II")


def test_home_video_release_has_its_media_from_the_undated_review(record):
    _, film = record
    home = [f for f in film["facts"]["publication_date"]
            if f["qualifiers"].get("kind") == "home video"]  # fmt: skip
    assert [f["value"] for f in home] == ["2019-02-19"]
    assert home[0]["qualifiers"]["media"] == ["Blu-ray", "DVD", "Digital"]
    assert {s["kind"] for s in home[0]["sources"]} == {"encyclopedia", "review"}


def test_works_of_other_kinds_are_typed(record):
    kb, _ = record
    person, _ = _filmography(kb, "Sylvester Stallone")
    kinds = {e["film"]["title"]: e["film"]["type"] for e in person["filmography"]}
    assert kinds["Escape Plan"] == "series"  # "the Escape Plan franchise"
    assert kinds["Rocky"] == "film"
    guzman, _ = _filmography(kb, "Ryan Guzman")
    assert {e["film"]["title"]: e["film"]["type"] for e in guzman["filmography"]}[
        "Pretty Little Liars"] == "tv_series"  # "TV's Pretty Little Liars"
    assert {f["title"] for f in kb.films()} >= {"Backtrace", "Rocky"}
    assert "Escape Plan" not in {f["title"] for f in kb.films()}


@pytest.mark.parametrize("seeds_first", [True, False])
def test_a_title_the_seeds_name_untyped_is_typed_by_another_document(kb, seeds, tmp_path,
                                                                     seeds_first):
    """The seeds name "Stranger Things" in a list of credits with no word of its kind; a
    document calling it a series types it, whichever comes first."""
    note = tmp_path / "note.txt"
    note.write_text("date 2019-07-04 Tessa Marlowe joins the streaming series Stranger "
                    "Things for its next season.\n", encoding="utf-8")
    for batch in ([seeds], [note]) if seeds_first else ([note], [seeds]):
        kb.ingest(batch)
    _, films = _filmography(kb, "Matthew Modine")
    modine = kb.person("Matthew Modine")
    kinds = {e["film"]["title"]: e["film"]["type"] for e in modine["filmography"]}
    assert kinds["Stranger Things"] == "tv_series"
    assert kinds["Full Metal Jacket"] == "film"
