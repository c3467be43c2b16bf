from __future__ import annotations

from collections.abc import Callable

import pytest

from backtrace.extract.cast_list import CastListExtractor, looks_like_name, parse_cast_line
from backtrace.model import Claim, Document

cast_list = CastListExtractor()


def cast(make_doc: Callable[..., Document], *lines: str, heading: str = "Cast") -> list[Claim]:
    text = f"= Tin Lantern =\n\n==Plot==\nA ferry sinks.\n\n=={heading}==\n" + "\n".join(lines)
    doc = make_doc(text + "\n\n==Release==\nIt opened in May.\n")
    claims = cast_list(doc)
    for c in claims:
        assert doc.text[c.span.start:c.span.end] == c.span.text
    return claims


def test_forms_of_cast_lines(make_doc: Callable[..., Document]) -> None:
    claims = cast(
        make_doc,
        "- Ola Brand as Nurse Kell: a night-shift nurse who hears voices",
        "- Kit Moro as Abel Quist, the ferry's owner",
        "- Ume Sade as Mother Heron (voice)",
        "- Rolf van Dam as Teodor \"Teddy\" Lusk",
        "- Ivy Tal as Lena and Mira",
        "- Rob Senn as Dr. Hale; the town physician",
    )
    assert [(c.value, c.qualifiers, c.span.text) for c in claims] == [
        ("Ola Brand", {"character": "Nurse Kell",
                       "description": "a night-shift nurse who hears voices"},
         "Ola Brand as Nurse Kell"),
        ("Kit Moro", {"character": "Abel Quist", "description": "the ferry's owner"},
         "Kit Moro as Abel Quist"),
        ("Ume Sade", {"character": "Mother Heron", "note": "voice"},
         "Ume Sade as Mother Heron (voice)"),
        ("Rolf van Dam", {"character": 'Teodor "Teddy" Lusk'},
         'Rolf van Dam as Teodor "Teddy" Lusk'),
        ("Ivy Tal", {"character": "Lena and Mira"}, "Ivy Tal as Lena and Mira"),
        ("Rob Senn", {"character": "Dr. Hale", "description": "the town physician"},
         "Rob Senn as Dr. Hale"),
    ]
    assert all(c.property == "cast_member" and c.confidence == 0.95 for c in claims)


@pytest.mark.parametrize("heading", ["Cast", "cast and characters", "STARRING", "Voice cast"])
def test_cast_section_titles(make_doc: Callable[..., Document], heading: str) -> None:
    assert [c.value for c in cast(make_doc, "- Ola Brand as Kell", heading=heading)] == [
        "Ola Brand"]


@pytest.mark.parametrize(
    "line",
    [
        "- Ola Brand",  # no "as"
        "- Ola Brand: Nurse Kell",  # "X: Y" is not read
        "- The crew worked as volunteers for a month",  # a sentence, not a name
        "- Ola Brand as",
    ],
)
def test_lines_that_are_not_cast_lines(make_doc: Callable[..., Document], line: str) -> None:
    assert cast(make_doc, line) == []


def test_only_cast_sections_are_read(make_doc: Callable[..., Document]) -> None:
    doc = make_doc("= Tin Lantern =\n\n==Production==\n- Ola Brand as Nurse Kell\n")
    assert cast_list(doc) == []


def test_parse_cast_line_offsets() -> None:
    text = "Ola Brand as Kell (uncredited), a nurse."
    parsed = parse_cast_line(text)
    assert parsed is not None
    (xs, xe), (ys, ye), note, description, span_end = parsed
    assert (text[xs:xe], text[ys:ye], note, description) == (
        "Ola Brand", "Kell", "uncredited", "a nurse")
    assert text[xs:span_end] == "Ola Brand as Kell (uncredited)"


def test_looks_like_name() -> None:
    assert looks_like_name("Ana de la Fuente")
    assert looks_like_name("Zoë Ångström")
    assert not looks_like_name("our thanks go to")
    assert not looks_like_name("")


def test_bare_cast_lines_of_a_plain_text_article() -> None:
    from backtrace.model import Kind
    from backtrace.read import read_bytes
    text = ("Marsh Light is a 2018 drama film directed by Ida Crane.\n\nCast\nNia Vance\n"
            "Leo Marsh as Tom Reed\nAda Holm - Mother Reed\nT. R. Voss Jr.\n"
            "The cast also includes a dog.\nOmar Rafi in a cameo\nIda Crane (Cameo Role)\n"
            "Ravi Kond as\nMei Sato in a special appearance\nThe crew went in a cameo.\n"
            "\nCasting\nTess Grey - Ann\n"
            "Bo Chen\nThe director cast Grey in May.\n\nRelease\nIt opened in May.\n")
    doc = read_bytes(text.encode(), "marsh.txt", kind=Kind.ENCYCLOPEDIA)
    claims = cast_list(doc)
    for c in claims:
        assert doc.text[c.span.start:c.span.end] == c.span.text
    assert [(c.value, c.qualifiers.get("character")) for c in claims] == [
        ("Nia Vance", None), ("Leo Marsh", "Tom Reed"), ("Ada Holm", "Mother Reed"),
        ("T. R. Voss Jr.", None), ("Omar Rafi", None), ("Ida Crane", None),
        # "X as" with its part missing is the actor alone
        ("Ravi Kond", None), ("Mei Sato", None),
        # a Casting section counts only "X - Y" and "X as Y" lines
        ("Tess Grey", "Ann")]
    notes = {c.value: c.qualifiers.get("note") for c in claims}
    assert notes["Omar Rafi"] == "cameo" and notes["Ida Crane"] == "Cameo Role"
    assert notes["Mei Sato"] == "special appearance" and notes["Ravi Kond"] is None


def test_a_cast_line_gives_its_actor_the_credits_its_description_states(
        make_doc: Callable[..., Document]) -> None:
    claims = cast(
        make_doc,
        "- Ada Moss as Dr. Erin Vale: the prison doctor. Moss also served as executive "
        "producer on the film.",
        "- Kit Moro as Abel Quist: a ferry owner. Erin Vale directed the clinic, and Ola "
        "Brand produced the film.",
    )
    credits = {(c.property, c.value) for c in claims if c.property != "cast_member"}
    # what a description says of its character or of another person is not read
    assert credits == {("executive_producer", "Moss")}
