"""Rate limiting that never stores who asked.

A client is counted under HMAC-SHA256(daily salt, client + scope), where the daily salt is
HMAC(SECRET_KEY, "ratelimit:" + the UTC date). No IP address reaches the cache, and a key from
yesterday cannot be linked to today's: the salt changes at midnight UTC, which also starts every
client's counts afresh (a small, accepted gift to a patient guesser).

Counters live in Django's cache (settings.GOODCATCH_RATELIMIT_CACHE, default "default": locmem for
one process, Redis via CACHE_URL in production, which every web process then shares). Windows are
fixed, aligned to the epoch, so `retry_after` is exact and no timestamps are stored.

Which client? `client_ip(request)` reads REMOTE_ADDR, or, behind a proxy, the header named in
settings.GOODCATCH_CLIENT_IP_HEADER (e.g. "X-Real-IP", which nginx sets with
`proxy_set_header X-Real-IP $remote_addr`). Name a header the proxy overwrites, never one a client
can send through it; for a comma-separated list the last entry, added by the nearest proxy, is used.
IPv6 clients are counted per /64, since one household or phone holds a whole /64.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from django.conf import settings
from django.core.cache import BaseCache, caches
from django.http import HttpRequest
from django.utils.translation import gettext as _

UNKNOWN_CLIENT = "unknown"


def _cache() -> BaseCache:
    return caches[getattr(settings, "GOODCATCH_RATELIMIT_CACHE", "default")]


def _day(now: float) -> date:
    return datetime.fromtimestamp(now, UTC).date()


def daily_salt(day: date) -> bytes:
    return hmac.new(settings.SECRET_KEY.encode(), f"ratelimit:{day.isoformat()}".encode(), hashlib.sha256).digest()


def client_key(client: str, scope: str, *, now: float | None = None) -> str:
    """The only form in which a client is ever stored: keyed, salted per day, and per scope."""
    day = _day(time.time() if now is None else now)
    return hmac.new(daily_salt(day), f"{client}\x00{scope}".encode(), hashlib.sha256).hexdigest()


def normalise_ip(raw: str) -> str:
    """One client per IPv4 address or IPv6 /64; anything unparseable shares one bucket."""
    value = raw.strip()
    if value.startswith("[") and "]" in value:  # [2001:db8::1]:443
        value = value[1:value.index("]")]
    elif value.count(":") == 1:  # 192.0.2.1:443
        value = value.split(":", 1)[0]
    value = value.split("%", 1)[0]  # fe80::1%eth0
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return UNKNOWN_CLIENT
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped:
            return str(address.ipv4_mapped)
        return str(ipaddress.IPv6Network(f"{address}/64", strict=False))
    return str(address)


def meta_name(header: str) -> str:
    name = header.strip().upper().replace("-", "_")
    return name if name.startswith("HTTP_") or name == "REMOTE_ADDR" else f"HTTP_{name}"


def client_ip(request: HttpRequest) -> str:
    """The client's address, normalised. Read it once, before AnonymousRouteMiddleware blanks it."""
    header = getattr(settings, "GOODCATCH_CLIENT_IP_HEADER", "")
    raw = request.META.get(meta_name(header), "") if header else ""
    if raw:
        raw = raw.split(",")[-1]
    else:
        raw = request.META.get("REMOTE_ADDR", "")
    return normalise_ip(raw)


def key_source(ip: str, *, now: float | None = None) -> str:
    """A stand-in for the client's address that is safe to keep on the request object: what
    AnonymousRouteMiddleware stores as `request.rate_limit_key_source`. It is only ever used as the
    `client` argument below, never written anywhere."""
    return "k:" + client_key(ip, "client", now=now)


def client_for(request: HttpRequest) -> str:
    """The `client` to count a request under: the stand-in on anonymous routes, else the address."""
    return getattr(request, "rate_limit_key_source", None) or key_source(client_ip(request))


@dataclass(frozen=True)
class Decision:
    allowed: bool
    retry_after: int  # whole seconds until the window resets; 0 when allowed
    count: int  # hits in this window, this one included


def _increment(key: str, ttl: int) -> int:
    cache = _cache()
    if cache.add(key, 1, ttl):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # it expired between add() and incr()
        cache.set(key, 1, ttl)
        return 1


