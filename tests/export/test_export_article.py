"""The article cites at the sentence: each footnote quotes its own statement's sentence,
references list each document once with where it is (never an absolute path) and its
sentences in order; Markdown and HTML from escaping templates, one title; the lead names
the leads the sources name; no repeated openings, no self-reference, no file path."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from bs4 import BeautifulSoup
from markdown_it import MarkdownIt

from backtrace.export import build_article, render_html, render_markdown
from backtrace.export.article_render import md_escape
from backtrace.export.article_text import calls_star
from backtrace.export.sources import (
    _with_antecedent,
    common_folder,
    shown_location,
    widen,
)
from backtrace.store.records import Fact, FilmRecord, Sentence, Source


def _src(doc: str, text: str, start: int = 0, kind: str = "encyclopedia") -> Source:
    return Source(doc, f"/home/someone/corpus/{doc}.txt", kind, None, start, start + len(text),
                  text)  # fmt: skip


def _fact(value, *sources, **quals) -> Fact:
    return Fact(value, quals, "agreed", True, 1.0, "", list(sources))


# -- sentences and places ---------------------------------------------------------------------
def test_a_span_is_widened_to_every_sentence_it_touches() -> None:
    text = "It opens on May 2. It also streams the same day. Nothing else."
    sentences = [[0, 18], [19, 48], [49, 62]]
    assert widen(text, sentences, 12, 17).text == "It opens on May 2."
    across = widen(text, sentences, 12, 30)
    assert across.text == "It opens on May 2. It also streams the same day."
    assert widen(text, [], 3, 8).text == "opens"


def test_a_pronoun_sentence_is_quoted_from_the_one_naming_the_person() -> None:
    text = "Ida Vance is busy. She has a new film. She plays a pilot in it."
    sentences = [[0, 18], [19, 38], [39, 63]]
    source = Source("d", "d.txt", "news", None, 39, 42, "She", Sentence(39, 63, text[39:63]))
    source = _with_antecedent(source, "Ida Vance", {"d": (text, sentences)})
    assert source.sentence == Sentence(0, 63, text)


def test_locations_are_relative_and_never_absolute() -> None:
    assert common_folder("/srv/corpus/a/x.txt", "/srv/corpus/b/y.txt") == "/srv/corpus"
    assert common_folder("/srv/corpus/a.txt", "/srv/corpus/a.txt") == "/srv/corpus"
    assert shown_location("/srv/corpus/a/x.txt", "/srv/corpus") == "a/x.txt"
    assert shown_location("../shared/seeds/n.txt") == "shared/seeds/n.txt"
    assert shown_location("/home/u/x.txt", "/elsewhere") == "home/u/x.txt"
    assert shown_location("C:\\data\\x.txt") == "data/x.txt"


# -- the harbor store: invented documents ingested from an absolute folder ----------------------
def test_each_footnote_quotes_its_own_statements_sentence(harbor, harbor_id) -> None:
    html = harbor._article(harbor_id, "html")
    soup = BeautifulSoup(html, "html.parser")
    rows = {tr.th.get_text(): tr.td for tr in soup.select("table.infobox tr")}
    directed = rows["Directed by"].select("sup a")
    runtime = rows["Running time"].select("sup a")
    assert directed[0]["title"].startswith("- Director: Wilma Torrance")
    assert "Runtime" not in directed[0]["title"]
    assert [a["title"] for a in runtime] == ["- Runtime: 101 minutes"]
    # each mark links to the very sentence it quotes, listed in the references
    for a in soup.select("sup.cite a"):
        target = soup.find(id=a["href"][1:])
        assert target is not None, a["href"]
        if target.name == "li" and target.q is not None:
            assert target.q.get_text().split(" … ")[0][:40] in " ".join(a["title"].split())
    titles = [a["title"] for a in soup.select("sup.cite a")]
    assert len(set(titles)) > len(titles) // 2  # not one span shown everywhere


def test_references_name_each_document_once_in_document_order(harbor, harbor_id) -> None:
    article = harbor.film_article(harbor_id)
    refs = article.references
    assert len({r.document for r in refs}) == len(refs) >= 3
    assert [r.number for r in refs] == list(range(1, len(refs) + 1))
    by_location = {r.location: r for r in refs}
    assert set(by_location) >= {"harbor/encyclopedia.txt", "harbor/news.txt",
                                "https://example.org/news/harbor-of-glass-date"}  # fmt: skip
    entry = by_location["harbor/encyclopedia.txt"]
    assert entry.title == "Harbor of Glass" and entry.kind_label == "encyclopedia entry"
    news = by_location["harbor/news.txt"]
    assert news.date == "2014-11-20" and news.retrieved
    for ref in refs:
        starts = [q.start for q in ref.quotes]
        assert starts == sorted(starts) and len(set(starts)) == len(starts)
    md = render_markdown(article)
    html = render_html(article)
    for text in (md, html):
        assert "/tmp/" not in text and str(Path.home()) not in text
        assert not re.search(r"(?m)(^|[\s(>])/[a-z]+/", text)  # no absolute path anywhere
    assert "<https://example.org/news/harbor-of-glass-date>" in md
    assert 'href="https://example.org/news/harbor-of-glass-date"' in html


def test_plot_is_quoted_once_and_names_no_file(harbor, harbor_id) -> None:
    md = harbor._article(harbor_id, "md")
    plot = md.split("## Plot", 1)[1].split("##", 1)[0].strip()
    assert plot.startswith("A glassblower in a fishing town")
    assert re.fullmatch(r".*rows home\. \[\d+\]", plot, re.S)  # one mark, nothing after
    assert "taken from" not in md and ".txt)" not in plot


def test_one_title_in_every_form(harbor, harbor_id) -> None:
    md = harbor._article(harbor_id, "md")
    soup = BeautifulSoup(harbor._article(harbor_id, "html"), "html.parser")
    assert md.splitlines()[0] == "# Harbor of Glass (2015 film)"
    assert soup.h1.get_text() == soup.title.get_text() == "Harbor of Glass (2015 film)"


def test_the_lead_names_who_the_sources_call_leads(harbor, harbor_id) -> None:
    lead = harbor.film_article(harbor_id).lead[0]
    starring = lead.text.split("starring ", 1)[1]
    # prose calls Byrne and Vale the stars; the infobox bills Byrne, Venn, Pask, Osk first
    for name in ("Ansel Byrne", "Coralie Venn", "Dario Pask", "Mina Osk", "Teodor Vale"):
        assert name in starring
    assert "- Starring:" in " ".join(q.text for q in lead.quotes)


def test_star_words_belong_to_the_names_beside_them() -> None:
    text = "Ola Penn stars as a cook, with Bo Hart as her rival and newcomer Kit Low."
    assert calls_star(text, 0, 8)
    assert not calls_star(text, text.index("Bo Hart"), text.index("Bo Hart") + 7)
    listed = "The film, starring Ola Penn (Dusk, 2001), Bo Hart and Kit Low, opens soon."
    for name in ("Ola Penn", "Bo Hart", "Kit Low"):
        at = listed.index(name)
        assert calls_star(listed, at, at + len(name)), name
    assert not calls_star("A lead performance. Ola Penn cooks.", 20, 28)


# -- records written by hand -----------------------------------------------------------------
def _release_record() -> FilmRecord:
    line = "The film came out on {} ({})."
    dates = [("2015-03-06", "theatrical"), ("2015-06-02", "home video"),
             ("2015-07-10", "vod"), ("2015-08-01", "home video")]  # fmt: skip
    facts = []
    for n, (day, kind) in enumerate(dates):
        text = line.format(day, kind)
        quals = {"kind": kind, "region": "United States"} if n == 0 else {"kind": kind}
        facts.append(_fact(day, _src("d1", text, 100 * n), **quals))
    return FilmRecord(1, "Tin Harbor", 2015, {"publication_date": facts})


def test_releases_do_not_open_alike() -> None:
    article = build_article(_release_record())
    (section,) = article.sections
    texts = [li.text for li in section.lines]
    assert len(texts) == 3 and texts[0].startswith("Tin Harbor was released in theaters")
    openings = [" ".join(t.split()[:2]) for t in texts]
    assert all(a != b for a, b in zip(openings, openings[1:], strict=False)), texts
    assert sum(t.startswith("Tin Harbor was released") for t in texts) == 1
    assert texts[2].startswith("It was later released through video on demand on July 10")


def test_disagreeing_sources_each_cite_their_own_sentence() -> None:
    a, b = "It runs 112 minutes.", "Its cut runs 104 minutes."
    record = FilmRecord(2, "Tin Harbor", None, {"duration": [
        replace(_fact(112, _src("d1", a)), status="conflict"),
        replace(_fact(104, _src("d2", b)), status="conflict", believed=False)]})  # fmt: skip
    article = build_article(record)
    md = render_markdown(article)
    assert ("Sources disagree on the running time: 112 minutes according to [1]; "
            "104 minutes according to [2]. The value believed is 112 minutes.") in md
    soup = BeautifulSoup(render_html(article), "html.parser")
    assert [x["title"] for x in soup.select("p sup a")] == [a, b]


def test_markdown_escapes_what_markdown_would_read_as_markup() -> None:
    name = "Ann *Star* [Lee] <b>&co</b>"
    record = FilmRecord(3, "Tin_Harbor #2", None, {"cast_member": [
        _fact(name, _src("d1", f"- Starring: {name}"), character="_Ghost_")]})  # fmt: skip
    md = render_markdown(build_article(record))
    assert r"Ann \*Star\* \[Lee\] \<b\>\&co\</b\>" in md
    assert md_escape("snake_case_name _x_") == "snake_case_name \\_x\\_"  # inside a word, no
    text = "".join(t.content for tok in MarkdownIt("commonmark").parse(md) if tok.children
                   for t in tok.children if t.type == "text")  # fmt: skip
    assert name in text and "_Ghost_" in text and "Tin_Harbor #2" in text


def test_no_self_reference_and_review_counts_in_words() -> None:
    def src(doc: str, text: str) -> dict:
        return _src(doc, text, kind="review").to_json()

    good, bad = src("r1", "A warm, funny delight."), src("r2", "A tired retread.")
    reception = {"count": 2, "approval": 50, "average_score": None, "consensus": None,
                 "reviews": [
                     {"critic": "Ida Marsh", "outlet": "The Ledger", "polarity": "positive",
                      "quote": good["text"], "sources": [good]},
                     {"critic": None, "outlet": None, "polarity": "negative",
                      "quote": bad["text"], "sources": [bad]}]}  # fmt: skip
    record = FilmRecord(4, "Pocket Moon", None, {})
    (section,) = build_article(record, reception=reception).sections
    texts = [li.text for li in section.lines]
    assert texts[0] == "Of the two reviews collected here, one is positive and one is negative."
    assert "Ida Marsh of The Ledger wrote: “A warm, funny delight.”" in texts
    assert "One review reads: “A tired retread.”" in texts
    assert not any("backtrace" in t.lower() or "%" in t for t in texts)


def test_marks_side_by_side_citing_one_document_are_one_mark() -> None:
    from backtrace.export.citations import Mark, Quote
    from backtrace.export.reception_text import _one_mark_per_document

    a, b, c = Quote(0, 5, "One."), Quote(6, 11, "Two."), Quote(0, 4, "Six.")
    parts = ["Critics faulted the plot ", Mark(2, (a,)), "", Mark(3, (c,)), "",
             Mark(2, (b,)), ", and the tone ", Mark(2, (a,)), "", Mark(2, (a,))]
    assert _one_mark_per_document(parts) == [
        "Critics faulted the plot ", Mark(2, (a, b)), Mark(3, (c,)), ", and the tone ",
        Mark(2, (a,))]
