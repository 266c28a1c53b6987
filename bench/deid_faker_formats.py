"""Every Faker locale's own identifier formats, each alone in a plain sentence: which stay readable?

    .venv/bin/python bench/deid_faker_formats.py [--seed N] [--per-locale 2] [--no-baseline]
                                                 [--output bench/results/deid_faker_formats.json]

A third check beside dev.jsonl and the generated corpus (`deid_eval.py --generate`), and the least
like either: the values are what Faker's own providers make in each of its locales (national IDs,
phone numbers, MSISDNs, IBANs, bank account numbers, cards, IP and web addresses, e-mail, passport
numbers), never our generator's, and the sentence around each says nothing about what it is ("The
worker noted ... on the form."). Faker makes many values no real plan or registry has (phone
numbers with area codes nobody owns, IBANs of the wrong length): people mistype and invent too.

A value leaks when any digit of it is left readable (for e-mail, web addresses and IBANs, any
letter or digit). Bare postcodes and street addresses are not scored here: a five-digit number
alone is not a postcode to anybody; the generated corpus puts them where a reader would know.
Our engine and plain Presidio run on the same sentences in the same run. The seed is the clock's
unless given: change it when you evaluate.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
import warnings

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
for _p in (ROOT, os.path.join(ROOT, "bench")):
    if _p not in sys.path:
        sys.path.insert(0, _p)

import engines  # noqa: E402

# Faker provider method -> what it is.
METHODS = {
    "ssn": "national ID", "phone_number": "phone", "msisdn": "phone (MSISDN)", "iban": "IBAN",
    "bban": "bank account (BBAN)", "credit_card_number": "card", "ipv4": "IPv4", "ipv6": "IPv6",
    "email": "e-mail", "url": "web address", "passport_number": "passport",
}
WHOLE = {"email", "url", "iban"}  # any readable letter or digit of these is a leak
FRAMES = ("The worker noted {} on the form.", "Details given: {}", "{} was written on the letter.",
          "mum said {} is right", "see {} (from the referral)")


def cases(seed: int, per_locale: int) -> list[dict]:
    from faker import Faker
    from faker.config import AVAILABLE_LOCALES

    rng = random.Random(seed)
    out = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # deprecated locales (fr_QC) say so
        for locale in AVAILABLE_LOCALES:
            fake = Faker(locale)
            fake.seed_instance(f"{seed}:{locale}")
            for method in METHODS:
                for _ in range(per_locale):
                    try:
                        value = str(getattr(fake, method)())
                    except (AttributeError, ValueError, TypeError):
                        continue  # a locale without that provider
                    if sum(c.isalnum() for c in value) < 4:
                        continue
                    frame = rng.choice(FRAMES)
                    start = frame.index("{}")
                    out.append({"locale": locale, "method": method, "value": value, "text": frame.format(value),
                                "start": start, "end": start + len(value)})
    return out


def shown(case: dict, spans: list[tuple[int, int, str]]) -> str:
    """The letters and digits of the value that no span covers."""
    covered = set()
    for start, end, _ in spans:
        covered.update(range(start, end))
    return "".join(c for i, c in enumerate(case["text"][case["start"]:case["end"]], case["start"])
                   if i not in covered and c.isalnum())


def leaks(case: dict, left: str) -> bool:
    return bool(left) if case["method"] in WHOLE else any(c.isdigit() for c in left)


def score(all_cases: list[dict], analyse) -> dict:  # noqa: ANN001
    per: dict[str, dict] = {m: {"values": 0, "leaked": 0, "examples": []} for m in METHODS}
    t0 = time.perf_counter()
    for case in all_cases:
        row = per[case["method"]]
        row["values"] += 1
        left = shown(case, analyse(case["text"]))
        if leaks(case, left):
            row["leaked"] += 1
            if len(row["examples"]) < 5:
                row["examples"].append({"locale": case["locale"], "value": case["value"], "readable": left})
    return {"methods": per, "leaked": sum(r["leaked"] for r in per.values()),
            "values": sum(r["values"] for r in per.values()), "seconds": round(time.perf_counter() - t0, 1)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=None, help="default: the clock")
    ap.add_argument("--per-locale", type=int, default=2, help="values of each kind per locale")
    ap.add_argument("--no-baseline", action="store_true")
    ap.add_argument("--output", default=os.path.join(ROOT, "bench", "results", "deid_faker_formats.json"))
    args = ap.parse_args(argv)
    seed = args.seed if args.seed is not None else int(time.time()) % 1_000_000
    all_cases = cases(seed, args.per_locale)
    print(f"=== Faker's own formats, every locale: seed {seed}, {len(all_cases)} values "
          f"(repeat with --seed {seed}; change the seed when you evaluate) ===")
    results = {"seed": seed, "ours": score(all_cases, engines.ours())}
    if not args.no_baseline:
        results["presidio"] = score(all_cases, engines.presidio())
    print(f"{'kind':24} {'values':>7} {'leaked, ours':>13} {'leaked, Presidio':>17}")
    for method, kind in METHODS.items():
        ours = results["ours"]["methods"][method]
        base = results.get("presidio", {}).get("methods", {}).get(method, {})
        print(f"{kind:24} {ours['values']:>7} {ours['leaked']:>13} {base.get('leaked', '-'):>17}")
    print(f"{'all':24} {results['ours']['values']:>7} {results['ours']['leaked']:>13} "
          f"{results.get('presidio', {}).get('leaked', '-'):>17}")
    for method in METHODS:
        for example in results["ours"]["methods"][method]["examples"]:
            print(f"  ours leaked {method} ({example['locale']}): {example['value']!r}, readable {example['readable']!r}")
    os.makedirs(os.path.dirname(os.path.abspath(args.output)), exist_ok=True)
    with open(args.output, "w", encoding="utf-8") as fh:
        json.dump(results, fh, indent=2, ensure_ascii=False)
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
