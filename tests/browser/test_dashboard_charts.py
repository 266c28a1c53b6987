"""A manager opens the dashboard on a phone: the charts are drawn under the site's strict
Content-Security-Policy (no eval, no inline script), the page passes axe, and the CSV downloads."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.utils import timezone

from organisations.models import Role
from reporting.choices import ReportKind
from tests.browser.axe import assert_no_serious_axe_violations
from tests.factories import OrganisationFactory, member, report

from .conftest import sign_in


@pytest.fixture
def dashboard_world(transactional_db, settings):
    settings.REQUIRE_TWO_FACTOR = False  # the TOTP pages are checked in test_report_journey
    organisation = OrganisationFactory(slug="charts", name="Charts Borough Council", staff_headcount=80)
    manager = member(organisation, Role.MANAGER, username="charts-manager")
    for month, kind, n in [(1, ReportKind.NEAR_MISS, 6), (2, ReportKind.NEAR_MISS, 7), (2, ReportKind.INCIDENT, 5),
                           (3, ReportKind.CONCERN, 2)]:
        for _ in range(n):
            submitted = report(organisation, "The referral waited in the shared inbox.", kind=kind).report
            submitted.submitted_at = timezone.make_aware(datetime(2026, month, 10, 12))
            submitted.save()
    return {"org": organisation.slug, "manager": manager}


def test_a_manager_sees_the_charts_drawn_and_downloads_the_figures(page, dashboard_world):
    refused: list[str] = []
    page.on("console", lambda message: refused.append(message.text)
            if "Content Security Policy" in message.text or "Refused" in message.text else None)
    sign_in(page, dashboard_world["manager"].username)

    page.goto(f"/o/{dashboard_world['org']}/dashboard/")
    page.locator("#chart-over-time[data-drawn=true] canvas").wait_for()
    page.locator("#chart-rate[data-drawn=true] canvas").wait_for()
    assert refused == []
    assert page.get_by_role("heading", name="Reporting rate per 100 staff").is_visible()
    assert_no_serious_axe_violations(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Download these figures as CSV").click()
    text = open(download.value.path(), encoding="utf-8").read()
    assert text.startswith("chart,row,column,value,measure")
    assert "over-time,Mar 2026,Concern,<5,reports" in text


def test_filters_are_kept_in_the_address_to_share(page, dashboard_world):
    sign_in(page, dashboard_world["manager"].username)
    page.goto(f"/o/{dashboard_world['org']}/dashboard/")
    page.get_by_text("Filter the dashboard").click()
    page.get_by_label("Type of report").select_option("near_miss")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_load_state()
    assert "kind=near_miss" in page.url
    assert page.get_by_text("Reports in this view: 13.").is_visible()
