"""The submission endpoint says plainly what is wrong with a body: 415 for the wrong kind, 413 for too
big (before reading it), 422 for what it holds; and its OpenAPI description says so too."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as examples
from hypothesis import strategies as st

from reporting.choices import NARRATIVE_FIELDS, Agency
from reporting.models import Report

pytestmark = pytest.mark.django_db

VALID = {"kind": "near_miss", "what_happened": "The core group minutes went to the wrong family."}


def url(organisation) -> str:
    return f"/api/v1/orgs/{organisation.slug}/reports"


@pytest.mark.parametrize("body,content_type", [
    ("kind=near_miss&what_happened=The+minutes+went+astray", "application/x-www-form-urlencoded"),
    (json.dumps(VALID), "text/plain"),
    (json.dumps(VALID), "application/json; charset=iso-8859-1"),
    ("--b\r\nContent-Disposition: form-data; name=kind\r\n\r\nnear_miss\r\n--b--", "multipart/form-data; boundary=b"),
])
def test_a_body_that_is_not_json_gets_415_saying_what_to_send(client, organisation, body, content_type):
    response = client.post(url(organisation), body, content_type=content_type)
    assert response.status_code == 415
    detail = response.json()["detail"]
    assert "Content-Type: application/json (UTF-8)" in detail
    assert repr(content_type) in detail
    assert not Report.objects.exists()


@pytest.mark.parametrize("content_type", ["application/json", "application/json; charset=utf-8",
                                          "Application/JSON; charset=UTF-8"])
def test_json_is_accepted_with_or_without_its_charset(client, organisation, content_type):
    response = client.post(url(organisation), json.dumps(VALID), content_type=content_type)
    assert response.status_code == 201
    assert Report.objects.count() == 1


def test_a_body_over_the_limit_gets_413_before_it_is_read(client, organisation, settings):
    settings.API_MAX_BODY_BYTES = 1000
    # Not JSON at all: had it been read, the answer would be 422.
    response = client.post(url(organisation), "{" + "x" * 1200, content_type="application/json")
    assert response.status_code == 413
    assert response.json() == {"detail": "The request body is 1201 bytes; this address takes at most 1000. "
                                          "Each text field takes at most 10000 characters."}
    assert not Report.objects.exists()


def test_the_body_limit_is_read_from_the_environment_with_a_safe_default(monkeypatch):
    import importlib

    from django.core.exceptions import ImproperlyConfigured

    import goodcatch.settings as project_settings

    try:
        monkeypatch.setenv("GOODCATCH_API_MAX_BODY_BYTES", "300000")
        assert importlib.reload(project_settings).API_MAX_BODY_BYTES == 300_000
        monkeypatch.setenv("GOODCATCH_API_MAX_BODY_BYTES", "lots")
        with pytest.raises(ImproperlyConfigured, match="GOODCATCH_API_MAX_BODY_BYTES must be a whole number"):
            importlib.reload(project_settings)
        monkeypatch.delenv("GOODCATCH_API_MAX_BODY_BYTES")
        assert importlib.reload(project_settings).API_MAX_BODY_BYTES == 512 * 1024
    finally:
        monkeypatch.undo()
        importlib.reload(project_settings)


def test_the_largest_valid_report_fits_even_with_every_character_escaped(client, organisation):
    """Python's json.dumps escapes all but ASCII: an emoji becomes 12 bytes. A report of allowed size
    must never meet the body limit, however it is encoded."""
    body = json.dumps({**{name: "\U0001f600" * 10_000 for name in NARRATIVE_FIELDS}, "kind": "near_miss",
                       "potential_harm": 3, "service_area": "children", "stage": "referral",
                       "agencies": list(Agency.values), "occurred_month": 1, "occurred_year": 2025})
    assert len(body) > 480_000
    response = client.post(url(organisation), body, content_type="application/json")
    assert response.status_code == 201, response.content[:300]


def test_the_openapi_description_lists_every_refusal_with_its_error_shape(client, db):
    spec = client.get("/api/v1/openapi.json").json()
    responses = spec["paths"]["/api/v1/orgs/{slug}/reports"]["post"]["responses"]
    for status in ("413", "415", "422"):
        assert responses[status]["description"]
    assert responses["415"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/ErrorOut"}
    assert responses["413"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/ErrorOut"}
    assert responses["422"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/ValidationErrorOut"}
    errors = spec["components"]["schemas"]
    assert errors["ValidationErrorOut"]["properties"]["detail"]["items"] == {"$ref": "#/components/schemas/FieldErrorOut"}
    assert set(errors["FieldErrorOut"]["required"]) == {"loc", "msg", "type"}


def test_every_422_has_the_documented_shape(client, organisation):
    for body in ("{not json", json.dumps({"kind": "explosion"}), json.dumps({**VALID, "what_happened": "a\x00b"})):
        response = client.post(url(organisation), body, content_type="application/json")
        assert response.status_code == 422
        for error in response.json()["detail"]:
            assert isinstance(error["loc"], list) and error["msg"] and error["type"]


@examples(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content_type=st.from_regex(r"[ -~]{0,60}", fullmatch=True))
def test_any_content_type_gets_a_clear_answer_never_a_server_error(client, organisation, content_type):
    response = client.post(url(organisation), json.dumps(VALID), content_type=content_type)
    assert response.status_code in (201, 415), (content_type, response.content[:200])
