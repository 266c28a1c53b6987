"""Reporter-facing pages. These routes never touch an account unless the reporter is signed in,
and never store who sent a request."""

from __future__ import annotations

import time

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from core import ratelimit
from core.csrf import csrf_failed, shows_form_again_on_csrf_failure
from core.ratelimit import ReceiptGuard
from organisations import permissions as perm
from organisations.decorators import org_permission_required
from organisations.services import OrgAccess, get_organisation, listed_organisations
from reporting import feedback, my_reports, oversized, receipts, services
from reporting.choices import Confidentiality, DeidStatus, Status
from reporting.forms import NarrativeField, ReceiptForm, ReplyForm, ReportForm, new_idempotency_key
from reporting.idempotency import IdempotencyKeyReused
from reporting.models import Message


@require_http_methods(["GET"])
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "reporting/home.html", {"organisations": listed_organisations()})


receipt_guard = ReceiptGuard()


def _too_many(request: HttpRequest, template: str, context: dict, message: str, retry_after: int) -> HttpResponse:
    response = render(request, template, {**context, "blocked_message": message}, status=429)
    response["Retry-After"] = str(max(1, retry_after))
    return response


def _send_again(request: HttpRequest, template: str, context: dict, form, message: str) -> HttpResponse:
    """After a failed CSRF check: the same form, with what was typed and a plain "send it again" above it.
    Nothing is stored; the page's new token makes the next press of "Send" work."""
    form.add_error(None, message)
    return render(request, template, context, status=403)


def _say_what_was_cut(request: HttpRequest, form, message: str) -> bool:
    """After a post too big to read whole (reporting.oversized): an error on each answer that was cut
    to fit, so that nothing is lost in silence. True when there was one; the view then stores nothing."""
    cut = {name: sent for name, sent in oversized.cut_fields(request).items()
           if isinstance(form.fields.get(name), NarrativeField)}
    for name, sent in cut.items():
        form.add_error(name, message % {"field": form.fields[name].label, "sent": number_format(sent, force_grouping=True),
                                        "limit": number_format(form.fields[name].max_length, force_grouping=True)})
    return bool(cut)


def _report_flood_message(flood: ratelimit.FloodDecision, organisation) -> str:
    if flood.by == "source":
        text = ngettext("Too many reports have been sent from this connection. Try again in %(minutes)d minute.",
                        "Too many reports have been sent from this connection. Try again in %(minutes)d minutes.",
                        flood.minutes)
    else:
        text = ngettext("%(organisation)s is receiving more reports than it can take in just now. "
                        "Try again in %(minutes)d minute.",
                        "%(organisation)s is receiving more reports than it can take in just now. "
                        "Try again in %(minutes)d minutes.", flood.minutes)
    return " ".join([text % {"minutes": flood.minutes, "organisation": organisation.name}, _(
        "Your report has not been sent. Your text is kept below: copy it somewhere safe if you cannot wait.")])


def _reply_flood_message(flood: ratelimit.FloodDecision) -> str:
    if flood.by == "source":
        text = ngettext("Too many messages have been sent from this connection. Try again in %(minutes)d minute.",
                        "Too many messages have been sent from this connection. Try again in %(minutes)d minutes.",
                        flood.minutes)
    else:
        text = ngettext("More messages are arriving than we can take in just now. Try again in %(minutes)d minute.",
                        "More messages are arriving than we can take in just now. Try again in %(minutes)d minutes.",
                        flood.minutes)
    return " ".join([text % {"minutes": flood.minutes}, _(
        "Your message has not been sent. It is kept below: copy it somewhere safe if you cannot wait.")])


def _report_page(request: HttpRequest, organisation, *, reporter) -> HttpResponse:
    """The form, for anonymous reporters (`reporter` None) and for signed-in staff. Only anonymous posts
    count against the flood limits: staff are signed in, and their sign-in is limited already."""
    staff = reporter is not None
    context = {"organisation": organisation, "staff": staff,
               "staff_url": reverse("reporting:staff-report-form", kwargs={"org_slug": organisation.slug})}
    if request.method == "POST":
        form = ReportForm(request.POST, signed_in=staff)
        too_big = _say_what_was_cut(request, form, _(
            "Your report is longer than we can take: %(sent)s characters in “%(field)s”; please shorten it to "
            "%(limit)s. We kept the first %(limit)s characters below and cut the rest."))
        if csrf_failed(request):
            return _send_again(request, "reporting/report_form.html", {**context, "form": form}, form,
                               _("We could not send your report. Please check it and send it again."))
        if too_big:
            return render(request, "reporting/report_form.html", {**context, "form": form}, status=413)
        if form.is_valid():
            flood = None if staff else ratelimit.REPORTS.check(ratelimit.client_for(request), organisation.pk)
            if flood and not flood.allowed:
                return _too_many(request, "reporting/report_form.html", {**context, "form": form},
                                 _report_flood_message(flood, organisation), flood.retry_after)
            try:
                result = services.submit_report(
                    organisation, form.submission(), idempotency_key=form.cleaned_data.get("idempotency_key") or None,
                    reporter=reporter,
                )
            except IdempotencyKeyReused:
                form.take_new_key()
                form.add_error(None, _("You already sent this form with different answers, so we have not stored "
                                       "these. To send them as a new report, check them and press “Send report”."))
                return render(request, "reporting/report_form.html", {**context, "form": form}, status=409)
            return render(request, "reporting/receipt_issued.html", {
                **context, "result": result, "report": result.report,
                "is_anonymous": result.report.confidentiality == Confidentiality.ANONYMOUS,
            })
        return render(request, "reporting/report_form.html", {**context, "form": form}, status=400)
    return render(request, "reporting/report_form.html", {**context, "form": ReportForm(signed_in=staff)})


