"""Synthetic, already de-identified reports in any number, for measuring safety intelligence at scale.

The narratives are the demo generator's (a situation × a slip × how it was noticed × circumstances ×
what would help, in one writing style), then varied further (synonyms, extra details with numbers),
and de-identified the way the real pipeline writes confirmed text: every invented name, address,
school, date, phone number or reference becomes a typed placeholder ("[PERSON 1]", "[ADDRESS 1]",
"[DATE]"), numbered in order of appearance across the report's fields.

The data has structure to find: a report's contributing factors follow its slip's theme and the
circumstances it mentions; submissions rise over three years (a growing reporting culture), with
fewer at weekends; a few themes surge for some weeks (spikes to detect); and about 1.5% of reports
are a second account of an event already reported (duplicates to link). Everything follows from the
seed: the same arguments give the same reports. Nothing here touches the database.
"""

from __future__ import annotations

import bisect
import math
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from demo.blocks import ADULT, CHILD, INCIDENT, MH, NEAR, WELL
from demo.generator import DemoReport, _compose_one
from demo.people import WEEKDAYS
from demo.phrases import CLOSERS, OPENERS
from demo.replies import FEEDBACK, FOLLOW_UPS, GENERIC_QUESTION, QUESTIONS
from demo.situations import SITUATIONS
from demo.styles import STYLES, apply_style
from reporting.choices import Confidentiality, MessageAuthor, Status

YEARS = 3
DUPLICATE_SHARE = 0.015
DUPLICATE_WITHIN = timedelta(days=7)  # a second account of an event comes within a week
WAVES = 6  # themes that surge for a few weeks over the three years

# -- codes, from the slip's theme and the circumstances in the text ---------------------------------

# theme -> (factor key, active/latent/""), most telling first.
THEME_FACTORS: dict[str, tuple[tuple[str, str], ...]] = {
    "prioritisation": (("prioritising-cases", "active"), ("time-pressure", "latent")),
    "incomplete_picture": (("incomplete-picture", "active"), ("multi-agency-longer-term", "latent"),
                           ("situational-awareness", "active")),
    "other_agency": (("multi-agency-crisis", "latent"), ("other-teams-decisions", "latent"),
                     ("communication-breakdown", "active")),
    "info_systems": (("information-systems", "latent"), ("tools-case-management-system", "latent"),
                     ("human-tool-operation", "active")),
    "handover": (("communication-breakdown", "active"), ("organisational-structure", "latent")),
    "workload": (("workload-caseload", "latent"), ("time-pressure", "latent"), ("fatigue", "active"),
                 ("human-resources-practices", "latent")),
    "supervision": (("supervision", "latent"), ("human-management-system", "latent")),
    "culture": (("organisational-culture", "latent"), ("confusion", "active")),
    "leadership": (("leadership", "latent"), ("human-management-system", "latent")),
    "family": (("family-professional-interaction", "active"), ("distraction", "active")),
    "reasoning": (("human-reasoning", "active"), ("situational-awareness", "active")),
}
# Words of the circumstances (demo.phrases) and extra details, and the factor each points to.
KEYWORD_FACTORS: tuple[tuple[str, str, str], ...] = (
    ("cases at the time", "workload-caseload", "latent"), ("social workers down", "human-resources-practices", "latent"),
    ("sws down", "human-resources-practices", "latent"), ("been on since 8", "fatigue", "active"),
    ("no handover", "communication-breakdown", "latent"), ("supervision had been cancelled", "supervision", "latent"),
    ("acting tm", "leadership", "latent"), ("nobody to run it past", "supervision", "latent"),
    ("case system", "information-systems", "latent"), ("timed out", "tools-case-management-system", "latent"),
    ("don't talk to each other", "information-systems", "latent"), ("auto-fills", "human-tool-operation", "active"),
    ("within timescale", "organisational-culture", "latent"), ("no briefing", "leadership", "latent"),
    ("challenge the police", "organisational-culture", "latent"), ("fussing", "organisational-culture", "latent"),
    ("agency staff", "human-resources-practices", "latent"), ("asked twice", "multi-agency-longer-term", "latent"),
    ("hot desking", "distraction", "active"), ("laptop died", "tools-case-management-system", "latent"),
    ("no training", "training-qualification", "latent"), ("since qualifying", "training-qualification", "latent"),
    ("pressure for beds", "time-pressure", "latent"), ("no packages", "multi-agency-crisis", "latent"),
    ("vacancies", "human-resources-practices", "latent"), ("interpreters", "organisational-structure", "latent"),
    ("visits booked", "workload-caseload", "latent"), ("whose job it was", "confusion", "active"),
    ("guidance on this changed", "confusion", "latent"), ("helpdesk", "tools-case-management-system", "latent"),
)
ERROR_TYPES = {
    "prioritisation": "rule-based-mistake", "incomplete_picture": "knowledge-based-mistake", "other_agency": "lapse",
    "info_systems": "slip", "handover": "lapse", "workload": "lapse", "supervision": "situational-violation",
    "culture": "routine-violation", "leadership": "situational-violation", "family": "slip",
    "reasoning": "knowledge-based-mistake",
}
LIKELY_AGAIN = {"workload", "info_systems", "culture", "leadership", "other_agency"}

