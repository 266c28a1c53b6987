"""Spike detection on simulated weekly counts: the product's detector against a textbook Poisson CUSUM
and a plain c-chart, in the same run.

    python bench/spikes_eval.py [--seed 2] [--tune-seed 1] [--per-rate 200] [--tune]
                                [--output bench/results/intelligence.json]

Series are 156 weeks (three years) of Poisson counts at background rates 4, 6, 8, 12, 20 and 30 a
week (intelligence.simulate). Three batches per seed:

* **null**: no change; every alarm is false. False alarms per series-year = alarm episodes (an
  alarmed week whose previous week was not alarmed) / monitored years (weeks after the first
  `guard + min_history`, when alerting can start).
* **spike**: the rate doubles for 4 to 8 weeks, starting between weeks 60 and 140. Detected within 3
  weeks = an alarm in the spike's first three weeks (delay 0, 1 or 2 weeks after its first week,
  i.e. by the end of its third week). Also shown: within 4 weeks (delay ≤ 3), and the median delay
  of spikes detected at all while they lasted.
* **drift**: the rate rises linearly to 1.5× over 26 weeks and stays there. Detected within 26 weeks
  of the drift's start; median delay.

The CUSUM is given the same trailing baseline as our detector (μ0; μ1 = 2μ0, k = (μ1−μ0)/ln 2) and
its decision interval h is calibrated *per background rate* on the tuning seed's null series, to the
largest false-alarm rate not above our detector's at that rate (so the comparison is at equal or
lower false alarms, with the CUSUM given a per-rate advantage our detector does not have). The
c-chart (c̄ + 3√c̄, same baseline) has nothing to tune. Our detector's tail probabilities were
chosen with `--tune` on seed 1; figures are reported on `--seed` (2 by default).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from intelligence import simulate, spc  # noqa: E402

RATES = [4.0, 6.0, 8.0, 12.0, 20.0, 30.0]
WEEKS = 156
DRIFT_RATIO = 1.5
DRIFT_WEEKS = 26
TARGET_FA = 1.0  # false alarms per series-year, the requirement


def batches(seed: int, per_rate: int) -> dict[str, simulate.Batch]:
    # Each batch has its own stream derived from the seed, so adding a batch does not shift the others.
    return {
        "null": simulate.batch(seed * 1000 + 1, rates=RATES, per_rate=per_rate, weeks=WEEKS, kind="none"),
        "spike": simulate.batch(seed * 1000 + 2, rates=RATES, per_rate=per_rate, weeks=WEEKS, kind="spike"),
        "drift": simulate.batch(seed * 1000 + 3, rates=RATES, per_rate=per_rate, weeks=WEEKS, kind="drift",
                                ratio=DRIFT_RATIO, durations=(DRIFT_WEEKS, DRIFT_WEEKS), start_range=(60, 100)),
    }


def episodes(alarmed: np.ndarray) -> np.ndarray:
    previous = np.concatenate([np.zeros((alarmed.shape[0], 1), dtype=bool), alarmed[:, :-1]], axis=1)
    return (alarmed & ~previous).sum(axis=1)


def monitored_years() -> float:
    b = spc.Baseline()
    return (WEEKS - b.guard - b.min_history) / 52


def first_delays(alarmed: np.ndarray, batch: simulate.Batch, horizon: int) -> np.ndarray:
    """Weeks from each change's start to its first alarm within `horizon` weeks (NaN: none)."""
    out = np.full(len(batch.changes), np.nan)
    for i, change in enumerate(batch.changes):
        hits = np.flatnonzero(alarmed[i, change.start:change.start + horizon])
        if len(hits):
            out[i] = hits[0]
    return out


