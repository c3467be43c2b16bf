"""One person per real person: the rules of resolve.identity on invented names."""

from __future__ import annotations

import pytest

from backtrace.keys import name_key
from backtrace.resolve.identity import (
    PersonUnit,
    block_key,
    cluster_people,
    display_name,
    given_fit,
    link_reason,
    parse_name,
    stray_forms,
)


def merged(*people: tuple[str, int] | tuple[str, int, tuple[str, ...]]) -> dict[str, str]:
    """name -> the name it was merged into (with the rule), for one block."""
    units = [PersonUnit(i, p[0], frozenset(p[2] if len(p) > 2 else ()), p[1],  # type: ignore[misc]
                        films=frozenset({7})) for i, p in enumerate(people)]  # one shared film
    return {units[m.drop].name: f"{units[m.keep].name} ({m.rule})" for m in cluster_people(units)}


def test_parsing_keeps_particles_initials_and_suffixes() -> None:
    assert parse_name("Ottilie C. vanBrugh") is None or parse_name("Ottilie C. vanBrugh")
    william = parse_name("Osric T. deLacy")
    assert william is not None
    assert (william.given, william.surname, william.suffix) == (("osric", "t"), "delacy", "")
    spaced = parse_name("Osric de Lacy")
    assert spaced is not None and spaced.surname == "delacy"
    assert parse_name("O.T. Fennimore") == parse_name("O. T. Fennimore")
    junior = parse_name("Lem Ardwick Jr.")
    assert junior is not None and junior.suffix == "jr"
    elder = parse_name("Lem Ardwick Sr.")
    assert elder is not None and elder.suffix == ""  # the elder is the bare name
    alone = parse_name("Ardwick")
    assert alone is not None and alone.given == () and alone.surname == "ardwick"


def test_blocks_are_surnames_with_their_particles() -> None:
    assert block_key(name_key("Lem Ardwick Jr.")) == "ardwick"
    assert block_key(name_key("Osric T. de Lacy")) == block_key(name_key("Osric deLacy"))
    assert block_key(name_key("Ardwick")) == "ardwick"


@pytest.mark.parametrize(
    ("a", "b", "rule"),
    [
        (("charlie",), ("charles",), "familiar"),
        (("syd",), ("sydney",), "familiar"),
        (("d", "w"), ("dunstan", "wick"), "initials"),
        (("osric",), ("osric", "t"), "middle"),
        (("osric", "t"), ("osric", "tobias"), "initials"),
        (("lillian",), ("dorothy",), None),
        (("w", "chrystie"), ("walter",), None),  # an initial fits one for one only
    ],
)
def test_given_names(a: tuple[str, ...], b: tuple[str, ...], rule: str | None) -> None:
    assert given_fit(a, b) == rule
    assert given_fit(b, a) == rule


def test_variants_of_one_person_merge_with_their_rule() -> None:
    found = merged(("Charlie Quillfeather", 30), ("Charles Quillfeather", 20))
    assert found == {"Charles Quillfeather": "Charlie Quillfeather (familiar)"}
    found = merged(("Dunstan Wick Orrery", 2), ("D. W. Orrery", 40))
    assert found == {"D. W. Orrery": "Dunstan Wick Orrery (initials)"}
    found = merged(("Lem Ardwick", 9), ("Lem Ardwick Sr.", 1))
    assert found == {"Lem Ardwick Sr.": "Lem Ardwick (elder)"}


def test_a_nickname_a_source_gives_links_the_names() -> None:
    found = merged(("Roswell Pimbury", 10, ("Tubby Pimbury",)), ("Tubby Pimbury", 5))
    assert found == {"Tubby Pimbury": "Roswell Pimbury (alias)"}
    assert merged(("Roswell Pimbury", 10), ("Tubby Pimbury", 5)) == {}


def test_different_people_sharing_a_surname_stay_apart() -> None:
    assert merged(("Lillian Quarrow", 9), ("Dorothy Quarrow", 9)) == {}
    assert merged(("Lem Ardwick", 9), ("Lem Ardwick Jr.", 9)) == {}
    # complete linkage: "Jack" is John's familiar form and the start of "Jackson", but
    # once Jack is John's, Jackson (no John) stays apart: a short name never bridges two
    assert merged(("John Pellow", 3), ("Jack Pellow", 2), ("Jackson Pellow", 1)) == {
        "Jack Pellow": "John Pellow (familiar)"}


