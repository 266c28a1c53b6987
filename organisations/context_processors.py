"""Navigation for signed-in staff: the links their role in this organisation allows."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from organisations import permissions as perm
from organisations.services import access_for

_LINKS = [
    (perm.VIEW_QUEUE, "triage:queue", _("Queue")),
    (perm.VIEW_REPORT, "intelligence:search", _("Search")),
    (perm.VIEW_AGGREGATES, "triage:overview", _("Overview")),
    (perm.VIEW_AGGREGATES, "intelligence:dashboard", _("Dashboard")),
    (perm.VIEW_AGGREGATES, "intelligence:alerts", _("Alerts")),
    (perm.APPROVE_BREAK_GLASS, "triage:break-glass-list", _("Break-glass requests")),
    (perm.APPROVE_REFERRAL, "justculture:referrals", _("Referrals")),
    (perm.VIEW_REPORT, "intelligence:themes", _("Themes")),
    (perm.MANAGE_ACTIONS, "learning:actions", _("Actions")),
    (perm.VIEW_REPORT, "learning:reviews", _("Learning reviews")),
    (perm.CODE_REPORT, "coding:worklist", _("Coding")),
    (perm.VIEW_AGGREGATES, "coding:quality", _("Coding quality")),
    (perm.MANAGE_TAXONOMY, "coding:codes", _("Codes")),
    (perm.READ_LEARNING, "learning:bulletins", _("Bulletins")),
    (perm.MANAGE_SURVEY, "culture:waves", _("Culture survey")),
    (perm.VIEW_CULTURE_RESULTS, "culture:results", _("Culture results")),
    (perm.READ_SHARED, "sharing:agreements", _("Sharing agreements")),
    (perm.MANAGE_MEMBERS, "organisations:members", _("Members")),
    (perm.MANAGE_LEARNED_TERMS, "organisations:learned-terms", _("Learned terms")),
    (perm.VIEW_AUDIT, "organisations:audit-log", _("Audit log")),
    (perm.VIEW_EQUALITY, "equality:results", _("Equality monitoring")),
]


def navigation(request):
    match = getattr(request, "resolver_match", None)
    slug = match.kwargs.get("org_slug") if match else None
    if not slug or not request.user.is_authenticated:
        return {}
    access = access_for(request.user, slug)
    if access is None:
        return {}
    links = []
    for permission, name, label in _LINKS:
        if access.can(permission):
            url = reverse(name, kwargs={"org_slug": slug})
            links.append({"url": url, "label": label, "current": request.path.startswith(url)})
    if access.organisation.equality_monitoring_enabled and access.can(perm.SUBMIT_AS_STAFF):
        url = reverse("equality:my-profile", kwargs={"org_slug": slug})
        links.append({"url": url, "label": _("My equality profile"), "current": request.path.startswith(url)})
    if access.can(perm.USE_API):
        url = reverse("organisations:api-tokens")
        links.append({"url": url, "label": _("API tokens"), "current": request.path.startswith(url)})
    return {"org_nav": links}
