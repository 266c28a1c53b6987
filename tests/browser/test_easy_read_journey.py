"""On a phone, in Welsh: a young person reports through the easy-read form, gets a receipt, and the
report is in the reviewer's queue flagged urgent. axe runs on every page on the way, the pages with
errors too."""

from __future__ import annotations

import re

import pytest

from organisations.models import Role
from tests.browser.axe import assert_no_serious_axe_violations
from tests.browser.conftest import PHONE, TIMEOUT_MS, sign_in
from tests.factories import OrganisationFactory, member

STORY = "Mae fy llystad yn fy nharo bob nos. Dw i ofn mynd adre."


@pytest.fixture
def organisation(transactional_db, settings):
    settings.REQUIRE_TWO_FACTOR = False
    return OrganisationFactory(slug="hawdd", name="Cyngor Sir Enghraifft", duty_phone_number="01632 960 321")


@pytest.fixture
def welsh_page(browser, base_url):
    context = browser.new_context(base_url=base_url, locale="cy", **PHONE)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    yield page
    context.close()


def next_page(page, heading: str) -> None:
    page.get_by_role("button", name="Nesaf").click()
    page.get_by_role("heading", name=heading).wait_for()
    assert_no_serious_axe_violations(page)


def test_a_young_person_reports_in_welsh_and_a_reviewer_sees_it_urgent(welsh_page, page, organisation):
    young = welsh_page
    young.goto(f"/r/{organisation.slug}/easy/")
    assert young.locator("html").get_attribute("lang") == "cy"
    assert "01632 960 321" in young.get_by_test_id("help-now").inner_text()
    assert_no_serious_axe_violations(young)
    young.get_by_role("button", name="Dechrau").click()
    young.get_by_role("heading", name="Pwy ydych chi?").wait_for()
    assert_no_serious_axe_violations(young)
    # Next without an answer: a plain error, and the page still passes axe.
    young.get_by_role("button", name="Nesaf").click()
    young.locator(".govuk-error-summary").wait_for()
    assert_no_serious_axe_violations(young)
    young.get_by_label("Plentyn neu berson ifanc").check()
    next_page(young, "Beth ddigwyddodd?")
    young.get_by_label("Beth ddigwyddodd?").fill(STORY)
    next_page(young, "Sut oeddech chi'n teimlo?")
    young.get_by_label("Sut oeddech chi'n teimlo?").fill("Ofnus a trist.")
    next_page(young, "Beth fyddai'n ei wneud yn well?")
    next_page(young, "Ydych chi eisiau i rywun siarad â chi?")
    young.locator("input[name=talk][value=yes]").check()  # "Ie": whichever Welsh catalogue says "Yes"
    next_page(young, "Gwiriwch beth ysgrifennoch chi")
    assert STORY in young.get_by_test_id("answers").inner_text()
    young.get_by_role("button", name="Anfon").click()
    young.get_by_role("heading", name="Rydyn ni wedi cael eich adroddiad").wait_for()
    assert_no_serious_axe_violations(young)
    code = young.get_by_test_id("receipt-code").inner_text().strip()
    assert re.fullmatch(r"[0-9A-Z]{4}(-[0-9A-Z]{4}){3}", code)
    assert "heddiw" in young.get_by_test_id("urgent-notice").inner_text()  # a person looks at it today

    reviewer = member(organisation, Role.REVIEWER, username="hawdd-reviewer")
    sign_in(page, reviewer.username)
    page.goto(f"/o/{organisation.slug}/queue/")
    first_row = page.get_by_test_id("queue").locator("tbody tr").first
    assert "Urgent" in first_row.get_by_test_id("urgent").inner_text()
    assert first_row.get_by_test_id("easy-read").is_visible()
    page.get_by_label("Urgent").select_option("urgent")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_load_state()
    assert page.get_by_test_id("queue-count").inner_text().startswith("1 report")
    assert_no_serious_axe_violations(page)
