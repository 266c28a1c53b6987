"""Finding a user's organisations and checking their permission in one of them."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.utils import timezone

from organisations.models import ApiToken, Membership, Organisation
from organisations.permissions import member_has
from protection.redaction import ChosenSettings


@dataclass(frozen=True)
class OrgAccess:
    """The organisation a request acts in, and the caller's role there."""

    organisation: Organisation
    role: str
    equality_lead: bool = False  # named by an admin (Membership.equality_lead): may see the equality figures

    def can(self, permission: str) -> bool:
        return member_has(self.role, permission, equality_lead=self.equality_lead)


def get_organisation(slug: str) -> Organisation | None:
    return Organisation.objects.filter(slug=slug).first()


def access_for(user: AbstractBaseUser | AnonymousUser, slug: str) -> OrgAccess | None:
    if not user.is_authenticated:
        return None
    membership = Membership.objects.select_related("organisation").filter(user=user, organisation__slug=slug).first()
    if membership is None:
        return None
    return OrgAccess(organisation=membership.organisation, role=membership.role, equality_lead=membership.equality_lead)


def memberships_for(user: AbstractBaseUser) -> list[Membership]:
    return list(Membership.objects.select_related("organisation").filter(user=user).order_by("organisation__name"))


@transaction.atomic
def add_member(organisation: Organisation, user: AbstractBaseUser, role: str) -> Membership:
    membership, _ = Membership.objects.update_or_create(user=user, organisation=organisation, defaults={"role": role})
    return membership


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_api_token(user: AbstractBaseUser, name: str) -> str:
    """Create a token and return it; only its hash is stored, so it is shown once."""
    from protection.audit import audit

    token = "gc_" + secrets.token_urlsafe(32)
    row = ApiToken.objects.create(user=user, name=name, token_hash=_hash_token(token), prefix=token[:8])
    audit("api_token.create", actor=user, subject=f"token:{row.pk}", detail={"name": name})
    return token


def user_for_api_token(token: str) -> AbstractBaseUser | None:
    row = ApiToken.objects.select_related("user").filter(token_hash=_hash_token(token), revoked_at__isnull=True).first()
    if row is None or not row.user.is_active:
        return None
    ApiToken.objects.filter(pk=row.pk).update(last_used_at=timezone.now())
    return row.user


def organisations_with_ids(ids) -> list[Organisation]:
    """For background work handed organisation ids (e.g. refreshing dashboards)."""
    return list(Organisation.objects.filter(pk__in=list(ids)).order_by("pk"))


def listed_organisations(limit: int | None = 50) -> list[Organisation]:
    """Organisations by name: the first `limit` (the public home page's short list), or all."""
    ordered = Organisation.objects.order_by("name")
    return list(ordered if limit is None else ordered[:limit])


@transaction.atomic
def change_role(organisation: Organisation, membership_id: int, role: str, *, by) -> Membership:
    """Change a member's role. Admins cannot demote themselves, so an organisation never loses its last admin."""
    from protection.audit import audit

    membership = Membership.objects.select_for_update().get(organisation=organisation, pk=membership_id)
    if membership.user_id == by.pk and role != membership.role:
        raise ValueError("You cannot change your own role. Ask another admin.")
    previous = membership.role
    membership.role = role
    membership.save(update_fields=["role"])
    audit("membership.role_change", actor=by, organisation_id=organisation.pk, subject=f"user:{membership.user_id}",
          detail={"from": previous, "to": role})
    return membership


def _set_setting(organisation: Organisation, field: str, value) -> dict:
    """One organisation setting changed by an admin; returns the audit detail (old and new value). Each
    caller names its own audit event, literally, so the audit log's wording can be checked."""
    previous = getattr(organisation, field)
    setattr(organisation, field, value)
    organisation.save(update_fields=[field])
    return {"from": previous, "to": value}


@transaction.atomic
def set_staff_headcount(organisation: Organisation, headcount: int | None, *, by) -> Organisation:
    """An admin records how many staff could report, for the dashboard's rate per 100 staff
    (None: not known)."""
    from protection.audit import audit

    detail = _set_setting(organisation, "staff_headcount", headcount)
    audit("organisation.staff_headcount", actor=by, organisation_id=organisation.pk, detail=detail)
    return organisation


def feedback_target(organisation: Organisation) -> int:
    """Working days within which every report should get its first feedback."""
    from django.conf import settings

    return organisation.feedback_target_working_days or settings.GOODCATCH_FEEDBACK_TARGET_WORKING_DAYS


