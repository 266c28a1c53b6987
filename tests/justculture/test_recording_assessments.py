"""A reviewer records an assessment: system learning by default, saved for good, and audited."""

import pytest
from django.urls import reverse

from justculture import services
from justculture.models import Assessment, Outcome
from organisations.services import access_for
from protection.models import AuditEntry
from reporting.services import subject_for
from tests.factories import sign_in
from tests.justculture.conftest import answers, form_data

pytestmark = pytest.mark.django_db


def new_url(organisation, report):
    return reverse("justculture:new", args=[organisation.slug, report.reference])


def record(user, organisation, report, **kwargs):
    kwargs.setdefault("action", "The visit was not recorded")
    kwargs.setdefault("answers", answers())
    kwargs.setdefault("outcome", Outcome.SYSTEM_LEARNING)
    kwargs.setdefault("rationale", "The case system was down.")
    return services.record_assessment(access_for(user, organisation.slug), report, by=user, **kwargs)


def test_the_list_page_offers_to_start_an_assessment(reviewer_client, organisation, subject_report):
    response = reviewer_client.get(reverse("justculture:list", args=[organisation.slug, subject_report.reference]))
    assert response.status_code == 200
    html = response.content.decode()
    assert new_url(organisation, subject_report) in html
    assert "never warrant sanction" in html


def test_the_outcome_starts_as_system_learning(reviewer_client, organisation, subject_report):
    response = reviewer_client.get(new_url(organisation, subject_report))
    assert response.status_code == 200
    assert response.context["form"]["outcome"].value() == Outcome.SYSTEM_LEARNING
    html = response.content.decode()
    assert 'value="system_learning" checked' in html
    assert html.count("<h1") == 1
    for number, name in enumerate(["Deliberate harm", "Health", "Foresight", "Substitution",
                                   "Mitigating circumstances"], start=1):
        assert f"Test {number}: {name}</h2>" in html


def test_a_reviewer_records_an_assessment_of_one_action(reviewer_client, organisation, subject_report, reviewer):
    response = reviewer_client.post(new_url(organisation, subject_report), form_data())
    assessment = Assessment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("justculture:detail",
                                           args=[organisation.slug, subject_report.reference, assessment.pk])
    assert (assessment.report, assessment.assessed_by, assessment.outcome) == (subject_report, reviewer,
                                                                                Outcome.SYSTEM_LEARNING)
    assert assessment.recommended_outcome == Outcome.SYSTEM_LEARNING
    page = reviewer_client.get(response["Location"]).content.decode()
    assert "The referral was not passed to the duty team" in page


def test_a_report_can_have_several_assessments_one_per_action(organisation, subject_report, reviewer):
    record(reviewer, organisation, subject_report, action="The referral was not triaged")
    record(reviewer, organisation, subject_report, action="The manager did not check the tray")
    assert services.assessments_for(subject_report).count() == 2


def test_the_reviewer_may_choose_other_than_the_recommendation(organisation, subject_report, reviewer):
    assessment = record(reviewer, organisation, subject_report,
                        answers=answers(protocol_agreed="yes", protocol_workable="yes", protocol_departed="yes"),
                        outcome=Outcome.SYSTEM_LEARNING)
    assert assessment.recommended_outcome == Outcome.SUPPORTIVE
    assert assessment.outcome == Outcome.SYSTEM_LEARNING


def test_asking_for_the_recommendation_shows_it_and_keeps_what_was_typed(reviewer_client, organisation, subject_report):
    data = form_data(step="recommend", health="yes", rationale="", action="The duty worker missed the call")
    response = reviewer_client.post(new_url(organisation, subject_report), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert not Assessment.objects.exists()
    assert response.context["recommendation"].outcome == Outcome.HEALTH_SUPPORT
    assert "The duty worker missed the call" in html
    assert "There is a problem" not in html


def test_asking_for_the_recommendation_before_answering_everything_says_so(reviewer_client, organisation,
                                                                           subject_report):
    data = form_data(step="recommend")
    del data["mitigating"]
    response = reviewer_client.post(new_url(organisation, subject_report), data)
    assert response.context["recommendation"] is None
    assert 'data-testid="recommendation-incomplete"' in response.content.decode()


def test_a_referral_is_refused_unless_test_1_was_answered_yes(reviewer_client, organisation, subject_report, reviewer):
    for deliberate_harm in ("no", "unsure"):
        with pytest.raises(services.JustCultureError):
            record(reviewer, organisation, subject_report, answers=answers(deliberate_harm=deliberate_harm),
                   outcome=Outcome.REFERRAL)
        response = reviewer_client.post(new_url(organisation, subject_report),
                                        form_data(deliberate_harm=deliberate_harm, outcome=Outcome.REFERRAL))
        assert response.status_code == 400
        assert "only possible when test 1 (deliberate harm) is answered yes" in response.content.decode()
    assert not Assessment.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="justculture.").exists()


def test_the_database_also_refuses_a_referral_without_deliberate_harm(subject_report, reviewer):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Assessment.objects.create(report=subject_report, action="x", **vars(answers()),
                                  recommended_outcome=Outcome.SYSTEM_LEARNING, chosen_outcome=Outcome.REFERRAL,
                                  rationale="x", assessed_by=reviewer)


