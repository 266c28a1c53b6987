"""Rate limiting that never stores who asked.

A client is counted under HMAC-SHA256(daily salt, client + scope), where the daily salt is
HMAC(SECRET_KEY, "ratelimit:" + the UTC date). No IP address reaches the cache, and a key from
yesterday cannot be linked to today's: the salt changes at midnight UTC, which also starts every
client's counts afresh (a small, accepted gift to a patient guesser).

Counters live in Django's cache (settings.GOODCATCH_RATELIMIT_CACHE, default "default": locmem for
one process, Redis via CACHE_URL in production, which every web process then shares, or a SQLite file
via CACHE_URL=sqlite:///..., which every web process on one machine shares: core.sharedcache). Windows are
fixed, aligned to the epoch, so `retry_after` is exact and no timestamps are stored; the price is that
up to twice a limit can fall either side of a window's end.

Four tools: `hit()` limits requests; `FloodGuard` puts a limit per connection and one per organisation on
an anonymous door (reports, replies); `Lockout` locks a client out for a while after
too many failures (staff sign-in per account and per connection, receipt codes per code and per
connection); `Tally` keeps counts for an audit summary, so that failures are not a row each.

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
from django.utils.translation import ngettext

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
    if hasattr(cache, "count"):  # a cache that counts in one step (core.sharedcache: one write, not two)
        return cache.count(key, ttl)
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
class FloodDecision:
    allowed: bool
    retry_after: int  # whole seconds until the limit that refused resets; 0 when allowed
    by: str  # "source" or "organisation": which limit refused; "" when allowed

    @property
    def minutes(self) -> int:
        return try_again_in(self.retry_after)


class FloodGuard:
    """Limits what one anonymous door takes in: so many per connection, and so many for one organisation
    from everyone together, which keeps a flood from many addresses from burying the worker behind it.

    The connection is counted first, and the organisation only for what the connection may send, so that
    one connection's flood stops at its own limit without using up everyone else's. The limits are the
    names of settings holding (count, seconds), such as env_rate gives, read when used.
    """

    def __init__(self, scope: str, source_setting: str, organisation_setting: str, *,
                 clock: Callable[[], float] = time.time) -> None:
        self.scope, self.source_setting, self.organisation_setting = scope, source_setting, organisation_setting
        self.clock = clock

    def check(self, client: str, organisation_id: int) -> FloodDecision:
        """Count one request from `client` (see client_for) to `organisation_id`, and say whether to take it."""
        now = self.clock()
        count, seconds = getattr(settings, self.source_setting)
        decision = hit(self.scope, client, count, seconds, now=now)
        if not decision.allowed:
            return FloodDecision(False, decision.retry_after, "source")
        count, seconds = getattr(settings, self.organisation_setting)
        decision = hit(f"{self.scope}-organisation", f"organisation:{organisation_id}", count, seconds, now=now)
        if not decision.allowed:
            return FloodDecision(False, decision.retry_after, "organisation")
        return FloodDecision(True, 0, "")


# The anonymous doors: new reports (the form and the API count together) and reporters' replies.
REPORTS = FloodGuard("report", "GOODCATCH_REPORT_SOURCE_LIMIT", "GOODCATCH_REPORT_ORGANISATION_LIMIT")
REPLIES = FloodGuard("reply", "GOODCATCH_REPLY_SOURCE_LIMIT", "GOODCATCH_REPLY_ORGANISATION_LIMIT")


@dataclass(frozen=True)
class Limit:
    """`failures` in one fixed window of `seconds` lock a client out for `seconds`."""

    failures: int
    seconds: int

    @classmethod
    def of(cls, setting: tuple[int, int]) -> Limit:
        """From a setting read by core.env.env_rate, such as (5, 900) for "5/15m"."""
        return cls(*setting)


@dataclass(frozen=True)
class Strike:
    count: int  # failures in this window, this one included
    locked_for: int  # whole seconds the client is now locked out for; 0 when not locked
    lock_started: bool  # true for exactly one failure: the one that began the lockout


class Lockout:
    """Counts failures of one kind per client, and locks a client out for a while after too many.

    Reaching `limit.failures` in one fixed window of `limit.seconds` locks the client out for
    `limit.seconds`. Callers refuse a locked-out client without counting the attempt here, so a lockout
    is never extended by knocking on it. `limit` may be a callable, so that settings are read when used.
    A client is kept only as client_key(client, scope); the lock outlives the UTC midnight that changes
    the key, but counts start afresh then.
    """

    def __init__(self, scope: str, limit: Limit | Callable[[], Limit]) -> None:
        self.scope = scope
        self._limit = limit

    @property
    def limit(self) -> Limit:
        return self._limit if isinstance(self._limit, Limit) else self._limit()

    def _lock_key(self, client: str, now: float) -> str:
        return f"rl:{self.scope}:locked:{client_key(client, self.scope, now=now)}"

    def locked_for(self, client: str, now: float) -> int:
        """Whole seconds until `client` may try again; 0 when it is not locked out."""
        keys = {self._lock_key(client, now), self._lock_key(client, now - self.limit.seconds)}
        until = max((value for value in _cache().get_many(list(keys)).values() if value is not None), default=0)
        return math.ceil(until - now) if until > now else 0

    def record_failure(self, client: str, now: float) -> Strike:
        limit = self.limit
        who = client_key(client, self.scope, now=now)
        count = _increment(f"rl:{self.scope}:count:{who}:{int(now // limit.seconds)}", limit.seconds + 1)
        if count < limit.failures:
            return Strike(count, 0, False)
        cache, key, until = _cache(), self._lock_key(client, now), now + limit.seconds
        started = cache.add(key, until, limit.seconds + 1)  # atomic: one failure alone begins a lockout
        if not started:
            held = cache.get(key)
            if held is None or held <= now:  # over by the caller's clock, not yet by the cache's
                cache.set(key, until, limit.seconds + 1)
                started = True
            else:
                until = held
        return Strike(count, math.ceil(until - now), started)

    def clear(self, client: str, now: float) -> None:
        """Forget the failures counted in this window; a lockout already begun stays."""
        who = client_key(client, self.scope, now=now)
        _cache().delete(f"rl:{self.scope}:count:{who}:{int(now // self.limit.seconds)}")


class Tally:
    """Counts events under a name until they are taken for a summary: for reporting, not limiting.

    It lets a caller write one audit row for many events (see organisations.sign_in). Names are the
    caller's and are stored as given, so they must identify nothing that is not already on record.
    """

    def __init__(self, scope: str, *, keep_seconds: int = 7 * 24 * 60 * 60) -> None:
        self.scope, self.keep_seconds = scope, keep_seconds

    def _key(self, name: str) -> str:
        return f"rl:tally:{self.scope}:{name}"

    def add(self, name: str) -> int:
        return _increment(self._key(name), self.keep_seconds)

    def take(self, name: str) -> int:
        """The count so far, which starts again from zero; events added meanwhile wait for the next take."""
        cache, key = _cache(), self._key(name)
        count = cache.get(key, 0)
        if count:
            try:
                cache.decr(key, count)
            except ValueError:  # it expired in between
                pass
        return count

    def first_in(self, name: str, seconds: int, now: float) -> bool:
        """True once per fixed window of `seconds` for `name`, to whichever process asks first."""
        return _cache().add(f"{self._key(name)}:first:{int(now // seconds)}", 1, seconds + 1)


def try_again_in(seconds: int) -> int:
    """Whole minutes to tell someone who must wait `seconds`: never 0, never less than the wait."""
    return max(1, math.ceil(seconds / 60))


@dataclass(frozen=True)
class GuardDecision:
    allowed: bool
    delay: float  # seconds the view should wait before answering; 0 when there is no need
    retry_after: int  # seconds until a locked-out client may try again; 0 when allowed
    message: str  # what to tell a locked-out client; empty when allowed


def _setting_limit(name: str) -> Callable[[], Limit]:
    return lambda: Limit.of(getattr(settings, name))


class ReceiptGuard:
    """Slows, then stops, anyone guessing receipt codes, without one person locking out their office.

    In a view::

        decision = guard.check(client, code)
        if not decision.allowed:
            return render(..., {"message": decision.message}, status=429)  # Retry-After: decision.retry_after
        time.sleep(decision.delay)
        report = find_by_receipt(code)
        guard.record_success(client) if report else guard.record_failure(client, code)

    A code carries 80 bits, so guessing one is hopeless at any rate a web server answers; the limits
    are there to stop scanners, and must not stop an office full of people behind one address:

    * Per code (strict, settings.GOODCATCH_RECEIPT_CODE_LIMIT): a code tried and wrong too often is
      locked. Tries of a locked code are refused without counting against the connection, so someone
      retrying a mistyped code locks out only that code, never their colleagues.
    * Per connection (generous, settings.GOODCATCH_RECEIPT_SOURCE_LIMIT, sized for an office network):
      after `slow_after` wrong codes in `slow_window` seconds each attempt waits, doubling from
      `base_delay` up to `max_delay` (kept small: the wait holds a worker); a right code still gets
      through, after the wait. Too many wrong codes lock the connection out, right codes included.

    A success clears the slow-down but not the lockout count, so that a guesser holding one real code
    cannot reset their allowance with it. `failures_today()` counts wrong codes from everyone, for
    monitoring. It limits nobody: a service-wide lockout would let one attacker lock every reporter out.
    """

    scope = "receipt"

    def __init__(self, *, source_limit: Limit | None = None, code_limit: Limit | None = None,
                 slow_after: int | None = None, slow_window: int = 15 * 60, base_delay: float = 0.25,
                 max_delay: float = 2.0, clock: Callable[[], float] = time.time) -> None:
        self.source = Lockout(self.scope, source_limit or _setting_limit("GOODCATCH_RECEIPT_SOURCE_LIMIT"))
        self.code = Lockout(f"{self.scope}-code", code_limit or _setting_limit("GOODCATCH_RECEIPT_CODE_LIMIT"))
        self._slow_after, self.slow_window = slow_after, slow_window
        self.base_delay, self.max_delay, self.clock = base_delay, max_delay, clock

    @property
    def slow_after(self) -> int:
        return self._slow_after or settings.GOODCATCH_RECEIPT_SLOW_AFTER

    def _slow_key(self, client: str, now: float) -> str:
        return f"rl:{self.scope}:slow:{client_key(client, self.scope, now=now)}:{int(now // self.slow_window)}"

    def check(self, client: str, code: str) -> GuardDecision:
        now = self.clock()
        wait = self.source.locked_for(client, now)
        if wait:
            message = ngettext(
                "There have been too many incorrect receipt codes from this connection. "
                "To keep reports safe, try again in %(minutes)d minute.",
                "There have been too many incorrect receipt codes from this connection. "
                "To keep reports safe, try again in %(minutes)d minutes.", try_again_in(wait))
            return GuardDecision(False, 0, wait, message % {"minutes": try_again_in(wait)})
        wait = self.code.locked_for(code, now)
        if wait:
            message = ngettext(
                "This receipt code has been tried too many times. Check it and try again in %(minutes)d minute.",
                "This receipt code has been tried too many times. Check it and try again in %(minutes)d minutes.",
                try_again_in(wait))
            return GuardDecision(False, 0, wait, message % {"minutes": try_again_in(wait)})
        failures = _cache().get(self._slow_key(client, now), 0)
        if failures < self.slow_after:
            return GuardDecision(True, 0, 0, "")
        return GuardDecision(True, min(self.max_delay, self.base_delay * 2 ** (failures - self.slow_after)), 0, "")

    def record_failure(self, client: str, code: str) -> GuardDecision:
        """Count a wrong code; returns what the next attempt with it will face."""
        now = self.clock()
        _increment(self._slow_key(client, now), self.slow_window + 1)
        self.source.record_failure(client, now)
        self.code.record_failure(code, now)
        _increment(f"rl:{self.scope}:global:{_day(now).isoformat()}", 2 * 24 * 60 * 60)
        return self.check(client, code)

    def record_success(self, client: str) -> None:
        _cache().delete(self._slow_key(client, self.clock()))

    def failures_today(self) -> int:
        return _cache().get(f"rl:{self.scope}:global:{_day(self.clock()).isoformat()}", 0)
