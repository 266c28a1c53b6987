"""/healthz stays a cheap liveness check; /healthz?detail=1 tells an operator on the server how the
background queues keep up (waiting, running, failed, the oldest wait to the minute, live workers),
names no report, and is refused to anyone else, including requests relayed by a proxy."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from core.models import WorkerHeartbeat
from protection import tasks as protection_tasks
from reporting import tasks as reporting_tasks
from tests.factories import report

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": settings.TASK_QUEUES}}


def queued(task, *, waited: timedelta = timedelta(0), status=TaskResultStatus.READY) -> DBTaskResult:
    row = DBTaskResult.objects.get(pk=task.enqueue().id)
    DBTaskResult.objects.filter(pk=row.pk).update(enqueued_at=timezone.now() - waited, status=status,
                                                  finished_at=timezone.now() if status == TaskResultStatus.FAILED else None)
    return row


def test_plain_healthz_is_one_query_and_says_nothing_of_the_queues(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok", "database": "ok"}


def test_the_detail_gives_each_queues_depth_and_the_oldest_wait_to_the_minute(client, organisation):
    sent = report(organisation, "Dad Piran Kellow rang twice; nobody logged it.").report  # queues one task
    DBTaskResult.objects.filter(task_path__endswith="deidentify_new_reports").update(
        enqueued_at=timezone.now() - timedelta(seconds=170))
    queued(reporting_tasks.deidentify_new_reports, waited=timedelta(seconds=20))
    queued(reporting_tasks.deidentify_new_reports, status=TaskResultStatus.RUNNING)
    queued(reporting_tasks.requeue_stalled_deidentification, status=TaskResultStatus.FAILED)
    old_failure = queued(reporting_tasks.requeue_stalled_deidentification, status=TaskResultStatus.FAILED)
    DBTaskResult.objects.filter(pk=old_failure.pk).update(finished_at=timezone.now() - timedelta(days=2))
    queued(protection_tasks.apply_retention)
    WorkerHeartbeat.objects.create(worker_id="alive", beat_at=timezone.now())
    WorkerHeartbeat.objects.create(worker_id="quiet", beat_at=timezone.now() - timedelta(minutes=5))

    response = client.get("/healthz?detail=1")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok", "database": "ok",
        "queues": {
            "deidentification": {"waiting": 2, "running": 1, "failed": 1, "oldest_waiting_seconds": 180},
            "default": {"waiting": 1, "running": 0, "failed": 0, "oldest_waiting_seconds": 0},
        },
        "workers": {"alive": 1, "quiet": 1},
    }
    body = response.content.decode()
    assert sent.reference not in body and f"report:{sent.pk}" not in body


def test_an_empty_queue_has_no_oldest_wait(client):
    depth = client.get("/healthz?detail=1").json()["queues"]
    assert depth["deidentification"] == {"waiting": 0, "running": 0, "failed": 0, "oldest_waiting_seconds": None}


@pytest.mark.parametrize("headers", [
    {"REMOTE_ADDR": "203.0.113.7"},
    {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_PROTO": "https"},  # a proxy on the same machine
    {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.7"},
    {"REMOTE_ADDR": "::1", "HTTP_FORWARDED": "for=203.0.113.7"},
])
def test_the_detail_is_refused_to_requests_from_elsewhere(client, headers):
    response = client.get("/healthz?detail=1", **headers)
    assert response.status_code == 403
    assert "only to requests made on the server itself" in response.json()["detail"]
    assert client.get("/healthz", **headers).json() == {"status": "ok", "database": "ok"}


def test_the_detail_is_refused_through_the_named_client_address_header(client, settings):
    settings.GOODCATCH_CLIENT_IP_HEADER = "X-Client-Address"
    assert client.get("/healthz?detail=1", HTTP_X_CLIENT_ADDRESS="127.0.0.1").status_code == 403
    assert client.get("/healthz?detail=1", REMOTE_ADDR="::1").status_code == 200


def test_with_a_task_backend_that_keeps_no_queue_here_the_detail_says_so(client, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
                                  "QUEUES": settings.TASK_QUEUES}}
    assert client.get("/healthz?detail=1").json() == {
        "status": "ok", "database": "ok", "queues": None, "workers": None, "tasks_backend": "ImmediateBackend"}