def test_a_surname_or_initial_that_fits_two_people_links_to_no_one() -> None:
    assert merged(("Charlie Quillfeather", 30), ("Sydney Quillfeather", 5),
                  ("Quillfeather", 2)) == {}
    assert merged(("John Pellow", 3), ("James Pellow", 3), ("J. Pellow", 1)) == {}
    assert merged(("Charlie Quillfeather", 30), ("Quillfeather", 2)) == {
        "Quillfeather": "Charlie Quillfeather (surname)"}


def test_the_outcome_does_not_depend_on_storage_order() -> None:
    people = [("Charlie Quillfeather", 30), ("Charles Quillfeather", 20),
              ("C. Quillfeather", 1), ("Sydney Quillfeather", 5), ("Syd Quillfeather", 2)]
    forward = merged(*people)
    backward = merged(*reversed(people))
    assert forward == backward
    assert forward["Syd Quillfeather"] == "Sydney Quillfeather (familiar)"
    # C. fits Charlie (and Charles, the same person) and not Sydney: it is his
    assert forward["C. Quillfeather"] == "Charlie Quillfeather (initials)"
    units = [PersonUnit(1, "Dunstan Orrery", credits=1, films=frozenset({3})),
             PersonUnit(2, "D. Orrery", credits=9, films=frozenset({3}))]
    (merge,) = cluster_people(units)
    assert {merge.keep, merge.drop} == {1, 2}


def test_the_name_shown_is_a_full_name_then_the_most_credited() -> None:
    assert display_name({"Dunstan Orrery": 1, "D. Orrery": 9}) == "D. Orrery"
    assert display_name({"J. Q.": 7, "J.Q. Tamsworth": 2}) == "J.Q. Tamsworth"
    assert display_name({"Tamsworth": 5, "Jude Tamsworth": 0}) == "Jude Tamsworth"
    assert display_name({"Ida Penrose'": 4, "Ida Penrose": 1}) == "Ida Penrose"
    # ties: the longer, then the first in alphabetical order, in any order given
    assert display_name({"Bo Aster": 2, "Al Aster": 2}) == "Al Aster"
    assert display_name({"Al Aster": 2, "Bo Aster": 2}) == "Al Aster"


def test_two_forms_of_a_name_need_a_film_crediting_both() -> None:
    father = PersonUnit(1, "Eddie Vantongeren", credits=40, films=frozenset({1, 2}))
    son = PersonUnit(2, "Edward Vantongeren", credits=10, films=frozenset({3}))
    assert cluster_people([father, son]) == []
    father = PersonUnit(1, "Eddie Vantongeren", credits=40, films=frozenset({1, 2}))
    credited_both = PersonUnit(2, "Edward Vantongeren", credits=10, films=frozenset({2}))
    assert [m.rule for m in cluster_people([father, credited_both])] == ["familiar"]
    # a nickname a source gives never joins a Jr. to his father
    senior = PersonUnit(1, "Lem Ardwick", frozenset({"Tubby Ardwick"}), 5)
    junior = PersonUnit(2, "Lem Ardwick Jr.", frozenset({"Tubby Ardwick"}), 5)
    assert cluster_people([senior, junior]) == []


def test_one_main_trade_in_years_that_meet_is_evidence_of_one_career() -> None:
    director = PersonUnit(1, "Robert M. Quorn", credits=6, films=frozenset({1}),
                          trades=frozenset({"director"}), years=(1975, 1999))
    actor = PersonUnit(2, "Robert Quorn", credits=30, films=frozenset({2}),
                       trades=frozenset({"cast_member"}), years=(1960, 1980))
    assert cluster_people([director, actor]) == []  # a director and an actor: two people
    also_directs = PersonUnit(2, "Robert Quorn", credits=30, films=frozenset({2}),
                              trades=frozenset({"director"}), years=(1980, 1990))
    assert [m.rule for m in cluster_people([director, also_directs])] == ["middle"]
    # two actors a middle initial apart, in the same years; and in other decades
    early = PersonUnit(1, "Hal C. Vintner", credits=2, trades=frozenset({"cast_member"}),
                       years=(1921, 1921))
    same_years = PersonUnit(2, "Hal Vintner", credits=17, trades=frozenset({"cast_member"}),
                            years=(1919, 1928))
    assert [m.rule for m in cluster_people([early, same_years])] == ["middle"]
    later = PersonUnit(2, "Hal Vintner", credits=17, trades=frozenset({"cast_member"}),
                       years=(1950, 1966))
    assert cluster_people([early, later]) == []
    son = PersonUnit(1, "Hal Drew Vintner", credits=2, trades=frozenset({"cast_member"}),
                     years=(1925, 1930))  # a full middle name is no credit variant
    assert cluster_people([son, same_years]) == []


