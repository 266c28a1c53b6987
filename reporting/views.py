"""Reporter-facing pages. These routes never touch an account unless the reporter is signed in,
and never store who sent a request."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from organisations.services import get_organisation, listed_organisations
from reporting import services
from reporting.choices import Confidentiality, DeidStatus, Status
from reporting.forms import ReceiptForm, ReplyForm, ReportForm
from reporting.models import Message


@require_http_methods(["GET"])
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "reporting/home.html", {"organisations": listed_organisations()})


@never_cache
@require_http_methods(["GET", "POST"])
def report_form(request: HttpRequest, org_slug: str) -> HttpResponse:
    organisation = get_organisation(org_slug)
    if organisation is None:
        raise Http404(_("There is no organisation at this address."))
    signed_in = request.user.is_authenticated
    if request.method == "POST":
        form = ReportForm(request.POST, signed_in=signed_in)
        if form.is_valid():
            result = services.submit_report(
                organisation, form.submission(), idempotency_key=form.cleaned_data.get("idempotency_key") or None,
                reporter=request.user if signed_in else None,
            )
            return render(request, "reporting/receipt_issued.html", {
                "organisation": organisation, "result": result, "report": result.report,
                "is_anonymous": result.report.confidentiality == Confidentiality.ANONYMOUS,
            })
        status = 400
    else:
        form = ReportForm(signed_in=signed_in)
        status = 200
    return render(request, "reporting/report_form.html", {"organisation": organisation, "form": form}, status=status)


def _followup_context(report, code: str, reply_form: ReplyForm | None = None) -> dict:
    return {
        "report": report,
        "code": code,
        "status_label": Status(report.status).label,
        "messages_thread": list(services.messages_for(report)),
        "awaiting_deid": report.deid_status != DeidStatus.CONFIRMED,
        "reply_form": reply_form or ReplyForm(initial={"idempotency_key": _new_key()}),
    }


def _new_key() -> str:
    import secrets

    return secrets.token_urlsafe(24)


@never_cache
@require_http_methods(["GET", "POST"])
def receipt(request: HttpRequest) -> HttpResponse:
    """Follow up with the receipt code. The code travels in each POST, never in a URL or a cookie."""
    if request.method == "POST":
        form = ReceiptForm(request.POST)
        if form.is_valid():
            report = services.find_by_receipt(form.cleaned_data["code"])
            if report is not None:
                return render(request, "reporting/followup.html", _followup_context(report, form.cleaned_data["code"]))
            form.add_error("code", _("We could not find a report with that receipt code. Check the code and try again."))
        return render(request, "reporting/receipt_form.html", {"form": form}, status=400)
    return render(request, "reporting/receipt_form.html", {"form": ReceiptForm()})


@never_cache
@require_http_methods(["POST"])
def receipt_reply(request: HttpRequest) -> HttpResponse:
    code_form = ReceiptForm(request.POST)
    report = services.find_by_receipt(code_form.data.get("code", "")) if code_form.is_valid() else None
    if report is None:
        code_form.add_error(None, _("Your receipt code was not recognised. Enter it again to continue."))
        return render(request, "reporting/receipt_form.html", {"form": code_form}, status=400)
    reply = ReplyForm(request.POST)
    if not reply.is_valid():
        return render(request, "reporting/followup.html", _followup_context(report, code_form.cleaned_data["code"], reply),
                      status=400)
    services.post_message(report, reply.cleaned_data["body"], author_kind=Message.Author.REPORTER,
                          idempotency_key=reply.cleaned_data.get("idempotency_key") or None)
    context = _followup_context(report, code_form.cleaned_data["code"])
    context["sent"] = True
    return render(request, "reporting/followup.html", context)
