"""JSON Lines: one Document per record, one ReadError per bad line."""

from __future__ import annotations

import hashlib
import json

from read_helpers import check_document, fixture, sentence_texts

from backtrace.errors import NoText, ReadError
from backtrace.model import Document, Kind
from backtrace.read import JsonlFields, read_jsonl
from backtrace.read.jsonl import read_json


def records(data: bytes, **kwargs: object) -> list[Document | ReadError]:
    found = list(read_jsonl(data, "corpus.jsonl", **kwargs))  # type: ignore[arg-type]
    for item in found:
        if isinstance(item, Document):
            check_document(item)
    return found


def line(obj: object) -> bytes:
    return json.dumps(obj, ensure_ascii=False).encode() + b"\n"


def test_a_bad_line_in_the_middle_does_not_stop_the_rest() -> None:
    found = records(fixture("corpus.jsonl"))
    assert [type(item).__name__ for item in found] == [
        "Document",
        "Document",
        "ReadError",
        "Document",
    ]
    error = found[2]
    assert isinstance(error, ReadError)
    assert error.path == "corpus.jsonl:3"
    assert error.reason.startswith("invalid JSON")


def test_paths_ids_titles_and_meta() -> None:
    data = fixture("corpus.jsonl")
    first, news, _, upcoming = records(data)
    assert isinstance(first, Document) and isinstance(news, Document)
    assert isinstance(upcoming, Document)
    canonical = json.dumps(json.loads(data.split(b"\n")[0]), sort_keys=True,
                           ensure_ascii=False, separators=(",", ":"))
    assert first.id == hashlib.sha256(canonical.encode()).hexdigest()[:16]
    assert (first.path, news.path, upcoming.path) == (
        "corpus.jsonl#L1", "corpus.jsonl#L2", "corpus.jsonl#L4",
    )  # fmt: skip
    assert first.source_format == "jsonl"
    assert first.kind is Kind.ENCYCLOPEDIA
    assert first.title == "Lantern Road" and first.title_explicit is True
    assert first.meta == {"year": 2019, "url": "https://example.org/lantern-road",
                          "record_fields_at": 95}  # where its fields begin in the text
    assert sentence_texts(first) == [
        "Lantern Road is a 2019 Canadian mystery film directed by Ines Calloway.",
        "It stars Dana Whitlock.",
        "== Infobox ==",  # the record's own year field, read as an infobox line
        "- Year: 2019",
    ]
    assert news.kind is Kind.NEWS
    assert news.title == "Salt Flats trailer lands" and news.title_explicit is False
    assert news.meta["headline"] == "Salt Flats trailer lands"
    assert news.date == "2020-02-11"


def test_record_fields_become_an_infobox_section() -> None:
    record = {"title": "Gull Hollow", "year": 1931, "cast": ["Ada Quill", ")", "Bram Tessel"],
              "genres": ["Drama", "Silent"], "href": "Gull_Hollow_(1931_film)",
              "thumbnail_width": 320, "extract": "Gull Hollow is a drama film."}
    (doc,) = records(line(record), text_field="extract")
    assert isinstance(doc, Document)
    assert doc.text.endswith(
        "\n\n== Infobox ==\n- Year: 1931\n- Cast: Ada Quill, Bram Tessel\n"
        "- Genres: Drama, Silent\n"
    )  # the fragment ")" is no name; scalars other than the year stay in meta
    assert [s.title for s in doc.sections] == ["Infobox"]
    assert doc.meta["url"] == "Gull_Hollow_(1931_film)"  # "href" when there is no "url"
    assert doc.meta["thumbnail_width"] == 320
    (plain,) = records(line(record), text_field="extract",
                       fields=JsonlFields(text="extract", record=False))
    assert isinstance(plain, Document) and plain.text == "Gull Hollow is a drama film."


def test_unknown_kind_value_is_detected() -> None:
    upcoming = records(fixture("corpus.jsonl"))[3]
    assert isinstance(upcoming, Document)
    assert upcoming.kind is Kind.ENCYCLOPEDIA  # "is an upcoming drama film"
    assert upcoming.meta["kind"] == "mystery-genre"
    assert upcoming.title_explicit is True


def test_custom_field_names() -> None:
    data = line(
        {
            "page_title": "Quiet Harbor (2017 film)",
            "extract": "Quiet Harbor is a 2017 Norwegian drama film. It follows two sisters.",
            "published": "June 1, 2018",
            "type": "Encyclopedia",
            "href": "Quiet_Harbor",
            "cast": ["Liv Aasen"],
            "idx": 7,
        }
    )
    (doc,) = records(
        data,
        text_field="extract",
        title_field="page_title",
        date_field="published",
        kind_field="type",
        url_field="href",
    )
    assert isinstance(doc, Document)
    assert doc.text.startswith("Quiet Harbor is a 2017")
    assert doc.title == "Quiet Harbor" and doc.meta["disambiguation"] == "2017 film"
    assert doc.title_explicit is True
    assert doc.date == "2018-06-01"
    assert doc.kind is Kind.ENCYCLOPEDIA
    assert doc.meta["url"] == "Quiet_Harbor"
    assert doc.meta["idx"] == 7
    assert "cast" not in doc.meta  # not a scalar


