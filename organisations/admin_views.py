"""Organisation admin pages: members and their roles, the (read-only) audit log, and the terms
reviewers taught the de-identification engine."""

from __future__ import annotations

from dataclasses import asdict

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from organisations import audit_log as log
from organisations import learned_terms as terms_page
from organisations import permissions as perm
from organisations import services
from organisations.decorators import org_permission_required
from organisations.forms import DutyPhoneNumberForm, FeedbackTargetForm, StaffHeadcountForm
from organisations.models import Role
from organisations.services import OrgAccess
from protection import learned_terms
from protection.audit import audit


@require_GET
@org_permission_required(perm.VIEW_AUDIT)
def audit_log(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    form = log.AuditLogFilterForm(request.GET or None, organisation=access.organisation)
    filters = form.filters()
    page = Paginator(log.entries(access.organisation, filters), log.PAGE_SIZE).get_page(request.GET.get("page", 1))
    rows = log.rows(access.organisation, page.object_list)
    audit("audit.view", actor=request.user, organisation_id=access.organisation.pk,
          detail={"filters": {name: str(value) for name, value in asdict(filters).items() if value}, "page": page.number})
    return render(request, "organisations/audit_log.html", {
        "access": access, "organisation": access.organisation, "form": form, "page": page,
        "rows": rows,
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1),
    }, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
@org_permission_required(perm.MANAGE_MEMBERS)
def members(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    error = ""
    if request.method == "POST":
        role = request.POST.get("role", "")
        try:
            membership_id = int(request.POST.get("membership", ""))
        except ValueError:
            membership_id = 0
        if role not in Role.values:
            error = _("Select a role from the list")
        else:
            try:
                services.change_role(access.organisation, membership_id, role, by=request.user)
            except services.Membership.DoesNotExist:
                error = _("That person is not a member of this organisation")
            except ValueError as exc:
                error = str(exc)
            else:
                messages.success(request, _("Role changed."))
                return redirect("organisations:members", org_slug=access.organisation.slug)
    return render(request, "organisations/members.html", {
        "access": access, "organisation": access.organisation, "members": services.members_of(access.organisation),
        "roles": Role.choices, "error": error}, status=400 if error else 200)


def _setting_page(request: HttpRequest, access: OrgAccess, form, *, save, saved: str, url_name: str, template: str,
                  context: dict | None = None) -> HttpResponse:
    """One organisation setting: a valid POST saves it and says so; otherwise the form, errors and all."""
    if request.method == "POST" and form.is_valid():
        save(form.cleaned_data)
        messages.success(request, saved)
        return redirect(url_name, org_slug=access.organisation.slug)
    return render(request, template, {"access": access, "organisation": access.organisation, "form": form, **(context or {})},
                  status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
@org_permission_required(perm.MANAGE_MEMBERS)
def staff_headcount(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    """How many staff could report: the denominator of the dashboard's reporting rate."""
    organisation = access.organisation
    form = (StaffHeadcountForm(request.POST) if request.method == "POST"
            else StaffHeadcountForm(initial={"staff_headcount": organisation.staff_headcount}))
    return _setting_page(
        request, access, form, saved=_("Staff headcount saved."), url_name="organisations:staff-headcount",
        template="organisations/staff_headcount.html",
        save=lambda data: services.set_staff_headcount(organisation, data["staff_headcount"], by=request.user))


@require_http_methods(["GET", "POST"])
@org_permission_required(perm.MANAGE_MEMBERS)
def feedback_target(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    """How many working days a reporter should wait at most for first feedback."""
    organisation = access.organisation
    default = settings.GOODCATCH_FEEDBACK_TARGET_WORKING_DAYS
    form = (FeedbackTargetForm(request.POST, default=default) if request.method == "POST"
            else FeedbackTargetForm(initial={"working_days": organisation.feedback_target_working_days}, default=default))
    return _setting_page(
        request, access, form, saved=_("Target time to first feedback saved."), url_name="organisations:feedback-target",
        template="organisations/feedback_target.html", context={"target": services.feedback_target(organisation)},
        save=lambda data: services.set_feedback_target(organisation, data["working_days"], by=request.user))


@require_http_methods(["GET", "POST"])
@org_permission_required(perm.MANAGE_MEMBERS)
def duty_phone_number(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    """The organisation's number for help now, shown on every easy-read page."""
    organisation = access.organisation
    form = (DutyPhoneNumberForm(request.POST) if request.method == "POST"
            else DutyPhoneNumberForm(initial={"duty_phone_number": organisation.duty_phone_number}))
    return _setting_page(
        request, access, form, saved=_("Phone number for help now saved."), url_name="organisations:duty-phone-number",
        template="organisations/duty_phone_number.html",
        save=lambda data: services.set_duty_phone_number(organisation, data["duty_phone_number"], by=request.user))


@require_GET
@org_permission_required(perm.MANAGE_LEARNED_TERMS)
def learned_terms_list(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    rows = terms_page.rows(learned_terms.terms_of(access.organisation.pk, actor=request.user))
    return render(request, "organisations/learned_terms.html", {
        "access": access, "organisation": access.organisation,
        "allow": [row for row in rows if row.kind == terms_page.ALLOW],
        "deny": [row for row in rows if row.kind != terms_page.ALLOW]})


@require_http_methods(["GET", "POST"])
@org_permission_required(perm.MANAGE_LEARNED_TERMS)
def learned_term_remove(request: HttpRequest, access: OrgAccess, term_id: int) -> HttpResponse:
    """Asks first (GET), removes on the confirmation's POST."""
    organisation = access.organisation
    if request.method == "POST":
        removed = learned_terms.remove_term(organisation.pk, term_id, actor=request.user)
        if removed is None:
            raise Http404
        # The message names no term: it is kept in the session, and terms are often names.
        messages.success(request, _("Term removed.") + " " + str(terms_page.AFTER_REMOVAL[removed.kind]))
        return redirect("organisations:learned-terms", org_slug=organisation.slug)
    rule = learned_terms.term_of(organisation.pk, term_id, actor=request.user)
    if rule is None:
        raise Http404
    return render(request, "organisations/learned_term_remove.html", {
        "access": access, "organisation": organisation, "row": terms_page.rows([rule])[0],
        "after": terms_page.AFTER_REMOVAL[rule.kind]})
