"""Signing in and out of staff accounts."""

from __future__ import annotations

from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from organisations import services
from organisations.forms import SignInForm


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return resolve_url("triage:home")


@never_cache
@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    form = SignInForm(request.POST or None, request=request)
    if request.method == "POST":
        if form.is_valid():
            services.sign_in(request, form.user)
            return redirect(_safe_next(request))
        services.record_failed_sign_in(form.data.get("username", ""))
        return render(request, "organisations/sign_in.html", {"form": form, "next": _safe_next(request)}, status=400)
    return render(request, "organisations/sign_in.html", {"form": form, "next": request.GET.get("next", "")})


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("reporting:home")
