"""A partner reads only the owner's cleared reports that the agreement's scope covers, and only while
the agreement is in force. Once it has ended or expired, the partner gets a clear page, not an error."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from sharing import agreements
from sharing.models import SharedRead, SharingAgreement
from tests.factories import sign_in
from tests.sharing.factories import shared_report
from tests.sharing.factories_agreements import pair

pytestmark = pytest.mark.django_db


def _partner_list(client, two):
    return client.get(reverse("sharing:partner-reports", kwargs={"org_slug": two.health.slug,
                                                                 "agreement_id": two.agreement.pk}))


def _partner_read(client, two, public_id):
    return client.get(reverse("sharing:partner-report", kwargs={"org_slug": two.health.slug,
                                                                "agreement_id": two.agreement.pk,
                                                                "public_id": public_id}))


def _ids(found) -> set[str]:
    return {item.public_id for item in found}


def test_the_kind_scope_covers_only_those_kinds():
    two = pair(scope_kinds=["incident"])
    incident = shared_report(two.council, kind="incident")
    assert _ids(agreements.cleared_reports(two.agreement)) == {incident.public_id}  # not the near miss


def test_the_service_area_scope_covers_only_those_areas():
    two = pair(scope_service_areas=["adults"])
    adults = shared_report(two.council, service_area="adults")
    assert _ids(agreements.cleared_reports(two.agreement)) == {adults.public_id}


def test_the_theme_scope_covers_reports_with_any_of_its_themes():
    two = pair(scope_themes=["Shared inbox, no owner", "Friday discharges"])
    inbox = shared_report(two.council, themes=["Shared inbox, no owner"])
    shared_report(two.council, themes=["Missed strategy meeting"])
    assert _ids(agreements.cleared_reports(two.agreement)) == {inbox.public_id}


def test_an_empty_scope_covers_everything_but_withdrawn_and_other_organisations_reports():
    two = pair()
    second = shared_report(two.council, kind="incident", service_area="adults", themes=["Anything"])
    shared_report(two.council, withdrawn_at=timezone.now())
    shared_report(two.health)  # the partner's own cleared report is not the owner's to share
    assert _ids(agreements.cleared_reports(two.agreement)) == {two.report.public_id, second.public_id}


def test_a_report_out_of_scope_cannot_be_opened_by_its_address(client):
    two = pair(scope_kinds=["incident"])
    sign_in(client, two.health_reviewer)
    assert _partner_read(client, two, two.report.public_id).status_code == 404
    assert not SharedRead.objects.exists()


def test_the_expiry_day_itself_still_counts(client):
    two = pair(expires_on=timezone.localdate())
    sign_in(client, two.health_reviewer)
    response = _partner_list(client, two)
    assert response.status_code == 200 and two.report.public_id in response.content.decode()


def test_a_day_past_expiry_the_partner_gets_a_clear_page_and_nothing_to_read(client):
    last_day = timezone.localdate() - timedelta(days=1)
    two = pair(expires_on=last_day)
    assert not agreements.is_active(two.agreement) and agreements.state(two.agreement) == agreements.EXPIRED
    sign_in(client, two.health_reviewer)
    for response in (_partner_list(client, two), _partner_read(client, two, two.report.public_id)):
        page = response.content.decode()
        assert response.status_code == 410
        assert "This sharing agreement has ended" in page and "govuk-template" in page  # the service's layout
        assert f"This sharing agreement ended on {last_day.day} {last_day:%B %Y}. Ask North Council to renew it." in page
        assert two.report.what_happened not in page
    assert not SharedRead.objects.exists()
    with pytest.raises(agreements.AgreementError):
        agreements.read_for_partner(agreements.OrgAccess(two.health, "reviewer"), two.agreement, two.report.public_id,
                                    by=two.health_reviewer)


def test_an_ended_agreement_shows_the_day_it_ended(client):
    two = pair()
    agreements.end(agreements.OrgAccess(two.council, "admin"), two.agreement.pk, by=two.council_admin)
    sign_in(client, two.health_reviewer)
    response = _partner_read(client, two, two.report.public_id)
    today = timezone.localdate()
    assert response.status_code == 410
    assert f"ended on {today.day} {today:%B %Y}. Ask North Council to renew it." in response.content.decode()


def test_an_agreement_not_yet_accepted_is_not_in_force(client):
    two = pair(status=SharingAgreement.Status.PROPOSED)
    sign_in(client, two.health_reviewer)
    response = _partner_list(client, two)
    assert response.status_code == 403 and "waiting for an admin of your organisation" in response.content.decode()
