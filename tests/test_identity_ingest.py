"""Identity through ingest: one film per real film, one person per real person (invented
records, written for these tests)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select, text

import backtrace
from backtrace.cli import main
from backtrace.errors import Ambiguous
from backtrace.store.schema import aliases, documents, entities
from backtrace.store.schema import facts as fact_rows

RECORDS = [
    {"title": "Gull Hollow", "year": 1921, "href": "Gull_Hollow_(1921_Pemberton_film)",
     "cast": ["Charlie Quillfeather", "Ada Merrow"], "genres": ["Drama"],
     "extract": "Gull Hollow is a 1921 American silent drama film directed by Osric Pemberton "
                "and starring Charlie Quillfeather and Ada Merrow."},
    {"title": "Gull Hollow", "year": 1921, "href": "Gull_Hollow_(1921_Tolliver_film)",
     "cast": ["Nell Varney"], "genres": ["Comedy"],
     "extract": "Gull Hollow is a 1921 American silent comedy film directed by Hugo Tolliver "
                "and starring Nell Varney."},
    {"title": "Gull Hollow", "year": 1934, "href": "Gull_Hollow_(1934_film)",
     "cast": ["Charles Quillfeather"], "genres": ["Drama"],
     "extract": "Gull Hollow is an American drama film directed by Hugo Tolliver, a remake "
                "starring Charlie Quillfeather."},
    {"title": "Brass Lantern", "year": 1925, "href": "Brass_Lantern",
     "cast": ["Sydney Quillfeather"], "genres": [],
     "extract": "Brass Lantern is a 1925 American comedy film directed by Roswell \"Tubby\" "
                "Pimbury and starring Sydney Quillfeather."},
    {"title": "Paper Kite", "year": 1926, "href": "Paper_Kite", "cast": [], "genres": [],
     "extract": "Paper Kite is a 1926 American comedy film directed by Tubby Pimbury."},
    {"title": "Brass Lantern", "year": 1925, "href": "Brass_Lantern", "cast": [],
     "extract": "Brass Lantern is a comedy film made in 1925 by Roswell Pimbury."},
    # one page listed under two years (festival, then release): one film
    {"title": "Salt Meridian", "year": 1951, "href": "Salt_Meridian", "cast": ["Ada Merrow"],
     "extract": "Salt Meridian is a 1952 American drama film directed by Osric Pemberton."},
    {"title": "Salt Meridian", "year": 1952, "href": "Salt_Meridian", "cast": ["Ada Merrow"],
     "extract": "Salt Meridian is a 1952 American drama film directed by Osric Pemberton."},
    # a remake's record linked to the original's page, decades later: two films
    {"title": "Salt Meridian", "year": 1990, "href": "Salt_Meridian", "cast": ["Nell Varney"],
     "extract": "Salt Meridian is a 1952 American drama film directed by Osric Pemberton."},
]


def write(path: Path, records: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def partition(kb: backtrace.KnowledgeBase) -> set[frozenset[str]]:
    """Which documents share a film: a set of sets of document paths' line numbers."""
    with kb.store.read() as conn:
        rows = conn.execute(select(documents.c.film_id, documents.c.path)).all()
    films: dict[int, set[str]] = {}
    for film_id, path in rows:
        films.setdefault(film_id, set()).add(path.rsplit("#", 1)[1])
    return {frozenset(v) for v in films.values()}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return write(tmp_path / "films.jsonl", RECORDS)


def test_same_title_films_stay_apart_and_keep_their_year(kb, corpus) -> None:
    kb.ingest([corpus], text_field="extract")
    with kb.store.read() as conn:
        films = conn.execute(
            select(entities.c.name, entities.c.year).where(entities.c.type == "film")
            .order_by(entities.c.year, entities.c.id)).all()
    hollows = [tuple(f) for f in films if f.name == "Gull Hollow"]
    assert hollows == [("Gull Hollow", 1921), ("Gull Hollow", 1921), ("Gull Hollow", 1934)]
    # L1 and L2: one title and year, two pages and two directors: two films; L4 and L6 are
    # one page: one film
    # one page: one film; L7 and L8 are one page a year apart: one film, L9 the same page
    # 38 years later: another
    assert partition(kb) == {frozenset({"L1"}), frozenset({"L2"}), frozenset({"L3"}),
                             frozenset({"L4", "L6"}), frozenset({"L5"}),
                             frozenset({"L7", "L8"}), frozenset({"L9"})}
    # the 1934 remake's year is the record's, though its text states none
    assert [f["year"] for f in kb.find_films("Gull Hollow", 1934)] == [1934]


