"""Background work for reports, through Django's tasks API.

The tasks take no report id. A queued task's row keeps when it was queued; with a report id in it,
that row would date an anonymous report to the second (ADR 0003). Each task instead works through
every report that is waiting.

De-identification has a queue of its own, so that a worker can be kept for it alone
(`manage.py run_worker --queue-name deidentification`) and a flood of reports never waits behind
other work, and a priority above the default, so that a worker serving every queue takes it first.
"""

from __future__ import annotations

from django.db import transaction
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task, task_backends
from django_tasks.base import DEFAULT_TASK_PRIORITY
from django_tasks_db import DatabaseBackend

from reporting import deidentification, idempotency

DEID_QUEUE = "deidentification"
DEID_PRIORITY = 50


def _priority(wanted: int) -> int:
    """The Redis backend has no priorities (there a queue of its own is what counts), and refuses a
    task that asks for one."""
    return wanted if task_backends[DEFAULT_TASK_BACKEND_ALIAS].supports_priority else DEFAULT_TASK_PRIORITY


@task(queue_name=DEID_QUEUE, priority=_priority(DEID_PRIORITY))
def deidentify_new_reports() -> int:
    """Queued with each submission: propose a redaction for every report still waiting for one."""
    return deidentification.deidentify_waiting()


@task(queue_name=DEID_QUEUE, priority=_priority(DEID_PRIORITY - 10))
def requeue_stalled_deidentification() -> int:
    """Periodic: retry reports whose de-identification failed or never ran (a crashed worker)."""
    return deidentification.deidentify_waiting(include_failed=True)


@task()
def forget_idempotency_keys() -> int:
    """Periodic: destroy idempotency keys and their sealed receipt codes once their day is past (ADR 0009)."""
    return idempotency.forget_expired()


def queue_deidentification() -> None:
    """Queue de-identification for a report being stored; call it inside the report's transaction.

    With the database backend the task's row is written in that same transaction, so a report is never
    committed without its task, however the process dies. Other backends run the task elsewhere, or
    at once, and would look for the report before it exists: for them it is queued after the commit.
    """
    run, priority = deidentify_new_reports, _priority(DEID_PRIORITY)
    if run.priority != priority:  # the backend was changed after import (tests): copying the task costs
        run = run.using(priority=priority)
    if isinstance(run.get_backend(), DatabaseBackend):
        run.enqueue()
    else:
        transaction.on_commit(run.enqueue)