def test_a_given_kind_overrides_the_record() -> None:
    (doc,) = records(line({"text": "Notes on ferries.", "kind": "news", "title": "Ferries"}),
                     kind=Kind.OTHER)  # fmt: skip
    assert isinstance(doc, Document)
    assert doc.kind is Kind.OTHER and doc.title_explicit is True


def test_a_review_title_is_a_headline() -> None:
    (doc,) = records(
        line({"text": "I liked it. Grade: B", "title": "Harbor review", "kind": "review"})
    )
    assert isinstance(doc, Document)
    assert doc.kind is Kind.REVIEW and doc.title_explicit is False


def test_bad_records_each_say_why() -> None:
    data = b"".join(
        [
            line({"title": "no text field"}),
            line({"text": 42}),
            line({"text": "   "}),
            line(["not", "an", "object"]),
            b'{"text": "caf\xe9"}\n',
            line({"text": "Fine at last."}),
        ]
    )
    found = records(data)
    reasons = [item.reason if isinstance(item, ReadError) else "ok" for item in found]
    assert reasons == [
        "no 'text' field",
        "field 'text' is a number, not text",
        "field 'text' has no text",
        "not a JSON object but an array",
        "invalid UTF-8 at byte 13 of the line",
        "ok",
    ]
    assert [item.path for item in found if isinstance(item, ReadError)] == [
        f"corpus.jsonl:{n}" for n in range(1, 6)
    ]


def test_blank_lines_crlf_bom_and_no_final_newline() -> None:
    data = b"\xef\xbb\xbf" + line({"text": "One."}).replace(b"\n", b"\r\n") + b"\n   \n"
    data += json.dumps({"text": "Two.\r\nThree."}).encode()
    found = records(data)
    assert [d.path for d in found if isinstance(d, Document)] == [
        "corpus.jsonl#L1", "corpus.jsonl#L4",
    ]  # fmt: skip
    first, last = found
    assert isinstance(first, Document) and isinstance(last, Document)
    assert first.id == hashlib.sha256(b'{"text":"One."}').hexdigest()[:16]  # canonical
    assert last.text == "Two.\nThree."


def test_utf16_jsonl() -> None:
    data = (line({"text": "Zoë liked it."}) + line({"text": "So did Café Max."})).decode()
    found = records(data.encode("utf-16"))
    assert [d.text for d in found if isinstance(d, Document)] == [
        "Zoë liked it.", "So did Café Max.",
    ]  # fmt: skip


def test_text_as_a_list_of_paragraphs() -> None:
    (doc,) = records(line({"text": ["First part.", "Second part."]}))
    assert isinstance(doc, Document)
    assert doc.text == "First part.\n\nSecond part."


def test_empty_file_is_one_error() -> None:
    (error,) = records(b"")
    assert isinstance(error, ReadError) and error.reason == "empty file"


def test_a_line_nested_too_deeply_is_one_error_and_the_rest_are_read() -> None:
    deep = b'{"text": ' + b'{"a": ' * 1000 + b"1" + b"}" * 1000 + b"}\n"
    data = line({"text": "Before it."}) + deep + b"[" * 5000 + b"\n" + line({"text": "After."})
    found = records(data)
    assert [d.text for d in found if isinstance(d, Document)] == ["Before it.", "After."]
    errors = [e for e in found if isinstance(e, ReadError)]
    assert [(e.path, e.reason) for e in errors] == [
        ("corpus.jsonl:2", "invalid JSON (nested too deeply)"),
        ("corpus.jsonl:3", "invalid JSON (nested too deeply)"),
    ]


def test_a_number_too_long_to_read_is_one_error() -> None:
    (error,) = records(b'{"text": "A film.", "year": ' + b"9" * 5000 + b"}\n")
    assert isinstance(error, ReadError)
    assert error.reason == "invalid JSON (a number too long to read)"


def test_lines_that_are_no_object_and_text_that_is_no_text_say_what_they_are() -> None:
    data = b"".join(line(v) for v in (3, "a string", None, True)) + b"".join(
        line({"text": v}) for v in (1.5, ["a", 2], {"text": "inner"}, False)
    )
    reasons = [item.reason for item in records(data) if isinstance(item, ReadError)]
    assert reasons == [
        "not a JSON object but a number",
        "not a JSON object but a string",
        "not a JSON object but null",
        "not a JSON object but a boolean",
        "field 'text' is a number, not text",
        "field 'text' is an array, not text",
        "field 'text' is an object, not text",
        "field 'text' is a boolean, not text",
    ]


def test_null_text_is_no_text_not_a_failure() -> None:
    (item,) = records(line({"text": None, "title": "A redirect"}))
    assert isinstance(item, NoText) and item.reason == "field 'text' is null"


