"""A referral outside the learning process takes effect only when a second, different person with
the approval permission approves it."""

import pytest
from django.urls import reverse

from justculture import services
from justculture.models import Assessment, Outcome, ReferralDecision
from organisations.models import Role
from organisations.services import access_for
from protection.models import AuditEntry
from reporting.services import subject_for
from tests.factories import member, sign_in
from tests.justculture.conftest import answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def referral(organisation, subject_report, reviewer):
    return services.record_assessment(
        access_for(reviewer, organisation.slug), subject_report, by=reviewer, action="The carer hid the medication",
        answers=answers(deliberate_harm="yes"), outcome=Outcome.REFERRAL, rationale="It was done on purpose.",
    )


def decision_url(organisation, assessment):
    return reverse("justculture:decision", args=[organisation.slug, assessment.report.reference, assessment.pk])


def detail_url(organisation, assessment):
    return reverse("justculture:detail", args=[organisation.slug, assessment.report.reference, assessment.pk])


def fresh(assessment):
    return services.assessment_for(assessment.report, assessment.pk)


def test_a_custodian_approves_a_referral_and_it_takes_effect(custodian_client, organisation, referral, custodian):
    page = custodian_client.get(detail_url(organisation, referral)).content.decode()
    assert decision_url(organisation, referral) in page
    response = custodian_client.post(decision_url(organisation, referral),
                                     {"decision": "approved", "reason": "Clear intent; HR and the regulator told."})
    assert response.status_code == 302
    assessment = fresh(referral)
    assert (assessment.referral_status, assessment.outcome) == ("approved", Outcome.REFERRAL)
    decision = assessment.referral_decision
    assert (decision.decided_by, decision.reason) == (custodian, "Clear intent; HR and the regulator told.")


def test_a_declined_referral_stays_system_learning(custodian_client, organisation, referral):
    response = custodian_client.post(decision_url(organisation, referral),
                                     {"decision": "declined", "reason": "The harm was not intended."})
    assert response.status_code == 302
    assessment = fresh(referral)
    assert (assessment.referral_status, assessment.outcome) == ("declined", Outcome.SYSTEM_LEARNING)


def test_the_requester_cannot_approve_their_own_referral(client, organisation, subject_report):
    admin = member(organisation, Role.ADMIN, username="admin1")
    access = access_for(admin, organisation.slug)
    own = services.record_assessment(access, subject_report, by=admin, action="Records were altered",
                                     answers=answers(deliberate_harm="yes"), outcome=Outcome.REFERRAL, rationale="x")
    with pytest.raises(services.NotPermitted):
        services.approve_referral(access, own, by=admin, reason="I agree with myself")
    sign_in(client, admin)
    page = client.get(detail_url(organisation, own)).content.decode()
    assert decision_url(organisation, own) not in page
    assert 'data-testid="own-referral"' in page
    assert client.post(decision_url(organisation, own), {"decision": "approved", "reason": "x"}).status_code == 403
    assert fresh(own).referral_status == "pending"
    assert not ReferralDecision.objects.exists()


def test_a_reviewer_without_the_permission_cannot_approve(reviewer_client, organisation, referral, subject_report):
    second_reviewer = member(organisation, Role.REVIEWER, username="reviewer2")
    with pytest.raises(services.NotPermitted):
        services.approve_referral(access_for(second_reviewer, organisation.slug), referral, by=second_reviewer,
                                  reason="x")
    sign_in(reviewer_client, second_reviewer)
    page = reviewer_client.get(detail_url(organisation, referral)).content.decode()
    assert decision_url(organisation, referral) not in page
    assert 'data-testid="referral-pending"' in page
    response = reviewer_client.post(decision_url(organisation, referral), {"decision": "approved", "reason": "x"})
    assert response.status_code == 403
    assert reviewer_client.get(reverse("justculture:referrals", args=[organisation.slug])).status_code == 403
    assert fresh(referral).outcome == Outcome.SYSTEM_LEARNING


def test_a_referral_is_decided_once(custodian_client, organisation, referral, custodian):
    services.decline_referral(access_for(custodian, organisation.slug), referral, by=custodian, reason="Not intended")
    second = member(organisation, Role.ADMIN, username="admin2")
    with pytest.raises(services.JustCultureError):
        services.approve_referral(access_for(second, organisation.slug), referral, by=second, reason="Intended")
    response = custodian_client.post(decision_url(organisation, referral), {"decision": "approved", "reason": "x"})
    assert response.status_code == 400
    assert "already been decided" in response.content.decode()
    assert fresh(referral).referral_status == "declined"


