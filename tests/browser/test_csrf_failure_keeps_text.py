"""A phone browser killed overnight forgets its session-only CSRF cookie. The reporter presses
"Send report" in the morning: the form comes back with their words, and the second press works."""

from __future__ import annotations

import re

import pytest

from reporting.models import Report
from tests.browser.axe import assert_no_serious_axe_violations
from tests.factories import OrganisationFactory

NARRATIVE = ("The out-of-hours line rang out for forty minutes. The night worker kept calling and got through "
             "at ten past two; the child was safe, but nobody would have known if she had not.")


@pytest.fixture
def organisation(transactional_db):
    return OrganisationFactory(slug="overnight", name="Overnight Borough Council")


def test_a_report_sent_after_the_cookies_were_lost_keeps_its_text_and_goes_on_the_second_press(page, organisation):
    page.goto(f"/r/{organisation.slug}/")
    page.get_by_label("What happened?").fill(NARRATIVE)
    page.get_by_label("Near miss – something nearly went wrong").check()
    page.context.clear_cookies()

    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name="Send report").click()
    assert posted.value.status == 403
    summary = page.locator(".govuk-error-summary")
    summary.wait_for()
    assert "We could not send your report. Please check it and send it again." in summary.inner_text()
    assert "CSRF" not in page.content()
    assert page.get_by_label("What happened?").input_value() == NARRATIVE
    assert page.get_by_label("Near miss – something nearly went wrong").is_checked()
    assert Report.objects.count() == 0
    assert [c["name"] for c in page.context.cookies()] == ["csrftoken"]
    assert_no_serious_axe_violations(page)

    page.get_by_role("button", name="Send report").click()
    page.get_by_role("heading", name="Report sent").wait_for()
    assert re.fullmatch(r"[0-9A-Z]{4}(-[0-9A-Z]{4}){3}", page.get_by_test_id("receipt-code").inner_text().strip())
    assert Report.objects.count() == 1
