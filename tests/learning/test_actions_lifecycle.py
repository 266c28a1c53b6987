"""An action's lifecycle: every allowed move is recorded with who and when, refused moves say why,
done becomes effective or not only through an effectiveness review, and history outlives its links."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from learning import actions, effectiveness
from learning.models.actions import ActionEvent, ActionReport, ActionStatus
from protection.models import AuditEntry
from reporting.models import Report
from tests.factories import report as submit
from tests.factories import sign_in
from tests.learning.factories_actions import access, done_at, manager_in, new_action, now, reports_in_theme, theme

pytestmark = pytest.mark.django_db

S = ActionStatus
ALLOWED = [(S.PROPOSED, S.AGREED), (S.AGREED, S.PROPOSED), (S.AGREED, S.IN_PROGRESS), (S.IN_PROGRESS, S.AGREED),
           (S.IN_PROGRESS, S.DONE), (S.DONE, S.IN_PROGRESS), (S.NOT_EFFECTIVE, S.IN_PROGRESS)]
REFUSED = [(S.PROPOSED, S.IN_PROGRESS), (S.PROPOSED, S.DONE), (S.AGREED, S.DONE), (S.PROPOSED, S.EFFECTIVE),
           (S.IN_PROGRESS, S.EFFECTIVE), (S.DONE, S.EFFECTIVE), (S.DONE, S.NOT_EFFECTIVE), (S.EFFECTIVE, S.DONE),
           (S.EFFECTIVE, S.IN_PROGRESS), (S.DONE, S.PROPOSED), (S.PROPOSED, S.PROPOSED)]


def _at(action, status):
    type(action).objects.filter(pk=action.pk).update(status=status)
    action.refresh_from_db()
    return action


@pytest.fixture
def manager(organisation):
    return manager_in(organisation)


def test_the_table_has_exactly_the_allowed_moves():
    table = {(source, target) for source, targets in actions.TRANSITIONS.items() for target in targets}
    assert table == set(ALLOWED)


@pytest.mark.parametrize(("source", "target"), ALLOWED)
def test_each_allowed_move_is_made_and_recorded_with_who_and_when(organisation, manager, source, target):
    action = _at(new_action(organisation, manager), source)
    before = now()
    moved = actions.move(access(manager, organisation), action, target, by=manager, note="Agreed at the team meeting")
    assert moved.status == target
    event = ActionEvent.objects.filter(action=action, kind="status").last()
    assert (event.from_status, event.to_status, event.by) == (source, target, manager)
    assert event.at >= before and event.detail == "Agreed at the team meeting"
    assert AuditEntry.objects.filter(action="action.status", subject=f"action:{action.pk}").exists()


@pytest.mark.parametrize(("source", "target"), REFUSED)
def test_a_move_the_table_refuses_is_a_clear_error_and_changes_nothing(organisation, manager, source, target):
    action = _at(new_action(organisation, manager), source)
    with pytest.raises(actions.ActionError) as refused:
        actions.move(access(manager, organisation), action, target, by=manager)
    assert str(refused.value)
    action.refresh_from_db()
    assert action.status == source
    assert not ActionEvent.objects.filter(action=action, kind="status").exists()


def test_an_unknown_status_is_refused(organisation, manager):
    with pytest.raises(actions.ActionError, match="not a status"):
        actions.move(access(manager, organisation), new_action(organisation, manager), "abandoned", by=manager)


def test_done_records_when_and_reopening_clears_it(organisation, manager):
    action = _at(new_action(organisation, manager), S.IN_PROGRESS)
    action = actions.move(access(manager, organisation), action, S.DONE, by=manager)
    assert action.done_at is not None
    action = actions.move(access(manager, organisation), action, S.IN_PROGRESS, by=manager)
    assert action.done_at is None


def test_done_becomes_effective_only_through_a_review_with_its_counts(organisation, manager, settings):
    settings.GOODCATCH_EFFECTIVENESS_REVIEW_DAYS = 28
    the_theme = theme(organisation)
    action = new_action(organisation, manager, theme_ids=[the_theme.pk])
    done = now() - timedelta(days=30)
    action = done_at(action, done)
    reports_in_theme(organisation, the_theme, 20, done - timedelta(days=10))
    reports_in_theme(organisation, the_theme, 6, done + timedelta(days=10))
    with pytest.raises(actions.ActionError, match="Compute the effectiveness review first"):
        effectiveness.verify(access(manager, organisation), action, 999999, S.EFFECTIVE, by=manager)
    review = effectiveness.review(action)
    action = effectiveness.verify(access(manager, organisation), action, review.pk, S.EFFECTIVE, by=manager)
    assert action.status == S.EFFECTIVE
    event = ActionEvent.objects.filter(action=action, kind="status").last()
    assert (event.from_status, event.to_status) == (S.DONE, S.EFFECTIVE)
    assert "went down" in event.detail and "20 reports" in event.detail and "6 reports" in event.detail
    review.refresh_from_db()
    assert (review.decision, review.decided_by) == (S.EFFECTIVE, manager)


def test_a_review_of_an_earlier_round_cannot_verify_a_reopened_action(organisation, manager, settings):
    settings.GOODCATCH_EFFECTIVENESS_REVIEW_DAYS = 28
    the_theme = theme(organisation)
    action = done_at(new_action(organisation, manager, theme_ids=[the_theme.pk]), now() - timedelta(days=40))
    review = effectiveness.review(action)
    action = actions.move(access(manager, organisation), action, S.IN_PROGRESS, by=manager)
    action = actions.move(access(manager, organisation), action, S.DONE, by=manager)
    with pytest.raises(actions.ActionError, match="earlier round"):
        effectiveness.verify(access(manager, organisation), action, review.pk, S.NOT_EFFECTIVE, by=manager)


def test_unlinking_a_report_keeps_its_reference_in_the_history(organisation, manager, reviewer):
    subject = submit(organisation).report
    action = new_action(organisation, manager, report_references=[subject.reference])
    actions.unlink_report(access(manager, organisation), action, subject.reference, by=manager)
    assert not ActionReport.objects.filter(action=action).exists()
    kinds = [(e.kind, e.detail) for e in actions.history(action)]
    assert ("link_report", subject.reference) in kinds and ("unlink_report", subject.reference) in kinds


def test_deleting_a_linked_report_leaves_the_action_and_its_history(organisation, manager):
    subject = submit(organisation).report
    action = new_action(organisation, manager, report_references=[subject.reference])
    events_before = ActionEvent.objects.filter(action=action).count()
    Report.objects.filter(pk=subject.pk).delete()  # as retention would
    action.refresh_from_db()
    assert ActionReport.objects.filter(action=action).count() == 0
    assert ActionEvent.objects.filter(action=action).count() == events_before
    assert ActionEvent.objects.filter(action=action, kind="link_report", detail=subject.reference).exists()


def test_a_report_of_another_organisation_cannot_be_linked(organisation, other_organisation, manager):
    elsewhere = submit(other_organisation).report
    action = new_action(organisation, manager)
    with pytest.raises(actions.ActionError, match="no report with that reference"):
        actions.link_report(access(manager, organisation), action, elsewhere.reference, by=manager)


def test_the_description_is_de_identified_before_anyone_reads_it(organisation, manager):
    action = new_action(organisation, manager, description="Ask Kerensa Polglase to ring 07700 900461 before every "
                                                           "Friday discharge.")
    assert "Polglase" not in action.description and "07700" not in action.description
    assert "[PERSON" in action.description


def test_a_manager_moves_an_action_through_the_pages_and_a_refused_move_says_why(client, organisation, manager):
    sign_in(client, manager)
    action = new_action(organisation, manager)
    url = reverse("learning:action-move", kwargs={"org_slug": organisation.slug, "action_id": action.pk})
    refused = client.post(url, {"status": S.DONE})
    assert refused.status_code == 400
    assert "cannot be moved to done" in refused.content.decode()
    assert client.post(url, {"status": S.AGREED}).status_code == 302
    action.refresh_from_db()
    assert action.status == S.AGREED


def test_another_organisations_action_is_not_found(client, organisation, other_organisation, manager):
    elsewhere_manager = manager_in(other_organisation, username="elsewhere-manager")
    action = new_action(other_organisation, elsewhere_manager)
    sign_in(client, manager)
    response = client.get(reverse("learning:action", kwargs={"org_slug": organisation.slug, "action_id": action.pk}))
    assert response.status_code == 404
