"""Simulated weekly report counts for measuring spike detection: a plain library (numpy only).

Background counts are Poisson with a constant weekly rate (no seasonality). Onto them go:

* a **spike**: the rate multiplied by `ratio` for `duration` consecutive weeks from `start`;
* a **drift**: the rate rising linearly from 1× at `start` to `ratio`× over `duration` weeks, then
  staying there.

Everything is drawn from one `numpy.random.Generator` seeded by the caller, so a run repeats.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Change:
    kind: str      # "spike", "drift" or "none"
    start: int     # first affected week (index)
    duration: int  # weeks the spike lasts, or weeks the drift takes to reach its full ratio
    ratio: float


NO_CHANGE = Change("none", -1, 0, 1.0)


def rate_path(rate: float, weeks: int, change: Change) -> np.ndarray:
    """The expected count of each week."""
    multiplier = np.ones(weeks)
    t = np.arange(weeks)
    if change.kind == "spike":
        multiplier[(t >= change.start) & (t < change.start + change.duration)] = change.ratio
    elif change.kind == "drift":
        progress = np.clip((t - change.start + 1) / change.duration, 0.0, 1.0)
        multiplier = 1.0 + (change.ratio - 1.0) * np.where(t >= change.start, progress, 0.0)
    return rate * multiplier


def series(rng: np.random.Generator, rate: float, weeks: int, change: Change = NO_CHANGE) -> np.ndarray:
    """One series of weekly counts."""
    return rng.poisson(rate_path(rate, weeks, change)).astype(np.int64)


@dataclass(frozen=True)
class Batch:
    counts: np.ndarray     # (series, weeks)
    rates: np.ndarray      # background rate of each series
    changes: list[Change]


def batch(seed: int, *, rates: list[float], per_rate: int, weeks: int, kind: str, ratio: float = 2.0,
          durations: tuple[int, int] = (4, 8), start_range: tuple[int, int] = (60, 140)) -> Batch:
    """`per_rate` series for each background rate, each with one change of `kind` ("spike",
    "drift" or "none"); starts uniform in `start_range`, spike durations uniform in `durations`
    (inclusive)."""
    rng = np.random.default_rng(seed)
    counts, all_rates, changes = [], [], []
    for rate in rates:
        for _ in range(per_rate):
            if kind == "none":
                change = NO_CHANGE
            else:
                start = int(rng.integers(start_range[0], start_range[1] + 1))
                duration = int(rng.integers(durations[0], durations[1] + 1))
                change = Change(kind, start, duration, ratio)
            counts.append(series(rng, rate, weeks, change))
            all_rates.append(rate)
            changes.append(change)
    return Batch(np.array(counts), np.array(all_rates, dtype=float), changes)
