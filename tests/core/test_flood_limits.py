"""Every anonymous door has a flood limit per connection and one per organisation (core.ratelimit.
FloodGuard): the report form and reporters' replies answer 429 with Retry-After on a page that keeps
what was typed, and the limits hold across web processes that share Redis. (The API's door is in
tests/api/test_flood_limits.py.) Clocks stand still, so no window ends halfway through a test."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from core import ratelimit
from reporting.models import Message, Report
from tests.factories import member, report, sign_in
from tests.web_processes import shared_redis_processes

pytestmark = pytest.mark.django_db

QUARTER_PAST = datetime(2026, 3, 14, 12, 15, tzinfo=UTC).timestamp()
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def still_clocks(monkeypatch):
    for guard in (ratelimit.REPORTS, ratelimit.REPLIES):
        monkeypatch.setattr(guard, "clock", lambda: QUARTER_PAST)


def send_form(client, organisation, text, address="203.0.113.7"):
    return client.post(f"/r/{organisation.slug}/", {"what_happened": text, "kind": "near_miss"}, REMOTE_ADDR=address)


def test_the_guard_counts_a_connection_first_and_its_organisation_only_for_what_it_may_send(settings):
    settings.GOODCATCH_REPORT_SOURCE_LIMIT = (2, 3600)
    settings.GOODCATCH_REPORT_ORGANISATION_LIMIT = (3, 600)
    guard = ratelimit.FloodGuard("test-door", "GOODCATCH_REPORT_SOURCE_LIMIT", "GOODCATCH_REPORT_ORGANISATION_LIMIT",
                                 clock=lambda: QUARTER_PAST)
    decisions = [guard.check("k:one", 1) for _ in range(5)]
    assert [(d.allowed, d.by) for d in decisions] == [(True, "")] * 2 + [(False, "source")] * 3
    assert decisions[-1].retry_after == 45 * 60 and decisions[-1].minutes == 45
    assert guard.check("k:two", 1).allowed  # the third for the organisation: "one"'s refusals did not count
    refused = guard.check("k:three", 1)
    assert (refused.allowed, refused.by, refused.retry_after) == (False, "organisation", 5 * 60)
    assert guard.check("k:three", 2).allowed  # another organisation


def test_the_form_over_the_organisations_limit_keeps_the_text_and_says_when_to_try_again(
        client, organisation, settings):
    settings.GOODCATCH_REPORT_ORGANISATION_LIMIT = (2, 600)
    for n in range(2):
        assert send_form(client, organisation, f"Report {n}", address=f"198.51.100.{n}").status_code == 200
    refused = send_form(client, organisation, "The third, from elsewhere: keep me.", address="192.0.2.50")
    html = refused.content.decode()
    assert refused.status_code == 429 and refused["Retry-After"] == str(5 * 60)
    assert "The third, from elsewhere: keep me." in html
    assert f"{organisation.name} is receiving more reports than it can take in just now" in html
    assert "Try again in 5 minutes" in html and "Your report has not been sent" in html
    assert Report.objects.count() == 2


def test_staff_reporting_while_signed_in_is_not_counted(client, organisation, settings):
    settings.GOODCATCH_REPORT_SOURCE_LIMIT = (1, 3600)
    settings.GOODCATCH_REPORT_ORGANISATION_LIMIT = (1, 600)
    assert send_form(client, organisation, "Anonymous, the one allowed.").status_code == 200
    sign_in(client, member(organisation, "reporter", username="staff-reporter"))
    for n in range(3):
        response = client.post(f"/o/{organisation.slug}/report/", {
            "what_happened": f"Staff report {n}", "kind": "near_miss", "confidentiality": "confidential"},
            REMOTE_ADDR="203.0.113.7")
        assert response.status_code == 200
    assert Report.objects.count() == 4


def test_a_reporter_replying_too_often_gets_429_and_keeps_the_message(client, organisation, settings):
    settings.GOODCATCH_REPLY_SOURCE_LIMIT = (2, 3600)
    code = report(organisation).receipt_code
    for n in range(2):
        sent = client.post("/receipt/reply/", {"code": code, "body": f"Reply {n}"}, REMOTE_ADDR="203.0.113.7")
        assert sent.status_code == 200
    refused = client.post("/receipt/reply/", {"code": code, "body": "One more thing: keep me."}, REMOTE_ADDR="203.0.113.7")
    html = refused.content.decode()
    assert refused.status_code == 429 and refused["Retry-After"] == str(45 * 60)
    assert "One more thing: keep me." in html and code in html
    assert "Too many messages have been sent from this connection. Try again in 45 minutes." in html
    assert Message.objects.filter(author_kind="reporter").count() == 2


def test_replies_to_one_organisation_from_many_connections_have_a_limit(client, organisation, settings):
    settings.GOODCATCH_REPLY_ORGANISATION_LIMIT = (3, 600)
    code = report(organisation).receipt_code
    statuses = [client.post("/receipt/reply/", {"code": code, "body": f"Reply {n}"},
                            REMOTE_ADDR=f"198.51.100.{n}").status_code for n in range(5)]
    assert statuses == [200] * 3 + [429] * 2
    refused = client.post("/receipt/reply/", {"code": code, "body": "Later."}, REMOTE_ADDR="192.0.2.9")
    assert "More messages are arriving than we can take in just now" in refused.content.decode()


def test_replies_and_reports_are_counted_apart(client, organisation, settings):
    settings.GOODCATCH_REPORT_SOURCE_LIMIT = (1, 3600)
    code = report(organisation).receipt_code
    assert send_form(client, organisation, "The one report allowed.").status_code == 200
    assert send_form(client, organisation, "A second report.").status_code == 429
    reply = client.post("/receipt/reply/", {"code": code, "body": "Still able to reply."}, REMOTE_ADDR="203.0.113.7")
    assert reply.status_code == 200


def test_the_limits_are_settings_from_the_environment(monkeypatch):
    from core.env import env_rate

    monkeypatch.setenv("GOODCATCH_REPORT_ORGANISATION_LIMIT", "50/5m")
    assert env_rate("GOODCATCH_REPORT_ORGANISATION_LIMIT", "200/10m") == (50, 300)


# Two web processes sharing Redis -------------------------------------------------------------------
# Each process posts through the API with Django's test client; they share one SQLite file and the real
# Redis at 127.0.0.1:6379, in a database number and under a key prefix of this test's own.

REDIS_DB = 11
WEB_PROCESS = """
import json, os, sys
import django
django.setup()
from django.core.management import call_command
from django.test import Client
from django.test.utils import override_settings, setup_test_environment
from tests.web_processes import take_turns
from core import ratelimit

