"""A manager answers a theme with an action: creates it from the theme's page, takes it through agreed
and in progress to done, and finds it done in the action list; then reads the plan's balance. A
reviewer publishes the next bulletin, and the manager finds the action there under "You said, we did"."""

from __future__ import annotations

import pytest
from django.utils import timezone

from intelligence.models import Theme
from learning import actions, bulletins
from organisations.models import Role
from tests.browser.axe import assert_no_serious_axe_violations
from tests.factories import OrganisationFactory, member

from .conftest import sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def actions_world(transactional_db, settings):
    settings.REQUIRE_TWO_FACTOR = False  # the TOTP pages are checked in test_report_journey
    settings.GOODCATCH_TASKS_BACKEND = "immediate"
    organisation = OrganisationFactory(slug="learning", name="Learning Borough Council")
    manager = member(organisation, Role.MANAGER, username="learning-manager", first_name="Morgan", last_name="Price")
    reviewer = member(organisation, Role.REVIEWER, username="learning-reviewer")
    theme = Theme.objects.create(organisation=organisation, auto_label="Friday hospital discharges")
    # The de-identification engine loads its language model on first use: here, not inside a click's wait.
    actions.deidentified(organisation.pk, "Warm up.")
    return {"org": organisation.slug, "organisation": organisation, "manager": manager, "reviewer": reviewer,
            "theme": theme.pk}


def test_create_an_action_from_a_theme_and_take_it_to_done(page, actions_world):
    org = actions_world["org"]
    sign_in(page, actions_world["manager"].username)

    # Given a theme, when the manager chooses to create an action from it
    page.goto(f"/o/{org}/themes/{actions_world['theme']}/")
    page.get_by_role("link", name="Create an action").click()
    page.wait_for_load_state()
    assert page.get_by_test_id("from-theme").filter(has_text="Friday hospital discharges").is_visible()
    assert_no_serious_axe_violations(page)

    # a form sent with nothing in it says what is missing
    page.get_by_role("button", name="Create the action").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="There is a problem").is_visible()
    assert_no_serious_axe_violations(page)

    page.get_by_label("What will change").fill(
        "The discharge referral form will not accept a referral until the receiving social worker is named.")
    page.get_by_label("A tool or system").check()
    page.get_by_label("Owner").select_option(label="Morgan Price")
    page.get_by_label("Due date").fill("27/3/2027")
    page.get_by_role("button", name="Create the action").click()
    page.wait_for_load_state()

    # then the action shows its strength and why, and its theme
    assert page.get_by_test_id("action-status").inner_text() == "Proposed"
    assert page.get_by_test_id("strength").filter(has_text="Strong").is_visible()
    assert page.get_by_test_id("strength").filter(has_text="forcing function").is_visible()
    assert page.get_by_test_id("links").filter(has_text="Friday hospital discharges").is_visible()
    assert_no_serious_axe_violations(page)

    # When it is agreed, started and done
    for status in ("Agreed", "In progress", "Done"):
        page.get_by_role("radio", name=status, exact=True).check()
        page.get_by_role("button", name="Change the status").click()
        page.wait_for_load_state()
        assert page.get_by_test_id("action-status").inner_text() == status
    assert page.get_by_test_id("history").filter(has_text="moved from In progress to Done").is_visible()
    assert page.get_by_role("heading", name="Did it work?").is_visible()

    # then the list shows it done
    page.get_by_role("link", name="Back to the actions").click()
    page.wait_for_load_state()
    row = page.get_by_test_id("actions").get_by_role("row").filter(has_text="receiving social worker")
    assert row.get_by_test_id("status").inner_text() == "Done"
    assert_no_serious_axe_violations(page)

    page.get_by_role("link", name="See the balance of the plan").click()
    page.wait_for_load_state()
    assert page.get_by_test_id("total").inner_text() == "1"
    page.locator("#balance-chart[data-drawn='true']").wait_for()  # the chart beside the table is drawn
    assert_no_serious_axe_violations(page)

    # When a reviewer publishes the next bulletin (its own journey: test_bulletin_journey.py)
    today = timezone.localdate()
    bulletin = bulletins.propose_draft(actions_world["organisation"], title="Learning this month",
                                       period_start=today.replace(day=1), period_end=today, by=actions_world["reviewer"])
    assert bulletins.publish(bulletin, by=actions_world["reviewer"]).status == "published"

    # then the manager finds the action in it, under the theme it answered
    page.get_by_role("link", name="Bulletins").first.click()
    page.wait_for_load_state()
    page.get_by_role("link", name="Learning this month").click()
    page.wait_for_load_state()
    assert page.get_by_text("You told us about: Friday hospital discharges").is_visible()
    assert page.get_by_text("until the receiving social worker is named").is_visible()
    assert_no_serious_axe_violations(page)
