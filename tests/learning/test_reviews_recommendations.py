"""A recommendation, once accepted, becomes a proposed action linked to the review's reports; it is
made into an action once only, even when the review is revised."""

from __future__ import annotations

import pytest

from learning import review_lifecycle as lifecycle
from learning import reviews
from learning.models import Action, ActionEvent, RecommendationAction
from learning.models.reviews import ReviewStatus
from protection.models import AuditEntry
from tests.factories import readable_report
from tests.learning.factories_reviews import access, final_review, move, ready_review

pytestmark = pytest.mark.django_db


def test_an_accepted_recommendation_becomes_a_proposed_action_on_the_reviews_reports(organisation, reviewer):
    linked = [readable_report(organisation, by=reviewer), readable_report(organisation, by=reviewer)]
    review = final_review(organisation, reviewer, reports=linked)
    recommendation = review.recommendations.get()
    action = reviews.accept_recommendation(access(reviewer, organisation), review, recommendation.pk, by=reviewer)
    assert action.status == "proposed" and action.level == "practice"
    assert action.description == "Give the shared inbox a named owner on every shift."
    assert action.organisation == organisation and action.created_by == reviewer
    assert set(action.report_links.values_list("report_id", flat=True)) == {r.pk for r in linked}
    # Made as every action is: its strength classified, its history begun, its source noted.
    assert ActionEvent.objects.get(action=action, kind="created").to_status == "proposed"
    assert action.strength_reason
    assert review.reference in ActionEvent.objects.get(action=action, kind="note").detail
    assert RecommendationAction.objects.get(recommendation=recommendation).action == action
    assert AuditEntry.objects.filter(action="review.recommendation_accepted", subject=f"review:{review.pk}").exists()
    # Accepting is the organisation's answer to the review, not a change to it.
    assert lifecycle.intact(review)


def test_a_recommendation_becomes_an_action_once(organisation, reviewer):
    review = final_review(organisation, reviewer)
    recommendation = review.recommendations.get()
    reviews.accept_recommendation(access(reviewer, organisation), review, recommendation.pk, by=reviewer)
    with pytest.raises(reviews.ReviewError, match="already become an action"):
        reviews.accept_recommendation(access(reviewer, organisation), review, recommendation.pk, by=reviewer)
    assert Action.objects.count() == 1


def test_the_same_recommendation_in_a_new_version_is_not_accepted_again(organisation, reviewer):
    review = final_review(organisation, reviewer)
    action = reviews.accept_recommendation(access(reviewer, organisation), review, review.recommendations.get().pk,
                                           by=reviewer)
    draft = lifecycle.start_new_version(access(reviewer, organisation), review, by=reviewer)
    carried = draft.recommendations.get()
    assert reviews.accepted_actions(draft) == {carried.pk: action}
    move(draft, reviewer, ReviewStatus.IN_REVIEW)
    with pytest.raises(reviews.ReviewError, match="already become an action"):
        reviews.accept_recommendation(access(reviewer, organisation), draft, carried.pk, by=reviewer)


def test_a_draft_reviews_recommendations_wait_for_partners(organisation, reviewer):
    review = ready_review(organisation, reviewer)
    with pytest.raises(reviews.ReviewError, match="with partners or final"):
        reviews.accept_recommendation(access(reviewer, organisation), review, review.recommendations.get().pk,
                                      by=reviewer)
    assert not Action.objects.exists()


def test_an_accepted_recommendation_stays_as_it_was_accepted(organisation, reviewer):
    review = move(ready_review(organisation, reviewer), reviewer, ReviewStatus.IN_REVIEW)
    recommendation = review.recommendations.get()
    reviews.accept_recommendation(access(reviewer, organisation), review, recommendation.pk, by=reviewer)
    kind = reviews.PARTS["recommendations"]
    with pytest.raises(reviews.ReviewError, match="become an action"):
        reviews.change_part(access(reviewer, organisation), review, kind, recommendation,
                            {"text": "Something else", "level": "policy", "finding": None}, by=reviewer)
    with pytest.raises(reviews.ReviewError, match="become an action"):
        reviews.remove_part(access(reviewer, organisation), review, kind, recommendation, by=reviewer)


def test_another_reviews_recommendation_cannot_be_accepted_here(organisation, reviewer):
    review = final_review(organisation, reviewer)
    other = final_review(organisation, reviewer)
    with pytest.raises(reviews.ReviewError, match="Choose one of this review"):
        reviews.accept_recommendation(access(reviewer, organisation), review, other.recommendations.get().pk,
                                      by=reviewer)


def test_accepting_through_the_page(client, organisation, reviewer):
    from tests.factories import sign_in

    review = final_review(organisation, reviewer)
    sign_in(client, reviewer)
    url = f"/o/{organisation.slug}/reviews/{review.pk}/"
    response = client.post(url + "accept/", {"recommendation": review.recommendations.get().pk}, follow=True)
    assert response.status_code == 200
    action = Action.objects.get()
    assert f"proposed action {action.pk}" in response.content.decode()
    page = client.get(url).content.decode()
    assert 'data-testid="became-action"' in page and "Accept as an action" not in page
    assert client.post(url + "accept/", {"recommendation": "nonsense"}).status_code == 400
