"""Cleared reports, agreements and partnerships for sharing's tests.

Rows are made directly, so that a test of one part (agreements, partnerships, feeds, open data) does
not depend on another part's services; tests of the clearance itself go through sharing's services."""

from __future__ import annotations

import secrets
from datetime import date, timedelta

from django.utils import timezone

from sharing.models import Partnership, PartnershipMember, SharedReport, SharingAgreement


def shared_report(organisation, **fields) -> SharedReport:
    values = {"public_id": secrets.token_hex(8), "kind": "near_miss", "service_area": "children",
              "stage": "referral", "period": "2026-Q3",
              "what_happened": "A referral from the school sat in the shared inbox for three days during leave.",
              "factor_codes": ["workload"], "risk_band": "moderate"}
    values.update(fields)
    return SharedReport.objects.create(organisation=organisation, **values)


def agreement(owner, partner, *, status: str = SharingAgreement.Status.ACTIVE, expires_on: date | None = None,
              **fields) -> SharingAgreement:
    values = {"purpose": "Learning together about referrals between the council and health.",
              "expires_on": expires_on or (timezone.localdate() + timedelta(days=365)), "status": status}
    if status != SharingAgreement.Status.PROPOSED:
        values["answered_at"] = timezone.now()
    values.update(fields)
    return SharingAgreement.objects.create(owner=owner, partner=partner, **values)


def partnership(*organisations, slug: str = "north-lscp", name: str = "North Safeguarding Children Partnership",
                joined: bool = True) -> Partnership:
    made = Partnership.objects.create(slug=slug, name=name)
    for organisation in organisations:
        PartnershipMember.objects.create(partnership=made, organisation=organisation,
                                         joined_at=timezone.now() if joined else None)
    return made
