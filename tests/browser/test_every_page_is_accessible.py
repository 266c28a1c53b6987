"""axe on every page a person can reach, as the role that reaches it, on a phone-sized screen."""

from __future__ import annotations

from organisations.models import Role
from tests.browser.axe import assert_no_serious_axe_violations
from tests.browser.conftest import pages_by_role, sign_in


def check(page, path: str) -> None:
    response = page.goto(path)
    assert response is not None and response.status < 400, (path, response and response.status)
    assert_no_serious_axe_violations(page)


def test_every_page_passes_axe_for_the_role_that_uses_it(page, world):
    for role, paths in pages_by_role(world).items():
        if role is not None:
            sign_in(page, world["users"][role].username)
        for path in paths:
            check(page, path)


def test_the_culture_survey_pages_pass_axe(page, world, settings):
    """The survey's pages, for the admin, the manager and a respondent (tests/culture has the journey)."""
    from culture import responding, waves
    from organisations.services import get_organisation
    from tests.culture.factories import answers, respond_scored, token_of

    settings.GOODCATCH_SUPPRESSION_K = 5
    org = world["org"]
    wave = waves.open_wave(get_organisation(org), teams=["Duty", "Fostering"])
    respond_scored(wave, 6, 4, team="Duty")
    respond_scored(wave, 2, 2, team="Fostering")
    link, used = (token_of(url) for url in waves.issue_invitations(wave, 2))
    responding.submit_response(used, team="Duty", answers=answers(3))
    for path in (f"/survey/{link}/", f"/survey/{used}/", "/survey/not-a-link/", "/survey/thank-you/"):
        response = page.goto(path)
        assert response is not None and response.status in (200, 404), path
        assert_no_serious_axe_violations(page)
    sign_in(page, world["users"][Role.ADMIN].username)
    for path in (f"/o/{org}/culture/", f"/o/{org}/culture/waves/{wave.pk}/", f"/o/{org}/culture-results/",
                 f"/o/{org}/culture-results/?wave={wave.pk}"):
        check(page, path)
    sign_in(page, world["users"][Role.MANAGER].username)
    check(page, f"/o/{org}/culture-results/")


def check_error(page, path: str, status: int) -> None:
    response = page.goto(path)
    assert response is not None and response.status == status, (path, response and response.status)
    assert_no_serious_axe_violations(page)


def test_pages_with_errors_pass_axe(page, world):
    org = world["org"]
    check_error(page, "/no-such-page/", 404)
    # A failed CSRF check: the report form again, with its text, and the plain page elsewhere.
    page.goto(f"/r/{org}/")
    page.get_by_label("What happened?").fill("The handover note went to the wrong team.")
    page.context.clear_cookies()
    page.get_by_role("button", name="Send report").click()
    page.locator(".govuk-error-summary").wait_for()
    assert_no_serious_axe_violations(page)
    page.goto("/sign-in/")
    page.context.clear_cookies()
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Sorry, you need to try that again").wait_for()
    assert_no_serious_axe_violations(page)
    sign_in(page, world["users"][Role.REPORTER].username)
    check_error(page, f"/o/{org}/queue/", 403)
    check_error(page, f"/o/{org}/no-such-page/", 404)
    sign_in(page, world["users"][Role.REVIEWER].username)
    page.goto(f"/o/{org}/reports/{world['readable']}/just-culture/new/")
    page.locator("form button[type=submit]").last.click()
    page.locator(".govuk-error-summary").wait_for()
    assert_no_serious_axe_violations(page)
    page.goto(f"/o/{org}/reports/{world['confidential']}/identity/")
    page.get_by_role("button", name="Send request to a custodian").click()
    page.locator(".govuk-error-summary").wait_for()
    assert_no_serious_axe_violations(page)


def test_equality_pages_pass_axe(page, world):
    """Equality monitoring: the off page, and with it on, a member's profile pages and the admin's."""
    from organisations.services import access_for, set_equality_monitoring
    from tests.equality.factories import with_profile

    org, reporter, admin = world["org"], world["users"][Role.REPORTER], world["users"][Role.ADMIN]
    sign_in(page, admin.username)
    check(page, f"/o/{org}/equality/figures/")  # monitoring is off
    organisation = access_for(admin, org).organisation
    set_equality_monitoring(organisation, True, by=admin)
    with_profile(organisation, reporter, ethnicity="asian_pakistani", disability="yes", sex="male")
    for path in (f"/o/{org}/equality/figures/", f"/o/{org}/equality/settings/"):
        check(page, path)
    sign_in(page, reporter.username)
    for path in (f"/o/{org}/equality/my-profile/", f"/o/{org}/equality/my-profile/delete/"):
        check(page, path)
