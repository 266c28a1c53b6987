"""Staff sign-in that resists guessing, with failures audited as counted summaries.

Every attempt passes two lockouts (core.ratelimit.Lockout), counted in the shared cache:

* per account, strict (settings.GOODCATCH_SIGN_IN_ACCOUNT_LIMIT): the username as typed, casefolded
  and hashed. Unknown names are limited exactly like real ones, and the lockout message is the same,
  so nothing reveals whether an account exists;
* per connection, generous (settings.GOODCATCH_SIGN_IN_SOURCE_LIMIT), because a whole office may sign
  in from one address; it stops one connection trying a password against many names.

While either is locked the password is not even checked, so the right one is refused too. A refused
attempt counts against neither lockout: knocking never extends a lockout, and someone retrying their
own locked account cannot lock out the colleagues who share their address. A successful sign-in
clears its account's count, not the connection's, so one known password cannot reset a guesser's
allowance.

The audit log is permanent and hash-chained, so a scanner must not be able to grow it by a row per
attempt. Failed and refused attempts are tallied per account, and in one tally for all unknown names.
A row is written when an account's first failure of a UTC hour arrives, when a lockout begins, and
when the account next signs in; its `failures` is the number of attempts since that account's
previous row, so the rows add up to every attempt. Lockouts of unknown names are counted in their
hourly row rather than written one by one, since a scanner could multiply them by inventing names.
A connection's lockout is written when it begins, identified by nothing.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import authenticate, get_user_model, login
from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest
from django.utils.translation import ngettext

from core import ratelimit
from core.ratelimit import Limit, Lockout, Strike, Tally
from protection.audit import audit

UNKNOWN_USERNAME = "(unknown username)"
SUMMARY_SECONDS = 60 * 60  # at most one "failed sign-ins" row per account an hour, besides lockouts

ACCOUNT = Lockout("sign-in-account", lambda: Limit.of(settings.GOODCATCH_SIGN_IN_ACCOUNT_LIMIT))
SOURCE = Lockout("sign-in-source", lambda: Limit.of(settings.GOODCATCH_SIGN_IN_SOURCE_LIMIT))
TALLY = Tally("sign-in")
_UNKNOWN, _UNKNOWN_LOCKOUTS = "unknown", "unknown-lockouts"

clock = time.time  # the time the lockouts count by; tests move it


@dataclass(frozen=True)
class Attempt:
    user: AbstractBaseUser | None  # the user now signed in; None when refused
    retry_after: int = 0  # whole seconds to wait, when refused because of a lockout

    @property
    def locked_out(self) -> bool:
        return self.retry_after > 0

    @property
    def message(self) -> str:
        """What to tell someone locked out: the same whether or not the account exists."""
        minutes = ratelimit.try_again_in(self.retry_after)
        return ngettext("There have been too many attempts to sign in. Try again in %(minutes)d minute.",
                        "There have been too many attempts to sign in. Try again in %(minutes)d minutes.",
                        minutes) % {"minutes": minutes}


def attempt(request: HttpRequest, username: str, password: str) -> Attempt:
    """Sign in with a password, unless the account or the connection is locked out."""
    now = clock()
    account, source = username.casefold(), ratelimit.client_for(request)
    wait = max(ACCOUNT.locked_for(account, now), SOURCE.locked_for(source, now))
    if wait:
        _record_failure(username, now)
        return Attempt(None, wait)
    user = authenticate(request, username=username, password=password)
    if user is not None and user.is_active:
        ACCOUNT.clear(account, now)
        login(request, user)
        failures = TALLY.take(_bucket(user))
        audit("auth.sign_in", actor=user, detail={"failures": failures} if failures else None)
        return Attempt(user)
    by_account, by_source = ACCOUNT.record_failure(account, now), SOURCE.record_failure(source, now)
    _record_failure(username, now, by_account)
    if by_source.lock_started:
        audit("auth.sign_in_locked", detail={"by": "connection", "failures": by_source.count,
                                             "locked_minutes": ratelimit.try_again_in(by_source.locked_for)})
    return Attempt(None, max(by_account.locked_for, by_source.locked_for))


def _bucket(user: AbstractBaseUser | None) -> str:
    return f"user:{user.pk}" if user is not None else _UNKNOWN


def _user_named(username: str) -> AbstractBaseUser | None:
    model = get_user_model()
    return model._default_manager.filter(**{model.USERNAME_FIELD: username}).first()


def _record_failure(username: str, now: float, by_account: Strike | None = None) -> None:
    """Tally a failed or refused attempt, and write the audit row it calls for, if any.

    What was typed is never written: people sometimes type their password into the username box.
    """
    user = _user_named(username)
    bucket = _bucket(user)
    TALLY.add(bucket)
    if by_account is not None and by_account.lock_started:
        if user is not None:
            audit("auth.sign_in_locked", actor=user, detail={
                "by": "account", "failures": TALLY.take(bucket),
                "locked_minutes": ratelimit.try_again_in(by_account.locked_for)})
            return
        TALLY.add(_UNKNOWN_LOCKOUTS)
    if TALLY.first_in(bucket, SUMMARY_SECONDS, now):
        detail = {"failures": TALLY.take(bucket)}
        if user is None and (lockouts := TALLY.take(_UNKNOWN_LOCKOUTS)):
            detail["lockouts"] = lockouts
        audit("auth.sign_in_failed", actor=user if user is not None else UNKNOWN_USERNAME, detail=detail)
