"""Every cross-organisation read is recorded and audited in both organisations; only the partner's
reviewers read; when the agreement ends, what was already read stays on record for both admins."""

from __future__ import annotations

import pytest
from django.urls import reverse

from organisations.models import Role
from protection.models import AuditEntry
from sharing import agreements
from sharing.models import SharedRead
from sharing.partnership_figures import factor_names
from tests.factories import OrganisationFactory, member, sign_in
from tests.sharing.factories_agreements import access, pair

pytestmark = pytest.mark.django_db


def _read_url(two) -> str:
    return reverse("sharing:partner-report", kwargs={"org_slug": two.health.slug, "agreement_id": two.agreement.pk,
                                                     "public_id": two.report.public_id})


def test_a_partner_reviewer_reads_a_cleared_report_and_both_organisations_audit_it(client):
    two = pair()
    sign_in(client, two.health_reviewer)
    listing = client.get(reverse("sharing:partner-reports", kwargs={"org_slug": two.health.slug,
                                                                    "agreement_id": two.agreement.pk}))
    assert listing.status_code == 200 and two.report.public_id in listing.content.decode()
    response = client.get(_read_url(two))
    assert response.status_code == 200 and two.report.what_happened in response.content.decode()

    read = SharedRead.objects.get()
    assert (read.agreement, read.shared_report, read.reader_organisation, read.reader) == (
        two.agreement, two.report, two.health, two.health_reviewer)
    entries = AuditEntry.objects.filter(action="sharing.shared_read", subject=f"shared:{two.report.public_id}")
    assert {entry.organisation_id for entry in entries} == {two.council.pk, two.health.pk}
    assert all(entry.actor_id == two.health_reviewer.pk for entry in entries)
    assert {e.organisation_id for e in AuditEntry.objects.filter(action="sharing.shared_list")} == {
        two.council.pk, two.health.pk}


def test_the_partner_reads_the_codes_in_words_not_keys(client):
    two = pair()
    two.report.factor_codes, two.report.risk_band = ["workload-caseload", "not-a-key"], "moderate"
    two.report.save(update_fields=["factor_codes", "risk_band"])
    sign_in(client, two.health_reviewer)
    page = client.get(_read_url(two)).content.decode()

    assert f"{factor_names()['workload-caseload']}, not-a-key" in page  # an unknown key stays as it came
    assert "workload-caseload" not in page and ">moderate<" not in page and "Moderate" in page


def test_the_partner_never_sees_the_internal_report_id(client):
    two = pair()
    two.report.source_report_id = 987654321
    two.report.save(update_fields=["source_report_id"])
    sign_in(client, two.health_reviewer)
    page = client.get(_read_url(two)).content.decode()
    assert two.report.public_id in page and "987654321" not in page


def test_ending_the_agreement_stops_reading_but_keeps_the_record_for_both_admins(client):
    two = pair()
    sign_in(client, two.health_reviewer)
    client.get(_read_url(two))
    agreements.end(access(two.health_admin, two.health), two.agreement.pk, by=two.health_admin)

    assert client.get(_read_url(two)).status_code == 410
    assert SharedRead.objects.filter(agreement=two.agreement).count() == 1  # the earlier read stays
    for admin, organisation in ((two.council_admin, two.council), (two.health_admin, two.health)):
        sign_in(client, admin)
        page = client.get(reverse("sharing:agreement", kwargs={"org_slug": organisation.slug,
                                                               "agreement_id": two.agreement.pk})).content.decode()
        assert "Who read what" in page and two.report.public_id in page and "North Health Trust" in page
        assert "This sharing agreement ended on" in page


@pytest.mark.parametrize("role", [Role.REPORTER, Role.CUSTODIAN])
def test_a_partner_member_without_read_shared_cannot_read(client, role):
    two = pair()
    sign_in(client, member(two.health, role, username=f"health-{role}"))
    assert client.get(_read_url(two)).status_code == 403
    assert not SharedRead.objects.exists()


def test_a_reviewer_of_a_third_organisation_cannot_read(client):
    two = pair()
    third = OrganisationFactory(slug="third-agency", name="Third Agency")
    outsider = member(third, Role.REVIEWER, username="third-reviewer")
    sign_in(client, outsider)
    # Neither through the partner's address (not a member) nor through its own (not its agreement).
    assert client.get(_read_url(two)).status_code == 404
    own = reverse("sharing:partner-report", kwargs={"org_slug": third.slug, "agreement_id": two.agreement.pk,
                                                    "public_id": two.report.public_id})
    assert client.get(own).status_code == 404
    assert client.get(reverse("sharing:agreement", kwargs={"org_slug": third.slug,
                                                           "agreement_id": two.agreement.pk})).status_code == 404
    assert not SharedRead.objects.exists()


def test_the_owner_does_not_read_through_the_partners_pages(client):
    two = pair()
    owner_reviewer = member(two.council, Role.REVIEWER, username="council-reviewer")
    sign_in(client, owner_reviewer)
    url = reverse("sharing:partner-reports", kwargs={"org_slug": two.council.slug, "agreement_id": two.agreement.pk})
    assert client.get(url).status_code == 404


def test_each_admin_finds_the_other_agencys_steps_in_their_own_audit_log(client):
    two = pair()
    sign_in(client, two.health_reviewer)
    client.get(reverse("sharing:partner-reports", kwargs={"org_slug": two.health.slug,
                                                          "agreement_id": two.agreement.pk}))
    sign_in(client, two.council_admin)
    page = client.get(reverse("organisations:audit-log", kwargs={"org_slug": two.council.slug})).content.decode()
    assert "listed the reports shared under an agreement" in page
    assert f"Sharing agreement {two.agreement.pk} with North Health Trust" in page
