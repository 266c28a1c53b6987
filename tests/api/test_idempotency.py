"""Idempotency-Key on the submission API, as payment APIs use it: a resend gets the same receipt code,
the key with a different report gets 409 and no code."""

import pytest
from django.core.cache import cache

from reporting.models import Report

pytestmark = pytest.mark.django_db

REPORT = {"kind": "near_miss", "what_happened": "The core group minutes went to the wrong family."}
OTHER = {"kind": "incident", "what_happened": "A child was collected by an adult not on the list."}


def post(client, organisation, body, key):
    return client.post(f"/api/v1/orgs/{organisation.slug}/reports", body, content_type="application/json",
                       HTTP_IDEMPOTENCY_KEY=key)


def test_a_key_reused_for_a_different_report_gets_409_and_never_the_first_code(client, organisation):
    first = post(client, organisation, REPORT, "key-1")
    code = first.json()["receipt_code"]
    reused = post(client, organisation, OTHER, "key-1")
    assert reused.status_code == 409
    assert reused.json() == {"detail": "This Idempotency-Key was already used for a different report. "
                                       "Send this report with a new key."}
    assert code not in reused.content.decode()
    assert Report.objects.count() == 1
    assert post(client, organisation, OTHER, "key-2").status_code == 201


def test_a_resend_after_a_restart_gets_the_same_code(client, organisation):
    first = post(client, organisation, REPORT, "key-1")
    cache.clear()  # nothing of the first answer is left in memory
    again = post(client, organisation, REPORT, "key-1")
    assert again.status_code == 200
    assert again.json()["duplicate"] is True
    assert again.json()["receipt_code"] == first.json()["receipt_code"]


def test_the_same_answers_in_another_order_are_the_same_report(client, organisation):
    first = post(client, organisation, {**REPORT, "agencies": ["police", "health"]}, "key-1")
    again = post(client, organisation, {"agencies": ["health", "police"], **REPORT}, "key-1")
    assert again.status_code == 200 and again.json()["receipt_code"] == first.json()["receipt_code"]


def test_the_openapi_description_documents_409(client, db):
    spec = client.get("/api/v1/openapi.json").json()
    responses = spec["paths"]["/api/v1/orgs/{slug}/reports"]["post"]["responses"]
    assert "409" in responses
    assert "Idempotency-Key" in responses["409"]["description"]
