"""Credit lists in prose and in leads: notes, teams, co-writers, executive producers, companies
named in a list or by one word of their name (sentences invented for these tests)."""

from __future__ import annotations

import pytest

from backtrace.extract import extract
from backtrace.extract.pipeline import RULES_PIPELINE
from backtrace.model import Kind

from .conftest import build_document
from .prose_helpers import prose_claims, values


def lead_values(text: str, prop: str) -> list[str]:
    """Values of ``prop`` for the document's own film, from every rule component."""
    doc = build_document(text, kind=Kind.ENCYCLOPEDIA)
    return sorted({str(c.value) for c in extract(doc, RULES_PIPELINE).claims
                   if c.property == prop and c.subject is None})


@pytest.mark.parametrize(("text", "prop", "expected"), [
    # the rest of a lead is read by every prose rule, though "a 2016 American western"
    # reads like another film's description
    ("Copper Sky is a 2016 American western directed by Hal Benton from a screenplay by Rhea "
     "Stone and Pia Holm, and a story by Stone and Dario Venn.", "screenwriter",
     ["Dario Venn", "Pia Holm", "Rhea Stone", "Stone"]),  # the surname is linked in resolve
    ("Fen Light is a 2015 American drama film directed by Ray Holt from a screenplay he "
     "co-wrote with Dina Marsh.", "screenwriter", ["Dina Marsh"]),
    # a lower-case note on one name does not end the list
    ("Saltmarsh is a 2019 English horror film directed by Tomas Reid, written by Reid (story) "
     "and Fiona Lusk, and starring Ana Silva.", "screenwriter", ["Fiona Lusk", "Reid"]),
    # a team named by its plural surname is one item of the list
    ("Bright Tide is a 2012 American comedy film directed by Lee Moss and written by The "
     "Harlans, Jo Penn, and Max Ruiz.", "screenwriter", ["Jo Penn", "Max Ruiz"]),
    # a company in a credit list makes its one-word names companies too
    ("Reef Kings is a 2004 American animated film co-produced by Tidewater MovieToons and "
     "Brightwater.", "production_company", ["Brightwater", "Tidewater MovieToons"]),
    ("Reef Kings is a 2004 American animated film co-produced by Tidewater MovieToons and "
     "Brightwater.", "producer", []),
    # a company named in full, then by one word of its name
    ("Lumen Bay is a 1999 American animated film produced by Kestrel Animation Studios for "
     "Northway Pictures. It was the second feature produced by Kestrel.", "producer", []),
    ("Lumen Bay is a 1999 American animated film produced by Kestrel Animation Studios for "
     "Northway Pictures. It was the second feature produced by Kestrel.",
     "production_company", ["Kestrel Animation Studios", "Northway Pictures"]),
    # an opening credit phrase belongs to the main clause's "it", though the rest of the
    # sentence is about another film
    ("Harbor Lights is a 2019 American musical film directed by Lin Cho. Co-produced by "
     "Northway Pictures and Brightwater, it is a remake of the 1971 film Glass Harbor.",
     "production_company", ["Brightwater", "Northway Pictures"]),
])
def test_lead_credit_lists(text: str, prop: str, expected: list[str]) -> None:
    assert lead_values(text, prop) == expected


@pytest.mark.parametrize(("text", "prop", "expected"), [
    ("Greta Lind wrote the story, and also wrote the film's screenplay with Moss, Tully, and "
     "Ada Crane.", "screenwriter", ["Moss", "Tully", "Ada Crane", "Greta Lind"]),
    ("Nell Ortega and Sam Park also wrote the film's screenplay, with Ivo Brandt co-writing "
     "the latter.", "screenwriter", ["Ivo Brandt", "Nell Ortega", "Sam Park"]),
    ("It features six original songs by Lena Fair with lyrics by Tom Bell and an underscore "
     "by R. J. Mott.", "composer", ["Lena Fair", "R. J. Mott"]),
    ("A large part was shot at the campus, the alma mater of Ruth Kay and producer Nina "
     "Ford's.", "producer", ["Nina Ford"]),
    ("Bell joined the project as producer through his Tall Oak banner alongside Gia Ross.",
     "producer", ["Bell", "Gia Ross"]),
])
def test_prose_credit_phrases(text: str, prop: str, expected: list[str]) -> None:
    assert values(prose_claims(text), prop) == expected


@pytest.mark.parametrize("text", [
    # executive producers hold another credit than producer
    "The thriller was executive-produced by Tom Vale and Ann Rusk.",
    "The thriller was executive produced by Tom Vale.",
    "It reunites her with executive producer Tom Vale.",
    "The credits read: executive produced by: Tom Vale; Ann Rusk.",
    # a negated credit is no credit
    "Despite not being produced by Kestrel Films, it carries the studio's logo.",
    # "The Harlans" alone, not in a list, is not a team credit
    "The story was inspired by The Harlans.",
])
def test_no_producer_credit(text: str) -> None:
    claims = prose_claims(text)
    assert values(claims, "producer") == []
    assert values(claims, "production_company") == []
    assert values(claims, "screenwriter") == []