def test_a_record_without_text_is_read_from_its_fields() -> None:
    """A title with a year or a cast list is a record of a film even with no text: its
    fields are read (and the document says it has no text); with no fields, or no
    title, there is nothing to read."""
    data = (line({"title": "Gull Hollow", "year": 1931, "cast": ["Ada Quill"]})
            + line({"title": "Reed Mill"})
            + line({"year": 1940, "cast": ["Bram Tessel"]})
            + line({"title": "Oak Lane", "year": 1952},))
    doc, no_fields, no_title, plain = records(data)
    assert isinstance(doc, Document)
    assert doc.text == "\n\n== Infobox ==\n- Year: 1931\n- Cast: Ada Quill\n"
    assert doc.meta["no_text"] is True and doc.title == "Gull Hollow"
    assert isinstance(no_fields, NoText) and isinstance(no_title, NoText)
    assert isinstance(plain, Document) and plain.text.endswith("- Year: 1952\n")
    (none,) = records(line({"title": "Gull Hollow", "year": 1931}),
                      fields=JsonlFields(record=False))
    assert isinstance(none, NoText)


def test_a_json_file_of_records_is_read_record_by_record() -> None:
    """A JSON array of records (as corpora are often shipped) is read as JSONL lines are,
    each located by its place in the array; one object is one record; a file that is no
    JSON is one error naming it."""
    data = json.dumps([
        {"title": "Gull Hollow", "text": "Gull Hollow is a 1931 drama film.", "year": 1931},
        7,
        {"title": "Reed Mill", "year": 1948},
        {"title": "No Text"},
    ], indent=2).encode()
    first, bad, fields_only, none = read_json(data, "films.json")
    assert isinstance(first, Document) and first.path == "films.json#R1"
    assert first.text.startswith("Gull Hollow is a 1931 drama film.")
    assert isinstance(bad, ReadError) and bad.path == "films.json#R2"
    assert bad.reason == "not a JSON object but a number"
    assert isinstance(fields_only, Document) and fields_only.meta["no_text"] is True
    assert isinstance(none, NoText)
    (one,) = read_json(b'{"title": "Oak Lane", "text": "Oak Lane is a film."}', "one.json")
    assert isinstance(one, Document) and one.path == "one.json#R1"
    (broken,) = read_json(b'{"title": ', "bad.json")
    assert isinstance(broken, ReadError) and broken.path == "bad.json"
    assert broken.reason == "invalid JSON (Expecting value at line 1 column 11)"
    (deep,) = read_json(b"[" * 100_000, "deep.json")
    assert isinstance(deep, ReadError) and deep.reason == "invalid JSON (nested too deeply)"


def test_the_id_is_the_records_meaning_not_its_spelling() -> None:
    record = {"title": "Lantern Road", "text": "Zoë liked it.", "year": 2019, "cast": ["A B"]}
    spellings = [
        json.dumps(record, ensure_ascii=False).encode(),
        json.dumps(dict(reversed(record.items()))).encode(),  # other order, \u escapes
        json.dumps(record, indent=None, separators=(" ,", " :  ")).encode(),
        json.dumps(record, ensure_ascii=False).encode().replace(b"\n", b"") + b"\r",
    ]
    ids = {doc.id for doc in records(b"\n".join(spellings)) if isinstance(doc, Document)}
    assert len(ids) == 1
    canonical = json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    assert ids == {hashlib.sha256(canonical.encode()).hexdigest()[:16]}
    utf16 = records(b"\n".join(spellings[:1]).decode().encode("utf-16"))
    assert [d.id for d in utf16 if isinstance(d, Document)] == list(ids)
    other = records(line({**record, "year": 2020}))
    assert [d.id for d in other if isinstance(d, Document)] != list(ids)


def test_a_lone_surrogate_escape_becomes_a_replacement_character() -> None:
    (doc,) = records(b'{"text": "A film. \\ud800", "title": "T\\udc00", "x\\udfff": ["a"]}\n')
    assert isinstance(doc, Document) and len(doc.id) == 16
    assert doc.text.startswith("A film. \ufffd") and doc.title == "T\ufffd"
    assert "- X\ufffd: a" in doc.text
    doc.text.encode("utf-8")  # storable


def test_a_nul_escape_becomes_a_replacement_character_and_a_nul_byte_fails_its_line() -> None:
    data = (
        b'{"text": "A\\u0000B, not \\\\u0000."}\n'  # an escaped NUL, then a backslash and "u0000"
        b'{"text": "raw \x00 NUL"}\n'  # a NUL byte in the first 64 bytes: no sign of UTF-16
        + line({"text": "Fine."})
    )
    found = records(data)
    assert isinstance(found[0], Document) and found[0].text == "A\ufffdB, not \\u0000."
    assert isinstance(found[1], ReadError)
    assert (found[1].path, found[1].reason) == ("corpus.jsonl:2", "NUL byte at byte 14 of the line")
    assert isinstance(found[2], Document) and found[2].text == "Fine."
