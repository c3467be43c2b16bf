"""Critics are people of the store and outlets have one name (issue 22): a critic's reviews
of several films on their person page (API, CLI, web), a critic credited elsewhere the same
person, one who only wrote reviews findable as a critic, and "the LA Times" one outlet
with "Los Angeles Times". The documents are invented for these tests."""

from __future__ import annotations

import asyncio
import json
import re
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import delete, select, text, update

import backtrace
from backtrace.cli import main
from backtrace.keys import outlet_key
from backtrace.store.schema import documents, entities, migrations, reviews

FERRY = """\
= Lantern Ferry =

Lantern Ferry
- Director: Osric Pell
- Screenplay: Maren Thistlewood
- Starring: Juno Falk
- Released: 2016-03-11

Lantern Ferry is a 2016 drama film directed by Osric Pell from a screenplay by Maren \
Thistlewood, starring Juno Falk as a night-shift pilot.

==Reception==
Tobias Quillen of the Los Angeles Times gave the film a positive review, calling it "a warm \
and patient voyage".
"""

GRAVEL = """\
= Gravel Moon =

Gravel Moon
- Director: Hesper Vane
- Starring: Ottilie Grange
- Released: 2019-08-02

Gravel Moon is a 2019 science fiction film directed by Hesper Vane and starring Ottilie \
Grange.

==Reception==
Maren Thistlewood of the LA Times panned the film, calling it "a hollow spectacle with \
<b>nothing</b> inside".
"""

WREN = """\
= Copper Wren =

Copper Wren
- Director: Lisbet Moor
- Starring: Cato Iwu
- Released: 2020-10-16

Copper Wren is a 2020 animated film directed by Lisbet Moor, with Cato Iwu voicing the wren.
"""

WREN_REVIEW = """\
By Maren Thistlewood, The Los Angeles Times

Copper Wren is a small marvel. The drawings glow, the songs are tender, and Cato Iwu gives \
the wren a wonderful, wry voice. I loved nearly every minute of it. Rating: 4/5
"""


@pytest.fixture
def store(tmp_path: Path, db_target) -> str:
    folder = tmp_path / "docs"
    folder.mkdir()
    for name, body in (("ferry.txt", FERRY), ("gravel.txt", GRAVEL), ("wren.txt", WREN)):
        (folder / name).write_text(body, encoding="utf-8")
    review = tmp_path / "reviews"
    review.mkdir()
    (review / "wren-review.txt").write_text(WREN_REVIEW, encoding="utf-8")
    with backtrace.open(db_target) as kb:
        assert not kb.ingest([folder]).failed
        assert not kb.ingest([review]).failed
    return str(db_target)


def _person(db: str, name: str) -> dict:
    with backtrace.open(db) as kb:
        return kb.person(name)


def test_one_critic_two_films_and_a_credit_on_a_third(store) -> None:
    maren = _person(store, "Maren Thistlewood")
    credits = {(c["film"]["title"], c["property"]) for c in maren["filmography"]}
    assert credits == {("Lantern Ferry", "screenwriter")}  # credited: the same person
    written = maren["reviews_written"]
    assert [(w["film"]["title"], w["film"]["year"], w["source"], w["polarity"])
            for w in written] == [("Copper Wren", 2020, "document", "positive"),
                                  ("Gravel Moon", 2019, "quote", "negative")]  # fmt: skip
    assert {w["outlet"] for w in written} == {"Los Angeles Times"}  # one outlet, one name
    with backtrace.open(store) as kb, kb.store.read() as conn:
        texts = dict(conn.execute(select(documents.c.id, documents.c.text)).all())
        linked = set(conn.execute(select(reviews.c.critic_id).where(
            reviews.c.critic == "Maren Thistlewood")).scalars())  # fmt: skip
    assert linked == {maren["id"]}
    for w in written:  # every quoted sentence is the document's own text at its offsets
        assert w["spans"] and all(texts[w["document"]][s["start"]:s["end"]] == s["text"]
                                  for s in w["spans"])  # fmt: skip


