"""The FTS5 index (store/search.py), the highlighter, and the `serve` command's wiring."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

import backtrace
from backtrace.serve.present import Piece, highlight
from backtrace.store import search
from backtrace.store.hits import SnippetPiece

ROOT = Path(__file__).resolve().parents[2]


def test_match_expression_quotes_every_term() -> None:
    assert search.match_expression("Grace Whit") == '"grace" "whit"*'
    assert search.match_expression('NEAR("a" b) OR c:d ^e *') == (
        '"near" "a" "b" "or" "c" "d" "e"'
    )
    assert search.match_expression(" '\"()*: ") is None
    assert len(search.terms("w " * 100)) == search.MAX_TERMS


def test_match_expression_prefixes_only_a_last_word_of_three_letters() -> None:
    assert search.match_expression("cin") == '"cin"*'
    assert search.match_expression("ci") == '"ci"'  # "ci"* would match most documents
    assert search.match_expression("the dark ro") == '"the" "dark" "ro"'
    assert search.match_expression("the dark roa") == '"the" "dark" "roa"*'


def test_split_snippet() -> None:
    got = search.split_snippet("a \x02b\x03 c")
    assert got == [SnippetPiece("a ", False), SnippetPiece("b", True), SnippetPiece(" c", False)]
    assert [p.to_json() for p in got][1] == {"text": "b", "match": True}


def test_writers_keep_the_index_current(tmp_path: Path) -> None:
    """An ingest ends with the index up to date: the server, which only reads, searches it."""
    with backtrace.open(tmp_path / "s.db") as kb:
        with kb.store.engine.begin() as conn:
            assert search.available(conn)
            assert not search.is_stale(conn)  # the new store's index is built with it
            assert not search.ensure_fresh(conn)
        kb.ingest([ROOT / "examples" / "corpus" / "cinder-road"])
        with kb.store.read() as conn:
            assert not search.is_stale(conn)
        with kb.store.transaction() as w:  # a write behind the index's back
            w.create_entity("person", "Nobody Known", "nobody known", 0)
        with kb.store.read() as conn:
            assert search.is_stale(conn)
        with kb.store.read() as conn:
            films = search.search_entities(conn, "cinde", ("film",))
            assert [f.name for f in films] == ["Cinder Road"]
            assert search.search_entities(conn, "cinde", ("person",)) == []
            docs = search.search_documents(conn, "trailer")
            assert docs and all(d.snippet for d in docs)


def test_highlight_overlapping_spans() -> None:
    text = "Lorna Vance as Ruth Decker."
    pieces = highlight(text, [(0, 11), (0, 26), (15, 26)])
    assert "".join(p.text for p in pieces) == text
    assert pieces[0] == Piece("Lorna Vance", True, "s-0")
    assert Piece(" as ", True, None) in pieces
    assert Piece("Ruth Decker", True, "s-15") in pieces
    assert pieces[-1] == Piece(".", False, None)


def test_highlight_clips_and_keeps_empty_anchors() -> None:
    pieces = highlight("abc", [(2, 2), (1, 99)])
    assert "".join(p.text for p in pieces) == "abc"
    assert [p.id for p in pieces if p.id] == ["s-1", "s-2"]


def test_serve_command_help() -> None:
    from backtrace.cli import main

    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0
    assert "--port" in result.output and "--host" in result.output and "--db" in result.output


def test_pages_follow_new_ingests(tmp_path: Path) -> None:
    """The response cache drops a page once the database changes."""
    import asyncio

    import httpx

    from backtrace.serve import create_app

    db = tmp_path / "c.db"
    corpus = ROOT / "examples" / "corpus"
    with backtrace.open(db) as kb:
        kb.ingest([corpus / "cinder-road"])
    app = create_app(db)

    async def counts() -> dict:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
            return (await c.get("/index.json")).json()["counts"]

    try:
        before = asyncio.run(counts())
        assert asyncio.run(counts()) == before
        with backtrace.open(db) as kb:
            kb.ingest([corpus / "winter-orchard"])
            expected = kb.counts()
        after = asyncio.run(counts())
        assert after == expected and after["films"] > before["films"]
    finally:
        app.state.site.store.close()


def test_fuzzy_names_forgive_typos_and_sounds_and_rank_the_better_known(tmp_path: Path
                                                                        ) -> None:
    from backtrace.serve.finder import Finder

    docs = {
        "a.txt": "= The Nation of Glass =\n\nThe Nation of Glass is a 2011 drama film "
                 "directed by Ada Brennecke and starring Odalys Brennecke.",
        "b.txt": "= Salt Harbor =\n\nSalt Harbor is a 2014 drama film directed by Ada "
                 "Brennecke and starring Ivo Marrow.",
    }
    for name, text in docs.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    with backtrace.open(tmp_path / "f.db") as kb:
        kb.ingest([tmp_path / "a.txt", tmp_path / "b.txt"])
        finder = Finder(kb.store)

        def names(query: str) -> list[str]:
            return [f.name for f in finder.fuzzy(query)]

        # one letter doubled or dropped; the better known of two of that surname first
        assert names("brenecke")[:2] == ["Ada Brennecke", "Odalys Brennecke"]
        assert names("odalis brenecke")[:1] == ["Odalys Brennecke"]
        # a word spelt as it sounds ("nashun"), too far by spelling alone
        assert names("nashun of glas")[:1] == ["The Nation of Glass"]
        # the first letter changed, dropped, added or swapped with the second: found too
        for typo in ("vrennecke", "rennecke", "abrennecke", "rbennecke"):
            assert names(typo)[:1] == ["Ada Brennecke"], typo
        assert names("amrrow")[:1] == ["Ivo Marrow"]
        # punctuation, operators and two-letter queries match nothing
        assert names("OR ||| .") == [] and names("ab") == []
