"""The reconciliation rules, one by one, on claim rows written for these tests."""

from __future__ import annotations

import random

import pytest

from backtrace.resolve.facts import SUM_TOLERANCE, ClaimRow, Override, reconcile

USD = "USD"


def claim(
    n,
    prop,
    value,
    *,
    doc="enc",
    source="encyclopedia",
    date=None,
    conf=0.9,
    key=None,
    release=None,
    **quals,
):
    """A claim row; ``release`` is a release date's kind (its ``kind`` qualifier)."""
    quals["kind"] = release
    if isinstance(value, dict):
        key = key or f"{value['amount']} {value['currency']}"
    return ClaimRow(
        id=f"{doc}:{n}",
        property=prop,
        value=value,
        value_key=key if key is not None else str(value),
        qualifiers={k: v for k, v in quals.items() if v is not None},
        confidence=conf,
        document_id=doc,
        document_kind=source,
        document_date=date,
        document_name=f"{doc}.txt",
        extractor="test",
    )


def money(amount, currency=USD):
    return {"amount": amount, "currency": currency}


def by_value(facts, prop):
    return {
        (str(f.value), f.qualifiers.get("region") or f.qualifiers.get("kind")): f
        for f in facts
        if f.property == prop
    }


# -- agreement across surface forms ------------------------------------------------------
def test_one_amount_written_two_ways_is_one_agreed_fact_with_higher_confidence():
    facts = reconcile(
        [
            claim(1, "cost", money(6_000_000), doc="enc", conf=0.9),
            # the same amount with a differently written currency key from another source
            claim(
                2,
                "cost",
                money(6_000_000, "usd"),
                doc="news",
                source="news",
                key="6000000 usd",
                conf=0.75,
            ),
        ]
    )
    assert len(facts) == 1
    fact = facts[0]
    assert fact.status == "agreed" and fact.believed
    assert fact.claim_ids == ["enc:1", "news:2"]
    assert fact.confidence == pytest.approx(1 - 0.1 * 0.25, abs=1e-3)
    assert "2 documents" in fact.reason and "enc.txt" in fact.reason and "news.txt" in fact.reason


def test_a_bare_release_date_joins_the_same_date_with_a_kind():
    facts = reconcile(
        [
            claim(1, "publication_date", "2020-05-01"),
            claim(
                2,
                "publication_date",
                "2020-05-01",
                doc="n",
                source="news",
            ),
        ]
    )
    assert len(facts) == 1 and facts[0].status == "agreed"


def test_a_release_stated_with_some_qualifiers_joins_the_one_stated_with_all():
    facts = reconcile([
        claim(1, "publication_date", "2020-05-01", region="Norway"),
        claim(2, "publication_date", "2020-05-01", release="theatrical", region="Norway"),
        claim(3, "publication_date", "2020-05-01", release="theatrical", region="Sweden"),
        claim(4, "publication_date", "2020-05-01", doc="n", source="news",
              release="theatrical", region="Sweden", date="2020-04-01", announced=True),
        claim(5, "publication_date", "2020-05-01", doc="m", source="news",
              release="theatrical", date="2020-04-01", announced=True),
    ])
    regions = sorted((f.qualifiers.get("region"), len(f.claim_ids)) for f in facts)
    # Norway's bare-kind claim joins Norway's; the announcement with no region joins the
    # better supported Sweden; and it is no announcement any more
    assert regions == [("Norway", 2), ("Sweden", 3)]
    assert not any(f.qualifiers.get("announced") for f in facts)


# -- regional sums against a stated total ------------------------------------------------
def _gross(total, north_america, rest, *, total_conf=0.95):
    return [
        claim(1, "box_office", money(total), region="worldwide", conf=total_conf),
        claim(2, "box_office", money(north_america), region="North America", conf=0.75),
        claim(3, "box_office", money(rest), region="other territories", conf=0.75),
    ]