def test_outlets_written_three_ways_are_one(store) -> None:
    with backtrace.open(store) as kb, kb.store.read() as conn:
        stored = conn.execute(select(reviews.c.outlet, reviews.c.outlet_key)).all()
        films = {r.name: kb.reviews(r.name) for r in conn.execute(
            select(entities.c.name).where(entities.c.type == "film"))}  # fmt: skip
    assert sorted(o for o, _ in stored) == ["LA Times", "Los Angeles Times",
                                            "Los Angeles Times"]  # fmt: skip
    assert {k for _, k in stored} == {"los angeles times"}
    shown = {r["outlet"] for got in films.values() for r in got["reviews"]}
    assert shown == {"Los Angeles Times"}  # the form most reviews write


def test_a_critic_who_only_wrote_reviews_has_a_page_and_is_found_as_a_critic(store) -> None:
    tobias = _person(store, "Tobias Quillen")
    assert tobias["filmography"] == []
    [review] = tobias["reviews_written"]
    assert review["film"]["title"] == "Lantern Ferry" and review["polarity"] == "positive"
    from backtrace.serve import create_app

    app = create_app(store)
    try:
        found = _get(app, "/search.json?q=Tobias+Quillen").json()
        page = _get(app, f"/person/{tobias['id']}").text
    finally:
        app.state.site.store.close()
    [hit] = [p for p in found["people"] if p["id"] == tobias["id"]]
    assert hit["role"] == "critic (1 review)"
    assert "Reviews written (1)" in page and "No film credits." in page


def test_the_cli_lists_the_reviews_written(store) -> None:
    run = CliRunner()
    text_out = run.invoke(main, ["person", "Maren Thistlewood"], env={"BACKTRACE_DB": store})
    assert text_out.exit_code == 0, text_out.output
    assert "Reviews written (2)" in text_out.output
    assert "Gravel Moon (2019), Los Angeles Times: negative" in text_out.output
    assert "Copper Wren (2020), Los Angeles Times: positive" in text_out.output
    as_json = run.invoke(main, ["person", "Maren Thistlewood", "--json"],
                         env={"BACKTRACE_DB": store})  # fmt: skip
    shown = json.loads(as_json.output)
    assert [w["film"]["title"] for w in shown["reviews_written"]] == ["Copper Wren",
                                                                      "Gravel Moon"]


def _get(app, url: str):
    import httpx

    async def go():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
            return await c.get(url)

    return asyncio.run(go())


def test_the_person_page_shows_reviews_written_escaped_and_anchored(store) -> None:
    from backtrace.serve import create_app

    maren = _person(store, "Maren Thistlewood")
    app = create_app(store)
    try:
        html = _get(app, f"/person/{maren['id']}").text
        block = html[html.index('<section class="reviews-written"'):]
        block = block[: block.index("</section>")]
        assert "Reviews written (2)" in block and "critic</p>" in html
        for w in maren["reviews_written"]:
            assert f'href="/film/{w["film"]["id"]}"' in block
            for s in w["spans"]:  # each quoted sentence links to its mark on its document
                href = f'/document/{w["document"]}#s-{s["start"]}'
                assert f'href="{href}"' in block
                doc = _get(app, href.split("#")[0]).text
                assert f'id="s-{s["start"]}"' in doc
        assert "&lt;b&gt;nothing&lt;/b&gt;" in block and "<b>nothing</b>" not in html
        assert "<em>Los Angeles Times</em>" in block and "<em>LA Times</em>" not in block
        film = _get(app, f"/film/{maren['reviews_written'][1]['film']['id']}").text
        assert f'href="/person/{maren["id"]}">Maren Thistlewood</a>' in film
        assert _get(app, f"/person/{maren['id']}.json").json() == maren
    finally:
        app.state.site.store.close()


