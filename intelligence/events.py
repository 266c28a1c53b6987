"""Events: several reports of one occurrence, linked by a reviewer (as ASRS merges them).

Linking two reports puts them in one event: a new one if neither is in an event, the existing one if
one of them is, and if both are in different events those two events become one. Unlinking takes a
report out; an event left with a single report is dissolved, since it no longer links anything.
Every change is audited, like the other reviewer actions. Only confirmed reports of the same
organisation can be linked.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from protection.audit import audit
from reporting import services as reporting
from reporting.services import subject_for

from .models import Event, EventReport


class CannotLink(ValueError):
    """The two reports cannot be linked (the same report, or one not confirmed in this organisation)."""


@dataclass(frozen=True)
class EventView:
    """A report's event as its page shows it: the event and the other reports in it, oldest first."""

    event: Event
    others: list

    @property
    def reference(self) -> str:
        return self.event.reference


def event_of(organisation_id: int, report_id: int) -> EventView | None:
    membership = EventReport.objects.filter(organisation_id=organisation_id, report_id=report_id) \
        .select_related("event").first()
    if membership is None:
        return None
    other_ids = list(EventReport.objects.filter(organisation_id=organisation_id, event_id=membership.event_id)
                     .exclude(report_id=report_id).values_list("report_id", flat=True))
    others = list(reporting.reports_with_ids(organisation_id, other_ids).order_by("submitted_at", "pk"))
    return EventView(membership.event, others)


def link(organisation_id: int, report_id: int, other_id: int, *, by) -> Event:
    """Put these two reports in one event and return it."""
    if report_id == other_id:
        raise CannotLink("A report cannot be linked to itself.")
    reports = {r.pk: r for r in reporting.readable_reports(organisation_id).filter(pk__in=[report_id, other_id])}
    if len(reports) != 2:
        raise CannotLink("Both reports must be confirmed reports of this organisation.")
    with transaction.atomic():
        members = {m.report_id: m for m in EventReport.objects.select_for_update()
                   .filter(organisation_id=organisation_id, report_id__in=[report_id, other_id])}
        mine, theirs = members.get(report_id), members.get(other_id)
        if mine and theirs and mine.event_id == theirs.event_id:
            return mine.event
        merged_from = None
        if mine and theirs:
            # Two events that turn out to be one: the later one's reports join the earlier one.
            keep, merged_from = sorted([mine.event_id, theirs.event_id])
            EventReport.objects.filter(organisation_id=organisation_id, event_id=merged_from).update(event_id=keep)
            Event.objects.filter(pk=merged_from, organisation_id=organisation_id).delete()
            event = Event.objects.get(pk=keep)
        elif mine or theirs:
            event = (mine or theirs).event
            joining = other_id if mine else report_id
            EventReport.objects.create(event=event, report_id=joining, organisation_id=organisation_id, linked_by=by)
        else:
            event = Event.objects.create(organisation_id=organisation_id, created_by=by)
            EventReport.objects.bulk_create([
                EventReport(event=event, report_id=pk, organisation_id=organisation_id, linked_by=by)
                for pk in (report_id, other_id)])
        detail = {"event": event.reference, "other": subject_for(reports[other_id])}
        if merged_from:
            detail["merged"] = f"E-{merged_from:05d}"
        audit("event.link", actor=by, organisation_id=organisation_id, subject=subject_for(reports[report_id]),
              detail=detail)
    return event


def unlink(organisation_id: int, report_id: int, *, by) -> Event | None:
    """Take the report out of its event; returns the event it left (None if it was in none)."""
    report = reporting.reports_with_ids(organisation_id, [report_id]).first()
    if report is None:
        return None
    with transaction.atomic():
        membership = EventReport.objects.select_for_update().select_related("event") \
            .filter(organisation_id=organisation_id, report_id=report_id).first()
        if membership is None:
            return None
        event = membership.event
        membership.delete()
        remaining = EventReport.objects.filter(organisation_id=organisation_id, event_id=event.pk)
        dissolved = remaining.count() < 2
        if dissolved:
            remaining.delete()
            Event.objects.filter(pk=event.pk).delete()
        audit("event.unlink", actor=by, organisation_id=organisation_id, subject=subject_for(report),
              detail={"event": event.reference, "dissolved": dissolved})
    return event
