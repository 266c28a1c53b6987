"""A partner adds its agency's perspective (de-identified before it is stored) and proposes actions; the
owner sees both on its view of the cleared report, and its action manager accepts a proposal, which
becomes a real action of the owner, or declines it with a reason."""

from __future__ import annotations

import pytest
from django.urls import reverse

from learning import actions as learning_actions
from organisations.models import Role
from protection.models import AuditEntry
from sharing import agreements
from sharing.models import PartnerPerspective, ProposedAction
from tests.factories import member, readable_report, sign_in
from tests.sharing.factories import shared_report
from tests.sharing.factories_agreements import access, pair

pytestmark = pytest.mark.django_db

NAME, PHONE = "Kerensa Polglase", "07700 900461"


def _partner_url(two, name: str) -> str:
    return reverse(name, kwargs={"org_slug": two.health.slug, "agreement_id": two.agreement.pk,
                                 "public_id": two.report.public_id})


def _owner_url(two) -> str:
    return reverse("sharing:agreement-report", kwargs={"org_slug": two.council.slug, "agreement_id": two.agreement.pk,
                                                       "public_id": two.report.public_id})


def test_a_perspective_is_de_identified_before_it_is_stored_and_the_owner_sees_it(client):
    two = pair()
    sign_in(client, two.health_reviewer)
    response = client.post(_partner_url(two, "sharing:partner-perspective"),
                           {"text": f"Our health visitor saw {NAME} on Tuesday and rang {PHONE}."})
    assert response.status_code == 302
    stored = PartnerPerspective.objects.get()
    assert "Polglase" not in stored.text and PHONE not in stored.text and "[PERSON 1]" in stored.text
    assert (stored.organisation, stored.author, stored.agreement) == (two.health, two.health_reviewer, two.agreement)
    assert {e.organisation_id for e in AuditEntry.objects.filter(action="sharing.perspective_add")} == {
        two.council.pk, two.health.pk}

    sign_in(client, two.council_manager)
    page = client.get(_owner_url(two)).content.decode()
    assert "North Health Trust" in page and "[PERSON 1]" in page and "Polglase" not in page


def test_an_empty_perspective_is_refused_with_an_error_summary(client):
    two = pair()
    sign_in(client, two.health_reviewer)
    response = client.post(_partner_url(two, "sharing:partner-perspective"), {"text": "  "})
    assert response.status_code == 400 and "Enter your agency&#x27;s perspective" in response.content.decode()
    assert not PartnerPerspective.objects.exists()


def test_an_accepted_proposed_action_becomes_an_action_of_the_other_organisation(client):
    two = pair()
    sign_in(client, two.health_reviewer)
    client.post(_partner_url(two, "sharing:partner-propose-action"),
                {"description": f"Give the shared inbox a named owner each day, not {NAME}."})
    proposal = ProposedAction.objects.get()
    assert (proposal.from_organisation, proposal.to_organisation) == (two.health, two.council)
    assert "Polglase" not in proposal.description

    sign_in(client, two.council_manager)
    assert "Accept or decline" in client.get(_owner_url(two)).content.decode()
    answer = reverse("sharing:proposed-action-answer", kwargs={"org_slug": two.council.slug,
                                                               "proposal_id": proposal.pk})
    assert client.post(answer, {"decision": "accept"}).status_code == 400  # what it changes is needed
    response = client.post(answer, {"decision": "accept", "level": "tool_or_system"})
    assert response.status_code == 302 and response["Location"] == _owner_url(two)

    proposal.refresh_from_db()
    action = learning_actions.action_in(two.council.pk, proposal.action_id)
    assert proposal.status == ProposedAction.Status.ACCEPTED and action is not None
    assert "named owner" in action.description and action.level == "tool_or_system"
    assert "North Health Trust" in learning_actions.history(action)[-1].detail
    assert not learning_actions.actions_of(two.health.pk).exists()
    assert {e.organisation_id for e in AuditEntry.objects.filter(action="sharing.action_accept")} == {
        two.council.pk, two.health.pk}


def test_a_declined_proposed_action_keeps_its_reason_and_makes_no_action():
    two = pair()
    proposal = agreements.propose_action(access(two.health_reviewer, two.health), two.agreement, two.report,
                                         "Ring the school back the same day.", by=two.health_reviewer)
    with pytest.raises(agreements.AgreementError):  # the proposer cannot answer its own proposal
        agreements.decline_proposed_action(access(two.health_admin, two.health), proposal.pk, reason="No.",
                                           by=two.health_admin)
    declined = agreements.decline_proposed_action(access(two.council_manager, two.council), proposal.pk,
                                                  reason="The duty line already does this.", by=two.council_manager)
    assert declined.status == ProposedAction.Status.DECLINED and "duty line" in declined.decline_reason
    assert not learning_actions.actions_of(two.council.pk).exists()


def test_nothing_can_be_added_once_the_agreement_has_ended():
    two = pair()
    agreements.end(access(two.council_admin, two.council), two.agreement.pk, by=two.council_admin)
    with pytest.raises(agreements.AgreementError):
        agreements.add_perspective(access(two.health_reviewer, two.health), two.agreement, two.report, "Late.",
                                   by=two.health_reviewer)
    with pytest.raises(agreements.AgreementError):
        agreements.propose_action(access(two.health_reviewer, two.health), two.agreement, two.report, "Late.",
                                  by=two.health_reviewer)
    assert not PartnerPerspective.objects.exists() and not ProposedAction.objects.exists()


def test_the_owner_adds_a_partners_perspective_to_its_learning_review(client):
    from tests.learning.factories_reviews import new_review

    two = pair()
    reviewer = member(two.council, Role.REVIEWER, username="council-reviewer")
    source = readable_report(two.council, by=reviewer)
    cleared = shared_report(two.council, source_report_id=source.pk)
    review = new_review(two.council, reviewer)
    from learning import reviews

    reviews.link_reports(access(reviewer, two.council), review, [source.reference], by=reviewer)
    perspective = agreements.add_perspective(access(two.health_reviewer, two.health), two.agreement, cleared,
                                             "The ward discharged on a Friday with no named contact.",
                                             by=two.health_reviewer)
    sign_in(client, reviewer)
    url = reverse("sharing:perspective-to-review", kwargs={"org_slug": two.council.slug,
                                                           "perspective_id": perspective.pk})
    assert review.reference in client.get(url).content.decode()
    assert client.post(url, {"review": review.pk}).status_code == 302
    recorded = list(review.perspectives.values_list("agency", "perspective"))
    assert recorded == [("health", "The ward discharged on a Friday with no named contact.")]
