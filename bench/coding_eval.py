"""Contributing-factor coder benchmark: our model vs a TF-IDF + logistic-regression baseline, same run.

    python bench/coding_eval.py [--data ../shared/data/coding] [--output bench/results/coding.json]

Evaluations, all with the code `manage.py evaluate_coder` runs (`semantic.evaluation.evaluate`):
- ``safenet_dev.jsonl`` (wildland-fire near misses) time-ordered: train on years up to 2010, test on later years;
- ``asrs_dev.jsonl`` (aviation human factors) with a fixed 5-fold split (seeded), averaged over folds;
- a second look at time order, on splits the model was not developed against: SafeNet up to 2006
  against 2007-2010, and up to 2008 against 2009-2014.
"ours" is the product's default (it abstains below its cross-validated confidence point); the line
under it is the same trained model suggesting for every report.
It also measures embedding speed (static and MiniLM, texts/s) and model load time. See bench/README.md.
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

import semantic  # noqa: E402
from semantic.evaluation import Record, evaluate, read_records  # noqa: E402
from semantic.metrics import scores_report  # noqa: E402

TIME_SPLIT_YEAR = 2010
SECOND_LOOK = ((2006, 2010), (2008, 2014))  # (last training year, last test year)
FOLDS = 5


class BaselineModel:
    """TF-IDF (scikit-learn defaults) and one default logistic regression per label; suggested = p >= 0.5."""

    def __init__(self, texts, labels, min_count=5):
        from collections import Counter

        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        counts = Counter(label for row in labels for label in set(row))
        self.labels = tuple(sorted(label for label, n in counts.items() if n >= min_count))
        self.skipped_labels = {label: n for label, n in counts.items() if n < min_count}
        self.kind = "tfidf+lr"
        self.vectorizer = TfidfVectorizer().fit(texts)
        x = self.vectorizer.transform(texts)
        self.models = [LogisticRegression(max_iter=1000).fit(x, [label in row for row in labels]) for label in self.labels]

    def scores(self, texts):
        x = self.vectorizer.transform(texts)
        columns = [m.predict_proba(x)[:, 1] for m in self.models]
        return [{label: float(col[i]) for label, col in zip(self.labels, columns, strict=True)} for i in range(len(texts))]

    def suggested(self, scores):
        return [label for label, s in sorted(scores.items(), key=lambda kv: -kv[1]) if s >= 0.5]


def splits(data_dir, seed=20261205):
    safenet, problems = read_records(os.path.join(data_dir, "safenet_dev.jsonl"))
    for p in problems:
        print(f"safenet_dev.jsonl: {p} (skipped)")
    train = [r for r in safenet if r.year is not None and r.year <= TIME_SPLIT_YEAR]
    test = [r for r in safenet if r.year is not None and r.year > TIME_SPLIT_YEAR]
    yield "safenet time-ordered", [(train, test)]
    for last, end in SECOND_LOOK:
        early = [r for r in safenet if r.year is not None and r.year <= last]
        later = [r for r in safenet if r.year is not None and last < r.year <= end]
        yield f"safenet <={last} / {last + 1}-{end}", [(early, later)]
    asrs, problems = read_records(os.path.join(data_dir, "asrs_dev.jsonl"))
    for p in problems:
        print(f"asrs_dev.jsonl: {p} (skipped)")
    order = np.random.default_rng(seed).permutation(len(asrs))
    folds = []
    for k in range(FOLDS):
        held = set(order[k::FOLDS].tolist())
        folds.append(([r for i, r in enumerate(asrs) if i not in held], [r for i, r in enumerate(asrs) if i in held]))
    yield f"asrs {FOLDS}-fold", folds


def _always(evaluation, folds_test) -> dict:
    """The same trained model's scores if it suggested for every report (abstention off)."""
    model = evaluation.model
    kept, model.confident_at = model.confident_at, 0.0
    try:
        suggested = [model.suggested(p["scores"]) for p in evaluation.predictions]
    finally:
        model.confident_at = kept
    return scores_report([list(r.labels) for r in folds_test], suggested)


def run_split(folds, trainer) -> dict:
    rows = [evaluate(train, test, trainer=trainer) for train, test in folds]
    keys = ("micro_f1", "macro_f1", "precision_at_1", "coverage", "precision_at_1_all", "micro_precision", "micro_recall")
    out = {k: round(float(np.mean([r.metrics[k] for r in rows])), 4) for k in keys}
    out["train_seconds"] = round(float(np.mean([r.train_seconds for r in rows])), 2)
    out["train_cpu_seconds"] = round(float(np.mean([r.train_cpu_seconds for r in rows])), 2)
    out["reports_with_suggestion"] = round(float(np.mean([r.metrics["reports_with_suggestion"] for r in rows])), 1)
    out["predict_ms_per_report"] = round(float(np.mean([r.predict_ms_per_report for r in rows])), 2)
    out["train_reports"] = round(float(np.mean([len(f[0]) for f in folds])))
    out["test_reports"] = round(float(np.mean([len(f[1]) for f in folds])))
    if hasattr(rows[0].model, "confident_at"):
        out["confidence_point"] = [r.model.evaluation["confidence_point"] for r in rows]
        always = [_always(r, f[1]) for r, f in zip(rows, folds, strict=True)]
        out["always_suggesting"] = {k: round(float(np.mean([a[k] for a in always])), 4) for k in keys}
    out["skipped_labels"] = rows[0].skipped_labels
    if hasattr(rows[0].model, "suggest"):  # the reviewer's page: suggestions with their phrases, one report at a time
        sample = [r.text for r in folds[0][1][:50]]
        start = time.perf_counter()
        for text in sample:
            rows[0].model.suggest(text)
        out["suggest_ms_per_report"] = round(1000 * (time.perf_counter() - start) / max(len(sample), 1), 2)
    out["per_label_f1"] = {
        label: round(float(np.mean([r.metrics["per_label_f1"].get(label, 0.0) for r in rows])), 4)
        for label in rows[0].metrics["per_label_f1"]
    }
    return out


