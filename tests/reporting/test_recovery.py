"""A report's de-identification is never lost and never done twice: its task is written in the report's
own transaction, on a queue and at a priority of its own; a worker that dies mid-task has its task
queued again and its report released by the sweep; and no two workers work on one report at once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import TestCase
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks.base import DEFAULT_TASK_PRIORITY
from django_tasks_db.models import DBTaskResult

from core import workers
from core.models import WorkClaim, WorkerHeartbeat
from protection import redaction
from protection import tasks as protection_tasks
from reporting import deidentification, tasks
from reporting.choices import DeidStatus
from reporting.models import Report
from reporting.services import ReportSubmission, submit_report
from reporting.subjects import subject_for

pytestmark = pytest.mark.django_db

STORY = "Mum Tegan Roskilly was not told that the visit had moved to Thursday."


@pytest.fixture(autouse=True)
def database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": settings.TASK_QUEUES}}


def submit(organisation, text: str = STORY):
    return submit_report(organisation, ReportSubmission(kind="near_miss", what_happened=text))


def run_worker(queue: str) -> None:
    call_command("run_worker", queue_name=queue, batch=True, startup_delay=False, verbosity=0)


def deid_tasks():
    return DBTaskResult.objects.filter(task_path="reporting.tasks.deidentify_new_reports")


def test_de_identification_has_its_own_queue_and_comes_before_other_work():
    assert tasks.deidentify_new_reports.queue_name == tasks.requeue_stalled_deidentification.queue_name == "deidentification"
    assert tasks.deidentify_new_reports.priority > tasks.requeue_stalled_deidentification.priority > DEFAULT_TASK_PRIORITY
    assert protection_tasks.apply_retention.queue_name == "default"


def test_a_worker_for_other_queues_leaves_reports_alone_and_the_deidentification_worker_takes_them(
        organisation, transactional_db):
    report = submit(organisation).report
    run_worker("default")
    report.refresh_from_db()
    assert report.deid_status == DeidStatus.PENDING
    run_worker("deidentification")
    report.refresh_from_db()
    assert report.deid_status == DeidStatus.DRAFT


def test_a_worker_serving_every_queue_takes_de_identification_first(organisation, transactional_db):
    retention = protection_tasks.apply_retention.enqueue()
    submit(organisation)
    call_command("run_worker", queue_name="*", max_tasks=1, startup_delay=False, verbosity=0)
    assert deid_tasks().get().status == TaskResultStatus.SUCCESSFUL
    assert DBTaskResult.objects.get(pk=retention.id).status == TaskResultStatus.READY


def test_the_task_is_written_in_the_reports_transaction_not_after_it(organisation, transactional_db):
    with TestCase.captureOnCommitCallbacks() as after_commit, pytest.raises(RuntimeError):
        with transaction.atomic():
            submit(organisation)
            assert Report.objects.count() == 1 and deid_tasks().count() == 1  # together, before the commit
            raise RuntimeError("the process dies before the commit")
    assert after_commit == []
    assert not Report.objects.exists() and not deid_tasks().exists()  # neither, after a rollback

    submit(organisation)
    [queued] = deid_tasks()
    assert Report.objects.count() == 1
    assert (queued.status, queued.queue_name, queued.priority) == (TaskResultStatus.READY, "deidentification",
                                                                   tasks.DEID_PRIORITY)
    assert queued.args_kwargs == {"args": [], "kwargs": {}}  # it names no report (ADR 0003)


def test_backends_that_run_tasks_elsewhere_still_queue_after_the_commit(organisation, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
                                  "QUEUES": settings.TASK_QUEUES}}
    with TestCase.captureOnCommitCallbacks(execute=True) as after_commit:
        report = submit(organisation).report
        assert Report.objects.get(pk=report.pk).deid_status == DeidStatus.PENDING
    assert len(after_commit) == 1
    assert Report.objects.get(pk=report.pk).deid_status == DeidStatus.DRAFT


def test_a_worker_killed_mid_task_has_its_task_requeued_and_its_report_released(organisation, transactional_db):
    """What `kill -9` leaves: the task RUNNING on a worker that no longer beats, the report claimed by it."""
    report = submit(organisation).report
    [task] = deid_tasks()
    killed_at = timezone.now()
    WorkerHeartbeat.objects.create(worker_id="killed", beat_at=killed_at)
    DBTaskResult.objects.filter(pk=task.pk).update(status=TaskResultStatus.RUNNING, started_at=killed_at,
                                                   worker_ids=["killed"])
    WorkClaim.objects.create(name=subject_for(report), worker_id="killed")

    assert deidentification.deidentify_waiting() == 0  # another worker passes the claimed report by
    assert workers.sweep(now=killed_at + timedelta(seconds=30)).requeued == {}

    result = workers.sweep(now=killed_at + timedelta(seconds=61))
    copy = DBTaskResult.objects.get(pk=result.requeued[str(task.pk)])
    assert (copy.task_path, copy.queue_name, copy.status) == (task.task_path, "deidentification", TaskResultStatus.READY)
    assert not WorkClaim.objects.exists()
    call_command("run_worker", queue_name="deidentification", batch=True, startup_delay=False, verbosity=0)
    report.refresh_from_db()
    assert report.deid_status == DeidStatus.DRAFT


def test_two_workers_never_de_identify_one_report_at_once(organisation, monkeypatch):
    first, second = submit(organisation).report, submit(organisation, "Dad Piran Kellow rang twice.").report
    proposed: list[str] = []
    real_propose = redaction.propose

    def propose(organisation_id, subject, **options):
        """While the first worker is proposing, a second worker works through the waiting reports."""
        proposed.append(subject)
        if len(proposed) == 1:
            with monkeypatch.context() as other:
                other.setitem(workers._identity, "id", "the-second-worker")
                assert deidentification.deidentify_report_now(first.pk) == deidentification.CLAIMED_ELSEWHERE
                assert deidentification.deidentify_waiting() == 1  # the second report only
        return real_propose(organisation_id, subject, **options)

    monkeypatch.setattr(redaction, "propose", propose)
    assert deidentification.deidentify_waiting() == 1  # the first; the second was done meanwhile
    assert sorted(proposed) == sorted([subject_for(first), subject_for(second)])
    assert set(Report.objects.values_list("deid_status", flat=True)) == {DeidStatus.DRAFT}
    assert not WorkClaim.objects.exists()


def test_a_report_finished_by_another_worker_before_the_claim_is_not_done_again(organisation, monkeypatch):
    report = submit(organisation).report
    real_claimed = workers.claimed

    def claimed_after_the_other_worker_finished(name):
        Report.objects.filter(pk=report.pk).update(deid_status=DeidStatus.DRAFT)
        return real_claimed(name)

    monkeypatch.setattr(workers, "claimed", claimed_after_the_other_worker_finished)
    monkeypatch.setattr(redaction, "propose", lambda *a, **k: pytest.fail("proposed twice"))
    assert deidentification.deidentify_waiting() == 0
    assert deidentification.deidentify_report_now(report.pk) == DeidStatus.DRAFT
