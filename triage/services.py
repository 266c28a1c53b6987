"""The reviewers' queue and actions, always within one organisation."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.db.models.functions import Substr
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from organisations import permissions as perm
from organisations.services import OrgAccess, feedback_target
from protection import redaction as redaction_service
from protection.audit import audit
from reporting import feedback as reporting_feedback
from reporting import lifecycle
from reporting import services as reporting
from reporting.choices import NARRATIVE_FIELDS, NARRATIVE_LABELS, MessageAuthor, Status

if TYPE_CHECKING:  # types only: contexts never import each other's models
    from organisations.models import Membership
    from reporting.models import Message, Report

QUEUE_PAGE_SIZE = 50
OPEN_STATUSES = (Status.RECEIVED, Status.IN_REVIEW, Status.CODED)
# The queue's orders, the first the default: what came in last is what a reviewer has not seen yet.
QUEUE_SORTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "newest": (_("Newest first"), ("-submitted_at", "-pk")),
    "oldest": (_("Oldest first"), ("submitted_at", "pk")),
    # The report most likely to matter first; among equals, the one that has waited longest.
    "harm": (_("Most potential harm first"), ("-potential_harm", "submitted_at", "pk")),
}
SUMMARY_CHARS = 100
# An easy-read report's "how it made you feel" is stored as what harm it did (reporting.easy_read).
EASY_READ_LABELS = {"potential_harm_text": _("How it made them feel")}
FEEDBACK_FILTERS = {"": _("Any"), "overdue": _("Feedback overdue")}
URGENT_FILTERS = {"": _("Any"), "urgent": _("Urgent only")}


@dataclass(frozen=True)
class QueueFilter:
    status: str = "open"
    kind: str = ""
    sort: str = "newest"
    feedback: str = ""  # "overdue": only reports waiting longer than the target for first feedback
    urgent: str = ""  # "urgent": only reports whose words suggest someone is in danger now

    def __post_init__(self):
        if self.sort not in QUEUE_SORTS:
            object.__setattr__(self, "sort", "newest")
        if self.feedback not in FEEDBACK_FILTERS:
            object.__setattr__(self, "feedback", "")
        if self.urgent not in URGENT_FILTERS:
            object.__setattr__(self, "urgent", "")


def summary_of(text: str, limit: int = SUMMARY_CHARS) -> str:
    """One line to tell reports apart: the first sentence if it fits, else the words that fit, then "…"."""
    lines = (line.strip().lstrip("-•*").strip() for line in text.splitlines())
    text = re.sub(r"\s+", " ", " ".join(line for line in lines if line))
    if len(text) <= limit:
        return text
    first = re.match(r"(.{20,}?[.!?])\s", text)
    if first and len(first.group(1)) <= limit:
        return first.group(1)
    cut = text[:limit]
    if " " in cut[limit // 2:]:  # end on a whole word, unless that throws away half the line
        cut = cut[:cut.rindex(" ")]
    return cut.rstrip(" ,;:-–—") + "…"


def queue(access: OrgAccess, filters: QueueFilter, page_number: int | str = 1) -> Page:
    """The organisation's reports, filtered and sorted, a page at a time. Each carries `summary`: one
    line of its de-identified text, or "" while it awaits de-identification."""
    reports: QuerySet[Report] = reporting.reports_for_organisation(access.organisation)
    if filters.status == "open":
        reports = reports.filter(status__in=OPEN_STATUSES)
    elif filters.status in Status.values:
        reports = reports.filter(status=filters.status)
    if filters.kind:
        reports = reports.filter(kind=filters.kind)
    if filters.urgent:
        reports = reports.filter(urgent=True)
    target = feedback_target(access.organisation)
    if filters.feedback == "overdue":
        reports = reporting_feedback.feedback_overdue(reports, target=target)
    reports = reporting_feedback.with_feedback_overdue(reports, target=target)
    # Only the start of the de-identified text: enough for a summary, never the whole narrative.
    # Whatever the order chosen, a report that may mean someone is in danger now comes first.
    reports = reports.order_by("-urgent", *QUEUE_SORTS[filters.sort][1]).only(
        "reference", "kind", "potential_harm", "service_area", "stage", "status", "deid_status", "submitted_at",
        "confidentiality", "urgent", "reporter_group",
    ).annotate(opening=Substr("what_happened", 1, SUMMARY_CHARS * 3))
    page = Paginator(reports, QUEUE_PAGE_SIZE).get_page(page_number)
    page.object_list = list(page.object_list)
    for report in page.object_list:
        report.summary = summary_of(report.opening) if reporting.is_readable(report) else ""
    return page


def landing_page(membership: Membership) -> str:
    """Where a member starts: whoever acts on reports (triage, approvals) on the queue; a manager,
    who only reads, on the overview of counts."""
    role = membership.role
    acts = any(perm.role_has(role, p) for p in (perm.TRIAGE_REPORT, perm.APPROVE_BREAK_GLASS, perm.APPROVE_REFERRAL))
    name = "triage:overview" if perm.role_has(role, perm.VIEW_AGGREGATES) and not acts else "triage:queue"
    return reverse(name, kwargs={"org_slug": membership.organisation.slug})


@dataclass(frozen=True)
class FieldToCheck:
    label: str
    field: redaction_service.FieldForCheck
    spans: list[redaction_service.Segment]  # the redacted pieces, which the reviewer may keep


def fields_to_check(access: OrgAccess, report: Report, *, actor) -> list[FieldToCheck]:
    """The originals with their proposed redactions (an audited open), in the order the reporter
    filled them in on the report form."""
    fields = redaction_service.for_check(access.organisation.pk, reporting.subject_for(report), actor=actor)
    order = {name: index for index, name in enumerate(NARRATIVE_FIELDS)}
    fields.sort(key=lambda f: order.get(f.field, len(order)))
    labels = {**NARRATIVE_LABELS, **(EASY_READ_LABELS if report.is_easy_read else {})}
    return [FieldToCheck(str(labels.get(f.field, f.field)), f,
                         [s for s in f.segments if s.span_index is not None]) for f in fields]


def move(access: OrgAccess, report: Report, to_status: str, *, by, note: str = "",
         feedback: reporting_feedback.ClosingFeedback | None = None):
    change = lifecycle.transition(report, to_status, by=by, note=note, feedback=feedback)
    detail = {"from": change.from_status, "to": change.to_status}
    if feedback is not None:
        detail["feedback_template"] = feedback.template
    audit("report.transition", actor=by, organisation_id=access.organisation.pk,
          subject=reporting.subject_for(report), detail=detail)
    return change


def close_with_feedback(access: OrgAccess, report: Report, feedback: reporting_feedback.ClosingFeedback, *, by):
    """Close a report; its reporter reads the de-identified feedback with their receipt code or in My reports."""
    return move(access, report, str(Status.CLOSED), by=by, feedback=feedback)


def template_text(template: str) -> dict[str, str]:
    """What the close page's fields start with: the chosen template's text, or nothing."""
    chosen = reporting_feedback.TEMPLATES.get(template)
    if chosen is None:
        return {}
    return {"template": template, "what_we_learnt": str(chosen.what_we_learnt),
            "what_will_change": str(chosen.what_will_change)}


def message_reporter(access: OrgAccess, report: Report, body: str, *, by, idempotency_key: str | None = None):
    return reporting.post_message(report, body, author_kind=MessageAuthor.REVIEWER, reviewer=by,
                                  idempotency_key=idempotency_key)


def has_reporter_replies(thread: list[Message]) -> bool:
    """Whether the reporter wrote back: their replies are redacted unchecked, which the page explains."""
    return any(message.author_kind == MessageAuthor.REPORTER for message in thread)


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
    # Each cell beside its column's name, so that on a phone a row can stack as "Near miss: 6".
    rows = [(row.label, list(zip(table.columns, row.cells, strict=True)), row.total) for row in table.rows]
    totals = list(zip(table.columns, table.column_totals, strict=True))
    return {"table": table, "rows": rows, "column_totals": totals, "statuses": statuses, "legend": legend()}
