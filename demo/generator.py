"""The seeded generator: a situation × a slip × how it was noticed × circumstances × what would help,
typed up in one writing style, so a few hundred small pieces give 200 different reports. Same arguments,
same reports.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from demo.blocks import AT_HOME, INCIDENT, NEAR, WELL, WORRY, H, fitting
from demo.composer import GENERIC_WORDS, Composer
from demo.people import MONTH_NAMES, WEEKDAYS
from demo.phrases import (
    CIRCUMSTANCES,
    CLOSERS,
    CONTEXT,
    EXTRAS,
    GOOD_PRACTICE_HELP,
    HELP,
    NEAR_MISS_OPENERS,
    NOTICED,
    OPENERS,
)
from demo.replies import FEEDBACK, FOLLOW_UPS, GENERIC_QUESTION, QUESTIONS
from demo.situations import AREA_WEIGHTS, SITUATIONS
from demo.slips import SLIPS, eligible_slips
from demo.styles import ABBREVIATIONS, STYLES, apply_style
from reporting.choices import Confidentiality, Status

DEFAULT_SEED = 20240917
DEFAULT_COUNT = 200
MIN_WORDS = 40
MAX_WORDS = 250
MONTHS_BACK = 18


@dataclass(frozen=True)
class DemoMessage:
    author_kind: str  # "reviewer" or "reporter"
    body: str


@dataclass(frozen=True)
class DemoReport:
    index: int
    kind: str
    potential_harm: int
    service_area: str
    stage: str
    agencies: tuple[str, ...]
    occurred_month: int | None
    occurred_year: int | None
    confidentiality: str
    what_happened: str
    potential_harm_text: str
    how_noticed: str
    what_would_help: str
    submitted_on: date
    submitted_minute: int  # minutes after midnight, local time
    theme: str
    situation: str
    slip: str
    style: str
    personal_data: tuple[tuple[str, str], ...]  # (kind, invented value) that appear in the narrative
    # What the loader does with it afterwards.
    awaiting_check: bool = False
    target_status: str = Status.RECEIVED
    reopened: bool = False
    feedback: str = ""
    thread: tuple[DemoMessage, ...] = field(default_factory=tuple)

    @property
    def narrative(self) -> str:
        return "\n\n".join(t for t in (self.what_happened, self.potential_harm_text, self.how_noticed,
                                       self.what_would_help) if t)

    @property
    def word_count(self) -> int:
        return len(self.narrative.split())

    def as_submission(self):
        from reporting.services import ReportSubmission

        return ReportSubmission(
            kind=self.kind, what_happened=self.what_happened, potential_harm=self.potential_harm,
            potential_harm_text=self.potential_harm_text, how_noticed=self.how_noticed,
            what_would_help=self.what_would_help, service_area=self.service_area, stage=self.stage,
            agencies=list(self.agencies), occurred_month=self.occurred_month, occurred_year=self.occurred_year,
            confidentiality=self.confidentiality,
        )


def template_text() -> str:
    """All the fixed wording the generator composes from (for tests that look for stray names)."""
    parts: list[str] = []
    parts += [t for s in SITUATIONS for t in s.texts]
    parts += [s.text for s in SLIPS] + [h for s in SLIPS for h in s.harm_texts]
    parts += [b.text for blocks in NOTICED.values() for b in blocks] + [b.text for b in CIRCUMSTANCES + CONTEXT]
    parts += [h for helps in HELP.values() for h in helps] + list(GOOD_PRACTICE_HELP)
    parts += list(OPENERS) + list(NEAR_MISS_OPENERS) + list(CLOSERS) + list(GENERIC_WORDS)
    parts += [short for _, short in ABBREVIATIONS] + list(WEEKDAYS) + list(MONTH_NAMES)
    parts += [e for extras in EXTRAS.values() for e in extras] + ["For context:"]
    parts += ["Mr", "Mrs", "Mosaic ID", "LCS", "NHS no", "DB", "example.org", "yo", "age", "st nd rd th"]
    return "\n".join(parts)


def _weighted(rng: random.Random, weights: dict):
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys], k=1)[0]


def _pick(rng: random.Random, weighted: list[tuple], used: dict[str, int]):
    """A weighted choice that goes easy on what has already been used a lot, so texts vary."""
    weights = [w / (1 + used.get(item.key, 0)) ** 1.5 for item, w in weighted]
    item = rng.choices([item for item, _ in weighted], weights=weights, k=1)[0]
    used[item.key] = used.get(item.key, 0) + 1
    return item


_HARM_WEIGHTS = {
    NEAR: {H.UNKNOWN: 6, "slip": 90, H.LOW: 4},
    INCIDENT: {H.UNKNOWN: 5, "slip": 95},
    WELL: {H.UNKNOWN: 12, "slip": 60, H.NONE: 28},
    WORRY: {H.UNKNOWN: 15, "slip": 85},
}
KIND_WEIGHTS = {NEAR: 45, INCIDENT: 20, WELL: 15, WORRY: 20}
CONFIDENTIALITY_WEIGHTS = {Confidentiality.ANONYMOUS: 45, Confidentiality.CONFIDENTIAL: 35,
                           Confidentiality.OPEN: 20}
PD_WEIGHTS = {"none": 25, "some": 45, "lots": 30}


def _month_start(today: date, months_back: int) -> date:
    y, m = today.year, today.month - months_back
    while m <= 0:
        m += 12
        y -= 1
    return date(y, m, 1)


def _occurred(rng: random.Random, today: date) -> date:
    back = rng.choices(range(MONTHS_BACK), weights=[1.6 - 0.05 * k for k in range(MONTHS_BACK)], k=1)[0]
    start = _month_start(today, back)
    end = today if back == 0 else (_month_start(today, back - 1) - timedelta(days=1))
    return start + timedelta(days=rng.randint(0, (end - start).days))


def _compose_one(rng: random.Random, index: int, today: date, case_system: str, used: dict[str, int]) -> DemoReport:
    kind = _weighted(rng, KIND_WEIGHTS)
    area = _weighted(rng, AREA_WEIGHTS)
    situation = _pick(rng, [(s, 1.0) for s in SITUATIONS if s.area == area], used)
    stage = rng.choice(situation.stages)
    slip = _pick(rng, eligible_slips(kind, situation, stage), used)
    group = situation.group

    occurred = _occurred(rng, today)
    known_date = rng.random() > 0.06
    delay = rng.choices((0, 1, 2, 3, 5, 8, 14, 21), weights=(30, 25, 12, 10, 8, 6, 5, 4), k=1)[0]
    submitted_on = min(today, occurred + timedelta(days=delay))
    minute = rng.choices((rng.randint(8 * 60, 17 * 60 + 30), rng.randint(18 * 60, 23 * 60 + 30),
                          rng.randint(6 * 60, 8 * 60)), weights=(65, 28, 7), k=1)[0]
    if submitted_on == today:
        minute = min(minute, 8 * 60)  # never "later today"

    composer = Composer(rng, situation, _weighted(rng, PD_WEIGHTS), occurred if known_date else None,
                         case_system)
    pd: list[tuple[str, str]] = []

    def fill(template: str) -> str:
        text, found = composer.fill(template)
        pd.extend(found)
        return text

    harm_choice = _weighted(rng, _HARM_WEIGHTS[kind])
    harm = rng.choice(slip.harm) if harm_choice == "slip" else int(harm_choice)

    # What happened: [opener] situation + slip [+ circumstances] [+ closer]
    parts = []
    if rng.random() < 0.22:
        parts.append(rng.choice(OPENERS + (NEAR_MISS_OPENERS if kind == NEAR else ())))
    parts.append(fill(rng.choice(situation.texts)))
    long_report = rng.random() < 0.2
    if long_report or rng.random() < 0.25:
        context = fitting(CONTEXT, situation, stage)
        parts.extend(fill(b.text) for b in rng.sample(context, rng.randint(2, 3) if long_report else 1))
    parts.append(fill(slip.text))
    circumstances = fitting(CIRCUMSTANCES, situation, stage)
    n_circ = rng.choices((0, 1, 2), weights=((25, 50, 25) if kind in (NEAR, INCIDENT) else (55, 40, 5)), k=1)[0]
    if long_report:
        n_circ = max(n_circ, 2 if kind != WELL else 1)
    chosen_circ = rng.sample(circumstances, n_circ)
    circ_in_help = rng.random() < 0.25
    if not circ_in_help:
        parts.extend(fill(b.text) for b in chosen_circ)
    if rng.random() < (0.6 if long_report else 0.15):
        parts.append(rng.choice(CLOSERS))
    what_happened = " ".join(parts)

    harm_texts = slip.harm_texts
    potential_harm_text = fill(rng.choice(harm_texts)) if harm_texts and rng.random() < 0.8 else ""

    noticed_pool = fitting(NOTICED[kind], situation, stage)
    how_noticed = fill(rng.choice(noticed_pool).text) if rng.random() < (0.88 if kind != WORRY else 0.6) else ""

    helps: list[str] = []
    if kind == WELL:
        if rng.random() < 0.8:
            helps.append(rng.choice(GOOD_PRACTICE_HELP))
    else:
        options = list(HELP[slip.theme])
        if rng.random() < 0.85:
            helps.append(rng.choice(options))
        if rng.random() < (0.3 if long_report else 0.08):
            other_theme = rng.choice(sorted(HELP))
            helps.append(rng.choice(HELP[other_theme]))
    if circ_in_help and chosen_circ:
        context = fill(chosen_circ[0].text)
        helps.insert(0, "For context: " + context[0].lower() + context[1:])
    what_would_help = " ".join(dict.fromkeys(helps))

    # Personal-data extras, so the de-identification has a bit more to find.
    if rng.random() < {"lots": 0.7, "some": 0.15}.get(composer.pd_level, 0):
        extras = [e for e in EXTRAS.get(group, ()) if composer.all_specific(e)
                  and (situation.area in AT_HOME or "Mum" not in e)]
        if extras:
            what_happened += " " + fill(rng.choice(extras))

    fields = {"what_happened": what_happened, "potential_harm_text": potential_harm_text,
              "how_noticed": how_noticed, "what_would_help": what_would_help}
    fields = _fit_length(fields, rng, fill, circumstances)

    style = _weighted(rng, STYLES)
    keep = {w for _, v in pd for w in v.split()}
    fields = apply_style(fields, style, rng, keep)

    narrative = "\n".join(fields.values()).lower()
    personal = tuple(dict.fromkeys((k, v) for k, v in pd if v.lower() in narrative))

    agencies = set(situation.agencies) | set(slip.agencies)
    if agencies and rng.random() < 0.35:
        agencies = set(rng.sample(sorted(agencies), rng.randint(1, len(agencies))))
    if rng.random() < 0.08:
        agencies = set()
    stage_value = stage if rng.random() > 0.04 else ""

    return DemoReport(
        index=index, kind=str(kind), potential_harm=int(harm), service_area=str(area), stage=str(stage_value),
        agencies=tuple(sorted(str(a) for a in agencies)),
        occurred_month=occurred.month if known_date else None, occurred_year=occurred.year if known_date else None,
        confidentiality=str(_weighted(rng, CONFIDENTIALITY_WEIGHTS)),
        submitted_on=submitted_on, submitted_minute=minute, theme=slip.theme, situation=situation.key,
        slip=slip.key, style=style, personal_data=personal, **fields,
    )


def _fit_length(fields, rng, fill, extras):
    def words() -> int:
        return sum(len(t.split()) for t in fields.values())

    while words() < MIN_WORDS + 5:
        addition = fill(rng.choice(extras).text)
        if addition not in fields["what_happened"]:
            fields["what_happened"] += " " + addition
        elif not fields["what_would_help"]:
            fields["what_would_help"] = rng.choice(GOOD_PRACTICE_HELP)
        else:
            fields["what_happened"] += " " + rng.choice(CLOSERS)
    for name in ("what_would_help", "how_noticed", "potential_harm_text"):
        if words() <= MAX_WORDS - 10:
            break
        fields[name] = ""
    return fields


def _plan(reports: list[DemoReport], rng: random.Random, today: date) -> list[DemoReport]:
    """Decide what the loader does with each report: confirm, move on, close with feedback, message."""
    count = len(reports)
    awaiting = max(1, round(count * 0.075)) if count >= 4 else 0
    newest = set(range(count - awaiting, count))
    planned = []
    for i, report in enumerate(reports):
        age = (today - report.submitted_on).days
        if i in newest:
            planned.append(replace(report, awaiting_check=True, target_status=Status.RECEIVED))
            continue
        if age < 10:
            weights = {Status.RECEIVED: 50, Status.IN_REVIEW: 50}
        elif age < 45:
            weights = {Status.RECEIVED: 10, Status.IN_REVIEW: 40, Status.CODED: 40, Status.CLOSED: 10}
        elif age < 120:
            weights = {Status.RECEIVED: 5, Status.IN_REVIEW: 25, Status.CODED: 35, Status.CLOSED: 35}
        else:
            weights = {Status.IN_REVIEW: 8, Status.CODED: 22, Status.CLOSED: 70}
        status = _weighted(rng, weights)
        reopened = status == Status.CLOSED and rng.random() < 0.04
        feedback = rng.choice(FEEDBACK[report.theme]) if status == Status.CLOSED else ""
        thread: tuple[DemoMessage, ...] = ()
        if status != Status.RECEIVED and rng.random() < 0.1:
            question, answer = QUESTIONS.get(report.theme, GENERIC_QUESTION)
            thread = (DemoMessage("reviewer", question), DemoMessage("reporter", answer))
            if rng.random() < 0.6:
                thread += (DemoMessage("reviewer", rng.choice(FOLLOW_UPS)),)
        planned.append(replace(report, target_status=str(status), reopened=reopened, feedback=feedback,
                               thread=thread))
    return planned


def generate(count: int = DEFAULT_COUNT, *, seed: int = DEFAULT_SEED, today: date | None = None,
             case_system: str = "mosaic") -> list[DemoReport]:
    """`count` reports, oldest first. The same arguments always give the same reports."""
    today = today or date.today()
    rng = random.Random(f"goodcatch-demo:{seed}:{count}:{case_system}")
    used: dict[str, int] = {}
    reports = [_compose_one(rng, i, today, case_system, used) for i in range(count)]
    reports.sort(key=lambda r: (r.submitted_on, r.submitted_minute, r.index))
    reports = [replace(r, index=i) for i, r in enumerate(reports)]
    return _plan(reports, rng, today)


def iter_texts(reports: Iterable[DemoReport]) -> Iterable[str]:
    for report in reports:
        yield report.narrative
