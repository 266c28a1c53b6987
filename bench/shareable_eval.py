"""The sharing pass (sharing.shareable) on sentences it was not written against: how many exact dates,
ages and times of day survive into the shareable text, and how much ordinary prose is lost, beside
plain Presidio (default recognisers, every span replaced) on the same sentences in the same run.

    GOODCATCH_DEMO=true .venv/bin/python bench/shareable_eval.py [--seed 2718] [--count 600]

The sentences are generated here from templates and phrasings written for this evaluation, after
the pass's rules were fixed, and never used to tune them; change `--seed` to draw others. Each
sentence carries one quasi-identifier whose surface form is known, inside ordinary social-care prose:

- DATE: an exact day (weekday and day, day and month, numeric and ISO forms, ordinals, "the 3rd");
- AGE: a person's age in years or months, in words or digits, in several constructions;
- TIME: a clock time (24-hour, am/pm, "half past", "quarter to").

A quasi-identifier *survives* when its exact surface form is still in the result, or, for a date, its
day of the month is still next to a month, or, for an age, its number is still next to an age word.
Prose kept is the share of the sentence's other words (outside the quasi-identifier) still in the
result. Results go to bench/results/shareable.json.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "goodcatch.settings")
os.environ.setdefault("GOODCATCH_DEMO", "true")
RESULTS = ROOT / "bench" / "results" / "shareable.json"

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
SHORT_MONTHS = ("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
NUMBER_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
                "thirteen", "fourteen", "fifteen", "sixteen", "seventeen")
PERSONS = ("the boy", "the girl", "her son", "his daughter", "the young person", "the baby", "the child", "the mother",
           "the grandfather", "the lodger", "the older sibling", "the carer")

# Prose around the quasi-identifier, with {q} where it goes.
FRAMES = {
    "DATE": (
        "The strategy meeting was booked for {q} but the police invite never went out.",
        "Health visitor noted weight loss at the clinic {q} and emailed the team.",
        "Nobody picked up the referral that came in {q} until the following week.",
        "The placement ended suddenly {q} after the carers asked for respite.",
        "school said attendance dropped from {q} onwards, no call back from duty",
        "Core group was cancelled {q} because the chair was off sick.",
        "We only found out {q} that the family had moved to another area.",
    ),
    "AGE": (
        "On the home visit {q} was alone with the dog and no food in the fridge.",
        "Mum told the worker that {q} had stopped going to college.",
        "The hospital discharged {q} without checking who would be at home.",
        "{q} was sent home from school twice for fighting.",
        "GP letter says {q} has missed three appointments this term.",
    ),
    "TIME": (
        "The out-of-hours worker rang the foster carer {q} and got no answer.",
        "Police attended {q} after neighbours heard shouting.",
        "The taxi to contact arrived {q}, so the session was cut short.",
        "medication was given {q} by the agency carer without checking the chart",
        "The handover call happened {q} and the night worker was not on it.",
    ),
}


def date_phrase(rng: random.Random) -> tuple[str, str]:
    """(the text put in the sentence, the exact form that must not survive)."""
    day, month = rng.randint(1, 28), rng.randrange(12)
    year = rng.choice(("2024", "2025", "2026", ""))
    weekday = rng.choice(WEEKDAYS)
    forms = [
        (f"on {weekday} {day} {MONTHS[month]}", f"{day} {MONTHS[month]}"),
        (f"on {day} {MONTHS[month]} {year}".strip(), f"{day} {MONTHS[month]}"),
        (f"on the {day}{_suffix(day)} of {MONTHS[month]}", f"{day}{_suffix(day)} of {MONTHS[month]}"),
        (f"on {MONTHS[month]} {day}{_suffix(day)}", f"{MONTHS[month]} {day}{_suffix(day)}"),
        (f"on {day:02d}/{month + 1:02d}/{year or '2025'}", f"{day:02d}/{month + 1:02d}"),
        (f"on {day}.{month + 1}.{(year or '2025')[2:]}", f"{day}.{month + 1}."),
        (f"on {(year or '2025')}-{month + 1:02d}-{day:02d}", f"{month + 1:02d}-{day:02d}"),
        (f"on {weekday} the {day}{_suffix(day)}", f"the {day}{_suffix(day)}"),
        (f"on {day} {rng.choice(SHORT_MONTHS)}", f"{day} "),
    ]
    text, exact = rng.choice(forms)
    if exact == f"{day} ":  # short month: the exact form is the day with its month
        exact = text.removeprefix("on ")
    return text, exact


def age_phrase(rng: random.Random) -> tuple[str, str]:
    person = rng.choice(PERSONS)
    years = rng.randint(1, 17) if "grandfather" not in person and "mother" not in person else rng.randint(25, 88)
    words = NUMBER_WORDS[years - 1] if years <= len(NUMBER_WORDS) else str(years)
    forms = [
        (f"{person}, aged {years},", f"aged {years}"),
        (f"{person} ({years})", f"({years})"),
        (f"{person}, who is {words},", f"is {words}"),
        (f"the {years}-year-old", f"{years}-year-old"),
        (f"{person}, {years} years old,", f"{years} years old"),
        (f"{person} (age {years})", f"age {years}"),
        (f"{person}, {words} years of age,", f"{words} years of age"),
        (f"the {rng.randint(2, 11)} month old baby", "month old"),
    ]
    return rng.choice(forms)


def time_phrase(rng: random.Random) -> tuple[str, str]:
    hour, minute = rng.randint(0, 23), rng.choice((5, 10, 15, 20, 25, 35, 40, 45, 50, 55))
    twelve = hour % 12 or 12
    forms = [
        (f"at {hour:02d}:{minute:02d}", f"{hour:02d}:{minute:02d}"),
        (f"at {twelve}.{minute:02d}{'pm' if hour >= 12 else 'am'}", f"{twelve}.{minute:02d}"),
        (f"at {twelve}:{minute:02d} {'p.m.' if hour >= 12 else 'a.m.'}", f"{twelve}:{minute:02d}"),
        (f"at {hour:02d}{minute:02d} hours", f"{hour:02d}{minute:02d}"),
        (f"at half past {NUMBER_WORDS[twelve - 1]}", f"half past {NUMBER_WORDS[twelve - 1]}"),
        (f"at quarter to {NUMBER_WORDS[twelve - 1]}", f"quarter to {NUMBER_WORDS[twelve - 1]}"),
        (f"at {twelve}{'pm' if hour >= 12 else 'am'}", f"{twelve}{'pm' if hour >= 12 else 'am'}"),
    ]
    return rng.choice(forms)


def _suffix(day: int) -> str:
    return "th" if 11 <= day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


PHRASES = {"DATE": date_phrase, "AGE": age_phrase, "TIME": time_phrase}


def corpus(seed: int, count: int) -> list[dict]:
    rng = random.Random(seed)
    rows = []
    for n in range(count):
        kind = ("DATE", "AGE", "TIME")[n % 3]
        frame = rng.choice(FRAMES[kind])
        phrase, exact = PHRASES[kind](rng)
        text = frame.replace("{q}", phrase)
        if frame.startswith("{q}"):
            text = text[0].upper() + text[1:]
        prose = re.findall(r"[A-Za-z]{3,}", frame.replace("{q}", " "))
        rows.append({"kind": kind, "text": text, "exact": exact, "prose": prose})
    return rows


def survives(row: dict, result: str) -> bool:
    if row["kind"] == "AGE":  # a band ("aged 5-11") is what the pass should leave: its numbers are not the age
        result = re.sub(r"\b\d+-\d+\b|\b\d+ and over\b", "[band]", result)
    if row["exact"].lower() in result.lower():
        return True
    if row["kind"] == "DATE":
        numbers = re.findall(r"\d+", row["exact"])
        day = numbers[0] if numbers else None
        month_words = "|".join(MONTHS + SHORT_MONTHS)
        return bool(day and re.search(rf"\b{day}(st|nd|rd|th)?\b\W{{0,4}}(of )?({month_words})\b|"
                                      rf"\b({month_words}) {day}(st|nd|rd|th)?\b", result))
    if row["kind"] == "AGE":
        number = re.findall(r"\d+", row["exact"])
        return bool(number and re.search(rf"\b{number[0]}\b", result)
                    and re.search(r"\b(aged?|years?|old|month)\b", result))
    return False


def prose_kept(row: dict, result: str) -> float:
    words = [word.lower() for word in row["prose"]]
    if not words:
        return 1.0
    kept = set(re.findall(r"[a-z]{3,}", result.lower()))
    return sum(1 for word in words if word in kept) / len(words)


def sharing_pass():
    import django

    django.setup()
    from sharing.shareable import shareable_text

    shareable_text("Warm-up on 3 March at 17:40, aged 14.")
    return lambda text: shareable_text(text).text


def presidio_replace():
    import engines

    analyse = engines.presidio()

    def run(text: str) -> str:
        out = text
        for start, end, label in sorted(analyse(text), reverse=True):
            out = out[:start] + f"[{label}]" + out[end:]
        return out
    return run


def score(name: str, run, rows: list[dict]) -> dict:
    started = time.perf_counter()
    figures: dict[str, dict] = {}
    for kind in ("DATE", "AGE", "TIME"):
        chosen = [row for row in rows if row["kind"] == kind]
        results = [run(row["text"]) for row in chosen]
        left = [row for row, result in zip(chosen, results, strict=True) if survives(row, result)]
        figures[kind] = {"sentences": len(chosen), "survived": len(left),
                         "survival_rate": round(len(left) / len(chosen), 3),
                         "prose_kept": round(sum(prose_kept(r, s) for r, s in zip(chosen, results, strict=True))
                                             / len(chosen), 3),
                         "examples_survived": [r["text"] for r in left[:3]]}
    figures["seconds"] = round(time.perf_counter() - started, 1)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=2718)
    parser.add_argument("--count", type=int, default=600)
    args = parser.parse_args()
    rows = corpus(args.seed, args.count)
    result = {"seed": args.seed, "count": args.count,
              "sharing_pass": score("sharing pass", sharing_pass(), rows),
              "presidio": score("plain Presidio", presidio_replace(), rows)}
    print(f"The sharing pass on {args.count} generated sentences (seed {args.seed}): quasi-identifiers that survive, "
          "and the share of other words kept")
    print(f"{'':8}{'sharing pass':>28}{'plain Presidio':>28}")
    for kind in ("DATE", "AGE", "TIME"):
        ours, theirs = result["sharing_pass"][kind], result["presidio"][kind]
        print(f"{kind:8}{ours['survived']:>6}/{ours['sentences']:<4} survive, prose {ours['prose_kept']:.3f}"
              f"{theirs['survived']:>6}/{theirs['sentences']:<4} survive, prose {theirs['prose_kept']:.3f}")
    for kind in ("DATE", "AGE", "TIME"):
        for example in result["sharing_pass"][kind]["examples_survived"]:
            print(f"  survived ({kind}): {example}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    previous = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    previous[f"seed-{args.seed}"] = result
    RESULTS.write_text(json.dumps(previous, indent=2))
    print(f"wrote {RESULTS}")


if __name__ == "__main__":
    main()
