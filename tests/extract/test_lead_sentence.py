from __future__ import annotations

from collections.abc import Callable

import pytest

from backtrace.extract.lead_sentence import LeadSentenceExtractor, document_lead, find_leads
from backtrace.extract.lead_shape import film_shape, title_from_subject
from backtrace.model import Claim, Document, Kind, Sentence

lead_sentence = LeadSentenceExtractor()
MakeDoc = Callable[..., Document]


def claims_of(doc: Document) -> list[Claim]:
    claims = lead_sentence(doc)
    for c in claims:
        assert doc.text[c.span.start:c.span.end] == c.span.text
    return claims


def lead(make_doc: MakeDoc, prose: str, title: str = "Tin Lantern") -> list[tuple]:
    doc = make_doc(f"= {title} (film) =\n\n{prose}\n\n==Plot==\nA ferry sinks.\n")
    return [(c.property, c.value, c.span.text) for c in claims_of(doc)]


def test_descriptor_and_credits(make_doc: MakeDoc) -> None:
    got = lead(make_doc, "Tin Lantern is a 2011 Irish black comedy crime film directed by "
                         "Ciarán Dunne, and starring Maeve Tully, Ross Keane and Orla Fitz.")
    assert got == [
        ("year", 2011, "2011"),
        ("country_of_origin", "Ireland", "Irish"),
        ("genre", "black comedy", "black comedy"),
        ("genre", "crime", "crime"),
        ("director", "Ciarán Dunne", "Ciarán Dunne"),
        ("cast_member", "Maeve Tully", "Maeve Tully"),
        ("cast_member", "Ross Keane", "Ross Keane"),
        ("cast_member", "Orla Fitz", "Orla Fitz"),
    ]


def test_languages_compound_nationalities_and_hyphenated_genres(make_doc: MakeDoc) -> None:
    got = lead(make_doc, "Tin Lantern is a 2019 Indian Kannada-language action-comedy film.")
    assert got == [
        ("year", 2019, "2019"),
        ("country_of_origin", "India", "Indian"),
        ("original_language", "Kannada", "Kannada"),
        ("genre", "action", "action"),
        ("genre", "comedy", "comedy"),
    ]
    got = lead(make_doc, "Tin Lantern is a 1984 British-American science fiction film.")
    assert got == [
        ("year", 1984, "1984"),
        ("country_of_origin", "United Kingdom", "British"),
        ("country_of_origin", "United States", "American"),
        ("genre", "science fiction", "science fiction"),
    ]


@pytest.mark.parametrize(
    ("rest", "expected"),
    [
        ("written and directed by Ivo Renn.",
         [("director", "Ivo Renn"), ("screenwriter", "Ivo Renn")]),
        ("directed by Ivo Renn and produced by Jo Pell.",
         [("director", "Ivo Renn"), ("producer", "Jo Pell")]),
        ("produced by Jo Pell for Lark Pictures.",
         [("producer", "Jo Pell"), ("production_company", "Lark Pictures")]),
        ("written by Kai Moss and Ada Quist.",
         [("screenwriter", "Kai Moss"), ("screenwriter", "Ada Quist")]),
        ("written, directed and co-produced by Ivo Renn.",
         [("director", "Ivo Renn"), ("producer", "Ivo Renn"), ("screenwriter", "Ivo Renn")]),
        ("starring Ola Brand and Kit Moro.",
         [("cast_member", "Ola Brand"), ("cast_member", "Kit Moro")]),
        ("distributed by Palisade Pictures.", [("distributor", "Palisade Pictures")]),
        ("narrated by Sol Vine.", [("narrator", "Sol Vine")]),
        ("produced by Quarry Films.", [("production_company", "Quarry Films")]),
    ],
)
def test_credit_phrases(make_doc: MakeDoc, rest: str, expected: list[tuple[str, str]]) -> None:
    got = lead(make_doc, f"Tin Lantern is a 2011 drama film {rest}")
    assert sorted((p, v) for p, v, _ in got if p not in ("year", "genre")) == sorted(expected)


def test_screenwriter_credit_qualifier(make_doc: MakeDoc) -> None:
    doc = make_doc("= Tin Lantern =\n\nTin Lantern is a 2011 film written by Kai Moss.\n")
    (writer,) = [c for c in claims_of(doc) if c.property == "screenwriter"]
    assert writer.qualifiers == {"credit": "writer"}