@transaction.atomic
def set_feedback_target(organisation: Organisation, working_days: int | None, *, by) -> Organisation:
    """An admin sets the organisation's target time to first feedback (None: the default)."""
    from protection.audit import audit

    detail = _set_setting(organisation, "feedback_target_working_days", working_days)
    audit("organisation.feedback_target", actor=by, organisation_id=organisation.pk, detail=detail)
    return organisation


@transaction.atomic
def set_equality_monitoring(organisation: Organisation, enabled: bool, *, by) -> Organisation:
    """An admin switches fairness monitoring (app `equality`) on or off. Off hides the figures and the
    invitation to record a profile; profiles already recorded stay sealed until their owners delete them."""
    from protection.audit import audit

    detail = _set_setting(organisation, "equality_monitoring_enabled", enabled)
    audit("organisation.equality_monitoring", actor=by, organisation_id=organisation.pk, detail=detail)
    return organisation


@transaction.atomic
def set_equality_lead(organisation: Organisation, membership_id: int, lead: bool, *, by) -> Membership:
    """An admin names a member equality lead, or stops them being one (Membership.equality_lead)."""
    from protection.audit import audit

    membership = Membership.objects.select_for_update().get(organisation=organisation, pk=membership_id)
    previous = membership.equality_lead
    membership.equality_lead = lead
    membership.save(update_fields=["equality_lead"])
    audit("membership.equality_lead", actor=by, organisation_id=organisation.pk, subject=f"user:{membership.user_id}",
          detail={"from": previous, "to": lead})
    return membership


@transaction.atomic
def set_duty_phone_number(organisation: Organisation, number: str, *, by) -> Organisation:
    """An admin sets the number for help now, shown on every easy-read page beside 999 and Childline
    ("": those two only)."""
    from protection.audit import audit

    detail = _set_setting(organisation, "duty_phone_number", number)
    audit("organisation.duty_phone_number", actor=by, organisation_id=organisation.pk, detail=detail)
    return organisation


def chosen_deid_settings(organisation_id: int) -> ChosenSettings:
    """What an organisation chose for its de-identification. protection reads it through this
    (registered in OrganisationsConfig.ready), never through the organisation's row."""
    organisation = Organisation.objects.only("case_reference_patterns", "date_redaction").get(pk=organisation_id)
    return ChosenSettings(case_reference_patterns=tuple(organisation.case_reference_patterns),
                          date_mode=organisation.date_redaction)


def members_of(organisation: Organisation) -> list[Membership]:
    return list(Membership.objects.select_related("user").filter(organisation=organisation).order_by("user__username"))


def audit_log_for(organisation: Organisation):
    """Entries about this organisation, and sign-ins of its members."""
    from django.db.models import Q

    from protection.models import AuditEntry

    member_ids = Membership.objects.filter(organisation=organisation).values_list("user_id", flat=True)
    return AuditEntry.objects.filter(
        Q(organisation_id=organisation.pk) | Q(organisation_id__isnull=True, actor_id__in=list(member_ids))
    ).order_by("-pk")


def api_tokens_for(user: AbstractBaseUser) -> list[ApiToken]:
    return list(ApiToken.objects.filter(user=user, revoked_at__isnull=True).order_by("-created_at"))


def may_use_api(user: AbstractBaseUser) -> bool:
    from organisations.permissions import USE_API, role_has

    return any(role_has(m.role, USE_API) for m in Membership.objects.filter(user=user))


def revoke_api_token(user: AbstractBaseUser, token_id: int) -> bool:
    from protection.audit import audit

    revoked = ApiToken.objects.filter(user=user, pk=token_id, revoked_at__isnull=True).update(revoked_at=timezone.now())
    if revoked:
        audit("api_token.revoke", actor=user, subject=f"token:{token_id}")
    return bool(revoked)


def hub_organisation(organisation_id: int | None, *, slug: str, name: str, region: str, sector: str) -> Organisation:
    """At the national hub: the organisation standing for one that sends its cleared reports from another
    instance (sharing's feeds), made on first sight (`organisation_id` None) and kept up to date after.

    A slug already taken here gets a numbered suffix: the caller keeps the mapping, never the slug.
    A region or sector this code base does not know is left blank or "other" rather than refused."""
    from organisations.models import Region, Sector

    fields = {"name": name[:200] or slug, "region": region if region in Region.values else "",
              "sector": sector if sector in Sector.values else Sector.OTHER}
    if organisation_id is not None:
        Organisation.objects.filter(pk=organisation_id).update(**fields)
        return Organisation.objects.get(pk=organisation_id)
    base, candidate, number = slug[:50], slug[:50], 1
    while Organisation.objects.filter(slug=candidate).exists():
        number += 1
        candidate = f"{base[:50 - len(str(number)) - 1]}-{number}"
    return Organisation.objects.create(slug=candidate, **fields)
