"""The SPC maths against limits worked out by hand (the arithmetic is in the comments)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from intelligence import simulate, spc

# Poisson(4) probabilities, p(j) = e^-4 4^j / j!, e^-4 = 0.0183156:
#   p0 0.0183156  p1 0.0732626  p2 0.1465251  p3 0.1953668  p4 0.1953668  p5 0.1562935
#   p6 0.1041956  p7 0.0595404  p8 0.0297702  p9 0.0132312  p10 0.0052925 p11 0.0019245
# cumulative P(X ≤ u):
#   u=2 0.2381033  u=6 0.8893260  u=7 0.9488664  u=8 0.9786366  u=9 0.9918678
#   u=10 0.9971602  u=11 0.9990848


def test_poisson_cdf_matches_the_sum_of_terms():
    # P(X ≤ 2) = e^-4 (1 + 4 + 16/2) = 13 e^-4 = 13 × 0.0183156 = 0.2381033
    assert spc.poisson_cdf(2, 4.0) == pytest.approx(0.2381033, abs=1e-6)
    assert spc.poisson_cdf(-1, 4.0) == 0.0


def test_exact_poisson_limit_is_the_smallest_count_with_enough_probability_below_it():
    # 1 − 0.05 = 0.95: P(X ≤ 7) = 0.9489 falls short, P(X ≤ 8) = 0.9786 reaches it, so u = 8.
    assert spc.poisson_limit(4.0, 0.05) == 8
    # 1 − 0.004 = 0.996: P(X ≤ 9) = 0.99187 < 0.996 ≤ P(X ≤ 10) = 0.99716, so u = 10.
    assert spc.poisson_limit(4.0, 0.004) == 10


def test_c_chart_limits_textbook_and_exact():
    # c̄ = (3 + 5 + 4 + 4) / 4 = 4; c̄ + 3√c̄ = 4 + 3 × 2 = 10; c̄ − 3√c̄ = −2, floored at 0.
    # Exact at the same 0.135% tail: 1 − 0.00135 = 0.99865; P(X ≤ 10) = 0.99716 < 0.99865 ≤
    # P(X ≤ 11) = 0.99908, so the exact limit is 11: a week of 11 breaks the textbook limit but is
    # not rare enough under Poisson(4) to break the exact one.
    limits = spc.c_chart_limits([3, 5, 4, 4])
    assert limits.centre == 4.0
    assert limits.upper_sigma == 10.0
    assert limits.lower_sigma == 0.0
    assert limits.upper_exact == 11


def test_ewma_statistic_and_its_time_varying_limits():
    # weight 0.2, start at the mean 4: z1 = 0.2×4 + 0.8×4 = 4; z2 = 0.2×8 + 0.8×4 = 4.8;
    # z3 = 0.2×8 + 0.8×4.8 = 1.6 + 3.84 = 5.44
    assert spc.ewma([4, 8, 8], 4.0, 0.2) == pytest.approx([4.0, 4.8, 5.44])
    # limit_t = 4 + 3 × √4 × √(0.2/1.8 × (1 − 0.8^(2t))):
    #   t=1: 0.2/1.8 × (1 − 0.64) = 0.04, √ = 0.2, so 4 + 6 × 0.2 = 5.2
    #   t=2: 0.2/1.8 × (1 − 0.4096) = 0.0656, √ = 0.256125, so 4 + 6 × 0.256125 = 5.53675
    #   t→∞: √(0.2/1.8) = 1/3, so 4 + 6/3 = 6
    limits = spc.ewma_upper_limits(4.0, 0.2, 3.0, 200)
    assert limits[0] == pytest.approx(5.2)
    assert limits[1] == pytest.approx(5.53675, abs=1e-5)
    assert limits[-1] == pytest.approx(6.0, abs=1e-9)


def test_poisson_cusum_reference_value_and_path():
    # k = (8 − 4)/ln(8/4) = 4/0.693147 = 5.770780
    assert spc.cusum_reference(4.0, 8.0) == pytest.approx(5.770780, abs=1e-6)
    # S1 = max(0, 6 − 5.770780) = 0.229220; S2 = 0.229220 + 9 − 5.770780 = 3.458440;
    # S3 = 3.458440 + 7 − 5.770780 = 4.687660; S4 = 4.687660 + 8 − 5.770780 = 6.916880 ≥ h = 5: signal
    path, signals = spc.poisson_cusum([6, 9, 7, 8], 4.0, 8.0, h=5.0)
    assert path == pytest.approx([0.229220, 3.458440, 4.687660, 6.916880], abs=1e-6)
    assert signals.tolist() == [False, False, False, True]
    # With a quiet fourth week: S4 = 4.687660 + 3 − 5.770780 = 1.916880, no signal.
    path, signals = spc.poisson_cusum([6, 9, 7, 3], 4.0, 8.0, h=5.0)
    assert path[-1] == pytest.approx(1.916880, abs=1e-6)
    assert not signals.any()


def test_predictive_limit_with_no_history_is_negative_binomial():
    # Baseline of one week with no reports: r = 0 + ½, p = 1/(1 + 1) = ½.
    #   P(0) = p^r = 0.5^0.5 = 0.707107
    #   P(1) = r (1 − p) P(0) = 0.5 × 0.5 × 0.707107 = 0.176777, cumulative 0.883883
    #   P(2) = P(1) × (r + 1)/2 × (1 − p) = 0.176777 × 0.75 × 0.5 = 0.066291, cumulative 0.950175
    assert spc.predictive_limit(0, 1, 1, 0.20) == 1  # 0.883883 ≥ 0.80
    assert spc.predictive_limit(0, 1, 1, 0.10) == 2  # 0.883883 < 0.90 ≤ 0.950175
    assert spc.predictive_limit(0, 1, 1, 0.05) == 2  # 0.950175 ≥ 0.95


def test_predictive_limit_with_a_long_history_is_the_poisson_limit():
    # 10,000 weeks averaging 4: the rate is known, so the limit is Poisson(4)'s at 0.00135, 11 (above).
    assert spc.predictive_limit(40_000, 10_000, 1, spc.THREE_SIGMA_TAIL) == 11
    # and a short history widens it: 8 weeks averaging 4 cannot be tighter.
    assert spc.predictive_limit(32, 8, 1, spc.THREE_SIGMA_TAIL) >= 11


def test_trailing_baseline_leaves_out_recent_and_alarmed_weeks():
    counts = np.arange(1, 21, dtype=float)[None, :]  # weeks 0..19 hold 1..20
    alarmed = np.zeros_like(counts, dtype=bool)
    baseline = spc.Baseline(window=5, guard=4, min_history=2)
    # t = 15: weeks [15 − 4 − 5, 15 − 4) = 6..10, holding 7 + 8 + 9 + 10 + 11 = 45
    total, weeks = spc.trailing_baseline(counts, alarmed, 15, baseline)
    assert (total[0], weeks[0]) == (45.0, 5.0)
    # week 8 (holding 9) alarmed: 45 − 9 = 36 over 4 weeks
    alarmed[0, 8] = True
    total, weeks = spc.trailing_baseline(counts, alarmed, 15, baseline)
    assert (total[0], weeks[0]) == (36.0, 4.0)
    # three of five alarmed leaves 2 < 5/2: a lasting change, so every week counts again
    alarmed[0, [6, 7]] = True
    total, weeks = spc.trailing_baseline(counts, alarmed, 15, baseline)
    assert (total[0], weeks[0]) == (45.0, 5.0)


def test_detector_alarms_on_a_week_far_above_a_steady_baseline():
    counts = [4] * 30 + [14]
    result = spc.detect(counts)
    assert [a.week for a in result.alarms[0]] == [30]
    alarm = result.alarms[0][0]
    # baseline weeks 0..25 (guard 4), all 4: expected 4. The limit is at least Poisson(4)'s at
    # alpha 0.004 (10, worked out above) and the predictive spread for 26 weeks adds at most one.
    assert alarm.rule == spc.RULE_WEEK
    assert (alarm.observed, alarm.expected) == (14.0, 4.0)
    assert 10 <= alarm.upper <= 11


def test_detector_catches_a_rise_no_single_week_shows_through_the_scan():
    counts = [10] * 40 + [16, 16, 16]
    alarms = spc.detect(counts).alarms[0]
    assert alarms, "three weeks of 16 against 10 should alarm"
    assert alarms[0].rule in (spc.RULE_SCAN2, spc.RULE_SCAN3)
    assert alarms[0].observed == 16 * alarms[0].weeks
    assert alarms[0].expected == 10 * alarms[0].weeks


def test_detector_is_silent_until_it_has_enough_history():
    # guard 4 + min_history 8: week t has the weeks before t − 4 as baseline, so week 11 has
    # weeks 0..6 (7, too few) and week 12 is the first with 8 (weeks 0..7).
    assert spc.detect([0] * 5 + [30]).alarms[0] == []
    assert spc.detect([1] * 11 + [30]).alarms[0] == []
    assert [a.week for a in spc.detect([1] * 12 + [30]).alarms[0]] == [12]


def test_detector_does_not_alarm_on_a_couple_of_reports_in_a_quiet_series():
    assert spc.detect([0] * 30 + [2]).alarms[0] == []
    assert [a.week for a in spc.detect([0] * 30 + [3]).alarms[0]] == [30]


def test_ewma_catches_a_slow_drift():
    rng = np.random.default_rng(7)
    drift = simulate.series(rng, 20.0, 120, simulate.Change("drift", 60, 26, 1.6))
    alarms = spc.detect(drift).alarms[0]
    assert any(a.week >= 60 for a in alarms)


def test_false_alarms_stay_rare_on_steady_series():
    # 100 series-years of Poisson(8): far fewer than one alarm episode per series-year.
    batch = simulate.batch(3, rates=[8.0], per_rate=35, weeks=156, kind="none")
    alarmed = spc.detect(batch.counts).alarmed
    starts = alarmed & ~np.concatenate([np.zeros((35, 1), dtype=bool), alarmed[:, :-1]], axis=1)
    assert starts.sum() / (35 * 144 / 52) < 1.0


def test_simulated_spike_doubles_the_rate_for_its_weeks():
    path = simulate.rate_path(5.0, 10, simulate.Change("spike", 3, 4, 2.0))
    assert path.tolist() == [5, 5, 5, 10, 10, 10, 10, 5, 5, 5]
    # drift over 4 weeks to 1.5×: 1 + 0.5 × (1/4, 2/4, 3/4, 1, 1)
    path = simulate.rate_path(4.0, 7, simulate.Change("drift", 2, 4, 1.5))
    assert path.tolist() == pytest.approx([4, 4, 4.5, 5, 5.5, 6, 6])


def test_simulation_repeats_with_its_seed():
    a = simulate.batch(11, rates=[4.0], per_rate=3, weeks=20, kind="spike")
    b = simulate.batch(11, rates=[4.0], per_rate=3, weeks=20, kind="spike", start_range=(5, 10))
    c = simulate.batch(11, rates=[4.0], per_rate=3, weeks=20, kind="spike", start_range=(5, 10))
    assert np.array_equal(b.counts, c.counts) and b.changes == c.changes
    assert a.counts.shape == (3, 20)
    assert math.isclose(float(b.rates[0]), 4.0)
