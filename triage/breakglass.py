"""Break-glass pages: a reviewer asks, a custodian decides, the reviewer opens once, the reporter is told."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from justculture import services as justculture
from organisations import permissions as perm
from organisations.decorators import org_permission_required
from organisations.services import OrgAccess
from protection import breakglass
from protection.models import AccessRequest, SealedRecord
from reporting import services as reporting
from reporting.choices import MessageAuthor
from triage.forms import BreakGlassDecisionForm, BreakGlassRequestForm


def _request(access: OrgAccess, pk: int) -> AccessRequest:
    row = breakglass.get_request(access.organisation.pk, pk)
    if row is None:
        raise Http404("No such request")
    return row


def _report_for_request(access: OrgAccess, row: AccessRequest):
    report_id = int(row.subject.split(":", 1)[1])
    report = reporting.reports_for_organisation(access.organisation).filter(pk=report_id).first()
    if report is None:
        raise Http404("No such report")
    return report


@require_http_methods(["GET", "POST"])
@org_permission_required(perm.REQUEST_BREAK_GLASS)
def request_identity(request: HttpRequest, access: OrgAccess, reference: str) -> HttpResponse:
    report = reporting.open_report_or_404(access, reference, viewer=request.user)
    form = BreakGlassRequestForm(request.POST or None)
    if (request.method == "POST" and form.is_valid() and form.cleaned_data["purpose"] == "deliberate_harm"
            and not justculture.has_approved_referral(report)):
        form.add_error("purpose", _("A finding of deliberate harm must first be recorded in the just-culture decision "
                                    "aid and approved by a second person."))
    if request.method == "POST" and form.is_valid():
        try:
            row = breakglass.request_access(access.organisation.pk, reporting.subject_for(report),
                                            kind=SealedRecord.Kind.IDENTITY, purpose=form.cleaned_data["purpose"],
                                            reason=form.cleaned_data["reason"], requester=request.user)
        except breakglass.BreakGlassError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Request sent to the custodians."))
            return redirect("triage:break-glass-detail", org_slug=access.organisation.slug, pk=row.pk)
    return render(request, "triage/break_glass_request.html",
                  {"access": access, "organisation": access.organisation, "report": report, "form": form},
                  status=400 if form.errors else 200)


@require_GET
@org_permission_required(perm.APPROVE_BREAK_GLASS)
def pending_requests(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    rows = breakglass.requests_for(access.organisation.pk)[:100]
    return render(request, "triage/break_glass_list.html",
                  {"access": access, "organisation": access.organisation, "rows": rows})


def _can_see_request(access: OrgAccess, row: AccessRequest, user) -> bool:
    return access.can(perm.APPROVE_BREAK_GLASS) or row.requested_by_id == user.pk


@never_cache
@require_http_methods(["GET", "POST"])
@org_permission_required(perm.VIEW_REPORT)
def request_detail(request: HttpRequest, access: OrgAccess, pk: int) -> HttpResponse:
    row = _request(access, pk)
    if not _can_see_request(access, row, request.user):
        raise Http404("No such request")
    report = _report_for_request(access, row)
    form = BreakGlassDecisionForm(request.POST or None) if access.can(perm.APPROVE_BREAK_GLASS) else None
    identity = None
    error = ""
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "decide" and form is not None and form.is_valid():
            try:
                breakglass.decide(row, approver=request.user, approve=form.cleaned_data["decision"] == "approve",
                                  reason=form.cleaned_data["reason"])
            except breakglass.BreakGlassError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Decision recorded."))
                return redirect("triage:break-glass-detail", org_slug=access.organisation.slug, pk=row.pk)
        elif action == "open":
            try:
                identity = json.loads(breakglass.open_approved(row, actor=request.user))
            except breakglass.BreakGlassError as exc:
                error = str(exc)
            else:
                _tell_reporter(report, row)
                row.refresh_from_db()
    requester = get_user_model().objects.filter(pk=row.requested_by_id).first()
    return render(request, "triage/break_glass_detail.html", {
        "access": access, "organisation": access.organisation, "row": row, "report": report, "form": form,
        "identity": identity, "error": error, "requester": requester,
        "is_requester": row.requested_by_id == request.user.pk,
    }, status=400 if (error or (form is not None and form.errors)) else 200)


def _tell_reporter(report, row: AccessRequest) -> None:
    """The reporter learns, on their receipt page, that their identity was disclosed and why."""
    body = _("On %(date)s your identity was disclosed to a reviewer, with a custodian's approval. "
             "Purpose: %(purpose)s. Reason given: %(reason)s") % {
        "date": timezone.localtime(row.opened_at or timezone.now()).strftime("%-d %B %Y"),
        "purpose": AccessRequest.Purpose(row.purpose).label, "reason": row.reason}
    reporting.post_message(report, body, author_kind=MessageAuthor.SYSTEM)