def test_second_and_third_sentences_of_the_lead(make_doc: MakeDoc) -> None:
    prose = ("Tin Lantern is a 2011 drama film directed by Ivo Renn. It stars Ola Brand, "
             "Kit Moro, and Ume Sade. It is based on the novel Low Water by Pia Gorm. "
             "The film was released by Palisade Pictures on 3 March 2011 in the United "
             "Kingdom.")
    got = lead(make_doc, prose)
    assert ("cast_member", "Ume Sade", "Ume Sade") in got
    assert ("based_on", "the novel Low Water by Pia Gorm", "the novel Low Water by Pia Gorm") in got
    assert ("distributor", "Palisade Pictures", "Palisade Pictures") in got
    assert ("publication_date", "2011-03-03", "3 March 2011") in got


def test_the_film_stars_x_as_y(make_doc: MakeDoc) -> None:
    doc = make_doc("= Tin Lantern =\n\nTin Lantern is a 2011 drama film. The film stars Ola "
                   "Brand as Nurse Kell, Kit Moro as Abel, and Ume Sade.\n")
    cast = [(c.value, c.qualifiers, c.span.text) for c in claims_of(doc)
            if c.property == "cast_member"]
    assert cast == [("Ola Brand", {"character": "Nurse Kell"}, "Ola Brand as Nurse Kell"),
                    ("Kit Moro", {"character": "Abel"}, "Kit Moro as Abel"),
                    ("Ume Sade", {}, "Ume Sade")]


def test_premiere_and_region_qualifiers(make_doc: MakeDoc) -> None:
    got = claims_of(make_doc(
        "= Tin Lantern =\n\nTin Lantern is a 2011 drama film. It premiered at a festival on "
        "May 2, 2011, and was released in Canada on June 9, 2011.\n"))
    dates = [(c.value, c.qualifiers) for c in got if c.property == "publication_date"]
    assert dates == [("2011-05-02", {"kind": "premiere"}), ("2011-06-09", {"region": "Canada"})]


def test_television_series_is_not_a_film(make_doc: MakeDoc) -> None:
    doc = make_doc("= Tin Lantern =\n\nTin Lantern is a 2019 American television series "
                   "created by Ivo Renn and starring Ola Brand.\n", title=None)
    assert claims_of(doc) == []
    assert find_leads(doc) == []


def test_people_and_directors_are_not_films(make_doc: MakeDoc) -> None:
    doc = make_doc("= Ivo Renn =\n\nIvo Renn is an Irish film director. He directed "
                   "Tin Lantern, starring Ola Brand.\n")
    assert claims_of(doc) == []


def test_directed_by_in_another_films_sentence_is_not_the_lead(make_doc: MakeDoc) -> None:
    prose = ("Tin Lantern is a 2011 drama film. It is a remake of the 1962 film directed by "
             "Hal Grue and starring Ena Voss.")
    got = lead(make_doc, prose)
    assert not any(p in ("director", "cast_member") for p, _, _ in got)
    body = make_doc("= Tin Lantern =\n\n==Plot==\nThe captain watches an old western directed "
                    "by Hal Grue every night.\n")
    assert claims_of(body) == []


def test_first_sentence_must_be_the_lead_not_a_body_sentence(make_doc: MakeDoc) -> None:
    doc = make_doc("= Tin Lantern =\n\n==Plot==\nTin Lantern is a 2011 film directed by "
                   "Ivo Renn.\n")
    leads = find_leads(doc)  # still a film-shaped sentence, about the document's film
    assert len(leads) == 1 and leads[0].about_document_film and leads[0].continuation == ()


def test_lead_about_another_film_gets_that_subject(make_doc: MakeDoc) -> None:
    doc = make_doc("= Tin Lantern =\n\nCopper Bell is a 2001 French comedy film directed by "
                   "Luc Aubry.\n")
    got = claims_of(doc)
    assert got and {c.subject for c in got} == {"Copper Bell"}
    assert document_lead(doc) is None


def test_news_sentence_of_lead_shape(make_doc: MakeDoc) -> None:
    text = ("Fans queued all night. Copper Bell is a 2001 French comedy film directed by "
            "Luc Aubry, and it still sells out.\nIt is a film that ages well.\n")
    got = claims_of(make_doc(text, kind=Kind.NEWS))
    assert [(c.property, c.value, c.subject) for c in got] == [
        ("year", 2001, "Copper Bell"), ("country_of_origin", "France", "Copper Bell"),
        ("genre", "comedy", "Copper Bell"), ("director", "Luc Aubry", "Copper Bell")]


def test_news_prose_without_the_shape_gives_nothing(make_doc: MakeDoc) -> None:
    text = "Ola Brand stars in the thriller, which was directed by Ivo Renn.\n"
    assert claims_of(make_doc(text, kind=Kind.NEWS)) == []


