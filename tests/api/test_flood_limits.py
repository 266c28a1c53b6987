"""The API's report door has flood limits, per connection and per organisation, shared with the form:
over a limit the answer is 429 with Retry-After and a plain message, nothing is stored, and the
OpenAPI description says so. Clocks stand still, so no window ends halfway through a test."""

from datetime import UTC, datetime

import pytest

from core import ratelimit
from reporting.models import Report

pytestmark = pytest.mark.django_db

VALID = {"kind": "near_miss", "what_happened": "The core group minutes went to the wrong family."}
QUARTER_PAST = datetime(2026, 3, 14, 12, 15, tzinfo=UTC).timestamp()


@pytest.fixture(autouse=True)
def still_clock(monkeypatch):
    monkeypatch.setattr(ratelimit.REPORTS, "clock", lambda: QUARTER_PAST)


def post(client, slug, body=VALID, address="203.0.113.7", **headers):
    return client.post(f"/api/v1/orgs/{slug}/reports", body, content_type="application/json", REMOTE_ADDR=address,
                       **headers)


def test_one_connection_over_its_limit_gets_429_with_retry_after_and_nothing_is_stored(client, organisation, settings):
    settings.GOODCATCH_REPORT_SOURCE_LIMIT = (3, 3600)
    assert [post(client, organisation.slug).status_code for _ in range(3)] == [201] * 3
    refused = post(client, organisation.slug, {**VALID, "what_happened": "The fourth one."})
    assert refused.status_code == 429
    assert refused["Retry-After"] == str(45 * 60)  # the hour's window ends at one o'clock
    body = refused.json()
    assert body["limit"] == "source" and body["retry_after"] == 45 * 60
    assert body["detail"].startswith("The report was not stored. Too many reports have been sent from this connection.")
    assert "45 minute" in body["detail"]
    assert Report.objects.count() == 3
    assert post(client, organisation.slug, address="198.51.100.9").status_code == 201  # another connection


def test_an_organisation_flooded_from_many_addresses_is_protected_and_others_are_not(
        client, organisation, other_organisation, settings):
    settings.GOODCATCH_REPORT_ORGANISATION_LIMIT = (5, 600)
    statuses = [post(client, organisation.slug, address=f"198.51.100.{n}").status_code for n in range(8)]
    assert statuses == [201] * 5 + [429] * 3
    refused = post(client, organisation.slug, address="192.0.2.200")
    assert refused.json()["limit"] == "organisation" and refused["Retry-After"] == str(5 * 60)
    assert "This organisation is receiving more reports than it can take in just now" in refused.json()["detail"]
    assert post(client, other_organisation.slug, address="192.0.2.200").status_code == 201
    assert Report.objects.filter(organisation=organisation).count() == 5


def test_a_connection_over_its_own_limit_does_not_use_up_its_organisations(client, organisation, settings):
    settings.GOODCATCH_REPORT_SOURCE_LIMIT = (2, 3600)
    settings.GOODCATCH_REPORT_ORGANISATION_LIMIT = (4, 600)
    assert [post(client, organisation.slug).status_code for _ in range(50)] == [201] * 2 + [429] * 48
    assert [post(client, organisation.slug, address="192.0.2.1").status_code for _ in range(2)] == [201, 201]


def test_the_form_and_the_api_count_against_the_same_limit(client, organisation, settings):
    settings.GOODCATCH_REPORT_SOURCE_LIMIT = (2, 3600)
    form = client.post(f"/r/{organisation.slug}/", {"what_happened": "Sent on the form.", "kind": "near_miss"},
                       REMOTE_ADDR="203.0.113.7")
    assert form.status_code == 200
    assert post(client, organisation.slug).status_code == 201
    assert post(client, organisation.slug).status_code == 429


def test_requests_that_are_refused_for_other_reasons_do_not_count(client, organisation, settings):
    settings.GOODCATCH_REPORT_SOURCE_LIMIT = (1, 3600)
    for _ in range(5):
        assert post(client, organisation.slug, {"kind": "near_miss"}).status_code == 422
    assert post(client, "nowhere").status_code == 404
    assert post(client, organisation.slug).status_code == 201


def test_the_openapi_description_documents_429_and_its_retry_after_header(client, db):
    spec = client.get("/api/v1/openapi.json").json()
    answer = spec["paths"]["/api/v1/orgs/{slug}/reports"]["post"]["responses"]["429"]
    assert "GOODCATCH_REPORT_SOURCE_LIMIT" in answer["description"]
    assert "GOODCATCH_REPORT_ORGANISATION_LIMIT" in answer["description"]
    assert "Retry-After" in answer["headers"]
    schema = answer["content"]["application/json"]["schema"]
    properties = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]["properties"]
    assert {"detail", "limit", "retry_after"} <= set(properties)
