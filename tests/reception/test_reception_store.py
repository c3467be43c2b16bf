"""Reviews stored with their spans, the film's reception through the API, CLI and web page."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from reception_docs import ENCYCLOPEDIA, MARLOWE, TALLIS
from sqlalchemy import delete, inspect, select, text

import backtrace
from backtrace.cli import main
from backtrace.store.schema import documents, migrations, review_aspects, reviews, spans


@pytest.fixture
def folders(tmp_path: Path) -> dict[str, Path]:
    out = {}
    for name, body in (("encyclopedia", ENCYCLOPEDIA), ("marlowe", MARLOWE), ("tallis", TALLIS)):
        folder = tmp_path / name
        folder.mkdir()
        (folder / f"{name}.txt").write_text(body, encoding="utf-8")
        out[name] = folder
    return out


def ingest(db: Path, *batches: list[Path]) -> None:
    with backtrace.open(db) as kb:
        for batch in batches:
            report = kb.ingest(batch)
            assert not report.failed


def reception(db: Path) -> dict:
    with backtrace.open(db) as kb:
        return kb.reviews("Salt Harbour")


def test_reviews_of_a_film(tmp_path, folders):
    db = tmp_path / "r.db"
    ingest(db, [folders["encyclopedia"], folders["marlowe"], folders["tallis"]])
    got = reception(db)
    assert (got["film"]["title"], got["film"]["year"]) == ("Salt Harbour", 2021)
    agg = got["aggregate"]
    critics = sorted(
        (r["critic"] or "", r["outlet"] or "", r["source"], r["polarity"], r["counted"])
        for r in got["reviews"]
    )
    assert critics == [
        ("Corin Tallis", "Quayside Weekly", "document", "positive", True),
        ("Dana Whitcombe", "Evening Lantern", "quote", "mixed", True),
        ("Hugo Brandt", "", "quote", "negative", True),
        ("Ines Marlowe", "Harbour Gazette", "document", "negative", True),
        ("Ines Marlowe", "Harbour Gazette", "quote", "negative", False),
        ("Rafe Okonkwo", "Screen Ledger", "quote", "positive", True),
    ]
    # Ines Marlowe is quoted in the encyclopedia and has her own review: counted once
    assert agg["count"] == 5 and len(got["reviews"]) == 6
    [dup] = agg["duplicates"]
    kept = next(r for r in got["reviews"] if r["id"] == dup["same_as"])
    assert kept["source"] == "document" and kept["critic"] == "Ines Marlowe"
    assert agg["approval"] == 40.0 and agg["band"] == "mixed or average"
    assert agg["average_score"] == pytest.approx((40.0 + 91.0) / 2)
    tallis = next(r for r in got["reviews"] if r["critic"] == "Corin Tallis")
    performances = [a for a in tallis["aspects"] if a["aspect"] == "performances"]
    assert performances and performances[0]["actors"] == ["Anika Dorsch"]
    for c in agg["citations"]:
        assert f"[{c['n']}]" in agg["consensus"]
        assert got["reviews"][[r["id"] for r in got["reviews"]].index(c["review_id"])]["n"] == (
            c["review"]
        )


def test_every_review_and_aspect_points_at_a_stored_span(tmp_path, folders):
    db = tmp_path / "r.db"
    ingest(db, [folders["encyclopedia"], folders["marlowe"], folders["tallis"]])
    with backtrace.open(db) as kb, kb.store.read() as conn:
        texts = dict(conn.execute(select(documents.c.id, documents.c.text)).all())
        for row in conn.execute(select(spans)):
            assert texts[row.document_id][row.start : row.end] == row.text
        n_aspects = conn.execute(select(review_aspects.c.span_id)).all()
        assert n_aspects and all(s for (s,) in n_aspects)
    got = reception(db)
    for r in got["reviews"]:
        assert r["spans"]
        for part in [*r["spans"], *r["aspects"], *([r["score"]] if r["score"] else [])]:
            assert texts[r["document"]][part["start"] : part["end"]] == part["text"]


def test_order_of_ingest_does_not_matter(tmp_path, folders):
    reviews_first, film_first = tmp_path / "a.db", tmp_path / "b.db"
    # the reviews name no film: they wait, and are linked when the encyclopedia arrives
    ingest(reviews_first, [folders["marlowe"], folders["tallis"]], [folders["encyclopedia"]])
    ingest(film_first, [folders["encyclopedia"]], [folders["tallis"], folders["marlowe"]])
    a, b = reception(reviews_first), reception(film_first)
    for got in (a, b):  # entity ids follow the order of ingest (the critics are people too)
        film = got.pop("film")["id"]
        for r in got["reviews"]:
            if r["link"]:
                r["link"].update({k: "the film" for k in ("film", "best") if r["link"][k] == film})
    assert a == b
    assert a["aggregate"]["count"] == 5


def test_reingest_changes_nothing(tmp_path, folders):
    db = tmp_path / "r.db"
    everything = [folders["encyclopedia"], folders["marlowe"], folders["tallis"]]
    ingest(db, everything)
    before = reception(db)
    with backtrace.open(db) as kb:
        report = kb.ingest(everything)
        assert report.stored == 0
        with kb.store.read() as conn:
            assert len(conn.execute(select(reviews.c.id)).all()) == 6
    assert reception(db) == before


def test_migration_adds_the_review_tables_to_an_older_database(tmp_path):
    db = tmp_path / "old.db"
    with backtrace.open(db) as kb, kb.store.engine.begin() as conn:
        for table in ("review_aspects", "review_spans", "reviews"):
            conn.execute(text(f"DROP TABLE {table}"))
        conn.execute(delete(migrations).where(migrations.c.name == "0003_reviews"))
    with backtrace.open(db) as kb, kb.store.read() as conn:
        names = set(inspect(conn).get_table_names())
        assert {"reviews", "review_spans", "review_aspects"} <= names
        applied = set(conn.execute(select(migrations.c.name)).scalars())
        assert "0003_reviews" in applied


@pytest.fixture
def run(tmp_path, folders):
    db = str(tmp_path / "cli.db")
    ingest(Path(db), [folders["encyclopedia"], folders["marlowe"], folders["tallis"]])

    def _run(*args: str):
        return CliRunner().invoke(main, [*args], env={"BACKTRACE_DB": db})

    return _run


def test_cli_reviews(run):
    result = run("reviews", "Salt Harbour", "--json")
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    assert set(record) == {"film", "reviews", "aggregate"}
    assert record["aggregate"]["count"] == 5
    text_out = run("reviews", "Salt Harbour", "--year", "2021")
    assert text_out.exit_code == 0
    estimate = record["aggregate"]["estimate"]
    assert estimate["enough"] and estimate["share"] == 40.0
    assert estimate["low"] < 40 < estimate["high"]
    assert estimate["text"] == (
        f"40% positive, likely between {estimate['low']:g}% and {estimate['high']:g}%, "
        "from 5 reviews"
    )
    assert f"{estimate['text']} (mixed or average)" in text_out.output
    assert "Ines Marlowe, Harbour Gazette: negative" in text_out.output
    assert record["aggregate"]["consensus"].split(" [")[0] in text_out.output.replace("\n  ", " ")
    missing = run("reviews", "No Such Film")
    assert missing.exit_code == 1 and "no film called" in missing.output


def test_show_has_the_reception_block(run):
    record = json.loads(run("show", "Salt Harbour", "--json").output)
    reviews_json = json.loads(run("reviews", "Salt Harbour", "--json").output)
    reviews_json.pop("film")
    assert record["reception"] == reviews_json
    shown = run("show", "Salt Harbour").output
    assert "Reception" in shown and "40% positive" in shown


def get(app, url: str):
    import httpx

    async def go():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
            return await c.get(url)

    return asyncio.run(go())


def test_film_page_reception_block_is_escaped(tmp_path, folders):
    from backtrace.serve import create_app

    db = tmp_path / "w.db"
    ingest(db, [folders["encyclopedia"], folders["marlowe"], folders["tallis"]])
    got = reception(db)
    app = create_app(str(db))
    try:
        film_id = got["film"]["id"]
        page = get(app, f"/film/{film_id}")
        assert page.status_code == 200
        html = page.text
        block = html[html.index('<section class="reception"') :]
        block = block[: block.index("</section>")]
        assert "40% positive" in block and "(mixed or average)" in block
        assert "&lt;b&gt;and&lt;/b&gt;" in block and "<b>and</b>" not in html
        for r in got["reviews"]:
            assert f'href="/document/{r["document"]}"' in block
        for c in got["aggregate"]["citations"]:
            assert f'href="#cite-{c["n"]}"' in block and f'id="cite-{c["n"]}"' in block
        data = get(app, f"/film/{film_id}.json").json()
        got.pop("film")
        assert data["reception"] == got
    finally:
        app.state.site.store.close()
