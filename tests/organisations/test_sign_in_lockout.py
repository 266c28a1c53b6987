"""Staff sign-in resists guessing: accounts (real or not) and connections are locked out after too many
wrong passwords, an office behind one address is not, and the audit log gets counted summaries, not
a row per attempt. Time moves by a clock the test holds, never by sleeping."""

from __future__ import annotations

import json
import re
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from organisations import sign_in
from organisations.models import Role
from protection.audit import verify_chain
from protection.models import AuditEntry
from tests.factories import PASSWORD, member
from tests.web_processes import shared_redis_processes

pytestmark = pytest.mark.django_db

NOON = datetime(2026, 3, 14, 12, 0, tzinfo=UTC).timestamp()
LOCKED = "There have been too many attempts to sign in. Try again in 15 minutes."
WRONG = "The username or password is not right"
A_GUESS = "not-the-password"


class Clock:
    def __init__(self, start: float = NOON) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(sign_in, "clock", clock)
    return clock


def attempt(client, username: str, password: str = A_GUESS, address: str = "203.0.113.7"):
    return client.post("/sign-in/", {"username": username, "password": password}, REMOTE_ADDR=address)


def sign_in_rows() -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action__startswith="auth.sign_in").order_by("pk"))


def failures_in(rows: list[AuditEntry]) -> int:
    return sum(row.detail.get("failures", 0) for row in rows)


def test_forty_wrong_passwords_lock_the_account_and_are_audited_in_a_handful_of_rows(client, organisation, clock):
    user = member(organisation, Role.REPORTER, username="rep-guessed")
    statuses = [attempt(client, "rep-guessed", f"guess-{n}").status_code for n in range(40)]
    assert statuses == [400] * 4 + [429] * 36

    refused = attempt(client, "rep-guessed", PASSWORD)
    assert refused.status_code == 429 and refused["Retry-After"] == "900"
    assert LOCKED in refused.content.decode()
    assert "_auth_user_id" not in client.session

    rows = sign_in_rows()
    assert [row.action for row in rows] == ["auth.sign_in_failed", "auth.sign_in_locked"]
    assert all(row.actor_id == user.pk for row in rows)
    assert rows[1].detail == {"by": "account", "failures": 4, "locked_minutes": 15}

    clock.now += 15 * 60 - 1
    assert attempt(client, "rep-guessed", PASSWORD).status_code == 429
    clock.now += 1
    assert attempt(client, "rep-guessed", PASSWORD).status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)

    rows = sign_in_rows()
    assert len(rows) == 3 and rows[-1].action == "auth.sign_in"
    assert failures_in(rows) == 40 + 2  # every wrong password, and the right one twice refused
    assert verify_chain().ok


def test_an_unknown_username_is_locked_out_alike_so_the_page_does_not_tell_whether_an_account_exists(
        client, organisation, clock):
    member(organisation, Role.REPORTER, username="rep-real")
    real = [attempt(client, "rep-real") for _ in range(6)]
    made_up = [attempt(client, "rep-made-up") for _ in range(6)]
    assert [r.status_code for r in real] == [r.status_code for r in made_up] == [400] * 4 + [429] * 2

    def page(response, username):
        html = response.content.decode().replace(username, "USERNAME")
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)

    for ours, theirs in zip(real, made_up, strict=True):
        assert page(ours, "rep-real") == page(theirs, "rep-made-up")
        assert ours.get("Retry-After") == theirs.get("Retry-After")
    assert WRONG in real[0].content.decode() and LOCKED in real[-1].content.decode()
    assert not AuditEntry.objects.filter(actor_label="rep-made-up").exists()


def test_a_successful_sign_in_clears_the_accounts_count(client, organisation, clock):
    member(organisation, Role.REPORTER, username="rep-typos")
    for _ in range(4):
        assert attempt(client, "rep-typos").status_code == 400
    assert attempt(client, "rep-typos", PASSWORD).status_code == 302
    assert [(row.action, row.detail) for row in sign_in_rows()] == [
        ("auth.sign_in_failed", {"failures": 1}), ("auth.sign_in", {"failures": 3})]
    client.logout()
    assert [attempt(client, "rep-typos").status_code for _ in range(5)] == [400] * 4 + [429]


def test_an_office_behind_one_address_signs_in_while_one_colleague_is_locked_out(client, organisation, clock):
    for n in range(40):
        member(organisation, Role.REPORTER, username=f"office-{n}")
    member(organisation, Role.REPORTER, username="office-forgetful")
    for _ in range(200):  # keeps trying after the lockout: refused attempts count against nobody else
        attempt(client, "office-forgetful")
    assert attempt(client, "office-forgetful", PASSWORD).status_code == 429
    for n in range(40):  # everyone mistypes once, then gets in
        assert attempt(client, f"office-{n}", "Pasword1").status_code == 400
        assert attempt(client, f"office-{n}", PASSWORD).status_code == 302
        client.logout()


