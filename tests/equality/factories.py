"""Equality-monitoring test helpers: an organisation that runs it, members with sealed profiles, and
named reports that reached a just-culture outcome."""

from __future__ import annotations

from equality import profiles
from justculture import services as justculture
from organisations.models import Membership, Role
from organisations.services import access_for, set_equality_monitoring
from tests.factories import member, report


def monitoring_on(organisation, *, by=None):
    set_equality_monitoring(organisation, True, by=by)
    organisation.refresh_from_db()
    return organisation


def with_profile(organisation, user, ethnicity="white_british", disability="no", sex="female"):
    profiles.record_profile(access_for(user, organisation.slug), user,
                            profiles.Profile(ethnicity=ethnicity, disability=disability, sex=sex))
    return user


def staff(organisation, username, role=Role.REPORTER, **answers):
    """A member with a sealed profile."""
    return with_profile(organisation, member(organisation, role, username=username), **answers)


def name_lead(organisation, user):
    Membership.objects.filter(organisation=organisation, user=user).update(equality_lead=True)


_ANSWERS = dict(health="no", protocol_agreed="no", protocol_workable="no", protocol_departed="no",
                substitution_peers="no", substitution_training="no", substitution_supervision="no", mitigating="no")


def assessed_report(organisation, reporter, outcome, *, assessor, approver=None, confidentiality="confidential"):
    """A named report by `reporter` whose just-culture outcome in force is `outcome`: "system_learning",
    "supportive", "health_support" or "referral" (approved by `approver`), or "referral_pending"."""
    submitted = report(organisation, "The visit was missed because the rota was wrong.", reporter=reporter,
                       confidentiality=confidentiality).report
    access = access_for(assessor, organisation.slug)
    chosen = "referral" if outcome.startswith("referral") else outcome
    answers = justculture.Answers(deliberate_harm="yes" if chosen == "referral" else "no", **_ANSWERS)
    assessment = justculture.record_assessment(access, submitted, by=assessor, action="Missed the visit.",
                                               answers=answers, outcome=chosen, rationale="As the guide says.")
    if outcome == "referral":
        justculture.approve_referral(access_for(approver, organisation.slug), assessment, by=approver,
                                     reason="The harm was intended.")
    return submitted