def test_producer_next_to_an_executive_producer() -> None:
    claims = prose_claims("The film was produced by Zara Quinn, and was executive-produced by "
                          "Tom Vale and Ann Rusk.")
    assert values(claims, "producer") == ["Zara Quinn"]


def test_a_note_in_parentheses_with_capitals_still_ends_a_writer_list() -> None:
    # "(Quiz Show)" is a title, not a note on the credit: the list ends there as before
    claims = prose_claims("The film was written by Ada Holm (Quiz Show) and stars Ben Ray.")
    assert values(claims, "screenwriter") == ["Ada Holm"]


@pytest.mark.parametrize(("text", "prop", "expected"), [
    # two crafts and two names: one name each, in order
    ("The cinematography and editing were handled by Ravi Menon and Lea Stroud.",
     "director_of_photography", ["Ravi Menon"]),
    ("The cinematography and editing were handled by Ravi Menon and Lea Stroud.",
     "film_editor", ["Lea Stroud"]),
    # one name: both crafts are hers
    ("Music and editing are by Rhea Moss.", "composer", ["Rhea Moss"]),
    ("Music and editing are by Rhea Moss.", "film_editor", ["Rhea Moss"]),
    ("Vikram Das is helming the camera for the second schedule.", "director_of_photography",
     ["Vikram Das"]),
    # an honorific is not part of the name
    ("The songs are scored by Isaignani Ravi Varman.", "composer", ["Ravi Varman"]),
    ("The score was composed by Sir Alan Pike.", "composer", ["Alan Pike"]),
    # "the latter of whom", "who": the last name of the list before
    ("The title song is by Cole Dane and Ira Penn, the latter of whom also composed the "
     "film's score.", "composer", ["Ira Penn"]),
    ("The lead is Nia Vance, who produced the film.", "producer", ["Nia Vance"]),
    ("The songs were written by Ava Stone and Ruth Park.", "composer", ["Ava Stone",
                                                                         "Ruth Park"]),
    ("Its songs were composed by two composers, Ava Stone and Ruth Park.", "composer",
     ["Ava Stone", "Ruth Park"]),
    ("Music composed by veteran artist Sena Perera.", "composer", ["Sena Perera"]),
    # a critic names the credit with a possessive, of a full name only
    ("Critics praised Rosa Imbert's cinematography.", "director_of_photography",
     ["Rosa Imbert"]),
    ("Tom Field's tense editing holds it together.", "film_editor", ["Tom Field"]),
    ("Critics praised Imbert's cinematography.", "director_of_photography", []),
    ("Kestrel's score was praised.", "composer", []),
    ("Walt Kestrel's editing rooms were busy.", "film_editor", []),
    # roles after the names, in order
    ("Ravi Menon and Ghiran were selected to be the cinematographer and music composer.",
     "director_of_photography", ["Ravi Menon"]),
    ("Ravi Menon and Ghiran were selected to be the cinematographer and music composer.",
     "composer", ["Ghiran"]),
    ("Ann Lee and Bo Chen were hired as the editor and the composer.", "film_editor",
     ["Ann Lee"]),
    # a capitalised title before the name is not part of it
    ("Noted Cinematographer R. K. Menon is helming the camera.", "director_of_photography",
     ["R. K. Menon"]),
])
def test_craft_credits(text: str, prop: str, expected: list[str]) -> None:
    assert values(prose_claims(text), prop) == expected


@pytest.mark.parametrize(("text", "prop", "expected"), [
    # the lyricist of a lead's next sentence is no screenwriter
    ("Kite Hill is a 2018 Pakistani drama film directed by Omar Rafi. The music for Kite Hill "
     "is composed by Sana Mir while the lyrics are written by Rafi.", "screenwriter", []),
    # "direct-to-video", "video-on-demand" speak of the film's release, not of a music video
    ("Kite Hill is a 2018 American drama film directed by Omar Rafi. It was released "
     "direct-to-video by Northway Home Entertainment on May 2, 2018.", "distributor",
     ["Northway Home Entertainment"]),
    ("Kite Hill is a 2018 American drama film directed by Omar Rafi. It was released on "
     "video-on-demand by Northway Premiere on May 2, 2018.", "distributor", ["Northway Premiere"]),
    ("Kite Hill is a 2018 American drama film directed by Omar Rafi. Its music video was "
     "released by Saregama.", "distributor", []),
    # a source named in an opening phrase does not make the main clause's credits its own
    ("Kite Hill is a 1958 American drama film directed by Omar Rafi. Adapted from a 1931 "
     "novel by Ida Crane, the film was produced by Leo Marsh.", "producer", ["Leo Marsh"]),
    ("Kite Hill is a 1958 American drama film directed by Omar Rafi. The film has songs by "
     "Ann Lee, was produced by Leo Marsh, and was shot in Utah.", "producer", ["Leo Marsh"]),
    ("Kite Hill is a 1958 American drama film directed by Omar Rafi. The lyrics were written "
     "by Ann Lee, Bo Dee and Cy Moe.", "screenwriter", []),
    # a nickname in quotes is part of a cast name
    ("Kite Hill is a 2007 American comedy film directed by Omar Rafi. The film stars Dale "
     "\"The Hammer\" Brooks and Nia Vance.", "cast_member", ['Dale "The Hammer" Brooks',
                                                       "Nia Vance"]),
])
def test_lead_continuations(text: str, prop: str, expected: list[str]) -> None:
    assert lead_values(text, prop) == expected