def test_regional_figures_that_add_up_to_the_total_agree_with_it():
    # 1,203,311 + 998,402 = 2,201,713; the total differs by 0.05 %, inside the tolerance
    facts = reconcile(_gross(2_202_800, 1_203_311, 998_402))
    assert {f.status for f in facts} == {"agreed"}
    total = by_value(facts, "box_office")[(str(money(2_202_800)), "worldwide")]
    assert "agrees with the regional figures" in total.reason
    assert total.believed


def test_regional_figures_that_do_not_add_up_are_a_conflict_with_a_believed_value():
    # 1,203,311 + 998,402 = 2,201,713 against 2,290,004: 3.9 % apart
    facts = reconcile(_gross(2_290_004, 1_203_311, 998_402))
    assert {f.status for f in facts} == {"conflict"}
    believed = [f for f in facts if f.believed]
    assert [f.value["amount"] for f in believed] == [2_290_004]
    assert "more than the 0.1% tolerance" in believed[0].reason
    assert "$1,203,311 (North America) + $998,402 (other territories)" in believed[0].reason
    disputed = [f for f in facts if not f.believed]
    assert all("not believed as part of the regional figures" in f.reason for f in disputed)
    assert all(0 <= f.confidence <= 1 for f in facts)
    assert believed[0].confidence > disputed[0].confidence


def test_the_tolerance_is_a_tenth_of_a_percent():
    assert SUM_TOLERANCE == 0.001
    inside = reconcile(_gross(1_000_999, 500_011, 500_001))  # 987 apart: 0.099 %
    outside = reconcile(_gross(1_001_120, 500_011, 500_001))  # 1,108 apart: 0.11 %
    assert {f.status for f in inside} == {"agreed"}
    assert {f.status for f in outside} == {"conflict"}


def test_a_round_total_is_read_as_rounded():
    # "$2.2 million" against exact regions summing to 2,201,713: within its rounding
    facts = reconcile(_gross(2_200_000, 1_203_311, 998_402))
    assert {f.status for f in facts} == {"agreed"}


def test_home_video_sales_are_not_part_of_the_gross():
    rows = _gross(2_201_713, 1_203_311, 998_402) + [
        claim(4, "box_office", money(700_000), region="home video sales", conf=0.75)
    ]
    assert {f.status for f in reconcile(rows)} == {"agreed"}


def test_regional_figures_from_another_document_are_not_summed_with_these():
    rows = [
        claim(1, "box_office", money(2_290_004), region="worldwide"),
        claim(2, "box_office", money(1_203_311), region="North America", doc="a"),
        claim(3, "box_office", money(998_402), region="other territories", doc="b"),
    ]
    assert {f.status for f in reconcile(rows)} == {"agreed"}


def test_regional_figures_win_when_more_documents_state_them():
    rows = _gross(2_290_004, 1_203_311, 998_402) + [
        claim(1, "box_office", money(1_203_311), region="North America", doc="n2", source="news"),
        claim(2, "box_office", money(998_402), region="other territories", doc="n2", source="news"),
    ]
    facts = reconcile(rows)
    assert sorted(f.value["amount"] for f in facts if f.believed) == [998_402, 1_203_311]
    total = next(f for f in facts if f.value["amount"] == 2_290_004)
    assert not total.believed and "more independent documents (2 against 1)" in total.reason


# -- the kind of a theatrical release; announcements superseded ------------------------------
def _release(wide_date="2021-03-01"):
    return [
        claim(
            1,
            "publication_date",
            "2021-04-09",
            doc="news",
            source="news",
            date=wide_date,
            announced=True,
            release="wide",
        ),
        claim(2, "publication_date", "2021-04-09", doc="enc", release="limited"),
    ]


def test_an_announced_wide_release_is_superseded_by_a_later_report_of_a_limited_one():
    facts = reconcile(_release())
    assert [f.status for f in facts] == ["conflict", "conflict"]
    believed = [f for f in facts if f.believed]
    assert [f.qualifiers["kind"] for f in believed] == ["limited"]
    wide = next(f for f in facts if f.qualifiers["kind"] == "wide")
    assert "only announced" in wide.reason and "supersedes the announcement" in wide.reason
    assert "news.txt" in wide.reason and "enc.txt" in wide.reason
    assert believed[0].confidence > wide.confidence


