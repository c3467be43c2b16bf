"""prose_rules: credits read from running prose (sentences invented for these tests)."""

from __future__ import annotations

import pytest

from .prose_helpers import pairs, prose_claims, values


@pytest.mark.parametrize(("text", "prop", "expected"), [
    ("The caper is directed by Petra Lindqvist, who adapts a script written by Omar Feld.",
     "director", ["Petra Lindqvist"]),
    ("The caper is directed by Petra Lindqvist, who adapts a script written by Omar Feld.",
     "screenwriter", ["Omar Feld"]),
    ("The thriller was helmed by Dana Oyelaran.", "director", ["Dana Oyelaran"]),
    ("Halvard Moe directs from his own treatment.", "director", ["Halvard Moe"]),
    ("Nadia Ferro served as director on the project.", "director", ["Nadia Ferro"]),
    ("The screenplay by Wen Solberg keeps things moving.", "screenwriter", ["Wen Solberg"]),
    ("Ruth Calloway produced the film in her home town.", "producer", ["Ruth Calloway"]),
    ("It was executive produced by Ida Wren and produced by Tom Ake.", "executive_producer",
     ["Ida Wren"]),
    ("It was executive produced by Ida Wren and produced by Tom Ake.", "producer", ["Tom Ake"]),
    ("Cal Orme additionally served as executive producer.", "executive_producer",
     ["Cal Orme"]),
    ("Its score by Elsa Varga hums under every scene.", "composer", ["Elsa Varga"]),
    ("Music by Ronan Tully opens the picture.", "composer", ["Ronan Tully"]),
    ("The film reunites the director with cinematographer Anya Roth.",
     "director_of_photography", ["Anya Roth"]),
    ("Every frame was shot by Yusuf Demir on old anamorphic lenses.",
     "director_of_photography", ["Yusuf Demir"]),
    ("It was edited by Bo Lindahl in six weeks.", "film_editor", ["Bo Lindahl"]),
    ("Coming from Northlight Releasing, the thriller opens soon.", "distributor",
     ["Northlight Releasing"]),
    ("The film is distributed by Harbor Gate Films.", "distributor", ["Harbor Gate Films"]),
    ("It is based on the novel The Winter Ledger by Agnes Thorne.", "based_on",
     ["the novel The Winter Ledger by Agnes Thorne"]),
])
def test_credit_rules(text: str, prop: str, expected: list[str]) -> None:
    assert values(prose_claims(text), prop) == expected


def test_producer_list_drops_guild_marks() -> None:
    claims = prose_claims("The picture is produced by: Lena Brandt, p.g.a.; Tomas Whitfield, "
                          "p.g.a.; Ida Serrano and Kofi Mensah.")
    assert values(claims, "producer") == [
        "Lena Brandt", "Tomas Whitfield", "Ida Serrano", "Kofi Mensah"]
    assert all("p.g.a" not in c.span.text for c in claims)


@pytest.mark.parametrize(("text", "expected"), [
    ("The film features Jonah Pike as Sheriff Dalton.", {("Jonah Pike", "Sheriff Dalton")}),
    ("Mira Castell plays Captain Ines Roa in the film.", {("Mira Castell", "Captain Ines Roa")}),
    ("A drifter named Caleb (Tobias Wren) arrives in a river town.",
     {("Tobias Wren", "Caleb")}),
    ("The comedy is starring Ana Duval, Piet Hol and Lou Serra.",
     {("Ana Duval", None), ("Piet Hol", None), ("Lou Serra", None)}),
    ("Also appearing in the movie are Rosa Lind and Emil Stark.",
     {("Rosa Lind", None), ("Emil Stark", None)}),
    # actor first, then the part: a titled part, or a cast cue before the names
    ("Its cast includes Vera Holm (Judge Ada Brant) and Olek Marr (Tomas Fell).",
     {("Vera Holm", "Judge Ada Brant"), ("Olek Marr", "Tomas Fell")}),
    ("Dina Sosa (Detective Ruth Kale) is the best thing in it.",
     {("Dina Sosa", "Detective Ruth Kale")}),
    # the part first, then the actor: a bare character name
    ("Later, Fenwick (Arlo Dunne) bribes the harbour master.", {("Arlo Dunne", "Fenwick")}),
])
def test_cast_rules(text: str, expected: set[tuple[str, str | None]]) -> None:
    assert pairs(prose_claims(text), "cast_member", "character") == expected


