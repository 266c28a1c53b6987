"""The figures count named reports (confidential or open) by their reporter's own profile, found
through the reporter's sealed list of reports, under the outcome in force."""

from __future__ import annotations

import pytest
from django.urls import reverse

from equality import results
from organisations.models import Role
from organisations.services import access_for
from tests.equality.factories import assessed_report, monitoring_on, staff
from tests.factories import member, report, sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(organisation, settings):
    settings.GOODCATCH_SUPPRESSION_K = 3
    monitoring_on(organisation)
    return {"admin": member(organisation, Role.ADMIN, username="ada"),
            "custodian": member(organisation, Role.CUSTODIAN, username="cus"),
            "white": staff(organisation, "wyn", ethnicity="white_british", disability="no", sex="male"),
            "black": staff(organisation, "bola", ethnicity="black_african", disability="no", sex="female")}


def _row(figures, cut_key, label):
    cut = next(cut for cut in figures.cuts if cut.key == cut_key)
    return next(row for row in cut.rows if row.label == label)


def test_named_reports_are_counted_by_their_reporters_group_and_outcome(organisation, people):
    admin, custodian = people["admin"], people["custodian"]
    for confidentiality in ("confidential", "open", "confidential"):
        assessed_report(organisation, people["white"], "system_learning", assessor=admin, confidentiality=confidentiality)
        assessed_report(organisation, people["black"], "referral", assessor=admin, approver=custodian,
                        confidentiality=confidentiality)
    # Not counted: a referral still waiting for its second person counts as system learning...
    assessed_report(organisation, people["white"], "referral_pending", assessor=admin)
    # ...and a report with no assessment, an anonymous report, and a named report by someone without a profile.
    report(organisation, reporter=people["white"], confidentiality="confidential")
    report(organisation, confidentiality="anonymous")
    assessed_report(organisation, member(organisation, Role.REPORTER, username="noprofile"), "referral",
                    assessor=admin, approver=custodian)

    figures = results.results_for(access_for(admin, organisation.slug), viewer=admin)
    white, black = _row(figures, "ethnicity", "White"), _row(figures, "ethnicity", "Black, Black British, Black Welsh, "
                                                                                   "Caribbean or African")
    assert [c.value for c in white.cells] == [4, 0, 0] and white.total.value == 4
    assert [c.value for c in black.cells] == [0, 0, 3] and black.total.value == 3
    # No referral among White reporters: the corrected rate, (3.5/4) / (0.5/5) = 8.75.
    assert black.rate.corrected and black.rate.ratio == pytest.approx(8.75)
    assert [c.value for c in _row(figures, "sex", "Female").cells] == [0, 0, 3]


def test_a_replaced_assessment_no_longer_counts(organisation, people):
    from justculture import services as justculture

    admin = people["admin"]
    reports = [assessed_report(organisation, people["white"], "supportive", assessor=admin) for _ in range(3)]
    replaced = justculture.assessments_for(reports[0]).get()
    justculture.record_assessment(access_for(admin, organisation.slug), reports[0], by=admin, action="Missed the visit.",
                                  answers=justculture.Answers.of(replaced), outcome="system_learning",
                                  rationale="On reflection, the rota.", supersedes=replaced)
    figures = results.results_for(access_for(admin, organisation.slug), viewer=admin)
    white = _row(figures, "ethnicity", "White")
    # One system learning (the replacement) and two supportive: both below k = 3, so both hidden.
    assert [str(c) for c in white.cells] == ["<3", "<3", "0"] and str(white.total) == "3"
    counts = results.count_outcomes(*_inputs(organisation, admin))
    assert counts["ethnicity"]["white"] == {"system_learning": 1, "support": 2}


def _inputs(organisation, admin):
    from equality.profiles import profiles_for_aggregate
    from justculture.services import outcomes_in_force

    access = access_for(admin, organisation.slug)
    found = profiles_for_aggregate(access, actor=admin)
    reports = results.named_reports_by_reporter(access, found)
    return found, reports, outcomes_in_force(i for ids in reports.values() for i in ids)


def test_the_page_shows_the_published_figures_and_the_reference_group(client, organisation, people):
    admin = people["admin"]
    for _ in range(3):
        assessed_report(organisation, people["white"], "system_learning", assessor=admin)
    sign_in(client, admin)
    page = client.get(reverse("equality:results", kwargs={"org_slug": organisation.slug})).content.decode()
    assert "Reference group (1)" in page and "Relative rate of referral" in page
    assert "No assessed named reports in this group." in page
