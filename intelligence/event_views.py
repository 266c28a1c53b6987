"""Reviewers' actions on similar reports: link duplicates into one event, or take a report out."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from organisations import permissions as perm
from organisations.decorators import org_permission_required
from organisations.services import OrgAccess
from reporting import services as reporting

from . import events


def _back(access: OrgAccess, reference: str) -> HttpResponse:
    return redirect("triage:report", access.organisation.slug, reference)


@require_POST
@org_permission_required(perm.TRIAGE_REPORT)
def link_event(request: HttpRequest, access: OrgAccess, reference: str) -> HttpResponse:
    report = reporting.open_report_or_404(access, reference, viewer=request.user)
    other = reporting.report_in_organisation(access.organisation, request.POST.get("other", "")[:20])
    try:
        if other is None:
            raise events.CannotLink("No such report.")
        event = events.link(access.organisation.pk, report.pk, other.pk, by=request.user)
    except events.CannotLink:
        messages.error(request, _("Those reports could not be linked. Only confirmed reports can be linked."))
    else:
        messages.success(request, _("Linked with %(other)s as one event, %(event)s.")
                         % {"other": other.reference, "event": event.reference})
    return _back(access, report.reference)


@require_POST
@org_permission_required(perm.TRIAGE_REPORT)
def unlink_event(request: HttpRequest, access: OrgAccess, reference: str) -> HttpResponse:
    report = reporting.open_report_or_404(access, reference, viewer=request.user)
    event = events.unlink(access.organisation.pk, report.pk, by=request.user)
    if event is not None:
        messages.success(request, _("This report is no longer part of event %(event)s.") % {"event": event.reference})
    return _back(access, report.reference)
