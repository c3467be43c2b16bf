from backtrace.keys import title_key
from backtrace.resolve.films import film_mentions, guess_film

KNOWN = {
    title_key(t): i
    for i, t in enumerate(["Lamplight", "Creed II", "Creed", "Today", "Orbit Nine"], 1)
}


def test_most_mentioned_known_title_wins():
    text = (
        "The trailer for Lamplight is out. Its star also made Creed II last year. "
        "Critics who saw Lamplight early liked it, and Lamplight opens in May."
    )
    assert guess_film(text, KNOWN) == 1


def test_longest_title_inside_a_run_is_taken():
    found = film_mentions("She was in Creed II and then Orbit Nine.", KNOWN)
    assert 2 in found and 3 not in found and 5 in found


def test_one_word_title_opening_a_sentence_is_not_counted():
    assert guess_film("Today, we look at the poster. It is red.", KNOWN) is None
    assert guess_film("We watched Today at home.", KNOWN) == 4


def test_nothing_known_gives_none():
    assert guess_film("A quiet piece about nothing in particular.", KNOWN) is None
