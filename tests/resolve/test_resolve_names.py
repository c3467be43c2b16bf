from backtrace.resolve.names import clean_title, name_key


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