def test_the_migration_links_the_critics_of_an_older_store(store) -> None:
    with backtrace.open(store) as kb, kb.store.read() as conn:
        before = sorted(conn.execute(select(reviews.c.id, reviews.c.critic_id,
                                            reviews.c.outlet_key)).all())  # fmt: skip
    assert all(critic for _, critic, _ in before)
    with backtrace.open(store) as kb, kb.store.engine.begin() as conn:
        conn.execute(update(reviews).values(critic_id=None, outlet_key=None))
        conn.execute(delete(migrations).where(migrations.c.name == "0010_critics"))
    with backtrace.open(store) as kb, kb.store.read() as conn:
        after = sorted(conn.execute(select(reviews.c.id, reviews.c.critic_id,
                                           reviews.c.outlet_key)).all())  # fmt: skip
        applied = set(conn.execute(select(migrations.c.name)).scalars())
    assert after == before and "0010_critics" in applied


def _drop_the_critic_columns(store: str, backend: str) -> None:
    """Make the store one of before ``0010_critics``: no ``critic_id``, no ``outlet_key``."""
    if backend == "postgresql":
        with backtrace.open(store) as kb, kb.store.engine.begin() as conn:
            conn.execute(text("ALTER TABLE reviews DROP COLUMN critic_id"))
            conn.execute(text("ALTER TABLE reviews DROP COLUMN outlet_key"))
            conn.execute(delete(migrations).where(migrations.c.name == "0010_critics"))
        return
    kept = ", ".join(c.name for c in reviews.columns if c.name not in ("critic_id", "outlet_key"))
    db = sqlite3.connect(store)  # SQLite drops no column of a foreign key: the table is remade
    db.execute("PRAGMA foreign_keys=OFF")
    (made,) = db.execute("SELECT sql FROM sqlite_master WHERE name = 'reviews'").fetchone()
    old = re.sub(r"\s*(?:critic_id INTEGER|outlet_key TEXT),|,\s*FOREIGN KEY\(critic_id\)[^\n]*",
                 "", made).replace("CREATE TABLE reviews", "CREATE TABLE old_reviews")
    assert "critic_id" not in old and "outlet_key" not in old
    db.executescript(f"""BEGIN; {old}; INSERT INTO old_reviews SELECT {kept} FROM reviews;
        DROP TABLE reviews; ALTER TABLE old_reviews RENAME TO reviews;
        DELETE FROM migrations WHERE name = '0010_critics'; COMMIT;""")
    db.close()


def test_the_migration_adds_the_columns_to_a_store_without_them(store, backend) -> None:
    with backtrace.open(store) as kb, kb.store.read() as conn:
        before = sorted(conn.execute(select(reviews.c.id, reviews.c.critic_id,
                                            reviews.c.outlet_key)).all())  # fmt: skip
    _drop_the_critic_columns(store, backend)
    with backtrace.open(store) as kb, kb.store.read() as conn:
        after = sorted(conn.execute(select(reviews.c.id, reviews.c.critic_id,
                                           reviews.c.outlet_key)).all())  # fmt: skip
    assert after == before
    assert _person(store, "Maren Thistlewood")["reviews_written"]


def test_a_relink_keeps_a_critic_who_only_wrote_reviews(store) -> None:
    """Relinking drops the people nothing points at: a review is something."""
    with backtrace.open(store) as kb:
        kb.relink()
    assert _person(store, "Tobias Quillen")["reviews_written"]


@pytest.mark.parametrize(("written", "key"), [
    ("the Los Angeles Times", "los angeles times"), ("L.A. Times", "los angeles times"),
    ("the LA Times", "los angeles times"),
    ("The New York Times", "new york times"), ("NY Times", "new york times"),
    ("TIME Magazine", "time"), ("Time Out", "time out"), ("Time Out New York", "time out new york"),
    ("Ebert & Roeper", "ebert and roeper"), ("The", "the"),
])  # fmt: skip
def test_outlet_keys(written: str, key: str) -> None:
    assert outlet_key(written) == key
    assert re.fullmatch(r"[\w ]+", outlet_key(written))
