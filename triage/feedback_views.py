"""Closing a report with feedback to its reporter: choose a template, write, see it de-identified, send."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from organisations import permissions as perm
from organisations.decorators import org_permission_required
from organisations.services import OrgAccess
from reporting import feedback as reporting_feedback
from reporting import lifecycle
from reporting import services as reporting
from reporting.choices import Status
from triage import services
from triage.forms import ClosingFeedbackForm, FeedbackTemplateForm


@require_http_methods(["GET", "POST"])
@org_permission_required(perm.TRIAGE_REPORT)
def close_report(request: HttpRequest, access: OrgAccess, reference: str) -> HttpResponse:
    """GET: the form, filled from a template if one was chosen. POST "preview": the feedback as the
    reporter will read it. POST "send": closes the report, but only with the text last previewed."""
    report = reporting.open_report_or_404(access, reference, viewer=request.user)
    if Status.CLOSED not in lifecycle.allowed_next(report):
        messages.success(request, _("This report cannot be closed yet: it must be coded first."))
        return redirect("triage:report", org_slug=access.organisation.slug, reference=report.reference)
    preview, status = None, 200
    if request.method == "POST":
        form = ClosingFeedbackForm(request.POST)
        if form.is_valid():
            if request.POST.get("action") == "send" and form.seen_before_sending:
                try:
                    services.close_with_feedback(access, report, form.feedback, by=request.user)
                except lifecycle.TransitionError as exc:
                    form.add_error(None, str(exc))
                else:
                    messages.success(request, _("Report closed. The reporter can now read your feedback."))
                    return redirect("triage:report", org_slug=access.organisation.slug, reference=report.reference)
            if not form.errors:
                preview = reporting_feedback.preview(report, form.feedback)
                form = ClosingFeedbackForm({**form.cleaned_data, "previewed": form.feedback.digest()})
                form.is_valid()
        status = 400 if form.errors else 200
        chooser = FeedbackTemplateForm(initial={"template": request.POST.get("template", "")})
    else:
        chooser = FeedbackTemplateForm(request.GET or None)
        chosen = chooser.cleaned_data.get("template", "") if chooser.is_valid() else ""
        form = ClosingFeedbackForm(initial=services.template_text(chosen))
    return render(request, "triage/close_report.html", {
        "access": access, "organisation": access.organisation, "report": report, "form": form,
        "chooser": chooser, "preview": preview,
    }, status=status)
