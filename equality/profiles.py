"""A member's own equality profile: recorded voluntarily, sealed like a reporter's identity, and
read back only by its owner (audited) or, all at once, by the aggregate (equality.results).

The profile is one sealed value, `{"ethnicity", "disability", "sex"}` as JSON, under the subject
`equality:user:<id>` in the member's organisation. No reviewer page, queue, report or API reads it.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from django.db import transaction

from organisations.services import OrgAccess
from protection import services as sealed
from protection.audit import audit
from protection.models import SealedRecord

from .choices import Disability, Ethnicity, Sex, high_level_group

# A kind of sealed data that only this app writes. It is not one of protection's declared kinds, so
# break-glass (which accepts only those) can never be asked to open a profile.
PROFILE_KIND = "equality"


class MonitoringOff(Exception):
    """The organisation does not run equality monitoring, so it collects no profiles."""


@dataclass(frozen=True)
class Profile:
    ethnicity: str
    disability: str
    sex: str

    def __post_init__(self):
        for value, allowed in ((self.ethnicity, Ethnicity), (self.disability, Disability), (self.sex, Sex)):
            if value not in allowed.values:
                raise ValueError(f"Not an allowed answer: {value!r}")

    @property
    def ethnic_group(self) -> str | None:
        return high_level_group(self.ethnicity)

    def labels(self) -> dict[str, str]:
        return {"ethnicity": Ethnicity(self.ethnicity).label, "disability": Disability(self.disability).label,
                "sex": Sex(self.sex).label}


def subject_for_user(user_id: int) -> str:
    return f"equality:user:{user_id}"


def user_id_of(subject: str) -> int | None:
    prefix = subject_for_user(0)[:-1]
    return int(subject[len(prefix):]) if subject.startswith(prefix) and subject[len(prefix):].isdigit() else None


def _check_on(access: OrgAccess) -> None:
    if not access.organisation.equality_monitoring_enabled:
        raise MonitoringOff


def has_profile(access: OrgAccess, user) -> bool:
    """Whether this member has recorded a profile: no decryption, so nothing to audit."""
    return SealedRecord.objects.filter(organisation_id=access.organisation.pk, subject=subject_for_user(user.pk),
                                       kind=PROFILE_KIND, destroyed_at__isnull=True).exists()


def record_profile(access: OrgAccess, user, profile: Profile) -> None:
    """Seal the member's own profile, replacing any earlier one."""
    _check_on(access)
    with transaction.atomic():
        sealed.seal(access.organisation.pk, subject_for_user(user.pk), PROFILE_KIND, json.dumps(asdict(profile)))
        # Which answers were given stays sealed: the entry says only that the member recorded one.
        audit("equality.profile_record", actor=user, organisation_id=access.organisation.pk,
              subject=subject_for_user(user.pk))


def own_profile(access: OrgAccess, user) -> Profile | None:
    """The member's own profile, for them to check or change (the opening is audited), or None."""
    if not has_profile(access, user):
        return None
    value = sealed.open_sealed(access.organisation.pk, subject_for_user(user.pk), PROFILE_KIND, actor=user,
                               purpose="own equality profile")
    return Profile(**json.loads(value))


def delete_profile(access: OrgAccess, user) -> bool:
    """Erase the member's own profile, the sealed row itself included. Allowed even when monitoring is off."""
    return sealed.erase(access.organisation.pk, subject_for_user(user.pk), PROFILE_KIND, actor=user,
                        reason="deleted by its owner") > 0


def profiles_for_aggregate(access: OrgAccess, *, actor) -> dict[int, Profile]:
    """Every member's profile in the organisation, by user id, for the aggregate only (one audited read)."""
    values = sealed.open_sealed_of_kind(access.organisation.pk, PROFILE_KIND, actor=actor,
                                        purpose="equality monitoring aggregate")
    profiles: dict[int, Profile] = {}
    for subject, value in values.items():
        user_id = user_id_of(subject)
        if user_id is not None:
            profiles[user_id] = Profile(**json.loads(value))
    return profiles


def name_profile_subjects(organisation, subjects: list[str]) -> dict[str, str]:
    """How the audit log names a profile's subject: whose it is, never what it says."""
    from django.utils.translation import gettext as _

    from organisations.services import members_of

    wanted = {user_id_of(subject): subject for subject in subjects}
    return {wanted[m.user_id]: _("Equality profile of %(name)s") % {"name": m.user.get_username()}
            for m in members_of(organisation) if m.user_id in wanted}
