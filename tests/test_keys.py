from __future__ import annotations

import pytest

from backtrace.keys import clean_title, name_key, work_key


def test_name_key_folds_case_accents_punctuation_and_space():
    assert name_key("Zoë  Marchetti.") == "zoe marchetti"
    assert name_key("Brian A. Miller") == "brian a miller"
    assert name_key("Sergio Rizzuto ") == "sergio rizzuto"
    assert name_key("Emmett/Furla/Oasis Films") == "emmett furla oasis films"
    assert name_key("Tom & Jerry") == "tom and jerry"


def test_different_names_keep_different_keys():
    assert name_key("Christopher McDonald") != name_key("Donovan MacDonald")


def test_clean_title_strips_film_disambiguation():
    assert clean_title("Backtrace (film)") == ("Backtrace", None)
    assert clean_title("Backtrace (2018 film)") == ("Backtrace", 2018)
    assert clean_title("Halloween (2018 American film)") == ("Halloween", 2018)
    assert clean_title("Happinet (I)") == ("Happinet (I)", None)
    assert clean_title("  Glass  Harbor ") == ("Glass Harbor", None)


def test_one_value_key_for_every_stage() -> None:
    from backtrace.keys import value_key

    assert value_key("director", "Zoë  Marchetti.") == "zoe marchetti"
    assert value_key("director", "Zoë Marchetti", 12) == "e:12"
    assert value_key("director", "Zoë Marchetti", "e:12") == "e:12"  # a stored key
    assert value_key("cost", {"amount": 5000000, "currency": "usd"}) == "5000000 USD"
    assert value_key("publication_date", "2018-12-14") == "2018-12-14"
    assert value_key("duration", 104) == "104"


def test_titles_compare_as_written_but_store_by_title_key() -> None:
    from backtrace.keys import same_title, title_key, title_match_key

    assert same_title("The Jungle Book (1967 film)", "Jungle Book")
    assert same_title("Rudyard Kipling's The Jungle Book", "The Jungle Book")
    assert title_match_key("Fast & Furious") == title_match_key("Fast and Furious")
    assert title_key("The Gull") != title_key("Gull")  # the stored key keeps the article


@pytest.mark.parametrize(("value", "key"), [
    ("The Glass Harbour by Mira Tolland", "work:the glass harbour"),
    ("Mira Tolland's 2009 novel The Glass Harbour", "work:the glass harbour"),
    ("Mira Tolland's novel The Glass Harbour", "work:the glass harbour"),
    ("the 2009 novel The Glass Harbour by Mira Tolland", "work:the glass harbour"),
    ("The Glass Harbour", "work:the glass harbour"),
    ('the short story "Low Bells" by Ansel Fry', "work:low bells"),
    ("the novel of the same name", None),
    ("a true story", None),
])
def test_a_work_is_keyed_by_its_title_however_it_is_written(value: str, key: str | None) -> None:
    assert work_key(value) == key