def test_record_fields_are_facts_with_their_line(kb, corpus) -> None:
    kb.ingest([corpus], text_field="extract")
    film = kb.film("Gull Hollow", 1934, sentences=True)
    assert film["year"] == 1934
    (genre,) = film["facts"]["genre"]
    lines = {s["sentence"]["text"] for s in genre["sources"]}
    assert "- Genres: Drama" in lines  # the record's field, quoted as its infobox line
    cast = [f["value"] for f in film["facts"]["cast_member"]]
    assert cast == ["Charlie Quillfeather"]  # the record's "Charles": one person


def test_a_record_without_text_is_a_film_from_its_fields(tmp_path: Path) -> None:
    """A record with a title and fields but no text is read from its fields (and the
    summary says so); one with neither is skipped, not failed."""
    path = write(tmp_path / "fields.jsonl", [
        {"title": "Reed Mill", "year": 1948, "cast": ["Ada Merrow", "Nell Varney"]},
        {"title": "Only A Title"},
        RECORDS[0]])
    db = str(tmp_path / "f.db")
    result = CliRunner().invoke(main, ["ingest", "-q", "--db", db, "--text-field", "extract",
                                       str(path)])
    assert result.exit_code == 0, result.output
    assert ("2 documents read, 2 stored, 0 skipped as duplicates, 0 failed, "
            "1 skipped (no text), 1 read from their fields alone (no text)") in result.output
    film = backtrace.KnowledgeBase(db).film("Reed Mill", 1948, sentences=True)
    assert film["year"] == 1948
    (cast,) = [f for f in film["facts"]["cast_member"] if f["value"] == "Nell Varney"]
    (source,) = cast["sources"]
    assert source["path"].endswith("fields.jsonl#L1")
    assert source["sentence"]["text"] == "- Cast: Ada Merrow, Nell Varney"


def test_one_person_across_documents_with_the_rule_that_linked_them(kb, corpus) -> None:
    kb.ingest([corpus], text_field="extract")
    charlie = kb.person("Charles Quillfeather")
    assert charlie["name"] == "Charlie Quillfeather"
    (linked,) = [n for n in charlie["linked_names"] if n["alias"] == "Charles Quillfeather"]
    # L3's record writes "Charles" and its text "Charlie": read there as one person, and
    # the "Charlie" of L1 joins him
    assert linked["rule"] in ("familiar", "alias") and linked["sources"]
    assert {e["film"]["year"] for e in charlie["filmography"]} == {1921, 1934}
    tubby = kb.person("Tubby Pimbury")
    assert tubby["name"] in ("Roswell Pimbury", "Tubby Pimbury")
    assert {e["film"]["title"] for e in tubby["filmography"]} == {"Brass Lantern", "Paper Kite"}
    with pytest.raises(Ambiguous) as found:  # Charlie or Sydney?
        kb.person("Quillfeather")
    assert {c["name"] for c in found.value.candidates} >= {"Charlie Quillfeather",
                                                           "Sydney Quillfeather"}


def test_identities_do_not_depend_on_order_and_relink_is_stable(tmp_path: Path) -> None:
    forward = write(tmp_path / "a.jsonl", RECORDS)
    backward = write(tmp_path / "b.jsonl", RECORDS[::-1])
    with backtrace.open(tmp_path / "a.db") as a, backtrace.open(tmp_path / "b.db") as b:
        a.ingest([forward], text_field="extract")
        b.ingest([backward], text_field="extract")
        people_a = {frozenset([p["name"], *p["aliases"]]) for p in _people(a)}
        people_b = {frozenset([p["name"], *p["aliases"]]) for p in _people(b)}
        assert people_a == people_b
        assert a.relink() == 0  # nothing left to link
    # one record at a time, as later ingests would bring them
    with backtrace.open(tmp_path / "c.db") as c:
        for i, record in enumerate(RECORDS):
            c.ingest([write(tmp_path / f"r{i}.jsonl", [record])], text_field="extract")
        assert {p["name"] for p in _people(c)} == {p["name"] for p in _people(a)}


def _people(kb: backtrace.KnowledgeBase) -> list[dict[str, object]]:
    with kb.store.read() as conn:
        names = conn.execute(select(entities.c.name).where(entities.c.type == "person"))
        return [kb.person(n) for n in names.scalars() if len(n.split()) > 1]


def test_cli_person_lists_candidates_and_relink_runs(tmp_path: Path, corpus) -> None:
    db = str(tmp_path / "cli.db")
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", "-q", "--db", db, "--text-field", "extract",
                                str(corpus)]).exit_code == 0
    result = runner.invoke(main, ["person", "--db", db, "Quillfeather"])
    assert result.exit_code == 1
    assert "Charlie Quillfeather" in result.output and "Sydney Quillfeather" in result.output
    result = runner.invoke(main, ["person", "--db", db, "Charles Quillfeather"])
    assert result.exit_code == 0
    assert "Charles Quillfeather" in result.output and "linked as" in result.output
    result = runner.invoke(main, ["relink", "--db", db])
    assert result.exit_code == 0 and result.output.startswith("0 names linked")


