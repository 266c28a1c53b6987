"""Equality monitoring in the browser: an admin switches it on, a member records their own profile
on a phone, and the admin sees the figures with every small number hidden."""

from __future__ import annotations

import pytest

from organisations.models import Role
from tests.browser.axe import assert_no_serious_axe_violations
from tests.equality.factories import assessed_report
from tests.factories import OrganisationFactory, member

from .conftest import sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def equality_world(transactional_db, settings):
    settings.REQUIRE_TWO_FACTOR = False  # the TOTP pages are checked in test_report_journey
    settings.GOODCATCH_TASKS_BACKEND = "immediate"
    organisation = OrganisationFactory(slug="fair", name="Fairfield Borough Council")
    return {"org": organisation.slug, "organisation": organisation,
            "admin": member(organisation, Role.ADMIN, username="fair-admin"),
            "reviewer": member(organisation, Role.REVIEWER, username="fair-reviewer"),
            "custodian": member(organisation, Role.CUSTODIAN, username="fair-custodian"),
            "worker": member(organisation, Role.REPORTER, username="fair-worker")}


def test_a_member_records_a_profile_and_the_admin_sees_only_suppressed_figures(page, equality_world):
    org, admin = equality_world["org"], equality_world["admin"]
    sign_in(page, admin.username)
    page.goto(f"/o/{org}/equality/figures/")
    page.get_by_role("heading", name="Equality monitoring is off").wait_for()
    page.get_by_role("link", name="Switch equality monitoring on").click()
    assert_no_serious_axe_violations(page)
    page.get_by_label("Yes, invite staff to record a profile and show the figures").check()
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Equality monitoring is on.").wait_for()

    sign_in(page, equality_world["worker"].username)
    page.goto(f"/o/{org}/equality/my-profile/")
    page.get_by_role("heading", name="Your equality profile").wait_for()
    assert_no_serious_axe_violations(page)
    page.get_by_role("button", name="Save my profile").click()
    page.locator(".govuk-error-summary").wait_for()
    assert_no_serious_axe_violations(page)
    page.get_by_label("Black, Black British, Black Welsh, Caribbean or African: Caribbean").check()
    page.locator("input[name=disability][value=no]").check()
    page.locator("input[name=sex][value=female]").check()
    page.get_by_role("button", name="Save my profile").click()
    page.get_by_text("Your equality profile is saved and sealed.").wait_for()
    assert page.locator("input[value=black_caribbean]").is_checked()

    # Two named reports by the member reach an outcome: too few to show.
    for outcome in ("system_learning", "supportive"):
        assessed_report(equality_world["organisation"], equality_world["worker"], outcome,
                        assessor=equality_world["reviewer"])

    sign_in(page, admin.username)
    page.goto(f"/o/{org}/equality/figures/")
    page.get_by_role("heading", name="Equality monitoring: just-culture outcomes").wait_for()
    assert_no_serious_axe_violations(page)
    table = page.locator("table").first.inner_text()
    assert "<5" in table and "Black, Black British" in table
    assert "2" not in table.replace("<5", "")  # no count of 1 to 4 anywhere
    assert "fair-worker" not in page.content()
