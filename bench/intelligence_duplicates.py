"""Calibrates the likely-duplicate flag (intelligence.similar): precision and recall by cosine threshold.

    GOODCATCH_DEMO=true python bench/intelligence_duplicates.py [--reports 3000] [--output bench/results/intelligence.json]

Two kinds of pairs, from the demo generator (`demo.generator`), embedded with the product's own
`vectors.embed_texts`:
- duplicates: one event told by two reporters. The second account keeps the first's "what
  happened" but is typed in another writing style (abbreviations, lower case, bullets...; the
  generator's own `apply_style`), and each of its other fields is, at random, the same fact restyled,
  left out, or told differently (taken from another report of the same situation);
- related, not duplicates: two different reports of the same situation (the same kind of work going
  wrong in the same service), half of them with the same slip too: the hard negatives a reviewer
  would otherwise see flagged.
Prints precision and recall of "cosine ≥ t" for a range of t, and the lowest t with precision ≥ 0.9
(on a set with as many duplicates as related pairs: in real use duplicates are rarer, so precision
there is lower; the flag only suggests, a reviewer decides). Writes them under "duplicates".
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "goodcatch.settings")

import django  # noqa: E402

django.setup()

from demo import generator  # noqa: E402
from demo.styles import STYLES, apply_style  # noqa: E402
from intelligence import similar, vectors  # noqa: E402

FIELDS = ("what_happened", "potential_harm_text", "how_noticed", "what_would_help")
TARGET_PRECISION = 0.9


def text(fields: dict[str, str]) -> str:
    return "\n\n".join(fields[name] for name in FIELDS if fields.get(name))


def pairs(count: int, rng: random.Random):
    reports = generator.generate(count, seed=31)
    by_situation = defaultdict(list)
    for report in reports:
        by_situation[report.situation].append(report)
    duplicates, related = [], []
    for report in reports:
        peers = [r for r in by_situation[report.situation] if r.index != report.index]
        if not peers:
            continue
        first = {name: getattr(report, name) for name in FIELDS}
        told_differently = rng.choice(peers)
        second = {"what_happened": first["what_happened"]}
        for name in FIELDS[1:]:
            second[name] = rng.choices([first[name], "", getattr(told_differently, name)], weights=(5, 3, 2))[0]
        style = rng.choice([s for s in STYLES if s != report.style])
        second = apply_style(second, style, rng, set())
        duplicates.append((text(first), text(second)))
        same_slip = [r for r in peers if r.slip == report.slip]
        other = rng.choice(same_slip) if same_slip and rng.random() < 0.5 else rng.choice(peers)
        related.append((text(first), text({name: getattr(other, name) for name in FIELDS})))
    return duplicates, related


def cosines(pair_list) -> np.ndarray:
    left = vectors.embed_texts([a for a, _ in pair_list])
    right = vectors.embed_texts([b for _, b in pair_list])
    return np.sum(left * right, axis=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, default=3000)
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "results" / "intelligence.json")
    args = parser.parse_args()

    duplicates, related = pairs(args.reports, random.Random(5))
    positive, negative = cosines(duplicates), cosines(related)
    print(f"{len(positive)} duplicate pairs, cosine median {np.median(positive):.4f} (5th pct {np.percentile(positive, 5):.4f})")
    print(f"{len(negative)} related pairs,   cosine median {np.median(negative):.4f} (95th pct {np.percentile(negative, 95):.4f})")
    rows = []
    print(f"\n{'threshold':>10}{'precision':>11}{'recall':>8}")
    for threshold in np.round(np.arange(0.950, 1.0001, 0.0025), 4):
        flagged_true = int(np.sum(positive >= threshold))
        flagged_false = int(np.sum(negative >= threshold))
        precision = flagged_true / (flagged_true + flagged_false) if flagged_true + flagged_false else 1.0
        recall = flagged_true / len(positive)
        rows.append({"threshold": float(threshold), "precision": precision, "recall": recall})
        print(f"{threshold:>10.4f}{precision:>11.3f}{recall:>8.3f}")
    chosen = next((row for row in rows if row["precision"] >= TARGET_PRECISION), rows[-1])
    current = similar.duplicate_threshold()
    flagged_true, flagged_false = int(np.sum(positive >= current)), int(np.sum(negative >= current))
    at_current = {"threshold": current, "recall": flagged_true / len(positive),
                  "precision": flagged_true / (flagged_true + flagged_false) if flagged_true + flagged_false else 1.0}
    print(f"\nlowest threshold with precision ≥ {TARGET_PRECISION}: {chosen['threshold']:.4f} "
          f"(precision {chosen['precision']:.3f}, recall {chosen['recall']:.3f})")
    print(f"the product's threshold {current:.4f}: precision {at_current['precision']:.3f}, recall {at_current['recall']:.3f}")

    args.output.parent.mkdir(parents=True, exist_ok=True)
    existing = json.loads(args.output.read_text()) if args.output.exists() else {}
    existing["duplicates"] = {"pairs": {"duplicates": len(positive), "related": len(negative)}, "by_threshold": rows,
                              "chosen": chosen, "product": at_current}
    args.output.write_text(json.dumps(existing, indent=2))


if __name__ == "__main__":
    main()
