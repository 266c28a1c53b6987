import ipaddress
import logging

from django.conf import settings
from django.db import connection
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseForbidden,
    HttpResponseServerError,
    JsonResponse,
)
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET

from core import csrf, ratelimit, workers
from core.context_processors import service

logger = logging.getLogger(__name__)

@require_GET
def promise(request: HttpRequest) -> HttpResponse:
    return render(request, "core/promise.html")


# Headers a reverse proxy adds: a request that carries one came from outside, whatever its address.
_PROXY_HEADERS = ("HTTP_X_FORWARDED_FOR", "HTTP_X_FORWARDED_PROTO", "HTTP_X_FORWARDED_HOST", "HTTP_FORWARDED",
                  "HTTP_X_REAL_IP", "HTTP_VIA")


def asked_on_this_machine(request: HttpRequest) -> bool:
    """True for a request made on this machine itself (a monitoring agent, `curl` on the server), not
    relayed by a proxy: a proxy on the same machine also connects from 127.0.0.1, but adds its headers
    (the one README says it must set, X-Forwarded-Proto, among them)."""
    header = getattr(settings, "GOODCATCH_CLIENT_IP_HEADER", "")
    relayed = (*_PROXY_HEADERS, ratelimit.meta_name(header)) if header else _PROXY_HEADERS
    if any(name in request.META for name in relayed):
        return False
    try:
        return ipaddress.ip_address(request.META.get("REMOTE_ADDR", "")).is_loopback
    except ValueError:
        return False


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness with a real database round trip, for load balancers and `make run`.

    `?detail=1` adds how the background queues keep up (core.workers.queue_depth), for operators. It is
    answered only on this machine: it needs no credential that could leak, and counts of waiting work,
    though they name nothing, are nobody else's business.
    """
    detail = request.GET.get("detail") == "1"
    if detail and not asked_on_this_machine(request):
        return JsonResponse({"detail": "Queue detail is given only to requests made on the server itself, "
                                       "not through a proxy."}, status=403)
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    if not detail:
        return JsonResponse({"status": "ok", "database": "ok"})
    return JsonResponse({"status": "ok", "database": "ok", **workers.queue_depth()})


# Error pages -------------------------------------------------------------------------------------
# None of them shows the exception: its message can carry a query, a path or a person's details.

_LAST_RESORT = ("<!DOCTYPE html><html lang=\"en-gb\"><head><meta charset=\"utf-8\"><title>{title}</title></head>"
                "<body><h1>{title}</h1><p>{body}</p></body></html>")


def _without_request(template: str, title: str, body: str, context: dict | None = None) -> str:
    """Render an error page from settings alone: no request, no context processors, so no session,
    user or database. If even that fails, a plain page with the same words."""
    try:
        return render_to_string(template, {**service(None), **(context or {})})
    except Exception:
        logger.exception("Error page %s could not be rendered; sent a plain one", template)
        return _LAST_RESORT.format(title=title, body=body)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """400, for example a request for a host name this service does not answer: the request itself
    cannot be trusted, so the page is built without it."""
    return HttpResponseBadRequest(_without_request(
        "400.html", _("Sorry, there is a problem with that request"),
        _("Go back and try again. If you typed the web address, check it is correct.")))


@requires_csrf_token
def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "403.html", status=403)


@requires_csrf_token
def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """500: must work when the database, a context processor or the request is what broke."""
    return HttpResponseServerError(_without_request(
        "500.html", _("Sorry, there is a problem with the service"), _("Try again later.")))


@sensitive_post_parameters()
@never_cache
def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A failed CSRF check, in plain words. Report forms are shown again with their text (core.csrf);
    anything else gets a page that says nothing was saved and links back."""
    view = csrf.view_to_call_again(request, reason)
    if view is not None:
        csrf.mark_failed(request)
        match = request.resolver_match
        return view(request, *match.args, **match.kwargs)
    try:
        return render(request, "403_csrf.html", {"back_url": _back_url(request)}, status=403)
    except Exception:  # a broken session, database or URL must not turn this into a server error
        logger.exception("The CSRF failure page could not be rendered with its request")
        return HttpResponseForbidden(_without_request(
            "403_csrf.html", _("Sorry, you need to try that again"), _("Go back to the page and try again."),
            {"back_url": request.path}))


def _back_url(request: HttpRequest) -> str:
    referer = request.META.get("HTTP_REFERER", "")
    if url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return referer
    if getattr(request, "is_anonymous_route", False):
        return request.path  # reporters' pages answer GET, and their referrer was removed on the way in
    return reverse("reporting:home")
