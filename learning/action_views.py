"""Action pages: the list with its filters, the plan's balance, one action with its history, and the
forms that create, edit, move and link it. Thin: the rules are in learning.actions and
learning.effectiveness."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from intelligence import charts, themes
from organisations.decorators import org_permission_required
from organisations.permissions import MANAGE_ACTIONS
from organisations.services import OrgAccess

from . import actions, effectiveness, reminders
from .action_forms import ActionForm, FilterForm, StrengthForm
from .models.actions import Action, ActionStatus, Level, Strength

PAGE_SIZE = 100


def _action_or_404(access: OrgAccess, action_id: int) -> Action:
    action = actions.action_in(access.organisation.pk, action_id)
    if action is None:
        raise Http404("No such action")
    return action


def _to_detail(access: OrgAccess, action: Action):
    return redirect("learning:action", org_slug=access.organisation.slug, action_id=action.pk)


@never_cache
@require_GET
@org_permission_required(MANAGE_ACTIONS)
def action_list(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    organisation = access.organisation
    form = FilterForm(request.GET or None, organisation=organisation)
    found = actions.filtered(organisation.pk, form.filters())
    rows = list(found[:PAGE_SIZE])
    return render(request, "learning/actions/list.html", {
        "access": access, "organisation": organisation, "form": form, "rows": rows, "more": found.count() > PAGE_SIZE,
        "filtered": bool(request.GET), "overdue": {a.pk for a in rows if actions.is_overdue(a)}})


@never_cache
@require_GET
@org_permission_required(MANAGE_ACTIONS)
def action_overview(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    organisation = access.organisation
    plan = actions.balance(organisation.pk)
    labels = dict(Level.choices)
    strength_labels = dict(Strength.choices)
    values = [{"level": str(labels[level]), "strength": str(strength_labels[strength]), charts.COUNT_FIELD: n}
              for (level, strength), n in sorted(plan.cells.items()) if n]
    spec = charts.horizontal_bars(
        _("Actions by what they change, stacked by strength"), values, y="level", y_title=_("What it changes"),
        x_title=_("Actions"), series="strength", series_title=_("Strength"),
        series_order=[str(label) for _value, label in Strength.choices]) if values else None
    by_level = plan.by_level()
    rows = [{"label": label, "cells": [plan.cells.get((level, s), 0) for s, _l in plan.strengths], "total": by_level[level]}
            for level, label in plan.levels]
    return render(request, "learning/actions/overview.html", {
        "access": access, "organisation": organisation, "plan": plan, "spec": spec, "rows": rows,
        "strength_totals": list(plan.by_strength().values())})


def _form_page(request, access: OrgAccess, form: ActionForm, *, action: Action | None = None, theme=None,
               report: str = "", error: str = "", status: int = 200) -> HttpResponse:
    return render(request, "learning/actions/form.html", {
        "access": access, "organisation": access.organisation, "form": form, "action": action, "theme": theme,
        "report": report, "error": error}, status=status)


def _prefill(access: OrgAccess, request: HttpRequest):
    """The theme (?theme=ID) or report (?report=REF) an action is being created from, if it is ours."""
    theme = None
    source = request.POST if request.method == "POST" else request.GET
    if source.get("theme", "").isdigit():
        theme = themes.theme_in(access.organisation.pk, int(source["theme"]))
    reference = source.get("report", "").strip().upper()
    if reference and not actions.report_exists(access.organisation, reference):
        reference = ""
    return theme, reference


@never_cache
@require_http_methods(["GET", "POST"])
@org_permission_required(MANAGE_ACTIONS)
def action_new(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    organisation = access.organisation
    theme, reference = _prefill(access, request)
    if request.method != "POST":
        initial = {"owner": request.user.pk, "level": Level.PRACTICE}
        return _form_page(request, access, ActionForm(initial=initial, organisation=organisation), theme=theme,
                          report=reference)
    form = ActionForm(request.POST, organisation=organisation)
    if not form.is_valid():
        return _form_page(request, access, form, theme=theme, report=reference, status=400)
    try:
        action = actions.create_action(access, form.as_input(), by=request.user,
                                       theme_ids=[theme.pk] if theme else [],
                                       report_references=[reference] if reference else [])
    except actions.ActionError as exc:
        return _form_page(request, access, form, theme=theme, report=reference, error=str(exc), status=400)
    messages.success(request, _("Action created. Its strength is %(strength)s.") % {
        "strength": action.get_strength_display().lower()})
    return _to_detail(access, action)


@never_cache
@require_http_methods(["GET", "POST"])
@org_permission_required(MANAGE_ACTIONS)
def action_edit(request: HttpRequest, access: OrgAccess, action_id: int) -> HttpResponse:
    action = _action_or_404(access, action_id)
    organisation = access.organisation
    if request.method != "POST":
        initial = {"description": action.description, "level": action.level, "owner": action.owner_id,
                   "due_date": action.due_date.strftime("%d/%m/%Y") if action.due_date else ""}
        return _form_page(request, access, ActionForm(initial=initial, organisation=organisation), action=action)
    form = ActionForm(request.POST, organisation=organisation)
    if not form.is_valid():
        return _form_page(request, access, form, action=action, status=400)
    try:
        actions.edit_action(access, action, form.as_input(), by=request.user)
    except actions.ActionError as exc:
        return _form_page(request, access, form, action=action, error=str(exc), status=400)
    messages.success(request, _("Action saved."))
    return _to_detail(access, action)


def _detail(request, access: OrgAccess, action: Action, *, error: str = "", status: int = 200) -> HttpResponse:
    organisation = access.organisation
    linked_themes = actions.linked_themes(action)
    linked_codes = actions.linked_codes(action)
    theme_ids = {theme.pk for theme in linked_themes}
    code_ids = {code.pk for code in linked_codes}
    reviews = [effectiveness.shown(row) for row in effectiveness.reviews_of(action)]
    return render(request, "learning/actions/detail.html", {
        "access": access, "organisation": organisation, "action": action, "error": error,
        "overdue": actions.is_overdue(action), "moves": [(s, ActionStatus(s).label) for s in actions.allowed_moves(action)],
        "reports": actions.linked_reports(action), "themes": linked_themes, "codes": linked_codes,
        "theme_choices": [t for t in themes.active_themes(organisation.pk) if t.pk not in theme_ids],
        "factor_choices": [(pk, name) for pk, name in actions.factor_choices(organisation) if pk not in code_ids],
        "history": actions.history(action), "reviews": reviews, "latest": reviews[0] if reviews else None,
        "review_days": effectiveness.review_days(), "reminders": reminders.reminders_of(action),
        "strength_form": StrengthForm(initial={"strength": action.strength}),
        "may_verify": action.status == ActionStatus.DONE and bool(reviews)
                      and reviews[0].review.done_at == action.done_at,
    }, status=status)


@never_cache
@require_GET
@org_permission_required(MANAGE_ACTIONS)
def action_detail(request: HttpRequest, access: OrgAccess, action_id: int) -> HttpResponse:
    return _detail(request, access, _action_or_404(access, action_id))


@require_POST
@org_permission_required(MANAGE_ACTIONS)
def action_move(request: HttpRequest, access: OrgAccess, action_id: int) -> HttpResponse:
    action = _action_or_404(access, action_id)
    try:
        action = actions.move(access, action, request.POST.get("status", ""), by=request.user,
                              note=request.POST.get("note", "")[:1000])
    except actions.ActionError as exc:
        return _detail(request, access, action, error=str(exc), status=400)
    messages.success(request, _("The action is now %(status)s.") % {"status": action.get_status_display().lower()})
    return _to_detail(access, action)


def _int(value: str) -> int | None:
    return int(value) if value.strip().isdigit() else None


_LINKERS: dict[str, tuple[Callable[..., None], Callable[..., None], Callable[[str], Any]]] = {
    "report": (actions.link_report, actions.unlink_report, str),
    "theme": (actions.link_theme, actions.unlink_theme, _int),
    "factor": (actions.link_factor, actions.unlink_factor, _int),
}


def _linking(request, access: OrgAccess, action_id: int, *, unlink: bool) -> HttpResponse:
    action = _action_or_404(access, action_id)
    kind = request.POST.get("kind", "")
    if kind not in _LINKERS:
        return _detail(request, access, action, error=_("Choose a report, a theme or a contributing factor."), status=400)
    link, remove, parse = _LINKERS[kind]
    value = parse(request.POST.get("value", ""))
    try:
        if value in (None, ""):
            raise actions.ActionError(_("Choose what to link."))
        (remove if unlink else link)(access, action, value, by=request.user)
    except actions.ActionError as exc:
        return _detail(request, access, action, error=str(exc), status=400)
    messages.success(request, _("Link removed. The action's history keeps it.") if unlink else _("Linked."))
    return _to_detail(access, action)


@require_POST
@org_permission_required(MANAGE_ACTIONS)
def action_link(request: HttpRequest, access: OrgAccess, action_id: int) -> HttpResponse:
    return _linking(request, access, action_id, unlink=False)


@require_POST
@org_permission_required(MANAGE_ACTIONS)
def action_unlink(request: HttpRequest, access: OrgAccess, action_id: int) -> HttpResponse:
    return _linking(request, access, action_id, unlink=True)


@require_POST
@org_permission_required(MANAGE_ACTIONS)
def action_strength(request: HttpRequest, access: OrgAccess, action_id: int) -> HttpResponse:
    action = _action_or_404(access, action_id)
    form = StrengthForm(request.POST)
    if not form.is_valid():
        return _detail(request, access, action, error=_("Choose strong, moderate or weak."), status=400)
    actions.override_strength(access, action, form.cleaned_data["strength"], by=request.user,
                              reason=form.cleaned_data["reason"])
    messages.success(request, _("Strength recorded."))
    return _to_detail(access, action)


@require_POST
@org_permission_required(MANAGE_ACTIONS)
def action_review(request: HttpRequest, access: OrgAccess, action_id: int) -> HttpResponse:
    action = _action_or_404(access, action_id)
    try:
        effectiveness.review(action)
    except actions.ActionError as exc:
        return _detail(request, access, action, error=str(exc), status=400)
    messages.success(request, _("The effect has been counted."))
    return _to_detail(access, action)


@require_POST
@org_permission_required(MANAGE_ACTIONS)
def action_verify(request: HttpRequest, access: OrgAccess, action_id: int) -> HttpResponse:
    action = _action_or_404(access, action_id)
    review_id = _int(request.POST.get("review", ""))
    try:
        if review_id is None:
            raise actions.ActionError(_("Compute the effectiveness review first: the decision rests on its counts."))
        action = effectiveness.verify(access, action, review_id, request.POST.get("decision", ""), by=request.user)
    except actions.ActionError as exc:
        return _detail(request, access, action, error=str(exc), status=400)
    messages.success(request, _("The action is now %(status)s.") % {"status": action.get_status_display().lower()})
    return _to_detail(access, action)
