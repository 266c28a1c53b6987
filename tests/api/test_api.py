import pytest

from organisations.models import Role
from organisations.services import create_api_token
from reporting.models import Report
from tests.factories import member

pytestmark = pytest.mark.django_db

VALID = {"kind": "near_miss", "what_happened": "The core group minutes went to the wrong family."}


def post(client, org_slug, body, **headers):
    return client.post(f"/api/v1/orgs/{org_slug}/reports", body, content_type="application/json", **headers)


def test_healthz_checks_the_database(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_the_openapi_description_lists_the_endpoints(client, db):
    spec = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/orgs/{slug}/reports" in spec["paths"]
    assert {"get", "post"} <= set(spec["paths"]["/api/v1/orgs/{slug}/reports"])


def test_an_anonymous_submission_returns_the_receipt_code_once(client, organisation):
    response = post(client, organisation.slug, VALID, HTTP_IDEMPOTENCY_KEY="abc")
    assert response.status_code == 201
    code = response.json()["receipt_code"]
    assert len(code) == 19
    again = post(client, organisation.slug, VALID, HTTP_IDEMPOTENCY_KEY="abc")
    assert again.status_code == 200 and again.json()["duplicate"] is True
    assert again.json()["receipt_code"] == code
    assert Report.objects.count() == 1


def test_an_unknown_organisation_is_404(client, db):
    assert post(client, "nowhere", VALID).status_code == 404


def test_malformed_json_is_422_naming_the_body(client, organisation):
    response = client.post(f"/api/v1/orgs/{organisation.slug}/reports", "{not json", content_type="application/json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body"]


@pytest.mark.parametrize("body,field", [
    ({"what_happened": "x"}, "kind"),
    ({"kind": "near_miss"}, "what_happened"),
    ({"kind": "explosion", "what_happened": "x"}, "kind"),
    ({"kind": "near_miss", "what_happened": "x" * 10001}, "what_happened"),
    ({"kind": "near_miss", "what_happened": "   "}, "what_happened"),
    ({**VALID, "occurred_month": 13}, "occurred_month"),
    ({**VALID, "agencies": ["aliens"]}, "agencies"),
    ({**VALID, "potential_harm": "lots"}, "potential_harm"),
])
def test_invalid_fields_get_field_level_messages(client, organisation, body, field):
    response = post(client, organisation.slug, body)
    assert response.status_code == 422
    locs = [error["loc"][-1] if isinstance(error["loc"][-1], str) else error["loc"][-2]
            for error in response.json()["detail"]]
    assert field in locs
    assert all(error["msg"] for error in response.json()["detail"])


def test_a_json_array_or_scalar_body_is_422_not_500(client, organisation):
    for body in ("[]", "42", "null", '"text"'):
        response = client.post(f"/api/v1/orgs/{organisation.slug}/reports", body, content_type="application/json")
        assert response.status_code == 422, body


def test_the_reviewers_list_needs_a_valid_token(client, organisation):
    assert client.get(f"/api/v1/orgs/{organisation.slug}/reports").status_code == 401
    assert client.get(f"/api/v1/orgs/{organisation.slug}/reports",
                      HTTP_AUTHORIZATION="Bearer gc_wrong").status_code == 401


def test_the_reviewers_list_hides_text_until_deidentification_is_confirmed(client, organisation):
    token = create_api_token(member(organisation, Role.REVIEWER, username="api1"), "laptop")
    post(client, organisation.slug, VALID)
    body = client.get(f"/api/v1/orgs/{organisation.slug}/reports", HTTP_AUTHORIZATION=f"Bearer {token}").json()
    assert body["count"] == 1
    assert body["results"][0]["what_happened"] is None


def test_a_reporter_token_cannot_list_reports(client, organisation):
    token = create_api_token(member(organisation, Role.REPORTER, username="api2"), "phone")
    response = client.get(f"/api/v1/orgs/{organisation.slug}/reports", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 403


def test_every_read_through_the_api_is_audited_as_an_export(client, organisation):
    from protection.models import AuditEntry

    user = member(organisation, Role.REVIEWER, username="api-audit")
    token = create_api_token(user, "laptop")
    client.get(f"/api/v1/orgs/{organisation.slug}/reports", HTTP_AUTHORIZATION=f"Bearer {token}")
    entry = AuditEntry.objects.get(action="export.api_reports")
    assert entry.actor_id == user.pk and entry.organisation_id == organisation.pk


def test_a_reviewer_creates_a_token_on_their_account_page_and_it_is_shown_once(client, organisation):
    from tests.factories import sign_in

    user = member(organisation, Role.REVIEWER, username="api-page")
    sign_in(client, user)
    page = client.post("/account/api-tokens/", {"name": "Monthly export script"})
    token = page.context["new_token"]
    assert token.startswith("gc_") and token in page.content.decode()
    assert token not in client.get("/account/api-tokens/").content.decode()
    assert client.get(f"/api/v1/orgs/{organisation.slug}/reports", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 200
    row = user.api_tokens.get()
    client.post("/account/api-tokens/", {"revoke": row.pk})
    assert client.get(f"/api/v1/orgs/{organisation.slug}/reports", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 401


def test_a_reporter_has_no_token_page(client, organisation):
    from tests.factories import sign_in

    sign_in(client, member(organisation, Role.REPORTER, username="api-page-reporter"))
    assert client.get("/account/api-tokens/").status_code == 403