# -- extra variation ---------------------------------------------------------------------------------

SYNONYMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("rang", ("phoned", "called", "rang")), ("realised", ("noticed", "saw", "clocked", "realised")),
    ("about to", ("going to", "on the point of", "about to")), ("nobody", ("no one", "nobody")),
    ("meeting", ("meeting", "meet", "mtg")), ("honestly", ("to be honest", "tbh", "honestly")),
    ("really", ("very", "really", "genuinely")), ("worried", ("concerned", "worried", "anxious")),
    ("checked", ("checked", "double-checked", "looked at")), ("straight away", ("immediately", "right away")),
    ("the next morning", ("the following morning", "first thing next day")), ("spotted", ("noticed", "caught", "spotted")),
    ("on the phone", ("over the phone", "on a call")), ("a week later", ("the following week", "7 days later")),
    ("the family", ("the family", "the household")), ("busy", ("busy", "hectic", "stretched")),
    ("afterwards", ("afterwards", "after that", "later on")), ("supposed to", ("meant to", "supposed to")),
    ("lots of", ("loads of", "a lot of", "lots of")), ("manager", ("manager", "mgr")),
)
DETAILS: dict[str, tuple[str, ...]] = {
    "any": (
        "This was on a {weekday} {daypart}.", "I'd been in the team about {n} months at that point.",
        "There were {n} of us on duty that day.", "It took {n} phone calls to get hold of the right person.",
        "I had {n} visits booked that afternoon.", "I'd flagged something similar about {n} weeks before.",
        "The worker before me had left about {n} weeks earlier.", "Everything was being done over Teams that week.",
        "I only had the summary on screen, not the full chronology.", "The duty manager was in a meeting until {clock}.",
        "I was writing it up in the car between visits.", "The paperwork had been started by someone on the agency team.",
        "I checked with my TM afterwards and she agreed it should be reported.",
        "We had {n} new contacts that morning alone.", "The IT helpdesk queue was over {n}0 tickets.",
        "It was the end of the month and everyone was chasing timescales.",
        "Nobody was sure whose job it was to follow it up.", "In fairness the guidance on this changed recently.",
        "The last audit flagged the same kind of thing.", "I'm writing this {n} days after it happened.",
        "It was my {n}th week back after leave.", "The shared drive folder for the case was empty.",
        "The phone line kept dropping out all {daypart}.", "We had a student shadowing, which slowed things down.",
    ),
    CHILD: (
        "School had been emailing about attendance for {n} weeks.", "There are {n} children in the household.",
        "The nursery had noticed changes too but hadn't said anything formally.",
        "The family have been known to us on and off for {n} years.",
        "Contact arrangements with dad were not clear from the file.",
        "The child's views were recorded from the last assessment, not this one.",
        "The health visitor was on leave and her cover didn't know the family.",
        "There had been {n} missed health appointments since the spring.",
    ),
    ADULT: (
        "The package of care had changed {n} times in the last year.",
        "The agency had new carers covering most of the calls.", "The GP hadn't seen them for over {n} months.",
        "The family live a long way away and visit about once a month.",
        "The key safe code had changed and the carers weren't told.",
        "The medication chart in the house was {n} weeks out of date.",
    ),
    MH: (
        "The care coordinator post had been vacant for {n} weeks.", "The crisis team were at capacity that night.",
        "Medication had been changed at the last outpatient appointment.",
        "There had been {n} A&E attendances in the past month.",
    ),
}
DAYPARTS = ("morning", "afternoon", "evening", "lunchtime", "late afternoon")
CLOCKS = ("11", "12", "2pm", "half 3", "4pm", "5", "quarter past 4")


