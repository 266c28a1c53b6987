"""The spike alerts page. Thin: everything it shows comes from intelligence.spikes."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from organisations.decorators import org_permission_required
from organisations.permissions import VIEW_AGGREGATES, VIEW_REPORT
from organisations.services import OrgAccess
from protection import suppression

from . import spikes


@never_cache
@require_GET
@org_permission_required(VIEW_AGGREGATES)
def alerts(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    """Current spike alerts, each with the reports behind it for those who may read reports."""
    organisation_id = access.organisation.pk
    may_read = access.can(VIEW_REPORT)
    rows = [(alert, spikes.reports_behind(organisation_id, alert) if may_read else [])
            for alert in spikes.current_alerts(organisation_id)]
    return render(request, "intelligence/alerts.html", {
        "access": access, "organisation": access.organisation, "rows": rows, "may_read": may_read,
        "current_weeks": spikes.CURRENT_WEEKS, "k": suppression.suppression_k()})
