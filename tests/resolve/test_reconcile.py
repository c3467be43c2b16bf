from backtrace.resolve.facts import ClaimRow, reconcile


def row(
    n, prop, value, key=None, doc="d1", kind="encyclopedia", date=None, quals=None, display=None
):
    return ClaimRow(
        id=f"{doc}:{n}",
        property=prop,
        value=value,
        value_key=key if key is not None else str(value),
        qualifiers=quals or {},
        confidence=0.9,
        document_id=doc,
        document_kind=kind,
        document_date=date,
        display=display,
    )


def test_same_value_from_two_documents_is_one_agreed_fact():
    facts = reconcile(
        [row(1, "director", "J. Roe", "e:7"), row(2, "director", "Roe", "e:7", doc="d2")]
    )
    assert len(facts) == 1
    assert facts[0].status == "agreed" and facts[0].believed
    assert facts[0].claim_ids == ["d1:1", "d2:2"]
    assert "2 documents" in facts[0].reason


def test_single_valued_property_with_two_values_is_a_conflict_with_one_believed():
    facts = reconcile(
        [
            row(1, "duration", 104, doc="enc", kind="encyclopedia"),
            row(2, "duration", 98, doc="news", kind="news"),
        ]
    )
    assert [f.status for f in facts] == ["conflict", "conflict"]
    believed = [f for f in facts if f.believed]
    assert len(believed) == 1 and believed[0].value == 104
    assert "believed" in believed[0].reason and "encyclopedia" in believed[0].reason


def test_more_documents_beat_a_better_kind_of_source():
    facts = reconcile(
        [
            row(1, "cost", {"amount": 5, "currency": "USD"}, "5 USD", doc="enc"),
            row(2, "cost", {"amount": 6, "currency": "USD"}, "6 USD", doc="n1", kind="news"),
            row(3, "cost", {"amount": 6, "currency": "USD"}, "6 USD", doc="n2", kind="news"),
        ]
    )
    assert [f.value["amount"] for f in facts if f.believed] == [6]


def test_box_office_competes_only_within_a_region():
    facts = reconcile(
        [
            row(
                1,
                "box_office",
                {"amount": 1, "currency": "USD"},
                "1 USD",
                quals={"region": "worldwide"},
            ),
            row(
                2,
                "box_office",
                {"amount": 2, "currency": "USD"},
                "2 USD",
                quals={"region": "North America"},
            ),
        ]
    )
    assert all(f.status == "agreed" for f in facts)
    facts = reconcile(
        [
            row(
                1,
                "box_office",
                {"amount": 1, "currency": "USD"},
                "1 USD",
                quals={"region": "worldwide"},
            ),
            row(
                2,
                "box_office",
                {"amount": 3, "currency": "USD"},
                "3 USD",
                doc="d2",
                quals={"region": "worldwide"},
            ),
        ]
    )
    assert all(f.status == "conflict" for f in facts)


def test_cast_keeps_source_order_and_merges_qualifiers():
    facts = reconcile(
        [
            row(1, "cast_member", "A", "e:1"),
            row(2, "cast_member", "B", "e:2"),
            row(3, "cast_member", "A", "e:1", doc="d2", quals={"character": "Sykes"}),
        ]
    )
    assert [f.value for f in facts] == ["A", "B"]
    assert facts[0].qualifiers == {"character": "Sykes"}
    assert [f.position for f in facts] == [0, 1]


def test_display_name_replaces_the_name_as_written():
    facts = reconcile([row(1, "director", "Miller", "e:3", display="Brian A. Miller")])
    assert facts[0].value == "Brian A. Miller"


def test_no_claims_no_facts():
    assert reconcile([]) == []


def test_reason_counts_documents_not_claims():
    facts = reconcile([row(1, "director", "X", "e:1"), row(2, "director", "X", "e:1")])
    assert facts[0].reason == "stated by 1 document (the encyclopedia entry d1)"


def test_one_work_written_three_ways_is_one_based_on_fact_shown_in_full():
    facts = reconcile([
        row(1, "based_on", "The Glass Harbour by Mira Tolland",
            "the glass harbour by mira tolland"),
        row(2, "based_on", "Mira Tolland's 2009 novel The Glass Harbour",
            "mira tolland s 2009 novel the glass harbour", doc="d2"),
        row(3, "based_on", "The Glass Harbour", "the glass harbour", doc="d3"),
        row(4, "based_on", "the play Salt Wind", "the play salt wind", doc="d3"),
    ])
    assert [(f.value, len(f.claim_ids)) for f in facts] == [
        ("Mira Tolland's 2009 novel The Glass Harbour", 3), ("the play Salt Wind", 1)]
    assert facts[0].status == "agreed" and "3 documents" in facts[0].reason
