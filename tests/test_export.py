"""Exports: the cited article (faithfulness and round trip), JSON-LD, QuickStatements, CSV."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import backtrace
from backtrace.cli import main
from backtrace.export import build_article, film_jsonld, film_statements, render_html
from backtrace.export.article import format_date, join_words
from backtrace.export.jsonld import iso_duration
from backtrace.export.reception_text import export_reception
from backtrace.render import format_value

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"
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
    from backtrace.store.passages import plot_passage

    for film in kb.films():
        record = kb.film_by_id(film["id"], sentences=True)
        with kb.store.read() as conn:
            plot = plot_passage(conn, film["id"])
        reception = export_reception(record["reception"])
        yield record, build_article(record, plot=plot, reception=reception)


def test_phrases() -> None:
    assert join_words(["A", "B", "C"]) == "A, B and C"
    assert join_words(["A"]) == "A"
    assert format_date("2018-12-14") == "December 14, 2018"
    assert format_date("2018-12") == "December 2018"
    assert format_date("2018") == "2018"
    assert iso_duration(87) == "PT1H27M"
    assert iso_duration(60) == "PT1H"


def test_every_sentence_of_every_article_rests_on_stored_spans(kb) -> None:
    texts = _doc_texts(kb)
    n_lines = 0
    for record, article in _articles(kb):
        lines = article.infobox + article.lead + [li for s in article.sections for li in s.lines]
        assert lines, record["title"]
        numbers = {ref.number for ref in article.references}
        for line in lines:
            n_lines += 1
            assert line.facts, f"{record['title']}: a sentence without facts: {line.text!r}"
            assert line.cites and set(line.cites) <= numbers, line.text
            for prop, fact in line.facts:
                assert fact["sources"], (prop, fact)
                for src in fact["sources"]:
                    assert texts[src["document"]][src["start"] : src["end"]] == src["text"]
                if prop == "consensus":  # the same sentence, its marks renumbered
                    unmarked = re.sub(r"\s*\[\d+\]", "", fact["value"]).rstrip(".")
                    assert re.sub(r"\s*\[\d+\]", "", line.text).rstrip(".") == unmarked
                    continue
                if prop in ("plot", "review"):
                    continue
                shown = format_value(prop, fact["value"])
                if prop in ("publication_date", "announcement_date"):
                    # the lead gives a release's year; elsewhere the whole date
                    shown = format_date(fact["value"])
                    if line in article.lead:
                        shown = str(fact["value"])[:4]
                if prop == "box_office":
                    shown = shown.split(" ")[0]
                assert shown in line.text, (prop, shown, line.text)
        # sections without facts are left out rather than padded
        assert all(section.lines for section in article.sections)
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
    source = {"document": "d1", "path": "x.txt", "kind": "news", "date": None,
              "start": 0, "end": 5, "text": "<b>x"}  # fmt: skip
    record = {
        "id": 1,
        "title": "<script>alert(1)</script>",
        "year": 2001,
        "facts": {
            "cast_member": [
                {
                    "value": "Ann <img src=x onerror=alert(1)>",
                    "qualifiers": {"character": "javascript:alert(1)"},
                    "status": "agreed",
                    "believed": True,
                    "sources": [source],
                }
            ]
        },
    }
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
    rating = expanded[s + "aggregateRating"][0]
    assert rating["@type"] == [s + "AggregateRating"]
    assert rating[s + "reviewCount"][0]["@value"] == len(expanded[s + "review"]) > 0
    for review in expanded[s + "review"]:
        assert s + "reviewRating" in review and s + "reviewBody" in review
    # critics quoted by name are the reviews' authors (an unsigned review has none)
    authors = [r[s + "author"][0][s + "name"][0]["@value"] for r in expanded[s + "review"]
               if s + "author" in r]  # fmt: skip
    assert authors
    nquads = jsonld.to_rdf(node, {"format": "application/n-quads"})
    assert "<https://schema.org/characterName>" in nquads


def test_quickstatements_lines(kb) -> None:
    lines = kb.wikidata("Cinder Road")
    assert lines[0] == "CREATE"
    assert lines[1].startswith('LAST\tLen\t"Cinder Road"')
    statements = [li.split("\t") for li in lines if li.startswith("LAST\tP")]
    assert ["LAST", "P31", "Q11424"] in statements
    for cols in statements:
        if cols[1] == "P31":
            continue
        assert "S1683" in cols, cols  # every statement carries its quoted source
        quote = cols[cols.index("S1683") + 1]
        assert quote.startswith('en:"') and quote.endswith('"')
    durations = {cols[2] for cols in statements if cols[1] == "P2047"}
    assert durations == {"112U7727", "104U7727"}  # both sides of the conflict
    cast = [cols for cols in statements if cols[1] == "P161"]
    assert cast and all(c[2] == "somevalue" and c[3] == "P1932" for c in cast)
    assert any("P4633" in c and "P453" in c for c in cast)
    dates = [cols for cols in statements if cols[1] == "P577"]
    assert dates
    assert all(c[2].startswith("+") and c[2].endswith(("/11", "/10", "/9")) for c in dates)
    scores = [cols for cols in statements if cols[1] == "P444"]
    assert scores and all(c[2].endswith('%"') and c[3] == "P7887" for c in scores)
    created = [i for i, li in enumerate(lines) if li == "CREATE"]
    assert len(created) > 1  # people without a known id are created after the film


def test_quickstatements_never_break_the_tab_format() -> None:
    record = {"id": 1, "title": 'A "quoted"\ttitle', "year": None, "facts": {}}
    lines = film_statements(record)
    assert lines[1] == 'LAST\tLen\t"A \u201dquoted\u201d title"'


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
    assert out.output.startswith("# The Salt Ledger (film)")
    assert "## References" in out.output
    html = runner.invoke(
        main, ["export", "--db", db, "--format", "article", "--to", "html", "The Salt Ledger"]
    )
    assert html.exit_code == 0 and "<h2>Cast</h2>" in html.output
    folder = tmp_path / "arts"
    res = runner.invoke(main, ["export", "--db", db, "--format", "article", "-o", str(folder)])
    assert res.exit_code == 0, res.output
    assert len(list(folder.glob("*.md"))) == len(kb.films())
    ld = runner.invoke(main, ["export", "--db", db, "--format", "jsonld"])
    assert ld.exit_code == 0 and len(json.loads(ld.output)["@graph"]) == len(kb.films())
    qs = runner.invoke(main, ["export", "--db", db, "--format", "wikidata", "Winter Orchard"])
    assert qs.exit_code == 0 and qs.output.startswith("CREATE\n")
    res = runner.invoke(main, ["export", "--db", db, "--format", "csv", "-o", str(tmp_path / "t")])
    assert res.exit_code == 0 and (tmp_path / "t" / "credits.csv").exists()
    missing = runner.invoke(main, ["export", "--db", db, "--format", "article", "No Such Film"])
    assert missing.exit_code == 1 and "no film called" in missing.output


def test_jsonld_of_a_record_without_facts() -> None:
    node = film_jsonld({"id": 3, "title": "Blank", "year": None, "facts": {}})
    assert node == {"@context": "https://schema.org", "@type": "Movie", "@id": "#film-3",
                    "name": "Blank"}  # fmt: skip


def test_reception_section_cites_each_review() -> None:
    def src(doc: str, text: str) -> dict:
        return {"document": doc, "path": f"{doc}.txt", "kind": "review", "date": None,
                "start": 0, "end": len(text), "text": text}  # fmt: skip

    good = src("r1", "A warm, funny delight.")
    bad = src("r2", "A tired retread with nothing new.")
    reception = {
        "count": 2,
        "approval": 50,
        "average_score": None,
        "consensus": {"text": "Critics praised the humor [1] but faulted the plot [2]",
                      "sources": [good, bad]},  # fmt: skip
        "reviews": [
            {"critic": "Ida Marsh", "outlet": "The Ledger", "polarity": "positive",
             "quote": good["text"], "sources": [good]},  # fmt: skip
            {"critic": None, "outlet": "Reel Weekly", "polarity": "negative",
             "quote": bad["text"], "sources": [bad]},  # fmt: skip
        ],
    }
    record = {"id": 1, "title": "Pocket Moon", "year": None, "facts": {}}
    article = build_article(record, reception=reception)
    (section,) = article.sections
    assert section.heading == "Reception"
    texts = [li.text for li in section.lines]
    assert texts[0] == "Of the 2 reviews backtrace counted, 50% are positive."
    assert section.lines[0].cites == [1, 2]
    assert any(t.startswith("Ida Marsh of The Ledger praised the film") for t in texts)
    assert any(t.startswith("Reel Weekly faulted the film") for t in texts)
    assert build_article(record, reception={"reviews": []}).sections == []


def test_reception_in_the_article_of_a_reviewed_film(kb) -> None:
    text = kb.article("The Salt Ledger")
    reception = text.split("## Reception", 1)[1].split("## References", 1)[0]
    assert "reviews backtrace counted" in reception
    assert "% are positive" in reception
    assert "“" in reception  # at least one attributed quote
