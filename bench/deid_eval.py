"""De-identification benchmark: our engine vs plain Presidio, per label, plus speed.

    python bench/deid_eval.py --corpus /work/shared/data/deid/dev.jsonl \
        --corpus /work/shared/data/pii/wnut17_test.conll [--output bench/results/deid.json]

See bench/README.md for the scoring rules (bench/deid_scoring.py).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
for _p in (ROOT, os.path.join(ROOT, "bench")):
    if _p not in sys.path:
        sys.path.insert(0, _p)

import deid_scoring as scoring  # noqa: E402

BASELINE_MAP = {
    "PERSON": "PERSON", "LOCATION": "LOCATION", "DATE_TIME": "DATE", "PHONE_NUMBER": "PHONE",
    "EMAIL_ADDRESS": "EMAIL", "UK_NHS": "NHS_NUMBER", "UK_NINO": "NI_NUMBER", "ORGANIZATION": "ORGANISATION",
    "NRP": "NRP", "AGE": "AGE",
}


def family(doc_id: str) -> str:
    m = re.search(r"-([A-Za-z]\d+)$", doc_id)
    return m.group(1) if m else ""


def run_ours(docs, deid):  # noqa: ANN001
    preds, times = [], []
    for d in docs:
        t0 = time.perf_counter()
        spans = deid.analyse(d.text)
        times.append(time.perf_counter() - t0)
        preds.append([(s.start, s.end, s.label) for s in spans])
    return preds, times


def run_baseline(docs, analyzer):  # noqa: ANN001
    preds, times = [], []
    for d in docs:
        t0 = time.perf_counter()
        results = analyzer.analyze(d.text, language="en") if d.text.strip() else []
        times.append(time.perf_counter() - t0)
        preds.append([(r.start, r.end, BASELINE_MAP.get(r.entity_type, r.entity_type)) for r in results])
    return preds, times


def narratives_of(docs, size: int = 2000, count: int = 60) -> list[str]:  # noqa: ANN001
    """~size-character narratives built from the corpus text (cut at a space)."""
    blob = "\n".join(d.text for d in docs)
    out, pos = [], 0
    while len(out) < count and blob:
        if pos + size >= len(blob):
            pos = 0
        piece = blob[pos:pos + size + 40]
        cut = piece.rfind(" ", 0, size + 1)
        piece = piece[: cut if cut > size * 0.9 else size]
        out.append(piece)
        pos += len(piece)
    return out


def p95(values: list[float]) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def speed(fn, docs, texts_2k) -> dict:  # noqa: ANN001
    t0 = time.perf_counter()
    chars = 0
    for d in docs:
        fn(d.text)
        chars += len(d.text)
    elapsed = time.perf_counter() - t0
    lat = []
    for t in texts_2k:
        s = time.perf_counter()
        fn(t)
        lat.append(time.perf_counter() - s)
    return {
        "docs": len(docs), "seconds": elapsed, "docs_per_s": len(docs) / elapsed if elapsed else 0.0,
        "chars_per_s": chars / elapsed if elapsed else 0.0, "p95_ms_2000_chars": p95(lat) * 1000,
        "median_ms_2000_chars": statistics.median(lat) * 1000 if lat else 0.0,
    }


def split_scores(docs, preds) -> dict:  # noqa: ANN001
    fams = sorted({family(d.id) for d in docs if family(d.id)})
    if len(fams) < 2:
        return {}
    half = len(fams) // 2
    groups = {"families_A": set(fams[:half]), "families_B": set(fams[half:])}
    out = {}
    for name, fs in groups.items():
        idx = [i for i, d in enumerate(docs) if family(d.id) in fs]
        out[name] = {"families": sorted(fs),
                     "result": scoring.score([docs[i] for i in idx], [preds[i] for i in idx])}
    return out


def half_scores(docs, preds) -> dict:  # noqa: ANN001
    """Documents without template families (CoNLL) split by a fixed rule: even index = half A, odd = half B.
    Error analysis is done on half A only; half B checks that a change generalises."""
    if any(family(d.id) for d in docs) or len(docs) < 2:
        return {}
    out = {}
    for name, parity in (("half_A", 0), ("half_B", 1)):
        idx = [i for i in range(len(docs)) if i % 2 == parity]
        out[name] = {"rule": "even doc index" if parity == 0 else "odd doc index",
                     "result": scoring.score([docs[i] for i in idx], [preds[i] for i in idx])}
    return out


def _print_halves(halves: dict, who: str) -> None:
    for name, h in halves.items():
        r = h["result"]
        o = r["overall"]

        def g(label: str, key: str, labels: dict = r["labels"]) -> float:
            return labels.get(label, {}).get(key) or 0.0

        print(f"  {who} {name} ({h['rule']}): overall R {o['recall']:.3f} P {o['precision']:.3f} F2 {o['f2']:.3f} | "
              f"PERSON R {g('PERSON', 'recall'):.3f} P {g('PERSON', 'precision'):.3f} | "
              f"LOCATION R {g('LOCATION', 'recall'):.3f} P {g('LOCATION', 'precision'):.3f}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", action="append", required=True, help="JSONL (deid README format) or .conll (BIO)")
    ap.add_argument("--output", default=os.path.join(ROOT, "bench", "results", "deid.json"))
    ap.add_argument("--no-baseline", action="store_true")
    ap.add_argument("--show-errors", type=int, default=0, help="print up to N misses and false positives")
    args = ap.parse_args(argv)

    from deid import Deidentifier
    from deid import nlp as deid_nlp

    t0 = time.perf_counter()
    deid = Deidentifier()
    deid.analyse("Warm-up: Mum Jo Bloggs rang 07700 900123 about 12 Mar 2024.")
    load_s = time.perf_counter() - t0
    baseline = None
    if not args.no_baseline:
        baseline = deid_nlp.baseline_analyzer()
        baseline.analyze("Warm-up text for John Smith.", language="en")

    report: dict = {"model_load_s": load_s, "corpora": {}}
    for path in args.corpus:
        docs = scoring.load_corpus(path)
        name = os.path.basename(path)
        entry: dict = {"path": path, "docs": len(docs)}
        preds, _ = run_ours(docs, deid)
        entry["ours"] = scoring.score(docs, preds)
        entry["ours_split"] = {k: v for k, v in split_scores(docs, preds).items()}
        texts_2k = narratives_of(docs)
        entry["ours_speed"] = speed(deid.analyse, docs, texts_2k)
        print(scoring.format_table(f"\n=== {name}: ours ({len(docs)} docs) ===", entry["ours"]))
        for split_name, split in entry["ours_split"].items():
            r = split["result"]
            o, per = r["overall"], r["labels"].get("PERSON", {})
            print(f"  {split_name} {split['families'][0]}..{split['families'][-1]}: overall R {o['recall']:.3f} "
                  f"P {o['precision']:.3f} F2 {o['f2']:.3f} | PERSON R {per.get('recall') or 0:.3f} "
                  f"P {per.get('precision') or 0:.3f} | leaked {r['structured']['leaked']}")
        entry["ours_halves"] = half_scores(docs, preds)
        _print_halves(entry["ours_halves"], "ours")
        sp = entry["ours_speed"]
        print(f"  speed: {sp['docs_per_s']:.1f} docs/s, {sp['chars_per_s']:.0f} chars/s, "
              f"p95 {sp['p95_ms_2000_chars']:.1f} ms per 2,000-char narrative")
        if baseline is not None:
            bpreds, _ = run_baseline(docs, baseline)
            entry["baseline"] = scoring.score(docs, bpreds)
            entry["baseline_speed"] = speed(lambda t: baseline.analyze(t, language="en") if t.strip() else [],
                                            docs, texts_2k)
            print(scoring.format_table(f"--- {name}: plain Presidio baseline ---", entry["baseline"]))
            entry["baseline_halves"] = half_scores(docs, bpreds)
            _print_halves(entry["baseline_halves"], "baseline")
            bs = entry["baseline_speed"]
            print(f"  speed: {bs['docs_per_s']:.1f} docs/s, {bs['chars_per_s']:.0f} chars/s, "
                  f"p95 {bs['p95_ms_2000_chars']:.1f} ms per 2,000-char narrative")
            gain = entry["ours"]["overall"]["f2"] - entry["baseline"]["overall"]["f2"]
            entry["f2_gain_over_baseline"] = gain
            print(f"  overall F2 gain over baseline: {gain:+.3f}")
        if args.show_errors:
            _show_errors(docs, preds, args.show_errors)
        report["corpora"][name] = entry

    os.makedirs(os.path.dirname(os.path.abspath(args.output)), exist_ok=True)
    with open(args.output, "w", encoding="utf-8") as fh:
        json.dump(report, fh, indent=2)
    print(f"\nwrote {args.output}")
    return 0


def _show_errors(docs, preds, limit: int) -> None:  # noqa: ANN001
    misses, fps = [], []
    for d, p in zip(docs, preds, strict=True):
        for g in d.spans:
            if not scoring.protected(d.text, g, p):
                misses.append((g[2], d.text[g[0]:g[1]], d.text[max(0, g[0] - 40):g[1] + 25].replace("\n", " "), d.id))
        for s in p:
            if (d.scored_labels is None or s[2] in d.scored_labels) and not any(
                    s[0] < g[1] and g[0] < s[1] for g in d.spans):
                fps.append((s[2], d.text[s[0]:s[1]], d.text[max(0, s[0] - 40):s[1] + 25].replace("\n", " "), d.id))
    print(f"\n-- misses ({len(misses)}) --")
    for m in misses[:limit]:
        print("  ", m)
    print(f"-- false positives ({len(fps)}) --")
    for f in fps[:limit]:
        print("  ", f)


if __name__ == "__main__":
    raise SystemExit(main())
