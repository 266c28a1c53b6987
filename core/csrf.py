"""When a form's CSRF check fails, show the form again instead of losing what was typed.

A phone browser killed overnight forgets its session-only CSRF cookie, so the next "Send" fails the
check. For a view marked with ``shows_form_again_on_csrf_failure`` the failure view
(``core.views.csrf_failure``) calls the view again, through all its own decorators, with
``csrf_failed(request)`` true. The view must then bind its form to the POST, store nothing, and
answer 403 with the form and a plain "please send it again". Rendering ``{% csrf_token %}`` gives
the page a fresh token (and cookie), so the next press of "Send" works.

Only token and cookie failures are handled this way. A POST from another site (a failed Origin or
Referer check) gets the generic page, so no other site can fill in one of our forms.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.http import HttpRequest
from django.middleware.csrf import (
    REASON_BAD_ORIGIN,
    REASON_BAD_REFERER,
    REASON_INSECURE_REFERER,
    REASON_MALFORMED_REFERER,
    REASON_NO_REFERER,
)

View = TypeVar("View", bound=Callable)

_MARK = "shows_form_again_on_csrf_failure"
_FAILED = "goodcatch_csrf_failed"
_FROM_ANOTHER_SITE = tuple(reason.split("%s")[0] for reason in (
    REASON_BAD_ORIGIN, REASON_BAD_REFERER, REASON_INSECURE_REFERER, REASON_MALFORMED_REFERER, REASON_NO_REFERER))


def shows_form_again_on_csrf_failure(view: View) -> View:
    """Mark a view (outermost decorator) that re-shows its form when the CSRF check fails."""
    setattr(view, _MARK, True)
    return view


def view_to_call_again(request: HttpRequest, reason: str) -> Callable | None:
    """The marked view this request was for, when the failure is one a fresh token can mend."""
    match = getattr(request, "resolver_match", None)
    if match is None or not getattr(match.func, _MARK, False) or reason.startswith(_FROM_ANOTHER_SITE):
        return None
    return match.func


def mark_failed(request: HttpRequest) -> None:
    setattr(request, _FAILED, True)


def csrf_failed(request: HttpRequest) -> bool:
    """True while a marked view is being called again after a failed CSRF check: store nothing."""
    return getattr(request, _FAILED, False)
