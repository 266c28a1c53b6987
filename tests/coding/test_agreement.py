"""Cohen's kappa between two blind coders, checked against examples worked by hand."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.urls import reverse

from coding import agreement, services
from tests.factories import sign_in

from .conftest import access, coding_input, readable_report


def test_kappa_of_a_two_by_two_table_worked_by_hand():
    # 50 reports. Both coders used the code on 20, only the first on 5, only the second on 10, neither on 15.
    # Observed agreement pₒ = (20 + 15) / 50 = 0.70. The first used it on 25/50 = 0.5, the second on
    # 30/50 = 0.6, so chance agreement pₑ = 0.5 × 0.6 + 0.5 × 0.4 = 0.50, and κ = (0.70 − 0.50) / (1 − 0.50) = 0.40.
    first = [True] * 20 + [True] * 5 + [False] * 10 + [False] * 15
    second = [True] * 20 + [False] * 5 + [True] * 10 + [False] * 15
    assert agreement.cohens_kappa(first, second) == pytest.approx(0.40)


def test_kappa_of_three_categories_worked_by_hand():
    # Error types on 10 reports. Agreed on 7 (slip ×3, lapse ×2, mistake ×2): pₒ = 0.7.
    # First: slip 5, lapse 3, mistake 2. Second: slip 4, lapse 3, mistake 3.
    # pₑ = (5×4 + 3×3 + 2×3) / 100 = 0.35, κ = (0.7 − 0.35) / 0.65 = 0.5385…
    first = ["slip", "slip", "slip", "lapse", "lapse", "mistake", "slip", "slip", "lapse", "mistake"]
    second = ["slip", "slip", "slip", "lapse", "lapse", "mistake", "lapse", "mistake", "slip", "mistake"]
    assert agreement.cohens_kappa(first, second) == pytest.approx(0.35 / 0.65)


def test_perfect_agreement_is_one_and_agreement_below_chance_is_negative():
    assert agreement.cohens_kappa([True, False, True, False], [True, False, True, False]) == 1
    assert agreement.cohens_kappa([True, False, True, False], [False, True, False, True]) == -1


def test_kappa_is_undefined_when_neither_coder_varies():
    # Both said "no" every time: they agree completely, but so would anyone by chance.
    assert agreement.cohens_kappa([False] * 6, [False] * 6) is None
    assert agreement.strength(None) == "not enough variation"
    assert agreement.cohens_kappa([], []) is None


def test_strength_uses_landis_and_koch_words():
    assert [agreement.strength(k) for k in (-0.1, 0.1, 0.3, 0.5, 0.7, 0.9)] == [
        "poor", "slight", "fair", "moderate", "substantial", "almost perfect"]


def test_per_code_counts_a_code_on_every_double_coded_report_and_by_quarter():
    pairs = [
        agreement.Pair(frozenset({"fatigue", "distraction"}), frozenset({"fatigue"}), "2026 Q3"),
        agreement.Pair(frozenset({"fatigue"}), frozenset({"fatigue"}), "2026 Q3"),
        agreement.Pair(frozenset({"distraction"}), frozenset(), "2026 Q4"),
        agreement.Pair(frozenset(), frozenset(), "2026 Q4"),
    ]
    fatigue, distraction = agreement.per_code(pairs, ["fatigue", "distraction"])
    # fatigue: yes/yes, yes/yes, no/no, no/no: pₒ = 1, pₑ = 0.5 × 0.5 + 0.5 × 0.5 = 0.5, κ = 1.
    assert (fatigue.kappa, fatigue.both, fatigue.either) == (1, 2, 2)
    assert fatigue.by_period == {"2026 Q3": None, "2026 Q4": None}  # each quarter alone has no variation
    # distraction: yes/no, no/no, yes/no, no/no: pₒ = 0.5, first 0.5 yes, second 0 yes: pₑ = 0.5, κ = 0.
    assert distraction.kappa == 0


def test_quarters():
    assert agreement.quarter(datetime(2026, 3, 31)) == "2026 Q1"
    assert agreement.quarter(datetime(2026, 10, 1)) == "2026 Q4"


@pytest.mark.django_db
def test_the_quality_page_reports_kappa_of_real_blind_codings(client, organisation, reviewer, second_reviewer):
    # Four reports. Time pressure: first coder yes, yes, no, no; second yes, no, no, no.
    # pₒ = 3/4; pₑ = 0.5 × 0.25 + 0.5 × 0.75 = 0.5; κ = (0.75 − 0.5) / 0.5 = 0.50.
    calls = [(("time-pressure",), ("time-pressure",)), (("time-pressure",), ("fatigue",)),
             (("fatigue",), ("fatigue",)), (("fatigue",), ("fatigue",))]
    for index, (first, second) in enumerate(calls):
        subject = readable_report(organisation, f"Report number {index} about the duty rota.", by=reviewer)
        services.record_coding(access(reviewer, organisation), subject, coding_input(*first), by=reviewer)
        services.record_coding(access(second_reviewer, organisation), subject, coding_input(*second),
                               by=second_reviewer)
    rows, _periods, pairs = services.agreement_for(organisation)
    assert pairs == 4
    by_key = {row.code.key: row.result for row in rows}
    assert by_key["time-pressure"].kappa == pytest.approx(0.5)
    # Fatigue: no, no, yes, yes against no, yes, yes, yes: pₒ = 3/4; pₑ = 0.5 × 0.75 + 0.5 × 0.25 = 0.5; κ = 0.50.
    assert by_key["fatigue"].kappa == pytest.approx(0.5)
    sign_in(client, reviewer)
    html = client.get(reverse("coding:quality", args=[organisation.slug])).content.decode()
    assert 'data-testid="kappa-time-pressure">0.50<' in html
    # Nobody chose an error type, and all rated the same potential harm and likelihood: no variation.
    assert services.choice_agreement(organisation) == [("Error type", None, "not enough variation"),
                                                       ("Risk band", None, "not enough variation")]


@pytest.mark.django_db
def test_a_coding_made_after_seeing_the_other_does_not_count(organisation, reviewer, second_reviewer):
    subject = readable_report(organisation, by=reviewer)
    services.record_coding(access(reviewer, organisation), subject, coding_input("fatigue"), by=reviewer)
    services.unblind(access(second_reviewer, organisation), subject, by=second_reviewer)
    coding = services.record_coding(access(second_reviewer, organisation), subject, coding_input("fatigue"),
                                    by=second_reviewer)
    assert coding.blind is False
    assert services.agreement_for(organisation)[2] == 0


def test_single_choices_are_compared_as_categories():
    pairs = [agreement.Pair(frozenset(), frozenset(), "2026 Q4", choices=(("error_type", a, b),))
             for a, b in [("slip", "slip"), ("lapse", "lapse"), ("slip", "lapse"), ("", "")]]
    # pₒ = 3/4. First: slip 2, lapse 1, none 1; second: slip 1, lapse 2, none 1.
    # pₑ = (2×1 + 1×2 + 1×1) / 16 = 5/16; κ = (12/16 − 5/16) / (11/16) = 7/11.
    assert agreement.per_choice(pairs) == [("error_type", pytest.approx(7 / 11))]
