"""Statistical process control for weekly report counts: a plain library (numpy only, no Django).

Weekly counts of near misses in one category are close to Poisson: many staff, each rarely
reporting. Three classical charts are here, plus the detector the product uses:

* **c-chart / Poisson limits.** From a baseline mean c̄, the textbook upper limit is c̄ + 3√c̄. For
  the small counts we see (4 a week) that normal approximation is poor, so `poisson_limit` gives the
  exact Poisson quantile instead: the smallest u with P(X ≤ u) ≥ 1 − α, and a week breaks the limit
  when its count is above u. Both are offered (`c_chart_limits`); the product uses the exact one.
* **EWMA** for slow drifts, with its time-varying limits
  μ0 ± L·√μ0·√(λ/(2−λ)·(1 − (1−λ)^{2t})).
* **Poisson CUSUM** (Lucas 1985), the textbook comparison: S_t = max(0, S_{t−1} + x_t − k) with
  k = (μ1 − μ0)/ln(μ1/μ0), signalling at S_t ≥ h.
* **`detect`**, the product's detector: a short scan (the last 1, 2 and 3 weeks each against exact
  limits) for sudden spikes plus an EWMA for drifts, all against a robust trailing baseline.

The baseline of week t is the mean of the weeks [t − guard − window, t − guard): the `guard` most
recent weeks are left out so that a spike does not raise its own expectation, weeks that already
raised an alert are left out too (unless that leaves fewer than half the window: a lasting change
then becomes the new normal), and nothing is alerted until `min_history` baseline weeks exist.

Because the baseline mean is itself estimated from a few weeks, the limits of `detect` come from
the predictive distribution of a count given that baseline, not from Poisson at the estimated
mean: with n baseline weeks summing to S and a Jeffreys prior, the rate is Gamma(S + ½, n) and the
sum of the next m weeks is negative binomial with r = S + ½ and p = n/(n + m). With a long
history it is the Poisson limit; with a short one it is wider, which keeps false alarms down
while the history is short.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

# -- distributions --------------------------------------------------------------------------------


def poisson_cdf(k: int, mean: float) -> float:
    """P(X ≤ k) for X ~ Poisson(mean), summed exactly term by term."""
    if k < 0:
        return 0.0
    if mean <= 0:
        return 1.0
    term = math.exp(-mean)
    total = term
    for j in range(1, k + 1):
        term *= mean / j
        total += term
    return min(total, 1.0)


def poisson_limit(mean: float, alpha: float) -> int:
    """The exact upper Poisson limit: the smallest u with P(X ≤ u) ≥ 1 − alpha. A count above u has
    probability at most alpha when the mean is `mean`."""
    if mean <= 0:
        return 0
    u = 0
    while poisson_cdf(u, mean) < 1 - alpha:
        u += 1
    return u


def _log_factorials(n: int) -> np.ndarray:
    return np.concatenate([[0.0], np.cumsum(np.log(np.arange(1, n + 1)))])


def predictive_limits(baseline_sum: np.ndarray, baseline_weeks: np.ndarray, span: int, alpha: float,
                      top: int) -> np.ndarray:
    """Upper limits, one per series, for the sum of the next `span` weeks: the smallest u with
    P(Y ≤ u) ≥ 1 − alpha under the negative-binomial predictive distribution (see the module
    docstring). `top` bounds the counts considered; a limit that would exceed it is `top`."""
    r = np.asarray(baseline_sum, dtype=float)[:, None] + 0.5
    n = np.maximum(np.asarray(baseline_weeks, dtype=float), 1.0)[:, None]
    p = n / (n + span)
    y = np.arange(top + 1, dtype=float)[None, :]
    # log Γ(y + r) − log Γ(r) = Σ_{j<y} log(r + j)
    rising = np.concatenate([np.zeros((r.shape[0], 1)), np.cumsum(np.log(r + y[:, :-1]), axis=1)], axis=1)
    log_pmf = rising - _log_factorials(top)[None, :] + r * np.log(p) + y * np.log1p(-p)
    cdf = np.cumsum(np.exp(log_pmf), axis=1)
    below = cdf < 1 - alpha
    return np.where(below.all(axis=1), top, np.argmin(below, axis=1))


def predictive_limit(baseline_sum: float, baseline_weeks: int, span: int, alpha: float) -> int:
    """`predictive_limits` for one series."""
    top = int(span * (baseline_sum + 1) / max(baseline_weeks, 1) * 4 + 50)
    return int(predictive_limits(np.array([baseline_sum]), np.array([baseline_weeks]), span, alpha, top)[0])


# -- the classical charts --------------------------------------------------------------------------


@dataclass(frozen=True)
class CChartLimits:
    centre: float       # c̄, the baseline mean
    upper_sigma: float  # c̄ + 3√c̄, the textbook limit
    upper_exact: int    # the exact Poisson quantile at the same tail (0.135%)
    lower_sigma: float  # max(0, c̄ − 3√c̄)


THREE_SIGMA_TAIL = 0.00135  # P(Z > 3) for a standard normal


def c_chart_limits(baseline: Sequence[float]) -> CChartLimits:
    centre = float(np.mean(baseline))
    spread = 3 * math.sqrt(centre)
    return CChartLimits(centre, centre + spread, poisson_limit(centre, THREE_SIGMA_TAIL), max(0.0, centre - spread))


def ewma(counts: Sequence[float], mean: float, weight: float) -> np.ndarray:
    """z_t = weight·x_t + (1 − weight)·z_{t−1}, starting from z_0 = mean."""
    z, out = mean, []
    for x in counts:
        z = weight * x + (1 - weight) * z
        out.append(z)
    return np.array(out)


def ewma_upper_limits(mean: float, weight: float, width: float, weeks: int) -> np.ndarray:
    """The EWMA's upper limit at t = 1..weeks: mean + width·√mean·√(w/(2−w)·(1 − (1−w)^{2t}))."""
    t = np.arange(1, weeks + 1)
    return mean + width * math.sqrt(mean) * np.sqrt(weight / (2 - weight) * (1 - (1 - weight) ** (2 * t)))


