"""Equality-monitoring demo data for the demo organisation: monitoring on, the demo manager named
equality lead, and invented staff with sealed profiles whose named reports reached just-culture
outcomes, enough for some figures (and one relative rate) to clear small-number suppression while
smaller groups stay hidden.

Every person here is invented. The numbers are made up to show how the page reads, not to suggest
what any real organisation would find.
"""

from __future__ import annotations

import random

from django.contrib.auth import get_user_model
from django.db import transaction

from equality import profiles
from justculture import services as justculture
from organisations import services as organisations
from reporting.choices import Confidentiality, ReportKind
from reporting.deidentification import confirm_redaction, deidentify_report_now
from reporting.my_reports import reports_of
from reporting.services import ReportSubmission, submit_report

# (username prefix, ethnicity, disability, sex, people, {outcome: named reports})
GROUPS = [
    ("eq-white", "white_british", "no", "female", 8, {"system_learning": 22, "supportive": 6, "referral": 5}),
    ("eq-white-other", "white_other", "yes", "male", 3, {"system_learning": 6, "health_support": 3}),
    ("eq-black", "black_african", "no", "female", 5, {"system_learning": 9, "supportive": 5, "referral": 6}),
    ("eq-caribbean", "black_caribbean", "yes", "male", 2, {"system_learning": 3, "supportive": 2}),
    ("eq-asian", "asian_indian", "no", "female", 4, {"system_learning": 10, "supportive": 5}),
    # Two small groups, hidden on the page; and someone with a profile but no assessed report.
    ("eq-mixed", "mixed_white_asian", "no", "male", 1, {"system_learning": 2}),
    ("eq-arab", "other_arab", "no", "female", 1, {"system_learning": 3}),
    ("eq-chinese", "asian_chinese", "no", "female", 1, {}),
    ("eq-private", "prefer_not_to_say", "prefer_not_to_say", "prefer_not_to_say", 2, {"system_learning": 6, "supportive": 5}),
]

NARRATIVES = [
    "The handover sheet for the weekend did not list the visit, so nobody went on Saturday.",
    "The referral sat in the shared inbox for three days while the duty worker covered two teams.",
    "The medication chart was not updated after the review, and the evening dose was nearly given twice.",
    "The strategy discussion was booked without the school, because the contact list was out of date.",
    "A case note was saved to the wrong record; it was noticed before the letter went out.",
]

_NO = dict(health="no", protocol_agreed="no", protocol_workable="no", protocol_departed="no", substitution_peers="no",
           substitution_training="no", substitution_supervision="no", mitigating="no")


def load_equality_demo(organisation, users, *, stdout=None) -> int:
    """As the demo admin, switch monitoring on and name the demo manager equality lead; then add the invented
    staff, their profiles and their named reports, assessed by the demo reviewer (referrals approved by the
    demo custodian). Returns the number of reports added (0 when they are already there)."""
    admin, assessor, approver, lead = users["admin"], users["reviewer"], users["custodian"], users["manager"]
    if not organisation.equality_monitoring_enabled:
        organisations.set_equality_monitoring(organisation, True, by=admin)
    membership = next(m for m in organisations.members_of(organisation) if m.user_id == lead.pk)
    if not membership.equality_lead:
        organisations.set_equality_lead(organisation, membership.pk, True, by=admin)
    first = get_user_model().objects.filter(username=f"{GROUPS[0][0]}-1").first()
    if first is not None and reports_of(first):
        return 0
    rng, added = random.Random("equality-demo"), 0
    with transaction.atomic():
        for prefix, ethnicity, disability, sex, people, outcomes in GROUPS:
            staff = [_staff_member(organisation, f"{prefix}-{n}", ethnicity, disability, sex) for n in range(1, people + 1)]
            planned = [outcome for outcome, count in outcomes.items() for _ in range(count)]
            for n, outcome in enumerate(planned):
                _assessed_report(organisation, staff[n % len(staff)], outcome, assessor=assessor, approver=approver,
                                 rng=rng)
                added += 1
    if stdout is not None:
        stdout.write(f"{organisation.slug}: equality monitoring on, with {added} assessed named reports by invented staff")
    return added


def _staff_member(organisation, username, ethnicity, disability, sex):
    user, created = get_user_model().objects.get_or_create(username=username, defaults={
        "first_name": "Demo", "last_name": username.replace("-", " ").title(), "email": f"{username}@example.org"})
    if created:
        user.set_unusable_password()  # invented staff: nobody signs in as them
        user.save(update_fields=["password"])
    organisations.add_member(organisation, user, "reporter")  # the least a member can hold
    access = organisations.access_for(user, organisation.slug)
    profiles.record_profile(access, user, profiles.Profile(ethnicity=ethnicity, disability=disability, sex=sex))
    return user


def _assessed_report(organisation, reporter, outcome, *, assessor, approver, rng):
    confidentiality = rng.choice([Confidentiality.CONFIDENTIAL, Confidentiality.CONFIDENTIAL, Confidentiality.OPEN])
    submission = ReportSubmission(kind=rng.choice([ReportKind.NEAR_MISS, ReportKind.INCIDENT]),
                                  what_happened=rng.choice(NARRATIVES), potential_harm=rng.choice([2, 3]),
                                  confidentiality=confidentiality)
    report = submit_report(organisation, submission, reporter=reporter, is_demo=True).report
    deidentify_report_now(report.pk)
    report.refresh_from_db()
    confirm_redaction(report, by=assessor)
    deliberate = outcome == "referral"
    answers = justculture.Answers(deliberate_harm="yes" if deliberate else "no",
                                  **{**_NO, "health": "yes" if outcome == "health_support" else "no"})
    assessment = justculture.record_assessment(
        organisations.access_for(assessor, organisation.slug), report, by=assessor,
        action="The step described in the report.", answers=answers, outcome=outcome,
        rationale="Invented for the demo.")
    if deliberate:
        justculture.approve_referral(organisations.access_for(approver, organisation.slug), assessment, by=approver,
                                     reason="Invented for the demo.")
