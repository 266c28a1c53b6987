"""The error pages: in the service's layout, in plain words, never showing what went wrong inside.

Tests run with DEBUG off, as production does, so these are the pages people really see.
"""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string
from django.test import Client

from organisations.models import Role
from tests.factories import member, sign_in

INTERNALS = ("Traceback", "Exception", "Error at", "django.", "settings.", "File \"", "RuntimeError",
             "Database access not allowed", "CSRF")


def assert_styled(response, status: int, heading: str) -> str:
    """The page has the status, the service's header and stylesheet, the heading, and nothing internal."""
    html = response.content.decode()
    assert response.status_code == status
    assert f'<h1 class="govuk-heading-l">{heading}</h1>' in html
    assert f"<title>{heading} – Good Catch</title>" in html
    assert 'class="govuk-header"' in html and "govuk-frontend.min." in html
    assert '<span class="govuk-header__product-name">Good Catch</span>' in html
    for leak in INTERNALS:
        assert leak not in html, leak
    return html


def broken_context_processor(request):
    raise RuntimeError("the navigation could not be built")


# 404 --------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_unknown_address_gets_page_not_found_with_a_way_home(client):
    html = assert_styled(client.get("/no-such-page-here/"), 404, "Page not found")
    assert "If you typed the web address, check it is correct." in html
    assert 'href="/"' in html


@pytest.mark.django_db
def test_a_reporter_following_a_wrong_link_sees_the_page_and_gets_no_cookie(client):
    response = client.get("/r/no-such-council/")
    html = assert_styled(response, 404, "Page not found")
    assert "There is no organisation" not in html  # the exception's own words are never shown
    assert not response.cookies


@pytest.mark.django_db
def test_an_organisation_you_do_not_belong_to_looks_like_any_missing_page(client, organisation, other_organisation):
    sign_in(client, member(other_organisation, Role.ADMIN, username="outsider"))
    html = assert_styled(client.get(f"/o/{organisation.slug}/queue/"), 404, "Page not found")
    assert "No such organisation" not in html


# 403 --------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_role_without_permission_is_told_plainly_and_keeps_the_menu(client, organisation, reporter_user):
    sign_in(client, reporter_user)
    html = assert_styled(client.get(f"/o/{organisation.slug}/queue/"), 403, "You do not have permission to do this")
    assert "ask an administrator in your organisation" in html
    assert "Sign out" in html  # still in the signed-in layout
    assert '<a class="govuk-link" href="/o/">Go to your start page</a>' in html


# 400 --------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_request_for_another_host_gets_a_plain_bad_request_page_that_does_not_repeat_it(client):
    response = client.get("/", HTTP_HOST="intranet.attacker.example")
    html = assert_styled(response, 400, "Sorry, there is a problem with that request")
    assert "attacker" not in html


# 500 --------------------------------------------------------------------------------------------


def test_the_server_error_page_renders_without_a_database():
    """No django_db mark: any query fails, so the reporting page errors and the 500 page must cope."""
    response = Client(raise_request_exception=False).get("/r/some-council/")
    html = assert_styled(response, 500, "Sorry, there is a problem with the service")
    assert "Try again later." in html
    assert "what you typed may still be there" in html


def test_the_server_error_page_renders_when_a_context_processor_fails(settings):
    template_settings = settings.TEMPLATES[0]
    processors = template_settings["OPTIONS"]["context_processors"]
    settings.TEMPLATES = [{**template_settings, "OPTIONS": {
        **template_settings["OPTIONS"],
        "context_processors": [*processors, "tests.core.test_error_pages.broken_context_processor"]}}]
    response = Client(raise_request_exception=False).get("/promise/")
    html = assert_styled(response, 500, "Sorry, there is a problem with the service")
    assert "navigation could not be built" not in html


def test_the_server_error_template_renders_from_an_empty_context_as_django_would():
    html = render_to_string("500.html")
    assert '<h1 class="govuk-heading-l">Sorry, there is a problem with the service</h1>' in html
    assert "govuk-frontend.min." in html


def test_a_broken_error_template_still_gives_a_plain_page_in_plain_words(settings, tmp_path):
    (tmp_path / "500.html").write_text("{% extends 'no-such-layout.html' %}")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]
    response = Client(raise_request_exception=False).get("/r/some-council/")
    html = response.content.decode()
    assert response.status_code == 500
    assert "<h1>Sorry, there is a problem with the service</h1>" in html and "Try again later." in html
    assert "no-such-layout" not in html and "Traceback" not in html


# A failed CSRF check on a page without a form of its own to show again ---------------------------


@pytest.mark.django_db
def test_a_failed_csrf_check_on_sign_in_says_so_plainly_and_links_back(db):
    browser = Client(enforce_csrf_checks=True)
    response = browser.post("/sign-in/", {"username": "someone", "password": "a-password-we-never-show"},
                            HTTP_REFERER="http://testserver/sign-in/?next=/triage/")
    html = assert_styled(response, 403, "Sorry, you need to try that again")
    assert "Nothing from that page has been saved." in html
    assert 'href="http://testserver/sign-in/?next=/triage/"' in html
    assert "a-password-we-never-show" not in html and "verification failed" not in html
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_the_link_back_never_leads_to_another_site(db):
    response = Client(enforce_csrf_checks=True).post("/sign-in/", {}, HTTP_REFERER="https://elsewhere.example/phish")
    html = assert_styled(response, 403, "Sorry, you need to try that again")
    assert "elsewhere.example" not in html
    assert 'href="/"' in html