@dataclass(frozen=True)
class SyntheticMessage:
    author_kind: str
    body: str
    after: timedelta  # after submission


@dataclass(frozen=True)
class SyntheticCoding:
    factors: dict[str, str]
    error_type: str
    stage: str
    actual_harm: int
    potential_harm: int
    likelihood: int
    after: timedelta  # after submission


@dataclass(frozen=True)
class SyntheticReport:
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
    submitted_at: datetime  # naive local time; the loader keeps an anonymous one to the day
    status: str
    confirmed_after: timedelta
    status_after: tuple[tuple[str, timedelta, str], ...]  # (status, after submission, note)
    messages: tuple[SyntheticMessage, ...]
    coding: SyntheticCoding | None
    theme: str
    situation: str
    slip: str
    duplicate_of: int | None = None

    @property
    def narrative(self) -> str:
        return "\n\n".join(t for t in (self.what_happened, self.potential_harm_text, self.how_noticed,
                                       self.what_would_help) if t)


# -- placeholders, as the de-identification pipeline writes them ----------------------------------

_FIELDS = ("what_happened", "potential_harm_text", "how_noticed", "what_would_help")
_SEP = "\x00"  # not \s, so no pattern runs from one field into the next


_TITLES = {"mr", "mrs", "ms", "miss"}
_WORDS = re.compile(r"[^\W\d_]+")
_STRUCTURED = (("email", "EMAIL"), ("phone", "PHONE"), ("nhs_number", "NHS_NUMBER"), ("case_reference", "CASE_REFERENCE"))


def _people(text: str, names: set[str], firsts: set[str], numbers: _Numbers) -> str:
    """Each run of this report's names ("Ava", "Ava Pellowby", "Mrs Pellowby") becomes one [PERSON n],
    the same number for the same first name."""
    spans: list[list] = []  # [start, end, words]
    previous = None
    for m in _WORDS.finditer(text):
        word = m.group(0)
        if word.lower() in names:
            if spans and spans[-1][1] <= m.start() and text[spans[-1][1]:m.start()].isspace():
                spans[-1][1] = m.end()
                spans[-1][2].append(word)
            elif previous is not None and previous.group(0).lower() in _TITLES and text[previous.end():m.start()].isspace():
                spans.append([previous.start(), m.end(), [word]])
            else:
                spans.append([m.start(), m.end(), [word]])
        previous = m
    if not spans:
        return text
    out, position = [], 0
    owner: dict[str, str] = {}  # surname -> the first name it was seen with ("Mrs Pellowby" is "Ava Pellowby")
    for start, end, words in spans:
        first = next((w for w in words if w.lower() in firsts), None)
        if first is not None:
            owner.update({w.lower(): first for w in words if w.lower() not in firsts})
        identity = first or owner.get(words[-1].lower(), words[-1])
        out += [text[position:start], numbers.placeholder("PERSON", identity)]
        position = end
    out.append(text[position:])
    return "".join(out)


class _Numbers:
    def __init__(self):
        self.seen: dict[tuple[str, str], int] = {}
        self.highest: dict[str, int] = {}

    def placeholder(self, label: str, identity: str) -> str:
        key = (label, identity.lower())
        if key not in self.seen:
            self.highest[label] = self.highest.get(label, 0) + 1
            self.seen[key] = self.highest[label]
        return f"[{label} {self.seen[key]}]"


