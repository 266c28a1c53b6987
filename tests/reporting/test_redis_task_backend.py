"""The Redis (RQ) task backend, for several worker machines, runs the same tasks as the database one.

Uses the real Redis on 127.0.0.1:6379 (database 15 or GOODCATCH_TEST_REDIS_DB, emptied before and
after); skipped only where no Redis answers.
"""

import os

import pytest
import redis
from django.test import TestCase

from reporting.choices import DeidStatus
from reporting.models import Report
from reporting.services import ReportSubmission, submit_report

pytestmark = pytest.mark.django_db
# A Redis database of this run's own: the test empties it, and make test runs SQLite's and PostgreSQL's
# suites at the same time (scripts/test.sh gives each its own number).
REDIS_URL = f"redis://127.0.0.1:6379/{os.environ.get('GOODCATCH_TEST_REDIS_DB', '15')}"


@pytest.fixture
def rq_backend(settings):
    connection = redis.Redis.from_url(REDIS_URL)
    try:
        connection.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    connection.flushdb()
    settings.INSTALLED_APPS = [*settings.INSTALLED_APPS, "django_rq", "django_tasks_rq"]
    settings.RQ_QUEUES = {queue: {"URL": REDIS_URL} for queue in settings.TASK_QUEUES}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": settings.TASK_QUEUES}}
    yield connection
    connection.flushdb()


def test_a_report_queued_on_redis_is_deidentified_by_an_rq_worker(organisation, rq_backend):
    import django_rq
    from django_tasks_rq.backend import Job
    from rq import SimpleWorker

    with TestCase.captureOnCommitCallbacks(execute=True):
        result = submit_report(organisation, ReportSubmission(kind="near_miss",
                                                              what_happened="Dad Piran Kellow rang twice; nobody logged it."))
    report = Report.objects.get(pk=result.report.pk)
    assert report.deid_status == DeidStatus.PENDING  # queued on Redis, not yet run
    queue = django_rq.get_queue("deidentification", job_class=Job)
    assert queue.count == 1
    # What `manage.py rqworker --job-class django_tasks_rq.backend.Job deidentification default` runs.
    SimpleWorker([queue], connection=queue.connection, job_class=Job).work(burst=True)
    report.refresh_from_db()
    assert report.deid_status == DeidStatus.DRAFT
