"""Tiny views that report what they were given, for testing middleware through the real stack."""

from django.http import HttpRequest, JsonResponse
from django.middleware.csrf import get_token
from django.urls import path


def probe(request: HttpRequest, **route) -> JsonResponse:
    get_token(request)  # as a form page would: sets the CSRF cookie
    response = JsonResponse({
        "remote_addr": request.META.get("REMOTE_ADDR"),
        "user_agent": request.META.get("HTTP_USER_AGENT"),
        "cookies": sorted(request.COOKIES),
        "signed_in": request.user.is_authenticated,
        "anonymous_route": getattr(request, "is_anonymous_route", None),
        "has_key_source": bool(getattr(request, "rate_limit_key_source", "")),
    })
    response.set_cookie("tracker", "abc123")
    if request.method == "POST":
        request.session["seen"] = True  # would set a session cookie
    return response


urlpatterns = [
    path("r/<slug:org_slug>/", probe),
    path("receipt/", probe),
    path("api/v1/orgs/<slug:slug>/reports", probe),
    path("staff/", probe),
]