def deidentify(fields: dict[str, str], personal: tuple[tuple[str, str], ...]) -> dict[str, str]:
    """The fields with each invented detail replaced by its placeholder, numbered in order of appearance
    across the fields (as the pipeline numbers a report's texts together)."""
    if not personal:
        return dict(fields)
    text = _SEP.join(fields[name] for name in _FIELDS)
    numbers = _Numbers()
    by_kind: dict[str, set[str]] = {}
    for kind, value in personal:
        by_kind.setdefault(kind, set()).add(value)

    for kind, label in _STRUCTURED:
        values = [v for v in by_kind.get(kind, ()) if v.lower() in text.lower()]
        for value in sorted(values, key=lambda v: text.lower().find(v.lower())):
            keep = ""
            if kind == "case_reference":  # "Mosaic ID 1234567": the number goes, the system's name stays
                digits = re.search(r"(?:DB)?\d+$", value)
                keep = value[:digits.start()] if digits else ""
            for variant in (value, value.lower(), value.upper()):
                text = text.replace(variant, variant[:len(keep)] + numbers.placeholder(label, value))
    # The demo's places are a short fixed list, so these patterns stay in re's cache.
    for kind in ("school", "hospital"):
        for value in by_kind.get(kind, ()):
            text = re.sub(rf"\b{re.escape(value)}\b", lambda m: numbers.placeholder("ORGANISATION", m.group(0)), text,
                          flags=re.IGNORECASE)
    for value in by_kind.get("street", ()):
        text = re.sub(rf"\b(?:\d+\s+)?{re.escape(value)}\b", lambda m, v=value: numbers.placeholder("ADDRESS", v),
                      text, flags=re.IGNORECASE)
    for value in by_kind.get("date", ()):
        for variant in (value, value.lower()):
            text = text.replace(variant, "[DATE]")
    for age in by_kind.get("age", ()):
        for form in (f"({age})", f"({age}yo)", f"(age {age})", f"(Age {age})"):
            text = text.replace(form, "([AGE])")
    names = {v.lower() for kind in ("first_name", "surname") for v in by_kind.get(kind, ())}
    if names:
        text = _people(text, names, {v.lower() for v in by_kind.get("first_name", ())}, numbers)
    return dict(zip(_FIELDS, text.split(_SEP), strict=True))


# -- variation ------------------------------------------------------------------------------------

_GROUP_OF = {s.key: s.group for s in SITUATIONS}
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def _detail(rng: random.Random, group: str) -> str:
    pool = DETAILS["any"] + DETAILS.get(group, ())
    return rng.choice(pool).format(n=rng.randint(2, 9), weekday=rng.choice(WEEKDAYS), daypart=rng.choice(DAYPARTS),
                                   clock=rng.choice(CLOCKS))


def _synonyms(text: str, rng: random.Random) -> str:
    for word, options in SYNONYMS:
        if rng.random() < 0.5 and word in text.lower():
            choice = rng.choice(options)
            text = re.sub(rf"\b{re.escape(word)}\b", choice, text, flags=re.IGNORECASE)
    return text


def _vary(fields: dict[str, str], rng: random.Random, group: str, lowercase: bool) -> dict[str, str]:
    fields = {name: _synonyms(text, rng) for name, text in fields.items()}
    extra = rng.choices((0, 1, 2, 3), weights=(30, 40, 22, 8), k=1)[0]
    if extra:
        sentences = _SENTENCE_END.split(fields["what_happened"])
        for _ in range(extra):
            detail = _detail(rng, group)
            sentences.insert(rng.randint(1, len(sentences)), detail.lower() if lowercase else detail)
        fields["what_happened"] = " ".join(sentences)
    return fields


# -- dates: rising over three years, fewer at weekends, in time order ------------------------------

def _submission_days(rng: random.Random, count: int, days: int) -> list[float]:
    """`count` offsets in days from the start, sorted; the density rises linearly from 0.6 to 1.4."""
    a, b = 0.6, 0.8
    out: list[float] = []
    while len(out) < count:
        u = rng.random()
        # Inverse of the CDF (a t + b t^2 / 2) / (a + b / 2) on [0, 1].
        t = (-a + math.sqrt(a * a + 2 * b * u * (a + b / 2))) / b
        day = t * days
        if int(day) % 7 in (5, 6) and rng.random() > 0.35:  # day 0 is a Monday (see _start)
            continue
        out.append(day)
    out.sort()
    return out


