"""The reflective supervision pack: a vignette page (printable, with space for notes) and its plain-text
download, from a report or a learning review. Every use is audited."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from organisations.decorators import org_permission_required
from organisations.permissions import VIEW_REPORT
from organisations.services import OrgAccess
from reporting import services as reporting

from . import supervision
from .review_views import review_or_404

FILENAME = "supervision-vignette.txt"


def _page(request, access: OrgAccess, vignette, *, report=None, review=None) -> HttpResponse:
    return render(request, "learning/supervision/vignette.html", {
        "access": access, "organisation": access.organisation, "vignette": vignette, "report": report,
        "review": review})


def _text(vignette) -> HttpResponse:
    response = HttpResponse(supervision.as_text(vignette), content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{FILENAME}"'
    response["Cache-Control"] = "no-store"
    return response


def _report_vignette(request, access: OrgAccess, reference: str, form: str):
    report = reporting.open_report_or_404(access, reference, viewer=request.user)
    vignette = supervision.from_report(report)
    if vignette is not None:
        supervision.record_use(access, supervision.report_subject(report), by=request.user, source="report", form=form)
    return report, vignette


@never_cache
@require_GET
@org_permission_required(VIEW_REPORT)
def report_vignette(request: HttpRequest, access: OrgAccess, reference: str) -> HttpResponse:
    report, vignette = _report_vignette(request, access, reference, "page")
    if vignette is None:
        return render(request, "learning/supervision/not_ready.html", {
            "access": access, "organisation": access.organisation, "report": report})
    return _page(request, access, vignette, report=report)


@never_cache
@require_GET
@org_permission_required(VIEW_REPORT)
def report_vignette_text(request: HttpRequest, access: OrgAccess, reference: str) -> HttpResponse:
    report, vignette = _report_vignette(request, access, reference, "text")
    if vignette is None:  # the page says why there is nothing to download yet
        return redirect("learning:supervision-report", org_slug=access.organisation.slug, reference=report.reference)
    return _text(vignette)


@never_cache
@require_GET
@org_permission_required(VIEW_REPORT)
def review_vignette(request: HttpRequest, access: OrgAccess, review_id: int) -> HttpResponse:
    review = review_or_404(access, review_id)
    supervision.record_use(access, supervision.review_subject(review), by=request.user, source="review", form="page")
    return _page(request, access, supervision.from_review(review), review=review)


@never_cache
@require_GET
@org_permission_required(VIEW_REPORT)
def review_vignette_text(request: HttpRequest, access: OrgAccess, review_id: int) -> HttpResponse:
    review = review_or_404(access, review_id)
    supervision.record_use(access, supervision.review_subject(review), by=request.user, source="review", form="text")
    return _text(supervision.from_review(review))