def score(alarms: dict[str, np.ndarray], data: dict[str, simulate.Batch]) -> dict:
    """Per background rate and pooled."""
    fa = episodes(alarms["null"]) / monitored_years()
    durations = np.array([c.duration for c in data["spike"].changes])
    spike_delay = np.array([d if d < durations[i] else np.nan for i, d in
                            enumerate(first_delays(alarms["spike"], data["spike"], 8))])
    drift_delay = first_delays(alarms["drift"], data["drift"], DRIFT_WEEKS)

    def summary(null_mask, spike_mask, drift_mask) -> dict:
        delays = spike_delay[spike_mask]
        drifts = drift_delay[drift_mask]
        return {
            "false_alarms_per_series_year": round(float(fa[null_mask].mean()), 3),
            "detected_within_3_weeks": round(float(np.mean(delays <= 2)), 3),
            "detected_within_4_weeks": round(float(np.mean(delays <= 3)), 3),
            "detected_during_spike": round(float(np.mean(~np.isnan(delays))), 3),
            "median_delay_weeks": float(np.nanmedian(delays)) if (~np.isnan(delays)).any() else None,
            "drift_detected_within_26_weeks": round(float(np.mean(~np.isnan(drifts))), 3),
            "drift_median_delay_weeks": float(np.nanmedian(drifts)) if (~np.isnan(drifts)).any() else None,
        }

    out = {"all": summary(*(np.ones(len(data[k].rates), dtype=bool) for k in ("null", "spike", "drift")))}
    for rate in RATES:
        out[f"{rate:g}"] = summary(*(data[k].rates == rate for k in ("null", "spike", "drift")))
    return out


def ours(data: dict[str, simulate.Batch], detector: spc.Detector) -> dict[str, np.ndarray]:
    return {name: spc.detect(batch.counts, detector).alarmed for name, batch in data.items()}


def calibrate_cusum(null: simulate.Batch, target_by_rate: dict[float, float]) -> dict[float, float]:
    """Per rate, the smallest h whose false-alarm rate on these null series is at most the target."""
    chosen = {}
    grid = np.arange(0.5, 40.01, 0.25)
    years = monitored_years()
    for rate in RATES:
        counts = null.counts[null.rates == rate]
        stacked = np.tile(counts, (len(grid), 1))
        h = np.repeat(grid, len(counts))
        fa = episodes(spc.detect_cusum(stacked, h)) / years
        per_h = fa.reshape(len(grid), len(counts)).mean(axis=1)
        ok = np.flatnonzero(per_h <= target_by_rate[rate])
        chosen[rate] = float(grid[ok[0]]) if len(ok) else float(grid[-1])
    return chosen


def cusum(data: dict[str, simulate.Batch], h_by_rate: dict[float, float]) -> dict[str, np.ndarray]:
    return {name: spc.detect_cusum(batch.counts, np.array([h_by_rate[r] for r in batch.rates]))
            for name, batch in data.items()}


def c_chart(data: dict[str, simulate.Batch]) -> dict[str, np.ndarray]:
    return {name: spc.detect_c_chart(batch.counts) for name, batch in data.items()}


def tune(seed: int, per_rate: int) -> None:
    """Print the pooled and worst-rate figures of a small grid of settings (seed = the tuning seed)."""
    data = batches(seed, per_rate)
    grid = [(0.002, 0.004, 0.008), (0.003, 0.006, 0.012), (0.004, 0.008, 0.016), (0.004, 0.004, 0.004)]
    for alpha in grid:
        for width in (3.5, 4.0):
            s = score(ours(data, spc.Detector(alpha=alpha, ewma_width=width)), data)
            worst_fa = max(s[f"{r:g}"]["false_alarms_per_series_year"] for r in RATES)
            print(f"alpha={alpha} ewma_width={width}: FA {s['all']['false_alarms_per_series_year']:.2f} "
                  f"(worst rate {worst_fa:.2f}), within 3 weeks {s['all']['detected_within_3_weeks']:.3f} "
                  f"(rate 4: {s['4']['detected_within_3_weeks']:.3f}), drift {s['all']['drift_detected_within_26_weeks']:.3f}",
                  flush=True)