def embedding_speed(texts: list[str]) -> dict:
    from semantic.embedding import minilm, static

    start = time.perf_counter()
    minilm()
    load = time.perf_counter() - start
    start = time.perf_counter()
    static()
    load_static = time.perf_counter() - start
    sample = texts[:200]
    static().ensure([i for t in sample for i in static().tokenizer.ids(t)])  # distilling is a one-off cost
    start = time.perf_counter()
    static().embed(sample)
    static_rate = len(sample) / (time.perf_counter() - start)
    few = texts[:16]
    start = time.perf_counter()
    minilm().embed(few)
    minilm_rate = len(few) / (time.perf_counter() - start)
    return {
        "minilm_load_seconds": round(load, 2),
        "static_load_seconds": round(load_static, 2),
        "static_texts_per_second": round(static_rate, 1),
        "minilm_texts_per_second": round(minilm_rate, 2),
        "mean_chars": round(float(np.mean([len(t) for t in texts])), 1),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data", "coding"))
    parser.add_argument("--output", default=os.path.join(ROOT, "bench", "results", "coding.json"))
    var_dir = os.environ.get("GOODCATCH_VAR_DIR", os.path.join(ROOT, "var"))
    parser.add_argument("--asrs-seed", type=int, default=20261205, help="seed of the aviation 5-fold split (change it)")
    parser.add_argument("--cache-dir", default=os.path.join(var_dir, "semantic"), help="distilled token vectors")
    args = parser.parse_args(argv)
    semantic.set_cache_dir(args.cache_dir)

    results: dict = {"splits": {}}
    all_texts = [r.text for _, folds in splits(args.data, args.asrs_seed) for r in folds[0][0] + folds[0][1]]
    results["embedding"] = embedding_speed(all_texts)  # first, so that the load times are a cold process's
    models = {"ours": semantic.train_coder, "baseline": BaselineModel}
    for name, folds in splits(args.data, args.asrs_seed):
        results["splits"][name] = {label: run_split(folds, trainer) for label, trainer in models.items()}

    header = (
        f"{'split':<22} {'model':<18} {'micro-F1':>8} {'macro-F1':>8} {'P@1':>6} {'coverage':>8} {'P@1 all':>7}"
        f" {'train s':>8} {'CPU s':>6} {'ms/report':>9}"
    )
    print(header)
    print("-" * len(header))
    line = "{:<22} {:<18} {:>8.3f} {:>8.3f} {:>6.3f} {:>8.3f} {:>7.3f}"
    for name, by_model in results["splits"].items():
        for label, m in by_model.items():
            print(
                line.format(name, label, m["micro_f1"], m["macro_f1"], m["precision_at_1"], m["coverage"], m["precision_at_1_all"])
                + f" {m['train_seconds']:>8.1f} {m['train_cpu_seconds']:>6.1f} {m['predict_ms_per_report']:>9.1f}"
            )
        w = by_model["ours"]["always_suggesting"]
        figures = (w[k] for k in ("micro_f1", "macro_f1", "precision_at_1", "coverage", "precision_at_1_all"))
        print(line.format("", "ours, always", *figures))
        ours, baseline = by_model["ours"], by_model["baseline"]
        gain, always_gain = ours["micro_f1"] - baseline["micro_f1"], w["micro_f1"] - baseline["micro_f1"]
        print(f"{'':<22} micro-F1 gain over the baseline: {gain:+.3f} (always suggesting: {always_gain:+.3f})")
        print(
            f"{'':<22} ours abstains where its first suggestion scores below the point where it was right"
            f" {semantic.TARGET_PRECISION:.0%} of the time in the training reports' cross-validation: {ours['confidence_point']}"
        )
        print(f"{'':<22} suggest() with phrases: {ours.get('suggest_ms_per_report')} ms/report")
        skipped = by_model["ours"]["skipped_labels"]
        if skipped:
            print(f"{'':<22} not learned (fewer than 5 reports): {skipped}")
    e = results["embedding"]
    print(
        f"embedding: static {e['static_texts_per_second']} texts/s, MiniLM {e['minilm_texts_per_second']} texts/s "
        f"(mean {e['mean_chars']} chars); load: MiniLM {e['minilm_load_seconds']} s, static {e['static_load_seconds']} s"
    )
    os.makedirs(os.path.dirname(args.output), exist_ok=True)
    with open(args.output, "w", encoding="utf-8") as f:
        json.dump(results, f, indent=2)
    print(
        "P@1: the first suggestion's precision over the reports with a suggestion; coverage: the share of reports"
        " with one; P@1 all: over every report (no suggestion = a miss)."
    )
    print(f"written to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())


__all__ = ["BaselineModel", "Record", "main"]
