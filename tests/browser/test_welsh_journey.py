"""A reporter on a phone switches the report form to Cymraeg, sends a report and follows it up, all in
Welsh, with the switcher's one cookie carrying the choice. axe runs on every page on the way."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from reporting.models import Report
from tests.browser.axe import assert_no_serious_axe_violations
from tests.factories import OrganisationFactory

NARRATIVE = "Roedd yr atgyfeiriad gan yr ysgol yn y blwch post a rennir am ddau ddiwrnod cyn i neb ei agor."


@pytest.fixture
def organisation(transactional_db):
    return OrganisationFactory(slug="cymru", name="Cyngor Sir Enghraifft")


def test_a_reporter_switches_to_welsh_sends_a_report_and_follows_it_up_in_welsh(page, organisation):
    page.goto(f"/r/{organisation.slug}/")
    assert page.locator("html").get_attribute("lang") == "en-GB"
    switcher = page.get_by_test_id("language-switcher")
    switcher.get_by_role("link", name="Cymraeg").click()

    page.get_by_role("heading", name="Adrodd am ddigwyddiad neu am rywbeth a fu bron â digwydd").wait_for()
    assert page.locator("html").get_attribute("lang") == "cy"
    assert page.get_by_test_id("language-switcher").locator("[aria-current=true]").inner_text() == "Cymraeg"
    assert_no_serious_axe_violations(page)
    months = page.locator("#id_occurred_month option").all_inner_texts()
    assert "Ionawr" in months and "Gorffennaf" in months

    page.get_by_label("Beth ddigwyddodd?").fill(NARRATIVE)
    page.get_by_label("Bu bron â digwydd – bu bron i rywbeth fynd o'i le").check()
    page.get_by_label("Difrifol – niwed difrifol i blentyn neu oedolyn").check()
    page.get_by_label("Cam y gwaith").select_option("referral")
    page.get_by_label("Mis", exact=True).select_option(label="Mawrth")
    page.get_by_label("Blwyddyn").fill(str(timezone.localdate().year - 1))
    page.get_by_role("button", name="Anfon adroddiad").click()

    page.get_by_role("heading", name="Adroddiad wedi'i anfon").wait_for()
    assert page.locator("html").get_attribute("lang") == "cy"
    assert "Beth sy'n digwydd nesaf" in page.content()
    assert_no_serious_axe_violations(page)
    code = page.get_by_test_id("receipt-code").inner_text().strip()
    assert re.fullmatch(r"[0-9A-Z]{4}(-[0-9A-Z]{4}){3}", code)
    assert Report.objects.filter(organisation=organisation).count() == 1

    # The choice is remembered by the language cookie alone, on the next anonymous page.
    page.goto("/receipt/")
    page.get_by_label("Eich cod derbynneb").fill(code)
    assert_no_serious_axe_violations(page)
    page.get_by_role("button", name="Parhau").click()
    page.get_by_role("heading", name="Eich adroddiad").wait_for()
    assert page.get_by_test_id("report-status").inner_text() == "Wedi dod i law"
    assert_no_serious_axe_violations(page)
    cookies = {cookie["name"]: cookie for cookie in page.context.cookies()}
    language = cookies["django_language"]
    assert language["value"] == "cy" and language["httpOnly"] and language["sameSite"] == "Lax"
    assert language["expires"] == -1  # a session cookie: gone when the browser closes
