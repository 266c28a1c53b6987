"""Moving a report's narrative from sealed original to confirmed de-identified text."""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone

from core import workers
from protection import redaction
from reporting.choices import DeidStatus
from reporting.models import Report
from reporting.signals import report_confirmed
from reporting.subjects import report_id_of, subject_for

logger = logging.getLogger(__name__)
WAITING = (DeidStatus.PENDING, DeidStatus.FAILED)
CLAIMED_ELSEWHERE = "claimed"  # another worker is de-identifying the report right now


class NotReadyToConfirm(Exception):
    """Confirming now would publish empty text and schedule the originals for destruction."""


def deidentify_report_now(report_id: int) -> str:
    """Propose a redaction for a report, and return its de-identification status (or CLAIMED_ELSEWHERE).
    On failure the report stays hidden until a later retry.

    Only one worker at a time works on a report: the others pass it by while it is claimed, and a
    claim held by a worker that died is released by the sweep (core.workers).
    """
    return _deidentify(report_id)[0]


def _deidentify(report_id: int) -> tuple[str, bool]:
    """The report's status afterwards, and whether this call proposed its redaction."""
    report = Report.objects.select_related("organisation").get(pk=report_id)
    if report.deid_status not in WAITING:
        return report.deid_status, False
    with workers.claimed(subject_for(report)) as mine:
        if not mine:
            return CLAIMED_ELSEWHERE, False
        # Another worker may have finished it between the read above and the claim.
        status = Report.objects.values_list("deid_status", flat=True).get(pk=report_id)
        if status not in WAITING:
            return status, False
        try:
            redaction.propose(report.organisation_id, subject_for(report))
        except Exception:
            logger.exception("De-identification of report %s failed", report_id)
            Report.objects.filter(pk=report_id, deid_status__in=WAITING).update(deid_status=DeidStatus.FAILED)
            return DeidStatus.FAILED, False
        # A report a reviewer has already moved on is left as it is.
        Report.objects.filter(pk=report_id, deid_status__in=WAITING).update(deid_status=DeidStatus.DRAFT)
        return DeidStatus.DRAFT, True


def deidentify_waiting(*, include_failed: bool = False) -> int:
    """Propose redactions for every report waiting for one, oldest first; returns how many this call
    proposed.

    New reports are taken after each submission; failed ones only by the periodic retry, so that a
    report the engine cannot handle does not hold up every new one. Several workers may run this at
    once: each report goes to whichever claims it first.
    """
    statuses = WAITING if include_failed else (DeidStatus.PENDING,)
    waiting = Report.objects.filter(deid_status__in=statuses).order_by("pk").values_list("pk", flat=True)
    return sum(_deidentify(report_id)[1] for report_id in list(waiting))


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
        report_id, organisation_id = report.pk, report.organisation_id
        transaction.on_commit(lambda: report_confirmed.send(Report, report_ids=[report_id], organisation_id=organisation_id))
    return report


def confirm_subject(organisation_id: int, subject: str, *, actor) -> Report:
    """How protection's one-call check confirms a report (registered in ReportingConfig.ready)."""
    return confirm_redaction(Report.objects.get(organisation_id=organisation_id, pk=report_id_of(subject)), by=actor)