def _minute_of_day(fraction: float) -> int:
    """Office hours mostly, some evenings, a few early mornings; rising with `fraction`, so that the
    reports of one day stay in time order."""
    if fraction < 0.07:
        return 6 * 60 + int(fraction / 0.07 * 120)
    if fraction < 0.72:
        return 8 * 60 + int((fraction - 0.07) / 0.65 * 570)
    return 18 * 60 + int((fraction - 0.72) / 0.28 * 270)


def _start(end: date) -> date:
    first = end - timedelta(days=365 * YEARS)
    return first - timedelta(days=first.weekday())


@dataclass(frozen=True)
class _Wave:
    theme: str
    start: float
    end: float


def _waves(rng: random.Random, days: int) -> list[_Wave]:
    themes = sorted(THEME_FACTORS)
    waves = []
    for n in range(WAVES):
        weeks = rng.randint(4, 8)
        # The last wave is still going at the end: an emerging theme.
        start = days - weeks * 7 + 7 if n == WAVES - 1 else rng.uniform(60, days - 120)
        waves.append(_Wave(rng.choice(themes), start, start + weeks * 7))
    return waves


# -- what happened to each report afterwards -------------------------------------------------------

def _status_for(rng: random.Random, age_days: float) -> str:
    if age_days < 10:
        weights = {Status.RECEIVED: 50, Status.IN_REVIEW: 50}
    elif age_days < 45:
        weights = {Status.RECEIVED: 10, Status.IN_REVIEW: 40, Status.CODED: 40, Status.CLOSED: 10}
    elif age_days < 120:
        weights = {Status.RECEIVED: 4, Status.IN_REVIEW: 21, Status.CODED: 35, Status.CLOSED: 40}
    else:
        weights = {Status.RECEIVED: 1, Status.IN_REVIEW: 5, Status.CODED: 22, Status.CLOSED: 72}
    keys = list(weights)
    return str(rng.choices(keys, weights=[weights[k] for k in keys], k=1)[0])


def _coding(rng: random.Random, base: DemoReport | SyntheticReport, text: str,
            stage: str) -> tuple[dict[str, str], str, int, int, int]:
    options = THEME_FACTORS[base.theme]
    factors: dict[str, str] = {}
    first = options[0] if rng.random() < 0.85 else rng.choice(options)
    factors[first[0]] = first[1]
    for key, failure in options[1:]:
        if rng.random() < 0.35:
            factors.setdefault(key, failure)
    lowered = text.lower()
    for words, key, failure in KEYWORD_FACTORS:
        if words in lowered and rng.random() < 0.8 and len(factors) < 4:
            factors.setdefault(key, failure)
    if rng.random() < 0.08:
        key, failure = rng.choice(rng.choice(list(THEME_FACTORS.values())))
        factors.setdefault(key, failure)
    if base.kind == WELL:
        factors = {key: "" for key in factors}
    error_type = ""
    if base.kind in (NEAR, INCIDENT):
        error_type = ERROR_TYPES[base.theme] if rng.random() < 0.75 else rng.choice(
            ("", "slip", "lapse", "rule-based-mistake", "knowledge-based-mistake", "routine-violation"))
    consequence = base.potential_harm if base.potential_harm else rng.choice((2, 3, 3, 4))
    if base.kind == WELL:
        consequence = min(consequence, 2)
    if base.theme in LIKELY_AGAIN:
        likelihood = rng.choices((2, 3, 4, 5), weights=(10, 35, 40, 15), k=1)[0]
    else:
        likelihood = rng.choices((1, 2, 3, 4), weights=(15, 40, 35, 10), k=1)[0]
    if base.kind == WELL:
        likelihood = min(likelihood, 2)
    actual = rng.randint(2, max(2, consequence)) if base.kind == INCIDENT else 1
    return factors, error_type, actual, consequence, likelihood


