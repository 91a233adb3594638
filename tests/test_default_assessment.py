"""The default self-assessment as issue #12's review asked: one idea per statement, a customer
wording for what customers can observe, reverse items in both perspectives and in every
dimension a customer scores, the threshold on a band limit, still labelled a practical
diagnostic."""

from __future__ import annotations

import re

from site_support import ROOT

from playbook_gen.content.loader import load_handbook

HANDBOOK = load_handbook(ROOT / "content")
ASSESSMENT = HANDBOOK.assessments["internal-service"]
QUESTIONS = [q for d in ASSESSMENT.dimensions for q in d.questions]
TEAM_ONLY = {"rsp-4", "own-2", "own-4", "fbk-1", "fbk-5"}
"""Internals a customer cannot see: how the team measures, its tools, its own speaking up."""


def test_customers_answer_every_statement_they_can_observe_and_none_they_cannot():
    assert {q.id for q in QUESTIONS if q.customer is None} == TEAM_ONLY
    assert len(QUESTIONS) == 30


def test_customers_can_score_every_dimension():
    """The gap needs a customer score per dimension: at least min_answered customer questions."""
    for dim in ASSESSMENT.dimensions:
        customer = [q for q in dim.questions if q.customer]
        assert len(customer) >= ASSESSMENT.min_answered, dim.id


def test_the_team_speaks_as_we_and_customers_as_i_about_them():
    for q in QUESTIONS:
        assert re.search(r"\b(we|our|us)\b", q.text, re.I) or not q.text.startswith("They")
        if q.customer:
            assert not re.search(r"\b(we|our|us)\b", q.customer, re.I), q.customer
            assert re.search(r"\b(I|me|my)\b", q.customer) and re.search(
                r"\b(they|their|them|theirs)\b", q.customer, re.I
            ), q.customer


def test_reverse_items_in_both_perspectives_and_in_every_dimension_customers_score():
    reverse = {q.id for q in QUESTIONS if q.reverse}
    assert reverse & TEAM_ONLY and reverse - TEAM_ONLY
    for dim in ASSESSMENT.dimensions:
        customer = [q for q in dim.questions if q.customer]
        assert any(q.reverse for q in customer), dim.id
        assert not all(q.reverse for q in customer), dim.id
    assert len(reverse) < len(QUESTIONS) / 2


def test_one_idea_per_statement():
    """No statement joins two ideas with "and" or "or", nor speaks in absolutes. The three pairs
    left name alternatives within one idea: people or teams handing over, meeting a date or
    agreeing a new one, complex or sensitive issues talked through by call or meeting."""
    allowed = {"eff-3", "rel-2", "com-3"}
    for q in QUESTIONS:
        for text in (q.text, q.customer or ""):
            assert not re.search(r"\b(always|never)\b", text, re.I), text
            if q.id not in allowed:
                assert not re.search(r"\b(and|or)\b", text), text


def test_the_threshold_is_a_band_limit_and_the_method_says_so():
    assert ASSESSMENT.threshold == 3.5
    assert [b.upto for b in ASSESSMENT.bands] == [2, 2.75, 3.5, 4.25, 5]
    method = " ".join(ASSESSMENT.method.split())
    assert "below 3.5, where the Dependable band ends" in method
    assert "up to 3.5 Dependable" in method


def test_still_labelled_a_practical_diagnostic_with_its_counts_right():
    method = " ".join(ASSESSMENT.method.split())
    assert "practical diagnostic, not a validated psychometric instrument" in method
    assert "30 statements" in method and "30 statements" in ASSESSMENT.intro
    assert "Twenty-five of the statements" in method
    assert sum(1 for q in QUESTIONS if q.customer) == 25
