"""A reviewer codes a de-identified report beside its text; a second reviewer codes it blind."""

from __future__ import annotations

import pytest
from django.urls import reverse

from coding import services
from coding.models import Coding
from organisations.models import Role
from protection.models import AuditEntry
from tests.factories import member, report, sign_in

from .conftest import access, coding_input, form_data, readable_report

pytestmark = pytest.mark.django_db


def _url(organisation, subject, name="coding:report"):
    return reverse(name, args=[organisation.slug, subject.reference])


def test_the_coding_page_shows_the_de_identified_text_beside_the_form(client, organisation, reviewer, coded_report):
    sign_in(client, reviewer)
    response = client.get(_url(organisation, coded_report))
    html = response.content.decode()
    assert response.status_code == 200
    assert "shared inbox for two days" in html and 'data-testid="coding-form"' in html
    assert "Workload and caseload" in html and "Situational violation" in html
    # The reporter's stage and harm start the form off; the reviewer can change them.
    assert '<option value="referral" selected>' in html


def test_a_reviewer_records_a_coding_with_factors_marked_active_or_latent(client, organisation, reviewer,
                                                                          coded_report):
    sign_in(client, reviewer)
    data = form_data("workload-caseload", "supervision", error_type="lapse", actual_harm="2", potential_harm="4",
                     likelihood="3")
    data["failure_supervision"] = "latent"
    response = client.post(_url(organisation, coded_report), data)
    assert response.status_code == 302
    coding = Coding.objects.get(report=coded_report)
    assert {(f.code.key, f.failure) for f in coding.factors.all()} == {("workload-caseload", ""),
                                                                      ("supervision", "latent")}
    assert (coding.error_type.key, coding.stage, coding.actual_harm, coding.potential_harm, coding.likelihood) == (
        "lapse", "referral", 2, 4, 3)
    assert (coding.risk_score, coding.risk_band, coding.blind) == (12, "high", True)
    entry = AuditEntry.objects.get(action="coding.record")
    assert entry.detail["factors"] == ["supervision", "workload-caseload"] and entry.subject == f"report:{coded_report.pk}"
    page = client.get(_url(organisation, coded_report)).content.decode()
    assert "Your coding" in page and "Supervision – latent failure" in page
    assert 'data-testid="coding-form"' not in page  # coded once: no second form


def test_a_coding_needs_a_factor_and_the_ratings(client, organisation, reviewer, coded_report):
    sign_in(client, reviewer)
    response = client.post(_url(organisation, coded_report), {"stage": "referral"})
    html = response.content.decode()
    assert response.status_code == 400
    for message in ("Select at least one contributing factor", "Select the actual harm", "Select the potential harm",
                    "Select how likely it is to happen again"):
        assert message in html
    assert 'href="#id_factors_0"' in html and 'id="id_factors_0"' in html
    assert not Coding.objects.exists()


def test_a_report_cannot_be_coded_before_its_de_identification_is_confirmed(client, organisation, reviewer):
    draft = report(organisation, "Mum Elin Hughes was not told about the conference.").report
    sign_in(client, reviewer)
    page = client.get(_url(organisation, draft)).content.decode()
    assert 'data-testid="not-readable"' in page and "Elin" not in page
    with pytest.raises(services.CodingError):
        services.record_coding(access(reviewer, organisation), draft, coding_input(), by=reviewer)


def test_a_reviewer_codes_a_report_only_once(organisation, reviewer, coded_report):
    services.record_coding(access(reviewer, organisation), coded_report, coding_input(), by=reviewer)
    with pytest.raises(services.CodingError):
        services.record_coding(access(reviewer, organisation), coded_report, coding_input(), by=reviewer)


def test_the_second_coder_cannot_see_the_first_coding_until_both_are_done(client, organisation, reviewer,
                                                                           second_reviewer, coded_report):
    services.record_coding(access(reviewer, organisation), coded_report, coding_input("fatigue"), by=reviewer)
    sign_in(client, second_reviewer)
    blind = client.get(_url(organisation, coded_report)).content.decode()
    assert 'data-testid="coding-hidden"' in blind and "Fatigue (" not in blind
    assert "Coding by reviewer1" not in blind and 'data-testid="coding-form"' in blind

    sign_in(client, reviewer)
    first_view = client.get(_url(organisation, coded_report)).content.decode()
    assert "Your coding" in first_view and "Coding by reviewer2" not in first_view

    sign_in(client, second_reviewer)
    client.post(_url(organisation, coded_report), form_data("fatigue", "distraction"))
    both = client.get(_url(organisation, coded_report)).content.decode()
    assert "Coding by reviewer1" in both and "Your coding" in both
    assert 'data-testid="comparison"' in both
    assert Coding.objects.get(coder=second_reviewer).blind is True


