"""A reviewer looks for a pattern: searches the reports, opens one and then the similar earlier report
it lists, links the two as one event, reads the dashboard and downloads its figures."""

from __future__ import annotations

import pytest

from organisations.models import Role
from tests.browser.axe import assert_no_serious_axe_violations
from tests.factories import OrganisationFactory, member, readable_report

from .conftest import sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def intelligence_world(transactional_db, settings):
    settings.REQUIRE_TWO_FACTOR = False  # the TOTP pages are checked in test_report_journey
    settings.GOODCATCH_TASKS_BACKEND = "immediate"
    organisation = OrganisationFactory(slug="patterns", name="Patterns Borough Council", staff_headcount=120)
    reviewer = member(organisation, Role.REVIEWER, username="patterns-reviewer")
    first = readable_report(organisation, "The hospital discharge letter never reached the allocated social worker, "
                            "so nobody visited the family for two weeks.", by=reviewer)
    readable_report(organisation, "A foster carer's mileage claim was paid a month late.", by=reviewer)
    later = readable_report(organisation, "Nobody visited the family for two weeks because the hospital discharge "
                            "letter never reached the allocated social worker.", by=reviewer)
    return {"org": organisation.slug, "reviewer": reviewer, "first": first.reference, "later": later.reference}


def test_search_open_a_similar_report_link_them_and_export_the_dashboard(page, intelligence_world):
    org = intelligence_world["org"]
    sign_in(page, intelligence_world["reviewer"].username)

    page.goto(f"/o/{org}/search/")
    page.get_by_role("textbox", name="Search reports").fill("discharge letter")
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_load_state()
    assert "q=discharge+letter" in page.url
    assert page.locator("mark", has_text="discharge").first.is_visible()
    assert_no_serious_axe_violations(page)

    page.get_by_role("link", name=intelligence_world["later"]).first.click()
    page.wait_for_load_state()
    similar = page.get_by_test_id("similar-report").filter(has_text=intelligence_world["first"])
    assert similar.is_visible()
    similar.get_by_role("link", name=intelligence_world["first"]).click()
    page.wait_for_load_state()
    assert f"/reports/{intelligence_world['first']}/" in page.url

    page.go_back()
    page.get_by_test_id("similar-report").filter(has_text=intelligence_world["first"]).get_by_role(
        "button", name="Link as the same event").click()
    page.wait_for_load_state()
    assert page.get_by_text("Part of event").is_visible()

    page.goto(f"/o/{org}/dashboard/")
    assert page.get_by_role("heading", name="Reporting rate per 100 staff").is_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download these figures as CSV").click()
    text = open(download.value.path(), encoding="utf-8").read()
    assert text.startswith("chart,row,column,value,measure")
    assert ",1," not in text and ",2," not in text and ",3," not in text  # three reports: every count is under k
