"""Emerging themes: how well clustering finds the known slips behind generated reports, and how long
it takes at 10,000 and 100,000 reports.

    python bench/intelligence_themes.py [--quality N] [--seed S] [--output bench/results/intelligence.json]

Reports come from the demo generator (`demo.generator`), which writes each one from a known situation
(where: a MASH referral, a discharge...) and a known slip (what went wrong: a letter to the old
address, a missing interpreter...). A theme is about what went wrong, so the main truth is the slip;
scores against the situation and the slip's broad theme are printed too. The personal data the
generator put in a narrative is replaced by placeholders (`[FIRST_NAME]`), as de-identification would.
The seed differs from the one the defaults were chosen on (11), so the figures are held out.

Scores: adjusted Rand index (ARI), normalised mutual information (NMI), purity (share of reports in
their cluster's majority class), share of reports left in no theme, number of themes.

Timing: 10,000 generated reports embedded with the product's model; 100,000 are those 10,000 vectors
each repeated ten times with a little noise (embedding 100,000 texts takes minutes and measures the
model, not the clustering). Above `clustering.SAMPLE_SIZE` reports the clustering runs on a sample and
assigns the rest to the nearest centroid, so its cost is a fixed part plus one matrix product.
Results go under the key "themes" of the output file (other keys are kept).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "goodcatch.settings")

import django  # noqa: E402

django.setup()

from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score  # noqa: E402

from demo.generator import generate  # noqa: E402
from intelligence import clustering  # noqa: E402
from intelligence.vectors import embed_texts  # noqa: E402

OUTPUT = ROOT / "bench" / "results" / "intelligence.json"


def deidentified(report) -> str:
    text = report.narrative
    for kind, value in sorted(report.personal_data, key=lambda kv: -len(kv[1])):
        text = text.replace(value, f"[{kind.upper()}]")
    return text


def corpus(count: int, seed: int):
    reports = generate(count, seed=seed)
    texts = [deidentified(r) for r in reports]
    truth = {"slip": [r.slip for r in reports], "situation": [r.situation for r in reports],
             "slip_theme": [r.theme for r in reports]}
    return texts, truth


def purity(labels: np.ndarray, truth: list[str]) -> float:
    total = 0
    for label in set(labels.tolist()) - {clustering.NOISE}:
        total += Counter(t for t, x in zip(truth, labels, strict=True) if x == label).most_common(1)[0][1]
    return total / len(labels)


def scores(labels: np.ndarray, truth: dict[str, list[str]], seconds: float) -> dict:
    out = {"themes": int(len(set(labels.tolist()) - {clustering.NOISE})),
           "unthemed_share": round(float((labels == clustering.NOISE).mean()), 3), "seconds": round(seconds, 2)}
    for name, classes in truth.items():
        out[name] = {"ari": round(adjusted_rand_score(classes, labels), 3),
                     "nmi": round(normalized_mutual_info_score(classes, labels), 3),
                     "purity": round(purity(labels, classes), 3)}
    return out


def run(matrix: np.ndarray, method: str, **kwargs) -> tuple[np.ndarray, float]:
    started = time.perf_counter()
    labels = clustering.cluster(matrix, method=method, **kwargs).labels
    return labels, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quality", type=int, default=3000, help="reports for the quality comparison")
    parser.add_argument("--seed", type=int, default=29)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    results: dict = {"generator_seed": args.seed, "sample_size": clustering.SAMPLE_SIZE}

    # 1. Quality: the chosen method against the alternatives, on the same held-out reports, at the size
    # of a small organisation and of a large one (a fixed Ward distance suits only one of them).
    results["quality"] = {}
    for count in sorted({600, args.quality}):
        texts, truth = corpus(count, args.seed)
        started = time.perf_counter()
        matrix = embed_texts(texts)
        print(f"\n{count} reports embedded in {time.perf_counter() - started:.1f}s; "
              f"{len(set(truth['slip']))} slips, {len(set(truth['situation']))} situations")
        quality = {}
        for name, method, kwargs in [("agglomerative (Ward, silhouette cut) [chosen]", clustering.AGGLOMERATIVE, {}),
                                     ("agglomerative (Ward, fixed distance 0.6)", clustering.AGGLOMERATIVE,
                                      {"threshold": 0.6}),
                                     ("hdbscan (min cluster 5)", clustering.HDBSCAN, {})]:
            labels, seconds = run(matrix, method, **kwargs)
            quality[name] = scores(labels, truth, seconds)
        print(f"Quality at {count} reports (vs the generating slip | situation):")
        print(f"{'method':50} {'themes':>6} {'none':>6} {'ARI':>6} {'NMI':>6} {'purity':>6} | {'ARI':>6} {'s':>6}")
        for name, q in quality.items():
            print(f"{name:50} {q['themes']:6} {q['unthemed_share']:6.2f} {q['slip']['ari']:6.3f} "
                  f"{q['slip']['nmi']:6.3f} {q['slip']['purity']:6.3f} | {q['situation']['ari']:6.3f} {q['seconds']:6.1f}")
        results["quality"][str(count)] = quality

    # Labels of the largest themes, to read.
    labels, _ = run(matrix, clustering.AGGLOMERATIVE)
    largest = [label for label, _ in Counter(labels[labels >= 0].tolist()).most_common(8)]
    started = time.perf_counter()
    terms = clustering.distinctive_terms([[t for t, x in zip(texts, labels, strict=True) if x == label]
                                          for label in largest],
                                         background=[t for t, x in zip(texts, labels, strict=True) if x not in largest])
    label_seconds = time.perf_counter() - started
    print("\nLargest themes, their labels and the slip most of their reports came from:")
    examples = []
    for label, found in zip(largest, terms, strict=True):
        slip = Counter(s for s, x in zip(truth["slip"], labels, strict=True) if x == label).most_common(1)[0][0]
        size = int((labels == label).sum())
        examples.append({"size": size, "label": clustering.label_of(found), "main_slip": slip})
        print(f"  {size:4}  {clustering.label_of(found):50}  {slip}")
    results["labels"] = {"examples": examples, "seconds_for_8_themes": round(label_seconds, 2)}

    # 2. Time at 10k (real embeddings) and 100k (those, repeated with noise).
    texts10, truth10 = corpus(10_000, args.seed + 1)
    started = time.perf_counter()
    m10 = embed_texts(texts10)
    embed_seconds = time.perf_counter() - started
    rng = np.random.default_rng(args.seed)
    m100 = np.repeat(m10, 10, axis=0) + rng.normal(scale=0.01, size=(100_000, m10.shape[1])).astype(np.float32)
    m100 /= np.linalg.norm(m100, axis=1, keepdims=True)
    truth100 = {name: [c for c in classes for _ in range(10)] for name, classes in truth10.items()}
    scale = {"embedding_10k_seconds": round(embed_seconds, 1)}
    print(f"\nTime (10,000 embedded in {embed_seconds:.0f}s; 100,000 = each of those ten times with noise):")
    for n, m, t in ((10_000, m10, truth10), (100_000, m100, truth100)):
        for name, method in (("agglomerative", clustering.AGGLOMERATIVE), ("hdbscan", clustering.HDBSCAN)):
            labels, seconds = run(m, method)
            q = scores(labels, t, seconds)
            scale[f"{name}_{n}"] = q
            print(f"  {n:>7} {name:14} {seconds:7.1f}s  themes {q['themes']:4}  slip ARI {q['slip']['ari']:.3f}  "
                  f"none {q['unthemed_share']:.2f}")
    results["scale"] = scale

    args.output.parent.mkdir(parents=True, exist_ok=True)
    existing = json.loads(args.output.read_text()) if args.output.exists() else {}
    existing["themes"] = results
    args.output.write_text(json.dumps(existing, indent=2) + "\n")
    print(f"\nWritten under \"themes\" in {args.output}")


if __name__ == "__main__":
    main()