def test_filmographies_in_parentheses_are_not_cast() -> None:
    claims = prose_claims("Veteran actor Gil Morrow costars with Priya Nand (Salt Road, Night "
                          "Shift) and Hugo Brandt (Glass Harbor) in the film.")
    # the subject of "costars with" is cast too
    assert pairs(claims, "cast_member", "character") == {("Gil Morrow", None),
                                                         ("Priya Nand", None),
                                                         ("Hugo Brandt", None)}


def test_the_span_of_a_character_covers_actor_and_role() -> None:
    claim = prose_claims("Mira Castell plays Captain Ines Roa in the film.")[0]
    assert claim.span.text == "Mira Castell plays Captain Ines Roa"


@pytest.mark.parametrize("text", [
    "The film holds 61% on Rotten Tomatoes, based on reviews from critics.",
    'Marta Kell of The Daily Ledger wrote, "A tense ride from start to finish."',
    "The lyrics were written by Sami Holt over a weekend.",
    "The first look poster was released on May 2 by actress Juno Park.",
    "He last appeared as a cop in the 2015 action drama Iron Lanes, directed by Kurt Voss.",
    "She starred in Paper Kites (2009) before moving to television.",
    "The remake was helmed by Dana Oyelaran.",
    "In the sequel, the hero is played by Marco Bell.",
    "The critic called the ending a mess.",
    'The song "Low Tide" is composed by "Ada Krol".',
])
def test_sentences_that_give_no_credit(text: str) -> None:
    assert prose_claims(text) == []


def test_stars_as_and_a_company_that_produced() -> None:
    claims = prose_claims("Noor Bakri stars as Ilse Marr. Harrow Lane Pictures produced with "
                          "a small crew.")
    assert pairs(claims, "cast_member", "character") == {("Noor Bakri", "Ilse Marr")}
    assert values(claims, "production_company") == ["Harrow Lane Pictures"]
    assert values(claims, "producer") == []