def table(results: dict[str, dict]) -> str:
    def dash(value) -> str:
        return "-" if value is None else f"{value:g}"

    lines = [f"{'detector':<10} {'rate':>5} {'FA/yr':>6} {'≤3 wk':>6} {'≤4 wk':>6} {'median':>6} {'drift':>6} {'drift med':>9}"]
    for name, by_rate in results.items():
        for rate, s in by_rate.items():
            lines.append(f"{name:<10} {rate:>5} {s['false_alarms_per_series_year']:>6.2f} {s['detected_within_3_weeks']:>6.3f} "
                         f"{s['detected_within_4_weeks']:>6.3f} {dash(s['median_delay_weeks']):>6} "
                         f"{s['drift_detected_within_26_weeks']:>6.3f} {dash(s['drift_median_delay_weeks']):>9}")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=2, help="seed the figures are reported on")
    parser.add_argument("--tune-seed", type=int, default=1, help="seed the CUSUM is calibrated on")
    parser.add_argument("--per-rate", type=int, default=200, help="series per background rate and batch")
    parser.add_argument("--tune", action="store_true", help="print a grid of our detector's settings on --tune-seed")
    parser.add_argument("--output", default=os.path.join(ROOT, "bench", "results", "intelligence.json"))
    args = parser.parse_args(argv)
    if args.tune:
        tune(args.tune_seed, args.per_rate)
        return 0
    if args.seed == args.tune_seed:
        print("note: reporting on the tuning seed; pass a different --seed for honest figures")
    started = time.monotonic()
    detector = spc.Detector()
    tuning = batches(args.tune_seed, args.per_rate)
    ours_on_tuning = score(ours(tuning, detector), tuning)
    h_by_rate = calibrate_cusum(tuning["null"], {r: ours_on_tuning[f"{r:g}"]["false_alarms_per_series_year"] for r in RATES})
    data = batches(args.seed, args.per_rate)
    results = {"ours": score(ours(data, detector), data),
               "cusum": score(cusum(data, h_by_rate), data),
               "c-chart": score(c_chart(data), data)}
    print(table(results))
    a = results["ours"]["all"]
    c = results["cusum"]["all"]
    meets = a["detected_within_3_weeks"] >= 0.9 and all(
        s["false_alarms_per_series_year"] < TARGET_FA for s in results["ours"].values())
    print(f"\nours: {a['detected_within_3_weeks']:.1%} of 2x spikes within 3 weeks at "
          f"{a['false_alarms_per_series_year']:.2f} false alarms per series-year "
          f"(CUSUM {c['detected_within_3_weeks']:.1%} at {c['false_alarms_per_series_year']:.2f}); "
          f"requirement {'met' if meets else 'NOT met'} (pooled over rates 4-30)")
    spikes = {
        "seed": args.seed, "tune_seed": args.tune_seed, "series_per_rate": args.per_rate, "weeks": WEEKS,
        "rates": RATES, "spike_ratio": 2.0, "spike_weeks": [4, 8], "drift_ratio": DRIFT_RATIO, "drift_weeks": DRIFT_WEEKS,
        "detector": {"alpha": list(detector.alpha), "ewma_weight": detector.ewma_weight,
                     "ewma_width": detector.ewma_width, "baseline": vars(detector.baseline)},
        "cusum_h_by_rate": {f"{r:g}": h for r, h in h_by_rate.items()},
        "results": results, "meets_requirement": meets, "seconds": round(time.monotonic() - started, 1),
    }
    os.makedirs(os.path.dirname(args.output), exist_ok=True)
    existing = {}
    if os.path.exists(args.output):
        with open(args.output, encoding="utf-8") as f:
            try:
                existing = json.load(f)
            except json.JSONDecodeError:
                existing = {}
    existing["spikes"] = spikes
    with open(args.output, "w", encoding="utf-8") as f:
        json.dump(existing, f, indent=2)
    print(f"written to {args.output} (key \"spikes\")")
    return 0


if __name__ == "__main__":
    sys.exit(main())