def test_an_announcement_is_not_superseded_by_an_earlier_report():
    rows = [
        claim(
            1,
            "publication_date",
            "2021-04-09",
            doc="news",
            source="news",
            date="2021-03-01",
            announced=True,
            release="wide",
        ),
        claim(
            2,
            "publication_date",
            "2021-04-09",
            doc="n2",
            source="news",
            date="2021-02-01",
            release="limited",
        ),
        claim(
            3,
            "publication_date",
            "2021-04-09",
            doc="n3",
            source="news",
            date="2021-02-20",
            announced=True,
            release="wide",
        ),
    ]
    facts = reconcile(rows)
    assert [f.qualifiers["kind"] for f in facts if f.believed] == ["wide"]


def test_wide_and_limited_on_different_dates_do_not_compete():
    rows = [
        claim(1, "publication_date", "2021-04-09", release="limited"),
        claim(2, "publication_date", "2021-05-14", doc="n", source="news", release="wide"),
    ]
    assert {f.status for f in reconcile(rows)} == {"agreed"}


def test_a_report_that_confirms_an_announcement_drops_the_announced_mark():
    rows = [
        claim(
            1,
            "publication_date",
            "2021-04-09",
            doc="news",
            source="news",
            date="2021-03-01",
            announced=True,
            release="VOD",
        ),
        claim(2, "publication_date", "2021-04-09", doc="enc", release="VOD"),
    ]
    (fact,) = reconcile(rows)
    assert fact.status == "agreed" and "announced" not in fact.qualifiers


# -- the other rules, in order ---------------------------------------------------------------
def test_kind_of_source_decides_between_single_documents():
    facts = reconcile(
        [claim(1, "duration", 101), claim(2, "duration", 99, doc="r", source="review")]
    )
    assert [f.value for f in facts if f.believed] == [101]
    assert "(the encyclopedia entry over the review)" in facts[0].reason


def test_a_round_figure_agrees_with_the_precise_figure_it_rounds():
    facts = reconcile(
        [
            claim(1, "cost", money(6_000_000), doc="a"),  # "$6 million"
            claim(2, "cost", money(5_987_000), doc="b"),
        ]
    )
    assert [(f.value["amount"], f.status, f.claim_ids) for f in facts] == [
        (5_987_000, "agreed", ["b:2", "a:1"])
    ]


def test_a_precise_figure_beats_a_round_one_it_does_not_round_to():
    facts = reconcile(
        [claim(1, "cost", money(6_000_000), doc="a"), claim(2, "cost", money(6_700_000), doc="b")]
    )
    believed = next(f for f in facts if f.believed)
    assert believed.value["amount"] == 6_700_000 and "more specific" in believed.reason
    assert {f.status for f in facts} == {"conflict"}


def test_box_office_without_a_region_or_in_two_currencies_does_not_compete():
    rows = [
        claim(1, "box_office", money(4_090_000), doc="a"),
        claim(2, "box_office", money(1_110_000_000, "INR"), doc="b"),
        claim(3, "box_office", money(3_000_000), doc="c", region="India"),
        claim(4, "box_office", money(190_000_000, "INR"), doc="d", region="India"),
    ]
    assert {f.status for f in reconcile(rows)} == {"agreed"}


def test_a_later_source_beats_an_earlier_one():
    facts = reconcile(
        [
            claim(1, "duration", 101, doc="a", source="news", date="2021-01-01"),
            claim(2, "duration", 96, doc="b", source="news", date="2021-06-01"),
        ]
    )
    believed = next(f for f in facts if f.believed)
    assert (
        believed.value == 96 and "later source (2021-06-01 against 2021-01-01)" in believed.reason
    )


