"""Entity linking across the store: surnames, nicknames, films named in passing, remakes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from backtrace.cli import main
from backtrace.store.schema import alias_spans, documents, entities, spans

ENTRY = """= Copper Sky (2016 film) =

Copper Sky
- Director: Ines Rourke
- Starring: Nathaniel Brooke, Dana Whitlock, Christopher Vance

Copper Sky is a 2016 American drama film directed by Ines Rourke and starring Nathaniel \
Brooke, Dana Whitlock and Christopher Vance.

==Cast==
- Nathaniel Brooke as Sheriff Rory MacVance
- Dana Whitlock as Lena MacVance
- Christopher Vance as Deputy Hollis

==Production==
Rourke cast Brooke after seeing his stage work. Vance joined a week later.
"""

NEWS = """date 2016-03-02 A first look at Copper Sky arrived today.

Nathaniel "Nate" Brooke (TV's Harbor Watch, Salt Roads) leads the cast. He last played a \
lawman in the 2009 western Dry Creek. Nate is also shooting Night Shift II this spring.

MacVance is the sheriff at the heart of Copper Sky, and Brooke says the part suits him.
"""

REVIEW = """Copper Sky is slow but handsome. Brooke is very good, and Whitlock matches him. \
Even so, MacVance never quite comes alive on the page.
"""

NEWS_SEQUEL = """date 2017-01-10 Dana Whitlock starred in Night Shift 2 before joining \
Copper Sky, and she has signed on for a third.
"""


def _write(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


@pytest.fixture
def linked(kb, tmp_path):
    corpus = _write(
        tmp_path / "c" if (tmp_path / "c").mkdir() is None else tmp_path,
        {"a_entry.txt": ENTRY, "b_news.txt": NEWS, "c_review.txt": REVIEW,
         "d_sequel.txt": NEWS_SEQUEL},
    )
    report = kb.ingest([corpus])
    assert report.stored == 4 and not report.failed
    return kb


def test_surname_and_nickname_are_aliases_of_one_person(linked):
    person = linked.person("Nathaniel Brooke")
    assert {"Brooke", "Nate"} <= set(person["aliases"])
    assert linked.person("Nate")["id"] == person["id"]
    assert linked.person("Brooke")["id"] == person["id"]


def test_every_alias_keeps_the_span_it_was_read_from(linked):
    with linked.store.read() as conn:
        rows = conn.execute(
            select(alias_spans.c.alias, spans.c.text, spans.c.start, spans.c.end, documents.c.text)
            .join(spans, spans.c.id == alias_spans.c.span_id)
            .join(documents, documents.c.id == alias_spans.c.document_id)
        ).all()
    assert rows
    for alias, text, start, end, doc_text in rows:
        assert doc_text[start:end] == text == alias
    assert {"Brooke", "Nate", "Whitlock", "Vance"} <= {r.alias for r in rows}


def test_review_surnames_link_through_the_films_credits(linked):
    # the review names nobody in full: its "Brooke" and "Whitlock" come from the credits
    with linked.store.read() as conn:
        review_aliases = {
            r.alias
            for r in conn.execute(
                select(alias_spans.c.alias)
                .join(documents, documents.c.id == alias_spans.c.document_id)
                .where(documents.c.path.like("%c_review.txt"))
            )
        }
    assert review_aliases == {"Brooke", "Whitlock"}


def test_an_actor_is_never_merged_with_a_character_of_a_longer_surname(linked):
    vance = linked.person("Christopher Vance")
    assert "MacVance" not in vance["aliases"]
    from backtrace.errors import NotFound

    with pytest.raises(NotFound):
        linked.person("MacVance")


def test_filmography_gathers_films_named_in_passing(linked):
    person = linked.person("Nathaniel Brooke")
    films = {(e["film"]["title"], e["film"]["year"]) for e in person["filmography"]}
    assert {("Copper Sky", 2016), ("Dry Creek", 2009), ("Salt Roads", None),
            ("Harbor Watch", None), ("Night Shift II", None)} <= films
    for entry in person["filmography"]:
        assert entry["sources"], entry


def test_passing_year_goes_to_the_other_film_not_the_documents_own(linked):
    copper = linked.film("Copper Sky")
    assert copper["year"] == 2016 and "year" not in copper["facts"]
    dry = linked.film("Dry Creek")
    assert dry["year"] == 2009
    assert [f["value"] for f in dry["facts"]["cast_member"]] == ["Nathaniel Brooke"]


def test_tv_title_is_a_series(linked):
    with linked.store.read() as conn:
        kinds = dict(conn.execute(select(entities.c.name, entities.c.type)).all())
    assert kinds["Harbor Watch"] == "tv_series"
    assert kinds["Dry Creek"] == "film"


def test_sequel_written_with_a_roman_or_arabic_number_is_one_film(linked):
    with linked.store.read() as conn:
        night = conn.execute(
            select(entities.c.id, entities.c.name).where(entities.c.key == "night shift 2")
        ).all()
    assert len(night) == 1
    whitlock = linked.person("Dana Whitlock")
    assert "Night Shift II" in {e["film"]["title"] for e in whitlock["filmography"]}


def test_remakes_sharing_a_title_stay_apart_and_credits_pick_one(kb, tmp_path):
    first = "= Lantern Road (1961 film) =\n\nLantern Road is a 1961 film starring Ada Pell.\n"
    second = "= Lantern Road (2019 film) =\n\nLantern Road is a 2019 film starring Tom Reyes.\n"
    old_star = "date 2020-01-01 Ada Pell starred in Lantern Road long ago.\n"
    new_star = "date 2020-01-02 Tom Reyes starred in Lantern Road last year.\n"
    corpus = _write(tmp_path, {"1.txt": first, "2.txt": second, "3.txt": old_star,
                               "4.txt": new_star})
    kb.ingest([corpus])
    films = {(f["title"], f["year"]) for f in kb.films()}
    assert {("Lantern Road", 1961), ("Lantern Road", 2019)} <= films
    pell = {(e["film"]["title"], e["film"]["year"]) for e in kb.person("Ada Pell")["filmography"]}
    reyes = {(e["film"]["title"], e["film"]["year"])
             for e in kb.person("Tom Reyes")["filmography"]}
    assert pell == {("Lantern Road", 1961)}
    assert reyes == {("Lantern Road", 2019)}


def test_two_people_sharing_a_surname_are_not_merged(kb, tmp_path):
    entry = (
        "= Tin Harbor (2011 film) =\n\nTin Harbor is a 2011 film starring Ann Corley and "
        "Paul Corley.\n\n==Production==\nCorley was cast first.\n"
    )
    kb.ingest([_write(tmp_path, {"e.txt": entry})])
    assert kb.person("Ann Corley")["id"] != kb.person("Paul Corley")["id"]
    assert "Corley" not in kb.person("Ann Corley")["aliases"]
    assert "Corley" not in kb.person("Paul Corley")["aliases"]


def test_person_cli_json_accepts_an_alias(linked, tmp_path):
    db = str(linked.store.target)
    result = CliRunner().invoke(main, ["person", "--db", db, "Nate", "--json"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    assert record["name"] == "Nathaniel Brooke"
    assert "Brooke" in record["aliases"]
    titles = {e["film"]["title"] for e in record["filmography"]}
    assert {"Copper Sky", "Dry Creek"} <= titles
    text = CliRunner().invoke(main, ["person", "--db", db, "Brooke"])
    assert text.exit_code == 0 and "Dry Creek (2009)" in text.output


def test_person_page_says_which_credits_are_series(linked):
    person = linked.person("Nathaniel Brooke")
    kinds = {e["film"]["title"]: e["film"]["type"] for e in person["filmography"]}
    assert kinds["Harbor Watch"] == "tv_series" and kinds["Copper Sky"] == "film"


def test_untitled_review_links_surnames_and_short_company_names_once_linked(kb, tmp_path):
    entry = (
        "= Mill Weir (2014 film) =\n\nMill Weir\n- Starring: Odile Marchant, Bram Okoro\n"
        "- Distributor: Pelham Street Releasing\n\nMill Weir is a 2014 British drama film "
        "starring Odile Marchant and Bram Okoro.\n"
    )
    review = (
        "Mill Weir is patient and cold. Marchant holds every scene. Mill Weir will be "
        "released by Pelham Street in May, and Mill Weir deserves a crowd.\n"
    )
    # the review comes first: it is linked to its film only after the entry is stored
    kb.ingest([_write(tmp_path, {"a_review.txt": review, "b_entry.txt": entry})])
    film = kb.film("Mill Weir")
    assert film["facts"]["distributor"][0]["value"] == "Pelham Street Releasing"
    assert len(film["facts"]["distributor"]) == 1
    assert len(film["facts"]["distributor"][0]["sources"]) == 2  # the entry and the review
    assert "Marchant" in kb.person("Odile Marchant")["aliases"]


def test_a_film_named_in_passing_keeps_the_other_title_it_is_given(kb, tmp_path):
    news = "date 2021-05-01 Ivo Pardee is filming Tide Line 4, which is now titled Undertow.\n"
    kb.ingest([_write(tmp_path, {"n.txt": news})])
    assert kb.find_films("Undertow") == kb.find_films("Tide Line 4") != []


def test_migration_rekeys_stored_sequel_titles(tmp_path):
    from sqlalchemy import delete, insert

    from backtrace.store import Store
    from backtrace.store.migrations import _linking
    from backtrace.store.schema import aliases, migrations

    store = Store(tmp_path / "old.db")
    with store.transaction() as w:
        conn = w.conn
        fid = conn.execute(
            insert(entities).values(type="film", name="Dock Runner II", key="dock runner ii",
                                    year=2001)
        ).inserted_primary_key[0]
        conn.execute(insert(aliases).values(entity_id=fid, alias="Dock Runner II",
                                            key="dock runner ii"))
        conn.execute(delete(migrations).where(migrations.c.name == "0005_linking"))
        _linking(conn)
    with store.read() as conn:
        assert conn.execute(select(entities.c.key).where(entities.c.id == fid)).scalar_one() == (
            "dock runner 2")
        assert conn.execute(select(aliases.c.key)).scalar_one() == "dock runner 2"
    store.close()


def test_sample_corpus_surname_with_a_part_joins_the_actor(db_target) -> None:
    """Cinder Road credits two Whitfords; "Whitford stars as Loretta ..." in the news item
    is the one the encyclopedia credits with that part, not a third person."""
    import backtrace

    corpus = Path(__file__).resolve().parents[2] / "examples" / "corpus" / "cinder-road"
    with backtrace.open(db_target) as kb:
        kb.ingest([corpus])
        cast = {f["value"]: f for f in kb.film("Cinder Road")["facts"]["cast_member"]}
        assert "Whitford" not in cast and {"Grace Whitford", "Dale Whitford"} <= set(cast)
        kinds = {s["kind"] for s in cast["Grace Whitford"]["sources"]}
        assert {"encyclopedia", "news"} <= kinds
        assert "Marguerite Osei" not in cast and "Silas Dray" not in cast
