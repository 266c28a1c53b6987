"""Anonymous routes forget the connection, and logs never carry a client's address or device."""

from __future__ import annotations

import logging

import pytest
from django.http import HttpResponse
from django.test import Client, RequestFactory, override_settings

from core.anonymity import BLANK_ADDRESS, AnonymousRouteMiddleware, StripClientDetails, is_anonymous_route, scrub_text
from core.ratelimit import key_source

IP = "203.0.113.7"
UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0 Safari/537.36"
REFERER = "https://intranet.example.org/teams/night-duty"
CLIENT_HEADERS = {
    "REMOTE_ADDR": IP, "HTTP_USER_AGENT": UA, "HTTP_REFERER": REFERER, "HTTP_X_FORWARDED_FOR": f"{IP}, 10.0.0.1",
    "HTTP_X_REAL_IP": IP, "HTTP_FORWARDED": f"for={IP}", "REMOTE_HOST": "laptop-17.council.local",
    "HTTP_COOKIE": "sessionid=s3ss10n; csrftoken=tok3n; django_language=cy; _ga=GA1.2.3",
}
STACK = [
    "django.middleware.security.SecurityMiddleware",
    "core.anonymity.AnonymousRouteMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]


def through_middleware(method: str, path: str, **meta):
    seen = {}

    def view(request):
        seen["request"] = request
        seen["meta"] = dict(request.META)
        seen["cookies"] = dict(request.COOKIES)
        response = HttpResponse("ok")
        for name in ("sessionid", "csrftoken", "django_language", "tracker"):
            response.set_cookie(name, "value")
        return response

    request = getattr(RequestFactory(), method.lower())(path, **{**CLIENT_HEADERS, **meta})
    response = AnonymousRouteMiddleware(view)(request)
    return seen, response


# Which routes ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("method", "path", "anonymous"), [
    ("GET", "/r/demo-council/", True),
    ("POST", "/r/demo-council/", True),
    ("GET", "/receipt/", True),
    ("POST", "/receipt/reply/", True),
    ("POST", "/api/v1/orgs/demo-council/reports", True),
    ("POST", "/api/v1/orgs/demo-council/reports/", True),
    ("GET", "/api/v1/orgs/demo-council/reports", False),  # reviewers' list, by token
    ("POST", "/api/v1/orgs/demo-council/reports/GC-ABC123", False),
    ("POST", "/api/v1/orgs/", False),
    ("GET", "/triage/", False),
    ("GET", "/", False),
    ("GET", "/rota/", False),
])
def test_anonymous_routes_are_the_reporting_pages_and_the_submission_api(method, path, anonymous):
    assert is_anonymous_route(getattr(RequestFactory(), method.lower())(path)) is anonymous


def test_the_anonymous_paths_come_from_settings(settings):
    settings.GOODCATCH_ANONYMOUS_PATHS = ["/report/"]
    assert is_anonymous_route(RequestFactory().get("/report/x/"))
    assert not is_anonymous_route(RequestFactory().get("/r/x/"))


# The middleware ----------------------------------------------------------------------------------


def test_an_anonymous_route_sees_no_address_device_referrer_or_proxy_headers():
    seen, _ = through_middleware("POST", "/r/demo-council/")
    meta = seen["meta"]
    assert meta["REMOTE_ADDR"] == BLANK_ADDRESS
    for name in ("HTTP_USER_AGENT", "HTTP_REFERER", "HTTP_X_FORWARDED_FOR", "HTTP_X_REAL_IP", "HTTP_FORWARDED",
                 "REMOTE_HOST"):
        assert name not in meta
    text = repr(meta)
    assert IP not in text and "Mozilla" not in text and "night-duty" not in text
    assert seen["request"].is_anonymous_route is True


def test_an_anonymous_route_gets_only_the_csrf_and_language_cookies():
    seen, _ = through_middleware("GET", "/receipt/")
    assert seen["cookies"] == {"csrftoken": "tok3n", "django_language": "cy"}
    assert "sessionid" not in seen["meta"]["HTTP_COOKIE"]


