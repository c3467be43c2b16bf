"""Films and series named in passing: each frame, on sentences written for these tests."""

from __future__ import annotations

from backtrace.extract.film_mentions import FilmMentionsExtractor, find_mentions, read_title
from backtrace.extract.pipeline import check
from backtrace.model import Document, Kind, Sentence
from backtrace.read.text import build_document


def doc(text: str, title: str | None = "Glass Harbor") -> Document:
    return build_document(text, doc_id="t", path="t.txt", kind=Kind.NEWS, title=title)


def found(text: str, title: str | None = "Glass Harbor") -> set[tuple]:
    return {(m.title, m.kind, m.year, m.person, m.role) for m in find_mentions(doc(text, title))}


def test_parenthesised_list_after_a_name() -> None:
    got = found("The cast also has Nathan Reyes (TV's Dockside Nine, Cold Orchard) and more.")
    assert got == {
        ("Dockside Nine", "tv_series", None, "Nathan Reyes", "cast_member"),
        ("Cold Orchard", "film", None, "Nathan Reyes", "cast_member"),
    }


def test_a_year_in_the_list_belongs_to_the_title_before_it() -> None:
    got = found("Veteran Margaret Ellis (including Best Actress, Tin Lantern, 1988) returns.")
    assert got == {("Tin Lantern", "film", 1988, "Margaret Ellis", "cast_member")}


def test_an_actor_in_parentheses_after_a_character_is_not_a_title() -> None:
    assert found("Later, Ramsey (Nathan Reyes) escapes with Captain Doyle (Mary Quinn).") == set()


def test_the_year_genre_film_title() -> None:
    text = "Nathan Reyes was here before. He last did it in the 2009 heist thriller Salt Roads."
    assert found(text) == {("Salt Roads", "film", 2009, "Nathan Reyes", "cast_member")}


def test_a_year_with_no_person_is_still_said_of_the_other_film() -> None:
    assert found("It recalls the 1974 comedy Paper Moonlight.") == {
        ("Paper Moonlight", "film", 1974, None, "cast_member")
    }


def test_pronoun_needs_one_person_in_the_sentence_that_named_them() -> None:
    text = (
        "Nathan Reyes and Mary Quinn meet again. She last starred in the 2015 drama Low Tide."
    )
    assert found(text) == {("Low Tide", "film", 2015, None, "cast_member")}


def test_verbs_of_credit() -> None:
    assert found("Mary Quinn starred in Low Tide and appeared in Kettle Black.") == {
        ("Low Tide", "film", None, "Mary Quinn", "cast_member"),
        ("Kettle Black", "film", None, "Mary Quinn", "cast_member"),
    }
    assert found("Oliver Grant is best known for Ember and Cold Orchard.") == {
        ("Ember", "film", None, "Oliver Grant", "cast_member"),
        ("Cold Orchard", "film", None, "Oliver Grant", "cast_member"),
    }
    assert found("Oliver Grant directed Paper Lanterns before this.") == {
        ("Paper Lanterns", "film", None, "Oliver Grant", "director")
    }


def test_reprise_a_role_keeps_the_character() -> None:
    got = find_mentions(doc("Mary Quinn will reprise her role as Ada Stone in Low Tide Rising."))
    assert [(m.title, m.person, m.character) for m in got] == [
        ("Low Tide Rising", "Mary Quinn", "Ada Stone")
    ]


def test_a_franchise_is_a_series_of_films() -> None:
    assert found("Oliver Grant keeps adding to the Night Shift franchise.") == {
        ("Night Shift", "series", None, "Oliver Grant", "cast_member")
    }


def test_series_frames() -> None:
    assert found("Mary Quinn joined the Netflix series Harbor Watch last year.") == {
        ("Harbor Watch", "tv_series", None, "Mary Quinn", "cast_member")
    }


def test_title_with_year_in_parentheses() -> None:
    assert found("Oliver Grant was also in Ember (2004).") == {
        ("Ember", "film", 2004, "Oliver Grant", "cast_member")
    }


def test_sequel_shaped_titles() -> None:
    got = found("Mary Quinn is busy: she is shooting Dock Runner 3 and then Night Shift II.")
    assert ("Dock Runner 3", "film", None, "Mary Quinn", "cast_member") in got
    assert ("Night Shift II", "film", None, "Mary Quinn", "cast_member") in got


def test_numbers_that_are_not_sequels() -> None:
    text = (
        "Mary Quinn filmed on December 14 and in Season 2, a story set under King George V "
        "after World War II, with 3 cameras."
    )
    assert found(text) == set()


def test_a_surname_reads_as_the_full_name_given_before() -> None:
    text = "Oliver Grant stars here. Meanwhile Grant is filming Copper Sky."
    assert found(text) == {("Copper Sky", "film", None, "Oliver Grant", "cast_member")}


def test_the_documents_own_film_is_left_to_the_other_components() -> None:
    d = doc("Mary Quinn starred in Glass Harbor and Low Tide.")
    claims = FilmMentionsExtractor()(d)
    assert {c.subject for c in claims} == {"Low Tide"}


def test_claims_keep_the_contract_and_point_at_the_title_and_year() -> None:
    d = doc("Oliver Grant is back. He last played a cop in the 2012 crime film Cold Iron.")
    component = FilmMentionsExtractor()
    claims = component(d)
    check(component, d, claims)
    by_prop = {c.property: c for c in claims}
    assert by_prop["cast_member"].value == "Oliver Grant"
    assert by_prop["cast_member"].span.text == "Cold Iron"
    assert by_prop["cast_member"].subject == "Cold Iron"
    assert by_prop["year"].value == 2012 and by_prop["year"].span.text == "2012"
    assert all(c.subject_year == 2012 and c.subject_type == "film" for c in claims)


def test_read_title_joins_small_words_and_stops_at_lower_case() -> None:
    text = "saw Bullet in the Dark with friends"
    assert read_title(text, 4, len(text)) == (4, 22)
    assert read_title("The Way to Eden.", 0, 16) == (0, 15)


def test_sentences_are_given() -> None:
    d = Document(id="x", path="x", kind=Kind.OTHER, text="Mary Quinn starred in Low Tide.",
                 sentences=[Sentence(0, 31)])
    assert [m.title for m in find_mentions(d)] == ["Low Tide"]


def test_a_roman_numeral_must_be_a_whole_word() -> None:
    assert found("The film stars Lorna Vance and Ivo Xander in a small part.") == set()


def test_an_actors_surname_after_a_character_is_not_a_title() -> None:
    text = "It stars Oliver Grant and Mary Quinn. Ada Stone (Quinn) hunts Rafe Cole (Grant)."
    assert found(text) == set()


def test_titles_keep_abbreviations_and_their_first_words() -> None:
    assert found("Mary Quinn starred in Mr. Lark and in This Is the Night (1999).") == {
        ("Mr. Lark", "film", None, "Mary Quinn", "cast_member"),
    }


def test_a_company_before_parentheses_is_no_person() -> None:
    assert found("It was sold to Walt Harbor Studios Motion Pictures (Copper Sky).") == set()


def test_another_title_the_text_gives_the_film() -> None:
    d = doc("Mary Quinn is shooting Dock Runner 3, which is being called Salt Wake, now.")
    claims = FilmMentionsExtractor()(d)
    assert [(c.subject, c.qualifiers.get("also_titled")) for c in claims] == [
        ("Dock Runner 3", "Salt Wake")
    ]
