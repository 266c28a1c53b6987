"""The bulletin's publish-time gate (learning.publishing.check_text) on the shared de-identification
corpus, with plain Presidio used as the same gate beside it.

    python bench/publish_gate_eval.py [--corpus ../shared/data/deid/dev.jsonl] [--limit N]
        [--output bench/results/publish_gate.json]

For each narrative with gold personal-data spans it measures:
  (a) blocked_raw: the share of raw narratives the gate blocks (it should block them all);
  (b) passed_redacted: the share of correctly redacted versions it passes, for each redaction style:
      the gold spans replaced as a person would by hand (four styles, below), and the engine's own
      de-identified output (what staff already read);
  (c) blocked_one_left: the share of redactions with one identifier (not a date) left in that it blocks;
  and, for narratives with no personal data, clean_passed: the share passed as they are.
A narrative counts as blocked when the gate reports at least one finding. The corpus is read by
path and never copied.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
for _p in (ROOT, os.path.join(ROOT, "bench")):
    if _p not in sys.path:
        sys.path.insert(0, _p)

DEFAULT_CORPUS = os.path.join(ROOT, "..", "shared", "data", "deid", "dev.jsonl")
ROLE_WORDS = ["Child", "Worker", "Carer", "Parent", "Staff member", "Young person"]


def _engine_style(label: str, n: int) -> str:
    return f"[{label} {n}]" if label not in ("DATE", "AGE") else f"[{label}]"


def _plain(label: str, n: int) -> str:
    return f"[{label}]"


def _hand(label: str, n: int) -> str:
    return {"PERSON": "[NAME]", "PHONE": "XXXX XXX XXX", "DATE": "[date]", "ADDRESS": "[address removed]"}.get(label, "[redacted]")


def _roles(label: str, n: int) -> str:
    if label == "PERSON":
        return f"[{ROLE_WORDS[n % len(ROLE_WORDS)]} {chr(ord('A') + n % 26)}]"
    return {"DATE": "[DATE]", "AGE": "[age]", "ORGANISATION": "[school]", "LOCATION": "[town]"}.get(label, "***")


STYLES = {"engine_style": _engine_style, "plain_labels": _plain, "hand_mixed": _hand, "role_letters": _roles}


def redact(text: str, spans: list[dict], style, keep: int | None = None) -> str:  # noqa: ANN001
    """The gold spans replaced by `style`'s placeholders; the span at index `keep` left as written."""
    out, cursor, numbers = [], 0, {}
    for i, span in enumerate(spans):
        out.append(text[cursor:span["start"]])
        if i == keep:
            out.append(text[span["start"]:span["end"]])
        else:
            key = (span["label"], span["text"].lower())
            numbers.setdefault(key, sum(1 for k in numbers if k[0] == span["label"]) + 1)
            out.append(style(span["label"], numbers[key]))
        cursor = span["end"]
    out.append(text[cursor:])
    return "".join(out)


def ours():  # noqa: ANN201
    from learning.publishing import check_text

    return lambda text: len(check_text(text))


def presidio():  # noqa: ANN201
    import engines

    analyse = engines.presidio()
    return lambda text: len(analyse(text))


def share(flags: list[bool]) -> dict:
    return {"share": round(sum(flags) / len(flags), 4) if flags else None, "of": len(flags), "count": sum(flags)}


def evaluate(docs: list[dict], gate, seed: int) -> dict:  # noqa: ANN001
    import deid

    rng = random.Random(seed)
    with_pii = [d for d in docs if d["spans"]]
    clean = [d for d in docs if not d["spans"]]
    result: dict = {"blocked_raw": share([gate(d["text"]) > 0 for d in with_pii]),
                    "clean_passed": share([gate(d["text"]) == 0 for d in clean]), "passed_redacted": {}}
    misses: list[dict] = []
    for name, style in STYLES.items():
        flags = []
        for d in with_pii:
            redacted = redact(d["text"], d["spans"], style)
            ok = gate(redacted) == 0
            flags.append(ok)
            if not ok and len(misses) < 10:
                misses.append({"style": name, "id": d["id"]})
        result["passed_redacted"][name] = share(flags)
    result["passed_redacted"]["engine_output"] = share([gate(deid.deidentify(d["text"]).redacted) == 0 for d in with_pii])
    one_left = []
    for d in with_pii:
        candidates = [i for i, s in enumerate(d["spans"]) if s["label"] != "DATE"]
        if candidates:
            one_left.append(gate(redact(d["text"], d["spans"], _plain, keep=rng.choice(candidates))) > 0)
    result["blocked_one_left"] = share(one_left)
    result["redacted_blocked_examples"] = misses
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default=DEFAULT_CORPUS)
    ap.add_argument("--limit", type=int, default=0, help="only the first N narratives (0: all)")
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("--generate", metavar="SEED[:COUNT]", default=None,
                    help="instead of --corpus, a corpus generated by bench/deid_corpus.py (templates the engine was "
                         "not written against; a new seed each time: the clock's when empty)")
    ap.add_argument("--output", default=None, help="default bench/results/publish_gate.json "
                                                   "(publish_gate_generated.json with --generate)")
    args = ap.parse_args()
    if args.generate is not None:
        import deid_corpus

        seed, _sep, count = args.generate.partition(":")
        seed = seed or str(int(time.time()))
        docs = deid_corpus.generate(seed, int(count or 300))
        source = f"generated by bench/deid_corpus.py, seed {seed}"
        print(f"corpus: {len(docs)} narratives {source}")
    else:
        with open(args.corpus, encoding="utf-8") as f:
            docs = [json.loads(line) for line in f if line.strip()]
        source = os.path.relpath(os.path.abspath(args.corpus), ROOT)
    if args.limit:
        docs = docs[:args.limit]
    args.output = args.output or os.path.join(ROOT, "bench", "results", "publish_gate_generated.json"
                                              if args.generate is not None else "publish_gate.json")
    report: dict = {"corpus": source, "narratives": len(docs), "gates": {}}
    for name, make in (("ours", ours), ("presidio_baseline", presidio)):
        started = time.perf_counter()
        gate = make()
        report["gates"][name] = evaluate(docs, gate, args.seed)
        report["gates"][name]["seconds"] = round(time.perf_counter() - started, 1)
    for name, r in report["gates"].items():
        passed = ", ".join(f"{style} {v['share']:.1%}" for style, v in r["passed_redacted"].items())
        print(f"{name:>18}: blocks {r['blocked_raw']['share']:.1%} of raw narratives ({r['blocked_raw']['of']}), "
              f"{r['blocked_one_left']['share']:.1%} with one identifier left; passes redacted: {passed}; "
              f"passes {r['clean_passed']['share'] if r['clean_passed']['of'] else 'n/a'} of clean ones "
              f"({r['seconds']} s)")
    os.makedirs(os.path.dirname(args.output), exist_ok=True)
    with open(args.output, "w", encoding="utf-8") as f:
        json.dump(report, f, indent=2)
    print(f"wrote {os.path.relpath(args.output, ROOT)}")


if __name__ == "__main__":
    main()
