"""How many invented identifiers survive de-identification in generated demo narratives.

The demo generator (demo/) writes in styles and with name pools the dev corpus does not
have, and records every invented value it puts in a narrative, so this is a second, independent
check of generalisation. Prints leaks by kind and writes bench/results/deid_demo.json.

    python bench/deid_demo_leaks.py [--count 400] [--seed 7 --seed 99 ...]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "goodcatch.settings")
os.environ.setdefault("GOODCATCH_DEMO", "true")

# Ages are left out: a bare "7" also stands for times, counts and durations, so a substring test
# would count those as leaks.
SKIPPED_KINDS = {"age"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=400)
    parser.add_argument("--seed", type=int, action="append", dest="seeds")
    parser.add_argument("--output", default=str(ROOT / "bench" / "results" / "deid_demo.json"))
    args = parser.parse_args()
    import django

    django.setup()
    import demo
    from deid import DeidConfig, Deidentifier

    engine = Deidentifier(DeidConfig(case_reference_patterns=[r"\bDB\d{7}\b"]))  # the demo organisation's own
    results = {}
    for seed in args.seeds or [7, 99, 123]:
        total, leaked = Counter(), Counter()
        examples = []
        for item in demo.generate(count=args.count, seed=seed):
            text = "\n".join(t for t in (item.what_happened, item.potential_harm_text, item.how_noticed,
                                         item.what_would_help) if t)
            redacted = engine.redact(text, engine.analyse(text))
            for kind, value in item.personal_data:
                if kind in SKIPPED_KINDS:
                    continue
                total[kind] += 1
                if re.search(r"(?<!\w)" + re.escape(value) + r"(?!\w)", redacted, re.IGNORECASE):
                    leaked[kind] += 1
                    examples.append({"kind": kind, "value": value, "style": item.style})
        results[str(seed)] = {"identifiers": sum(total.values()), "leaked": sum(leaked.values()),
                              "by_kind": {k: {"total": total[k], "leaked": leaked[k]} for k in sorted(total)},
                              "examples": examples[:20]}
        print(f"seed {seed}: {sum(leaked.values())} of {sum(total.values())} invented identifiers leaked "
              f"({sum(leaked.values()) / max(1, sum(total.values())):.1%})")
        for kind in sorted(total):
            print(f"  {kind:15} {total[kind]:5} leaked {leaked[kind]:3}")
    Path(args.output).parent.mkdir(parents=True, exist_ok=True)
    Path(args.output).write_text(json.dumps(results, indent=2))
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
