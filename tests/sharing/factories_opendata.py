"""Generated cleared reports for the open-data tests: a few hundred, from several organisations in
several regions, drawn by a seeded random generator so that every run sees the same data."""

from __future__ import annotations

import random

from sharing.models import SharedReport
from tests.factories import OrganisationFactory
from tests.sharing.factories import shared_report

# (slug, region, sector): two in London, so a region band never means one organisation.
ORGANISATIONS = (
    ("camden", "london", "social_care"), ("hackney", "london", "social_care"), ("leeds", "yorkshire", "social_care"),
    ("cardiff", "wales", "social_care"), ("met-police", "london", "police"), ("north-health", "north_east", "health"),
)
KINDS = ("near_miss",) * 6 + ("incident",) * 2 + ("concern", "good_practice")
SERVICE_AREAS = ("children",) * 5 + ("adults",) * 3 + ("early_help", "fostering_adoption", "residential",
                                                       "leaving_care", "mental_health", "other")
STAGES = ("referral",) * 4 + ("assessment",) * 3 + ("section_47", "strategy", "planning", "review", "transfer",
                                                    "closure", "hospital_discharge", "safeguarding_enquiry")
PERIODS = ("2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3")
FACTORS = ("workload", "handover", "it_systems", "supervision", "information_sharing", "policy_unclear")
RISK_BANDS = ("low", "low", "moderate", "moderate", "high", "extreme")
AGENCIES = ("police", "health", "education", "housing")
STORIES = (
    "A referral from the school sat in the shared inbox during leave and was picked up late.",
    "The strategy discussion went ahead without health because the invitation went to an old address.",
    "A duty worker noticed in March 2026 that two records for the same family had not been linked.",
    "The hospital discharge plan was agreed before the care package was in place.",
)


def organisations():
    return [OrganisationFactory(slug=slug, region=region, sector=sector) for slug, region, sector in ORGANISATIONS]


def generated_reports(count: int = 300, *, seed: int = 14, orgs=None, periods=PERIODS, **fields) -> list[SharedReport]:
    rng = random.Random(seed)  # a fixed seed: the same data on every run
    orgs = orgs or organisations()
    made = []
    for _ in range(count):
        values = {
            "kind": rng.choice(KINDS), "service_area": rng.choice(SERVICE_AREAS), "stage": rng.choice(STAGES),
            "period": rng.choice(periods), "potential_harm": rng.randint(0, 5), "risk_band": rng.choice(RISK_BANDS),
            "factor_codes": rng.sample(FACTORS, rng.randint(0, 2)), "agencies": rng.sample(AGENCIES, rng.randint(0, 2)),
            "what_happened": rng.choice(STORIES), "how_noticed": "A colleague checked the list at the end of the day.",
            "what_would_help": "A named person for the shared inbox during leave.",
        }
        values.update(fields)
        made.append(shared_report(orgs[rng.randrange(len(orgs))], **values))
    return made
