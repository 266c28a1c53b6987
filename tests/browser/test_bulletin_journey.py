"""A reviewer proposes a learning bulletin with a finished action in it, is stopped by the check while
it still names someone, mends it and publishes it; then a reporter reads it and its PDF link."""

from __future__ import annotations

import datetime as dt

import pytest

from organisations.models import Role
from tests.browser.axe import assert_no_serious_axe_violations
from tests.factories import OrganisationFactory, member
from tests.learning.factories_bulletins import done_action

from .conftest import sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def bulletin_world(transactional_db, settings):
    settings.REQUIRE_TWO_FACTOR = False  # the TOTP pages are checked in test_report_journey
    settings.GOODCATCH_TASKS_BACKEND = "immediate"
    organisation = OrganisationFactory(slug="learning", name="Learning Borough Council")
    reviewer = member(organisation, Role.REVIEWER, username="learning-reviewer")
    reporter = member(organisation, Role.REPORTER, username="learning-reporter")
    done_action(organisation, "Handover sheets now list every visit due in the next 24 hours.", done_on=dt.date(2026, 3, 12))
    return {"org": organisation.slug, "reviewer": reviewer, "reporter": reporter}


def test_propose_check_publish_and_read_a_bulletin(page, bulletin_world):
    org = bulletin_world["org"]
    sign_in(page, bulletin_world["reviewer"].username)

    page.goto(f"/o/{org}/bulletins/")
    assert_no_serious_axe_violations(page)
    page.get_by_role("button", name="Start a new bulletin").click()
    page.wait_for_load_state()
    page.get_by_label("Title").fill("Learning in March")
    page.get_by_label("Period from").fill("2026-03-01")
    page.get_by_label("Period to").fill("2026-03-31")
    assert_no_serious_axe_violations(page)
    page.get_by_role("button", name="Propose a draft").click()
    page.wait_for_load_state()

    # The draft proposes the finished action as "you said, we did".
    item = page.get_by_test_id("item").filter(has_text="You said, we did")
    assert "Handover sheets now list every visit" in item.get_by_label("Text").input_value()
    assert_no_serious_axe_violations(page)
    page.get_by_label("Introduction").fill("Thank you to Kerensa Polglase for raising this.")
    page.get_by_role("button", name="Save and check").click()
    page.wait_for_load_state()

    # The check finds the name, shows where, and does not show the name itself.
    assert page.get_by_text("This bulletin cannot be published yet").is_visible()
    finding = page.get_by_test_id("finding").first
    assert "PERSON" in finding.inner_text() and "Polglase" not in finding.inner_text()
    assert_no_serious_axe_violations(page)
    page.get_by_role("button", name="Publish the bulletin").click()
    page.wait_for_load_state()
    assert page.get_by_text("This bulletin cannot be published yet").is_visible()  # refused again

    page.get_by_role("link", name="Edit the draft").first.click()
    page.wait_for_load_state()
    page.get_by_label("Introduction").fill("Thank you to everyone who raised this.")
    page.get_by_role("button", name="Save and check").click()
    page.wait_for_load_state()
    assert page.get_by_test_id("gate-clean").is_visible()
    page.get_by_role("button", name="Publish the bulletin").click()
    page.wait_for_load_state()
    assert page.get_by_text("Published. Every member of staff can read it now").is_visible()

    # A reporter finds it in the list and reads it.
    sign_in(page, bulletin_world["reporter"].username)
    page.goto(f"/o/{org}/bulletins/")
    page.get_by_role("link", name="Learning in March").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1, name="Learning in March").is_visible()
    assert page.get_by_role("heading", name="You said, we did").is_visible()
    assert page.get_by_text("Handover sheets now list every visit due in the next 24 hours.").is_visible()
    assert page.get_by_role("link", name="Download this bulletin as a PDF").is_visible()
    assert_no_serious_axe_violations(page)