def test_subject_cleaning_and_title_matching(make_doc: MakeDoc) -> None:
    doc = make_doc("= Tin Lantern =\n\n''Tin Lantern'', also known as Lamp of Tin, is a 1950 "
                   "film directed by Ivo Renn.\n")
    (only,) = find_leads(doc)
    assert only.about_document_film and only.shape.subject == "Tin Lantern"
    assert title_from_subject('"The Gull" (2003)') == "The Gull"
    assert title_from_subject("It") is None


def test_year_from_the_subject(make_doc: MakeDoc) -> None:
    doc = make_doc("= Tin Lantern =\n\nTin Lantern (1946) is a Lark Pictures musical film.\n")
    years = [(c.value, c.span.text) for c in claims_of(doc) if c.property == "year"]
    assert years == [(1946, "1946")]


def test_genre_noun_heads_a_short_lead(make_doc: MakeDoc) -> None:
    got = lead(make_doc, "Tin Lantern is a 1938 American drama directed by Ivo Renn.")
    assert ("genre", "drama", "drama") in got and ("director", "Ivo Renn", "Ivo Renn") in got


def test_sentences_split_after_an_initial_are_joined() -> None:
    text = "Tin Lantern is a 2011 film directed by Piet A. Lund and starring Ola Brand."
    cut = text.index("Lund")
    doc = Document(id="d", path="d.txt", kind=Kind.ENCYCLOPEDIA, text=text,
                   sentences=[Sentence(0, cut - 1), Sentence(cut, len(text))])
    got = [(c.property, c.value) for c in claims_of(doc)]
    assert ("director", "Piet A. Lund") in got and ("cast_member", "Ola Brand") in got


def test_film_shape_directly() -> None:
    text = "Tin Lantern is a 2011 Irish short silent film."
    shape = film_shape(text, 0, len(text))
    assert shape is not None and shape.subject == "Tin Lantern" and shape.year is not None
    assert text[shape.head_end - 4:shape.head_end] == "film"
    assert film_shape("Ivo Renn is an Irish film director.", 0, 35) is None


def test_hyphenated_genre_noun_heads_a_short_lead(make_doc: MakeDoc) -> None:
    got = lead(make_doc, "Tin Lantern is a 2011 Irish romantic comedy-drama directed by Ivo "
                         "Renn and starring Ola Brand.")
    assert ("genre", "comedy-drama", "comedy-drama") in got
    assert ("director", "Ivo Renn", "Ivo Renn") in got
    assert ("cast_member", "Ola Brand", "Ola Brand") in got


@pytest.mark.parametrize(("prose", "language", "written"), [
    ("Tin Lantern is a 2018 Indian Marathi language mystery film.", "Marathi", "Marathi"),
    ("Tin Lantern is a 2018 Malayalam–language Indian film.", "Malayalam", "Malayalam"),
    ("Tin Lantern is an Indian Punjabi film directed by Ivo Renn.", "Punjabi", "Punjabi"),
    ("Tin Lantern (Persian: Fanus-e Halabi) is a 2018 Iranian drama film.", "Persian",
     "Persian"),
])
def test_languages_in_the_descriptor_and_the_original_title(
        make_doc: MakeDoc, prose: str, language: str, written: str) -> None:
    assert ("original_language", language, written) in lead(make_doc, prose)


@pytest.mark.parametrize("prose", [
    "Tin Lantern is a 2018 French drama film.",  # a nationality, not a language
    "Tin Lantern (English: The Tin Lamp) is a 2018 Indian drama film.",  # a translation
])
def test_nationalities_and_translated_titles_are_not_languages(
        make_doc: MakeDoc, prose: str) -> None:
    assert [g for g in lead(make_doc, prose) if g[0] == "original_language"] == []


def test_with_an_ensemble_cast_that_includes(make_doc: MakeDoc) -> None:
    got = lead(make_doc, "Tin Lantern is a 1978 American comedy film directed by Ivo Renn, "
                         "with an ensemble cast that includes Ola Brand and Per Vik.")
    assert [g[1] for g in got if g[0] == "cast_member"] == ["Ola Brand", "Per Vik"]


def test_a_clause_after_and_with_a_verb_is_about_the_film(make_doc: MakeDoc) -> None:
    got = lead(make_doc, "Tin Lantern is a 1950 American western film directed by Ada Pell. "
                         "It was based on the novel Rear Gate by Tom Verr and features a "
                         "screenplay by Hollis Crane.")
    assert ("based_on", "the novel Rear Gate by Tom Verr", "the novel Rear Gate by Tom Verr") \
        in got  # the value ends where the next clause begins
    assert ("screenwriter", "Hollis Crane", "Hollis Crane") in got  # the film's, not the novel's
