"""A learning review moves draft → in review with partners → final, or is withdrawn; only the moves in
the table are allowed, each is recorded and audited, and the final version is fingerprinted."""

from __future__ import annotations

import hashlib
import json

import pytest

from learning import review_lifecycle as lifecycle
from learning.models.reviews import ReviewStatus
from protection.models import AuditEntry
from tests.factories import readable_report
from tests.learning.factories_reviews import access, episode, final_review, finding, move, new_review, ready_review

pytestmark = pytest.mark.django_db

ALLOWED = [(ReviewStatus.DRAFT, ReviewStatus.IN_REVIEW), (ReviewStatus.DRAFT, ReviewStatus.WITHDRAWN),
           (ReviewStatus.IN_REVIEW, ReviewStatus.FINAL), (ReviewStatus.IN_REVIEW, ReviewStatus.DRAFT),
           (ReviewStatus.IN_REVIEW, ReviewStatus.WITHDRAWN), (ReviewStatus.WITHDRAWN, ReviewStatus.DRAFT)]
REFUSED = [(a, b) for a in ReviewStatus.values for b in ReviewStatus.values if (a, b) not in ALLOWED]
ROUTE = {ReviewStatus.DRAFT: (), ReviewStatus.IN_REVIEW: (ReviewStatus.IN_REVIEW,),
         ReviewStatus.FINAL: (ReviewStatus.IN_REVIEW, ReviewStatus.FINAL),
         ReviewStatus.WITHDRAWN: (ReviewStatus.WITHDRAWN,)}


def _at(status, organisation, by):
    return move(ready_review(organisation, by), by, *ROUTE[status])


def test_the_table_is_exactly_the_allowed_moves():
    assert {(a, b) for a, targets in lifecycle.TRANSITIONS.items() for b in targets} == set(ALLOWED)


@pytest.mark.parametrize(("start", "target"), ALLOWED)
def test_an_allowed_move_is_made_and_recorded(organisation, reviewer, start, target):
    review = _at(start, organisation, reviewer)
    lifecycle.move(access(reviewer, organisation), review, target, by=reviewer, note="Agreed at the panel.")
    review.refresh_from_db()
    assert review.status == target
    change = lifecycle.history(review)[-1]
    assert (change.from_status, change.to_status, change.by) == (start, target, reviewer)
    entry = AuditEntry.objects.filter(action="review.transition", subject=f"review:{review.pk}").last()
    assert entry.detail["from"] == start and entry.detail["to"] == target


@pytest.mark.parametrize(("start", "target"), REFUSED)
def test_any_other_move_is_refused_with_a_clear_reason(organisation, reviewer, start, target):
    review = _at(start, organisation, reviewer)
    before = len(lifecycle.history(review))
    with pytest.raises(lifecycle.TransitionError) as refused:
        lifecycle.move(access(reviewer, organisation), review, target, by=reviewer)
    assert f"“{ReviewStatus(start).label}” cannot move to “{ReviewStatus(target).label}”" in str(refused.value)
    review.refresh_from_db()
    assert review.status == start and len(lifecycle.history(review)) == before


def test_a_made_up_status_is_refused(organisation, reviewer):
    review = new_review(organisation, reviewer)
    with pytest.raises(lifecycle.TransitionError):
        lifecycle.move(access(reviewer, organisation), review, "published", by=reviewer)


def test_a_review_without_an_episode_or_a_finding_cannot_be_final(organisation, reviewer):
    review = move(new_review(organisation, reviewer), reviewer, ReviewStatus.IN_REVIEW)
    with pytest.raises(lifecycle.TransitionError, match="key practice episode"):
        lifecycle.move(access(reviewer, organisation), review, ReviewStatus.FINAL, by=reviewer)
    episode(review, reviewer)
    with pytest.raises(lifecycle.TransitionError, match="finding"):
        lifecycle.move(access(reviewer, organisation), review, ReviewStatus.FINAL, by=reviewer)
    finding(review, reviewer)
    lifecycle.move(access(reviewer, organisation), review, ReviewStatus.FINAL, by=reviewer)
    review.refresh_from_db()
    assert review.status == ReviewStatus.FINAL


def test_the_final_version_is_stored_as_canonical_json_with_its_sha256(organisation, reviewer):
    report = readable_report(organisation, by=reviewer)
    review = final_review(organisation, reviewer, reports=[report])
    assert review.finalised_at is not None and review.finalised_by == reviewer
    data = json.loads(review.snapshot)
    assert data["reports"] == [report.reference]
    assert data["key_practice_episodes"][0]["what_happened"] == "The referral went to the shared inbox."
    assert data["contributory_factors"][0]["code"] == "fatigue"
    assert data["agency_perspectives"][0]["agency"] == "health"
    assert review.snapshot == json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    assert review.snapshot_sha256 == hashlib.sha256(review.snapshot.encode()).hexdigest()
    assert lifecycle.intact(review)
    entry = AuditEntry.objects.filter(action="review.transition", subject=f"review:{review.pk}").last()
    assert entry.detail["sha256"] == review.snapshot_sha256


def test_a_record_changed_behind_the_models_back_no_longer_matches(organisation, reviewer):
    review = final_review(organisation, reviewer)
    from django.db import connection

    with connection.cursor() as cursor:  # as someone with the database's password might
        cursor.execute("UPDATE learning_keyepisode SET what_happened = 'rewritten' WHERE review_id = %s", [review.pk])
    assert not lifecycle.intact(review)
