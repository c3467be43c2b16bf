"""bench/citations.py: every statement of every article of the sample corpus cites a span
stating its value (100%), its rules catch what is not, and it runs beside a baseline."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpus"


def test_the_rules_read_values_as_sources_write_them(load_bench) -> None:
    bench = load_bench("citations")
    assert bench.has_date("2018-12-14", "It opens Dec. 14, 2018 nationwide.")
    assert bench.has_date("2018-12-14", "on 14 December 2018")
    assert bench.has_date("2018-12-14", "playing screens on December 14.")  # year: the date's
    assert not bench.has_date("2018-12-14", "on December 15, 2018")
    assert bench.has_date("2018-11", "announced in November 2018")
    assert not bench.has_date("2018-11", "announced in November")
    assert 6_000_000 in bench.amounts("a budget of $6 million")
    assert 490_636 in bench.amounts("grossed $490,636")
    assert 87 in bench.minutes("runs 1 hour 27 minutes") and 87 in bench.minutes("87-minute cut")
    assert bench.has_name("United States", "a 2018 American thriller")
    assert bench.has_name("Zoë Marchetti", "zoe marchetti plays")
    assert not bench.has_name("Ann Lee", "Annabel Leeds stars")


def test_a_statement_whose_sentence_lacks_its_value_fails(load_bench) -> None:
    bench = load_bench("citations")

    def film(text: str, facts: list[dict], quotes: list[str]) -> dict:
        return {"title": "Tin Harbor", "year": 2015,
                "statements": [{"text": text, "facts": facts, "quotes": quotes}]}  # fmt: skip

    director = {"prop": "director", "value": "Ola Penn", "qualifiers": {}}
    good = bench.judge([film("Directed by Ola Penn.", [director], ["- Director: Ola Penn"])])
    assert good.share == 1.0 and good.values == 1
    bad = bench.judge([film("Directed by Ola Penn.", [director], ["- Runtime: 90 minutes"])])
    assert bad.share == 0.0 and "states director Ola Penn" in bad.failures[0]
    tally = {"prop": "review", "value": "positive", "qualifiers": {}}
    derived = bench.judge([film("Of the two reviews collected here, both are positive.",
                                [tally], [])])  # fmt: skip
    assert derived.values == 0  # a count states no value of a source


@pytest.mark.slow
def test_the_sample_corpus_is_fully_supported() -> None:
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "citations.py"), "--corpus", str(CORPUS)],
        capture_output=True, text=True, check=True, cwd=ROOT,
    ).stdout
    assert "corpus: examples/corpus\n" in out
    line = next(li for li in out.splitlines() if li.startswith("this checkout: "))
    assert "(100.0%)" in line and " in 7 articles" in line
    assert "failures" not in out
    assert out.rstrip().endswith("reproduce: .venv/bin/python bench/citations.py --corpus "
                                 "examples/corpus")
    assert "/work/" not in out and str(ROOT) not in out  # no local path in the output


@pytest.mark.slow
def test_beside_a_baseline_revision(tmp_path: Path) -> None:
    if subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"],
                      capture_output=True).returncode:  # fmt: skip
        pytest.skip("not a git checkout")
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "citations.py"), "--corpus", str(CORPUS),
         "--baseline", "HEAD"],
        capture_output=True, text=True, check=True, cwd=ROOT,
    ).stdout
    assert "baseline HEAD: " in out and "this checkout: " in out
    assert out.rstrip().endswith("--baseline HEAD")
