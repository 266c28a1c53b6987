"""The relative rate of referral and its 95% interval, against arithmetic done by hand."""

import math

import pytest

from equality.statistics import Z_95, relative_rate


def test_the_relative_rate_matches_a_hand_worked_example():
    """Group: a = 6 referrals of n1 = 40 reports; reference (White): c = 5 of n2 = 100.

    RR = (6/40) / (5/100) = 0.15 / 0.05 = 3.00
    SE(ln RR) = sqrt(1/6 - 1/40 + 1/5 - 1/100)
              = sqrt(0.166667 - 0.025 + 0.2 - 0.01) = sqrt(0.331667) = 0.575905
    ln 3 = 1.098612;  1.959964 x 0.575905 = 1.128765
    lower = exp(1.098612 - 1.128765) = exp(-0.030153) = 0.9703
    upper = exp(1.098612 + 1.128765) = exp(2.227377) = 9.2754
    The interval (0.97 to 9.28) includes 1: three times as likely, but these numbers cannot rule out chance.
    """
    rate = relative_rate(6, 40, 5, 100)
    assert rate.ratio == pytest.approx(3.00, abs=1e-9)
    assert rate.lower == pytest.approx(0.9703, abs=5e-4)
    assert rate.upper == pytest.approx(9.2754, abs=5e-4)
    assert rate.includes_one
    assert not rate.corrected


def test_a_clear_difference_has_an_interval_wholly_above_one():
    """a = 20 of n1 = 50, c = 10 of n2 = 200: RR = 0.4 / 0.05 = 8.
    SE = sqrt(1/20 - 1/50 + 1/10 - 1/200) = sqrt(0.05 - 0.02 + 0.1 - 0.005) = sqrt(0.125) = 0.353553
    bounds = exp(ln 8 -/+ 1.959964 x 0.353553) = exp(2.079442 -/+ 0.692952) = exp(1.386490) to exp(2.772394)
              = 4.0008 to 15.9969
    """
    rate = relative_rate(20, 50, 10, 200)
    assert rate.ratio == pytest.approx(8.0)
    assert rate.lower == pytest.approx(4.0008, abs=5e-4)
    assert rate.upper == pytest.approx(15.9969, abs=5e-4)
    assert not rate.includes_one


def test_the_bounds_sit_symmetrically_around_the_rate_on_the_log_scale():
    rate = relative_rate(7, 30, 9, 120)
    assert math.log(rate.ratio) - math.log(rate.lower) == pytest.approx(math.log(rate.upper) - math.log(rate.ratio))
    assert Z_95 == pytest.approx(1.959964, abs=1e-6)


def test_a_zero_cell_gets_the_stated_continuity_correction():
    """a = 0 of n1 = 20, c = 5 of n2 = 100. Add 0.5 to every cell of the 2 by 2 table:
    a' = 0.5, n1' = 21, c' = 5.5, n2' = 101.
    RR = (0.5/21) / (5.5/101) = 0.0238095 / 0.0544554 = 0.437229
    SE = sqrt(1/0.5 - 1/21 + 1/5.5 - 1/101) = sqrt(2 - 0.047619 + 0.181818 - 0.009901) = sqrt(2.124298) = 1.457497
    bounds = exp(ln 0.437229 -/+ 1.959964 x 1.457497) = exp(-0.827318 -/+ 2.856642) = 0.0251 to 7.609
    """
    rate = relative_rate(0, 20, 5, 100)
    assert rate.corrected
    assert rate.ratio == pytest.approx(0.437229, abs=1e-6)
    assert rate.lower == pytest.approx(0.0251, abs=1e-4)
    assert rate.upper == pytest.approx(7.609, abs=1e-3)
    assert rate.includes_one


def test_a_zero_in_the_reference_group_is_corrected_too_and_gives_a_finite_rate():
    rate = relative_rate(4, 10, 0, 50)
    assert rate.corrected and math.isfinite(rate.ratio) and math.isfinite(rate.upper)
    assert rate.ratio == pytest.approx((4.5 / 11) / (0.5 / 51))


def test_there_is_no_rate_without_anything_to_compare():
    assert relative_rate(0, 20, 0, 100) is None  # no referral in either group
    assert relative_rate(0, 0, 3, 100) is None  # an empty group
    assert relative_rate(2, 10, 0, 0) is None  # an empty reference group


def test_impossible_counts_are_refused():
    with pytest.raises(ValueError):
        relative_rate(5, 4, 1, 10)
    with pytest.raises(ValueError):
        relative_rate(-1, 4, 1, 10)