setup_test_environment()
ratelimit.REPORTS.clock = lambda: float(os.environ["TEST_NOW"])
shared = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                      "LOCATION": os.environ["TEST_REDIS_URL"], "KEY_PREFIX": os.environ["TEST_CACHE_PREFIX"]}}
with override_settings(CACHES=shared, GOODCATCH_REPORT_SOURCE_LIMIT=(5, 3600), GOODCATCH_REPORT_ORGANISATION_LIMIT=(12, 600)):
    statuses, client = [], Client()
    for step, *args in json.loads(sys.argv[1]):
        if take_turns(step, args):
            continue
        if step == "migrate":
            call_command("migrate", verbosity=0)
            from organisations.models import Organisation
            Organisation.objects.create(slug="shared-org", name="Shared Borough")
        else:
            address, times = args
            for n in range(times):
                response = client.post("/api/v1/orgs/shared-org/reports",
                                       {"kind": "near_miss", "what_happened": f"Flood from {address}, {n}."},
                                       content_type="application/json", REMOTE_ADDR=address)
                statuses.append(response.status_code)
    print(json.dumps(statuses))
"""


@pytest.fixture
def two_processes(tmp_path):
    with shared_redis_processes(tmp_path, WEB_PROCESS, name="flood", redis_db=REDIS_DB, timeout=180,
                                env={"TEST_NOW": str(QUARTER_PAST)}) as processes:
        yield processes


def test_the_limits_hold_across_two_processes_sharing_redis(two_processes, tmp_path):
    start, finish, redis_keys = two_processes
    ready, first_done = str(tmp_path / "ready"), str(tmp_path / "first-done")
    # One connection, 4 + 4 reports through two processes: 5 may pass, wherever they land.
    # Then many connections, through both: the organisation takes 12 in all.
    first = start(["migrate"], ["tell", ready], ["post", "203.0.113.7", 4], ["tell", first_done],
                  *[["post", f"198.51.100.{n}", 1] for n in range(5)])
    second = start(["wait", ready], ["post", "203.0.113.7", 4], ["wait", first_done],
                   *[["post", f"192.0.2.{n}", 1] for n in range(5)])
    one, two = finish(first), finish(second)
    same_connection = one[:4] + two[:4]
    assert sorted(same_connection) == [201] * 5 + [429] * 3
    many_connections = one[4:] + two[4:]
    assert sorted(many_connections) == [201] * 7 + [429] * 3  # 5 of the organisation's 12 were used already
    assert redis_keys() and not any("203.0.113.7" in key for key in redis_keys())
