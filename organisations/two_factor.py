"""TOTP second factor for the roles that hold sealed-data powers, for managers and for equality leads (django-otp)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from organisations.models import Membership
from organisations.permissions import TWO_FACTOR_ROLES
from protection.audit import audit


def required_for(user) -> bool:
    if not settings.REQUIRE_TWO_FACTOR or not user.is_authenticated:
        return False
    # An equality lead of any role reads figures drawn from sealed equality profiles: a second factor too.
    return Membership.objects.filter(models.Q(role__in=TWO_FACTOR_ROLES) | models.Q(equality_lead=True), user=user).exists()


def satisfied(request) -> bool:
    return not required_for(request.user) or request.user.is_verified()


def redirect_to_second_step(user, next_path: str):
    """Send a signed-in user to enter their code, or to set up an app if they have none yet."""
    from urllib.parse import urlencode

    from django.shortcuts import redirect, resolve_url

    step = "organisations:two-factor" if confirmed_device(user) else "organisations:two-factor-setup"
    return redirect(f"{resolve_url(step)}?{urlencode({'next': next_path})}")


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def pending_device(user) -> TOTPDevice:
    """The unconfirmed device a user is setting up, created once so reloading shows the same secret."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)


def verify(request, token: str) -> bool:
    device = confirmed_device(request.user)
    token = "".join(ch for ch in token if ch.isdigit())
    if device is None or not device.verify_token(token):
        audit("auth.two_factor_failed", actor=request.user)
        return False
    otp_login(request, device)
    audit("auth.two_factor", actor=request.user)
    return True


def confirm_setup(request, token: str) -> bool:
    device = pending_device(request.user)
    token = "".join(ch for ch in token if ch.isdigit())
    if not device.verify_token(token):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=request.user, confirmed=False).delete()
    otp_login(request, device)
    audit("auth.two_factor_enrolled", actor=request.user)
    return True
