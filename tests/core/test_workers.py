"""Workers heartbeat; a task whose worker has gone quiet for a minute is marked failed and queued again,
and what that worker held is released; a worker declared dead stops. Time is the test's to set: the
sweep is given its clock, and nothing sleeps for a minute."""

from __future__ import annotations

import importlib
import io
import threading
from datetime import timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

import goodcatch.settings as settings_module
from core import workers
from core.models import WorkClaim, WorkerHeartbeat
from protection import tasks as protection_tasks

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": settings.TASK_QUEUES}}


def running_on(worker_id: str, *, started_at, task=protection_tasks.apply_retention) -> DBTaskResult:
    """A task as db_worker leaves it once it has taken it: RUNNING, with the worker's id."""
    row = DBTaskResult.objects.get(pk=task.enqueue().id)
    row.status, row.started_at, row.worker_ids = TaskResultStatus.RUNNING, started_at, [worker_id]
    row.save()
    return row


def beat(worker_id: str, at) -> WorkerHeartbeat:
    return WorkerHeartbeat.objects.update_or_create(pk=worker_id, defaults={"beat_at": at, "queues": "default"})[0]


def test_a_task_whose_worker_went_quiet_for_a_minute_is_failed_and_queued_again():
    noon = timezone.now().replace(microsecond=0)
    beat("worker-a", noon)
    lost = running_on("worker-a", started_at=noon - timedelta(seconds=5))
    WorkClaim.objects.create(name="report:1", worker_id="worker-a")

    assert workers.sweep(now=noon + timedelta(seconds=59)) == workers.SweepResult([], {})
    lost.refresh_from_db()
    assert lost.status == TaskResultStatus.RUNNING and WorkClaim.objects.exists()

    result = workers.sweep(now=noon + timedelta(seconds=61))
    lost.refresh_from_db()
    assert result.dead_workers == ["worker-a"] and list(result.requeued) == [str(lost.pk)]
    assert lost.status == TaskResultStatus.FAILED and lost.exception_class_path == workers.WORKER_LOST
    assert "worker-a was last heard from 61 s before the sweep" in lost.traceback
    copy = DBTaskResult.objects.get(pk=result.requeued[str(lost.pk)])
    assert (copy.status, copy.task_path, copy.queue_name, copy.priority, copy.args_kwargs) == (
        TaskResultStatus.READY, lost.task_path, lost.queue_name, lost.priority, lost.args_kwargs)
    assert not WorkerHeartbeat.objects.exists() and not WorkClaim.objects.exists()
    assert workers.sweep(now=noon + timedelta(seconds=120)).requeued == {}  # once only


def test_the_tasks_of_a_worker_that_keeps_beating_are_left_alone_however_long_they_run():
    noon = timezone.now()
    beat("worker-b", noon)
    long_one = running_on("worker-b", started_at=noon - timedelta(hours=2))
    assert workers.sweep(now=noon + timedelta(seconds=30)) == workers.SweepResult([], {})
    long_one.refresh_from_db()
    assert long_one.status == TaskResultStatus.RUNNING


def test_a_task_of_a_worker_that_never_beat_is_queued_again_a_minute_after_it_started():
    noon = timezone.now()
    plain = running_on("plain-db-worker", started_at=noon)  # `manage.py db_worker`, without the heartbeat
    assert workers.sweep(now=noon + timedelta(seconds=30)).requeued == {}
    assert list(workers.sweep(now=noon + timedelta(seconds=61)).requeued) == [str(plain.pk)]


def test_a_worker_declared_dead_finds_out_at_its_next_beat_and_stops(transactional_db):
    declared = threading.Event()
    with workers.Heartbeat("worker-paused", queues="default", interval=0.05,
                           declared_dead=lambda worker_id: declared.set()) as heart:
        assert heart.beat()
        workers.sweep(now=timezone.now() + timedelta(minutes=5))
        assert declared.wait(timeout=10)
    assert not heart.beat()


def test_a_heartbeat_keeps_its_worker_alive_and_goes_when_the_worker_stops(transactional_db):
    with workers.Heartbeat("worker-c", queues="deidentification", interval=0.05) as heart:
        first = WorkerHeartbeat.objects.get(pk="worker-c").beat_at
        for _ in range(200):
            if WorkerHeartbeat.objects.get(pk="worker-c").beat_at > first:
                break
            heart._stop.wait(0.05)
        assert WorkerHeartbeat.objects.get(pk="worker-c").beat_at > first
        assert workers.sweep().dead_workers == []
    assert not WorkerHeartbeat.objects.filter(pk="worker-c").exists()


def test_a_claim_is_held_by_one_worker_at_a_time_and_released_when_done(monkeypatch):
    with workers.claimed("report:7") as mine:
        assert mine
        monkeypatch.setitem(workers._identity, "id", "another-worker")
        with workers.claimed("report:7") as theirs:
            assert not theirs
        with workers.claimed("report:8") as other:
            assert other
    assert not WorkClaim.objects.filter(name="report:7").exists()


def test_run_worker_runs_tasks_with_a_heartbeat_and_leaves_none_behind(transactional_db):
    queued = protection_tasks.apply_retention.enqueue()
    call_command("run_worker", queue_name="default", batch=True, worker_id="batch-worker", startup_delay=False,
                 verbosity=0)
    row = DBTaskResult.objects.get(pk=queued.id)
    assert row.status == TaskResultStatus.SUCCESSFUL and row.worker_ids == ["batch-worker"]
    assert not WorkerHeartbeat.objects.exists()


def test_run_periodic_sweeps_as_well_as_enqueueing(transactional_db):
    long_ago = timezone.now() - timedelta(minutes=5)
    beat("worker-gone", long_ago)
    lost = running_on("worker-gone", started_at=long_ago)
    out = io.StringIO()
    call_command("run_periodic", once=True, stdout=out)
    assert f"requeued task {lost.pk} of a dead worker" in out.getvalue()
    lost.refresh_from_db()
    assert lost.status == TaskResultStatus.FAILED
    assert DBTaskResult.objects.filter(task_path=lost.task_path, status=TaskResultStatus.READY).count() == 2


def test_the_quiet_period_must_leave_room_for_missed_beats(monkeypatch, tmp_path):
    monkeypatch.setenv("GOODCATCH_VAR_DIR", str(tmp_path))
    monkeypatch.setenv("GOODCATCH_WORKER_HEARTBEAT_SECONDS", "10")
    monkeypatch.setenv("GOODCATCH_WORKER_QUIET_SECONDS", "20")
    try:
        with pytest.raises(ImproperlyConfigured, match="three heartbeats"):
            importlib.reload(settings_module)
    finally:
        monkeypatch.undo()
        importlib.reload(settings_module)


def test_a_process_whose_worker_has_stopped_claims_afresh(transactional_db):
    with workers.Heartbeat("worker-done", interval=60):
        assert workers.this_worker() == "worker-done"
    assert workers.this_worker() != "worker-done"
    with workers.claimed("report:9") as mine:
        assert mine


def test_a_process_without_a_heartbeat_says_it_is_alive_as_it_claims_and_goes_when_it_exits(monkeypatch):
    at_exit = []
    monkeypatch.setattr(workers.atexit, "register", lambda function, *args: at_exit.append((function, args)))
    monkeypatch.setitem(workers._identity, "pid", None)  # as in a fresh process, `manage.py load_demo`
    with workers.claimed("report:3"):
        assert WorkerHeartbeat.objects.filter(pk=workers.this_worker()).exists()
    with workers.claimed("report:4"):
        pass
    [(forget, args)] = at_exit
    forget(*args)
    assert not WorkerHeartbeat.objects.exists()
