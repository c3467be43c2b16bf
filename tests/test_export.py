"""Exports over the sample corpus: the cited article (every statement's value in a sentence
it cites, round trip), JSON-LD, QuickStatements, CSV; and the seeds' article."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import backtrace
from backtrace.cli import main
from backtrace.export import build_article, film_jsonld, render_html
from backtrace.export.article import format_date, join_words
from backtrace.export.jsonld import iso_duration
from backtrace.store.records import Fact, FilmRecord, Source

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpus"
SEEDS = ROOT.parent / "shared" / "seeds"
COMPARED = (
    "director",
    "producer",
    "composer",
    "director_of_photography",
    "film_editor",
    "production_company",
    "duration",
    "original_language",
    "cost",
)


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> backtrace.KnowledgeBase:
    db = tmp_path_factory.mktemp("export") / "corpus.db"
    base = backtrace.open(db)
    base.ingest([CORPUS])
    yield base
    base.close()


def _doc_texts(kb: backtrace.KnowledgeBase) -> dict[str, str]:
    from sqlalchemy import select

    from backtrace.store.schema import documents

    with kb.store.read() as conn:
        return dict(conn.execute(select(documents.c.id, documents.c.text)).all())


def _articles(kb: backtrace.KnowledgeBase):
    for film in kb.films():
        yield film, kb.film_article(film["id"])


def test_phrases() -> None:
    assert join_words(["A", "B", "C"]) == "A, B and C"
    assert join_words(["A"]) == "A"
    assert format_date("2018-12-14") == "December 14, 2018"
    assert format_date("2018-12") == "December 2018"
    assert format_date("2018") == "2018"
    assert iso_duration(87) == "PT1H27M"
    assert iso_duration(60) == "PT1H"


def test_every_statement_cites_a_sentence_that_states_its_value(kb, load_bench) -> None:
    """On every film of the sample corpus, with bench/citations.py's rules."""
    bench = load_bench("citations")
    films = bench.collect(str(kb.store.target))["films"]
    assert len(films) >= 7
    score = bench.judge(films)
    assert score.failures == [] and score.values > 300
    assert score.statements_supported == score.statements > 150


def test_every_cited_sentence_is_its_documents_text(kb) -> None:
    texts = _doc_texts(kb)
    n_lines = 0
    for film, article in _articles(kb):
        lines = article.lines()
        assert lines, film["title"]
        numbers = {ref.number for ref in article.references}
        for line in lines:
            n_lines += 1
            assert line.facts, f"{film['title']}: a sentence without facts: {line.text!r}"
            assert line.cites and set(line.cites) <= numbers, line.text
            for mark in line.marks:
                doc = article.references[mark.number - 1].document
                for quote in mark.quotes:
                    assert texts[doc][quote.start : quote.end] == quote.text
        for ref in article.references:
            for quote in ref.quotes:
                assert texts[ref.document][quote.start : quote.end] == quote.text
        # sections without facts are left out rather than padded
        assert all(section.lines for section in article.sections)
        words = " ".join(li.text for li in lines)
        assert "backtrace" not in words.lower()
    assert n_lines > 50


def test_disagreements_are_stated_with_both_sources(kb) -> None:
    record = kb.film("Cinder Road")
    assert any(f["status"] == "conflict" for f in record["facts"]["duration"])
    text = kb.article("Cinder Road")
    line = next(li for li in text.splitlines() if "Sources disagree on the running time" in li)
    assert "112 minutes according to" in line and "104 minutes according to" in line


