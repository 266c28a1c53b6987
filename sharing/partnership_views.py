"""Safeguarding-partnership pages: an organisation's invitations and memberships, and the combined view.

Views stay thin: membership is in sharing.partnerships, the figures in sharing.partnership_figures."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from organisations import permissions as perm
from organisations import two_factor
from organisations.decorators import org_permission_required
from organisations.services import OrgAccess
from sharing import partnership_figures, partnerships


@require_GET
@org_permission_required(perm.VIEW_PARTNERSHIP)
def partnership_list(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    """The organisation's partnerships: links to the joined ones' views, and (for admins) the
    invitations to accept and the memberships to leave."""
    may_manage = access.can(perm.MANAGE_SHARING)
    invitations = [i for i in partnerships.invitations_for(access.organisation) if may_manage or i.status == "joined"]
    return render(request, "sharing/partnerships/list.html", {
        "access": access, "organisation": access.organisation, "invitations": invitations, "may_manage": may_manage})


def _change(request: HttpRequest, access: OrgAccess, partnership_slug: str, change, done) -> HttpResponse:
    try:
        member = change(access, partnership_slug, by=request.user)
    except partnerships.PartnershipError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done % {"name": member.partnership.name})
    return redirect("sharing:partnerships", org_slug=access.organisation.slug)


@require_POST
@org_permission_required(perm.MANAGE_SHARING)
def partnership_join(request: HttpRequest, access: OrgAccess, partnership_slug: str) -> HttpResponse:
    return _change(request, access, partnership_slug, partnerships.join,
                   _("Your organisation is in %(name)s. Its cleared reports now count in the partnership's view."))


@require_http_methods(["GET", "POST"])
@org_permission_required(perm.MANAGE_SHARING)
def partnership_leave(request: HttpRequest, access: OrgAccess, partnership_slug: str) -> HttpResponse:
    """Leave (or decline): asked to confirm first, since only the site's operator can invite again."""
    if request.method == "POST":
        return _change(request, access, partnership_slug, partnerships.leave,
                       _("Your organisation is no longer in %(name)s. Its reports no longer count in the partnership's "
                         "view."))
    invitation = partnerships.invitation_of(access.organisation, partnership_slug)
    return render(request, "sharing/partnerships/leave.html", {
        "access": access, "organisation": access.organisation, "invitation": invitation})


def _reader_required(view):
    """Signed in, with a second factor where the role needs one, and allowed to read this partnership."""

    @wraps(view)
    def wrapper(request: HttpRequest, partnership_slug: str) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        partnership, access = partnerships.reader_access(request.user, partnership_slug)
        if not two_factor.satisfied(request):
            return two_factor.redirect_to_second_step(request.user, request.get_full_path())
        return view(request, partnership, access)

    return wrapper


@require_GET
@_reader_required
def partnership_view(request: HttpRequest, partnership, access: OrgAccess) -> HttpResponse:
    figures = partnership_figures.build(partnership)
    return render(request, "sharing/partnerships/view.html", {
        "access": access, "organisation": access.organisation, "partnership": partnership, "figures": figures})
