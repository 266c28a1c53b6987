"""The effectiveness review on constructed data: reports with the action's theme or factors, counted in
equal windows before it was done and after, answer "went down", "went up", "no clear change" or
"too few reports to tell"."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from coding import taxonomy
from coding.services import CodingInput, record_coding
from learning import effectiveness
from learning.models.actions import EffectivenessReview, Verdict
from tests.factories import readable_report, sign_in
from tests.learning.factories_actions import access, done_at, manager_in, new_action, now, spread, theme

pytestmark = pytest.mark.django_db
DAYS = 28


@pytest.fixture(autouse=True)
def _short_review(settings):
    settings.GOODCATCH_EFFECTIVENESS_REVIEW_DAYS = DAYS
    settings.GOODCATCH_SUPPRESSION_K = 5


@pytest.fixture
def manager(organisation):
    return manager_in(organisation)


def _world(organisation, manager, before: int, after: int, *, noise: bool = True):
    """An action on a theme, done DAYS+2 days ago, with `before` and `after` reports of the theme in
    the two windows, and reports that must not count: another theme's, and the theme's own outside both."""
    the_theme = theme(organisation)
    action = new_action(organisation, manager, theme_ids=[the_theme.pk])
    done = now() - timedelta(days=DAYS + 2)
    action = done_at(action, done)
    spread(organisation, the_theme, before, done - timedelta(days=DAYS), DAYS)
    spread(organisation, the_theme, after, done, DAYS)
    if noise:
        spread(organisation, theme(organisation, "Something else"), 40, done, DAYS)
        spread(organisation, the_theme, 30, done - timedelta(days=3 * DAYS), DAYS)
    return action


@pytest.mark.parametrize(("before", "after", "verdict"), [
    (30, 8, Verdict.WENT_DOWN),
    (8, 30, Verdict.WENT_UP),
    (20, 18, Verdict.NO_CLEAR_CHANGE),
    (3, 2, Verdict.TOO_FEW),
])
def test_the_verdict_follows_the_counts(organisation, manager, before, after, verdict):
    review = effectiveness.review(_world(organisation, manager, before, after))
    assert (review.before_count, review.after_count, review.verdict) == (before, after, verdict)
    assert review.window_days == DAYS


def test_a_drop_too_small_to_tell_from_chance_is_no_clear_change():
    # 14 to 8 looks like a drop, but 8 or fewer of 22 happens by chance more than one time in twenty.
    assert effectiveness.compare(14, 8).verdict == Verdict.NO_CLEAR_CHANGE
    assert effectiveness.compare(24, 8).verdict == Verdict.WENT_DOWN
    assert effectiveness.compare(0, 0).verdict == Verdict.TOO_FEW


def test_reports_with_a_linked_factor_count_too(organisation, manager, reviewer):
    code = taxonomy.codes_of(organisation).get(key="fatigue")
    action = new_action(organisation, manager, code_ids=[code.pk])
    subjects = [readable_report(organisation, f"The visit was missed after a double shift number {i}.", by=reviewer)
                for i in range(3)]
    for subject in subjects:
        record_coding(access(reviewer, organisation), subject, CodingInput(
            factors={"fatigue": ""}, error_type="", stage="", actual_harm=1, potential_harm=2, likelihood=2), by=reviewer)
    # Done a little under the review period ago: counted early, both windows shrink to the days since.
    action = done_at(action, now() - timedelta(days=DAYS - 1))
    review = effectiveness.review(action, now=now() + timedelta(hours=1))
    assert review.window_days == DAYS - 1
    assert (review.before_count, review.after_count) == (0, 3)
    assert "fatigue" in review.basis.lower()


def test_an_action_with_nothing_linked_cannot_be_reviewed(organisation, manager):
    action = done_at(new_action(organisation, manager), now() - timedelta(days=DAYS + 1))
    with pytest.raises(Exception, match="Link a contributing factor or a theme"):
        effectiveness.review(action)


def test_too_soon_after_done_is_refused(organisation, manager):
    the_theme = theme(organisation)
    action = done_at(new_action(organisation, manager, theme_ids=[the_theme.pk]), now() - timedelta(days=3))
    with pytest.raises(Exception, match="at least 7 days"):
        effectiveness.review(action)


def test_the_periodic_review_counts_each_due_action_once(organisation, manager):
    _world(organisation, manager, 30, 8, noise=False)
    assert effectiveness.review_due() == 1
    assert effectiveness.review_due() == 0
    assert EffectivenessReview.objects.count() == 1


def test_the_page_shows_small_counts_suppressed(client, organisation, manager):
    action = _world(organisation, manager, 3, 2, noise=False)
    effectiveness.review(action)
    sign_in(client, manager)
    page = client.get(reverse("learning:action", kwargs={"org_slug": organisation.slug, "action_id": action.pk}))
    text = page.content.decode()
    assert "Too few reports to tell" in text
    assert "&lt;5" in text
    assert 'data-testid="before">3<' not in text and 'data-testid="after">2<' not in text
