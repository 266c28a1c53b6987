"""How well the urgent rule (reporting.urgency) finds danger now, beside a bare keyword baseline.

    python bench/urgent_eval.py [--seed 13] [--n 400] [--corpus PATH ...] [--output bench/results/urgent_eval.json]

Corpora, each a JSON-lines file of {"text": ..., "urgent": true|false, "lang": "en"|"cy"}:
- dev: bench/urgent_dev.jsonl, the phrases the rules were written against (and tested on);
- generated: from bench/urgent_templates.py with --seed, templates written apart from the dev phrases;
- each --corpus PATH given (repeatable), for example a held-out set written by someone else.

For each, and each language in it: recall on urgent (urgent found / urgent), and the false-urgent
rate (not urgent but flagged / not urgent), for the rules and for the baseline: a bare keyword list
(help, hurt, hit, scared, and their Welsh taro, brifo, ofn). The rules must err towards urgent: recall
first. Misses are printed for dev and generated only.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.urgent_templates import generate  # noqa: E402
from reporting.urgency import is_urgent  # noqa: E402

DEV = ROOT / "bench" / "urgent_dev.jsonl"
BASELINE = re.compile(r"\b(?:help|hurt|hit|scared|taro|nharo|brifo|mrifo|ofn)", re.IGNORECASE)


def baseline(text: str) -> bool:
    return bool(BASELINE.search(text))


def load(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def scores(items: list[dict], flag) -> dict:
    urgent = [item for item in items if item["urgent"]]
    calm = [item for item in items if not item["urgent"]]
    found = sum(flag(item["text"]) for item in urgent)
    false = sum(flag(item["text"]) for item in calm)
    return {"urgent": len(urgent), "not_urgent": len(calm),
            "recall": round(found / len(urgent), 4) if urgent else None,
            "false_urgent_rate": round(false / len(calm), 4) if calm else None}


def evaluate(items: list[dict]) -> dict:
    result = {"all": {"rules": scores(items, is_urgent), "baseline": scores(items, baseline)}}
    for lang in sorted({item.get("lang", "en") for item in items}):
        part = [item for item in items if item.get("lang", "en") == lang]
        result[lang] = {"rules": scores(part, is_urgent), "baseline": scores(part, baseline)}
    return result


def misses(items: list[dict]) -> list[dict]:
    return [item for item in items if is_urgent(item["text"]) != item["urgent"]]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--n", type=int, default=400)
    parser.add_argument("--corpus", type=Path, action="append", default=[])
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "results" / "urgent_eval.json")
    args = parser.parse_args(argv)
    corpora = {"dev": load(DEV), f"generated (seed {args.seed})": generate(args.seed, args.n)}
    for path in args.corpus:
        corpora[str(path)] = load(path)
    report = {"seed": args.seed, "corpora": {}}
    print(f"{'corpus':34} {'lang':4} {'n':>5}  {'recall':>7} {'false-urgent':>12}  | baseline {'recall':>7} {'false-urgent':>12}")
    for name, items in corpora.items():
        report["corpora"][name] = evaluate(items)
        for lang, both in report["corpora"][name].items():
            rules, base = both["rules"], both["baseline"]
            n = rules["urgent"] + rules["not_urgent"]
            print(f"{name[:34]:34} {lang:4} {n:5}  {_pct(rules['recall']):>7} {_pct(rules['false_urgent_rate']):>12}"
                  f"  |          {_pct(base['recall']):>7} {_pct(base['false_urgent_rate']):>12}")
    for name in list(corpora)[:2]:
        wrong = misses(corpora[name])
        report["corpora"][name]["misses"] = wrong[:50]
        for item in wrong[:20]:
            print(f"  {name}: {'missed' if item['urgent'] else 'false urgent'}: {item['text']}")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"written {args.output.relative_to(ROOT) if args.output.is_relative_to(ROOT) else args.output}")
    return 0


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.1f}%"


if __name__ == "__main__":
    sys.exit(main())