def test_confidence_decides_last():
    facts = reconcile(
        [
            claim(1, "duration", 101, doc="a", conf=0.95),
            claim(2, "duration", 96, doc="b", conf=0.75),
        ]
    )
    assert next(f for f in facts if f.believed).value == 101
    assert "higher confidence" in facts[0].reason


def test_order_of_claims_does_not_change_the_verdicts():
    rows = (
        _gross(2_290_004, 1_203_311, 998_402)
        + _release()
        + [
            claim(7, "duration", 101, doc="a", source="news", date="2021-01-01"),
            claim(8, "duration", 96, doc="b", source="news", date="2021-06-01"),
            claim(9, "cost", money(6_000_000), doc="a"),
        ]
    )

    def verdicts(facts):
        return sorted(
            (
                f.property,
                str(f.value),
                str(f.qualifiers),
                f.status,
                f.believed,
                f.confidence,
                f.reason,
            )
            for f in facts
        )

    expected = verdicts(reconcile(rows))
    for seed in range(5):
        shuffled = rows[:]
        random.Random(seed).shuffle(shuffled)
        assert verdicts(reconcile(shuffled)) == expected


# -- curator overrides -------------------------------------------------------------------------
def decision(prop, value, n=1, when="2026-01-01T00:00:00", **quals):
    return Override(n, prop, value, quals, f"checked the print, decision {n}", when)


def test_an_override_settles_a_conflict():
    rows = [claim(1, "duration", 101, doc="a"), claim(2, "duration", 96, doc="b", source="news")]
    facts = reconcile(rows, [decision("duration", 96)])
    chosen = next(f for f in facts if f.value == 96)
    other = next(f for f in facts if f.value == 101)
    assert (chosen.status, chosen.believed, chosen.confidence) == ("overridden", True, 1.0)
    assert "“checked the print, decision 1”" in chosen.reason and chosen.override_id == 1
    assert chosen.claim_ids == ["b:2"]  # its sources stay
    assert (other.status, other.believed) == ("overridden", False)
    assert "overruled by the curator" in other.reason
    assert facts[0] is chosen  # the believed value first


def test_an_override_no_source_states_becomes_a_fact_without_claims():
    facts = reconcile([claim(1, "duration", 101)], [decision("duration", 104)])
    new = next(f for f in facts if f.value == 104)
    assert new.claim_ids == [] and new.override_id == 1 and new.believed
    assert "no source states this value" in new.reason
    assert not next(f for f in facts if f.value == 101).believed


def test_an_override_of_a_list_value_leaves_the_others_alone():
    rows = [claim(1, "genre", "mystery", key="mystery"), claim(2, "genre", "drama", key="drama")]
    facts = reconcile(rows, [decision("genre", "Comedy")])
    assert [(str(f.value), f.status, f.believed) for f in facts] == [
        ("mystery", "agreed", True),
        ("drama", "agreed", True),
        ("Comedy", "overridden", True),
    ]


def test_the_latest_override_of_a_slot_wins():
    facts = reconcile(
        [claim(1, "duration", 101)],
        [decision("duration", 104, 1, "2026-01-01"), decision("duration", 99, 2, "2026-02-01")],
    )
    assert [f.value for f in facts if f.believed] == [99]


def test_an_override_settles_the_theatrical_kind():
    facts = reconcile(_release(), [decision("publication_date", "2021-04-09", kind="wide")])
    wide = next(f for f in facts if f.qualifiers.get("kind") == "wide")
    limited = next(f for f in facts if f.qualifiers.get("kind") == "limited")
    assert (wide.status, wide.believed) == ("overridden", True)
    assert (limited.status, limited.believed) == ("overridden", False)


def test_a_box_office_override_settles_only_its_region():
    facts = reconcile(
        _gross(2_290_004, 1_203_311, 998_402),
        [decision("box_office", money(2_201_713), region="worldwide")],
    )
    assert [f.value["amount"] for f in facts if f.believed and f.status == "overridden"] == [
        2_201_713
    ]
    assert not next(f for f in facts if f.value["amount"] == 2_290_004).believed


