"""The learning-culture survey on a phone: an admin opens a wave and makes links, a member of staff
answers through one (without signing in), and the admin sees results with the small team hidden.
Every page passes axe."""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from culture import item_bank
from culture.models import Response
from organisations.models import Role
from tests.browser.axe import assert_no_serious_axe_violations
from tests.culture.factories import respond_scored
from tests.factories import OrganisationFactory, member

from .conftest import sign_in


@pytest.fixture
def survey_world(transactional_db, settings):
    settings.REQUIRE_TWO_FACTOR = False  # the TOTP pages are checked in test_report_journey
    settings.GOODCATCH_SUPPRESSION_K = 5
    organisation = OrganisationFactory(slug="culture", name="Culture Borough Council")
    admin = member(organisation, Role.ADMIN, username="culture-admin")
    manager = member(organisation, Role.MANAGER, username="culture-manager")
    return {"org": organisation, "admin": admin, "manager": manager}


def _answer_every_statement(page, choice: str) -> None:
    with translation.override("en-gb"):
        statements = [str(item.text) for item in item_bank.items_of(item_bank.CURRENT_VERSION)]
    for statement in statements:
        page.get_by_role("group", name=statement).get_by_label(choice, exact=True).check()


def test_staff_answer_on_a_phone_and_the_admin_sees_suppressed_results(page, browser, base_url, survey_world, settings):
    org = survey_world["org"]
    settings.GOODCATCH_PUBLIC_URL = base_url
    sign_in(page, survey_world["admin"].username)
    page.goto(f"/o/{org.slug}/culture/")
    assert_no_serious_axe_violations(page)
    page.get_by_label("Teams people can choose from").fill("Duty\nFostering")
    page.get_by_role("button", name="Open wave").click()
    page.get_by_role("heading", name="Survey wave 1").wait_for()
    assert_no_serious_axe_violations(page)
    page.get_by_label("How many links").fill("3")
    page.get_by_role("button", name="Make links and show them").click()
    page.get_by_role("heading", name="Your survey links").wait_for()
    assert_no_serious_axe_violations(page)
    links = re.findall(r"\S+/survey/[\w-]+/", page.get_by_test_id("links").input_value())
    assert len(links) == 3 and all(link.startswith(base_url) for link in links)

    # A member of staff, on their own phone, not signed in.
    staff = browser.new_context(base_url=base_url, viewport={"width": 390, "height": 844}, is_mobile=True,
                                has_touch=True)
    phone = staff.new_page()
    phone.goto(links[0])
    phone.get_by_role("heading", name="How it feels to work here").wait_for()
    assert_no_serious_axe_violations(phone)
    phone.get_by_role("button", name="Send my answers").click()
    phone.locator(".govuk-error-summary").wait_for()
    assert_no_serious_axe_violations(phone)
    phone.get_by_role("group", name="Which team do you work in?").get_by_label("Fostering").check()
    _answer_every_statement(phone, "Agree")
    phone.get_by_role("button", name="Send my answers").click()
    phone.get_by_role("heading", name="Thank you").wait_for()
    assert_no_serious_axe_violations(phone)
    phone.goto(links[0])
    phone.get_by_role("heading", name="This link has already been used").wait_for()
    assert_no_serious_axe_violations(phone)
    phone.goto(links[1][:-10] + "/")
    phone.get_by_role("heading", name="We do not recognise this link").wait_for()
    assert_no_serious_axe_violations(phone)
    assert Response.objects.count() == 1
    # No session on the survey's pages: at most the CSRF and language cookies.
    assert {c["name"] for c in phone.context.cookies()} <= {settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME}

    # Enough colleagues in Duty answer for the organisation's figures to show; Fostering stays hidden.
    from culture.waves import open_wave_of

    respond_scored(open_wave_of(org), 8, 4, team="Duty")
    sign_in(page, survey_world["manager"].username)
    page.goto(f"/o/{org.slug}/culture-results/")
    page.get_by_role("heading", name="Learning-culture results").wait_for()
    page.locator("#culture-trend-chart[data-drawn=true] canvas").wait_for()  # drawn under the strict CSP
    assert_no_serious_axe_violations(page)
    team_table = page.get_by_test_id("team-table")
    fostering = team_table.get_by_role("row").filter(has_text="Fostering").first
    assert "<5" in fostering.inner_text()
    assert "People who answered: 9." in page.get_by_test_id("respondents").inner_text()

    sign_in(page, survey_world["admin"].username)
    page.goto(f"/o/{org.slug}/culture/")
    page.get_by_role("link", name="Wave 1").click()
    page.get_by_role("button", name="Close wave").click()
    page.get_by_test_id("wave-status").filter(has_text="Closed").wait_for()
    phone.goto(links[2])
    phone.get_by_role("heading", name="This survey has closed").wait_for()
    assert_no_serious_axe_violations(phone)
    staff.close()