def cusum_reference(mean0: float, mean1: float) -> float:
    """The Poisson CUSUM's reference value k = (μ1 − μ0)/ln(μ1/μ0)."""
    return (mean1 - mean0) / math.log(mean1 / mean0)


def poisson_cusum(counts: Sequence[float], mean0: float, mean1: float, h: float) -> tuple[np.ndarray, np.ndarray]:
    """The textbook upper Poisson CUSUM with a known in-control mean: (S_t, signalled_t). After a
    signal S restarts from 0."""
    k = cusum_reference(mean0, mean1)
    s, path, signals = 0.0, [], []
    for x in counts:
        s = max(0.0, s + x - k)
        path.append(s)
        signals.append(s >= h)
        if s >= h:
            s = 0.0
    return np.array(path), np.array(signals)


# -- the trailing baseline ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Baseline:
    window: int = 52       # weeks averaged
    guard: int = 4         # most recent weeks left out
    min_history: int = 8   # no alert until this many baseline weeks exist


def trailing_baseline(counts: np.ndarray, alarmed: np.ndarray, t: int, baseline: Baseline) -> tuple[np.ndarray, np.ndarray]:
    """(sum, weeks) of each series' baseline for week t (counts and alarmed are (series, weeks))."""
    end = t - baseline.guard
    start = max(0, end - baseline.window)
    if end <= start:
        zero = np.zeros(counts.shape[0])
        return zero, zero
    block = counts[:, start:end]
    keep = ~alarmed[:, start:end]
    kept_weeks = keep.sum(axis=1)
    # A lasting change alarms week after week; once alarmed weeks fill half the window they come
    # back in, so that the new level becomes the expectation instead of alerting forever.
    use_all = kept_weeks * 2 < (end - start)
    keep = keep | use_all[:, None]
    return np.where(keep, block, 0).sum(axis=1).astype(float), keep.sum(axis=1).astype(float)


# -- the product's detector -------------------------------------------------------------------------


RULE_WEEK = "week"      # this week's count above its limit
RULE_SCAN2 = "scan-2w"  # the last two weeks together above theirs
RULE_SCAN3 = "scan-3w"  # the last three weeks together above theirs
RULE_EWMA = "ewma"      # the slow-drift chart above its limit
RULE_CUSUM = "cusum"    # the textbook comparison (bench only)
RULE_CCHART = "c-chart"  # the textbook c̄ + 3√c̄ comparison (bench only)


@dataclass(frozen=True)
class Detector:
    """The product's detector. Its tail probabilities were tuned on simulated series of seed 1
    (bench/spikes_eval.py --tune) and are reported on another seed."""

    baseline: Baseline = field(default_factory=Baseline)
    # Tail probability for the 1-, 2- and 3-week sums (checked in this order).
    alpha: tuple[float, float, float] = (0.004, 0.008, 0.016)
    ewma_weight: float = 0.1
    ewma_width: float = 3.5
    # No alarm on fewer reports than this in the span: two reports in a quiet category are not a
    # pattern, and an alert on a suppressed count then still leaves it two possible values.
    min_observed: int = 3


@dataclass(frozen=True)
class Alarm:
    """One week of one series breaking a limit. `observed`, `expected` and `upper` are about the same
    span: `weeks` weeks ending with this one (for the EWMA, its smoothed weekly value)."""

    week: int
    rule: str
    observed: float
    expected: float
    upper: float
    weeks: int


@dataclass
class Detection:
    alarmed: np.ndarray              # (series, weeks) bool
    alarms: list[list[Alarm]]        # per series, in week order


