"""The browser harness itself: Chromium starts at a phone's size, reaches the live server,
sees what the test wrote to the database, and axe-core runs even under a strict CSP."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth import get_user_model
from django.http import HttpResponse
from django.urls import path

from tests.browser.axe import assert_no_serious_axe_violations, serious_violations

CLEAN_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Harness</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><main><h1>Harness</h1><p>Nothing to see.</p>
<button type="button">Continue</button></main></body></html>"""

BROKEN_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Broken</title></head>
<body><main><h1>Broken</h1><img src="/nothing.png"><button type="button"></button></main></body></html>"""

STRICT_CSP = "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'"


def user_count(request, username):
    return HttpResponse(str(get_user_model().objects.filter(username=username).count()), content_type="text/plain")


urlpatterns = [path("_harness/users/<str:username>", user_count)]


def test_chromium_reaches_live_server_at_phone_size(page, base_url):
    response = page.goto("/healthz")
    assert response is not None and response.ok
    assert json.loads(page.inner_text("body")) == {"status": "ok", "database": "ok"}
    assert page.url == f"{base_url}/healthz"


def test_page_is_a_phone(page):
    page.set_content(CLEAN_PAGE)
    assert page.viewport_size == {"width": 390, "height": 844}
    # A page that declares a device-width viewport is laid out 390 CSS pixels wide, for touch.
    assert page.evaluate("() => window.innerWidth") == 390
    assert page.evaluate("() => navigator.maxTouchPoints") > 0
    assert page.evaluate("() => matchMedia('(pointer: coarse)').matches")


def test_live_server_sees_what_the_test_wrote(page, settings):
    settings.ROOT_URLCONF = __name__
    get_user_model().objects.create_user(username="harness-probe", password="not-a-real-password-1")
    page.goto("/_harness/users/harness-probe")
    assert page.inner_text("body").strip() == "1"


def test_each_test_gets_an_empty_database(page, settings):
    # The previous test's user is gone: live-server tests run on a transactional database.
    settings.ROOT_URLCONF = __name__
    page.goto("/_harness/users/harness-probe")
    assert page.inner_text("body").strip() == "0"


def test_axe_passes_a_clean_page(page):
    page.set_content(CLEAN_PAGE)
    assert_no_serious_axe_violations(page)


def test_axe_lists_serious_violations(page):
    page.set_content(BROKEN_PAGE)
    with pytest.raises(AssertionError) as failure:
        assert_no_serious_axe_violations(page)
    message = str(failure.value)
    assert "image-alt" in message
    assert "button-name" in message
    assert "at img" in message


def test_axe_runs_under_a_strict_csp(page, base_url):
    def serve(route):
        headers = {"Content-Type": "text/html", "Content-Security-Policy": STRICT_CSP}
        route.fulfill(status=200, body=BROKEN_PAGE, headers=headers)

    page.route(f"{base_url}/_harness/csp", serve)
    page.goto("/_harness/csp")
    # The policy really is enforced: an inline <script> is refused ...
    with pytest.raises(Exception, match=r"(?i)content security policy|refused|error"):
        page.add_script_tag(content="window.inlineRan = true")
    assert page.evaluate("() => window.inlineRan") is None
    # ... and axe still runs.
    assert {v["id"] for v in serious_violations(page)} >= {"image-alt", "button-name"}
