"""Theme pages: the list with each theme's suppressed monthly counts, and one theme with its
representative reports, its members and the reviewer's rename, merge and split forms. Thin: the
rules are in intelligence.themes."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from organisations.decorators import org_permission_required
from organisations.permissions import CODE_REPORT, MANAGE_ACTIONS, VIEW_REPORT
from organisations.services import OrgAccess
from protection import suppression
from reporting import services as reporting

from . import themes
from .models import Theme

MEMBERS_SHOWN = 200
EXCERPT = 400


@never_cache
@require_GET
@org_permission_required(VIEW_REPORT)
def theme_list(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    organisation = access.organisation
    active = themes.active_themes(organisation.pk)
    span, trends = themes.trend_rows(organisation.pk, active) if active else ([], [])
    rows = [{"theme": theme, "cells": [item.count for item in breakdown.items], "total": breakdown.total,
             "withheld": breakdown.withheld} for theme, breakdown in trends]
    return render(request, "intelligence/themes.html", {
        "access": access, "organisation": organisation, "rows": rows, "months": span,
        "withheld": any(row["withheld"] for row in rows), "legend": suppression.legend(),
        "readable": reporting.readable_reports(organisation.pk).exists(),
        "last_run": themes.last_run(organisation.pk), "min_size": themes.MIN_THEME_SIZE})


def _theme_or_404(access: OrgAccess, theme_id: int) -> Theme:
    theme = themes.theme_in(access.organisation.pk, theme_id)
    if theme is None:
        raise Http404("No such theme")
    return theme


def _detail(request, access: OrgAccess, theme: Theme, *, error: str = "", status: int = 200) -> HttpResponse:
    organisation = access.organisation
    member_ids = themes.member_ids(organisation.pk, theme)
    shown = member_ids[:MEMBERS_SHOWN]
    reports = {r.pk: r for r in reporting.reports_with_ids(organisation.pk, set(shown) | set(theme.representatives))}
    representatives = [{"report": reports[pk], "excerpt": _excerpt(reporting.readable_text(reports[pk]))}
                       for pk in theme.representatives if pk in reports]
    others = [t for t in themes.active_themes(organisation.pk) if t.pk != theme.pk]
    return render(request, "intelligence/theme.html", {
        "access": access, "organisation": organisation, "theme": theme, "error": error,
        "size": suppression.suppress_count(len(member_ids)), "representatives": representatives,
        "members": [reports[pk] for pk in shown if pk in reports], "more": max(0, len(member_ids) - MEMBERS_SHOWN),
        "others": others, "may_edit": access.can(CODE_REPORT), "decisions": themes.decisions_for(theme),
        "active": theme.status == Theme.Status.ACTIVE,
        "merged_into": themes.current_theme(theme) if theme.status == Theme.Status.MERGED else None,
        "may_create_action": access.can(MANAGE_ACTIONS),
    }, status=status)


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT else text[:EXCERPT].rsplit(" ", 1)[0] + "…"


@never_cache
@require_GET
@org_permission_required(VIEW_REPORT)
def theme_detail(request: HttpRequest, access: OrgAccess, theme_id: int) -> HttpResponse:
    return _detail(request, access, _theme_or_404(access, theme_id))


def _done(access: OrgAccess, theme: Theme):
    return redirect("intelligence:theme", org_slug=access.organisation.slug, theme_id=theme.pk)


@require_POST
@org_permission_required(CODE_REPORT)
def theme_rename(request: HttpRequest, access: OrgAccess, theme_id: int) -> HttpResponse:
    theme = _theme_or_404(access, theme_id)
    try:
        themes.rename(access, theme, request.POST.get("name", ""), by=request.user)
    except themes.ThemeError as exc:
        return _detail(request, access, theme, error=str(exc), status=400)
    messages.success(request, _("Theme renamed. The name stays when themes are recomputed."))
    return _done(access, theme)


@require_POST
@org_permission_required(CODE_REPORT)
def theme_merge(request: HttpRequest, access: OrgAccess, theme_id: int) -> HttpResponse:
    theme = _theme_or_404(access, theme_id)
    try:
        into = themes.theme_in(access.organisation.pk, int(request.POST.get("into", "")))
    except ValueError:
        into = None
    if into is None:
        return _detail(request, access, theme, error=_("Choose the theme to merge this one into."), status=400)
    try:
        themes.merge(access, theme, into, by=request.user)
    except themes.ThemeError as exc:
        return _detail(request, access, theme, error=str(exc), status=400)
    messages.success(request, _("Themes merged. They stay together when themes are recomputed."))
    return _done(access, into)


@require_POST
@org_permission_required(CODE_REPORT)
def theme_split(request: HttpRequest, access: OrgAccess, theme_id: int) -> HttpResponse:
    theme = _theme_or_404(access, theme_id)
    chosen = None
    if request.POST.get("how") != "automatic":
        try:
            chosen = [int(value) for value in request.POST.getlist("reports")]
        except ValueError:
            chosen = []
    try:
        new = themes.split(access, theme, by=request.user, report_ids=chosen, name=request.POST.get("name", ""))
    except themes.ThemeError as exc:
        return _detail(request, access, theme, error=str(exc), status=400)
    messages.success(request, _("Theme split. The two stay apart when themes are recomputed."))
    return _done(access, new)
