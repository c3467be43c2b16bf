"""Every rule table row is tested by its own examples; the matcher by a made-up table."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from backtrace.extract.credit_rules import CREDIT_RULES
from backtrace.extract.credited_as import CREDITED_AS_RULES
from backtrace.extract.mention_rules import MENTION_RULES
from backtrace.extract.prose_figures import PLACE_RULES
from backtrace.extract.prose_releases import (
    ANNOUNCEMENT_RULES,
    RELEASE_CUES,
    RELEASE_VERBS,
    announcement_hits,
    release_events,
    release_hits,
)
from backtrace.extract.roles import BASED_ON_RULES, HEAD_RULES, LEAD_RULES
from backtrace.extract.rules import FILTERS, GUARDS, READERS, Example, RoleHit, Rule, check, match

TABLES = {"credit": CREDIT_RULES, "lead": LEAD_RULES, "head": HEAD_RULES,
          "based-on": BASED_ON_RULES,
          "place": PLACE_RULES,
          "release": RELEASE_CUES, "lead-release": RELEASE_VERBS,
          "announcement": ANNOUNCEMENT_RULES, "mention": MENTION_RULES,
          "credited-as": CREDITED_AS_RULES}


def _releases(rule: Rule, text: str) -> list[RoleHit]:
    return release_events(text, 0, len(text), ref=None, written=None, rules=(rule,))


def _lead_releases(rule: Rule, text: str) -> list[RoleHit]:
    return release_hits(text, 0, len(text), rules=(rule,))


def _announcements(rule: Rule, text: str) -> list[RoleHit]:
    return announcement_hits(text, 0, len(text), ref=None, rules=(rule,))


# the tables whose rows find a cue only: their examples run through the function that reads
# the dates after it (with the document's date, which a reader does not see)
RUNNERS = {"release": _releases, "lead-release": _lead_releases,
           "announcement": _announcements}
ROWS = [pytest.param(rule, RUNNERS.get(table), id=f"{table}:{rule.name}")
        for table, rules in TABLES.items() for rule in rules]


@pytest.mark.parametrize(("rule", "run"), ROWS)
def test_rule_examples(rule: Rule, run: Callable[[Rule, str], list[RoleHit]] | None) -> None:
    assert check(rule, run) == []


@pytest.mark.parametrize("rule", [pytest.param(p.values[0], id=p.id) for p in ROWS])
def test_rule_names_what_it_uses(rule: Rule) -> None:
    """A row's reader, filter and guards are registered by those names."""
    assert rule.read in READERS
    assert rule.keep is None or rule.keep in FILTERS
    assert all(name in GUARDS for name in rule.unless_before)


def test_rule_names_are_unique_per_table() -> None:
    for rules in TABLES.values():
        names = [r.name for r in rules]
        assert len(names) == len(set(names))


def test_check_names_what_a_row_gets_wrong() -> None:
    rule = Rule("filmed-by", r"\bfilmed\s+by\s+", (("director_of_photography", {}),),
                examples=(Example("It was filmed by Lia Ek.", "director_of_photography=Bo Ek"),),
                counterexamples=("It was filmed by Lia Ek.",))
    problems = check(rule)
    assert any("'director_of_photography=Bo Ek' not found" in p for p in problems)
    assert any("gives ['director_of_photography=Lia Ek']" in p for p in problems)
    assert check(Rule("bare", r"x")) == ["bare: no example"]


def test_one_row_is_one_new_rule() -> None:
    """Adding a rule is one row: the matcher reads it with no other change."""
    row = Rule("lensed-with", r"\blensed\s+with\s+", (("director_of_photography", {}),),
               examples=(Example("It was lensed with Lia Ek.", "director_of_photography=Lia Ek"),))
    assert check(row) == []
    text = "It was lensed with Lia Ek and cut by hand."
    hits = match((*CREDIT_RULES, row), text, 0, len(text))
    assert [(h.prop, h.value, text[h.start:h.end]) for h in hits] == [
        ("director_of_photography", "Lia Ek", "Lia Ek")]


def test_a_guard_word_before_cancels_and_the_window_is_bounded() -> None:
    rule = next(r for r in CREDIT_RULES if r.name == "role-noun-name")
    near = "Its executive producer Bo Lind spoke."
    assert match([rule], near, 0, len(near)) == []
    far = "An executive spoke at length today, and then producer Bo Lind agreed."
    assert [h.value for h in match([rule], far, 0, len(far))] == ["Bo Lind"]
