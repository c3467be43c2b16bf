"""Review documents that name their film only in their text, joined to the film the store
knows best fits (invented films and reviews); the ones it cannot place are listed."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select

import backtrace
from backtrace.cli import main
from backtrace.reception.linking import Candidate, FilmIndex
from backtrace.store.reviews import LINK_KEY, ReviewPlacer, unlinked_reviews
from backtrace.store.schema import documents

FILMS = [
    Candidate(1, "Night Ferry", 1998, ("Night Ferry",), ("Ida Brask",),
              ("Ola Venn", "Rut Sand", "Pim Oster")),
    Candidate(2, "Night Ferry II", 2001, ("Night Ferry II",), ("Ida Brask",),
              ("Ola Venn", "Tove Lind")),
    Candidate(3, "Harbour Lights", 1997, ("Harbour Lights",), ("Karl Moen",),
              ("Rut Sand", "Eli Dahl")),
    Candidate(4, "The Reef", 1999, ("The Reef",), ("Asa Holm",), ("Nils Berg", "Mia Strom")),
    Candidate(5, "Tide", 1996, ("Tide",), ("Bo Lerche",), ("Siv Ahl",)),
]  # fmt: skip


@pytest.fixture(scope="module")
def index() -> FilmIndex:
    return FilmIndex(FILMS)


def test_a_quoted_title_and_its_people(index):
    text = ('i went in expecting little from " night ferry , " the new thriller by ida brask . '
            "ola venn is fine as the pilot , and rut sand steals every scene .")
    got = index.place(text)
    assert got.film_id == 1
    kinds = {e.kind for e in got.evidence}
    assert {"quoted title", "director", "actor"} <= kinds
    assert "its title in quotes (“night ferry”)" in got.reason
    for e in got.evidence:
        if e.kind != "most named":
            assert text[e.start : e.end] == e.words


def test_a_title_with_its_year(index):
    got = index.place("Harbour Lights (1997) is a slow, lovely film. Eli Dahl carries it.")
    assert got.film_id == 3 and any(e.kind == "title with year" for e in got.evidence)
    # dated to another year: another film of that title, not this one
    other = index.place("The 1962 film “Harbour Lights” starred nobody we know. Rut Sand? No.")
    assert other.film_id is None


def test_director_and_actors_without_the_title(index):
    got = index.place("The new Ida Brask picture reunites Ola Venn and Tove Lind on the water.")
    # Ida Brask and Ola Venn fit both Night Ferry films; Tove Lind only the sequel
    assert got.film_id is None or got.film_id == 2
    sure = index.place("Ida Brask directs Ola Venn, Tove Lind and the sea in Night Ferry II.")
    assert sure.film_id == 2
    assert all(e.kind != "title" or e.words != "Night Ferry" for e in sure.evidence)


def test_a_sequel_and_its_original_named_alike_stay_unlinked(index):
    text = ("Ida Brask made Night Ferry with Ola Venn; Night Ferry II brings Ola Venn back "
            "for Ida Brask.")
    got = index.place(text)
    assert got.film_id is None and got.reason.startswith(("ambiguous", "too little"))


def test_too_little_evidence_and_nothing_known(index):
    once = index.place('A friend compared it to " the reef " and left.')
    assert once.film_id is None and once.reason.startswith("too little evidence")
    plain = index.place("the reef the reef the reef: the reef is everywhere here.")
    assert plain.film_id is None  # a title written plainly, nothing else
    nothing = index.place("A film about lighthouses that no store has heard of.")
    assert nothing.film_id is None and nothing.reason.startswith("no film")


def test_part_of_a_longer_quoted_title_is_no_mention(index):
    text = ('the old " lessons of the reef " was better , and " lessons of the reef " is what '
            "i keep thinking of . nils berg is in neither .")
    assert index.place(text).film_id is None


def test_a_one_word_title_in_cased_text_must_be_written_as_a_title(index):
    text = "Tide comes in. The tide was high and the tide was cold, said Siv Ahl."
    got = index.place(text)
    assert all(e.words != "tide" for e in got.evidence)


REVIEW_FERRY = """\
By Lena Marr, The Quay Gazette

I went in expecting little from "Night Ferry", the new thriller by Ida Brask. Ola Venn is \
superb as the pilot and Rut Sand steals every scene. The score is haunting and the plot is \
gripping.
"""

REVIEW_LOST = """\
By Pia Holt, Fog Weekly

This crossing is a dull, tedious mess from its first scene to its last. The acting is \
wooden, and the script is lazy.
"""

ENTRY = """\
= Night Ferry =