def _afterwards(rng: random.Random, base: DemoReport | SyntheticReport, submitted: datetime, end: datetime, text: str, stage: str):
    """Confirmation, status changes (with closing feedback), messages and the coding, as offsets."""
    room = (end - submitted).total_seconds() / 3600 - 1  # hours until the end
    age_days = room / 24
    status = _status_for(rng, age_days)
    steps = {Status.RECEIVED: [], Status.IN_REVIEW: [Status.IN_REVIEW],
             Status.CODED: [Status.IN_REVIEW, Status.CODED],
             Status.CLOSED: [Status.IN_REVIEW, Status.CODED, Status.CLOSED]}[status]
    hours = [rng.uniform(1, 30)]  # confirmation of the de-identification
    hours += [rng.lognormvariate(math.log(72), 0.9) for _ in steps]
    total = sum(hours)
    if total > room:
        hours = [h * room / total * 0.95 for h in hours]
    at = 0.0
    confirmed = at = hours[0]
    changes: list[tuple[str, timedelta, str]] = []
    messages: list[SyntheticMessage] = []
    coding = None
    for step, gap in zip(steps, hours[1:], strict=True):
        at += gap
        note = ""
        if step == Status.CLOSED:
            note = rng.choice(FEEDBACK[base.theme])
            messages.append(SyntheticMessage(MessageAuthor.REVIEWER, note, timedelta(hours=at)))
        changes.append((step, timedelta(hours=at), note))
        if step == Status.IN_REVIEW and rng.random() < 0.15:
            question, answer = QUESTIONS.get(base.theme, GENERIC_QUESTION)
            asked = at + rng.uniform(0.5, 48)
            messages.append(SyntheticMessage(MessageAuthor.REVIEWER, question, timedelta(hours=asked)))
            if rng.random() < 0.7:
                messages.append(SyntheticMessage(MessageAuthor.REPORTER, answer,
                                                 timedelta(hours=asked + rng.uniform(2, 96))))
                if rng.random() < 0.5:
                    messages.append(SyntheticMessage(MessageAuthor.REVIEWER, rng.choice(FOLLOW_UPS),
                                                     timedelta(hours=asked + rng.uniform(100, 150))))
        if step == Status.CODED:
            factors, error_type, actual, consequence, likelihood = _coding(rng, base, text, stage)
            coding = SyntheticCoding(factors, error_type, stage, actual, consequence, likelihood, timedelta(hours=at))
    limit = timedelta(hours=max(room, 0.5))
    messages = [m for m in messages if m.after < limit]
    messages.sort(key=lambda m: m.after)
    return status, timedelta(hours=confirmed), tuple(changes), tuple(messages), coding


# -- the generator --------------------------------------------------------------------------------

def _one(rng: random.Random, index: int, used: dict[str, int], wave: _Wave | None, case_system: str,
         anchor: date) -> DemoReport:
    base = _compose_one(rng, index, anchor, case_system, used)
    if wave is not None and rng.random() < 0.12:
        for _ in range(12):
            if base.theme == wave.theme and base.kind != WELL:
                break
            base = _compose_one(rng, index, anchor, case_system, used)
    return base


