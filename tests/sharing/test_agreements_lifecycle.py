"""An owner's admin proposes an agreement; the partner's admin accepts or declines it; either side ends
it. Each step is recorded in both organisations' audit logs."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from organisations.models import Role
from protection.models import AuditEntry
from sharing import agreements
from sharing.models import SharingAgreement
from tests.factories import OrganisationFactory, member, sign_in
from tests.sharing.factories_agreements import access, pair

pytestmark = pytest.mark.django_db


def _proposal(partner_slug: str, **fields) -> agreements.Proposal:
    values = {"partner_slug": partner_slug, "purpose": "Learning about referrals between the council and health.",
              "expires_on": timezone.localdate() + timedelta(days=90)}
    values.update(fields)
    return agreements.Proposal(**values)


def _entries(action: str, agreement) -> set[int]:
    return set(AuditEntry.objects.filter(action=action, subject=f"agreement:{agreement.pk}")
               .values_list("organisation_id", flat=True))


def test_a_second_open_agreement_with_the_same_partner_is_refused():
    two = pair(status=SharingAgreement.Status.PROPOSED)
    with pytest.raises(agreements.AgreementError, match="already have an agreement"):
        agreements.propose(access(two.council_admin, two.council), _proposal(two.health.slug), by=two.council_admin)
    assert SharingAgreement.objects.count() == 1


def test_proposing_accepting_and_ending_write_to_both_audit_logs():
    council = OrganisationFactory(slug="east-council", name="East Council")
    police = OrganisationFactory(slug="east-police", name="East Police", sector="police")
    council_admin, police_admin = member(council, Role.ADMIN, username="ea"), member(police, Role.ADMIN, username="pa")

    made = agreements.propose(access(council_admin, council), _proposal(police.slug, kinds=("near_miss",),
                                                                        service_areas=("children",)), by=council_admin)
    assert made.status == SharingAgreement.Status.PROPOSED and not agreements.is_active(made)
    assert _entries("sharing.agreement_propose", made) == {council.pk, police.pk}

    accepted = agreements.accept(access(police_admin, police), made.pk, by=police_admin)
    assert agreements.is_active(accepted) and accepted.answered_by == police_admin
    assert _entries("sharing.agreement_accept", made) == {council.pk, police.pk}

    ended = agreements.end(access(police_admin, police), made.pk, by=police_admin)  # either side may end it
    assert ended.status == SharingAgreement.Status.ENDED and not agreements.is_active(ended)
    assert _entries("sharing.agreement_end", made) == {council.pk, police.pk}


def test_a_declined_agreement_never_comes_into_force():
    two = pair(status=SharingAgreement.Status.PROPOSED)
    declined = agreements.decline(access(two.health_admin, two.health), two.agreement.pk, by=two.health_admin)
    assert declined.status == SharingAgreement.Status.DECLINED and not agreements.is_active(declined)
    assert _entries("sharing.agreement_decline", declined) == {two.council.pk, two.health.pk}
    with pytest.raises(agreements.AgreementError):
        agreements.accept(access(two.health_admin, two.health), two.agreement.pk, by=two.health_admin)


def test_only_the_partner_answers_and_only_an_admin_manages():
    two = pair(status=SharingAgreement.Status.PROPOSED)
    with pytest.raises(agreements.AgreementError):  # the owner cannot accept its own offer
        agreements.accept(access(two.council_admin, two.council), two.agreement.pk, by=two.council_admin)
    with pytest.raises(agreements.AgreementError):  # a reviewer is not the partner's admin
        agreements.accept(access(two.health_reviewer, two.health), two.agreement.pk, by=two.health_reviewer)
    assert SharingAgreement.objects.get(pk=two.agreement.pk).status == SharingAgreement.Status.PROPOSED


@pytest.mark.parametrize(("fields", "message"), [
    ({"expires_on": timezone.localdate()}, "in the future"),
    ({"purpose": "   "}, "purpose"),
    ({"kinds": ("not_a_kind",)}, "kinds"),
])
def test_a_proposal_the_rules_refuse_says_why(fields, message):
    council = OrganisationFactory(slug="west-council")
    school = OrganisationFactory(slug="west-school", sector="education")
    admin = member(council, Role.ADMIN, username="west-admin")
    with pytest.raises(agreements.AgreementError, match=message):
        agreements.propose(access(admin, council), _proposal(school.slug, **fields), by=admin)
    with pytest.raises(agreements.AgreementError):  # nor with itself
        agreements.propose(access(admin, council), _proposal(council.slug), by=admin)
    assert not SharingAgreement.objects.exists()


def test_the_propose_form_keeps_what_was_typed_and_lists_the_problems(client):
    two = pair()
    sign_in(client, two.council_admin)
    url = reverse("sharing:agreement-new", kwargs={"org_slug": two.council.slug})
    assert two.health.name in client.get(url).content.decode()
    response = client.post(url, {"partner": two.health.slug, "purpose": "Referrals between us.",
                                 "kinds": ["incident"], "expires_on": "not a date"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in page and "Enter the expiry date as a real date" in page
    assert "Referrals between us." in page and 'value="incident" checked' in page
    assert f'value="{two.health.slug}" selected' in page


def test_an_admin_proposes_and_the_partner_accepts_through_the_pages(client):
    council = OrganisationFactory(slug="south-council", name="South Council")
    health = OrganisationFactory(slug="south-health", name="South Health", sector="health")
    council_admin, health_admin = member(council, Role.ADMIN, username="sa"), member(health, Role.ADMIN, username="ha")
    sign_in(client, council_admin)
    expires = timezone.localdate() + timedelta(days=200)
    response = client.post(reverse("sharing:agreement-new", kwargs={"org_slug": council.slug}), {
        "partner": health.slug, "purpose": "Hospital discharges.", "service_areas": ["children"],
        "expires_on": expires.strftime("%d/%m/%Y")})
    made = SharingAgreement.objects.get()
    assert response.status_code == 302 and made.scope_service_areas == ["children"] and made.expires_on == expires

    sign_in(client, health_admin)
    listing = client.get(reverse("sharing:agreements", kwargs={"org_slug": health.slug})).content.decode()
    assert "South Council" in listing and "Waiting for the partner to accept" in listing
    response = client.post(reverse("sharing:agreement-accept", kwargs={"org_slug": health.slug,
                                                                       "agreement_id": made.pk}))
    assert response.status_code == 302
    made.refresh_from_db()
    assert made.status == SharingAgreement.Status.ACTIVE
    page = client.get(reverse("sharing:agreement", kwargs={"org_slug": health.slug, "agreement_id": made.pk}))
    assert "Read the cleared reports shared with you" in page.content.decode()
    # The council's admin ends it from their side.
    sign_in(client, council_admin)
    client.post(reverse("sharing:agreement-end", kwargs={"org_slug": council.slug, "agreement_id": made.pk}))
    made.refresh_from_db()
    assert made.status == SharingAgreement.Status.ENDED


def test_the_agreements_page_is_in_the_navigation(client):
    two = pair()
    sign_in(client, two.health_reviewer)
    page = client.get(reverse("sharing:agreements", kwargs={"org_slug": two.health.slug})).content.decode()
    assert 'aria-current="page">Sharing agreements</a>' in page and "North Council" in page
    assert "You do not share your cleared reports with any partner yet." in page
    assert "Propose an agreement" not in page  # a reviewer reads; only an admin proposes


def test_an_admin_can_choose_any_organisation_as_partner_however_many_there_are(client):
    council = OrganisationFactory(slug="council", name="Aardvark Borough Council")
    for n in range(55):
        OrganisationFactory(slug=f"org-{n:02d}", name=f"Borough {n:02d}")
    last = OrganisationFactory(slug="zetland-police", name="Zetland Police")
    sign_in(client, member(council, Role.ADMIN))

    page = client.get(reverse("sharing:agreement-new", kwargs={"org_slug": council.slug})).content.decode()

    assert 'value="zetland-police"' in page and 'value="council"' not in page
    assert ("zetland-police", last.name) in agreements.partner_choices(council)