Night Ferry is a 1998 Norwegian thriller film directed by Ida Brask and starring Ola Venn, \
Rut Sand and Pim Oster.
"""


@pytest.fixture
def store(tmp_path: Path) -> Path:
    """The films, then the reviews: ``ingest.link_unlinked`` places review documents by
    ``ReviewPlacer``."""
    for name, body in (("entry.txt", ENTRY), ("ferry.txt", REVIEW_FERRY),
                       ("lost.txt", REVIEW_LOST)):  # fmt: skip
        (tmp_path / name).write_text(body, encoding="utf-8")
    db = tmp_path / "links.db"
    with backtrace.open(db) as kb:
        assert not kb.ingest([tmp_path / "entry.txt"]).failed
        report = kb.ingest([tmp_path / "ferry.txt", tmp_path / "lost.txt"], kind="review")
        assert not report.failed and report.unlinked == 1
    return db


def test_the_placer_handles_only_unlinked_review_documents(store):
    with backtrace.open(store) as kb, kb.store.read() as conn:
        placer = ReviewPlacer(conn)
        kinds = dict(conn.execute(select(documents.c.id, documents.c.kind)).all())
        entry = next(i for i, k in kinds.items() if k != "review")
        assert not placer.handles(entry)
        [lost] = [r.document for r in unlinked_reviews(conn)]
        assert placer.handles(lost)
        assert placer.placement("Nothing here names a film.").film_id is None
        # a film named once, written as a title: the rule for any untitled document
        once = placer.placement("Night Ferry is a quiet, patient thing.")
        assert once.film_id is not None and once.reason.startswith("its title written as")
        assert placer.placement("night ferry is a quiet, patient thing.").film_id is None


def test_the_store_places_review_documents_and_keeps_the_reason(store):
    with backtrace.open(store) as kb:
        got = kb.reviews("Night Ferry")
        with kb.store.read() as conn:
            metas = {Path(r.path).name: (r.film_id, r.meta.get(LINK_KEY)) for r in conn.execute(
                select(documents.c.path, documents.c.film_id, documents.c.meta).where(
                    documents.c.kind == "review"))}  # fmt: skip
            left = unlinked_reviews(conn)
    film_id, link = metas["ferry.txt"]
    assert film_id == got["film"]["id"] and link["film"] == film_id
    assert link["film_title"] == "Night Ferry (1998)" and "its title in quotes" in link["reason"]
    [review] = [r for r in got["reviews"] if r["critic"] == "Lena Marr"]
    assert review["link"]["reason"] == link["reason"]
    lost_film, lost_link = metas["lost.txt"]
    assert lost_film is None and lost_link["film"] is None and lost_link["reason"]
    assert [r.critic for r in left] == ["Pia Holt"]
    assert left[0].link is not None and left[0].link["reason"] == lost_link["reason"]


def test_cli_lists_the_unlinked_reviews(store):
    run = CliRunner()
    out = run.invoke(main, ["reviews", "--unlinked", "--db", str(store)])
    assert out.exit_code == 0, out.output
    assert "1 review in 1 document linked to no film" in out.output
    assert "lost.txt" in out.output and "why: " in out.output and "Pia Holt" in out.output
    as_json = json.loads(run.invoke(main, ["reviews", "--unlinked", "--json", "--db",
                                           str(store)]).output)  # fmt: skip
    assert [r["critic"] for r in as_json] == ["Pia Holt"]
    shown = run.invoke(main, ["reviews", "Night Ferry", "--db", str(store)]).output
    assert "linked to this film by its text: its title in quotes" in shown
    both = run.invoke(main, ["reviews", "Night Ferry", "--unlinked", "--db", str(store)])
    neither = run.invoke(main, ["reviews", "--db", str(store)])
    assert both.exit_code == 2 and neither.exit_code == 2


def test_the_document_page_shows_polarity_aspects_and_the_link(store):
    import httpx

    from backtrace.serve import create_app

    with backtrace.open(store) as kb, kb.store.read() as conn:
        doc_id = conn.execute(select(documents.c.id).where(
            documents.c.path.like("%ferry.txt"))).scalar_one()  # fmt: skip
    app = create_app(str(store))

    async def get(url: str):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
            return await c.get(url)

    try:
        page = asyncio.run(get(f"/document/{doc_id}"))
        assert page.status_code == 200
        html = page.text
        block = html[html.index('<section class="reviews"') :]
        block = block[: block.index("</section>")]
        assert "Lena Marr" in block and "positive" in block
        assert "performances (Ola Venn" in block and "music" in block
        assert "Linked to its film by its text: its title in quotes" in " ".join(block.split())
        data = asyncio.run(get(f"/document/{doc_id}.json")).json()
        [review] = data["reviews"]
        assert review["polarity"] == "positive" and review["aspects"]
    finally:
        app.state.site.store.close()
