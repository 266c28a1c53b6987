"""A user of one organisation never sees another's reports, on any report-data view."""

import pytest
from django.urls import reverse

from organisations.models import Role
from reporting.models import Message
from tests.factories import member, report, sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def foreign_report(other_organisation):
    return report(other_organisation, potential_harm=5).report


@pytest.fixture
def outsider_client(client, organisation):
    sign_in(client, member(organisation, Role.ADMIN, username="admin-here"))
    return client


def report_urls(org_slug, reference):
    return [
        ("get", reverse("triage:report", args=[org_slug, reference]), {}),
        ("post", reverse("triage:transition", args=[org_slug, reference]), {"to_status": "in_review"}),
        ("post", reverse("triage:message", args=[org_slug, reference]), {"body": "hi"}),
        ("get", reverse("triage:redaction", args=[org_slug, reference]), {}),
    ]


def test_another_organisations_queue_is_not_found(outsider_client, other_organisation, foreign_report):
    assert outsider_client.get(f"/o/{other_organisation.slug}/queue/").status_code == 404


def test_another_organisations_report_views_are_not_found(outsider_client, other_organisation, foreign_report):
    for method, url, data in report_urls(other_organisation.slug, foreign_report.reference):
        assert getattr(outsider_client, method)(url, data).status_code == 404, url
    foreign_report.refresh_from_db()
    assert foreign_report.status == "received"
    assert not Message.objects.exists()


def test_a_foreign_reference_under_ones_own_organisation_is_not_found(outsider_client, organisation, foreign_report):
    for method, url, data in report_urls(organisation.slug, foreign_report.reference):
        assert getattr(outsider_client, method)(url, data).status_code == 404, url


def test_ones_own_queue_lists_only_ones_own_reports(outsider_client, organisation, foreign_report):
    own = report(organisation).report
    refs = [r.reference for r in outsider_client.get(f"/o/{organisation.slug}/queue/?status=all").context["page"]]
    assert refs == [own.reference]


def test_the_api_lists_only_the_callers_organisation(client, organisation, other_organisation, foreign_report):
    from organisations.services import create_api_token

    token = create_api_token(member(organisation, Role.REVIEWER, username="api-reviewer"), "test")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    assert client.get(f"/api/v1/orgs/{other_organisation.slug}/reports", **auth).status_code == 404
    own = report(organisation).report
    body = client.get(f"/api/v1/orgs/{organisation.slug}/reports", **auth).json()
    assert [r["reference"] for r in body["results"]] == [own.reference]


def test_signed_out_visitors_are_sent_to_sign_in(client, organisation, foreign_report):
    response = client.get(f"/o/{organisation.slug}/queue/")
    assert response.status_code == 302 and "/sign-in/" in response["Location"]


def test_a_reporter_cannot_open_the_queue(client, organisation):
    sign_in(client, member(organisation, Role.REPORTER, username="just-a-reporter"))
    assert client.get(f"/o/{organisation.slug}/queue/").status_code == 403
