"""Reviewers' pages: the queue, a report, its lifecycle and the messages with its reporter."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from intelligence import similar
from organisations import permissions as perm
from organisations.decorators import org_permission_required
from organisations.services import OrgAccess, feedback_target, memberships_for
from protection import redaction as redaction_service
from reporting import lifecycle
from reporting import services as reporting
from reporting.choices import DeidStatus, ReportKind, Status
from reporting.forms import new_idempotency_key
from reporting.services import subject_for
from sharing import clearance as sharing_clearance
from triage import services
from triage.forms import MessageForm, RedactionForm, TransitionForm


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """Where staff land after signing in: their organisation's queue, or its overview for a manager."""
    memberships = [(m, services.landing_page(m)) for m in memberships_for(request.user)
                   if perm.role_has(m.role, perm.VIEW_QUEUE)]
    if len(memberships) == 1:
        return redirect(memberships[0][1])
    return render(request, "triage/home.html", {"memberships": memberships})


@require_GET
@org_permission_required(perm.VIEW_QUEUE)
def queue(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    filters = services.QueueFilter(status=request.GET.get("status", "open")[:20], kind=request.GET.get("kind", "")[:20],
                                   sort=request.GET.get("sort", "newest")[:20],
                                   feedback=request.GET.get("feedback", "")[:20], urgent=request.GET.get("urgent", "")[:20])
    page = services.queue(access, filters, request.GET.get("page", 1))
    return render(request, "triage/queue.html", {
        "access": access, "organisation": access.organisation, "page": page, "filters": filters,
        "statuses": [("open", _("Open")), *Status.choices, ("all", _("All"))], "kinds": ReportKind.choices,
        "sorts": [(value, label) for value, (label, _order) in services.QUEUE_SORTS.items()],
        "sort_label": services.QUEUE_SORTS[filters.sort][0],
        "feedback_filters": list(services.FEEDBACK_FILTERS.items()),
        "urgent_filters": list(services.URGENT_FILTERS.items()),
        "feedback_target": feedback_target(access.organisation),
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1),
    })


def _detail(request, access, report, *, transition_form=None, message_form=None, status=200):
    thread = list(reporting.messages_for(report))
    return render(request, "triage/report_detail.html", {
        "access": access, "organisation": access.organisation, "report": report,
        "readable": reporting.is_readable(report),
        "history": lifecycle.history(report),
        "messages_thread": thread,
        "has_reporter_replies": services.has_reporter_replies(thread),
        "transition_form": transition_form or TransitionForm(allowed=lifecycle.allowed_next(report)),
        "message_form": message_form or MessageForm(initial={"idempotency_key": new_idempotency_key()}),
        "can_triage": access.can(perm.TRIAGE_REPORT), "can_message": access.can(perm.MESSAGE_REPORTER),
        "can_close": Status.CLOSED in lifecycle.allowed_next(report),
        "can_check": access.can(perm.CONFIRM_DEID) and report.deid_status == DeidStatus.DRAFT,
        "can_break_glass": access.can(perm.REQUEST_BREAK_GLASS) and report.confidentiality == "confidential",
        "can_just_culture": access.can(perm.JUST_CULTURE),
        "can_code": access.can(perm.CODE_REPORT),
        "can_clear_for_sharing": sharing_clearance.may_clear(access, report),
        "similar": similar.report_page(access.organisation.pk, report, can_link=access.can(perm.TRIAGE_REPORT)),
    }, status=status)


@require_GET
@org_permission_required(perm.VIEW_REPORT)
def report_detail(request: HttpRequest, access: OrgAccess, reference: str) -> HttpResponse:
    return _detail(request, access, reporting.open_report_or_404(access, reference, viewer=request.user))


@require_POST
@org_permission_required(perm.TRIAGE_REPORT)
def report_transition(request: HttpRequest, access: OrgAccess, reference: str) -> HttpResponse:
    report = reporting.open_report_or_404(access, reference, viewer=request.user)
    form = TransitionForm(request.POST, allowed=lifecycle.allowed_next(report))
    if form.is_valid():
        try:
            services.move(access, report, form.cleaned_data["to_status"], by=request.user)
        except lifecycle.TransitionError as exc:
            form.add_error("to_status", str(exc))
        else:
            messages.success(request, _("Report moved to “%s”.") % Status(report.status).label)
            return redirect("triage:report", org_slug=access.organisation.slug, reference=report.reference)
    return _detail(request, access, report, transition_form=form, status=400)


@require_POST
@org_permission_required(perm.MESSAGE_REPORTER)
def report_message(request: HttpRequest, access: OrgAccess, reference: str) -> HttpResponse:
    report = reporting.open_report_or_404(access, reference, viewer=request.user)
    form = MessageForm(request.POST)
    if form.is_valid():
        services.message_reporter(access, report, form.cleaned_data["body"], by=request.user,
                                  idempotency_key=form.cleaned_data.get("idempotency_key") or None)
        messages.success(request, _("Message sent to the reporter."))
        return redirect("triage:report", org_slug=access.organisation.slug, reference=report.reference)
    return _detail(request, access, report, message_form=form, status=400)


@require_http_methods(["GET", "POST"])
@org_permission_required(perm.CONFIRM_DEID)
def report_redaction(request: HttpRequest, access: OrgAccess, reference: str) -> HttpResponse:
    """The reviewer checks the engine's redaction against the original, corrects it and confirms."""
    report = reporting.open_report_or_404(access, reference, viewer=request.user)
    if report.deid_status != DeidStatus.DRAFT:
        messages.success(request, _("This report's de-identification is already confirmed.")
                         if report.deid_status == DeidStatus.CONFIRMED else _("This report is still being de-identified."))
        return redirect("triage:report", org_slug=access.organisation.slug, reference=report.reference)
    org = access.organisation
    form = RedactionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = redaction_service.apply_check(org.pk, subject_for(report), form.check, actor=request.user)
        if result.confirmed:
            messages.success(request, _("De-identification confirmed. Reviewers can now read this report."))
            return redirect("triage:report", org_slug=org.slug, reference=report.reference)
        messages.success(request, _("Corrections applied. Check the result, then confirm."))
        return redirect("triage:redaction", org_slug=org.slug, reference=report.reference)
    return render(request, "triage/redaction.html", {
        "access": access, "organisation": org, "report": report, "form": form,
        "fields": services.fields_to_check(access, report, actor=request.user),
    }, status=400 if form.errors else 200)


@require_GET
@org_permission_required(perm.VIEW_AGGREGATES)
def overview(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    return render(request, "triage/overview.html", {"access": access, "organisation": access.organisation,
                                                    **services.overview(access)})
