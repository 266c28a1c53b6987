"""Closing the loop: a reviewer closes a report with feedback from a template, sees it as it will be
sent, and the anonymous reporter reads it on their phone with the receipt code."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from organisations.models import Role
from reporting import lifecycle
from tests.browser.axe import assert_no_serious_axe_violations
from tests.factories import OrganisationFactory, member, report

from .conftest import sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def feedback_world(transactional_db, settings):
    settings.REQUIRE_TWO_FACTOR = False  # the TOTP pages are checked in test_report_journey
    settings.GOODCATCH_TASKS_BACKEND = "immediate"
    organisation = OrganisationFactory(slug="loop", name="Loop Borough Council")
    reviewer = member(organisation, Role.REVIEWER, username="loop-reviewer")
    admin = member(organisation, Role.ADMIN, username="loop-admin")
    submitted = report(organisation, "The referral from school sat in the shared inbox for two days.")
    for status in ("in_review", "coded"):
        lifecycle.transition(submitted.report, status, by=reviewer)
    return {"org": organisation.slug, "reviewer": reviewer, "admin": admin, "reference": submitted.report.reference,
            "code": submitted.receipt_code}


def test_a_reviewer_closes_with_feedback_and_the_anonymous_reporter_reads_it(page, feedback_world):
    org, reference = feedback_world["org"], feedback_world["reference"]
    sign_in(page, feedback_world["reviewer"].username)

    page.goto(f"/o/{org}/reports/{reference}/")
    page.get_by_test_id("close-with-feedback").click()
    page.get_by_role("heading", name=f"Close report {reference} with feedback").wait_for()
    assert_no_serious_axe_violations(page)

    # Start from a template: htmx fills the fields; without JavaScript the button reloads the page.
    page.get_by_label("Thank you, and what we found").check()
    page.get_by_role("button", name="Use this template").click()
    learnt = page.get_by_label("What we learnt")
    expect(learnt).to_have_value(re.compile(r"\[add what you found\]"))
    assert "Thank you for this report" in learnt.input_value()
    learnt.fill("Thank you for this report. Mrs Gwendolyn Pascoe was right: the shared inbox had no owner.")
    page.get_by_label("What will change").fill("Each shared inbox now has a named duty manager, from March.")
    page.get_by_role("button", name="Check the feedback").click()

    preview = page.get_by_test_id("feedback-preview")
    preview.wait_for()
    assert "Mrs [PERSON 1] was right" in preview.inner_text()
    assert "Gwendolyn" not in preview.inner_text()
    assert_no_serious_axe_violations(page)
    page.get_by_role("button", name="Close report and send feedback").click()
    page.get_by_test_id("report-status").wait_for()
    assert page.get_by_test_id("report-status").inner_text() == "Closed with feedback"

    # The reporter, on their own phone with no account, enters the code.
    page.context.clear_cookies()
    page.goto("/receipt/")
    page.get_by_label("Your receipt code").fill(feedback_world["code"].lower())
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("heading", name="Your report", exact=True).wait_for()
    assert page.get_by_test_id("report-status").inner_text() == "Closed with feedback"
    feedback = page.get_by_test_id("feedback")
    assert "Mrs [PERSON 1] was right: the shared inbox had no owner." in feedback.inner_text()
    assert "Each shared inbox now has a named duty manager, from March." in feedback.inner_text()
    assert "Gwendolyn" not in page.content() and feedback_world["reviewer"].username not in page.content()
    assert_no_serious_axe_violations(page)


def test_an_admin_sets_the_target_and_a_reporter_reads_my_reports(page, feedback_world):
    sign_in(page, feedback_world["admin"].username)
    page.goto(f"/o/{feedback_world['org']}/feedback-target/")
    assert_no_serious_axe_violations(page)
    page.get_by_label("Working days to first feedback").fill("5")
    page.get_by_role("button", name="Save").click()
    page.get_by_test_id("current-target").wait_for()
    assert "5 working days" in page.get_by_test_id("current-target").inner_text()

    page.get_by_role("link", name="My reports").click()
    page.get_by_role("heading", name="My reports").wait_for()
    assert_no_serious_axe_violations(page)
