"""The reviewers' queue and actions, always within one organisation."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

from organisations.services import OrgAccess
from protection.audit import audit
from reporting import lifecycle
from reporting import services as reporting
from reporting.choices import Status
from reporting.models import Report

QUEUE_PAGE_SIZE = 50
OPEN_STATUSES = (Status.RECEIVED, Status.IN_REVIEW, Status.CODED)


@dataclass(frozen=True)
class QueueFilter:
    status: str = "open"
    kind: str = ""


def queue(access: OrgAccess, filters: QueueFilter, page_number: int | str = 1) -> Page:
    """Most potential harm first, then the oldest: the report most likely to matter waits least."""
    reports: QuerySet[Report] = reporting.reports_for_organisation(access.organisation)
    if filters.status == "open":
        reports = reports.filter(status__in=OPEN_STATUSES)
    elif filters.status in Status.values:
        reports = reports.filter(status=filters.status)
    if filters.kind:
        reports = reports.filter(kind=filters.kind)
    reports = reports.order_by("-potential_harm", "submitted_at", "pk").only(
        "reference", "kind", "potential_harm", "service_area", "stage", "status", "deid_status", "submitted_at",
        "confidentiality",
    )
    return Paginator(reports, QUEUE_PAGE_SIZE).get_page(page_number)


def open_report(access: OrgAccess, reference: str, *, viewer) -> Report | None:
    report = reporting.report_in_organisation(access.organisation, reference)
    if report is not None:
        audit("report.view", actor=viewer, organisation_id=access.organisation.pk, subject=reporting.subject_for(report))
    return report


def open_report_or_404(access: OrgAccess, reference: str, *, viewer) -> Report:
    """For views: the report in this organisation, audited as viewed, or 404 (never 403: no hint it exists)."""
    from django.http import Http404

    report = open_report(access, reference, viewer=viewer)
    if report is None:
        raise Http404("No such report")
    return report


def move(access: OrgAccess, report: Report, to_status: str, *, by, note: str = ""):
    change = lifecycle.transition(report, to_status, by=by, note=note)
    audit("report.transition", actor=by, organisation_id=access.organisation.pk,
          subject=reporting.subject_for(report), detail={"from": change.from_status, "to": change.to_status})
    return change


def message_reporter(access: OrgAccess, report: Report, body: str, *, by, idempotency_key: str | None = None):
    from reporting.models import Message

    return reporting.post_message(report, body, author_kind=Message.Author.REVIEWER, reviewer=by,
                                  idempotency_key=idempotency_key)


def overview(access: OrgAccess):
    """Reports by service area and kind, and by status, through small-number suppression."""
    from django.db.models import Count

    from protection.suppression import legend, suppress_breakdown, suppress_table
    from reporting.choices import ReportKind, ServiceArea

    reports = reporting.reports_for_organisation(access.organisation)
    areas = {value: label for value, label in ServiceArea.choices} | {"": "Not given"}
    kinds = {value: label for value, label in ReportKind.choices}
    grid: dict[str, dict[str, int]] = {}
    for row in reports.values("service_area", "kind").annotate(n=Count("pk")):
        grid.setdefault(areas.get(row["service_area"], row["service_area"]), {})[
            kinds.get(row["kind"], row["kind"]).split(" – ")[0]] = row["n"]
    table = suppress_table(grid, rows=list(areas.values()), columns=[k.split(" – ")[0] for k in kinds.values()])
    by_status = {Status(row["status"]).label: row["n"] for row in reports.values("status").annotate(n=Count("pk"))}
    statuses = suppress_breakdown([(label, by_status.get(label, 0)) for _, label in Status.choices])
    return {"table": table, "statuses": statuses, "legend": legend()}
