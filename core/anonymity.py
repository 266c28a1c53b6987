"""Keeping reporters' connections out of the application: a middleware for anonymous routes and a
logging filter for everywhere.

Wiring (settings):

* ``AnonymousRouteMiddleware`` goes straight after SecurityMiddleware/WhiteNoise and before
  SessionMiddleware, so that sessions, CSRF and everything after it see the scrubbed request.
* ``StripClientDetails`` goes on every *handler* (a filter on a logger does not see records that
  propagate from its children): ``"filters": {"strip_client": {"()": "core.anonymity.StripClientDetails"}}``.
* The web server's own access log is outside Django and must be configured not to log addresses.

settings.GOODCATCH_ANONYMOUS_PATHS is a list of path prefixes, default ["/r/", "/receipt/",
"/survey/", "/api/v1/orgs/"]. A prefix under /api/ covers only report submission: a POST to
``<prefix><slug>/reports``; the reviewers' GET on the same path is not anonymous.
settings.GOODCATCH_ANONYMOUS_KEEP_COOKIES names the cookies a reporter's browser may still send
there, default the CSRF cookie and the language cookie (which holds only "en-gb" or "cy").
"""

from __future__ import annotations

import ipaddress
import logging
import re
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.http.cookie import parse_cookie

from core import ratelimit

DEFAULT_ANONYMOUS_PATHS = ["/r/", "/receipt/", "/survey/", "/api/v1/orgs/"]
BLANK_ADDRESS = "0.0.0.0"  # noqa: S104 - a placeholder value, not an address to bind to

# Request headers that describe the reporter's device or network path rather than the request.
CLIENT_HEADERS = (
    "REMOTE_HOST", "HTTP_USER_AGENT", "HTTP_REFERER", "HTTP_X_FORWARDED_FOR", "HTTP_X_REAL_IP", "HTTP_FORWARDED",
    "HTTP_VIA", "HTTP_CLIENT_IP", "HTTP_X_CLIENT_IP", "HTTP_TRUE_CLIENT_IP", "HTTP_CF_CONNECTING_IP",
    "HTTP_FASTLY_CLIENT_IP", "HTTP_X_CLUSTER_CLIENT_IP", "HTTP_SEC_CH_UA", "HTTP_SEC_CH_UA_MOBILE",
    "HTTP_SEC_CH_UA_PLATFORM",
)


def _keep_cookies() -> set[str]:
    default = [settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME]
    return set(getattr(settings, "GOODCATCH_ANONYMOUS_KEEP_COOKIES", default))


def is_anonymous_route(request: HttpRequest) -> bool:
    path = request.path_info
    for prefix in getattr(settings, "GOODCATCH_ANONYMOUS_PATHS", DEFAULT_ANONYMOUS_PATHS):
        if prefix.startswith("/api/"):
            if request.method == "POST" and re.fullmatch(re.escape(prefix) + r"[^/]+/reports/?", path):
                return True
        elif path.startswith(prefix):
            return True
    return False


