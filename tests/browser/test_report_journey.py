"""The journey of a near miss on a phone: an anonymous report, a reviewer's check and message,
and the reporter's reply with the receipt code. axe runs on every page on the way."""

from __future__ import annotations

import re

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from organisations.models import Role
from tests.browser.axe import assert_no_serious_axe_violations
from tests.factories import PASSWORD, OrganisationFactory, member

NAMES = ("Tamsin", "Quilliam", "Oskar")
NARRATIVE = ("Mum Tamsin Quilliam rang the duty line at 5pm to say her son Oskar (8) had been sent home with a "
             "neighbour nobody had checked. The referral from school had sat in the shared inbox for two days.")


@pytest.fixture
def organisation(transactional_db):
    return OrganisationFactory(slug="journey", name="Journey Borough Council")


@pytest.fixture
def reviewer(organisation):
    return member(organisation, Role.REVIEWER, username="journey-reviewer")


def totp_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def submit_anonymous_report(page, organisation) -> str:
    page.goto(f"/r/{organisation.slug}/")
    assert_no_serious_axe_violations(page)
    page.get_by_label("What happened?").fill(NARRATIVE)
    page.get_by_label("Near miss – something nearly went wrong").check()
    page.get_by_label("Severe – serious harm to a child or adult").check()
    page.get_by_label("Stage of work").select_option("referral")
    page.get_by_role("button", name="Send report").click()
    page.get_by_role("heading", name="Report sent").wait_for()
    assert_no_serious_axe_violations(page)
    code = page.get_by_test_id("receipt-code").inner_text().strip()
    assert re.fullmatch(r"[0-9A-Z]{4}(-[0-9A-Z]{4}){3}", code)
    return code


def sign_in_with_two_factor(page, username: str) -> None:
    page.goto("/sign-in/")
    assert_no_serious_axe_violations(page)
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Set up two-factor sign-in").wait_for()
    assert_no_serious_axe_violations(page)
    device = TOTPDevice.objects.get(user__username=username, confirmed=False)
    page.get_by_label("Security code").fill(totp_code(device))
    page.get_by_role("button", name="Continue").click()


def test_a_near_miss_travels_from_a_phone_to_a_reviewer_and_back(page, organisation, reviewer, settings):
    settings.REQUIRE_TWO_FACTOR = True
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    code = submit_anonymous_report(page, organisation)

    # A reviewer signs in on a phone, finds the report at the top of the queue and checks it.
    sign_in_with_two_factor(page, reviewer.username)
    page.get_by_role("heading", name="Triage queue").wait_for()
    assert_no_serious_axe_violations(page)
    queue_html = page.content()
    assert not any(name in queue_html for name in NAMES)
    page.get_by_test_id("queue").get_by_role("link").first.click()
    page.get_by_test_id("awaiting-deid").wait_for()
    assert_no_serious_axe_violations(page)
    assert not any(name in page.content() for name in NAMES)

    page.get_by_role("button", name="Check de-identification").click()
    page.get_by_role("heading", name="Check de-identification").wait_for()
    assert_no_serious_axe_violations(page)
    preview = page.get_by_test_id("preview-what_happened").inner_text()
    assert not any(name in preview for name in NAMES)
    page.get_by_role("button", name="Confirm de-identification").click()

    narrative = page.get_by_test_id("narrative").inner_text()
    assert "duty line" in narrative and "[PERSON" in narrative
    assert_no_serious_axe_violations(page)
    detail_html = page.content()
    assert not any(name in detail_html for name in NAMES)

    page.get_by_label("Message to the reporter").fill("Thank you. Which team held the referral?")
    page.get_by_role("button", name="Send message").click()
    page.get_by_text("Message sent to the reporter.").wait_for()
    assert_no_serious_axe_violations(page)

    # Every page a reviewer reads from now on is free of the original names.
    for url in (f"/o/{organisation.slug}/queue/?status=all", page.url):
        page.goto(url)
        assert not any(name in page.content() for name in NAMES), url

    # The reporter, with no account, follows up with the code and replies.
    page.context.clear_cookies()
    page.goto("/receipt/")
    assert_no_serious_axe_violations(page)
    page.get_by_label("Your receipt code").fill(code.lower().replace("-", " "))
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("heading", name="Your report").wait_for()
    assert_no_serious_axe_violations(page)
    assert "Which team held the referral?" in page.get_by_test_id("message").first.inner_text()
    page.get_by_label("Your reply or more information").fill("The assessment team. It was in the shared inbox.")
    page.get_by_role("button", name="Send message").click()
    page.get_by_text("Your message has been sent to the reviewer.").wait_for()
    assert_no_serious_axe_violations(page)
    assert "The assessment team." in page.content()


def test_mistakes_are_shown_in_an_error_summary_and_the_text_is_kept(page, organisation):
    page.goto(f"/r/{organisation.slug}/")
    page.get_by_label("What happened?").fill("The core group minutes went to the wrong address.")
    page.get_by_role("button", name="Send report").click()
    summary = page.locator(".govuk-error-summary")
    summary.wait_for()
    assert "Select what kind of report this is" in summary.inner_text()
    assert page.get_by_label("What happened?").input_value() == "The core group minutes went to the wrong address."
    assert_no_serious_axe_violations(page)
    summary.get_by_role("link", name="Select what kind of report this is").click()
    assert page.evaluate("document.activeElement.id") == "id_kind_0"


def test_a_report_can_be_sent_without_javascript(browser, base_url, organisation):
    context = browser.new_context(base_url=base_url, java_script_enabled=False,
                                  viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(f"/r/{organisation.slug}/")
        page.get_by_label("What happened?").fill("Nobody picked up the out-of-hours call.")
        page.get_by_label("Concern – something could go wrong").check()
        page.get_by_role("button", name="Send report").click()
        assert re.fullmatch(r"[0-9A-Z]{4}(-[0-9A-Z]{4}){3}", page.get_by_test_id("receipt-code").inner_text().strip())
    finally:
        context.close()


def test_queue_filters_update_in_place_with_javascript(page, organisation, reviewer, settings):
    from tests.factories import report

    settings.REQUIRE_TWO_FACTOR = False
    report(organisation, "A near miss at the front door.", kind="near_miss")
    report(organisation, "Something went well at the review.", kind="good_practice")
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto("/sign-in/")
    page.get_by_label("Username").fill(reviewer.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Triage queue").wait_for()
    assert "2 reports" in page.locator("#queue-results").inner_text()
    page.evaluate("window.__stillHere = true")
    page.get_by_label("Kind").select_option("good_practice")
    page.wait_for_url("**kind=good_practice**")
    page.get_by_text("1 report,").wait_for()
    assert page.evaluate("window.__stillHere") is True  # swapped in place, not a new page
    assert not [e for e in errors if "Content Security Policy" in e]
    assert_no_serious_axe_violations(page)
