"""Rate limiting keyed by a daily-salted hash: it limits, it never stores an address, and
yesterday's keys do not match today's; lockouts begin once and end on time; receipt-code guessing is
stopped without one person locking out an office. Runs on the real locmem cache, and on Redis when it
is up."""

from __future__ import annotations

import itertools
import socket
import threading
import time
import uuid
from datetime import UTC, datetime

import pytest
from django.core.cache import cache, caches
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory, override_settings

from core import ratelimit
from core.env import env_int, env_rate, env_share
from core.ratelimit import Limit, Lockout, ReceiptGuard, Tally, client_ip, client_key, hit, key_source, normalise_ip

IP = "203.0.113.7"
NOON = datetime(2026, 3, 14, 12, 0, tzinfo=UTC).timestamp()
DAY = 24 * 60 * 60


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


class Clock:
    def __init__(self, start: float = NOON) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now


def stored_keys() -> list[str]:
    """The keys the locmem cache holds, without its ":version:" prefix."""
    return [key.split(":", 2)[2] for key in list(caches["default"]._cache)]


def stored_keys_and_values() -> str:
    return " ".join(f"{key} {cache.get(key)}" for key in stored_keys())


# hit() -------------------------------------------------------------------------------------------


def test_requests_within_the_limit_are_allowed_and_the_next_is_refused_until_the_window_ends():
    decisions = [hit("submit", IP, limit=3, window_seconds=60, now=NOON + 15) for _ in range(4)]
    assert [d.allowed for d in decisions] == [True, True, True, False]
    assert decisions[-1].retry_after == 45 and decisions[-1].count == 4
    assert hit("submit", IP, limit=3, window_seconds=60, now=NOON + 60).allowed


def test_clients_and_scopes_are_counted_apart():
    for _ in range(2):
        hit("submit", IP, limit=2, window_seconds=60, now=NOON)
    assert not hit("submit", IP, limit=2, window_seconds=60, now=NOON).allowed
    assert hit("submit", "203.0.113.8", limit=2, window_seconds=60, now=NOON).allowed
    assert hit("sign-in", IP, limit=2, window_seconds=60, now=NOON).allowed


def test_no_address_or_receipt_code_is_stored_in_the_cache():
    hit("submit", IP, limit=5, window_seconds=60)
    ReceiptGuard().record_failure(IP, "ABCD-EFGH-JKMN-PQRS")
    held = stored_keys_and_values()
    assert held and IP not in held and "203.0.113" not in held
    assert "ABCD" not in held and "PQRS" not in held


def test_keys_change_every_utc_day_so_yesterday_cannot_be_linked_to_today():
    today = client_key(IP, "submit", now=NOON)
    assert client_key(IP, "submit", now=NOON + 3600) == today
    assert client_key(IP, "submit", now=NOON - DAY) != today
    assert client_key(IP, "submit", now=NOON + DAY) != today
    midnight = datetime(2026, 3, 15, tzinfo=UTC).timestamp()
    assert client_key(IP, "submit", now=midnight - 1) == today
    assert client_key(IP, "submit", now=midnight) != today


def test_keys_depend_on_the_secret_key(settings):
    before = client_key(IP, "submit", now=NOON)
    settings.SECRET_KEY = "another-secret-key-for-this-test-only-0123456789"
    assert client_key(IP, "submit", now=NOON) != before


def test_counters_expire_from_the_cache_with_their_window():
    hit("submit", IP, limit=5, window_seconds=1)
    (key,) = stored_keys()
    assert cache.get(key) == 1
    time.sleep(2.1)
    assert cache.get(key) is None


def test_concurrent_hits_are_all_counted():
    run_concurrently(lambda: hit("submit", IP, limit=10_000, window_seconds=3600, now=NOON))
    assert hit("submit", IP, limit=10_000, window_seconds=3600, now=NOON).count == 8 * 25 + 1


