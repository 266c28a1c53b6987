"""The queue flags reports still waiting for first feedback after the organisation's target in
working days, and filters them."""

from datetime import timedelta

import pytest
from django.utils import timezone

from reporting.choices import MessageAuthor
from reporting.models import Report
from reporting.services import post_message
from tests.factories import report

pytestmark = pytest.mark.django_db


def sent_days_ago(organisation, days: int, text: str = "The referral was not picked up.") -> Report:
    submitted = report(organisation, text).report
    Report.objects.filter(pk=submitted.pk).update(submitted_at=timezone.now() - timedelta(days=days))
    return submitted


def queue(client, organisation, query: str = ""):
    response = client.get(f"/o/{organisation.slug}/queue/{query}")
    return response, {r.reference: r.feedback_overdue for r in response.context["page"]}


def test_a_report_waiting_longer_than_the_target_is_tagged_and_filtered(reviewer_client, organisation, reviewer):
    # 30 calendar days are at least 20 working days, whatever the holidays; 1 day is at most 1.
    waiting = sent_days_ago(organisation, 30)
    answered = sent_days_ago(organisation, 30)
    post_message(answered, "Thank you: which team was this?", author_kind=MessageAuthor.REVIEWER, reviewer=reviewer)
    recent = sent_days_ago(organisation, 1)
    response, flags = queue(reviewer_client, organisation)
    assert flags == {waiting.reference: True, answered.reference: False, recent.reference: False}
    assert response.content.decode().count('data-testid="feedback-overdue"') == 1
    response, flags = queue(reviewer_client, organisation, "?feedback=overdue")
    assert list(flags) == [waiting.reference]
    assert '<option value="overdue" selected>Feedback overdue</option>' in response.content.decode()


def test_the_organisations_own_target_decides_what_is_overdue(reviewer_client, organisation):
    waiting = sent_days_ago(organisation, 30)  # between 18 and 22 working days
    organisation.feedback_target_working_days = 25
    organisation.save()
    assert queue(reviewer_client, organisation)[1] == {waiting.reference: False}
    organisation.feedback_target_working_days = 15
    organisation.save()
    assert queue(reviewer_client, organisation)[1] == {waiting.reference: True}


def test_the_flag_costs_the_same_queries_however_many_reports_wait(reviewer_client, organisation):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(2):
        sent_days_ago(organisation, 30)
    with CaptureQueriesContext(connection) as few:
        queue(reviewer_client, organisation, "?feedback=overdue")
    for _ in range(6):
        sent_days_ago(organisation, 30)
    with CaptureQueriesContext(connection) as more:
        queue(reviewer_client, organisation, "?feedback=overdue")
    assert len(more) == len(few)