def hit(scope: str, client: str, limit: int, window_seconds: int, *, now: float | None = None) -> Decision:
    """Count one request by `client` (an IP or a request's key source) in `scope`, and say whether it
    is within `limit` per fixed window of `window_seconds`."""
    now = time.time() if now is None else now
    window = int(now // window_seconds)
    count = _increment(f"rl:{scope}:{client_key(client, scope, now=now)}:{window}", window_seconds + 1)
    if count <= limit:
        return Decision(True, 0, count)
    return Decision(False, max(1, math.ceil((window + 1) * window_seconds - now)), count)


@dataclass(frozen=True)
class GuardDecision:
    allowed: bool
    delay: float  # seconds the view should wait before answering; 0 when there is no need
    retry_after: int  # seconds until a locked-out client may try again; 0 when allowed
    message: str  # what to tell a locked-out client; empty when allowed


class ReceiptGuard:
    """Slows, then stops, anyone guessing receipt codes.

    In a view::

        decision = guard.check(client)
        if not decision.allowed:
            return render(..., {"message": decision.message}, status=429)  # Retry-After: decision.retry_after
        time.sleep(decision.delay)
        report = find_by_receipt(code)
        guard.record_success(client) if report else guard.record_failure(client)

    After `slow_after` wrong codes in `slow_window` seconds each attempt waits, doubling from
    `base_delay` up to `max_delay` (kept small: the wait holds a worker). After `lock_after` wrong
    codes in `lock_window` seconds, or `day_limit` in a UTC day, the client is locked out for
    `lockout` seconds. A success clears the slow-down but not the lockout count, so that a guesser
    holding one real code cannot reset their allowance with it.

    `failures_today()` counts wrong codes from everyone, for monitoring. It limits nobody: a
    service-wide lockout would let one attacker lock every reporter out.
    """

    scope = "receipt"

    def __init__(self, *, slow_after: int = 5, slow_window: int = 15 * 60, lock_after: int = 20,
                 lock_window: int = 60 * 60, day_limit: int = 50, lockout: int = 60 * 60, base_delay: float = 0.25,
                 max_delay: float = 2.0, clock: Callable[[], float] = time.time) -> None:
        self.slow_after, self.slow_window = slow_after, slow_window
        self.lock_after, self.lock_window, self.day_limit, self.lockout = lock_after, lock_window, day_limit, lockout
        self.base_delay, self.max_delay, self.clock = base_delay, max_delay, clock

    def _keys(self, client: str, now: float) -> dict[str, str]:
        who = client_key(client, self.scope, now=now)
        return {
            "slow": f"rl:{self.scope}:slow:{who}:{int(now // self.slow_window)}",
            "lock_count": f"rl:{self.scope}:count:{who}:{int(now // self.lock_window)}",
            "day": f"rl:{self.scope}:day:{who}",  # the salt already changes daily
            "locked": f"rl:{self.scope}:locked:{who}",
        }

    def check(self, client: str) -> GuardDecision:
        now = self.clock()
        keys = self._keys(client, now)
        cache = _cache()
        locked_until = cache.get(keys["locked"])
        if locked_until is not None and locked_until > now:
            minutes = max(1, math.ceil((locked_until - now) / 60))
            message = _("There have been too many incorrect receipt codes from this connection. "
                        "To keep reports safe, try again in %(minutes)d minutes.") % {"minutes": minutes}
            return GuardDecision(False, 0, math.ceil(locked_until - now), message)
        failures = cache.get(keys["slow"], 0)
        if failures < self.slow_after:
            return GuardDecision(True, 0, 0, "")
        delay = min(self.max_delay, self.base_delay * 2 ** (failures - self.slow_after))
        return GuardDecision(True, delay, 0, "")

    def record_failure(self, client: str) -> GuardDecision:
        """Count a wrong code; returns what the next attempt will face."""
        now = self.clock()
        keys = self._keys(client, now)
        _increment(keys["slow"], self.slow_window + 1)
        in_window = _increment(keys["lock_count"], self.lock_window + 1)
        today = _increment(keys["day"], 2 * 24 * 60 * 60)
        _increment(f"rl:{self.scope}:global:{_day(now).isoformat()}", 2 * 24 * 60 * 60)
        if in_window >= self.lock_after or today >= self.day_limit:
            _cache().set(keys["locked"], now + self.lockout, self.lockout)
        return self.check(client)

    def record_success(self, client: str) -> None:
        _cache().delete(self._keys(client, self.clock())["slow"])

    def failures_today(self) -> int:
        return _cache().get(f"rl:{self.scope}:global:{_day(self.clock()).isoformat()}", 0)