def run_concurrently(action, threads: int = 8, each: int = 25) -> None:
    def work():
        for _ in range(each):
            action()

    workers = [threading.Thread(target=work) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()


# Client addresses --------------------------------------------------------------------------------


@pytest.mark.parametrize(("raw", "expected"), [
    ("203.0.113.7", "203.0.113.7"),
    (" 203.0.113.7 ", "203.0.113.7"),
    ("203.0.113.7:51234", "203.0.113.7"),
    ("2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64"),
    ("[2001:db8:1:2::99]:443", "2001:db8:1:2::/64"),
    ("fe80::1%eth0", "fe80::/64"),
    ("::ffff:203.0.113.7", "203.0.113.7"),
    ("", "unknown"),
    ("not an address", "unknown"),
])
def test_addresses_are_normalised_to_one_client(raw, expected):
    assert normalise_ip(raw) == expected


def test_an_ipv6_client_cannot_escape_the_limit_by_changing_address_within_its_64():
    for n in range(3):
        hit("submit", normalise_ip(f"2001:db8:1:2::{n + 1}"), limit=3, window_seconds=60, now=NOON)
    assert not hit("submit", normalise_ip("2001:db8:1:2:ffff::9"), limit=3, window_seconds=60, now=NOON).allowed
    assert hit("submit", normalise_ip("2001:db8:1:3::1"), limit=3, window_seconds=60, now=NOON).allowed


def test_the_client_address_is_remote_addr_by_default():
    request = RequestFactory().get("/r/x/", REMOTE_ADDR=IP, HTTP_X_REAL_IP="198.51.100.1")
    assert client_ip(request) == IP


@pytest.mark.parametrize("header", ["X-Real-IP", "HTTP_X_REAL_IP", "x-real-ip"])
def test_behind_a_proxy_the_named_header_is_used(settings, header):
    settings.GOODCATCH_CLIENT_IP_HEADER = header
    request = RequestFactory().get("/r/x/", REMOTE_ADDR="10.0.0.2", HTTP_X_REAL_IP=IP)
    assert client_ip(request) == IP


def test_in_a_forwarded_list_the_entry_added_by_the_nearest_proxy_is_used(settings):
    settings.GOODCATCH_CLIENT_IP_HEADER = "X-Forwarded-For"
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, " + IP)
    assert client_ip(request) == IP


def test_a_missing_proxy_header_falls_back_to_remote_addr(settings):
    settings.GOODCATCH_CLIENT_IP_HEADER = "X-Real-IP"
    assert client_ip(RequestFactory().get("/", REMOTE_ADDR=IP)) == IP


def test_the_key_source_is_not_the_address_and_counts_like_it():
    source = key_source(IP, now=NOON)
    assert IP not in source and source.startswith("k:")
    assert key_source(IP, now=NOON) == source
    assert key_source(IP, now=NOON + DAY) != source
    request = RequestFactory().get("/staff/", REMOTE_ADDR=IP)
    assert ratelimit.client_for(request) == key_source(IP)
    request.rate_limit_key_source = "k:given"
    assert ratelimit.client_for(request) == "k:given"


# Lockout and Tally --------------------------------------------------------------------------------


def test_a_lockout_begins_once_at_the_limit_and_ends_after_its_period():
    lockout = Lockout("test", Limit(3, 600))
    strikes = [lockout.record_failure(IP, NOON) for _ in range(3)]
    assert [(s.count, s.locked_for, s.lock_started) for s in strikes] == [(1, 0, False), (2, 0, False), (3, 600, True)]
    assert lockout.locked_for(IP, NOON + 599) == 1
    assert lockout.locked_for(IP, NOON + 600) == 0
    assert lockout.locked_for("198.51.100.20", NOON) == 0


def test_a_second_lockout_begins_once_the_first_is_over():
    lockout = Lockout("test", Limit(3, 600))
    for _ in range(3):
        lockout.record_failure(IP, NOON)
    # Ten minutes on by this clock, not yet by the cache's: the old lock is still stored, and over.
    strikes = [lockout.record_failure(IP, NOON + 600) for _ in range(3)]
    assert [(s.lock_started, s.locked_for) for s in strikes] == [(False, 0), (False, 0), (True, 600)]
    assert lockout.locked_for(IP, NOON + 1199) == 1


def test_clearing_forgets_the_count_but_not_a_lockout_already_begun():
    lockout = Lockout("test", Limit(3, 600))
    for _ in range(2):
        lockout.record_failure(IP, NOON)
    lockout.clear(IP, NOON)
    assert lockout.record_failure(IP, NOON).count == 1
    for _ in range(2):
        lockout.record_failure(IP, NOON)
    lockout.clear(IP, NOON)
    assert lockout.locked_for(IP, NOON) == 600


def test_a_lockout_outlives_the_utc_midnight_that_changes_its_key():
    midnight = datetime(2026, 3, 15, tzinfo=UTC).timestamp()
    lockout = Lockout("test", Limit(3, 900))
    for _ in range(3):
        lockout.record_failure(IP, midnight - 60)
    assert lockout.locked_for(IP, midnight + 60) == 780


def test_concurrent_failures_begin_exactly_one_lockout():
    lockout = Lockout("test", Limit(50, 3600))
    strikes = []
    run_concurrently(lambda: strikes.append(lockout.record_failure(IP, NOON)))
    assert len(strikes) == 200 and sum(s.lock_started for s in strikes) == 1
    assert sorted(s.count for s in strikes) == list(range(1, 201))


def test_a_tally_counts_until_taken_and_then_starts_again():
    tally = Tally("test")
    for _ in range(3):
        tally.add("user:1")
    tally.add("user:2")
    assert tally.take("user:1") == 3
    assert tally.take("user:1") == 0
    tally.add("user:1")
    assert (tally.take("user:1"), tally.take("user:2")) == (1, 1)


def test_a_tally_answers_first_once_per_window():
    tally = Tally("test")
    start = NOON - NOON % 3600
    assert [tally.first_in("user:1", 3600, start + t) for t in (0, 10, 3599)] == [True, False, False]
    assert tally.first_in("user:2", 3600, start)
    assert tally.first_in("user:1", 3600, start + 3600)


@pytest.mark.parametrize(("raw", "expected"), [("5/15m", (5, 900)), (" 100 / 1h ", (100, 3600)), ("3/30s", (3, 30))])
def test_a_limit_setting_is_a_count_per_period(monkeypatch, raw, expected):
    monkeypatch.setenv("GOODCATCH_TEST_LIMIT", raw)
    assert env_rate("GOODCATCH_TEST_LIMIT", "1/1h") == expected
    monkeypatch.delenv("GOODCATCH_TEST_LIMIT")
    assert env_rate("GOODCATCH_TEST_LIMIT", raw) == expected


@pytest.mark.parametrize("raw", ["5", "5/15", "0/15m", "5/0m", "five/15m", "5/15d", "-1/15m"])
def test_a_limit_setting_that_is_not_a_count_per_period_stops_start_up_with_its_name(monkeypatch, raw):
    monkeypatch.setenv("GOODCATCH_TEST_LIMIT", raw)
    with pytest.raises(ImproperlyConfigured, match="GOODCATCH_TEST_LIMIT must be a count per period"):
        env_rate("GOODCATCH_TEST_LIMIT", "5/15m")


def test_a_whole_number_below_its_minimum_stops_start_up(monkeypatch):
    monkeypatch.setenv("GOODCATCH_TEST_NUMBER", "0")
    with pytest.raises(ImproperlyConfigured, match="GOODCATCH_TEST_NUMBER must be at least 1"):
        env_int("GOODCATCH_TEST_NUMBER", 30, minimum=1)


@pytest.mark.parametrize("raw", ["high", "1.5", "-0.1"])
def test_a_share_outside_0_to_1_stops_start_up_with_its_name(monkeypatch, raw):
    monkeypatch.setenv("GOODCATCH_TEST_SHARE", raw)
    with pytest.raises(ImproperlyConfigured, match="GOODCATCH_TEST_SHARE must be a number from 0 to 1"):
        env_share("GOODCATCH_TEST_SHARE", 0.85)
    monkeypatch.setenv("GOODCATCH_TEST_SHARE", "0")
    assert env_share("GOODCATCH_TEST_SHARE", 0.85) == 0.0
    monkeypatch.delenv("GOODCATCH_TEST_SHARE")
    assert env_share("GOODCATCH_TEST_SHARE", 0.85) == 0.85


# ReceiptGuard ----------------------------------------------------------------------------------

_codes = itertools.count()


def wrong_code() -> str:
    """A code nobody holds, different each time: a scanner's guess."""
    return f"ABCD-EFGH-{next(_codes):04d}-0000"


def fail(guard: ReceiptGuard, client: str, times: int, code: str | None = None):
    """`times` wrong codes from `client`, refused ones not counted, as reporting.views does."""
    decision = None
    for _ in range(times):
        tried = code or wrong_code()
        decision = guard.check(client, tried)
        if decision.allowed:
            decision = guard.record_failure(client, tried)
    return decision


def test_a_few_wrong_codes_cost_nothing():
    guard = ReceiptGuard(clock=Clock())
    fail(guard, IP, 29)
    assert guard.check(IP, wrong_code()) == ratelimit.GuardDecision(True, 0, 0, "")


def test_after_thirty_wrong_codes_from_one_connection_each_attempt_is_delayed_more_up_to_two_seconds():
    guard = ReceiptGuard(clock=Clock())
    delays = [fail(guard, IP, 1).delay for _ in range(35)]
    assert delays == [0] * 29 + [0.25, 0.5, 1.0, 2.0, 2.0, 2.0]
    assert all(guard.check(IP, wrong_code()).allowed for _ in range(3))
    assert guard.check("198.51.100.20", wrong_code()).delay == 0


def test_the_slow_down_ends_with_its_window():
    clock = Clock()
    guard = ReceiptGuard(clock=clock)
    fail(guard, IP, 31)
    assert guard.check(IP, wrong_code()).delay > 0
    clock.now += 15 * 60
    assert guard.check(IP, wrong_code()).delay == 0


def test_a_hundred_wrong_codes_in_fifteen_minutes_lock_the_connection_out_for_fifteen_minutes():
    clock = Clock()
    guard = ReceiptGuard(clock=clock)
    assert fail(guard, IP, 99).allowed
    locked = fail(guard, IP, 1)
    assert not locked.allowed
    assert locked.retry_after == 900
    assert "too many incorrect receipt codes from this connection" in locked.message
    assert "15 minutes" in locked.message
    clock.now += 899
    assert not guard.check(IP, wrong_code()).allowed
    assert "try again in 1 minute." in guard.check(IP, wrong_code()).message
    clock.now += 1
    assert guard.check(IP, wrong_code()).allowed
    assert guard.check("198.51.100.20", wrong_code()).allowed


def test_one_code_tried_again_and_again_is_locked_without_locking_its_connection():
    clock = Clock()
    guard = ReceiptGuard(clock=clock)
    mistyped = wrong_code()
    assert fail(guard, IP, 9, mistyped).allowed
    locked = fail(guard, IP, 1, mistyped)
    assert not locked.allowed and locked.retry_after == 3600
    assert "This receipt code has been tried too many times" in locked.message and "60 minutes" in locked.message
    assert not fail(guard, IP, 500, mistyped).allowed  # retries of a locked code count against nobody
    assert not guard.check("198.51.100.20", mistyped).allowed  # the code is locked wherever it is tried
    assert guard.check(IP, wrong_code()) == ratelimit.GuardDecision(True, 0, 0, "")
    clock.now += 3600
    assert guard.check(IP, mistyped).allowed


def test_a_correct_code_clears_the_slow_down_but_not_the_lockout_count():
    guard = ReceiptGuard(clock=Clock())
    fail(guard, IP, 40)
    guard.record_success(IP)
    assert guard.check(IP, wrong_code()).delay == 0
    assert fail(guard, IP, 59).allowed
    assert not fail(guard, IP, 1).allowed  # 40 + 60 = 100 in the window


def test_the_limits_are_settings(settings):
    settings.GOODCATCH_RECEIPT_SOURCE_LIMIT, settings.GOODCATCH_RECEIPT_CODE_LIMIT = (4, 60), (2, 120)
    settings.GOODCATCH_RECEIPT_SLOW_AFTER = 2
    guard = ReceiptGuard(clock=Clock())
    assert fail(guard, IP, 2).delay == 0.25
    assert fail(guard, "198.51.100.20", 2, "ABCD-EFGH-JKMN-PQRS").retry_after == 120
    assert fail(guard, IP, 2).retry_after == 60


def test_wrong_codes_from_everyone_are_counted_per_day():
    clock = Clock()
    guard = ReceiptGuard(clock=clock)
    fail(guard, IP, 3)
    fail(guard, "198.51.100.20", 2)
    assert guard.failures_today() == 5
    clock.now += DAY
    assert guard.failures_today() == 0


# Redis -------------------------------------------------------------------------------------------


def _redis_up() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


@pytest.fixture
def redis_cache():
    if not _redis_up():
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    prefix = f"gc-ratelimit-test-{uuid.uuid4().hex}"
    config = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                          "LOCATION": "redis://127.0.0.1:6379/0", "KEY_PREFIX": prefix}}
    with override_settings(CACHES=config):
        yield caches["default"], prefix
        client = caches["default"]._cache.get_client(write=True)
        for key in client.scan_iter(f"{prefix}:*"):
            client.delete(key)


def test_limits_hold_on_redis_and_store_no_address(redis_cache):
    backend, prefix = redis_cache
    assert type(backend).__name__ == "RedisCache"
    decisions = [hit("submit", IP, limit=2, window_seconds=60, now=NOON + 30) for _ in range(3)]
    assert [d.allowed for d in decisions] == [True, True, False] and decisions[-1].retry_after == 30
    guard = ReceiptGuard(clock=Clock())
    assert fail(guard, IP, 99).allowed
    assert not fail(guard, IP, 1).allowed
    client = backend._cache.get_client(write=True)
    stored = [(key, client.get(key)) for key in client.scan_iter(f"{prefix}:*")]
    assert stored
    assert all(IP.encode() not in key and IP.encode() not in (value or b"") for key, value in stored)
    assert all(0 < client.ttl(key) <= 2 * DAY for key, _ in stored)


def test_concurrent_hits_are_all_counted_on_redis(redis_cache):
    run_concurrently(lambda: hit("submit", IP, limit=10_000, window_seconds=3600, now=NOON))
    assert hit("submit", IP, limit=10_000, window_seconds=3600, now=NOON).count == 8 * 25 + 1