def test_a_month_joins_the_one_day_of_that_month():
    rows = [
        claim(
            1,
            "publication_date",
            "2021-04",
            doc="news",
            source="news",
            date="2021-01-05",
            announced=True,
            release="limited",
        ),
        claim(2, "publication_date", "2021-04-09", doc="enc"),
        claim(3, "publication_date", "2021-06", doc="enc", release="home video"),
    ]
    facts = reconcile(rows)
    assert sorted((f.value, f.qualifiers["kind"], sorted(f.claim_ids)) for f in facts) == [
        ("2021-04-09", "limited", ["enc:2", "news:1"]),
        ("2021-06", "home video", ["enc:3"]),
    ]
    assert all(f.status == "agreed" and "announced" not in f.qualifiers for f in facts)


def test_a_month_with_two_days_in_it_stays_apart():
    rows = [
        claim(1, "publication_date", "2021-04", doc="news", source="news"),
        claim(2, "publication_date", "2021-04-09", doc="enc", region="Canada"),
        claim(3, "publication_date", "2021-04-23", doc="enc", region="France"),
    ]
    assert len(reconcile(rows)) == 3


def test_an_announced_date_is_superseded_by_a_later_report_of_another_date():
    rows = [
        claim(
            1,
            "publication_date",
            "2021-04-09",
            doc="news",
            source="news",
            date="2021-03-01",
            announced=True,
            release="wide",
        ),
        claim(2, "publication_date", "2021-05-14", doc="enc", release="wide"),
    ]
    facts = reconcile(rows)
    assert {f.status for f in facts} == {"conflict"}
    assert [f.value for f in facts if f.believed] == ["2021-05-14"]
    moved = next(f for f in facts if f.value == "2021-04-09")
    assert "supersedes the announcement" in moved.reason
    assert "announced for 2021-04-09 and reported on 2021-05-14" in moved.reason


def test_a_confirmed_announcement_or_an_earlier_report_is_no_move():
    confirmed = [
        claim(
            1,
            "publication_date",
            "2021-04-09",
            doc="news",
            source="news",
            date="2021-03-01",
            announced=True,
            release="wide",
        ),
        claim(2, "publication_date", "2021-04-09", doc="enc", release="wide"),
        claim(3, "publication_date", "2021-05-14", doc="enc", release="wide", region="France"),
    ]
    assert {f.status for f in reconcile(confirmed)} == {"agreed"}
    earlier = [
        claim(
            1,
            "publication_date",
            "2021-04-09",
            doc="news",
            source="news",
            date="2021-03-01",
            announced=True,
            release="VOD",
        ),
        claim(
            2,
            "publication_date",
            "2020-11-02",
            doc="n0",
            source="news",
            date="2020-11-03",
            release="VOD",
        ),
    ]
    assert {f.status for f in reconcile(earlier)} == {"agreed"}


def test_a_day_without_a_year_joins_the_one_dated_day_and_brings_its_media():
    rows = [
        claim(1, "publication_date", "2021-06-15", doc="enc", release="home video"),
        claim(2, "publication_date", "--06-15", doc="rev", source="review",
              release="home video", media=["Blu-ray", "DVD"]),
    ]  # fmt: skip
    (fact,) = reconcile(rows)
    assert fact.value == "2021-06-15" and fact.qualifiers["media"] == ["Blu-ray", "DVD"]
    assert sorted(fact.claim_ids) == ["enc:1", "rev:2"]


def test_a_day_without_a_year_and_nothing_to_join_makes_no_fact():
    rows = [
        claim(1, "publication_date", "2021-06-15", doc="enc", release="home video"),
        claim(2, "publication_date", "--03-02", doc="rev", source="review", release="VOD"),
    ]
    assert [f.value for f in reconcile(rows)] == ["2021-06-15"]
