"""Safety-intelligence pages. Views stay thin: the dashboard's work is in intelligence.dashboard."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from intelligence import dashboard as board
from organisations import permissions as perm
from organisations.decorators import org_permission_required
from organisations.services import OrgAccess
from protection.audit import audit


@require_GET
@org_permission_required(perm.VIEW_AGGREGATES)
def dashboard(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    form = board.DashboardFilterForm(request.GET or None)
    built = board.build(access, form.filters())
    return render(request, "intelligence/dashboard.html", {
        "access": access, "organisation": access.organisation, "form": form, "dashboard": built,
        "may_set_headcount": access.can(perm.MANAGE_MEMBERS), "may_see_actions": access.can(perm.MANAGE_ACTIONS)},
                  status=400 if form.errors else 200)


@require_GET
@org_permission_required(perm.VIEW_AGGREGATES)
def dashboard_csv(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    """The dashboard's suppressed figures as CSV, with the same filters; audited like every export."""
    form = board.DashboardFilterForm(request.GET or None)
    filters = form.filters()
    built = board.build(access, filters)
    audit("export.dashboard_csv", actor=request.user, organisation_id=access.organisation.pk,
          detail={"filters": filters.query()})
    response = HttpResponse(board.as_csv(built), content_type="text/csv; charset=utf-8")
    name = f"good-catch-dashboard-{access.organisation.slug}-{timezone.localdate().isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
