"""A failed CSRF check loses nothing: the form comes back with what was typed, in plain words, with a
fresh token that makes the second press of "Send" work. Nothing from the failed POST is kept."""

from __future__ import annotations

import html as htmllib
import logging
import re

import pytest
from django.test import Client

from reporting.models import Message, Report
from tests.factories import report, sign_in

pytestmark = pytest.mark.django_db

STORY = ("The night duty worker could not reach the on-call manager & the out-of-hours line rang out "
         "for forty minutes before anyone answered.")
SEND_AGAIN = "We could not send your report. Please check it and send it again."
IP = "203.0.113.9"


def browser() -> Client:
    """A test client that checks CSRF as a real browser's requests are checked."""
    return Client(enforce_csrf_checks=True)


def token_in(response) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode()).group(1)


def report_data(token: str, **overrides) -> dict:
    return {"csrfmiddlewaretoken": token, "what_happened": STORY, "kind": "near_miss", "potential_harm": "3",
            "how_noticed": "A colleague rang round.", "agencies": ["police", "health"], "occurred_month": "3",
            "occurred_year": "2025", "idempotency_key": "the-key-on-the-page", **overrides}


def assert_shown_again(response, message: str) -> str:
    html = response.content.decode()
    assert response.status_code == 403
    assert '<div class="govuk-error-summary" data-module="govuk-error-summary">' in html
    assert f"<li>{message}</li>" in html
    assert "<title>Error:" in html
    assert "CSRF" not in html and "verification failed" not in html
    return html


def test_an_anonymous_report_whose_cookie_was_lost_comes_back_with_everything_typed(organisation):
    reporter = browser()
    old_token = token_in(reporter.get(f"/r/{organisation.slug}/"))
    reporter.cookies.clear()  # the phone's browser was closed overnight

    response = reporter.post(f"/r/{organisation.slug}/", report_data(old_token))
    html = assert_shown_again(response, SEND_AGAIN)
    assert f">{htmllib.escape(STORY)}</textarea>" in html
    assert ">A colleague rang round.</textarea>" in html
    assert 'value="near_miss" checked' in html and 'value="3" checked' in html
    assert 'value="police" checked' in html and 'value="health" checked' in html
    assert '<option value="3" selected>' in html and 'value="2025"' in html
    assert 'value="the-key-on-the-page"' in html
    assert Report.objects.count() == 0
    assert "Report sent" not in html and 'data-testid="receipt-code"' not in html

    # Only the session-scoped CSRF cookie, fresh, and it works.
    assert sorted(response.cookies) == ["csrftoken"]
    assert response.cookies["csrftoken"]["max-age"] == "" and response.cookies["csrftoken"]["expires"] == ""
    again = reporter.post(f"/r/{organisation.slug}/", report_data(token_in(response)))
    assert again.status_code == 200
    assert re.search(r"[0-9A-Z]{4}(-[0-9A-Z]{4}){3}", again.context["result"].receipt_code)
    assert Report.objects.count() == 1


def test_other_mistakes_are_listed_too_so_one_more_send_is_enough(organisation):
    response = browser().post(f"/r/{organisation.slug}/", report_data("", kind=""))
    html = assert_shown_again(response, SEND_AGAIN)
    assert "Select what kind of report this is" in html
    assert Report.objects.count() == 0


def test_a_failed_check_on_an_anonymous_form_logs_no_address_device_or_text(organisation, caplog):
    with caplog.at_level(logging.DEBUG):
        browser().post(f"/r/{organisation.slug}/", report_data(""), REMOTE_ADDR=IP,
                       HTTP_USER_AGENT="Mozilla/5.0 (Android 14; Mobile)")
    (record,) = [r for r in caplog.records if r.name == "django.security.csrf"]
    assert record.getMessage() == f"Forbidden (CSRF cookie not set.): /r/{organisation.slug}/"
    logged = caplog.text + repr([vars(r) for r in caplog.records])
    assert IP not in logged and "Android" not in logged and "forty minutes" not in logged


def test_a_post_from_another_site_is_refused_without_filling_in_our_form(organisation):
    reporter = browser()
    token = token_in(reporter.get(f"/r/{organisation.slug}/"))
    response = reporter.post(f"/r/{organisation.slug}/", report_data(token, what_happened="Planted by another site"),
                             HTTP_ORIGIN="https://elsewhere.example")
    html = response.content.decode()
    assert response.status_code == 403
    assert "Sorry, you need to try that again" in html
    assert "Planted by another site" not in html
    assert f'href="/r/{organisation.slug}/"' in html
    assert Report.objects.count() == 0


def test_a_staff_report_comes_back_with_its_text_and_choice_of_confidentiality(organisation, reporter_user):
    staff = sign_in(browser(), reporter_user)
    url = f"/o/{organisation.slug}/report/"
    old_token = token_in(staff.get(url))
    del staff.cookies["csrftoken"]  # the session survives; the session-only CSRF cookie did not

    response = staff.post(url, report_data(old_token, confidentiality="open"))
    html = assert_shown_again(response, SEND_AGAIN)
    assert "signed in as staff" in html
    assert f">{htmllib.escape(STORY)}</textarea>" in html
    assert 'value="open" checked' in html
    assert Report.objects.count() == 0

    again = staff.post(url, report_data(token_in(response), confidentiality="open"))
    assert again.status_code == 200
    assert Report.objects.get().confidentiality == "open"


def test_a_signed_out_visitor_cannot_use_a_failed_check_to_reach_the_staff_form(organisation):
    response = browser().post(f"/o/{organisation.slug}/report/", report_data(""))
    assert response.status_code == 302 and response["Location"].startswith("/sign-in/")
    assert Report.objects.count() == 0


def follow_up(reporter: Client, code: str):
    token = token_in(reporter.get("/receipt/"))
    return reporter.post("/receipt/", {"csrfmiddlewaretoken": token, "code": code})


def test_a_reply_whose_cookie_was_lost_comes_back_with_the_text_and_sends_on_the_second_press(organisation):
    result = report(organisation)
    reporter = browser()
    page = follow_up(reporter, result.receipt_code)
    reporter.cookies.clear()
    reply = "It was the assessment team; the duty manager knew."
    data = {"csrfmiddlewaretoken": token_in(page), "code": result.receipt_code, "body": reply,
            "idempotency_key": "reply-key"}

    response = reporter.post("/receipt/reply/", data)
    html = assert_shown_again(response, "We could not send your message. Please check it and send it again.")
    assert f">{htmllib.escape(reply)}</textarea>" in html
    assert f'value="{result.receipt_code}"' in html
    assert "Your message has been sent" not in html
    assert not Message.objects.filter(author_kind="reporter").exists()
    assert sorted(response.cookies) == ["csrftoken"]

    again = reporter.post("/receipt/reply/", {**data, "csrfmiddlewaretoken": token_in(response)})
    assert again.status_code == 200
    assert "Your message has been sent to the reviewer." in again.content.decode()
    assert Message.objects.get(author_kind="reporter").report == result.report


def test_a_failed_check_with_a_wrong_code_shows_nothing_of_any_report(organisation):
    report(organisation)
    response = browser().post("/receipt/reply/", {"code": "ABCD-EFGH-JKMN-PQRS", "body": "hello"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Your receipt code was not recognised" in html
    assert not Message.objects.exists()
