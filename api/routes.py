"""The HTTP API at /api/v1/: anonymous submission, and reviewers' reads by per-user token."""

from __future__ import annotations

import functools
import json
from typing import Literal

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Header, NinjaAPI, Query, Schema, Status
from ninja.decorators import decorate_view
from ninja.errors import HttpError
from ninja.parser import Parser
from ninja.security import HttpBearer

from api.hub_routes import router as hub_router
from api.schemas import ErrorOut, FloodedOut, ReceiptOut, ReportIn, ReportPage, ValidationErrorOut
from core import ratelimit
from organisations import permissions as perm
from organisations.services import access_for, get_organisation, memberships_for, user_for_api_token
from protection.audit import audit
from reporting import services as reporting
from reporting.choices import Confidentiality
from reporting.idempotency import IdempotencyKeyReused
from reporting.services import ReportSubmission


class Utf8JsonParser(Parser):
    """JSON is UTF-8 (RFC 8259): a body that is not is refused, never guessed at or patched up."""

    def parse_body(self, request: HttpRequest):
        return json.loads(request.body.decode("utf-8"))


api = NinjaAPI(title="Good Catch API", version="1", urls_namespace="api", docs_url="/docs", parser=Utf8JsonParser())
api.add_router("/hub", hub_router)  # the national hub's feed and library (sharing): 404 unless GOODCATCH_MODE=hub


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        return user_for_api_token(token[:200])


@api.exception_handler(HttpError)
def http_error(request, exc: HttpError):
    if exc.status_code == 400 and str(exc).startswith("Cannot parse request body"):
        error = {"loc": ["body"], "msg": "The request body is not valid JSON", "type": "json_invalid"}
        if isinstance(exc.__cause__, UnicodeDecodeError):
            error = {"loc": ["body"], "type": "utf8_invalid",
                     "msg": f"The request body is not valid UTF-8: byte {exc.__cause__.start + 1} cannot be read"}
        return api.create_response(request, {"detail": [error]}, status=422)
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


@api.exception_handler(RequestDataTooBig)
def too_big(request, exc):
    return api.create_response(request, {"detail": _too_big_message(request)}, status=413)


def _too_big_message(request: HttpRequest) -> str:
    return (f"The request body is {_content_length(request)} bytes; this address takes at most "
            f"{settings.API_MAX_BODY_BYTES}. Each text field takes at most {settings.REPORT_TEXT_MAX_CHARS} characters.")


def _content_length(request: HttpRequest) -> int:
    try:
        return max(0, int(request.META.get("CONTENT_LENGTH") or 0))
    except ValueError:
        return 0


def json_body_only(run):
    """Refuse a body that is not JSON (415) or is too big (413), from its headers, before reading it.
    No body at all is left to the schema, which says what is missing (422)."""

    @functools.wraps(run)
    def checked(request: HttpRequest, *args, **kwargs):
        charset = request.content_params.get("charset", "utf-8").lower()
        if _content_length(request) and (request.content_type != "application/json" or charset not in ("utf-8", "utf8")):
            sent = (request.META.get("CONTENT_TYPE") or "no Content-Type")[:100]
            return api.create_response(request, {"detail": (
                f"Send the report as JSON, with the header Content-Type: application/json (UTF-8); "
                f"this request said {sent!r}.")}, status=415)
        if _content_length(request) > settings.API_MAX_BODY_BYTES:
            return api.create_response(request, {"detail": _too_big_message(request)}, status=413)
        return run(request, *args, **kwargs)

    return checked


_FLOODED = {
    "source": "Too many reports have been sent from this connection. Try again in {minutes} minute(s), "
              "after the Retry-After header's seconds.",
    "organisation": "This organisation is receiving more reports than it can take in just now. Try again in "
                    "{minutes} minute(s), after the Retry-After header's seconds.",
}


def _flooded(request: HttpRequest, decision: ratelimit.FloodDecision):
    response = api.create_response(request, {"detail": "The report was not stored. " + _FLOODED[decision.by].format(
        minutes=decision.minutes), "limit": decision.by, "retry_after": decision.retry_after}, status=429)
    response["Retry-After"] = str(decision.retry_after)
    return response