def scrub_request(request: HttpRequest) -> None:
    meta = request.META
    meta["REMOTE_ADDR"] = BLANK_ADDRESS
    header = getattr(settings, "GOODCATCH_CLIENT_IP_HEADER", "")
    for name in (*CLIENT_HEADERS, ratelimit.meta_name(header) if header else ""):
        meta.pop(name, None)
    keep = _keep_cookies()
    cookies = {k: v for k, v in parse_cookie(meta.get("HTTP_COOKIE", "")).items() if k in keep}
    if cookies:
        meta["HTTP_COOKIE"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    else:
        meta.pop("HTTP_COOKIE", None)
    # Drop anything already parsed from the headers before this middleware ran.
    for cached in ("COOKIES", "headers"):
        request.__dict__.pop(cached, None)


def strip_response_cookies(response: HttpResponse) -> None:
    keep = _keep_cookies()
    for name in list(response.cookies):
        if name not in keep:
            del response.cookies[name]
    raw = response.headers.get("Set-Cookie")
    if raw is not None and raw.split("=", 1)[0].strip() not in keep:
        del response.headers["Set-Cookie"]


class AnonymousRouteMiddleware:
    """On anonymous routes, forget the connection before anything else sees it.

    The rate-limit stand-in is computed first (`request.rate_limit_key_source`, a keyed hash, never
    an address), then the address is blanked, device and proxy headers removed, and every cookie but
    the kept ones dropped, in both directions: no session means no signed-in user on these routes.
    Sets `request.is_anonymous_route` on every request.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_anonymous_route(request):
            request.is_anonymous_route = False
            return self.get_response(request)
        request.rate_limit_key_source = ratelimit.key_source(ratelimit.client_ip(request))
        scrub_request(request)
        request.is_anonymous_route = True
        response = self.get_response(request)
        strip_response_cookies(response)
        return response


# Logging ----------------------------------------------------------------------------------------

REDACTED = "[removed]"
_HEADER_VALUE = re.compile(
    r"(?P<name>\b(?:REMOTE_ADDR|REMOTE_HOST|HTTP_USER_AGENT|HTTP_REFERER|HTTP_X_FORWARDED_FOR|HTTP_X_REAL_IP|"
    r"HTTP_FORWARDED|HTTP_COOKIE|HTTP_CLIENT_IP|HTTP_X_CLIENT_IP|HTTP_TRUE_CLIENT_IP|HTTP_CF_CONNECTING_IP|"
    r"User-Agent|Referr?er|X-Forwarded-For|X-Real-IP|Forwarded|Cookie|Set-Cookie)\b)"
    r"(?P<sep>['\"]?\s*[:=]\s*)"
    r"(?P<value>'[^']*'|\"[^\"]*\"|[^\r\n]*)",
    re.IGNORECASE,
)
_IPV6_CANDIDATE = re.compile(r"(?<![\w:.])[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(?:%[0-9A-Za-z._-]+)?")
_IPV4 = re.compile(r"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?!\w|\.\d)")
# Extra attributes some code attaches to log records.
_CLIENT_ATTRIBUTES = ("request", "ip", "client_ip", "remote_addr", "user_agent", "referer", "referrer",
                      "x_forwarded_for")


def _quoted(match: re.Match[str]) -> str:
    value = match.group("value")
    if value[:1] in ("'", '"'):
        return f"{match.group('name')}{match.group('sep')}{value[0]}{REDACTED}{value[0]}"
    return f"{match.group('name')}{match.group('sep')}{REDACTED}"


def _ipv6(match: re.Match[str]) -> str:
    text = match.group()
    core = text.rstrip(".:")
    try:
        ipaddress.IPv6Address(core.split("%", 1)[0])
    except ValueError:
        return text
    return "[ip]" + text[len(core):]


def _ipv4(match: re.Match[str]) -> str:
    try:
        ipaddress.IPv4Address(match.group())
    except ValueError:
        return match.group()
    return "[ip]"


def scrub_text(text: str) -> str:
    """Remove header values that identify a client, then IPv6 and IPv4 literals."""
    text = _HEADER_VALUE.sub(_quoted, text)
    text = _IPV6_CANDIDATE.sub(_ipv6, text)
    return _IPV4.sub(_ipv4, text)


class StripClientDetails(logging.Filter):
    """Removes client addresses, user agents, referrers and cookies from every record it sees,
    including the `request` that Django attaches to django.request and django.server records."""

    _formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        for name in _CLIENT_ATTRIBUTES:
            record.__dict__.pop(name, None)
        try:
            message = record.getMessage()
        except Exception:  # a malformed call: keep what can be kept, without its arguments
            message = str(record.msg)
        record.msg, record.args = scrub_text(message), ()
        if record.exc_info and not record.exc_text:
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = scrub_text(record.exc_text)
        if record.stack_info:
            record.stack_info = scrub_text(record.stack_info)
        return True
