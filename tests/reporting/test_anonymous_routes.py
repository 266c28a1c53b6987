"""Anonymous routes keep nothing identifying, and resist guessing and flooding."""

import logging

import pytest
from django.core.cache import cache

from reporting.models import Report
from tests.factories import report

pytestmark = pytest.mark.django_db

IDENTIFYING = {"REMOTE_ADDR": "203.0.113.77", "HTTP_USER_AGENT": "SecretPhone/1.0", "HTTP_REFERER": "https://intranet.example.org/x",
               "HTTP_X_FORWARDED_FOR": "198.51.100.9"}


@pytest.fixture(autouse=True)
def _fresh_counters():
    cache.clear()
    yield
    cache.clear()


def test_a_report_sent_anonymously_stores_no_address_agent_or_referrer(client, organisation, caplog):
    caplog.set_level(logging.INFO)
    client.post(f"/r/{organisation.slug}/", {"what_happened": "The visit was missed.", "kind": "near_miss"}, **IDENTIFYING)
    client.post(f"/r/{organisation.slug}/", {"what_happened": "", "kind": ""}, **IDENTIFYING)  # a logged 400
    stored = str(list(Report.objects.values()))
    from protection.models import AuditEntry

    stored += str(list(AuditEntry.objects.values()))
    for value in ("203.0.113.77", "SecretPhone", "intranet.example.org", "198.51.100.9"):
        assert value not in stored
        assert value not in caplog.text


def test_anonymous_routes_set_no_cookie_but_a_session_scoped_csrf_one(client, organisation):
    response = client.get(f"/r/{organisation.slug}/")
    assert set(response.cookies) <= {"csrftoken"}
    for morsel in response.cookies.values():
        assert not morsel["expires"] and not morsel["max-age"]
    result = report(organisation)
    response = client.post("/receipt/", {"code": result.receipt_code})
    assert "sessionid" not in response.cookies


def test_a_signed_in_session_is_not_carried_onto_the_anonymous_form(client, organisation, reporter_user):
    client.force_login(reporter_user)
    client.post(f"/r/{organisation.slug}/", {"what_happened": "The visit was missed.", "kind": "near_miss",
                                             "confidentiality": "anonymous"})
    assert Report.objects.get().confidentiality == "anonymous"
    assert Report.objects.get().open_reporter is None


def test_repeated_wrong_receipt_codes_slow_down_then_lock_without_saying_whether_a_report_exists(
        client, organisation, settings, monkeypatch):
    import reporting.views as views

    settings.GOODCATCH_RECEIPT_SLOW_AFTER, settings.GOODCATCH_RECEIPT_SOURCE_LIMIT = 5, (20, 3600)
    slept = []
    monkeypatch.setattr(views.time, "sleep", slept.append)
    monkeypatch.setattr(views.receipt_guard, "clock", lambda: 1_773_489_600.0)  # no window ends mid-test
    result = report(organisation)
    for n in range(19):
        assert client.post("/receipt/", {"code": f"ABCD-EFGH-JKMN-{n:04d}"}).status_code == 400
    assert slept and max(slept) <= 2.0
    locked = client.post("/receipt/", {"code": "ABCD-EFGH-JKMN-PQRS"})
    locked = client.post("/receipt/", {"code": result.receipt_code})  # even the right code, once locked
    assert locked.status_code == 429
    assert "too many incorrect receipt codes" in locked.content.decode()
    assert "Retry-After" in locked


def test_form_flooding_is_limited_and_the_text_is_kept(client, organisation, settings):
    settings.GOODCATCH_REPORT_SOURCE_LIMIT = (3, 3600)
    for i in range(3):
        client.post(f"/r/{organisation.slug}/", {"what_happened": f"Flood {i}", "kind": "near_miss"})
    response = client.post(f"/r/{organisation.slug}/", {"what_happened": "Flood 3, keep me", "kind": "near_miss"})
    assert response.status_code == 429
    assert "Flood 3, keep me" in response.content.decode()
    assert Report.objects.count() == 3