@pytest.mark.parametrize(("text", "prop", "expected"), [
    ("The score is composed by veteran music director Ilan Rask.", "composer", ["Ilan Rask"]),
    ("Tova Lind has composed the background music for the film.", "composer", ["Tova Lind"]),
    ("The music was composed and conducted by Rand Newell.", "composer", ["Rand Newell"]),
    # an initial that ends the sentence ends the name
    ("The music is composed by Sam T. S. The audio rights were sold.", "composer",
     ["Sam T. S."]),
    ("Mikel Giac returned to compose the score.", "composer", ["Mikel Giac"]),
    ("Ana Ruiz was hired to direct.", "director", ["Ana Ruiz"]),
    # a singular verb has one subject, not the list before it
    ("She added the parts of Saberi and Pell, and Rob Vick was hired to direct.", "director",
     ["Rob Vick"]),
    ("Ada Roe, Ben Kay, and Cy Lo were hired to produce the film.", "producer",
     ["Ada Roe", "Ben Kay", "Cy Lo"]),
    # an opening phrase about another film; the main clause is about this one
    ("Coming after Tin Box (1995), it was directed by Jon Lass, with a script by Andy Stan, "
     "Rita Hsu, and Chris Webber.", "screenwriter", ["Andy Stan", "Rita Hsu", "Chris Webber"]),
    ("Musk drafted the script and co-wrote it with Ted Ellis.", "screenwriter",
     ["Ted Ellis"]),
    ("Polish came from the writing team of Ted Ellis and Terry Ross.", "screenwriter",
     ["Ted Ellis", "Terry Ross"]),
    ("It was directed by Pete Hew and produced/co-written by Stef Som.", "screenwriter",
     ["Stef Som"]),
    ("It was written by Paul Hern and Kim Possible creators Bob Scholl and Mark McCork.",
     "screenwriter", ["Paul Hern", "Bob Scholl", "Mark McCork"]),
    # one company in the list: the others are companies too
    ("Quarry Forge and Tallow Entertainment produced the film.", "production_company",
     ["Quarry Forge", "Tallow Entertainment"]),
    ("Bram Oyelaran is composing the music.", "composer", ["Bram Oyelaran"]),
    ("It was directed by sports journalist turned filmmaker Mira Ghosh.", "director",
     ["Mira Ghosh"]),
    ("The director is Wei Lan.", "director", ["Wei Lan"]),
    ("Oskar Veit would write and direct the film.", "director", ["Oskar Veit"]),
    ("Oskar Veit would write and direct the film.", "screenwriter", ["Oskar Veit"]),
    ("It was announced, with Jon Aske, Bea Lund and Kit Moss producing the film.", "producer",
     ["Jon Aske", "Bea Lund", "Kit Moss"]),
    ("In 2011 producer Hale Brandt bought the script.", "producer", ["Hale Brandt"]),
    ("At Cannes, Rask and co-writer Nadia Sol won the award.", "screenwriter", ["Nadia Sol"]),
    ("The cinematography is by Jeb Joss and editing by Kiran.", "film_editor", ["Kiran"]),
    ("The script is by Aaron & Jordan Vell.", "screenwriter", ["Aaron Vell", "Jordan Vell"]),
    ("It was produced by Tamsin Ode through Harrow Cinemas.", "production_company",
     ["Harrow Cinemas"]),
    ("Ada Roe and Ed Kay will produce the film under their Kestrel and Open Field banners.",
     "production_company", ["Kestrel", "Open Field"]),
    ("It opened under the production banners of Dune Films and Arc Global Entertainment.",
     "production_company", ["Dune Films", "Arc Global Entertainment"]),
    ("It was made under his production company V Works.", "production_company", ["V Works"]),
    ("It was produced by Lark Productions & Teal Films.", "production_company",
     ["Lark Productions", "Teal Films"]),
    ("It is produced by Jon Aske & Wren Hill Productions with Ola's own banner Kite Creations.",
     "production_company", ["Wren Hill Productions", "Kite Creations"]),
    ("It is produced by Jon Aske & Wren Hill Productions.", "producer", ["Jon Aske"]),
    ("The screenplay, by Bram Dass, follows a novel.", "screenwriter", ["Bram Dass"]),
    ("Pinegate would handle the film's distribution.", "distributor", ["Pinegate"]),
    ("It was acquired for distribution by Gravel Ventures.", "distributor", ["Gravel Ventures"]),
    ("It was acquired by Tallow Entertainment in 2017.", "distributor", ["Tallow Entertainment"]),
    ("It was released on June 8, 2018 on Netflix.", "distributor", ["Netflix"]),
    ("The film was distributed by Music Box Films.", "distributor", ["Music Box Films"]),
])
def test_more_credit_phrases(text: str, prop: str, expected: list[str]) -> None:
    assert values(prose_claims(text), prop) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Mara Quint, Olu Bassey and Pete Ramsden co-star.", ["Mara Quint", "Olu Bassey",
                                                         "Pete Ramsden"]),
    ("Dana Whit and Rob Osei round out the principal cast.", ["Dana Whit", "Rob Osei"]),
    ("The film features an ensemble cast with Lee Dae-ho, Ray Parr, and Jon Pryor.",
     ["Lee Dae-ho", "Ray Parr", "Jon Pryor"]),
    ("It is a drama directed by Hal Brenn and costarring Theda Vail and Will Shay.",
     ["Theda Vail", "Will Shay"]),
    ("The film stars the voices of Jack Brack, Dustin Hoff, and Jackie Chun.",
     ["Jack Brack", "Dustin Hoff", "Jackie Chun"]),
    ("Tom Jonas, Bev Angel and Levon Helms are featured in supporting roles.",
     ["Tom Jonas", "Bev Angel", "Levon Helms"]),
    ("It stars an ensemble cast that includes Jay Bell, Chris Kern, and Aly Hart.",
     ["Jay Bell", "Chris Kern", "Aly Hart"]),
])
def test_more_cast_phrases(text: str, expected: list[str]) -> None:
    assert sorted(values(prose_claims(text), "cast_member")) == sorted(expected)


@pytest.mark.parametrize("text", [
    "She is the daughter of producer Hale Brandt.",
    "He grew up under the care of Anna Holt.",
    "The director was The Weeknd.",
    "She would co-star in the sequel.",
    "The rights were acquired by John Smith.",
    "Her earlier film, Dust Road (2001), was produced by Ada Roe.",
    "In 2012 its maker Arcline Studios was bought, and later Dome Pictures acquired by Vex "
    "Entertainment.",
    "He watched it on Netflix.",
    "It was directed by Ivo Renn and Produced by hand.",
])
def test_phrases_that_name_no_credit(text: str) -> None:
    claims = prose_claims(text)
    assert [(c.property, c.value) for c in claims if c.property != "director"] == []
