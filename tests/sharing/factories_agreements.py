"""Two agencies under a sharing agreement, for the agreement tests and the walk of every URL."""

from __future__ import annotations

from dataclasses import dataclass

from organisations.models import Role
from organisations.services import access_for
from sharing import agreements
from sharing.models import SharingAgreement
from tests.factories import OrganisationFactory, member
from tests.sharing.factories import agreement, shared_report


@dataclass
class Pair:
    """A council (the owner) sharing with a health partner, a member of each by role, and one cleared report."""

    council: object
    health: object
    agreement: SharingAgreement
    report: object
    council_admin: object
    council_manager: object
    health_admin: object
    health_reviewer: object


def pair(*, status: str = SharingAgreement.Status.ACTIVE, expires_on=None, **scope) -> Pair:
    council = OrganisationFactory(slug="north-council", name="North Council")
    health = OrganisationFactory(slug="north-health", name="North Health Trust", sector="health")
    made = agreement(council, health, status=status, expires_on=expires_on, **scope)
    return Pair(council=council, health=health, agreement=made, report=shared_report(council),
                council_admin=member(council, Role.ADMIN, username="council-admin"),
                council_manager=member(council, Role.MANAGER, username="council-manager"),
                health_admin=member(health, Role.ADMIN, username="health-admin"),
                health_reviewer=member(health, Role.REVIEWER, username="health-reviewer"))


def access(user, organisation):
    return access_for(user, organisation.slug)


def walk_values(organisation, name: str) -> dict:
    """URL values for the walk in tests/organisations: `organisation` is the partner of an active
    agreement for the partner's pages and the owner of one for the owner's, with a cleared report in
    scope, a perspective and an action proposed to the walked organisation."""
    other = OrganisationFactory(slug="walk-partner", name="Walk Partner Agency", sector="police")
    writer = member(other, Role.REVIEWER, username="walk-partner-reviewer")
    owner_side = name in ("sharing:agreement-report", "sharing:proposed-action-answer", "sharing:perspective-to-review")
    owner, partner = (organisation, other) if owner_side else (other, organisation)
    made = agreement(owner, partner)
    cleared = shared_report(owner)
    values = {"agreement_id": made.pk, "public_id": cleared.public_id}
    if owner_side:
        from sharing.models import PartnerPerspective, ProposedAction

        values["perspective_id"] = PartnerPerspective.objects.create(
            shared_report=cleared, agreement=made, organisation=other, author=writer,
            text="The GP practice had the referral but no named contact.").pk
        values["proposal_id"] = ProposedAction.objects.create(
            agreement=made, shared_report=cleared, from_organisation=other, to_organisation=organisation,
            description="Give the shared inbox a named owner each day.", proposed_by=writer).pk
    return values


__all__ = ["Pair", "access", "agreements", "pair", "walk_values"]