def test_a_stage_name_given_in_quotes_joins_the_person_stored_under_it(kb, tmp_path) -> None:
    records = [
        {"title": "Low Tide", "year": 2011, "cast": ["Nine Volt"],
         "extract": "Low Tide is a 2011 American crime film starring Nine Volt."},
        {"title": "High Water", "year": 2014, "cast": [],
         "extract": "High Water is a 2014 American crime film starring Dorian \"Nine Volt\" "
                    "Pike and Ada Merrow."},
    ]
    kb.ingest([write(tmp_path / "stage.jsonl", records)], text_field="extract")
    person = kb.person("Nine Volt")
    assert {e["film"]["title"] for e in person["filmography"]} == {"Low Tide", "High Water"}
    assert any(n["rule"] == "stage" for n in person["linked_names"])


CREDITED = [
    {"title": "Salt Road", "year": 1936, "cast": ["Rita Casco"],
     "extract": "Salt Road is a 1936 American western film starring Rita Casco and Hal Pike."},
    {"title": "Harbour Lights", "year": 1934, "cast": [],
     "extract": "Harbour Lights is a 1934 American drama film starring Rita Dane and Kay "
                "Burr. It was an early role for Dane, then billed under her birth name "
                "\"Rita Casco\"."},
    {"title": "Iron Bay", "year": 1941, "cast": ["Rita Dane"],
     "extract": "Iron Bay is a 1941 American war film starring Rita Dane."},
]


@pytest.mark.parametrize("order", [1, -1], ids=["stored-first", "stored-after"])
def test_the_name_a_film_credited_a_person_under_joins_her_across_blocks(
        kb, tmp_path, order: int) -> None:
    kb.ingest([write(tmp_path / "credited.jsonl", CREDITED[::order])], text_field="extract")
    rita = kb.person("Rita Casco")
    assert rita["name"] == "Rita Dane"
    assert {e["film"]["title"] for e in rita["filmography"]} == {"Salt Road", "Harbour Lights",
                                                                  "Iron Bay"}
    (linked,) = [n for n in rita["linked_names"] if n["alias"] == "Rita Casco"]
    assert linked["rule"] == "credited"
    film = kb.film("Harbour Lights", 1934)
    (dane,) = film["facts"]["cast_member"][:1]
    assert dane["value"] == "Rita Dane" and dane["qualifiers"]["credited_as"] == "Rita Casco"


def test_a_title_several_films_fit_stays_an_unlinked_mention_on_every_page(kb, corpus,
                                                                          tmp_path) -> None:
    import asyncio

    import httpx

    from backtrace.serve import create_app

    note = tmp_path / "note.txt"
    note.write_text("date 2020-01-01 Looking back, Tessa Marlowe starred in Gull Hollow.\n",
                    encoding="utf-8")
    kb.ingest([corpus], text_field="extract")
    kb.ingest([note])
    tessa = kb.person("Tessa Marlowe")
    (hollow,) = [e for e in tessa["filmography"] if e["unlinked_mention"]]
    assert hollow["film"] is None and hollow["unlinked_mention"] == "Gull Hollow"
    charlie = kb.person("Charlie Quillfeather")
    app = create_app(str(kb.store.target))

    async def get(url: str) -> str:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
            return (await c.get(url)).text

    page = asyncio.run(get(f"/person/{tessa['id']}"))
    assert "Gull Hollow\n<span class=\"muted\">(unlinked: several works fit)</span>" in page
    page = asyncio.run(get(f"/person/{charlie['id']}"))
    assert "Names linked to this person" in page and "Charles Quillfeather" in page
    app.state.site.store.close()


# "Ansel Varga" and "Mrs. Varga" fit two directors. Whichever film is read first, each
# stays a person of their own.
VARGAS = [
    {"title": "Quarry Bells", "year": 1917, "href": "Quarry_Bells", "cast": [], "genres": [],
     "extract": "Quarry Bells is a 1917 American silent drama film directed by Ansel Varga."},
    {"title": "Lantern Moss", "year": 1918, "href": "Lantern_Moss", "cast": [], "genres": [],
     "extract": "Lantern Moss is a 1918 American silent comedy film directed by "
                "Ansel P. Varga."},
    {"title": "Pell's Garden", "year": 1919, "href": "Pells_Garden", "cast": [], "genres": [],
     "extract": "Pell's Garden is a 1919 American silent comedy film directed by Mrs. Varga."},
    {"title": "Cinder Path", "year": 1920, "href": "Cinder_Path", "cast": [], "genres": [],
     "extract": "Cinder Path is a 1920 American silent drama film directed by "
                "Ansel T. Varga."},
]


