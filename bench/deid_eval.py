"""De-identification benchmark: our engine vs plain Presidio, per label, plus speed.

    python bench/deid_eval.py --corpus /work/shared/data/deid/dev.jsonl \
        --corpus /work/shared/data/pii/wnut17_test.conll [--generate [SEED][:COUNT]] \
        [--output bench/results/deid.json]

``--generate`` also evaluates a multilingual corpus generated in memory by bench/deid_corpus.py,
with a seed from the clock unless one is given (``--seed S`` repeats a run).

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
import engines  # noqa: E402

GENERATED_COUNT = 600
SPEED_ROUNDS = 3


def family(doc_id: str) -> str:
    m = re.search(r"-([A-Za-z]\d+)$", doc_id)
    return m.group(1) if m else ""


def run(docs, analyse):  # noqa: ANN001
    return [analyse(d.text) for d in docs]


def guarded(analyse, crashes: list[dict]):  # noqa: ANN001, ANN201
    """``analyse`` that records an exception (and predicts nothing) instead of stopping the benchmark:
    a crash on some input is a finding to report, not a reason to lose the run."""
    def safe(text: str) -> list[tuple[int, int, str]]:
        try:
            return analyse(text)
        except Exception as exc:  # noqa: BLE001 - any failure of the engine under test is recorded
            record = {"error": f"{type(exc).__name__}: {exc}", "text": text[:300]}
            if len(crashes) < 1000 and record not in crashes:  # the speed pass calls again on the same texts
                crashes.append(record)
            return []
    return safe


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


def speeds(fns: dict, docs, texts_2k, rounds: int = SPEED_ROUNDS) -> dict:  # noqa: ANN001
    """Characters per second of each engine over the whole corpus, and latency on ~2,000-character texts.

    The engines take turns, `rounds` times, and each keeps its median round: on a shared machine one
    pass each decides by luck which engine is faster (passes of one engine here differ by 15%)."""
    chars = sum(len(d.text) for d in docs)
    rates: dict[str, list[float]] = {name: [] for name in fns}
    seconds: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(rounds):
        for name, fn in fns.items():
            t0 = time.perf_counter()
            for d in docs:
                fn(d.text)
            elapsed = time.perf_counter() - t0
            seconds[name].append(elapsed)
            rates[name].append(chars / elapsed if elapsed else 0.0)
    out = {}
    for name, fn in fns.items():
        lat = []
        for t in texts_2k:
            s = time.perf_counter()
            fn(t)
            lat.append(time.perf_counter() - s)
        elapsed = statistics.median(seconds[name])
        out[name] = {
            "docs": len(docs), "rounds": rounds, "seconds": elapsed,
            "docs_per_s": len(docs) / elapsed if elapsed else 0.0,
            "chars_per_s": statistics.median(rates[name]), "chars_per_s_rounds": rates[name],
            "p95_ms_2000_chars": p95(lat) * 1000,
            "median_ms_2000_chars": statistics.median(lat) * 1000 if lat else 0.0,
        }
    return out


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


def parse_generate(spec: str | None, seed: str | None) -> tuple[str, int] | None:
    """``--generate [SEED][:COUNT]`` and ``--seed S`` -> (seed, count); the seed defaults to the clock."""
    if spec is None and seed is None:
        return None
    spec_seed, _, count = (spec or "").partition(":")
    chosen = seed or spec_seed or str(time.time_ns() // 1000 % 1_000_000_000)
    return chosen, int(count) if count else GENERATED_COUNT


def evaluate_generated(seed: str, count: int, ours, baseline, show_errors: int = 0,  # noqa: ANN001
                       speed_rounds: int = 3) -> dict:
    """Generate the multilingual corpus in memory and score both engines on it, per label, side by side."""
    import deid_corpus

    objs = deid_corpus.generate(seed, count)
    docs = [scoring.gold_doc(o) for o in objs]
    print(f"\n=== generated multilingual corpus: seed {seed}, {count} docs "
          f"(repeat with --seed {seed}; change the seed when you evaluate) ===")
    entry: dict = {"generator": "bench/deid_corpus.py", "seed": seed, "docs": count, "crashes": {}}
    by_style = {st: [i for i, o in enumerate(objs) if o["style"] == st] for st in sorted({o["style"] for o in objs})}
    entry["by_style"] = {st: {"docs": len(idx)} for st, idx in by_style.items()}
    texts_2k = narratives_of(docs)
    preds: dict[str, list] = {}
    for who, analyse in (("ours", ours), ("baseline", baseline)):
        if analyse is None:
            continue
        safe = guarded(analyse, entry["crashes"].setdefault(who, []))
        preds[who] = run(docs, safe)
        entry[who] = scoring.score(docs, preds[who], scoring.STRUCTURED_ALL)
        for st, idx in by_style.items():
            entry["by_style"][st][who] = scoring.score([docs[i] for i in idx], [preds[who][i] for i in idx],
                                                       scoring.STRUCTURED_ALL)["overall"]
    # Timed as scored: an input an engine raises on counts as analysed (its crashes are reported above).
    timed = speeds({who: guarded(fn, []) for who, fn in (("ours", ours), ("baseline", baseline)) if fn is not None},
                   docs, texts_2k, speed_rounds)
    for who, sp in timed.items():
        entry[who + "_speed"] = sp
    if "baseline" in entry:
        print(scoring.format_comparison("R recall, P precision, F2, leak = gold spans not fully protected "
                                        "(structured identifiers)", entry["ours"], entry["baseline"],
                                        deid_corpus.LABELS))
        entry["f2_gain_over_baseline"] = entry["ours"]["overall"]["f2"] - entry["baseline"]["overall"]["f2"]
    else:
        print(scoring.format_table("--- ours ---", entry["ours"]))

    def style_cell(v: dict) -> str:  # F2, or for text without identifiers the spans predicted (all wrong)
        return "/".join(f"{v[w]['f2']:.3f}" if v[w]["gold"] else f"{v[w]['predicted']} FP" for w in preds)

    print("  by style, overall F2 ours/Presidio: " + ", ".join(f"{st} {style_cell(v)}" for st, v in entry["by_style"].items()))
    for who in preds:
        sp = entry[who + "_speed"]
        print(f"  speed {'ours' if who == 'ours' else 'Presidio'}: {sp['chars_per_s']:.0f} chars/s, "
              f"{sp['docs_per_s']:.1f} docs/s, p95 {sp['p95_ms_2000_chars']:.1f} ms per 2,000-char narrative")
        found = entry["crashes"][who]
        if found:
            print(f"  {who} raised on {len(found)} inputs (scored as predicting nothing), e.g. {found[0]['error']} "
                  f"on {found[0]['text'][:80]!r}")
    if show_errors:
        _show_errors(docs, preds["ours"], show_errors)
    return entry


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", action="append", default=[], help="JSONL (deid README format) or .conll (BIO)")
    ap.add_argument("--generate", nargs="?", const="", metavar="[SEED][:COUNT]",
                    help=f"also evaluate a generated multilingual corpus (default {GENERATED_COUNT} docs, clock seed)")
    ap.add_argument("--seed", help="seed of the generated corpus (implies --generate)")
    ap.add_argument("--output", default=os.path.join(ROOT, "bench", "results", "deid.json"))
    ap.add_argument("--no-baseline", action="store_true")
    ap.add_argument("--speed-rounds", type=int, default=SPEED_ROUNDS,
                    help="passes over each corpus per engine, taken in turn; the median is reported")
    ap.add_argument("--show-errors", type=int, default=0, help="print up to N misses and false positives")
    args = ap.parse_args(argv)
    generated = parse_generate(args.generate, args.seed)
    if not args.corpus and generated is None:
        ap.error("give --corpus and/or --generate")

    t0 = time.perf_counter()
    ours = engines.ours()
    load_s = time.perf_counter() - t0
    baseline = None if args.no_baseline else engines.presidio()

    report: dict = {"model_load_s": load_s, "corpora": {}}
    for path in args.corpus:
        docs = scoring.load_corpus(path)
        name = os.path.basename(path)
        entry: dict = {"path": path, "docs": len(docs)}
        preds = run(docs, ours)
        entry["ours"] = scoring.score(docs, preds)
        entry["ours_split"] = {k: v for k, v in split_scores(docs, preds).items()}
        texts_2k = narratives_of(docs)
        bpreds = run(docs, baseline) if baseline is not None else None
        timed = speeds({"ours": ours, **({"baseline": baseline} if baseline is not None else {})}, docs, texts_2k,
                       args.speed_rounds)
        entry["ours_speed"] = timed["ours"]
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
        print(f"  speed: {sp['docs_per_s']:.1f} docs/s, {sp['chars_per_s']:.0f} chars/s (median of {sp['rounds']} "
              f"rounds taken in turn with Presidio), p95 {sp['p95_ms_2000_chars']:.1f} ms per 2,000-char narrative")
        if baseline is not None:
            entry["baseline"] = scoring.score(docs, bpreds)
            entry["baseline_speed"] = timed["baseline"]
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
    if generated is not None:
        seed, count = generated
        report["corpora"][f"generated-multilingual-seed-{seed}"] = evaluate_generated(
            seed, count, ours, baseline, args.show_errors, args.speed_rounds)

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