def detect(counts: np.ndarray | Sequence[float] | Sequence[Sequence[float]], detector: Detector | None = None) -> Detection:
    """Run the detector over one series (1-D) or many of the same length (2-D: series × weeks).
    A week raises at most one alarm: the first rule that fires, in the order week, 2-week, 3-week,
    EWMA; a 2- or 3-week window is tested only when none of its earlier weeks has alarmed.
    Deterministic."""
    detector = detector or Detector()
    x = np.atleast_2d(np.asarray(counts, dtype=float))
    n_series, n_weeks = x.shape
    alarmed = np.zeros((n_series, n_weeks), dtype=bool)
    alarms: list[list[Alarm]] = [[] for _ in range(n_series)]
    z = np.full(n_series, np.nan)  # EWMA state, started when a series' baseline first exists
    started = np.zeros(n_series, dtype=int)  # weeks since the EWMA (re)started
    w, width = detector.ewma_weight, detector.ewma_width
    for t in range(n_weeks):
        total, weeks = trailing_baseline(x, alarmed, t, detector.baseline)
        ready = weeks >= detector.baseline.min_history
        if not ready.any():
            continue
        mean = np.where(ready, total / np.maximum(weeks, 1), 0.0)
        fired = np.zeros(n_series, dtype=bool)
        for span, alpha, rule in zip((1, 2, 3), detector.alpha, (RULE_WEEK, RULE_SCAN2, RULE_SCAN3), strict=True):
            if t + 1 < span:
                continue
            observed = x[:, t + 1 - span:t + 1].sum(axis=1)
            # A window is tested only while none of its earlier weeks has alarmed: otherwise the
            # weeks after a spike would alarm again on the same excess ("the last three weeks
            # together"), and a continuing spike is still caught by the shorter windows.
            fresh_window = ~alarmed[:, t + 1 - span:t].any(axis=1)
            # Counts considered: far beyond any limit (a limit is within a few standard deviations).
            top = int(span * (mean.max() + 1) * 2.5 + 40)
            upper = predictive_limits(total, weeks, span, alpha, top)
            hit = ready & ~fired & fresh_window & (observed > upper) & (observed >= detector.min_observed)
            for i in np.flatnonzero(hit):
                alarms[i].append(Alarm(t, rule, float(observed[i]), float(mean[i] * span), float(upper[i]), span))
                alarmed[i, t + 1 - span:t + 1] = True
            fired |= hit
        # EWMA: started at the baseline mean; restarted after any alarm.
        fresh = ready & np.isnan(z)
        z[fresh] = mean[fresh]
        started[fresh] = 0
        live = ready & ~np.isnan(z)
        z[live] = w * x[live, t] + (1 - w) * z[live]
        started[live] += 1
        limit = mean + width * np.sqrt(np.maximum(mean, 0.5)) * np.sqrt(
            w / (2 - w) * (1 - (1 - w) ** (2 * np.maximum(started, 1))))
        hit = live & ~fired & (z > limit) & (x[:, t] >= detector.min_observed)
        for i in np.flatnonzero(hit):
            alarms[i].append(Alarm(t, RULE_EWMA, round(float(z[i]), 2), float(mean[i]), round(float(limit[i]), 2), 1))
            alarmed[i, t] = True
        fired |= hit
        z[fired] = mean[fired]
        started[fired] = 0
    return Detection(alarmed, alarms)


# -- the comparisons, on the same baseline ----------------------------------------------------------


def detect_cusum(counts: np.ndarray, h: float | np.ndarray, *, ratio: float = 2.0,
                 baseline: Baseline | None = None) -> np.ndarray:
    """The textbook Poisson CUSUM tuned for a `ratio`× rise, with μ0 from the same trailing
    baseline as `detect` (alarmed weeks left out) and decision interval h (a scalar or one per
    series). Returns (series, weeks) signals."""
    baseline = baseline or Baseline()
    x = np.atleast_2d(np.asarray(counts, dtype=float))
    n_series, n_weeks = x.shape
    h = np.broadcast_to(np.asarray(h, dtype=float), (n_series,))
    alarmed = np.zeros_like(x, dtype=bool)
    s = np.zeros(n_series)
    for t in range(n_weeks):
        total, weeks = trailing_baseline(x, alarmed, t, baseline)
        ready = weeks >= baseline.min_history
        mean0 = np.maximum(total / np.maximum(weeks, 1), 0.1)
        k = (ratio - 1) * mean0 / math.log(ratio)
        s = np.where(ready, np.maximum(0.0, s + x[:, t] - k), 0.0)
        hit = ready & (s >= h)
        alarmed[hit, t] = True
        s[hit] = 0.0
    return alarmed


def detect_c_chart(counts: np.ndarray, *, baseline: Baseline | None = None) -> np.ndarray:
    """The textbook c-chart: a week above c̄ + 3√c̄, with c̄ from the same trailing baseline."""
    baseline = baseline or Baseline()
    x = np.atleast_2d(np.asarray(counts, dtype=float))
    alarmed = np.zeros_like(x, dtype=bool)
    for t in range(x.shape[1]):
        total, weeks = trailing_baseline(x, alarmed, t, baseline)
        ready = weeks >= baseline.min_history
        mean = total / np.maximum(weeks, 1)
        hit = ready & (x[:, t] > mean + 3 * np.sqrt(mean))
        alarmed[hit, t] = True
    return alarmed
