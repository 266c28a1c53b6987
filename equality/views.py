"""Equality monitoring pages: a member's own profile, the admin's switches, and the figures.

Who may see what:
* my profile: every member (SUBMIT_AS_STAFF, which every role holds), and only ever their own;
* settings (monitoring on or off, equality leads): MANAGE_MEMBERS, as for the other organisation settings;
* the figures: VIEW_EQUALITY, held by admins and by members named equality lead.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from organisations import permissions as perm
from organisations import services as organisations
from organisations.decorators import org_permission_required
from organisations.services import OrgAccess

from . import profiles, results
from .choices import EthnicGroup, high_level_group
from .forms import MonitoringForm, ProfileForm


def _grouped_options(form: ProfileForm) -> list[tuple[str, list]]:
    """The ethnicity radios under their high-level group, as the census shows them; "Prefer not to say" last."""
    options = list(form["ethnicity"])
    grouped = [(str(group.label), [o for o in options if high_level_group(str(o.data["value"])) == group.value])
               for group in EthnicGroup]
    return [*grouped, ("", [o for o in options if high_level_group(str(o.data["value"])) is None])]


def _off(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    return render(request, "equality/off.html", {"access": access, "organisation": access.organisation,
                                                 "can_manage": access.can(perm.MANAGE_MEMBERS)})


@require_http_methods(["GET", "POST"])
@org_permission_required(perm.SUBMIT_AS_STAFF)
def my_profile(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    if not access.organisation.equality_monitoring_enabled:
        return _off(request, access)
    if request.method == "POST":
        form = ProfileForm(request.POST)
        if form.is_valid():
            profiles.record_profile(access, request.user, profiles.Profile(**form.cleaned_data))
            messages.success(request, _("Your equality profile is saved and sealed."))
            return redirect("equality:my-profile", org_slug=access.organisation.slug)
        current = None
    else:
        current = profiles.own_profile(access, request.user)
        form = ProfileForm(initial=vars(current) if current else None)
    return render(request, "equality/my_profile.html", {
        "access": access, "organisation": access.organisation, "form": form, "current": current,
        "ethnicity_groups": _grouped_options(form), "has_profile": current is not None or profiles.has_profile(access, request.user),
    }, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
@org_permission_required(perm.SUBMIT_AS_STAFF)
def delete_profile(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    """Confirm, then erase the member's own profile. Works when monitoring is off too: it is theirs to take back."""
    if request.method == "POST":
        profiles.delete_profile(access, request.user)
        messages.success(request, _("Your equality profile is deleted."))
        return redirect("equality:my-profile", org_slug=access.organisation.slug)
    return render(request, "equality/delete_profile.html", {
        "access": access, "organisation": access.organisation,
        "has_profile": profiles.has_profile(access, request.user)})


@require_http_methods(["GET", "POST"])
@org_permission_required(perm.MANAGE_MEMBERS)
def settings_page(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    organisation, error = access.organisation, ""
    form = MonitoringForm(initial={"enabled": "yes" if organisation.equality_monitoring_enabled else "no"})
    if request.method == "POST" and "enabled" in request.POST:
        form = MonitoringForm(request.POST)
        if form.is_valid():
            organisations.set_equality_monitoring(organisation, form.cleaned_data["enabled"], by=request.user)
            messages.success(request, _("Equality monitoring is on.") if form.cleaned_data["enabled"]
                             else _("Equality monitoring is off."))
            return redirect("equality:settings", org_slug=organisation.slug)
    elif request.method == "POST":
        try:
            membership_id = int(request.POST.get("membership", ""))
            organisations.set_equality_lead(organisation, membership_id, request.POST.get("lead") == "yes",
                                            by=request.user)
        except (ValueError, ObjectDoesNotExist):
            error = _("That person is not a member of this organisation")
        else:
            messages.success(request, _("Equality leads changed."))
            return redirect("equality:settings", org_slug=organisation.slug)
    return render(request, "equality/settings.html", {
        "access": access, "organisation": organisation, "form": form, "error": error,
        "members": organisations.members_of(organisation),
    }, status=400 if error or form.errors else 200)


@require_GET
@org_permission_required(perm.VIEW_EQUALITY)
def results_page(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    if not access.organisation.equality_monitoring_enabled:
        return _off(request, access)
    figures = results.results_for(access, viewer=request.user)
    return render(request, "equality/results.html", {
        "access": access, "organisation": access.organisation, "results": figures,
        "outcome_labels": [results.OUTCOME_LABELS[c] for c in results.OUTCOME_COLUMNS],
        "can_manage": access.can(perm.MANAGE_MEMBERS),
    })