def test_a_familiar_form_needs_a_film_or_one_trade_in_the_same_years() -> None:
    def writers(first: tuple[int, int], second: tuple[int, int]) -> list[str]:
        one = PersonUnit(1, "Charlie Quorn", credits=10, films=frozenset({1}),
                         trades=frozenset({"screenwriter"}), years=first)
        other = PersonUnit(2, "Charles Quorn", credits=4, films=frozenset({2}),
                           trades=frozenset({"screenwriter"}), years=second)
        return [m.rule for m in cluster_people([one, other])]

    assert writers((1999, 2020), (1975, 1988)) == []  # two writers of other decades
    assert writers((1921, 1940), (1930, 1936)) == ["familiar"]


def test_a_merged_form_that_fits_another_person_now_goes_back() -> None:
    """A form merged into a person while the block held no one else it fits leaves when
    another comes, and so does one whose evidence is gone; one that fits its owner alone
    stays."""
    director = frozenset({"director"})
    owner = PersonUnit(1, "Osric P. Vell", credits=5, films=frozenset({1}), trades=director,
                       years=(1915, 1918))
    form = PersonUnit(-1, "Osric Vell", credits=2, films=frozenset({2}), trades=director,
                      years=(1916, 1916))
    widow = PersonUnit(-2, "Mrs. Vell", credits=1, films=frozenset({3}), trades=director,
                       years=(1917, 1917))
    forms = [(1, form), (1, widow)]
    assert stray_forms([owner], forms) == []  # no one else in the block: both stay
    other = PersonUnit(2, "Osric T. Vell", credits=3, films=frozenset({4}), trades=director,
                       years=(1916, 1919))
    assert [f.name for f in stray_forms([owner, other], forms)] == ["Osric Vell", "Mrs. Vell"]
    actor = PersonUnit(3, "Dora Vell", credits=3, films=frozenset({5}),
                       trades=frozenset({"cast_member"}), years=(1950, 1960))
    # a given name that does not fit: the form stays; the surname alone fits her too
    assert [f.name for f in stray_forms([owner, actor], forms)] == ["Mrs. Vell"]
    # a merge whose evidence more credits took away: the owner now mostly acts
    acting = PersonUnit(4, "Osric Vell", credits=6, films=frozenset({6}),
                        trades=frozenset({"cast_member"}), years=(1930, 1940))
    directed = PersonUnit(-3, "Osric Q. Vell", credits=1, films=frozenset({7}),
                          trades=director, years=(1916, 1916))
    assert [f.name for f in stray_forms([acting], [(4, directed)])] == ["Osric Q. Vell"]


@pytest.mark.parametrize(("form", "shown", "reason", "settled"), [
    ("Alan Quist, Sr.", "Alan Quist", "elder", "elder"),  # the rule of its merge
    ("Alan Quist", "Alan Quist", "elder", None),          # the shown name is its own
    ("Charles Stanton Quist", "Charles Quist", "middle", "middle"),
    ("Charles Stanton Quist", "Charles Quist", None, None),
    ("Charles S. Quist", "Charles Quist", "initials", "middle"),  # its tie to the shown name
    ("Quist", "Alan Quist", "alias", None),                # a word alone read in a text
    ("Quist", "Alan Quist", "surname", "surname"),         # a source's word is kept
    ("Tubby Quist", "Roswell Quist", "alias", "alias"),
])
def test_a_name_keeps_the_reason_of_its_merge_and_the_shown_name_none(
    form: str, shown: str, reason: str | None, settled: str | None,
) -> None:
    assert link_reason(form, shown, reason) == settled
