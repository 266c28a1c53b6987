"""A reviewer runs a learning review on a phone: starts it (after an error), adds an episode, a
contributory factor and a finding, links a report, circulates it and makes it final, then opens the
supervision pack. axe runs on every page, everything works without JavaScript, and the pack prints
without the service's menus."""

from __future__ import annotations

import pytest

from learning.models import LearningReview
from organisations.models import Role
from reporting.deidentification import confirm_redaction
from tests.browser.axe import assert_no_serious_axe_violations
from tests.factories import OrganisationFactory, member, report

from .conftest import sign_in


@pytest.fixture
def review_world(transactional_db, settings):
    settings.REQUIRE_TWO_FACTOR = False  # the TOTP pages are checked in test_report_journey
    organisation = OrganisationFactory(slug="reviews", name="Reviews Borough Council")
    reviewer = member(organisation, Role.REVIEWER, username="review-reviewer")
    manager = member(organisation, Role.MANAGER, username="review-manager")
    subject = confirm_redaction(report(organisation, "The referral sat in the shared inbox over the weekend.",
                                       stage="referral").report, by=reviewer)
    return {"org": organisation.slug, "reviewer": reviewer, "manager": manager, "report": subject}


def test_a_reviewer_runs_a_learning_review_and_opens_its_supervision_pack(page, review_world):
    org = review_world["org"]
    sign_in(page, review_world["reviewer"].username)
    page.goto(f"/o/{org}/reviews/")
    assert_no_serious_axe_violations(page)
    page.get_by_role("button", name="Start a learning review").click()
    page.get_by_label("Why it is being reviewed").fill("Referrals waited in an inbox nobody owned.")
    page.get_by_role("button", name="Start the review").click()
    page.locator(".govuk-error-summary").wait_for()
    assert_no_serious_axe_violations(page)
    assert page.get_by_label("Why it is being reviewed").input_value() == "Referrals waited in an inbox nobody owned."
    page.get_by_label("Title").fill("Referrals lost over weekends")
    page.get_by_label("A cluster of reports").check()
    page.get_by_role("button", name="Start the review").click()
    page.get_by_role("heading", name="Referrals lost over weekends").wait_for()
    assert_no_serious_axe_violations(page)

    page.get_by_role("link", name="Add a key practice episode").click()
    assert_no_serious_axe_violations(page)
    page.get_by_label("When").fill("Friday evening")
    page.get_by_label("What happened", exact=True).fill("The referral arrived after the duty team had gone.")
    page.get_by_label("What made sense at the time").fill("The out-of-hours team did not read the day inbox.")
    page.get_by_role("button", name="Save").click()

    page.get_by_role("link", name="Add a contributory factor").click()
    assert_no_serious_axe_violations(page)
    page.get_by_label("Contributory factor").select_option(index=1)
    page.get_by_label("What the review found about it").fill("Nobody was asked to watch the inbox.")
    page.get_by_role("button", name="Save").click()

    page.get_by_role("link", name="Add a finding").click()
    assert_no_serious_axe_violations(page)
    page.get_by_label("Tools: forms, systems and procedures").check()
    page.get_by_label("The finding").fill("An inbox with no owner is read by nobody at weekends.")
    page.get_by_role("button", name="Save").click()

    page.get_by_role("link", name="Link reports").click()
    assert_no_serious_axe_violations(page)
    page.get_by_label("Report references").fill(review_world["report"].reference)
    page.get_by_role("button", name="Link").click()

    page.get_by_label("Circulate to partners for review").check()
    page.get_by_role("button", name="Move the review").click()
    page.get_by_label("Final: no further changes").check()
    page.get_by_role("button", name="Move the review").click()
    page.get_by_test_id("fingerprint").wait_for()
    assert_no_serious_axe_violations(page)
    review = LearningReview.objects.get()
    assert page.get_by_test_id("fingerprint").inner_text() == review.snapshot_sha256

    page.get_by_test_id("supervision-link").click()
    page.get_by_role("heading", name="Reflective prompts").wait_for()
    assert_no_serious_axe_violations(page)
    assert "The referral arrived after the duty team had gone." in page.get_by_test_id("vignette").inner_text()
    page.emulate_media(media="print")
    assert not page.locator(".govuk-service-navigation").is_visible()
    assert page.get_by_text("What would help?").is_visible()


def test_a_reports_supervision_pack_is_accessible_for_a_manager(page, review_world):
    org, subject = review_world["org"], review_world["report"]
    sign_in(page, review_world["manager"].username)
    page.goto(f"/o/{org}/reports/{subject.reference}/")
    page.get_by_test_id("supervision-link").click()
    page.get_by_role("heading", name="Reflective prompts").wait_for()
    assert_no_serious_axe_violations(page)
    page.get_by_label("What was assumed?").fill("That the weekend team read the inbox.")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download as plain text").click()
    assert download.value.suggested_filename == "supervision-vignette.txt"
