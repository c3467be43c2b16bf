"""Kind detection: each kind from cues written for these tests, and the three seeds."""

from __future__ import annotations

import pytest
from read_helpers import FIXTURES, SEEDS

from backtrace.model import Kind
from backtrace.read import read_bytes
from backtrace.read.kind import MIN_SCORE, detect_kind, score_kinds

ENCYCLOPEDIA_TEXT = (
    "Quiet Harbor is a 2017 Norwegian coming-of-age drama film directed by Liv Aasen. "
    "It follows two sisters who run a ferry between islands."
)
UPCOMING_TEXT = "Salt Flats is an upcoming American desert thriller film from Ines Calloway."
NEWS_TEXT = (
    "date 2021-03-04 Northgate has announced the cast of Salt Flats. Dana Whitlock is set to "
    "star, and the first trailer will arrive with the poster next week."
)
REVIEW_TEXT = (
    "I wanted to love this movie. The film looks gorgeous, but the script is dull and "
    "predictable, and my patience ran out long before the boring final act. Grade: C-"
)
OTHER_TEXT = "Remember to bring snacks to the club meeting on Thursday at the library."


def test_encyclopedia_by_its_first_sentence() -> None:
    assert detect_kind(ENCYCLOPEDIA_TEXT) is Kind.ENCYCLOPEDIA
    # the article left out before the year
    assert detect_kind(ENCYCLOPEDIA_TEXT.replace("is a 2017", "is 2017")) is Kind.ENCYCLOPEDIA
    assert detect_kind(UPCOMING_TEXT) is Kind.ENCYCLOPEDIA


def test_encyclopedia_by_markup() -> None:
    text = "= Quiet Harbor =\n\n- Director: Liv Aasen\n- Country: Norway\n\nA film about ferries.\n"
    assert detect_kind(text) is Kind.ENCYCLOPEDIA
    names = [name for name, _ in score_kinds(text)[Kind.ENCYCLOPEDIA]]
    assert "= Title = line" in names and "infobox" in names


def test_news_by_date_line_and_press_words() -> None:
    meta = {"date_source": "text"}
    assert detect_kind(NEWS_TEXT, None, "text", meta) is Kind.NEWS


def test_review_by_first_person_and_verdict() -> None:
    assert detect_kind(REVIEW_TEXT) is Kind.REVIEW


@pytest.mark.parametrize("rating", ["3/5", "★★★", "Rating: B+", "7.5/10"])
def test_review_by_rating_and_byline(rating: str) -> None:
    text = f"A tale of two sisters and a ferry, told over one long winter.\n\n{rating}\n"
    meta = {"critic": "Maya Thornbury", "outlet": "The Lamplight Review"}
    assert detect_kind(text, None, "text", meta) is Kind.REVIEW


def test_other_when_nothing_fires() -> None:
    assert detect_kind(OTHER_TEXT) is Kind.OTHER
    assert max(sum(w for _, w in cues) for cues in score_kinds(OTHER_TEXT).values()) < MIN_SCORE


def test_a_tie_is_other() -> None:
    # one rating (review, 3) against a defining first sentence (encyclopedia, 3)
    text = "Quiet Harbor is a 2017 Norwegian drama film about ferries.\n\nVerdict: three ferries\n"
    scores = {k: sum(w for _, w in cues) for k, cues in score_kinds(text).items()}
    assert scores[Kind.ENCYCLOPEDIA] == scores[Kind.REVIEW]
    assert detect_kind(text) is Kind.OTHER


def test_a_rendered_h1_alone_is_weak() -> None:
    text = "= Weekend notes =\n\nThe club meets on Thursday.\n"
    assert detect_kind(text, None, "html") is Kind.OTHER
    assert detect_kind(text, None, "text") is Kind.ENCYCLOPEDIA


@pytest.mark.parametrize(
    ("name", "kind"),
    [("encyclopedia.txt", Kind.ENCYCLOPEDIA), ("news.txt", Kind.NEWS), ("review.txt", Kind.REVIEW)],
)
def test_fixture_documents(name: str, kind: Kind) -> None:
    assert read_bytes((FIXTURES / name).read_bytes(), name).kind is kind


def test_a_given_kind_wins() -> None:
    data = (FIXTURES / "review.txt").read_bytes()
    assert read_bytes(data, "review.txt", kind=Kind.OTHER).kind is Kind.OTHER


SEED_KINDS = {"000": Kind.NEWS, "001": Kind.ENCYCLOPEDIA, "002": Kind.REVIEW}


@pytest.mark.realdata
@pytest.mark.parametrize(("prefix", "kind"), sorted(SEED_KINDS.items()))
def test_seed_kinds(prefix: str, kind: Kind) -> None:
    if not SEEDS.is_dir():
        pytest.skip(f"seeds not found at {SEEDS}")
    found = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not found:
        pytest.skip(f"seed {prefix} not found")
    assert read_bytes(found[0].read_bytes(), str(found[0])).kind is kind


def test_quoted_first_person_and_reported_ratings_do_not_make_a_review() -> None:
    text = (
        "Quiet Harbor is a 2017 Norwegian drama film directed by Liv Aasen.\n\n"
        'One critic wrote: "I loved my evening with it." Another gave it 2/4, and the film '
        "holds an average rating of 6.1/10 on one aggregator."
    )
    assert score_kinds(text)[Kind.REVIEW] == []
    assert detect_kind(text) is Kind.ENCYCLOPEDIA


def test_a_title_at_the_start_allows_a_defining_sentence_without_a_year() -> None:
    text = "Quiet Harbor (Norwegian: Stille havn) is a Norwegian drama film about two sisters."
    assert detect_kind(text, "Quiet Harbor") is Kind.ENCYCLOPEDIA
    assert detect_kind(text) is Kind.OTHER