def test_a_form_merged_before_its_block_held_every_person_it_fits_goes_back(
    tmp_path: Path,
) -> None:
    """Two ingests in either order, and one of everything, leave the same people, facts
    and reasons: a form merged while its block held one person it fits ("Ansel Varga" into
    "Ansel P. Varga", "Mrs. Varga" by the surname alone) is its own person again once the
    block holds another it fits."""
    first = write(tmp_path / "first.jsonl", VARGAS[:3])
    second = write(tmp_path / "second.jsonl", VARGAS[3:])
    stores = {}
    for name, order in (("ab", [first, second]), ("ba", [second, first]),
                        ("all", [first, second, None])):
        with backtrace.open(tmp_path / f"{name}.db") as kb:
            if order[-1] is None:
                kb.ingest(order[:-1], text_field="extract")
            else:
                for path in order:
                    kb.ingest([path], text_field="extract")
        stores[name] = content(tmp_path / f"{name}.db")
    assert stores["ab"] == stores["all"] == stores["ba"]
    people = {e[1] for e in stores["all"]["entities"] if e[0] == "person"}
    assert {"Ansel Varga", "Ansel P. Varga", "Ansel T. Varga", "Mrs. Varga"} <= people


def content(db: Path) -> dict[str, list[object]]:
    """What two stores that agree have in common: people, facts, reasons."""
    with backtrace.open(db) as kb, kb.store.read() as conn:
        named = {r.id: (r.type, r.name, r.year) for r in conn.execute(
            select(entities.c.id, entities.c.type, entities.c.name, entities.c.year))}
        keys = sorted((r.type, r.name, r.key) for r in conn.execute(select(entities)))
        facts = sorted((named[r.entity_id], r.property, str(r.value), r.believed)
                       for r in conn.execute(select(fact_rows)))
        reasons = sorted((named[r.entity_id], r.alias, r.reason or "")
                         for r in conn.execute(select(aliases)))
    return {"entities": keys, "facts": facts, "aliases": reasons}


HOLLOWELLS = [
    {"title": "Quay Lamps", "year": 1912, "href": "Quay_Lamps",
     "cast": ["Bertram Quince Hollowell"],
     "extract": "Quay Lamps is a 1912 American short drama film starring Bertram Hollowell."},
    {"title": "Tin Harbour", "year": 1913, "href": "Tin_Harbour",
     "cast": ["Bertram Quince Hollowell"],
     "extract": "Tin Harbour is a 1913 American short film starring Bertram Hollowell."},
]


def test_a_name_a_document_read_as_the_persons_is_there_for_the_reason_alias(
    tmp_path: Path,
) -> None:
    """A name with no rule's reason that a document read as the person's (an alias span)
    is there for the reason 'alias', as it is when a merge joined it on a source's alias:
    in the dev records "Charles Stanton Ogle" had that reason in one order of ingest and
    none in the other. A rule's reason for the name comes first."""
    path = write(tmp_path / "r.jsonl", HOLLOWELLS)
    with backtrace.open(tmp_path / "h.db") as kb:
        kb.ingest([path], text_field="extract")
        with kb.store.transaction() as w:
            person, span, doc = w.conn.execute(text(
                "SELECT e.id, c.span_id, c.document_id FROM entities e JOIN claims c "
                "ON c.value_entity_id = e.id WHERE e.name = 'Bertram Quince Hollowell'")).first()
            assert w.conn.execute(text("SELECT reason FROM aliases WHERE entity_id = :e AND "
                                       "alias = 'Bertram Hollowell'"), {"e": person}).scalar()
            w.conn.execute(text("INSERT INTO aliases (entity_id, alias, key) "
                                "VALUES (:e, 'B. Q. Hollowell Esq', 'b q hollowell esq')"),
                           {"e": person})  # no rule, no document: no reason
            w.conn.execute(text("UPDATE aliases SET reason = NULL WHERE entity_id = :e"),
                           {"e": person})
            w.conn.execute(text("INSERT INTO alias_spans (entity_id, alias, span_id, document_id)"
                                " VALUES (:e, 'Bertram Hollowell', :s, :d)"),
                           {"e": person, "s": span, "d": doc})
            w.settle_person_names({person})
            reasons = {r.alias: r.reason for r in w.conn.execute(text(
                "SELECT alias, reason FROM aliases WHERE entity_id = :e"), {"e": person})}
    assert reasons == {"Bertram Quince Hollowell": None, "Bertram Hollowell": "alias",
                       "B. Q. Hollowell Esq": None}