_SUBMIT_ERRORS = {
    409: {"description": "The Idempotency-Key was already used, within 24 hours, for a report with other answers"},
    413: {"description": f"The body is larger than {settings.API_MAX_BODY_BYTES} bytes (GOODCATCH_API_MAX_BODY_BYTES)"},
    415: {"description": "The body is not JSON: send it with Content-Type: application/json (UTF-8)"},
    422: {"description": "The body is not UTF-8 JSON, or an answer is missing or not allowed (text with "
                         "control characters, or longer than the limit): `detail` lists each problem and where"},
    429: {"description": "Too many reports: from this connection (GOODCATCH_REPORT_SOURCE_LIMIT), or to this "
                         "organisation from everyone (GOODCATCH_REPORT_ORGANISATION_LIMIT). Nothing was stored; "
                         "send it again after the `Retry-After` header's seconds",
          "headers": {"Retry-After": {"description": "Seconds until the limit resets", "schema": {"type": "integer"}}}},
}


@api.post("/orgs/{slug}/reports", response={201: ReceiptOut, 200: ReceiptOut, 404: ErrorOut, 409: ErrorOut,
                                            413: ErrorOut, 415: ErrorOut, 422: ValidationErrorOut, 429: FloodedOut},
          summary="Submit an anonymous report", auth=None, openapi_extra={"responses": _SUBMIT_ERRORS})
@decorate_view(json_body_only)
def submit(request, slug: str, payload: ReportIn,
           idempotency_key: str | None = Header(default=None, alias="Idempotency-Key", max_length=128)):
    """Store a report and return its receipt code, once. Resending the same report with the same
    Idempotency-Key within 24 hours returns the same receipt instead of a second report; the key with a
    different report is refused (409)."""
    organisation = get_organisation(slug)
    if organisation is None:
        raise Http404
    flood = ratelimit.REPORTS.check(ratelimit.client_for(request), organisation.pk)
    if not flood.allowed:
        return _flooded(request, flood)
    submission = ReportSubmission(**payload.dict(), confidentiality=Confidentiality.ANONYMOUS)
    try:
        result = reporting.submit_report(organisation, submission, idempotency_key=idempotency_key)
    except IdempotencyKeyReused:
        return Status(409, {"detail": "This Idempotency-Key was already used for a different report. "
                                      "Send this report with a new key."})
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


class SearchHitOut(Schema):
    reference: str
    snippet: str  # escaped text; the words matched are in <mark> tags, the only markup
    score: float  # by mode: BM25 or ts_rank (keyword), cosine similarity (semantic), fused RRF score (hybrid)
    keyword_rank: int | None
    semantic_rank: int | None


class SearchOut(Schema):
    organisation: str
    mode: str
    count: int
    results: list[SearchHitOut]


def _search_access(user, slug: str):
    """The organisation a search runs in: the one named, or the user's only organisation where their
    role may search through the API."""
    if slug:
        access = access_for(user, slug[:100])
        if access is None:
            raise Http404
    else:
        usable = [m for m in memberships_for(user) if perm.role_has(m.role, perm.USE_API)]
        if len(usable) > 1:
            slugs = ", ".join(m.organisation.slug for m in usable)
            raise HttpError(400, f"You belong to several organisations ({slugs}): say which to search, "
                                 f"with organisation=SLUG")
        if not usable:
            raise HttpError(403, "Your role cannot use the reviewers' API")
        access = access_for(user, usable[0].organisation.slug)
    if not (access.can(perm.USE_API) and access.can(perm.VIEW_REPORT)):
        raise HttpError(403, "Your role cannot use the reviewers' API")
    return access


@api.get("/search", response={200: SearchOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
         auth=TokenAuth(), summary="Search an organisation's confirmed reports (reviewers)")
def search_reports(request, q: Query[str] = "", mode: Query[Literal["hybrid", "keyword", "semantic"]] = "hybrid",
                   limit: Query[int] = 10, organisation: Query[str] = ""):
    """Keyword, semantic or hybrid (reciprocal rank fusion) search over the de-identified text and coded
    fields of the organisation's confirmed reports, best first. Any text is a valid query. `limit` is
    1 to 100. A user in several organisations names one with `organisation=SLUG`."""
    from intelligence import search

    access = _search_access(request.auth, organisation)
    limit = max(1, min(limit, search.MAX_LIMIT))
    hits = search.search(access.organisation.pk, q, mode=mode, limit=limit)
    # The query's words are not kept: someone may search for a name, and the log is read by admins.
    audit("export.api_search", actor=request.auth, organisation_id=access.organisation.pk,
          detail={"mode": mode, "limit": limit, "results": len(hits), "query_chars": len(q)})
    return {"organisation": access.organisation.slug, "mode": mode, "count": len(hits),
            "results": [{"reference": hit.reference, "snippet": str(hit.snippet), "score": hit.score,
                         "keyword_rank": hit.keyword_rank, "semantic_rank": hit.semantic_rank} for hit in hits]}
