"""Background work for reports, through Django's tasks API.

The tasks take no report id. A queued task's row keeps when it was queued; with a report id in it,
that row would date an anonymous report to the second (ADR 0003). Each task instead works through
every report that is waiting.
"""

from __future__ import annotations

from django_tasks import task

from reporting import deidentification, idempotency


@task()
def deidentify_new_reports() -> int:
    """Queued after each submission: propose a redaction for every report still waiting for one."""
    return deidentification.deidentify_waiting()


@task()
def requeue_stalled_deidentification() -> int:
    """Periodic: retry reports whose de-identification failed or never ran (a crashed worker)."""
    return deidentification.deidentify_waiting(include_failed=True)


@task()
def forget_idempotency_keys() -> int:
    """Periodic: destroy idempotency keys and their sealed receipt codes once their day is past (ADR 0009)."""
    return idempotency.forget_expired()