def test_round_trip_gives_the_same_facts(kb, tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    originals = {}
    for film in kb.films():
        text = kb.article(film["title"], film["year"])
        (folder / f"{film['id']}.md").write_text(text, encoding="utf-8")
        originals[film["title"]] = kb.film_by_id(film["id"])
    with backtrace.open(tmp_path / "round.db") as again:
        report = again.ingest([folder])
        assert not report.failed
        for title, original in originals.items():
            copy = again.film(title)
            assert copy["year"] == original["year"]
            for prop in COMPARED:
                want = {json.dumps(f["value"]) for f in original["facts"].get(prop, [])
                        if f["believed"]}  # fmt: skip
                got = {json.dumps(f["value"]) for f in copy["facts"].get(prop, [])}
                assert want == got, (title, prop, want, got)
            cast = {f["value"] for f in original["facts"].get("cast_member", []) if f["believed"]}
            assert cast <= {f["value"] for f in copy["facts"].get("cast_member", [])}


def test_html_article_escapes_document_text() -> None:
    source = Source("d1", "x.txt", "news", None, 0, 5, "<b>x")
    actor = Fact("Ann <img src=x onerror=alert(1)>", {"character": "javascript:alert(1)"},
                 "agreed", True, 1.0, "", [source])  # fmt: skip
    record = FilmRecord(1, "<script>alert(1)</script>", 2001, {"cast_member": [actor]})
    html = render_html(build_article(record))
    assert "<script>alert" not in html and "<img" not in html
    assert "&lt;script&gt;" in html and "&lt;img" in html


def test_jsonld_expands_to_schema_org_triples(kb) -> None:
    jsonld = pytest.importorskip("pyld.jsonld")

    def loader(url: str, options: dict | None = None) -> dict:
        # schema.org's context without the network: every term in the schema.org vocabulary
        return {
            "contentType": "application/ld+json",
            "contextUrl": None,
            "documentUrl": url,
            "document": {"@context": {"@vocab": "https://schema.org/"}},
        }

    jsonld.set_document_loader(loader)
    node = kb.jsonld("The Salt Ledger")
    assert node["@type"] == "Movie"
    expanded = jsonld.expand(node)[0]
    s = "https://schema.org/"
    assert expanded["@type"] == [s + "Movie"]
    assert expanded[s + "name"][0]["@value"] == "The Salt Ledger"
    directors = [d[s + "name"][0]["@value"] for d in expanded[s + "director"]]
    assert directors == ["Corinne Ashdown"]
    roles = {
        r[s + "actor"][0][s + "name"][0]["@value"]: r[s + "characterName"][0]["@value"]
        for r in expanded[s + "actor"]
        if s + "characterName" in r
    }
    assert roles["Owen Thackeray"].endswith("Roarke")
    played = [r for r in expanded[s + "actor"] if s + "characterName" in r]
    assert all(r["@type"] == [s + "PerformanceRole"] for r in played)
    assert expanded[s + "duration"][0]["@value"] == "PT1H34M"
    assert expanded[s + "musicBy"][0][s + "name"][0]["@value"] == "Marguerite Osei"
    assert [v["@value"] for v in expanded[s + "inLanguage"]] == ["en"]
    assert s + "aggregateRating" not in expanded  # backtrace's count is nobody's rating
    reviews = expanded[s + "review"]
    assert reviews and all(r["@type"] == [s + "Review"] for r in reviews)
    # critics quoted by name are the reviews' authors (an unsigned review has none)
    authors = [r[s + "author"][0][s + "name"][0]["@value"] for r in reviews
               if s + "author" in r]  # fmt: skip
    assert authors
    for review in reviews:  # a rating only where the critic stated a score
        for rating in review.get(s + "reviewRating", []):
            assert s + "ratingExplanation" not in rating
    nquads = jsonld.to_rdf(node, {"format": "application/n-quads"})
    assert "<https://schema.org/characterName>" in nquads


def test_quickstatements_of_the_corpus(kb, tmp_path: Path) -> None:
    lines = kb.wikidata("Cinder Road")
    assert lines[:4] == ["CREATE", 'LAST\tLen\t"Cinder Road"', 'LAST\tDen\t"2021 film"',
                         "LAST\tP31\tQ11424"]  # fmt: skip
    # nothing else is created, no person is written without an id, no review score
    assert lines.count("CREATE") == 1
    assert not any("\tP161\t" in li or "\tP444\t" in li or "somevalue" in li for li in lines)
    qids = tmp_path / "qids.csv"
    rows = kb.wikidata_reconcile("Cinder Road")
    qids.write_text("name,type,qid\n" + "".join(
        f'"{r["name"]}",{r["type"]},Q{700 + n}\n' for n, r in enumerate(rows)
        if r["type"] in ("person", "source")), encoding="utf-8")  # fmt: skip
    statements = [li.split("\t") for li in kb.wikidata("Cinder Road", qids=qids)
                  if li.startswith("LAST\tP")]  # fmt: skip
    assert ["LAST", "P31", "Q11424"] in statements
    for cols in statements:
        if cols[1] == "P31":
            continue
        assert "S1683" in cols and "S813" in cols, cols
        assert "S248" in cols or "S854" in cols, cols
        quote = cols[cols.index("S1683") + 1]
        assert quote.startswith('en:"') and quote.endswith('"')
    durations = {cols[2] for cols in statements if cols[1] == "P2047"}
    assert durations == {"112U7727", "104U7727"}  # both sides of the conflict
    cast = [cols for cols in statements if cols[1] == "P161"]
    assert cast and all(re.fullmatch(r"Q\d+", c[2]) for c in cast)
    assert any("P4633" in c for c in cast)
    dates = [cols for cols in statements if cols[1] == "P577"]
    assert dates
    assert all(c[2].startswith("+") and c[2].endswith(("/11", "/10", "/9")) for c in dates)


def test_quickstatements_never_break_the_tab_format() -> None:
    from backtrace.export import film_statements

    record = FilmRecord(1, "A quoted\ttitle", None, {})
    assert film_statements(record).lines[1] == 'LAST\tLen\t"A quoted title"'


def test_csv_tables(kb, tmp_path: Path) -> None:
    counts = kb.export_csv(tmp_path / "csv")
    films = list(csv.DictReader((tmp_path / "csv" / "films.csv").open(encoding="utf-8")))
    assert len(films) == len(kb.films()) == counts["films"]
    sources = list(csv.DictReader((tmp_path / "csv" / "sources.csv").open(encoding="utf-8")))
    keys = set()
    for name in ("facts", "credits", "releases", "box_office"):
        rows = list(csv.DictReader((tmp_path / "csv" / f"{name}.csv").open(encoding="utf-8")))
        assert len(rows) == counts[name]
        for row in rows:
            assert row["source_document"] and row["source_text"]
            keys.add(row["fact_key"])
    assert {r["fact_key"] for r in sources} == keys
    texts = _doc_texts(kb)
    for r in sources[:200]:
        assert texts[r["document"]][int(r["start"]) : int(r["end"])] == r["text"]


def test_export_cli(kb, tmp_path: Path) -> None:
    runner = CliRunner()
    db = str(kb.store.target)
    out = runner.invoke(main, ["export", "--db", db, "--format", "article", "The Salt Ledger"])
    assert out.exit_code == 0, out.output
    assert out.output.startswith("# The Salt Ledger (2019 film)")
    assert "## References" in out.output
    html = runner.invoke(
        main, ["export", "--db", db, "--format", "article", "--to", "html", "The Salt Ledger"]
    )
    assert html.exit_code == 0 and "<h2>Cast</h2>" in html.output
    assert "<h1>The Salt Ledger (2019 film)</h1>" in html.output
    folder = tmp_path / "arts"
    res = runner.invoke(main, ["export", "--db", db, "--format", "article", "-o", str(folder)])
    assert res.exit_code == 0, res.output
    assert len(list(folder.glob("*.md"))) == len(kb.films())
    ld = runner.invoke(main, ["export", "--db", db, "--format", "jsonld"])
    assert ld.exit_code == 0 and len(json.loads(ld.output)["@graph"]) == len(kb.films())
    qs = runner.invoke(main, ["export", "--db", db, "--format", "wikidata", "Winter Orchard"])
    assert qs.exit_code == 0 and qs.stdout.startswith("CREATE\n")
    assert "left out: no QID for person 'Fenella Marsh'" in qs.stderr
    res = runner.invoke(main, ["export", "--db", db, "--format", "csv", "-o", str(tmp_path / "t")])
    assert res.exit_code == 0 and (tmp_path / "t" / "credits.csv").exists()
    missing = runner.invoke(main, ["export", "--db", db, "--format", "article", "No Such Film"])
    assert missing.exit_code == 1 and "no film called" in missing.output


def test_jsonld_of_a_record_without_facts() -> None:
    node = film_jsonld(FilmRecord(3, "Blank", None, {}))
    assert node == {"@context": "https://schema.org", "@type": "Movie", "@id": "#film-3",
                    "name": "Blank"}  # fmt: skip


def test_reception_in_the_article_of_a_reviewed_film(kb) -> None:
    text = kb.article("The Salt Ledger")
    reception = text.split("## Reception", 1)[1].split("## References", 1)[0]
    assert "reviews collected here" in reception and "backtrace" not in reception
    assert "%" not in reception
    assert "“" in reception  # at least one attributed quote


# -- the seeds ------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def seeds_article(tmp_path_factory: pytest.TempPathFactory):
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is absent")
    with backtrace.open(tmp_path_factory.mktemp("seeds") / "seeds.db") as base:
        base.ingest([SEEDS])
        film = max(base.films(), key=lambda f: f["documents"])
        yield base, film, base.article(film["title"]), base.article(film["title"], to="html")


def test_the_seeds_article(seeds_article) -> None:
    kb, film, md, html = seeds_article
    title = film["title"]
    assert md.splitlines()[0] == f"# {title} ({film['year']} film)"
    assert f"<h1>{title} ({film['year']} film)</h1>" in html
    plot = md.split("## Plot", 1)[1].split("\n## ", 1)[0].strip()
    assert len(re.findall(r"\[\d+\]", plot)) == 1 and "seeds" not in plot
    assert "backtrace counted" not in md.lower() and "% are positive" not in md
    release = md.split("## Release", 1)[1].split("\n## ", 1)[0]
    assert release.count(f"{title} was released") <= 1
    # every cast member some source calls a star or lead is in the lead
    record = kb.film(title)
    lead = md.split("\n\n")[2] if md.split("\n\n")[1].startswith("- **") else ""
    assert lead.startswith(f"{title} is a")
    starring = [f["value"] for f in record["facts"]["cast_member"]
                if f["value"] in lead]  # fmt: skip
    assert len(starring) >= 3
    refs = md.split("## References", 1)[1]
    assert not re.search(r"(?m)^\d+\. .*(\.\./|/shared/)", refs)  # relative, never up or absolute
    soup_titles = re.findall(r'title="([^"]*)">\[\d+\]', html)
    assert len(set(soup_titles)) > 10  # footnotes quote their own statements
