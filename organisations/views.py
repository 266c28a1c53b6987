"""Staff accounts: signing in and out, the second factor, and API tokens."""

from __future__ import annotations

import base64

import segno
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from organisations import services, two_factor
from organisations.forms import ApiTokenForm, SignInForm, TokenForm
from organisations.sign_in import attempt as attempt_sign_in


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return resolve_url("triage:home")


@sensitive_post_parameters("password")
@never_cache
@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    form = SignInForm(request.POST or None)
    if request.method == "GET":
        return render(request, "organisations/sign_in.html", {"form": form, "next": request.GET.get("next", "")})
    if form.is_valid():
        outcome = attempt_sign_in(request, form.cleaned_data["username"], form.cleaned_data["password"])
        if outcome.user is not None:
            if two_factor.required_for(outcome.user):
                return two_factor.redirect_to_second_step(outcome.user, _safe_next(request))
            return redirect(_safe_next(request))
        if outcome.locked_out:
            response = render(request, "organisations/sign_in.html", {
                "form": SignInForm(initial={"username": form.cleaned_data["username"]}),
                "next": _safe_next(request), "blocked_message": outcome.message}, status=429)
            response["Retry-After"] = str(outcome.retry_after)
            return response
        form.add_error(None, _("The username or password is not right"))
    return render(request, "organisations/sign_in.html", {"form": form, "next": _safe_next(request)}, status=400)


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("reporting:home")


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    if two_factor.confirmed_device(request.user) is None:
        return redirect("organisations:two-factor-setup")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if two_factor.verify(request, form.cleaned_data["token"]):
            return redirect(_safe_next(request))
        form.add_error("token", _("The security code is not right. Check your app and try again"))
    return render(request, "organisations/two_factor.html", {"form": form, "next": _safe_next(request)},
                  status=400 if form.errors else 200)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    if two_factor.confirmed_device(request.user) is not None:
        return redirect("organisations:two-factor")
    device = two_factor.pending_device(request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if two_factor.confirm_setup(request, form.cleaned_data["token"]):
            return redirect(_safe_next(request))
        form.add_error("token", _("The security code is not right. Check the time on your phone and try again"))
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    qr_svg = segno.make(device.config_url, error="m").svg_inline(scale=4, title=_("QR code for your authenticator app"))
    return render(request, "organisations/two_factor_setup.html", {
        "form": form, "secret": " ".join(secret[i:i + 4] for i in range(0, len(secret), 4)), "qr_svg": qr_svg,
        "next": _safe_next(request)}, status=400 if form.errors else 200)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def api_tokens(request: HttpRequest) -> HttpResponse:
    """Per-user tokens for the reviewers' API. A new token is shown once; only its hash is kept."""
    if not services.may_use_api(request.user):
        raise PermissionDenied
    if not two_factor.satisfied(request):
        return two_factor.redirect_to_second_step(request.user, request.path)
    form = ApiTokenForm(request.POST or None)
    new_token = None
    if request.method == "POST":
        if request.POST.get("revoke"):
            try:
                services.revoke_api_token(request.user, int(request.POST["revoke"]))
            except ValueError:
                pass
            return redirect("organisations:api-tokens")
        if form.is_valid():
            new_token = services.create_api_token(request.user, form.cleaned_data["name"])
            form = ApiTokenForm()
    return render(request, "organisations/api_tokens.html", {
        "form": form, "new_token": new_token, "tokens": services.api_tokens_for(request.user)},
        status=400 if form.errors else 200)
