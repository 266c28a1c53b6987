"""Once final, a learning review and every part of it refuse to change, through the services and
through the models themselves; a revision is a new draft version, and the final one stays as it was."""

from __future__ import annotations

import pytest

from learning import review_lifecycle as lifecycle
from learning import reviews
from learning.models import (
    AgencyPerspective,
    FactorFound,
    Finding,
    KeyEpisode,
    LearningReview,
    Recommendation,
    ReviewReport,
    ReviewStatusChange,
)
from learning.models.reviews import ReviewIsFinal, ReviewStatus
from tests.factories import readable_report
from tests.learning.factories_reviews import access, final_review, move, ready_review

pytestmark = pytest.mark.django_db

PART_MODELS = [KeyEpisode, FactorFound, Finding, AgencyPerspective, Recommendation, ReviewReport]


@pytest.fixture
def final(organisation, reviewer):
    return final_review(organisation, reviewer, reports=[readable_report(organisation, by=reviewer)])


def test_the_services_refuse_to_change_a_final_review(organisation, reviewer, final):
    org_access = access(reviewer, organisation)
    episode = final.episodes.first()
    attempts = [
        lambda: reviews.change_details(org_access, final, reviews.ReviewDetails("New title", "incident"), by=reviewer),
        lambda: reviews.add_part(org_access, final, reviews.PARTS["episodes"],
                                 {"when": "Later", "what_happened": "More."}, by=reviewer),
        lambda: reviews.change_part(org_access, final, reviews.PARTS["episodes"], episode,
                                    {"when": "Later", "what_happened": "Rewritten."}, by=reviewer),
        lambda: reviews.remove_part(org_access, final, reviews.PARTS["episodes"], episode, by=reviewer),
        lambda: reviews.link_reports(org_access, final, [readable_report(organisation, by=reviewer).reference], by=reviewer),
        lambda: reviews.unlink_report(org_access, final, final.report_links.first().report_id, by=reviewer),
    ]
    for attempt in attempts:
        with pytest.raises(ReviewIsFinal):
            attempt()
    assert lifecycle.intact(final)


def test_the_model_refuses_to_save_or_delete_a_final_review(final):
    final.title = "Quietly renamed"
    with pytest.raises(ReviewIsFinal):
        final.save()
    with pytest.raises(ReviewIsFinal):
        final.delete()
    with pytest.raises(ReviewIsFinal):
        LearningReview.objects.filter(pk=final.pk).update(title="Renamed in bulk")
    with pytest.raises(ReviewIsFinal):
        LearningReview.objects.filter(pk=final.pk).delete()
    final.refresh_from_db()
    assert final.title == "Referrals lost between teams" and lifecycle.intact(final)


@pytest.mark.parametrize("model", PART_MODELS, ids=lambda m: m.__name__)
def test_the_model_refuses_to_save_or_delete_any_part_of_a_final_review(final, model):
    part = model.objects.filter(review=final).first()
    assert part is not None, "the factory gives a final review one of each part"
    with pytest.raises(ReviewIsFinal):
        part.save()
    with pytest.raises(ReviewIsFinal):
        part.delete()
    with pytest.raises(ReviewIsFinal):
        model.objects.filter(review=final).update(review=final)
    with pytest.raises(ReviewIsFinal):
        model.objects.filter(pk=part.pk).delete()
    with pytest.raises(ReviewIsFinal):
        final.episodes.all().delete()
    assert model.objects.filter(pk=part.pk).exists()
    assert lifecycle.intact(final)


def test_nothing_can_be_added_to_a_final_review_even_in_bulk(final):
    with pytest.raises(ReviewIsFinal):
        KeyEpisode.objects.create(review=final, when="Later", what_happened="Added afterwards.")
    with pytest.raises(ReviewIsFinal):
        KeyEpisode.objects.bulk_create([KeyEpisode(review=final, when="Later", what_happened="Added in bulk.")])
    assert final.episodes.count() == 1


def test_a_part_cannot_be_moved_out_of_a_final_review(organisation, reviewer, final):
    draft = ready_review(organisation, reviewer)
    episode = final.episodes.first()
    episode.review = draft
    with pytest.raises(ReviewIsFinal):
        episode.save()


def test_a_status_change_is_never_edited(final):
    change = ReviewStatusChange.objects.filter(review=final).last()
    change.note = "Rewritten history"
    with pytest.raises(ReviewIsFinal):
        change.save()


def test_a_draft_can_still_be_changed(organisation, reviewer):
    review = ready_review(organisation, reviewer)
    episode = review.episodes.first()
    reviews.change_part(access(reviewer, organisation), review, reviews.PARTS["episodes"], episode,
                        {"when": "Week 2", "what_happened": "The referral was read on Monday."}, by=reviewer)
    episode.refresh_from_db()
    assert episode.what_happened == "The referral was read on Monday."


def test_a_withdrawn_review_cannot_be_changed_until_reinstated(organisation, reviewer):
    review = move(ready_review(organisation, reviewer), reviewer, ReviewStatus.WITHDRAWN)
    with pytest.raises(reviews.ReviewError, match="withdrawn"):
        reviews.add_part(access(reviewer, organisation), review, reviews.PARTS["episodes"],
                         {"when": "Later", "what_happened": "More."}, by=reviewer)
    move(review, reviewer, ReviewStatus.DRAFT)
    reviews.add_part(access(reviewer, organisation), review, reviews.PARTS["episodes"],
                     {"when": "Later", "what_happened": "More."}, by=reviewer)
    assert review.episodes.count() == 2


def test_a_new_version_is_a_draft_copy_linked_to_the_final_one(organisation, reviewer, final):
    draft = lifecycle.start_new_version(access(reviewer, organisation), final, by=reviewer)
    assert (draft.status, draft.version, draft.predecessor) == (ReviewStatus.DRAFT, 2, final)
    for name in ("episodes", "factors", "findings", "perspectives", "recommendations", "report_links"):
        assert getattr(draft, name).count() == getattr(final, name).count() == 1, name
    assert draft.recommendations.get().finding == draft.findings.get()  # points at its own version's finding
    assert draft.recommendations.get().carried_from == final.recommendations.get()
    episode = draft.episodes.get()
    reviews.change_part(access(reviewer, organisation), draft, reviews.PARTS["episodes"], episode,
                        {"when": "Week 1", "what_happened": "Revised account."}, by=reviewer)
    final.refresh_from_db()
    assert final.status == ReviewStatus.FINAL and lifecycle.intact(final)
    assert final.episodes.get().what_happened == "The referral went to the shared inbox."


def test_only_a_final_review_gets_a_new_version_and_only_one_at_a_time(organisation, reviewer, final):
    with pytest.raises(reviews.ReviewError, match="Only a final review"):
        lifecycle.start_new_version(access(reviewer, organisation), ready_review(organisation, reviewer), by=reviewer)
    draft = lifecycle.start_new_version(access(reviewer, organisation), final, by=reviewer)
    with pytest.raises(reviews.ReviewError, match="already been started"):
        lifecycle.start_new_version(access(reviewer, organisation), final, by=reviewer)
    move(draft, reviewer, ReviewStatus.WITHDRAWN)
    again = lifecycle.start_new_version(access(reviewer, organisation), final, by=reviewer)
    assert again.version == 2 and again.pk != draft.pk
