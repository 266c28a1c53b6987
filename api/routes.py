"""The HTTP API at /api/v1/: anonymous submission, and reviewers' reads by per-user token."""

from __future__ import annotations

from django.core.exceptions import RequestDataTooBig
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Header, NinjaAPI, Query, Status
from ninja.errors import HttpError
from ninja.security import HttpBearer

from api.schemas import ErrorOut, ReceiptOut, ReportIn, ReportPage
from organisations import permissions as perm
from organisations.services import access_for, get_organisation, user_for_api_token
from protection.audit import audit
from reporting import services as reporting
from reporting.choices import Confidentiality
from reporting.services import ReportSubmission

api = NinjaAPI(title="Good Catch API", version="1", urls_namespace="api", docs_url="/docs")


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        return user_for_api_token(token[:200])


@api.exception_handler(HttpError)
def http_error(request, exc: HttpError):
    if exc.status_code == 400 and str(exc).startswith("Cannot parse request body"):
        return api.create_response(request, {"detail": [
            {"loc": ["body"], "msg": "The request body is not valid JSON", "type": "json_invalid"}]}, status=422)
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


@api.exception_handler(RequestDataTooBig)
def too_big(request, exc):
    return api.create_response(request, {"detail": "The request body is too large"}, status=413)


@api.post("/orgs/{slug}/reports", response={201: ReceiptOut, 200: ReceiptOut, 404: ErrorOut, 422: ErrorOut},
          summary="Submit an anonymous report", auth=None)
def submit(request, slug: str, payload: ReportIn,
           idempotency_key: str | None = Header(default=None, alias="Idempotency-Key", max_length=128)):
    """Store a report and return its receipt code, once. Resending with the same Idempotency-Key
    returns the same receipt instead of a second report."""
    organisation = get_organisation(slug)
    if organisation is None:
        raise Http404
    submission = ReportSubmission(**payload.dict(), confidentiality=Confidentiality.ANONYMOUS)
    result = reporting.submit_report(organisation, submission, idempotency_key=idempotency_key)
    if result.duplicate:
        message = "This report was already received; no second copy was made."
        return Status(200, {"receipt_code": result.receipt_code, "duplicate": True, "message": message})
    message = "Keep this receipt code: it is shown once and is the only way to follow up."
    return Status(201, {"receipt_code": result.receipt_code, "duplicate": False, "message": message})


def _report_out(report) -> dict:
    readable = reporting.is_readable(report)
    data = {name: getattr(report, name) for name in (
        "reference", "kind", "potential_harm", "service_area", "stage", "agencies", "occurred_month",
        "occurred_year", "status", "deid_status", "confidentiality")}
    data["submitted_on"] = timezone.localdate(report.submitted_at)
    data["submitted_at"] = None if report.is_anonymous else report.submitted_at
    for name in ("what_happened", "potential_harm_text", "how_noticed", "what_would_help"):
        data[name] = getattr(report, name) if readable else None
    return data


@api.get("/orgs/{slug}/reports", response={200: ReportPage, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
         auth=TokenAuth(), summary="List an organisation's reports (reviewers)")
def list_reports(request, slug: str, page: Query[int] = 1, status: Query[str] = ""):
    access = access_for(request.auth, slug)
    if access is None:
        raise Http404
    if not access.can(perm.USE_API):
        raise HttpError(403, "Your role cannot use the reviewers' API")
    reports = reporting.reports_for_organisation(access.organisation).order_by("-submitted_at", "-pk")
    if status:
        reports = reports.filter(status=status[:20])
    paginator = Paginator(reports, 50)
    current = paginator.get_page(page)
    audit("export.api_reports", actor=request.auth, organisation_id=access.organisation.pk,
          detail={"page": current.number, "rows": len(current.object_list), "status": status[:20]})
    return {"count": paginator.count, "page": current.number, "pages": paginator.num_pages,
            "results": [_report_out(r) for r in current]}
