"""An anonymous reporter's times are kept, and shown, to the day only: no row, page or API field
dates an anonymous report or reply to the hour, while ordering still follows the order of events."""

import json
import re
from datetime import datetime, time

import pytest
from django.apps import apps
from django.db.models import JSONField, Q
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from organisations.services import create_api_token
from protection.models import PlaceholderSet
from reporting.deidentification import confirm_redaction
from reporting.models import Message, Report
from reporting.services import post_message
from reporting.subjects import subject_for
from tests.factories import report as submit
from tests.factories import sign_in

pytestmark = pytest.mark.django_db

STORY = "Duty SW Morwenna Trewin could not open the referral so it sat for two days before anyone saw it."
CLOCK = re.compile(r"\b\d{1,2}:\d{2}\b")


def send_anonymously(client, organisation, what_happened=STORY) -> tuple[Report, str]:
    with TestCase.captureOnCommitCallbacks(execute=True):  # the de-identification task, as after a real commit
        response = client.post(reverse("reporting:report-form", args=[organisation.slug]), {
            "what_happened": what_happened, "kind": "near_miss", "potential_harm": "3",
            "confidentiality": "anonymous"})
    result = response.context["result"]
    return Report.objects.get(pk=result.report.pk), result.receipt_code


def reply(client, code: str, body: str) -> None:
    client.post("/receipt/reply/", {"code": code, "body": body})


def rows_about(report: Report):
    """Every row in the database that refers to the report: by foreign key, by its subject in
    `protection`, or through its placeholder numbering."""
    subject = subject_for(report)
    for model in apps.get_models():
        refers = Q(pk=report.pk) if model is Report else Q()
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is Report:
                refers |= Q(**{field.name: report})
            elif field.is_relation and field.related_model is PlaceholderSet:
                refers |= Q(**{f"{field.name}__subject": subject})
            elif field.name == "subject":
                refers |= Q(subject=subject)
        if refers:
            yield from model.objects.filter(refers)


def finer_than_the_day(row) -> list[str]:
    found = []
    for field in row._meta.concrete_fields:
        value = getattr(row, field.attname)
        if isinstance(value, datetime) and timezone.localtime(value).time() != time(0):
            found.append(f"{type(row).__name__}.{field.name} = {value.isoformat()}")
        elif isinstance(field, JSONField) and CLOCK.search(json.dumps(value, default=str)):
            found.append(f"{type(row).__name__}.{field.name} = {value}")
    return found


def test_no_row_about_an_anonymous_report_or_its_replies_holds_a_time_finer_than_the_day(client, organisation):
    report, code = send_anonymously(client, organisation)
    reply(client, code, "It was Kerensa Polglase's case, ring the office.")
    reply(client, code, "One more thing: the file was on the shared drive.")

    rows = list(rows_about(report))
    kinds = {type(row).__name__ for row in rows}
    assert {"Report", "StatusChange", "Message", "SealedRecord", "Redaction", "PlaceholderSet", "PlaceholderDigest",
            "AuditEntry"} <= kinds
    assert [problem for row in rows for problem in finer_than_the_day(row)] == []


def test_an_identified_report_keeps_its_exact_time(client, organisation, reporter_user):
    identified = submit(organisation, STORY, reporter=reporter_user, confidentiality="confidential").report
    assert timezone.localtime(identified.submitted_at).time() != time(0)
    assert finer_than_the_day(identified)


def test_pages_and_the_api_show_an_anonymous_report_only_to_the_day(client, organisation, reviewer):
    report, code = send_anonymously(client, organisation)
    confirm_redaction(report, by=reviewer)
    post_message(report, "Which team was on duty?", author_kind=Message.Author.REVIEWER, reviewer=reviewer)
    reply(client, code, "The duty team, on the late shift.")
    day = timezone.localtime(report.submitted_at).strftime("%-d %B %Y")

    followup = client.post("/receipt/", {"code": code}).content.decode()
    assert "Which team was on duty?" in followup and not CLOCK.search(followup)

    sign_in(client, reviewer)
    detail = client.get(f"/o/{organisation.slug}/reports/{report.reference}/").content.decode()
    assert day in detail and not CLOCK.search(detail)
    # Written order, although the reply is kept at midnight and the question to the minute.
    assert detail.index("Which team was on duty?") < detail.index("The duty team, on the late shift.")
    queue = client.get(f"/o/{organisation.slug}/queue/").content.decode()
    assert report.reference in queue and not CLOCK.search(queue)

    token = create_api_token(reviewer, "laptop")
    listing = client.get(f"/api/v1/orgs/{organisation.slug}/reports", HTTP_AUTHORIZATION=f"Bearer {token}").json()
    [entry] = [r for r in listing["results"] if r["reference"] == report.reference]
    assert entry["submitted_at"] is None
    assert entry["submitted_on"] == timezone.localdate(report.submitted_at).isoformat()
    assert not CLOCK.search(json.dumps(entry))


def test_the_reviewer_sees_the_minute_on_an_identified_report(reviewer_client, organisation, reporter_user, reviewer):
    identified = submit(organisation, STORY, reporter=reporter_user, confidentiality="confidential").report
    detail = reviewer_client.get(f"/o/{organisation.slug}/reports/{identified.reference}/").content.decode()
    assert CLOCK.search(detail)


def test_anonymous_reports_sent_the_same_day_keep_the_order_they_came_in(client, organisation, reviewer):
    first, _ = send_anonymously(client, organisation, "The first report of the day: a referral sat unread.")
    second, _ = send_anonymously(client, organisation, "The second report of the day: a visit was missed.")
    assert first.submitted_at == second.submitted_at
    sign_in(client, reviewer)
    newest_first = client.get(f"/o/{organisation.slug}/queue/").content.decode()
    assert newest_first.index(second.reference) < newest_first.index(first.reference)
    oldest_first = client.get(f"/o/{organisation.slug}/queue/?sort=oldest").content.decode()
    assert oldest_first.index(first.reference) < oldest_first.index(second.reference)


def test_the_task_queued_for_a_new_report_does_not_name_it(settings, organisation):
    from django_tasks_db.models import DBTaskResult

    from reporting import tasks

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": settings.TASK_QUEUES}}
    report = submit(organisation, STORY).report
    [queued] = DBTaskResult.objects.all()
    assert queued.args_kwargs == {"args": [], "kwargs": {}}
    assert str(report.pk) not in json.dumps(queued.args_kwargs)
    assert tasks.deidentify_new_reports.call() == 1
    report.refresh_from_db()
    assert report.deid_status == "draft"
