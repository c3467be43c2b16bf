"""Surnames and nicknames linked to full names, and what must never be linked."""

from backtrace.keys import title_key
from backtrace.people import PersonScope, name_parts, strip_nickname


def scope() -> PersonScope:
    return PersonScope(
        ["Nathaniel Brooke", "Christopher Vance", "Dana Whitlock", "Sylvester Okafor"],
        ["Rory MacVance", "Inspector Hale"],
    )


def test_surname_links_to_the_one_full_name() -> None:
    assert scope().resolve("Brooke") == "Nathaniel Brooke"
    assert scope().resolve("Whitlock") == "Dana Whitlock"


def test_nickname_links_through_the_given_name() -> None:
    s = scope()
    assert s.resolve("Nate") == "Nathaniel Brooke"
    assert s.resolve("Sly") == "Sylvester Okafor"
    assert s.resolve("Chris Vance") == "Christopher Vance"
    assert s.resolve("Nate Brooke") == "Nathaniel Brooke"


def test_prefix_sensitive_surnames_are_not_merged() -> None:
    # the character is a MacVance; the actor a Vance: neither is the other
    s = scope()
    assert s.resolve("MacVance") is None
    assert s.resolve("Vance") == "Christopher Vance"
    assert s.resolve("Mcvance") is None


def test_a_character_surname_blocks_the_mention() -> None:
    s = PersonScope(["Tom Hale"], ["Inspector Hale"])
    assert s.resolve("Hale") is None


def test_a_surname_two_people_share_is_ambiguous() -> None:
    s = PersonScope(["Ann Corley", "Paul Corley"])
    assert s.resolve("Corley") is None
    assert s.resolve("Paul Corley") == "Paul Corley"


def test_different_given_names_with_one_surname_never_merge() -> None:
    s = PersonScope(["Ann Corley"])
    assert s.resolve("Paul Corley") is None


def test_fuzzy_only_repairs_spelling_of_the_same_surname() -> None:
    s = PersonScope(["Nathaniel Brooke"])
    assert s.resolve("Nathaniel Brook") == "Nathaniel Brooke"  # a typo
    assert s.resolve("Nathaniel Brooks") is None  # another surname, not a typo
    assert s.resolve("Nathan Crooke") is None


def test_quoted_nickname_inside_the_full_name() -> None:
    assert strip_nickname('Dana "Dee" Whitlock') == ("Dana Whitlock", "Dee")
    s = PersonScope(['Dana "Dee" Whitlock'])
    assert s.resolve("Dee") == "Dana Whitlock"
    assert s.resolve('Dana "Dee" Whitlock') == "Dana Whitlock"


def test_mentions_give_spans_of_every_alias() -> None:
    text = "Nathaniel Brooke returns. Brooke said Nate would not. Rory MacVance waits."
    found = [(m.full, m.alias, text[m.start : m.end]) for m in scope().mentions(text)]
    assert found == [
        ("Nathaniel Brooke", "Nathaniel Brooke", "Nathaniel Brooke"),
        ("Nathaniel Brooke", "Brooke", "Brooke"),
        ("Nathaniel Brooke", "Nate", "Nate"),
    ]


def test_words_of_company_names_are_not_surnames() -> None:
    s = PersonScope(["Lena Marsh"])
    assert s.mentions("Marsh/Keel Pictures made it.") == []


def test_name_parts_skip_titles_and_suffixes() -> None:
    parts = name_parts("Dr. Harold Greene Jr.")
    assert parts is not None and (parts.given, parts.surname) == ("Harold", "Greene")
    assert name_parts("Madonna") is None
    assert name_parts("Ana de Souza").surname == "de Souza"


def test_sequel_numbers_key_the_same_written_either_way() -> None:
    assert title_key("Harbor Run II") == title_key("Harbor Run 2") == "harbor run 2"
    assert title_key("Harbor Run III") != title_key("Harbor Run II")
    assert title_key("V for Valor") == "v for valor"  # a first word is never a numeral


def test_full_names_with_apostrophes_and_possessives() -> None:
    s = PersonScope(["Declan O'Rourke", "Ivy Marsh"])
    text = "Declan O'Rourke and Ivy Marsh's brother met O'Rourke."
    assert [(m.full, m.alias) for m in s.mentions(text)] == [
        ("Declan O'Rourke", "Declan O'Rourke"),
        ("Ivy Marsh", "Ivy Marsh"),
        ("Declan O'Rourke", "O'Rourke"),
    ]


def test_shortened_company_names() -> None:
    from backtrace.people import short_organization

    known = ["Harbor Light Pictures", "Fennick Releasing", "Fennick Releasing Europe"]
    assert short_organization("Harbor Light", known) == "Harbor Light Pictures"
    assert short_organization("Fennick Releasing", known) is None  # a name of its own
    assert short_organization("Fennick", known) is None  # two fit
    assert short_organization("Light Pictures", known) is None  # leading words only


def test_the_part_played_settles_a_shared_surname() -> None:
    scope = PersonScope(["Iris Calloway", "Ned Calloway"])
    scope.add_role("Iris Calloway", 'Margaret "Peg" Sloane')
    scope.add_role("Ned Calloway", "Deputy Amos Sloane")
    assert scope.resolve("Calloway") is None  # still ambiguous without the part
    assert scope.resolve("Calloway", character='Margaret "Peg" Sloane') == "Iris Calloway"
    assert scope.resolve("Calloway", character="Amos Sloane") == "Ned Calloway"
    assert scope.resolve("Calloway", character="Sloane") is None  # both parts fit
    assert scope.resolve("Calloway", character="Hobbs") is None


def test_document_scope_reads_a_documents_claims() -> None:
    from backtrace.model import Claim, Span
    from backtrace.people import document_scope

    text = "Hasra Dulon directs; Mara Quint plays Ada. Dulon wrote it; Quint shines."
    claims = [
        Claim("director", "Hasra Dulon", Span.of(text, 0, 11), "test"),
        Claim("cast_member", "Mara Quint", Span.of(text, 21, 31), "test",
              qualifiers={"character": "Ada"}),
    ]
    scope = document_scope(claims, text)
    assert scope.resolve("Dulon") == "Hasra Dulon"
    assert scope.resolve("Quint") == "Mara Quint"
    assert scope.resolve("Ada") is None  # a character, not a person


def test_a_surname_no_claim_explains_stands_for_the_full_name_the_text_gives() -> None:
    s = PersonScope(["Ola Brandt"])
    s.learn("Brandt wrote the songs with Martin Quell and Robert B. Sayer. Quell also scored "
            "it. Lena Varga Studios released it. Tom Reed and Ann Reed star. It adapts a book "
            "by Ann Lowe. Peter Kask bought the rights.")
    assert s.resolve("Quell") == "Martin Quell"
    assert s.resolve("Sayer") == "Robert B. Sayer"
    assert s.resolve("Brandt") == "Ola Brandt"  # a claim's person comes first
    assert s.resolve("Kask") == "Peter Kask"  # after a sentence's end
    assert s.resolve("Varga") is None  # inside a company's name
    assert s.resolve("Reed") is None  # two people
    assert s.resolve("Quell", sentence_start=True) is None  # may be a sentence's first word
    # mentions record only people in scope: the fallback makes no new person
    assert [m.full for m in s.mentions("Quell and Brandt met.")] == ["Ola Brandt"]