def test_the_cookies_kept_come_from_settings(settings):
    settings.GOODCATCH_ANONYMOUS_KEEP_COOKIES = ["csrftoken"]
    seen, response = through_middleware("GET", "/receipt/")
    assert seen["cookies"] == {"csrftoken": "tok3n"}
    assert sorted(response.cookies) == ["csrftoken"]


def test_an_anonymous_route_sets_no_cookie_but_the_kept_ones():
    _, response = through_middleware("GET", "/r/demo-council/")
    assert sorted(response.cookies) == ["csrftoken", "django_language"]


def test_the_rate_limit_key_is_taken_before_the_address_is_blanked():
    seen, _ = through_middleware("POST", "/api/v1/orgs/demo-council/reports")
    source = seen["request"].rate_limit_key_source
    assert source == key_source(IP)
    assert IP not in source


def test_behind_a_proxy_the_key_comes_from_the_named_header_which_is_then_removed(settings):
    settings.GOODCATCH_CLIENT_IP_HEADER = "X-Client-Address"
    seen, _ = through_middleware("GET", "/r/x/", REMOTE_ADDR="10.0.0.2", HTTP_X_CLIENT_ADDRESS=IP)
    assert seen["request"].rate_limit_key_source == key_source(IP)
    assert "HTTP_X_CLIENT_ADDRESS" not in seen["meta"]


def test_other_routes_are_left_alone():
    seen, response = through_middleware("GET", "/triage/")
    assert seen["meta"]["REMOTE_ADDR"] == IP and seen["meta"]["HTTP_USER_AGENT"] == UA
    assert "sessionid" in seen["cookies"]
    assert "tracker" in response.cookies
    assert seen["request"].is_anonymous_route is False
    assert not hasattr(seen["request"], "rate_limit_key_source")


def test_headers_parsed_before_the_middleware_are_forgotten():
    request = RequestFactory().get("/r/x/", **CLIENT_HEADERS)
    assert "sessionid" in request.COOKIES and request.headers["User-Agent"] == UA
    seen = {}

    def view(req):
        seen["cookies"], seen["ua"] = dict(req.COOKIES), req.headers.get("User-Agent")
        return HttpResponse()

    AnonymousRouteMiddleware(view)(request)
    assert "sessionid" not in seen["cookies"] and seen["ua"] is None


@pytest.mark.django_db
@override_settings(MIDDLEWARE=STACK, ROOT_URLCONF="tests.core.probe_urls")
def test_through_the_real_stack_a_signed_in_browser_is_anonymous_on_reporting_pages(reviewer):
    browser = Client(enforce_csrf_checks=True, HTTP_USER_AGENT=UA, REMOTE_ADDR=IP)
    browser.force_login(reviewer)
    assert browser.get("/staff/").json()["signed_in"] is True

    page = browser.get("/r/demo-test/")
    seen = page.json()
    assert seen == {"remote_addr": BLANK_ADDRESS, "user_agent": None, "cookies": ["csrftoken"], "signed_in": False,
                    "anonymous_route": True, "has_key_source": True}
    assert sorted(page.cookies) == ["csrftoken"]  # no session, no tracker

    # CSRF still works with the one cookie left.
    token = browser.cookies["csrftoken"].value
    posted = browser.post("/r/demo-test/", {"csrfmiddlewaretoken": token})
    assert posted.status_code == 200
    assert "sessionid" not in posted.cookies and "tracker" not in posted.cookies
    assert browser.post("/r/demo-test/", {}).status_code == 403


# Logging ----------------------------------------------------------------------------------------


class Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.addFilter(StripClientDetails())
        self.setFormatter(logging.Formatter("%(levelname)s %(name)s %(message)s"))
        self.records: list[logging.LogRecord] = []
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)
        self.lines.append(self.format(record))


@pytest.fixture
def capture():
    handler = Capture()
    loggers = [logging.getLogger(name) for name in ("django.request", "django.security", "django.server", "goodcatch")]
    for logger in loggers:
        logger.addHandler(handler)
    yield handler
    for logger in loggers:
        logger.removeHandler(handler)