@shows_form_again_on_csrf_failure
@oversized.keeps_what_fits(ReportForm)
@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "POST"])
def report_form(request: HttpRequest, org_slug: str) -> HttpResponse:
    """The anonymous route: no account, no session, no address (see core.anonymity)."""
    organisation = get_organisation(org_slug)
    if organisation is None:
        raise Http404(_("There is no organisation at this address."))
    return _report_page(request, organisation, reporter=None)


@shows_form_again_on_csrf_failure
@oversized.keeps_what_fits(ReportForm)
@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "POST"])
@org_permission_required(perm.SUBMIT_AS_STAFF)
def staff_report_form(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    """Signed-in staff report confidentially (reviewers never see who) or openly."""
    return _report_page(request, access.organisation, reporter=request.user)


def _followup_context(report, code: str, reply_form: ReplyForm | None = None) -> dict:
    given = feedback.feedback_for(report)
    shown_as_feedback = {f.message_id for f in given}
    return {
        "report": report,
        "code": code,
        "status_label": Status(report.status).label,
        "feedback": given,
        "messages_thread": [m for m in services.messages_for(report) if m.pk not in shown_as_feedback],
        "awaiting_deid": report.deid_status != DeidStatus.CONFIRMED,
        "reply_form": reply_form or ReplyForm(initial={"idempotency_key": new_idempotency_key()}),
    }


def _guarded_lookup(request: HttpRequest, code: str):
    """Find a report by code, slowing and then locking out a connection that keeps guessing, and
    locking a code that keeps being tried (see core.ratelimit.ReceiptGuard).

    Returns (report, None) or (None, GuardDecision) when the connection or the code is locked out.
    """
    client = ratelimit.client_for(request)
    tried = receipts.normalise(code) or code.strip().upper()
    decision = receipt_guard.check(client, tried)
    if not decision.allowed:
        return None, decision
    if decision.delay:
        time.sleep(decision.delay)
    report = services.find_by_receipt(code)
    if report is None:
        receipt_guard.record_failure(client, tried)
    else:
        receipt_guard.record_success(client)
    return report, None


@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "POST"])
def receipt(request: HttpRequest) -> HttpResponse:
    """Follow up with the receipt code. The code travels in each POST, never in a URL or a cookie."""
    if request.method == "POST":
        form = ReceiptForm(request.POST)
        if form.is_valid():
            report, blocked = _guarded_lookup(request, form.cleaned_data["code"])
            if blocked:
                return _too_many(request, "reporting/receipt_form.html", {"form": ReceiptForm()}, blocked.message,
                                 blocked.retry_after)
            if report is not None:
                return render(request, "reporting/followup.html", _followup_context(report, form.cleaned_data["code"]))
            form.add_error("code", _("We could not find a report with that receipt code. Check the code and try again."))
        return render(request, "reporting/receipt_form.html", {"form": form}, status=400)
    return render(request, "reporting/receipt_form.html", {"form": ReceiptForm()})


@shows_form_again_on_csrf_failure
@oversized.keeps_what_fits(ReceiptForm, ReplyForm)
@sensitive_post_parameters()
@never_cache
@require_http_methods(["POST"])
def receipt_reply(request: HttpRequest) -> HttpResponse:
    code_form = ReceiptForm(request.POST)
    report, blocked = _guarded_lookup(request, code_form.data.get("code", "")) if code_form.is_valid() else (None, None)
    if blocked:
        return _too_many(request, "reporting/receipt_form.html", {"form": ReceiptForm()}, blocked.message,
                         blocked.retry_after)
    if report is None:
        code_form.add_error(None, _("Your receipt code was not recognised. Enter it again to continue."))
        return render(request, "reporting/receipt_form.html", {"form": code_form}, status=400)
    reply = ReplyForm(request.POST)
    too_big = _say_what_was_cut(request, reply, _(
        "Your message is longer than we can take: %(sent)s characters; please shorten it to %(limit)s. "
        "We kept the first %(limit)s characters below and cut the rest."))
    if csrf_failed(request):
        return _send_again(request, "reporting/followup.html",
                           _followup_context(report, code_form.cleaned_data["code"], reply), reply,
                           _("We could not send your message. Please check it and send it again."))
    if too_big or not reply.is_valid():
        return render(request, "reporting/followup.html", _followup_context(report, code_form.cleaned_data["code"], reply),
                      status=413 if too_big else 400)
    flood = ratelimit.REPLIES.check(ratelimit.client_for(request), report.organisation_id)
    if not flood.allowed:
        reply.add_error(None, _reply_flood_message(flood))
        response = render(request, "reporting/followup.html",
                          _followup_context(report, code_form.cleaned_data["code"], reply), status=429)
        response["Retry-After"] = str(flood.retry_after)
        return response
    services.post_message(report, reply.cleaned_data["body"], author_kind=Message.Author.REPORTER,
                          idempotency_key=reply.cleaned_data.get("idempotency_key") or None)
    context = _followup_context(report, code_form.cleaned_data["code"])
    context["sent"] = True
    return render(request, "reporting/followup.html", context)


@never_cache
@require_http_methods(["GET"])
@login_required
def my_reports_page(request: HttpRequest) -> HttpResponse:
    """A signed-in reporter's confidential and open reports, their status and feedback. Only ever
    their own: the list is read through their sealed links (reporting.my_reports)."""
    return render(request, "reporting/my_reports.html", {"mine": my_reports.reports_of(request.user)})
