"""A reviewer codes a de-identified report on a phone: takes two of the suggested contributing
factors, adds one of their own, rates the harm and sees the risk rating. axe runs on every coding
page, each fits a phone's width, and coding works without JavaScript."""

from __future__ import annotations

import pytest

from coding import suggestions
from coding.models import Coding, SuggestionDecision
from organisations.models import Role
from reporting.deidentification import confirm_redaction
from tests.browser.axe import assert_no_serious_axe_violations
from tests.browser.test_reflow import MEASURE
from tests.factories import OrganisationFactory, member, report

from .conftest import sign_in

NARRATIVE = ("The duty worker was exhausted after a fourteen-hour shift and was interrupted by a second urgent call "
             "while recording the first. The referral was left half-finished in the case-management system, which "
             "closed it automatically overnight. Nobody was told, because the handover email went to a colleague "
             "who was on leave.")


@pytest.fixture
def coding_world(transactional_db, settings):
    settings.REQUIRE_TWO_FACTOR = False  # the TOTP pages are checked in test_report_journey
    organisation = OrganisationFactory(slug="coders", name="Coders Borough Council")
    reviewer = member(organisation, Role.REVIEWER, username="coding-reviewer")
    admin = member(organisation, Role.ADMIN, username="coding-admin")
    subject = confirm_redaction(report(organisation, NARRATIVE, potential_harm=4, stage="referral").report,
                                by=reviewer)
    # The first suggestions of a fresh process distil the embedding's token vectors (seconds on a busy
    # machine); do it here, not inside the page's time limit. The server thread shares the process.
    suggestions.propose(organisation, subject, admin)
    return {"org": organisation.slug, "reviewer": reviewer, "admin": admin, "report": subject}


def fits(page, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 844})
    measured = page.evaluate(MEASURE, width)
    assert measured["scrollWidth"] <= width, (page.url, width, measured)


def test_a_reviewer_accepts_two_suggestions_and_adds_a_code(page, coding_world):
    org, subject = coding_world["org"], coding_world["report"]
    script_errors: list[str] = []
    page.on("pageerror", lambda error: script_errors.append(str(error)))
    sign_in(page, coding_world["reviewer"].username)
    page.goto(f"/o/{org}/reports/{subject.reference}/")
    page.get_by_test_id("code-report").click()
    page.get_by_role("heading", name="Code this report").wait_for()
    assert "fourteen-hour shift" in page.get_by_test_id("narrative").inner_text()
    assert_no_serious_axe_violations(page)
    fits(page, 390)

    # The suggestions come ranked, each with its confidence and the words behind it; none is ticked.
    suggestions = page.get_by_test_id("suggestions")
    boxes = suggestions.get_by_role("checkbox")
    assert boxes.count() >= 2
    assert suggestions.get_by_test_id("confidence").count() == boxes.count()
    assert suggestions.get_by_test_id("phrases").count() >= 1
    assert not any(boxes.nth(i).is_checked() for i in range(boxes.count()))
    accepted = [boxes.nth(i).get_attribute("value") for i in (0, 1)]
    boxes.nth(0).check()
    boxes.nth(1).check()
    # The revealed question: was the first one active or latent?
    page.locator(f"#id_failure_{accepted[0]}").select_option("active")

    # One more of their own, from the full list below the suggestions.
    suggested = {boxes.nth(i).get_attribute("value") for i in range(boxes.count())}
    added = next(key for key in ("supervision", "leadership", "confusion") if key not in suggested)
    own = page.locator(f"input[name=factors][value={added}]")
    own.check()

    page.get_by_role("group", name="Error type").get_by_label("Lapse").check()
    page.get_by_role("group", name="Actual harm").get_by_label("1 Negligible – no harm").check()
    page.get_by_role("group", name="Potential harm").get_by_label("4 Major – serious harm to a child or adult").check()
    page.get_by_role("group", name="Likelihood of recurrence").get_by_label("4 Likely – will probably happen again").check()
    # With scripts, the rating shows before saving.
    page.locator("#risk-preview").get_by_text("Extreme risk (16)").wait_for()
    page.get_by_role("button", name="Save coding").click()

    page.get_by_text("Coding saved. Risk rating: Extreme risk (16).").wait_for()
    assert page.get_by_test_id("risk-rating").first.inner_text() == "Extreme risk (16)"
    assert page.get_by_test_id("coded-factors").locator("li").count() == 3
    assert_no_serious_axe_violations(page)
    assert not script_errors, script_errors

    coding = Coding.objects.get(report=subject)
    assert {f.code.key for f in coding.factors.all()} == {*accepted, added}
    assert coding.factors.get(code__key=accepted[0]).failure == "active"
    decisions = {d.code.key: d.accepted for d in SuggestionDecision.objects.filter(report=subject, reviewer=coding.coder)}
    assert {key for key, taken in decisions.items() if taken} == set(accepted)
    assert all(taken is False for key, taken in decisions.items() if key not in accepted)

    # The acceptance shows on the coding-quality page.
    page.goto(f"/o/{org}/coding/quality/")
    assert page.get_by_test_id(f"acceptance-{accepted[0]}").inner_text() == "100%"
    assert_no_serious_axe_violations(page)
    fits(page, 320)


def test_coding_works_without_javascript(browser, base_url, coding_world):
    org, subject = coding_world["org"], coding_world["report"]
    context = browser.new_context(base_url=base_url, java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        sign_in(page, coding_world["reviewer"].username)
        page.goto(f"/o/{org}/reports/{subject.reference}/coding/")
        page.locator("input[name=factors][value=fatigue]").check()
        page.locator("#id_failure_fatigue").select_option("latent")  # shown, not hidden, without scripts
        page.get_by_role("button", name="Save coding").click()
        summary = page.locator(".govuk-error-summary")
        summary.wait_for()
        assert "Select the actual harm" in summary.inner_text()
        assert page.locator("input[name=factors][value=fatigue]").is_checked()  # nothing typed is lost
        page.get_by_role("group", name="Actual harm").get_by_label("1 Negligible – no harm").check()
        page.get_by_role("group", name="Potential harm").get_by_label("2 Minor – short-term upset or delay").check()
        page.get_by_role("group", name="Likelihood of recurrence").get_by_label(
            "3 Possible – might happen again now and then").check()
        page.get_by_role("button", name="Save coding").click()
        page.get_by_text("Coding saved. Risk rating: Moderate risk (6).").wait_for()
    finally:
        context.close()
    assert Coding.objects.get(report=subject).factors.get().failure == "latent"


def test_the_taxonomy_and_risk_pages_pass_axe_and_fit_a_phone(page, coding_world):
    org = coding_world["org"]
    sign_in(page, coding_world["admin"].username)
    page.goto(f"/o/{org}/coding/codes/")
    page.get_by_role("link", name="Time pressure").click()
    page.get_by_role("heading", name="Time pressure").wait_for()
    assert_no_serious_axe_violations(page)
    page.get_by_label("Name").fill("Pressure of time")
    page.get_by_role("button", name="Save a new version").click()
    page.get_by_text("Code saved as version 2.").wait_for()
    assert "Time pressure" in page.get_by_test_id("versions").inner_text()
    for path in (f"/o/{org}/to-code/", f"/o/{org}/coding/codes/", f"/o/{org}/coding/codes/new/", f"/o/{org}/coding/risk-matrix/",
                 f"/o/{org}/coding/quality/", page.url.removeprefix(page.url.split("/o/")[0])):
        page.goto(path)
        assert_no_serious_axe_violations(page)
        for width in (390, 320):
            fits(page, width)
