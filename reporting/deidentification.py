"""Moving a report's narrative from sealed original to confirmed de-identified text."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from protection import redaction
from reporting.choices import DeidStatus
from reporting.models import Report
from reporting.services import subject_for

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 5


class NotReadyToConfirm(Exception):
    """Confirming now would publish empty text and schedule the originals for destruction."""


def deidentify_report_now(report_id: int, attempt: int = 1) -> str:
    """Propose a redaction for a report. On failure the report stays hidden and a retry is queued."""
    report = Report.objects.select_related("organisation").get(pk=report_id)
    if report.deid_status in (DeidStatus.DRAFT, DeidStatus.CONFIRMED):
        return report.deid_status
    try:
        redaction.propose(report.organisation_id, subject_for(report),
                          case_reference_patterns=report.organisation.case_reference_patterns,
                          date_mode=report.organisation.date_redaction)
    except Exception:
        logger.exception("De-identification of report %s failed (attempt %s)", report_id, attempt)
        Report.objects.filter(pk=report_id).update(deid_status=DeidStatus.FAILED)
        if attempt < MAX_ATTEMPTS:
            _retry_later(report_id, attempt + 1)
        return DeidStatus.FAILED
    Report.objects.filter(pk=report_id).update(deid_status=DeidStatus.DRAFT)
    return DeidStatus.DRAFT


def _retry_later(report_id: int, attempt: int) -> None:
    from reporting.tasks import deidentify_report_attempt

    task = deidentify_report_attempt
    if task.get_backend().supports_defer:
        task = task.using(run_after=timezone.now() + timedelta(seconds=30 * 2 ** attempt))
        task.enqueue(report_id, attempt)
    # Without deferral (the immediate backend) the sweep in `requeue_stalled` retries instead.


def requeue_stalled(older_than: timedelta = timedelta(minutes=10)) -> int:
    """Queue again every report still awaiting de-identification, e.g. after a worker crash."""
    from reporting.tasks import deidentify_report

    cutoff = timezone.now() - older_than
    stalled = Report.objects.filter(deid_status__in=[DeidStatus.PENDING, DeidStatus.FAILED], updated_at__lt=cutoff)
    count = 0
    for report_id in stalled.values_list("pk", flat=True):
        deidentify_report.enqueue(report_id)
        count += 1
    return count


def confirm_redaction(report: Report, *, by) -> Report:
    """A reviewer confirms the de-identification: the report becomes readable."""
    with transaction.atomic():
        report = Report.objects.select_for_update().select_related("organisation").get(pk=report.pk)
        if report.deid_status != DeidStatus.DRAFT:
            raise NotReadyToConfirm(f"Report {report.reference} has no proposed redaction to confirm "
                                    f"(it is {report.get_deid_status_display().lower()}).")
        texts = redaction.confirm(report.organisation_id, subject_for(report), actor=by,
                                  retention_days=report.organisation.sealed_retention_days)
        for field, text in texts.items():
            setattr(report, field, text)
        report.deid_status = DeidStatus.CONFIRMED
        report.deid_confirmed_at = timezone.now()
        report.save()
    return report
