"""Rate limiting keyed by a daily-salted hash: it limits, it never stores an address, and
yesterday's keys do not match today's. Runs on the real locmem cache, and on Redis when it is up."""

from __future__ import annotations

import socket
import threading
import time
import uuid
from datetime import UTC, datetime

import pytest
from django.core.cache import cache, caches
from django.test import RequestFactory, override_settings

from core import ratelimit
from core.ratelimit import ReceiptGuard, client_ip, client_key, hit, key_source, normalise_ip

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


def test_no_address_is_stored_in_the_cache():
    hit("submit", IP, limit=5, window_seconds=60)
    ReceiptGuard().record_failure(IP)
    held = stored_keys_and_values()
    assert held and IP not in held and "203.0.113" not in held


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


# ReceiptGuard ----------------------------------------------------------------------------------


def fail(guard: ReceiptGuard, client: str, times: int):
    decision = None
    for _ in range(times):
        decision = guard.record_failure(client)
    return decision


def test_a_few_wrong_codes_cost_nothing():
    guard = ReceiptGuard(clock=Clock())
    fail(guard, IP, 4)
    assert guard.check(IP) == ratelimit.GuardDecision(True, 0, 0, "")


def test_after_five_wrong_codes_each_attempt_is_delayed_more_up_to_two_seconds():
    guard = ReceiptGuard(clock=Clock())
    delays = [fail(guard, IP, 1).delay for _ in range(10)]
    assert delays == [0, 0, 0, 0, 0.25, 0.5, 1.0, 2.0, 2.0, 2.0]
    assert all(guard.check(IP).allowed for _ in range(3))


def test_the_slow_down_ends_with_its_window():
    clock = Clock()
    guard = ReceiptGuard(clock=clock)
    fail(guard, IP, 6)
    assert guard.check(IP).delay > 0
    clock.now += 15 * 60
    assert guard.check(IP).delay == 0


def test_twenty_wrong_codes_in_an_hour_lock_the_client_out_for_an_hour():
    clock = Clock()
    guard = ReceiptGuard(clock=clock)
    assert fail(guard, IP, 19).allowed
    locked = guard.record_failure(IP)
    assert not locked.allowed
    assert locked.retry_after == 3600
    assert "too many incorrect receipt codes" in locked.message and "60 minutes" in locked.message
    clock.now += 3599
    assert not guard.check(IP).allowed
    assert "1 minutes" in guard.check(IP).message
    clock.now += 1
    assert guard.check(IP).allowed
    assert guard.check("198.51.100.20").allowed


def test_a_correct_code_clears_the_slow_down_but_not_the_lockout_count():
    guard = ReceiptGuard(clock=Clock())
    fail(guard, IP, 8)
    guard.record_success(IP)
    assert guard.check(IP).delay == 0
    assert fail(guard, IP, 11).allowed
    assert not guard.record_failure(IP).allowed  # 8 + 12 = 20 in the hour


def test_a_slow_guesser_is_stopped_by_the_daily_limit():
    clock = Clock(datetime(2026, 3, 14, 1, 0, tzinfo=UTC).timestamp())
    guard = ReceiptGuard(clock=clock)
    for _ in range(2):
        fail(guard, IP, 19)
        clock.now += 3600
    assert fail(guard, IP, 11).allowed
    assert not guard.record_failure(IP).allowed  # the 50th today


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
    fail(guard, IP, 19)
    assert not guard.record_failure(IP).allowed
    client = backend._cache.get_client(write=True)
    stored = [(key, client.get(key)) for key in client.scan_iter(f"{prefix}:*")]
    assert stored
    assert all(IP.encode() not in key and IP.encode() not in (value or b"") for key, value in stored)
    assert all(0 < client.ttl(key) <= 2 * DAY for key, _ in stored)


def test_concurrent_hits_are_all_counted_on_redis(redis_cache):
    run_concurrently(lambda: hit("submit", IP, limit=10_000, window_seconds=3600, now=NOON))
    assert hit("submit", IP, limit=10_000, window_seconds=3600, now=NOON).count == 8 * 25 + 1