@pytest.mark.parametrize(("text", "prop", "expected"), [
    # a family named by its plural surname: the members the document names in full
    ("Low Tide is a 2016 American drama film directed by Ada Holm from a script by Ian & "
     "Rob Farrow. The Farrows and Holm also produced the film, along with Tess Grey.",
     "producer", ["Holm", "Ian Farrow", "Rob Farrow", "Tess Grey"]),
    # with no members named, the credit stays as written
    ("Low Tide is a 2016 American drama film directed by Ada Holm. The Farrows produced it.",
     "producer", ["Farrows"]),
    # "popular producer and distributor X": a description before the name
    ("Low Tide is a 2016 Tamil drama film directed by Ada Holm. It is produced by popular "
     "producer and distributor Kavi R. Selvan under his company Sun Arc Creations.",
     "producer", ["Kavi R. Selvan"]),
    # "announced by producer X" credits X as producer; "directed by editor X" does not
    ("Low Tide is a 2016 Tamil drama film directed by Ada Holm. It was announced in May by "
     "producer Joy Mathew.", "producer", ["Joy Mathew"]),
    ("Low Tide is a 2016 Tamil drama film directed by editor Ada Holm.", "film_editor", []),
])
def test_who_a_credit_names(text: str, prop: str, expected: list[str]) -> None:
    assert lead_values(text, prop) == expected


@pytest.mark.parametrize(("text", "prop", "expected"), [
    # "by A in Pakistan and by B internationally": one credit, twice
    ("It has been distributed by Tern Releasing in Pakistan and by Kestrel Films "
     "internationally.", "distributor", ["Kestrel Films", "Tern Releasing"]),
    ("It was written by Ada Holm and directed by Leo Marsh.", "screenwriter", ["Ada Holm"]),
    # "A joined B to produce the film": both; companies when one is
    ("Northway Pictures joined Blue Fern to produce the film.", "production_company",
     ["Blue Fern", "Northway Pictures"]),
    ("Ann Lee joined Bo Chen to produce the film.", "producer", ["Ann Lee", "Bo Chen"]),
    ("Produced under Goodwill Entertainments, the film opened in May.", "production_company",
     ["Goodwill Entertainments"]),
    ("It was also co-produced by Harbor Arts Foundation.", "production_company",
     ["Harbor Arts Foundation"]),
    ("It was also co-produced by Harbor Arts Foundation.", "producer", []),
    ("It was distributed by the Northway Film Company.", "distributor",
     ["Northway Film Company"]),
    ("It was also co-produced by the Harbor Arts Foundation.", "production_company",
     ["Harbor Arts Foundation"]),
    # "It" is a song here: its writer is no screenwriter
    ("It was sung by Rhea Moss and written by Tom Bell.", "screenwriter", []),
])
def test_companies_and_their_credits(text: str, prop: str, expected: list[str]) -> None:
    assert sorted(values(prose_claims(text), prop)) == expected


def test_a_producer_named_as_a_company_of_the_document_is_that_company() -> None:
    claims = prose_claims("Goyer joined as producer through his Blue Fern banner. Northway "
                          "Pictures joined Blue Fern to produce the film.")
    assert sorted(values(claims, "producer")) == ["Goyer"]
    assert sorted(set(values(claims, "production_company"))) == ["Blue Fern",
                                                                  "Northway Pictures"]


@pytest.mark.parametrize(("text", "prop", "expected"), [
    ("Pine Hollow is a 1957 American adventure film from Kestrel Productions, based on a "
     "1938 novel.", "production_company", ["Kestrel Productions"]),
    ("Pine Hollow is a 1957 American drama film made by Kestrel Productions, released by "
     "Northway Distribution.", "production_company", ["Kestrel Productions"]),
    ("Pine Hollow is a 1957 American drama film made by Ava Lane.", "production_company", []),
    ("Pine Hollow is a 1953 American animated film produced in 1952 by Kestrel Productions "
     "and released by Northway Pictures.", "production_company", ["Kestrel Productions"]),
    ("Pine Hollow is a 1940 American animated film produced and released by Kestrel "
     "Productions.", "production_company", ["Kestrel Productions"]),
    ("Pine Hollow is a 1940 American animated film produced and released by Kestrel "
     "Productions.", "distributor", ["Kestrel Productions"]),
])
def test_companies_in_leads(text: str, prop: str, expected: list[str]) -> None:
    assert lead_values(text, prop) == expected
