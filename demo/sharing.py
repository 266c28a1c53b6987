"""Demo sharing (issue 14): the demo council clears some confirmed reports, shares them with a health
partner under an accepted agreement, and the council, Northshire and the health partner form a
safeguarding partnership. The council's published learning is in the library."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from organisations.services import access_for
from reporting.choices import DeidStatus
from reporting.services import reports_for_organisation
from sharing import agreements, clearance, library, partnerships

PARTNERSHIP = ("demo-lscp", "Demo Safeguarding Children Partnership")
CLEARED = 8


def load_sharing_demo(orgs: dict, users: dict) -> str:
    """Run once: a second run finds the agreement and leaves everything as it is."""
    council, northshire, health = orgs["demo"], orgs["northshire"], orgs["health"]
    if agreements.agreements_of(council.pk).exists():
        return "sharing: already loaded."
    council_reviewer, council_admin, health_admin = users["reviewer"], users["admin"], users["health"]
    northshire_admin = users["northshire-admin"]
    cleared = 0
    reviewer = access_for(council_reviewer, council.slug)
    confirmed = reports_for_organisation(council).filter(deid_status=DeidStatus.CONFIRMED).order_by("pk")
    for report in confirmed[:CLEARED]:
        clearance.clear_report(reviewer, report, by=council_reviewer)
        cleared += 1
    agreement = agreements.propose(
        access_for(council_admin, council.slug),
        agreements.Proposal(partner_slug=health.slug, expires_on=timezone.localdate() + dt.timedelta(days=365),
                            purpose="Learning together about referrals and hospital discharges between the council "
                                    "and health."),
        by=council_admin)
    agreements.accept(access_for(health_admin, health.slug), agreement.pk, by=health_admin)
    partnerships.create_partnership(*PARTNERSHIP, [council.slug, northshire.slug, health.slug], by="load_demo")
    for organisation, user in ((council, council_admin), (northshire, northshire_admin), (health, health_admin)):
        partnerships.join(access_for(user, organisation.slug), PARTNERSHIP[0], by=user)
    library.set_library_sharing(council, True, by=council_admin)
    return (f"sharing: {cleared} reports cleared, shared with {health.name} under agreement {agreement.pk}; "
            f"partnership '{PARTNERSHIP[0]}' of three organisations; the council's learning is in the library.")