def test_choosing_a_referral_leaves_the_outcome_as_system_learning_pending_approval(reviewer_client, organisation,
                                                                                    subject_report):
    response = reviewer_client.post(new_url(organisation, subject_report),
                                    form_data(deliberate_harm="yes", outcome=Outcome.REFERRAL))
    assessment = Assessment.objects.get()
    assert response.status_code == 302
    assert (assessment.chosen_outcome, assessment.referral_status) == (Outcome.REFERRAL, "pending")
    assert assessment.outcome == Outcome.SYSTEM_LEARNING
    page = reviewer_client.get(response["Location"]).content.decode()
    assert "referral pending approval" in page


def test_saved_assessments_cannot_be_edited_or_deleted(organisation, subject_report, reviewer):
    assessment = record(reviewer, organisation, subject_report)
    assessment.chosen_outcome = Outcome.SUPPORTIVE
    with pytest.raises(ValueError):
        assessment.save()
    with pytest.raises(ValueError):
        assessment.delete()
    with pytest.raises(ValueError):
        Assessment.objects.filter(pk=assessment.pk).update(chosen_outcome=Outcome.SUPPORTIVE)
    with pytest.raises(ValueError):
        Assessment.objects.filter(pk=assessment.pk).delete()
    assessment.refresh_from_db()
    assert assessment.chosen_outcome == Outcome.SYSTEM_LEARNING


def test_a_new_assessment_supersedes_the_old_one_which_is_kept(reviewer_client, organisation, subject_report,
                                                                reviewer):
    old = record(reviewer, organisation, subject_report, answers=answers(health="unsure"))
    form = reviewer_client.get(new_url(organisation, subject_report) + f"?supersedes={old.pk}").context["form"]
    assert form["health"].value() == "unsure" and form["action"].value() == old.action
    response = reviewer_client.post(new_url(organisation, subject_report),
                                    form_data(supersedes=old.pk, health="yes", outcome=Outcome.HEALTH_SUPPORT))
    assert response.status_code == 302
    new = Assessment.objects.exclude(pk=old.pk).get()
    old.refresh_from_db()
    assert new.supersedes == old and old.is_superseded and old.health == "unsure"
    response = reviewer_client.post(new_url(organisation, subject_report), form_data(supersedes=old.pk))
    assert response.status_code == 400
    assert "already been replaced" in response.content.decode()
    assert Assessment.objects.count() == 2


def test_an_assessment_of_another_report_cannot_be_superseded(reviewer_client, organisation, reviewer):
    from tests.factories import report

    first, second = report(organisation).report, report(organisation).report
    other = record(reviewer, organisation, first)
    response = reviewer_client.post(new_url(organisation, second), form_data(supersedes=other.pk))
    assert response.status_code == 404
    assert Assessment.objects.count() == 1


def test_each_assessment_and_referral_request_is_audited(organisation, subject_report, reviewer):
    plain = record(reviewer, organisation, subject_report)
    referral = record(reviewer, organisation, subject_report, answers=answers(deliberate_harm="yes"),
                      outcome=Outcome.REFERRAL)
    entries = AuditEntry.objects.filter(action__startswith="justculture.")
    assert [(e.action, e.detail["assessment"]) for e in entries] == [
        ("justculture.assessment", plain.pk), ("justculture.assessment", referral.pk),
        ("justculture.referral_requested", referral.pk),
    ]
    for entry in entries:
        assert (entry.actor_id, entry.organisation_id, entry.subject) == (
            reviewer.pk, organisation.pk, subject_for(subject_report))
    assert entries[1].detail == {"assessment": referral.pk, "supersedes": None, "recommended": Outcome.REFERRAL,
                                 "chosen": Outcome.REFERRAL, "outcome": Outcome.SYSTEM_LEARNING}
    # The free text stays on the assessment, out of the audit log.
    assert "The visit was not recorded" not in str([e.detail for e in entries])


def test_form_errors_are_summarised_and_keep_the_users_text(reviewer_client, organisation, subject_report):
    data = form_data(rationale="", action="The handover note was incomplete")
    del data["health"]
    response = reviewer_client.post(new_url(organisation, subject_report), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in html
    assert 'href="#id_health_0"' in html and 'href="#id_rationale"' in html
    assert "Explain the reasons for the outcome" in html
    assert "Select whether ill health or a substance was likely" in html
    assert "The handover note was incomplete" in html
    assert 'name="deliberate_harm" type="radio" value="no" checked' in html
    assert html.count("<title>Error:") == 1
    assert not Assessment.objects.exists()


def test_a_too_long_description_is_refused_with_the_text_kept(reviewer_client, organisation, subject_report):
    long_action = "a" * 301
    response = reviewer_client.post(new_url(organisation, subject_report), form_data(action=long_action))
    assert response.status_code == 400
    assert "300 characters or fewer" in response.content.decode()
    assert long_action in response.content.decode()


def test_a_user_without_the_just_culture_permission_is_refused(client, organisation, subject_report, manager):
    sign_in(client, manager)
    assert client.get(new_url(organisation, subject_report)).status_code == 403
    assert client.post(new_url(organisation, subject_report), form_data()).status_code == 403
    with pytest.raises(services.NotPermitted):
        record(manager, organisation, subject_report)
    assert not Assessment.objects.exists()


def test_the_assessments_page_makes_as_many_queries_for_five_assessments_as_for_one(reviewer_client, organisation,
                                                                                   subject_report, reviewer):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("justculture:list", args=[organisation.slug, subject_report.reference])
    counts = []
    for batch in (1, 4):
        for n in range(batch):
            record(reviewer, organisation, subject_report, action=f"Action {n}")
        with CaptureQueriesContext(connection) as queries:
            assert reviewer_client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
