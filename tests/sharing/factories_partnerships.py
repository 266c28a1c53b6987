"""Partnerships with cleared reports, for the partnership tests and the walk of every URL."""

from __future__ import annotations

from sharing.models import Partnership
from tests.sharing.factories import partnership, shared_report

# Narratives about two different slips, each worded several ways, so that they cluster by meaning.
MISSED_REFERRAL = [
    "A school referral about bruising sat unread in the duty inbox over the bank holiday weekend.",
    "The duty inbox was not checked during annual leave, so a referral from the school waited four days.",
    "A referral emailed by a teacher went to the generic duty inbox and nobody opened it until Monday.",
    "Nobody was covering the duty inbox while the manager was on leave and a school referral sat there.",
    "The school sent a safeguarding referral to the old duty inbox address and it was not read for days.",
    "A referral from the nursery landed in the shared duty inbox on Friday and was only read on Tuesday.",
]
MEDICATION = [
    "The carer gave the evening medication twice because the MAR chart was not signed after the first dose.",
    "Medication was nearly given twice at the night handover because the MAR sheet had not been signed.",
    "An unsigned MAR chart meant the agency carer almost repeated the morning tablets.",
    "The medication record was left blank, so the next carer prepared a second dose of the same tablets.",
    "A double dose of medication was stopped when the carer noticed the MAR chart had no signature.",
]


def walk_partnership(organisation) -> Partnership:
    """A partnership the organisation has joined (for tests/organisations/test_every_url_against_every_role.py)."""
    found = Partnership.objects.filter(slug="walk-lscp").first()
    return found or partnership(organisation, slug="walk-lscp", name="Walk Safeguarding Partnership")


def reports_about(organisation, narratives: list[str], **fields) -> list:
    return [shared_report(organisation, what_happened=text, **fields) for text in narratives]
