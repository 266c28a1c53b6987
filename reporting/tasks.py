"""Background work for reports, through Django's tasks API."""

from __future__ import annotations

from django_tasks import task


@task()
def deidentify_report(report_id: int) -> str:
    from reporting.deidentification import deidentify_report_now

    return deidentify_report_now(report_id)


@task()
def deidentify_report_attempt(report_id: int, attempt: int) -> str:
    from reporting.deidentification import deidentify_report_now

    return deidentify_report_now(report_id, attempt)


@task()
def requeue_stalled_deidentification() -> int:
    """Catch reports whose de-identification never finished (a crashed worker, a failed attempt)."""
    from reporting.deidentification import requeue_stalled

    return requeue_stalled()