def synthesise(count: int, *, seed: int, end: date, until: datetime | None = None,
               case_system: str = "mosaic") -> Iterator[SyntheticReport]:
    """`count` reports submitted over the three years up to `end`, oldest first, and nothing after `until`
    (naive local time; by default the end of `end`). Same arguments, same reports."""
    if count < 1:
        return
    rng = random.Random(f"goodcatch-synthetic:{seed}")
    start = _start(end)
    days = (end - start).days + 1
    offsets = _submission_days(rng, count, days)
    waves = _waves(rng, days)
    wave_starts = sorted((w.start, i) for i, w in enumerate(waves))
    end_at = min(datetime.combine(end, time(23, 0)), until or datetime.max)
    used: dict[str, int] = {}
    recent: list[SyntheticReport] = []
    style_names = list(STYLES)
    for index, offset in enumerate(offsets):
        day = start + timedelta(days=int(offset))
        minute = _minute_of_day(offset - int(offset))
        submitted = min(datetime.combine(day, time()) + timedelta(minutes=minute), end_at - timedelta(hours=1))
        at = bisect.bisect_right(wave_starts, (offset, len(waves)))
        wave = next((waves[i] for _, i in wave_starts[:at] if waves[i].end > offset), None)

        fresh = [r for r in recent if submitted - r.submitted_at <= DUPLICATE_WITHIN and r.duplicate_of is None]
        if rng.random() < DUPLICATE_SHARE and fresh:
            yield (report := _duplicate(rng, rng.choice(fresh), index, submitted, end_at, style_names))
        else:
            base = _one(rng, index, used, wave, case_system, day)
            delay = rng.choices((0, 1, 2, 3, 5, 8, 14, 21), weights=(30, 25, 12, 10, 8, 6, 5, 4), k=1)[0]
            occurred = submitted.date() - timedelta(days=delay)
            known = base.occurred_year is not None
            group = _GROUP_OF.get(base.situation, "any")
            fields = {name: getattr(base, name) for name in _FIELDS}
            fields = _vary(fields, rng, group, lowercase=base.style == "lower")
            fields = deidentify(fields, base.personal_data)
            text = "\n".join(fields.values())
            status, confirmed, changes, messages, coding = _afterwards(rng, base, submitted, end_at, text, base.stage)
            confidentiality = base.confidentiality
            if confidentiality == Confidentiality.OPEN:  # an open report names a user; synthetic ones have none
                confidentiality = Confidentiality.CONFIDENTIAL
            report = SyntheticReport(
                index=index, kind=base.kind, potential_harm=base.potential_harm, service_area=base.service_area,
                stage=base.stage, agencies=base.agencies, occurred_month=occurred.month if known else None,
                occurred_year=occurred.year if known else None, confidentiality=str(confidentiality),
                submitted_at=submitted, status=status, confirmed_after=confirmed, status_after=changes,
                messages=messages, coding=coding, theme=base.theme, situation=base.situation, slip=base.slip,
                **fields)
            yield report
        recent.append(report)
        if len(recent) > 200:
            del recent[0]


def _duplicate(rng: random.Random, original: SyntheticReport, index: int, submitted: datetime, end_at: datetime,
               style_names: list[str]) -> SyntheticReport:
    """Another worker's account of the same event: the same facts, reworded a little."""
    fields = {name: getattr(original, name) for name in _FIELDS}
    fields = {name: _synonyms(text, rng) for name, text in fields.items()}
    sentences = _SENTENCE_END.split(fields["what_happened"])
    if len(sentences) > 2 and rng.random() < 0.6:
        del sentences[rng.randrange(1, len(sentences))]
    if rng.random() < 0.5:
        sentences.insert(0, rng.choice(OPENERS))
    if rng.random() < 0.4:
        sentences.append(rng.choice(CLOSERS))
    fields["what_happened"] = " ".join(sentences)
    fields = apply_style(fields, rng.choice(style_names), rng, set())
    # Placeholders stay upper case whatever the style did to the text around them.
    fields = {name: re.sub(r"\[([a-z_]+)( \d+)?\]", lambda m: m.group(0).upper(), text) for name, text in fields.items()}
    confidentiality = rng.choice((Confidentiality.ANONYMOUS, Confidentiality.CONFIDENTIAL))
    text = "\n".join(fields.values())
    status, confirmed, changes, messages, coding = _afterwards(rng, original, submitted, end_at, text, original.stage)
    return SyntheticReport(
        index=index, kind=original.kind, potential_harm=original.potential_harm, service_area=original.service_area,
        stage=original.stage, agencies=original.agencies, occurred_month=original.occurred_month,
        occurred_year=original.occurred_year, confidentiality=str(confidentiality), submitted_at=submitted,
        status=status, confirmed_after=confirmed, status_after=changes, messages=messages,
        coding=coding, theme=original.theme, situation=original.situation, slip=original.slip,
        duplicate_of=original.index, **fields)


__all__ = ["SyntheticCoding", "SyntheticMessage", "SyntheticReport", "deidentify", "synthesise"]