@pytest.mark.django_db
def test_django_request_logs_lose_the_request_and_what_it_carried(client, capture):
    client.get("/no-such-page-here/", HTTP_USER_AGENT=UA, REMOTE_ADDR=IP, HTTP_REFERER=REFERER)
    (record,) = [r for r in capture.records if r.name == "django.request"]
    assert not hasattr(record, "request")
    assert capture.lines[-1] == "WARNING django.request Not Found: /no-such-page-here/"


@pytest.mark.django_db
def test_a_bad_host_header_is_logged_without_the_address(client, capture):
    client.get("/", HTTP_HOST="198.51.100.23")
    line = next(line for line in capture.lines if "DisallowedHost" in line)
    assert "198.51.100.23" not in line and "[ip]" in line
    assert not any(hasattr(r, "request") for r in capture.records)


def test_development_server_logs_lose_the_socket_they_carry(capture):
    logging.getLogger("django.server").warning('"%s" %s %s', "POST /r/demo/ HTTP/1.1", "400", "12",
                                               extra={"request": object(), "server_time": "now", "status_code": 400})
    record = capture.records[-1]
    assert not hasattr(record, "request") and record.status_code == 400
    assert capture.lines[-1] == 'WARNING django.server "POST /r/demo/ HTTP/1.1" 400 12'


def test_a_dumped_request_meta_is_scrubbed(capture):
    meta = {"REMOTE_ADDR": IP, "HTTP_USER_AGENT": UA, "HTTP_REFERER": REFERER, "PATH_INFO": "/r/x/",
            "HTTP_X_FORWARDED_FOR": f"{IP}, 2001:db8::7", "HTTP_COOKIE": "sessionid=s3ss10n"}
    logging.getLogger("goodcatch").error("Unexpected request %r", meta, extra={"client_ip": IP})
    line = capture.lines[-1]
    for secret in (IP, "Mozilla", "night-duty", "2001:db8::7", "s3ss10n"):
        assert secret not in line
    assert "'PATH_INFO': '/r/x/'" in line
    assert not hasattr(capture.records[-1], "client_ip")


def test_addresses_in_tracebacks_are_scrubbed(capture):
    try:
        raise ConnectionError(f"reset by peer {IP}")
    except ConnectionError:
        logging.getLogger("goodcatch").exception("Upload failed")
    assert IP not in capture.lines[-1] and "reset by peer [ip]" in capture.lines[-1]


@pytest.mark.parametrize(("text", "expected"), [
    (f"from {IP}.", "from [ip]."),
    ("from 2001:db8:85a3::8a2e:370:7334 and ::1", "from [ip] and [ip]"),
    ("peer [2001:db8::1]:443", "peer [[ip]]:443"),
    ("mapped ::ffff:203.0.113.7 here", "mapped [ip] here"),
    ("link-local fe80::1%eth0 up", "link-local [ip] up"),
    (f"{IP}:51234 connected", "[ip]:51234 connected"),
    (f"User-Agent: {UA}", "User-Agent: [removed]"),
    (f"Referer: {REFERER}\nnext line", "Referer: [removed]\nnext line"),
    ("X-Forwarded-For: 198.51.100.1, 10.0.0.1", "X-Forwarded-For: [removed]"),
    (f"'HTTP_USER_AGENT': '{UA}', 'X': 1", "'HTTP_USER_AGENT': '[removed]', 'X': 1"),
    ("at 12:30:45 on 2026-03-14", "at 12:30:45 on 2026-03-14"),
    ("version 5.2.19 of Django", "version 5.2.19 of Django"),
    ("mac aa:bb:cc:dd:ee:ff", "mac aa:bb:cc:dd:ee:ff"),
    ("999.1.1.1 is no address", "999.1.1.1 is no address"),
    ("report GC-4TFF3C moved to triage", "report GC-4TFF3C moved to triage"),
])
def test_scrubbing_removes_addresses_and_client_headers_and_leaves_other_text(text, expected):
    assert scrub_text(text) == expected


def test_a_malformed_log_call_is_still_logged_without_its_arguments(capture):
    logging.getLogger("goodcatch").warning("two %s %s", IP)
    assert capture.lines[-1] == "WARNING goodcatch two %s %s"
