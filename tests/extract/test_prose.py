from __future__ import annotations

from backtrace.extract.prose import looks_like_organization, read_names


def names(text: str, **kwargs: bool) -> list[str]:
    return [h.name for h in read_names(text, 0, **kwargs)]


def test_list_of_names_ends_at_a_lower_case_word() -> None:
    assert names("Ola Brand, Kit Moro and Ume Sade in a remote cabin.") == [
        "Ola Brand", "Kit Moro", "Ume Sade"]
    assert names("Piet A. Lund, and starring Ola Brand") == ["Piet A. Lund"]


def test_initials_particles_and_suffixes() -> None:
    assert names("J. R. Castel and Ana de la Fuente.") == ["J. R. Castel", "Ana de la Fuente"]
    assert names("Rolf van Dam with a cast of unknowns") == ["Rolf van Dam"]
    assert names("Dale Brisk Jr. It was filmed in Peru.") == ["Dale Brisk Jr."]
    assert names("Carl 'Bud' Norrell and Zoë Ångström") == ["Carl 'Bud' Norrell", "Zoë Ångström"]


def test_full_stop_ends_the_name() -> None:
    assert names("Ola Brand. The film") == ["Ola Brand"]


def test_organisations_may_hold_of_and_ordinals() -> None:
    assert names("21st Harbor Pictures.", org=True) == ["21st Harbor Pictures"]
    assert names("Guild of Northern Screens (GNS)", org=True) == ["Guild of Northern Screens"]
    assert names("Corvid Bros. on May 2", org=True) == ["Corvid Bros."]
    assert names("Corvid Pictures, Inc., and Lark Films", org=True) == [
        "Corvid Pictures, Inc.", "Lark Films"]


def test_characters_after_as() -> None:
    hits = read_names("Ola Brand as Nurse Kell, Kit Moro as the Ferryman, and Ume Sade.", 0,
                      characters=True)
    assert [(h.name, h.character) for h in hits] == [
        ("Ola Brand", "Nurse Kell"), ("Kit Moro", "the Ferryman"), ("Ume Sade", None)]


def test_a_description_is_not_a_character() -> None:
    hits = read_names("Ola Brand as Danish sailor Per Holm", 0, characters=True)
    assert [(h.name, h.character) for h in hits] == [("Ola Brand", None)]


def test_leading_descriptions_are_skipped() -> None:
    assert names("newcomer Ivy Tal and Rob Senn") == ["Ivy Tal", "Rob Senn"]
    assert names("Grammy Award winner Lou Fenn") == ["Lou Fenn"]


def test_nothing_to_read() -> None:
    assert names("a cast of unknowns") == []
    assert names("The film") == []
    assert names("Harlan's brother") == []


def test_looks_like_organization() -> None:
    assert looks_like_organization("Quarry Films")
    assert looks_like_organization("Corvid Bros.")
    assert not looks_like_organization("Ola Brand")


def test_comma_suffixes_stay_with_the_name() -> None:
    assert names("Ola Brand, Noah Brill, Jr., and Kit Moro.") == [
        "Ola Brand", "Noah Brill, Jr.", "Kit Moro"]
