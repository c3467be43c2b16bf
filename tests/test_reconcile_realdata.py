"""Reconciliation on real encyclopedia articles (../shared/data/wiki-2018-films): few
conflicts, each explained, and regional grosses that add up agree with the total."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.realdata

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
CORPUS = DATA / "wiki-2018-films" / "films2018_dev.jsonl"


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    if not CORPUS.is_file():
        pytest.skip("../shared/data/wiki-2018-films is absent")
    import backtrace

    with backtrace.open(tmp_path_factory.mktemp("real") / "real.db") as kb:
        kb.ingest([CORPUS], kind="encyclopedia")
        yield kb


def test_conflicts_are_few_and_explained(kb):
    films = [f for f in kb.films() if f["facts"]]
    rows = kb.conflicts()
    assert len(films) >= 50
    assert len({r["film"]["id"] for r in rows}) <= len(films) // 10
    for row in rows:
        assert row["believed"]
        for value in row["values"]:
            assert value["sources"] and value["reason"]


def test_a_total_that_equals_its_regional_figures_agrees_with_them(kb):
    record = kb.film("The 15:17 to Paris")
    worldwide = [
        f for f in record["facts"]["box_office"] if f["qualifiers"].get("region") == "worldwide"
    ]
    assert worldwide and all(f["status"] == "agreed" for f in worldwide)
    assert any("agrees with the regional figures" in f["reason"] for f in worldwide)