def test_one_connection_trying_many_names_is_locked_out_and_audited_once(client, organisation, clock):
    member(organisation, Role.REPORTER, username="rep-elsewhere")
    statuses = [attempt(client, f"spray-{n}", "Winter2026!").status_code for n in range(101)]
    assert statuses == [400] * 99 + [429] * 2
    assert LOCKED in attempt(client, "rep-elsewhere", PASSWORD).content.decode()
    assert attempt(client, "rep-elsewhere", PASSWORD, address="198.51.100.9").status_code == 302

    rows = sign_in_rows()
    assert [(row.action, row.actor_label, row.detail) for row in rows] == [
        ("auth.sign_in_failed", "(unknown username)", {"failures": 1}),
        ("auth.sign_in_locked", "", {"by": "connection", "failures": 100, "locked_minutes": 15}),
        ("auth.sign_in_failed", "rep-elsewhere", {"failures": 1}),  # refused while the connection was locked
        ("auth.sign_in", "rep-elsewhere", {}),
    ]


def test_lockouts_of_unknown_names_are_counted_in_an_hourly_row_not_written_one_by_one(client, organisation, clock):
    for n in range(10):
        for _ in range(5):
            attempt(client, f"scan-{n}", address=f"198.51.100.{n}")
    assert attempt(client, "scan-0", address="198.51.100.0").status_code == 429
    assert len(sign_in_rows()) == 1
    clock.now += 60 * 60
    attempt(client, "scan-99", address="198.51.100.99")
    rows = sign_in_rows()
    assert len(rows) == 2
    assert rows[1].detail == {"failures": 51, "lockouts": 10}
    assert failures_in(rows) == 52


def test_an_empty_password_is_not_an_attempt(client, organisation, clock):
    member(organisation, Role.REPORTER, username="rep-empty")
    for _ in range(10):
        response = attempt(client, "rep-empty", "")
        assert response.status_code == 400 and "Enter your password" in response.content.decode()
    assert not sign_in_rows()
    assert attempt(client, "rep-empty", PASSWORD).status_code == 302


def test_the_limits_are_settings(client, organisation, clock, settings):
    settings.GOODCATCH_SIGN_IN_ACCOUNT_LIMIT = (2, 60)
    member(organisation, Role.REPORTER, username="rep-strict")
    assert attempt(client, "rep-strict").status_code == 400
    locked = attempt(client, "rep-strict")
    assert locked.status_code == 429 and locked["Retry-After"] == "60"
    assert "Try again in 1 minute." in locked.content.decode()
    settings.GOODCATCH_SIGN_IN_SOURCE_LIMIT = (3, 600)
    assert [attempt(client, f"other-{n}", address="192.0.2.1").status_code for n in range(3)] == [400, 400, 429]


# Two web processes sharing Redis -------------------------------------------------------------------

ROOT = Path(__file__).resolve().parents[2]
WEB_PROCESS = """
import json, os, sys
import django
django.setup()
from django.core.management import call_command
from django.test import Client
from django.test.utils import override_settings, setup_test_environment
from tests.web_processes import take_turns
from organisations import sign_in

setup_test_environment()
shared = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                      "LOCATION": os.environ["TEST_REDIS_URL"], "KEY_PREFIX": os.environ["TEST_CACHE_PREFIX"]}}
with override_settings(CACHES=shared, PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
    statuses, client = [], Client()
    for step, *args in json.loads(sys.argv[1]):
        if take_turns(step, args):
            continue
        if step == "migrate":
            call_command("migrate", verbosity=0)
        elif step == "create":
            from django.contrib.auth import get_user_model
            get_user_model().objects.create_user(args[0], password=args[1])
        elif step == "at":  # every process reads the same clock, which the test holds
            sign_in.clock = lambda now=args[0]: now
        else:
            username, password, times = args
            for _ in range(times):
                response = client.post("/sign-in/", {"username": username, "password": password})
                statuses.append(response.status_code)
    print(json.dumps(statuses))
"""


@pytest.fixture
def two_processes(tmp_path):
    """Web processes that share one SQLite file and the real Redis (under a prefix of their own)."""
    with shared_redis_processes(tmp_path, WEB_PROCESS, name="sign-in") as (start, finish, redis_keys):
        yield start, finish, tmp_path / "shared.sqlite3", redis_keys


def test_a_lockout_begun_in_one_process_holds_in_another(two_processes, tmp_path):
    start, finish, database, redis_keys = two_processes
    ready, done = str(tmp_path / "ready"), str(tmp_path / "done")
    first = start(["migrate"], ["create", "shared-user", PASSWORD], ["tell", ready],
                  ["at", NOON], ["try", "shared-user", "wrong-1", 20], ["tell", done])
    second = start(["wait", ready], ["at", NOON], ["try", "shared-user", "wrong-2", 20], ["wait", done],
                   ["at", NOON + 60], ["try", "shared-user", PASSWORD, 1],
                   ["at", NOON + 15 * 60], ["try", "shared-user", PASSWORD, 1])
    guessed, then = finish(first), finish(second)
    # The fifth wrong password, from either process, locked both out; the right one only after 15 minutes.
    assert sorted(guessed + then[:20]) == [400] * 4 + [429] * 36
    assert then[20:] == [429, 302]

    with sqlite3.connect(database) as db:
        rows = db.execute("SELECT action, detail FROM protection_auditentry WHERE action LIKE 'auth.sign_in%' "
                          "ORDER BY id").fetchall()
    assert [action for action, _ in rows] == ["auth.sign_in_failed", "auth.sign_in_locked", "auth.sign_in"]
    assert sum(json.loads(detail).get("failures", 0) for _, detail in rows) == 40 + 1
    assert redis_keys() and not any("shared-user" in key for key in redis_keys())
