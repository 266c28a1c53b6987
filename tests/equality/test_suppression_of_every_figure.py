"""Every equality figure goes through small-number suppression: no number from 1 to k-1 is shown,
no hidden number can be worked out from a row or column total, and no relative rate is worked out
from a hidden number. The figures are built from plain inputs here (equality.results.compute_results)."""

from __future__ import annotations

import pytest

from equality.profiles import Profile
from equality.results import OUTCOME_COLUMNS, REFERRAL, compute_results, count_outcomes

K = 5


def inputs(groups: list[tuple[str, str, str, dict[str, int]]]):
    """(ethnicity, disability, sex, {outcome: number of reports}) per group of people; one report each."""
    profiles, reports, outcomes, next_id = {}, {}, {}, 1
    for ethnicity, disability, sex, by_outcome in groups:
        for outcome, number in by_outcome.items():
            for _ in range(number):
                profiles[next_id] = Profile(ethnicity=ethnicity, disability=disability, sex=sex)
                reports[next_id] = [1000 + next_id]
                outcomes[1000 + next_id] = [outcome]
                next_id += 1
    return profiles, reports, outcomes


def every_count(results):
    yield results.profiles
    for cut in results.cuts:
        for row in cut.rows:
            yield from row.cells
            yield row.total
        yield from cut.column_totals
        if cut.grand_total is not None:
            yield cut.grand_total


def assert_no_line_gives_a_hidden_number_away(cut):
    """In every row (cells and row total) and every column (cells and column total) with a hidden
    number, at least two numbers are hidden: one alone would be the total minus the rest."""
    lines = [[*row.cells, row.total] for row in cut.rows]
    lines += [[row.cells[j] for row in cut.rows] + [cut.column_totals[j]] for j in range(len(OUTCOME_COLUMNS))]
    lines.append([row.total for row in cut.rows] + [cut.grand_total])
    lines.append([*cut.column_totals, cut.grand_total])
    for line in lines:
        hidden = sum(count.suppressed for count in line)
        assert hidden != 1, [str(count) for count in line]


BIG = [("white_british", "no", "female", {"system_learning": 85, "supportive": 10, "referral": 5}),
       ("black_african", "no", "female", {"system_learning": 29, "health_support": 5, "referral": 6})]


def test_no_figure_from_one_to_k_minus_one_is_ever_shown():
    small = [("mixed_white_asian", "yes", "male", {"system_learning": 2, "referral": 1}),
             ("other_arab", "prefer_not_to_say", "prefer_not_to_say", {"supportive": 3})]
    results = compute_results(*inputs(BIG + small), k=K)
    counts = list(every_count(results))
    assert counts
    for count in counts:
        assert count.value is None or count.value == 0 or count.value >= K, count
        if count.suppressed:
            assert count.value is None and str(count) in (f"<{K}", "[c]")


def test_a_small_group_is_hidden_and_cannot_be_worked_out_from_the_totals():
    small = [("mixed_white_asian", "no", "female", {"system_learning": 2, "referral": 1})]
    results = compute_results(*inputs(BIG + small), k=K)
    ethnicity = results.cuts[0]
    mixed = next(row for row in ethnicity.rows if row.label == "Mixed or Multiple ethnic groups")
    assert [str(c) for c in mixed.cells][0] == f"<{K}"
    assert mixed.total.suppressed
    for cut in results.cuts:
        if cut.rows:
            assert_no_line_gives_a_hidden_number_away(cut)


def test_differencing_between_groups_and_totals_gives_nothing_away():
    """One Asian referral: hidden, and so is enough else that neither the Asian row total minus its
    other cells nor the referral column total minus the other groups' referrals reveals it."""
    groups = BIG + [("asian_indian", "no", "female", {"system_learning": 12, "referral": 1})]
    results = compute_results(*inputs(groups), k=K)
    ethnicity = results.cuts[0]
    asian = next(row for row in ethnicity.rows if row.label.startswith("Asian"))
    assert asian.cells[OUTCOME_COLUMNS.index(REFERRAL)].suppressed
    assert_no_line_gives_a_hidden_number_away(ethnicity)


def test_no_relative_rate_is_worked_out_from_a_hidden_number():
    groups = BIG + [("asian_pakistani", "no", "female", {"system_learning": 20, "referral": 2})]
    results = compute_results(*inputs(groups), k=K)
    asian = next(row for row in results.cuts[0].rows if row.label.startswith("Asian"))
    assert asian.rate is None
    assert "hidden" in asian.rate_note


def test_the_relative_rate_is_shown_from_published_numbers_as_worked_by_hand():
    """Black: 6 referrals of 40; White: 5 of 100 (the hand-worked example in test_relative_rate.py): 3.00 (0.97 to 9.28)."""
    results = compute_results(*inputs(BIG), k=K)
    black = next(row for row in results.cuts[0].rows if row.label.startswith("Black"))
    assert [c.value for c in black.cells] == [29, 5, 6] and black.total.value == 40
    assert black.rate.ratio == pytest.approx(3.0)
    assert black.rate.lower == pytest.approx(0.9703, abs=5e-4)
    assert black.rate.includes_one
    white = next(row for row in results.cuts[0].rows if row.label == "White")
    assert white.is_reference and white.rate is None


def test_other_cuts_are_withheld_when_a_total_they_share_with_the_ethnic_group_table_is_hidden():
    """The three tables count the same reports, so they share their column totals. With only two
    referrals in all, the referral total is hidden, and the disability and sex tables (which would
    show it, or let it be worked out) are withheld whole."""
    groups = [("white_british", "no", "female", {"system_learning": 30, "referral": 1}),
              ("black_caribbean", "yes", "male", {"system_learning": 20, "referral": 1})]
    results = compute_results(*inputs(groups), k=K)
    ethnicity, disability, sex = results.cuts
    assert ethnicity.column_totals[OUTCOME_COLUMNS.index(REFERRAL)].suppressed
    for cut in (disability, sex):
        assert cut.rows == [] and cut.grand_total is None and cut.withheld


def test_every_cut_is_shown_when_the_shared_totals_are_all_published():
    results = compute_results(*inputs(BIG), k=K)
    assert all(cut.rows and not cut.withheld for cut in results.cuts)
    assert [c.value for c in results.cuts[1].column_totals] == [c.value for c in results.cuts[0].column_totals]


def test_the_number_of_profiles_is_suppressed_too():
    results = compute_results(*inputs([("white_irish", "no", "male", {"system_learning": 3})]), k=K)
    assert str(results.profiles) == f"<{K}"


def test_a_report_counts_once_under_its_most_serious_outcome_in_force():
    profiles = {1: Profile(ethnicity="white_roma", disability="no", sex="male")}
    counts = count_outcomes(profiles, {1: [10, 11, 12, 13]},
                            {10: ["system_learning", "referral"], 11: ["supportive", "system_learning"],
                             12: ["system_learning"], 13: ["health_support"]})
    assert counts["ethnicity"] == {"white": {"referral": 1, "support": 2, "system_learning": 1}}
    assert counts["sex"] == {"male": {"referral": 1, "support": 2, "system_learning": 1}}


def test_reports_without_an_assessment_or_a_profile_are_not_counted():
    profiles = {1: Profile(ethnicity="prefer_not_to_say", disability="yes", sex="female")}
    counts = count_outcomes(profiles, {1: [10, 11], 2: [20]}, {10: ["system_learning"], 20: ["referral"]})
    assert counts["ethnicity"] == {"prefer_not_to_say": {"system_learning": 1}}
    assert counts["disability"] == {"yes": {"system_learning": 1}}
