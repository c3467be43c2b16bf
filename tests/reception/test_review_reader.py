"""Reviews read from one document: review documents and critics quoted in other documents."""

from __future__ import annotations

import pytest
from reception_docs import ENCYCLOPEDIA, MARLOWE, TALLIS

from backtrace.model import Document, Kind, Sentence
from backtrace.read import read_bytes, split_sentences
from backtrace.reception.reader import ReviewReader, cue_polarity, read_reviews


def read(text: str, name: str = "doc.txt") -> Document:
    return read_bytes(text.encode(), name)


def plain(text: str, kind: Kind = Kind.NEWS) -> Document:
    """A document of one paragraph without sections."""
    sentences = [Sentence(s.start, s.end) for s in split_sentences(text)]
    return Document(id="x", path="x.txt", kind=kind, text=text, sentences=sentences)


def by_critic(doc: Document) -> dict[str | None, object]:
    return {r.critic: r for r in read_reviews(doc)}


def test_every_span_is_in_the_text():
    for text in (ENCYCLOPEDIA, MARLOWE, TALLIS):
        doc = read(text)
        for review in read_reviews(doc):
            spans = list(review.spans) + [a.span for a in review.aspects]
            if review.score:
                spans.append(review.score.span)
            for span in spans:
                assert doc.text[span.start : span.end] == span.text


def test_review_document_byline_score_and_polarity():
    doc = read(MARLOWE)
    assert doc.kind == Kind.REVIEW
    [review] = read_reviews(doc)
    assert review.source == "document"
    assert (review.critic, review.outlet) == ("Ines Marlowe", "Harbour Gazette")
    assert review.score is not None and review.score.text == "2/5"
    assert review.score.normalized == 40.0
    assert (review.polarity, review.basis) == ("negative", "score")
    assert 0.5 <= review.probability <= 1.0
    assert any("sluggish" in s.text for s in review.spans)


def test_positive_review_with_a_letter_grade():
    [review] = read_reviews(read(TALLIS))
    assert (review.critic, review.outlet) == ("Corin Tallis", "Quayside Weekly")
    assert review.score is not None and review.score.normalized == 91.0
    assert review.polarity == "positive"


def test_review_without_score_is_judged_by_the_model():
    text = (
        "A limp, lifeless thriller. The story is a dull mess and the acting is wooden. "
        "I was bored from start to finish, and the ending is laughable."
    )
    [review] = ReviewReader()(plain(text, Kind.REVIEW))
    assert (review.polarity, review.basis) == ("negative", "model")
    assert review.critic is None and review.score is None
    assert review.probability > 0.5


def test_quotes_in_an_encyclopedia_reception_section():
    reviews = by_critic(read(ENCYCLOPEDIA))
    assert set(reviews) == {"Ines Marlowe", "Rafe Okonkwo", "Dana Whitcombe", "Hugo Brandt"}
    marlowe = reviews["Ines Marlowe"]
    assert marlowe.outlet == "Harbour Gazette"
    assert (marlowe.polarity, marlowe.basis) == ("negative", "cue")
    assert marlowe.score is not None and marlowe.score.normalized == 40.0
    # the next sentence goes on about the same critic: it is part of her review
    assert [s.text.split()[0] for s in marlowe.spans] == ["Ines", "She"]
    okonkwo = reviews["Rafe Okonkwo"]
    assert (okonkwo.outlet, okonkwo.polarity) == ("Screen Ledger", "positive")
    whitcombe = reviews["Dana Whitcombe"]
    assert (whitcombe.outlet, whitcombe.polarity) == ("Evening Lantern", "mixed")
    brandt = reviews["Hugo Brandt"]
    assert (brandt.outlet, brandt.polarity) == (None, "negative")
    assert all(r.source == "quote" and r.date is None for r in reviews.values())


@pytest.mark.parametrize(
    "sentence",
    [
        "The film received mixed reviews, with critics divided over its ending.",
        "On Rotten Tomatoes, the film has an average rating of 5.9/10.",
        "Pim Calder of Northlight Pictures said the film would open in April.",
        "Wendell Oakes praised the crew for finishing the shoot early.",
        "Critics praised the film.",
        "The studio announced that Mara Quint of Lantern Films will produce the sequel.",
    ],
)
def test_sentences_that_are_no_review(sentence):
    assert read_reviews(plain(sentence)) == []


def test_bare_critic_only_counts_inside_a_reception_section():
    text = "= Tin Bell =\n\n==Production==\nOla Brenn praised the crew.\n\n==Reception==\n"
    text += "Ola Brenn panned the film as tedious.\n"
    [review] = read_reviews(read(text))
    assert review.critic == "Ola Brenn" and review.polarity == "negative"
    assert "panned" in review.spans[0].text


@pytest.mark.parametrize(
    ("sentence", "critic", "outlet", "polarity"),
    [
        ("Writing for The Tide Review, Ama Sello praised the film's warmth.", "Ama Sello",
         "Tide Review", "positive"),
        ("Ama Sello, reviewing for Tide Review, dismissed it as hollow.", "Ama Sello",
         "Tide Review", "negative"),
        ("Tide Review's Ama Sello gave the film 3 out of 4 stars.", "Ama Sello",
         "Tide Review", "positive"),
        ("Similarly, Ama Sello of the Tide Review wrote that it was \"a tender, funny film\".",
         "Ama Sello", "Tide Review", "positive"),
        ("A. J. Okafor of Reel Notes! also gave it 4 stars out of 5.", "A. J. Okafor",
         "Reel Notes!", "positive"),
        ("A critic for The Tide Review gave it 1 out of 5.", None, "Tide Review", "negative"),
    ],
)
def test_attribution_patterns(sentence, critic, outlet, polarity):
    [review] = read_reviews(plain(sentence))
    assert (review.critic, review.outlet, review.polarity) == (critic, outlet, polarity)


def test_an_unmarked_heading_line_is_no_part_of_the_critic():
    text = "Ferry Lights is a 2020 film.\nReception\nIvo Stam praised the film as tender.\n"
    [review] = read_reviews(plain(text, Kind.ENCYCLOPEDIA))
    assert review.critic == "Ivo Stam" and review.spans[0].text.startswith("Ivo Stam")
    # without the "Reception" line, a bare name and verb is no review
    assert read_reviews(plain("Ivo Stam praised the film as tender.", Kind.ENCYCLOPEDIA)) == []


def test_cue_words_decide_over_the_model():
    # the quoted words sound warm, the attribution says the review was negative
    sentence = 'Ama Sello of Tide Review gave the film a negative review, calling it "lovely".'
    [review] = read_reviews(plain(sentence))
    assert (review.polarity, review.basis) == ("negative", "cue")


def test_cue_polarity():
    assert cue_polarity("gave the film a positive review") == "positive"
    assert cue_polarity("praised the cast but criticized the plot") == "mixed"
    assert cue_polarity("gave it a mixed review, praising the score") == "mixed"
    assert cue_polarity('called it "a triumph"') is None  # the quotation is not a cue
    assert cue_polarity("panned the film") == "negative"


def test_the_reader_is_pure():
    doc = read(ENCYCLOPEDIA)
    assert read_reviews(doc) == read_reviews(doc)


def test_extract_gives_the_reviews_with_the_claims():
    from backtrace.extract import extract

    doc = read(ENCYCLOPEDIA)
    extraction = extract(doc)
    assert extraction.claims and extraction.reviews == read_reviews(doc)
    assert extract(read(MARLOWE)).reviews[0].source == "document"