def test_a_decision_needs_a_reason_and_keeps_it_on_error(custodian_client, organisation, referral):
    response = custodian_client.post(decision_url(organisation, referral), {"reason": "Because the notes show it"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in html and "Select whether you approve or decline" in html
    assert "Because the notes show it" in html
    response = custodian_client.post(decision_url(organisation, referral), {"decision": "approved", "reason": " "})
    assert "Give the reason for your decision" in response.content.decode()
    assert fresh(referral).referral_status == "pending"


def test_a_replaced_assessments_referral_lapses(organisation, subject_report, referral, reviewer, custodian):
    services.record_assessment(access_for(reviewer, organisation.slug), subject_report, by=reviewer,
                               action=referral.action, answers=answers(), outcome=Outcome.SYSTEM_LEARNING,
                               rationale="On review it was a slip.", supersedes=referral)
    access = access_for(custodian, organisation.slug)
    assert not services.pending_referrals(access).exists()
    with pytest.raises(services.JustCultureError):
        services.approve_referral(access, fresh(referral), by=custodian, reason="x")


def test_decisions_cannot_be_edited(organisation, referral, custodian):
    decision = services.approve_referral(access_for(custodian, organisation.slug), referral, by=custodian,
                                         reason="Intended")
    decision.decision = "declined"
    with pytest.raises(ValueError):
        decision.save()
    with pytest.raises(ValueError):
        decision.delete()
    with pytest.raises(ValueError):
        ReferralDecision.objects.update(decision="declined")


def test_approvals_and_declines_are_audited(organisation, subject_report, referral, reviewer, custodian):
    services.approve_referral(access_for(custodian, organisation.slug), referral, by=custodian, reason="Intended")
    other = services.record_assessment(
        access_for(reviewer, organisation.slug), subject_report, by=reviewer, action="The log was deleted",
        answers=answers(deliberate_harm="yes"), outcome=Outcome.REFERRAL, rationale="x")
    services.decline_referral(access_for(custodian, organisation.slug), other, by=custodian, reason="Not intended")
    entries = {e.action: e for e in AuditEntry.objects.filter(action__in=["justculture.referral_approved",
                                                                          "justculture.referral_declined"])}
    assert entries["justculture.referral_approved"].detail == {"assessment": referral.pk, "requested_by": reviewer.pk}
    assert entries["justculture.referral_declined"].detail == {"assessment": other.pk, "requested_by": reviewer.pk}
    for entry in entries.values():
        assert (entry.actor_id, entry.organisation_id, entry.subject) == (
            custodian.pk, organisation.pk, subject_for(subject_report))


def test_custodians_see_the_referrals_waiting_and_decided(custodian_client, organisation, subject_report, referral,
                                                          reviewer, custodian):
    plain = services.record_assessment(access_for(reviewer, organisation.slug), subject_report, by=reviewer,
                                       action="The visit was late", answers=answers(),
                                       outcome=Outcome.SYSTEM_LEARNING, rationale="x")
    url = reverse("justculture:referrals", args=[organisation.slug])
    response = custodian_client.get(url)
    assert response.status_code == 200
    assert [a.pk for a in response.context["pending"]] == [referral.pk]
    assert plain.action not in response.content.decode()
    services.approve_referral(access_for(custodian, organisation.slug), referral, by=custodian, reason="Intended")
    response = custodian_client.get(url)
    assert response.context["pending"] == [] and [a.pk for a in response.context["decided"]] == [referral.pk]


def test_the_referrals_page_makes_as_many_queries_for_five_referrals_as_for_one(custodian_client, organisation,
                                                                               subject_report, reviewer, custodian):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("justculture:referrals", args=[organisation.slug])
    counts = []
    for batch in (1, 4):
        for n in range(batch):
            row = services.record_assessment(access_for(reviewer, organisation.slug), subject_report, by=reviewer,
                                             action=f"Action {n}", answers=answers(deliberate_harm="yes"),
                                             outcome=Outcome.REFERRAL, rationale="x")
        services.decline_referral(access_for(custodian, organisation.slug), row, by=custodian, reason="No intent")
        with CaptureQueriesContext(connection) as queries:
            assert custodian_client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert Assessment.objects.count() == 5
