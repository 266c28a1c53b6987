"""axe on every page a person can reach, as the role that reaches it, on a phone-sized screen."""

from __future__ import annotations

import pytest

from justculture import services as justculture
from organisations.models import Role
from organisations.services import access_for
from protection import breakglass
from reporting.deidentification import confirm_redaction
from reporting.subjects import subject_for
from tests.browser.axe import assert_no_serious_axe_violations
from tests.factories import PASSWORD, OrganisationFactory, member, report


@pytest.fixture
def world(transactional_db, settings):
    settings.REQUIRE_TWO_FACTOR = False  # the TOTP pages are checked in test_report_journey
    organisation = OrganisationFactory(slug="pages", name="Pages Borough Council")
    users = {role: member(organisation, role, username=f"pages-{role}") for role in Role.values}
    readable = report(organisation, "The handover note went to the wrong team; nobody picked it up.",
                      potential_harm=3, service_area="children", stage="transfer").report
    confirm_redaction(readable, by=users[Role.REVIEWER])
    draft = report(organisation, "Mum Elin Hughes was not told about the conference.").report
    confidential = report(organisation, "I forgot to log the call.", reporter=users[Role.REPORTER],
                          confidentiality="confidential").report
    request = breakglass.request_access(organisation.pk, subject_for(confidential), kind="identity",
                                        purpose="follow_up", reason="To follow up through the system, as asked.",
                                        requester=users[Role.REVIEWER])
    assessment = justculture.record_assessment(
        access_for(users[Role.REVIEWER], organisation.slug), readable, by=users[Role.REVIEWER],
        action="The handover note was sent to the wrong team.",
        answers=justculture.Answers(deliberate_harm="no", health="no", protocol_agreed="yes", protocol_workable="no",
                                    protocol_departed="no", substitution_peers="yes", substitution_training="no",
                                    substitution_supervision="no", mitigating="yes"),
        outcome="system_learning", rationale="The team list in the system was out of date.")
    return {"org": organisation.slug, "users": users, "readable": readable.reference, "draft": draft.reference,
            "confidential": confidential.reference, "request": request.pk, "assessment": assessment.pk}


def sign_in(page, username: str) -> None:
    page.context.clear_cookies()
    page.goto("/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def check(page, path: str) -> None:
    response = page.goto(path)
    assert response is not None and response.status < 400, (path, response and response.status)
    assert_no_serious_axe_violations(page)


def test_every_page_passes_axe_for_the_role_that_uses_it(page, world):
    org = world["org"]
    for path in ("/", "/promise/", f"/r/{org}/", "/receipt/", "/sign-in/"):
        check(page, path)
    roles = {
        Role.REPORTER: [f"/o/{org}/report/"],
        Role.REVIEWER: [
            f"/o/{org}/queue/", f"/o/{org}/overview/", f"/o/{org}/reports/{world['readable']}/",
            f"/o/{org}/reports/{world['draft']}/", f"/o/{org}/reports/{world['draft']}/redaction/",
            f"/o/{org}/reports/{world['confidential']}/identity/", f"/o/{org}/break-glass/{world['request']}/",
            f"/o/{org}/reports/{world['readable']}/just-culture/", f"/o/{org}/reports/{world['readable']}/just-culture/new/",
            f"/o/{org}/reports/{world['readable']}/just-culture/{world['assessment']}/", "/account/api-tokens/",
        ],
        Role.CUSTODIAN: [f"/o/{org}/break-glass/", f"/o/{org}/break-glass/{world['request']}/",
                         f"/o/{org}/just-culture/referrals/"],
        Role.MANAGER: [f"/o/{org}/queue/", f"/o/{org}/overview/"],
        Role.ADMIN: [f"/o/{org}/audit/", f"/o/{org}/members/"],
    }
    for role, paths in roles.items():
        sign_in(page, world["users"][role].username)
        for path in paths:
            check(page, path)


def test_pages_with_errors_pass_axe(page, world):
    org = world["org"]
    sign_in(page, world["users"][Role.REVIEWER].username)
    page.goto(f"/o/{org}/reports/{world['readable']}/just-culture/new/")
    page.locator("form button[type=submit]").last.click()
    page.locator(".govuk-error-summary").wait_for()
    assert_no_serious_axe_violations(page)
    page.goto(f"/o/{org}/reports/{world['confidential']}/identity/")
    page.get_by_role("button", name="Send request to a custodian").click()
    page.locator(".govuk-error-summary").wait_for()
    assert_no_serious_axe_violations(page)
