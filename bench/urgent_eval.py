"""How well the urgent rule (reporting.urgency) finds danger now: its rules, its semantic half, both
together (what the product uses), and a bare keyword baseline, side by side.

    python bench/urgent_eval.py [--seed 13 [--seed 7 ...]] [--n 400] [--corpus PATH ...] [--output bench/results/urgent_eval.json]

Corpora, each a list of {"text": ..., "urgent": true|false, "lang": "en"|"cy"}:
- dev: bench/urgent_dev.jsonl, the phrases the rules were written against (and tested on);
- generated (seed S): from bench/urgent_templates.py, for each --seed; dev and these are the only
  sets the semantic thresholds were calibrated on;
- indirect (seed S): from bench/urgent_templates_indirect.py (text-speak, misspelt, indirect), for
  each --seed, never used for calibration;
- each --corpus PATH given (JSON lines, repeatable), for example a held-out set written by someone else.

For each, and each language in it: recall on urgent (urgent found / urgent) and the false-urgent rate
(not urgent but flagged / not urgent). Then the time per call of the combined rule (p50, p95), each
call with the embedding LRU emptied first, after one warm-up call that loads the model once for the
process. Misses of the combined rule are printed for the generated sets (never for --corpus).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.urgent_templates import generate  # noqa: E402
from bench.urgent_templates_indirect import generate_indirect  # noqa: E402
from reporting.urgency import is_urgent, rule_assess, semantic_urgent  # noqa: E402
from semantic import embedding  # noqa: E402

DEV = ROOT / "bench" / "urgent_dev.jsonl"
BASELINE = re.compile(r"\b(?:help|hurt|hit|scared|taro|nharo|brifo|mrifo|ofn)", re.IGNORECASE)
METHODS = {
    "rules": lambda text: rule_assess(text).urgent,
    "semantic": semantic_urgent,
    "combined": is_urgent,
    "baseline": lambda text: bool(BASELINE.search(text)),
}


def load(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def scores(items: list[dict], flags: list[bool]) -> dict:
    urgent = [flag for item, flag in zip(items, flags, strict=True) if item["urgent"]]
    calm = [flag for item, flag in zip(items, flags, strict=True) if not item["urgent"]]
    return {"urgent": len(urgent), "not_urgent": len(calm),
            "recall": round(sum(urgent) / len(urgent), 4) if urgent else None,
            "false_urgent_rate": round(sum(calm) / len(calm), 4) if calm else None}


def evaluate(items: list[dict]) -> tuple[dict, dict[str, list[bool]]]:
    flags = {name: [bool(method(item["text"])) for item in items] for name, method in METHODS.items()}
    result = {}
    for lang in ["all", *sorted({item.get("lang", "en") for item in items})]:
        keep = [i for i, item in enumerate(items) if lang == "all" or item.get("lang", "en") == lang]
        result[lang] = {name: scores([items[i] for i in keep], [flags[name][i] for i in keep]) for name in METHODS}
    return result, flags


def latency(texts: list[str]) -> dict:
    """Seconds per combined call, with no vector cached for the text (the prototypes stay loaded, as in a process)."""
    is_urgent("warm up")
    start = time.perf_counter()
    times = []
    for text in texts:
        embedding._recent.items.clear()
        t = time.perf_counter()
        is_urgent(text)
        times.append(time.perf_counter() - t)
    cuts = statistics.quantiles(times, n=20)
    return {"calls": len(times), "p50_ms": round(1000 * statistics.median(times), 1), "p95_ms": round(1000 * cuts[18], 1),
            "max_ms": round(1000 * max(times), 1), "total_s": round(time.perf_counter() - start, 1)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, action="append", default=[])
    parser.add_argument("--n", type=int, default=400)
    parser.add_argument("--corpus", type=Path, action="append", default=[])
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "results" / "urgent_eval.json")
    args = parser.parse_args(argv)
    seeds = args.seed or [13]
    start = time.perf_counter()
    is_urgent("load the model and the prototypes")
    first_call = time.perf_counter() - start
    corpora = {"dev": load(DEV)}
    for seed in seeds:
        corpora[f"generated (seed {seed})"] = generate(seed, args.n)
    for seed in seeds:
        corpora[f"indirect (seed {seed}, unseen)"] = generate_indirect(seed, args.n // 2)
    for path in args.corpus:
        corpora[str(path)] = load(path)
    report = {"seeds": seeds, "n": args.n, "corpora": {}}
    print(f"{'corpus':30} {'lang':4} {'n':>5}  " + "  ".join(f"{name + ' recall/false':>22}" for name in METHODS))
    for name, items in corpora.items():
        result, flags = evaluate(items)
        report["corpora"][name] = result
        for lang, by_method in result.items():
            n = by_method["rules"]["urgent"] + by_method["rules"]["not_urgent"]
            cells = "  ".join(f"{_pct(s['recall']):>10} /{_pct(s['false_urgent_rate']):>10}" for s in by_method.values())
            print(f"{name[:30]:30} {lang:4} {n:5}  {cells}")
        if not name.startswith(("generated", "indirect", "dev")):
            continue
        wrong = [item for item, flag in zip(items, flags["combined"], strict=True) if flag != item["urgent"]]
        report["corpora"][name]["combined_misses"] = wrong[:50]
    for name, result in report["corpora"].items():
        for item in result.get("combined_misses", [])[:12]:
            print(f"  {name}: {'missed' if item['urgent'] else 'false urgent'}: {item['text']}")
    texts = [item["text"] for items in corpora.values() for item in items][:600]
    report["latency"] = {"first_call_s": round(first_call, 2), **latency(texts)}
    lat = report["latency"]
    print(f"time per call (combined, {lat['calls']} calls, no cached vectors): p50 {lat['p50_ms']} ms, p95 {lat['p95_ms']} ms, "
          f"max {lat['max_ms']} ms; first call in the process (loads the model, embeds the prototypes) {lat['first_call_s']} s")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"written {args.output.relative_to(ROOT) if args.output.is_relative_to(ROOT) else args.output}")
    return 0


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.1f}%"


if __name__ == "__main__":
    sys.exit(main())