def test_choosing_to_see_the_first_coding_makes_the_second_not_blind(client, organisation, reviewer,
                                                                     second_reviewer, coded_report):
    services.record_coding(access(reviewer, organisation), coded_report, coding_input("fatigue"), by=reviewer)
    sign_in(client, second_reviewer)
    assert client.post(_url(organisation, coded_report, "coding:unblind")).status_code == 302
    page = client.get(_url(organisation, coded_report)).content.decode()
    assert "Coding by reviewer1" in page
    client.post(_url(organisation, coded_report), form_data("fatigue"))
    assert Coding.objects.get(coder=second_reviewer).blind is False
    assert AuditEntry.objects.filter(action="coding.unblind", actor_id=second_reviewer.pk).count() == 1


def test_a_manager_may_not_code(client, organisation, coded_report):
    manager = member(organisation, Role.MANAGER, username="manager-coding")
    sign_in(client, manager)
    assert client.get(_url(organisation, coded_report)).status_code == 403
    with pytest.raises(services.NotPermitted):
        services.record_coding(access(manager, organisation), coded_report, coding_input(), by=manager)


def test_another_organisations_report_is_not_found(client, organisation, other_organisation, coded_report):
    outsider = member(other_organisation, Role.REVIEWER, username="outsider-coder")
    sign_in(client, outsider)
    assert client.get(reverse("coding:report", args=[other_organisation.slug, coded_report.reference])).status_code == 404
    assert client.get(_url(organisation, coded_report)).status_code == 404


def test_the_report_page_links_to_coding(client, organisation, reviewer, coded_report):
    sign_in(client, reviewer)
    html = client.get(reverse("triage:report", args=[organisation.slug, coded_report.reference])).content.decode()
    assert _url(organisation, coded_report) in html


def test_codings_are_permanent(organisation, reviewer, coded_report):
    coding = services.record_coding(access(reviewer, organisation), coded_report, coding_input(), by=reviewer)
    with pytest.raises(ValueError):
        coding.save()
    with pytest.raises(ValueError):
        Coding.objects.filter(pk=coding.pk).update(likelihood=1)


def test_the_worklist_shows_what_is_left_to_code_and_what_needs_a_blind_second_coder(
        client, organisation, reviewer, second_reviewer, coded_report):
    services.record_coding(access(reviewer, organisation), coded_report, coding_input(), by=reviewer)
    uncoded = readable_report(organisation, "The visit was booked for the wrong week.", by=reviewer)
    url = reverse("coding:worklist", args=[organisation.slug])
    sign_in(client, second_reviewer)
    assert uncoded.reference in client.get(url).content.decode()
    assert coded_report.reference not in client.get(url).content.decode()
    assert coded_report.reference in client.get(url + "?show=second").content.decode()
    # The first coder cannot be its blind second coder.
    sign_in(client, reviewer)
    assert coded_report.reference not in client.get(url + "?show=second").content.decode()
    services.record_coding(access(second_reviewer, organisation), coded_report, coding_input(), by=second_reviewer)
    assert coded_report.reference in client.get(url + "?show=done").content.decode()


def test_the_coding_page_makes_a_bounded_number_of_queries(client, organisation, reviewer, second_reviewer,
                                                           coded_report, django_assert_max_num_queries):
    """About forty codes and up to five suggestions: nothing on the page may cost a query per code."""
    sign_in(client, reviewer)
    url = _url(organisation, coded_report)
    client.get(url)
    with django_assert_max_num_queries(40):
        client.get(url)
    services.record_coding(access(reviewer, organisation), coded_report,
                           coding_input("fatigue", "distraction", "supervision", "leadership"), by=reviewer)
    services.record_coding(access(second_reviewer, organisation), coded_report, coding_input("fatigue"),
                           by=second_reviewer)
    with django_assert_max_num_queries(20):
        client.get(url)
