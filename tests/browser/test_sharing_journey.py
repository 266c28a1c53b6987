"""Issue 14's journey on a phone: a council reviewer clears a confirmed report for sharing; a health
partner, under an accepted agreement, reads it and adds its agency's perspective; the safeguarding
partnership's view then shows the theme the members share, which neither could see alone. axe runs
on every page of the journey."""

from __future__ import annotations

import pytest

from organisations.models import Role
from sharing.models import PartnerPerspective, SharedReport
from tests.browser.axe import assert_no_serious_axe_violations
from tests.browser.test_coding_journey import fits
from tests.factories import OrganisationFactory, member, readable_report
from tests.sharing.factories import agreement, partnership
from tests.sharing.factories_partnerships import MEDICATION, MISSED_REFERRAL, reports_about

from .conftest import sign_in

PERSPECTIVE = ("The GP surgery had sent the same concern by post; our front door does not read the council's duty "
               "inbox, so nobody on our side knew it was waiting.")


@pytest.fixture
def sharing_world(transactional_db, settings):
    settings.REQUIRE_TWO_FACTOR = False  # the TOTP pages are checked in test_report_journey
    council = OrganisationFactory(slug="council", name="Riverside Borough Council", region="north_west")
    health = OrganisationFactory(slug="health", name="Riverside Integrated Care Board", sector="health",
                                 region="north_west")
    police = OrganisationFactory(slug="police", name="Riverside Police", sector="police", region="north_west")
    reviewer = member(council, Role.REVIEWER, username="council-reviewer")
    partner = member(health, Role.REVIEWER, username="health-reviewer")
    subject = readable_report(council, MISSED_REFERRAL[5], by=reviewer, service_area="children", stage="referral")
    made = agreement(council, health)
    # Earlier cleared reports: two of the council's and three of health's about the same slip (five),
    # and the police's about another; the one cleared in the journey makes the shared theme six.
    reports_about(council, MISSED_REFERRAL[:2])
    reports_about(health, MISSED_REFERRAL[2:5])
    reports_about(police, MEDICATION)
    together = partnership(council, health, police, slug="riverside-lscp", name="Riverside Safeguarding Partnership")
    return {"report": subject, "reviewer": reviewer, "partner": partner, "agreement": made, "partnership": together}


def test_a_report_is_cleared_shared_with_health_and_seen_in_the_partnership(page, sharing_world):
    subject, made = sharing_world["report"], sharing_world["agreement"]
    script_errors: list[str] = []
    page.on("pageerror", lambda error: script_errors.append(str(error)))

    # The council's reviewer clears the confirmed report, after seeing exactly what would leave.
    sign_in(page, sharing_world["reviewer"].username)
    page.goto(f"/o/council/reports/{subject.reference}/")
    page.get_by_test_id("clear-for-sharing-link").click()
    page.get_by_role("heading", name=f"Clear report {subject.reference} for sharing").wait_for()
    assert "duty inbox" in page.get_by_test_id("shareable-text").inner_text()
    assert_no_serious_axe_violations(page)
    page.get_by_test_id("clear-for-sharing").click()
    page.get_by_role("heading", name="Reports cleared for sharing").wait_for()
    shared = SharedReport.objects.get(source_report_id=subject.pk)
    assert shared.public_id in page.get_by_test_id("cleared").inner_text()
    assert_no_serious_axe_violations(page)
    fits(page, 390)

    # The health partner reads it under the agreement and adds its agency's perspective.
    sign_in(page, sharing_world["partner"].username)
    page.goto(f"/o/health/sharing/partners/{made.pk}/reports/")
    assert_no_serious_axe_violations(page)
    fits(page, 390)
    page.get_by_role("link", name=shared.public_id).click()
    page.get_by_role("heading", name=f"Shared report {shared.public_id}").wait_for()
    assert "duty inbox" in page.locator("main").inner_text()
    assert subject.reference not in page.content()  # the internal reference never leaves the council
    page.locator("form[action$='/perspective/'] textarea").fill(PERSPECTIVE)
    page.get_by_role("button", name="Add your agency's perspective").click()
    page.get_by_test_id("perspective").first.wait_for()
    assert "front door does not read" in page.get_by_test_id("perspective").first.inner_text()
    assert PartnerPerspective.objects.filter(shared_report=shared, organisation__slug="health").count() == 1
    assert_no_serious_axe_violations(page)

    # The partnership's view combines the members' cleared reports: the duty-inbox theme counts six.
    page.goto(f"/partnerships/{sharing_world['partnership'].slug}/")
    themes = page.locator("table[data-panel='themes']")
    themes.wait_for()
    rows = {row.locator("th").inner_text(): row.locator("td").inner_text()
            for row in themes.locator("tbody tr").all()}
    inbox = [label for label in rows if "inbox" in label.lower()]
    assert inbox and rows[inbox[0]] == "6", rows
    assert_no_serious_axe_violations(page)
    fits(page, 390)
    assert script_errors == []


def test_the_sharing_pages_pass_axe_and_fit_a_phone(page, sharing_world):
    """The pages the journey above does not open: agreements, the partnerships list and the library."""
    from tests.learning.factories_bulletins import published

    made = sharing_world["agreement"]
    admin = member(made.owner, Role.ADMIN, username="council-admin")
    bulletin = published(made.owner, by=sharing_world["reviewer"])
    sign_in(page, admin.username)
    for path in ("/o/council/sharing/agreements/", "/o/council/sharing/agreements/new/",
                 f"/o/council/sharing/agreements/{made.pk}/", "/o/council/sharing/partnerships/",
                 "/o/council/sharing/cleared/", "/o/council/sharing/library-settings/",
                 "/o/council/sharing/library-vignettes/", "/library/", f"/library/bulletin/{bulletin.pk}/",
                 "/library/feed/"):
        page.goto(path)
        assert page.locator("h1").count() == 1, path
        assert_no_serious_axe_violations(page)
        fits(page, 390)
    # The form keeps what was typed when it is sent with a mistake, and says what to fix.
    page.goto("/o/council/sharing/agreements/new/")
    page.locator("textarea").first.fill("Learning together about discharges.")
    page.locator("form button[type=submit]").last.click()
    page.locator(".govuk-error-summary").wait_for()
    assert page.locator("textarea").first.input_value() == "Learning together about discharges."
    assert_no_serious_axe_violations(page)
