"""Safeguarding partnerships: who is in one, and who may read its combined view.

A site operator creates a partnership and invites organisations (`manage.py partnership`); each
organisation's admin then joins or leaves from its own sharing pages. Only organisations that have
joined and not left count, and only their members may read the view: a member of a joined
organisation with VIEW_PARTNERSHIP there. Every invitation, join and leave is audited in the
organisation it concerns. The figures themselves are in `sharing.partnership_figures`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from organisations import permissions as perm
from organisations.services import OrgAccess, access_for, get_organisation, memberships_for
from protection.audit import audit
from sharing.models import Partnership, PartnershipMember


class PartnershipError(ValueError):
    """A membership change that cannot be made; the message is shown to the person who asked."""


@dataclass(frozen=True)
class Invitation:
    """One organisation's place in one partnership, as its own sharing page shows it."""

    partnership: Partnership
    status: str  # "invited", "joined" or "left"
    invited_at: datetime
    joined_at: datetime | None
    left_at: datetime | None


def status_of(member: PartnershipMember) -> str:
    if member.left_at is not None:
        return "left"
    return "joined" if member.joined_at is not None else "invited"


def _subject(partnership: Partnership) -> str:
    return f"partnership:{partnership.pk}"


# -- the operator's side (manage.py partnership) -----------------------------------------------------

@transaction.atomic
def create_partnership(slug: str, name: str, organisation_slugs: list[str], *, by: str) -> Partnership:
    """A new partnership with these organisations invited (none has joined until its admin says so)."""
    if Partnership.objects.filter(slug=slug).exists():
        raise PartnershipError(_("There is already a partnership with the slug %(slug)s.") % {"slug": slug})
    if not name.strip():
        raise PartnershipError(_("A partnership needs a name."))
    partnership = Partnership.objects.create(slug=slug, name=name.strip())
    for organisation_slug in dict.fromkeys(organisation_slugs):
        invite(partnership, organisation_slug, by=by)
    return partnership


@transaction.atomic
def invite(partnership: Partnership, organisation_slug: str, *, by: str) -> PartnershipMember:
    """Invite an organisation, or invite again one that left. An organisation already invited or in
    the partnership is left as it is."""
    organisation = get_organisation(organisation_slug)
    if organisation is None:
        raise PartnershipError(_("There is no organisation with the slug %(slug)s.") % {"slug": organisation_slug})
    member, created = PartnershipMember.objects.select_for_update().get_or_create(
        partnership=partnership, organisation=organisation)
    if not created and member.left_at is None:
        return member
    if not created:
        member.invited_at, member.joined_at, member.joined_by, member.left_at = timezone.now(), None, None, None
        member.save(update_fields=["invited_at", "joined_at", "joined_by", "left_at"])
    audit("sharing.partnership_invite", actor=by, organisation_id=organisation.pk, subject=_subject(partnership),
          detail={"partnership": partnership.slug, "name": partnership.name})
    return member


def partnership_with_slug(slug: str) -> Partnership | None:
    return Partnership.objects.filter(slug=slug).first()


def all_partnerships() -> list[tuple[Partnership, list[tuple[str, str]]]]:
    """Every partnership with its organisations' slugs and statuses, for the operator's listing."""
    members = PartnershipMember.objects.select_related("organisation").order_by("organisation__slug")
    found: dict[int, list[tuple[str, str]]] = {}
    for member in members:
        found.setdefault(member.partnership_id, []).append((member.organisation.slug, status_of(member)))
    return [(p, found.get(p.pk, [])) for p in Partnership.objects.order_by("slug")]


# -- an organisation's side -----------------------------------------------------------------------------

def invitations_for(organisation) -> list[Invitation]:
    """The partnerships this organisation was invited to, is in, or left."""
    members = PartnershipMember.objects.filter(organisation=organisation).select_related("partnership") \
        .order_by("partnership__name")
    return [Invitation(m.partnership, status_of(m), m.invited_at, m.joined_at, m.left_at) for m in members]


def invitation_of(organisation, partnership_slug: str) -> Invitation:
    """One of the organisation's invitations or memberships; 404 if it has none for this partnership."""
    for invitation in invitations_for(organisation):
        if invitation.partnership.slug == partnership_slug:
            return invitation
    raise Http404("No such partnership for this organisation")


def _membership(access: OrgAccess, partnership_slug: str) -> PartnershipMember:
    member = PartnershipMember.objects.select_for_update().select_related("partnership").filter(
        organisation=access.organisation, partnership__slug=partnership_slug).first()
    if member is None:
        raise Http404("No such partnership for this organisation")
    return member


@transaction.atomic
def join(access: OrgAccess, partnership_slug: str, *, by) -> PartnershipMember:
    """The organisation's admin accepts an invitation: from now on its cleared reports count."""
    if not access.can(perm.MANAGE_SHARING):
        raise PermissionDenied
    member = _membership(access, partnership_slug)
    if member.left_at is not None:
        raise PartnershipError(_("Your organisation left this partnership. To join again, ask for a new invitation."))
    if member.joined_at is not None:
        return member
    member.joined_at, member.joined_by = timezone.now(), by
    member.save(update_fields=["joined_at", "joined_by"])
    audit("sharing.partnership_join", actor=by, organisation_id=access.organisation.pk,
          subject=_subject(member.partnership), detail={"partnership": member.partnership.slug})
    return member


@transaction.atomic
def leave(access: OrgAccess, partnership_slug: str, *, by) -> PartnershipMember:
    """The organisation leaves (or declines an invitation): its reports stop counting at once."""
    if not access.can(perm.MANAGE_SHARING):
        raise PermissionDenied
    member = _membership(access, partnership_slug)
    if member.left_at is not None:
        return member
    was = status_of(member)
    member.left_at = timezone.now()
    member.save(update_fields=["left_at"])
    audit("sharing.partnership_leave", actor=by, organisation_id=access.organisation.pk,
          subject=_subject(member.partnership), detail={"partnership": member.partnership.slug, "was": was})
    return member


# -- who counts, and who may read ------------------------------------------------------------------------

def joined_members(partnership: Partnership) -> list[PartnershipMember]:
    return list(PartnershipMember.objects.filter(partnership=partnership, joined_at__isnull=False,
                                                 left_at__isnull=True)
                .select_related("organisation").order_by("organisation__name"))


def joined_organisation_ids(partnership: Partnership) -> list[int]:
    return [member.organisation_id for member in joined_members(partnership)]


def reader_access(user, partnership_slug: str) -> tuple[Partnership, OrgAccess]:
    """The partnership and the caller's access in a joined member organisation that lets them read it.

    404 for anyone who is not a member of a joined organisation (the partnership's existence is not
    confirmed to outsiders); 403 for a member there whose role may not read it."""
    partnership = partnership_with_slug(partnership_slug)
    if partnership is None:
        raise Http404("No such partnership")
    joined = {member.organisation.slug for member in joined_members(partnership)}
    accesses = [access for membership in memberships_for(user) if membership.organisation.slug in joined
                if (access := access_for(user, membership.organisation.slug)) is not None]
    if not accesses:
        raise Http404("No such partnership")
    for access in accesses:
        if access.can(perm.VIEW_PARTNERSHIP):
            return partnership, access
    raise PermissionDenied
