"""The just-culture decision aid: every write and every rule lives here; views only call these.

The tests follow the NHS "A just culture guide" (2018), taken in order for one action or omission.
The usual outcome is learning for the system. Errors of judgement, slips, lapses and even
violations made to get the job done never warrant sanction. Only an intention to cause harm can
take a case outside the learning process, and then only once a second person approves it.

Where an answer is "not sure", the aid never moves its recommendation towards the individual.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from organisations.permissions import APPROVE_REFERRAL, JUST_CULTURE
from organisations.services import OrgAccess
from protection.audit import audit
from reporting.services import subject_for

from .models import ANSWER_FIELDS, Answer, Assessment, Decision, Outcome, ReferralDecision

if TYPE_CHECKING:  # a type only: contexts never import each other's models
    from reporting.models import Report


class JustCultureError(Exception):
    """A request the decision aid refuses; the message is written for the person who made it.

    `field` names the form field the message belongs to, if any.
    """

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.field = field


class NotPermitted(JustCultureError):
    pass


@dataclass(frozen=True)
class Answers:
    """The answers to the five tests: each "yes", "no" or "unsure"."""

    deliberate_harm: str
    health: str
    protocol_agreed: str
    protocol_workable: str
    protocol_departed: str
    substitution_peers: str
    substitution_training: str
    substitution_supervision: str
    mitigating: str

    def __post_init__(self):
        for name, value in asdict(self).items():
            if value not in Answer.values:
                raise JustCultureError(_("Answer every question with yes, no or not sure (%s)") % name, field=name)

    @classmethod
    def of(cls, assessment: Assessment) -> Answers:
        return cls(**{name: getattr(assessment, name) for name in ANSWER_FIELDS})


@dataclass(frozen=True)
class Recommendation:
    outcome: str
    test: int  # the test at which the guide stops
    reason: str

    @property
    def label(self) -> str:
        return Outcome(self.outcome).label


# The guide's own conclusions, in this service's words.
_DELIBERATE_HARM = gettext_lazy(
    "There was an intention to cause harm. This is the only case the guide takes outside system learning: it may "
    "be referred outside the learning process (for example to HR, the regulator or the police), and only once a "
    "second person approves. The system still needs to learn how people were not protected."
)
_HEALTH = gettext_lazy(
    "Ill health or a substance was likely to have affected the person’s actions. Offer support for their health, "
    "such as occupational health: not sanction. The system still needs to learn how this came about."
)
_NO_KNOWING_DEPARTURE = gettext_lazy(
    "There was no agreed, workable protocol in routine use that the person knowingly departed from. Singling out "
    "the individual is unlikely to be appropriate: the learning is for the system."
)
_SUBSTITUTION = gettext_lazy(
    "Another person with similar training and experience would probably have acted the same way, or the person "
    "was left out of training or without normal supervision. Singling out the individual is unlikely to be "
    "appropriate: the learning is for the system."
)
_MITIGATING = gettext_lazy(
    "There were significant mitigating circumstances. Action directed at the individual is unlikely to be "
    "appropriate: the learning is for the system."
)
_SUPPORTIVE = gettext_lazy(
    "The person knowingly departed from a workable protocol in routine use, and others would probably not have. "
    "Offer a supportive conversation or further training, or review the protocol: this is not sanction. The system "
    "still needs to learn why the departure happened."
)


def recommended_outcome(answers: Answers) -> Recommendation:
    """The outcome the guide points to, taking the tests in order and stopping at the first that decides."""
    yes, no = Answer.YES, Answer.NO
    if answers.deliberate_harm == yes:
        return Recommendation(Outcome.REFERRAL, 1, str(_DELIBERATE_HARM))
    if answers.health == yes:
        return Recommendation(Outcome.HEALTH_SUPPORT, 2, str(_HEALTH))
    if not (answers.protocol_agreed == yes and answers.protocol_workable == yes and answers.protocol_departed == yes):
        return Recommendation(Outcome.SYSTEM_LEARNING, 3, str(_NO_KNOWING_DEPARTURE))
    if not (answers.substitution_peers == no and answers.substitution_training == no
            and answers.substitution_supervision == no):
        return Recommendation(Outcome.SYSTEM_LEARNING, 4, str(_SUBSTITUTION))
    if answers.mitigating != no:
        return Recommendation(Outcome.SYSTEM_LEARNING, 5, str(_MITIGATING))
    return Recommendation(Outcome.SUPPORTIVE, 5, str(_SUPPORTIVE))


def check_outcome(outcome: str, answers: Answers) -> None:
    """Raise unless `outcome` may be chosen with these answers."""
    if outcome not in Outcome.values:
        raise JustCultureError(_("Select an outcome from the list"), field="outcome")
    if outcome == Outcome.REFERRAL and answers.deliberate_harm != Answer.YES:
        raise JustCultureError(_(
            "A referral outside the learning process is only possible when test 1 (deliberate harm) is answered yes"
        ), field="outcome")


def assessments_for(report: Report) -> QuerySet[Assessment]:
    return (Assessment.objects.filter(report=report)
            .select_related("assessed_by", "supersedes", "superseded_by", "decision__decided_by"))


def assessment_for(report: Report, assessment_id: int) -> Assessment | None:
    """An assessment of this report, or None: never one of another report or organisation."""
    return assessments_for(report).filter(pk=assessment_id).first()


def record_assessment(access: OrgAccess, report: Report, *, by, action: str, answers: Answers, outcome: str,
                      rationale: str, supersedes: Assessment | None = None) -> Assessment:
    """Save one assessment for good. Choosing a referral requests it; it stays system learning until approved."""
    if not access.can(JUST_CULTURE):
        raise NotPermitted(_("You do not have permission to record just-culture assessments."))
    if report.organisation_id != access.organisation.pk:
        raise NotPermitted(_("This report belongs to another organisation."))
    action, rationale = action.strip(), rationale.strip()
    if not action:
        raise JustCultureError(_("Describe the action or omission you are assessing"), field="action")
    if not rationale:
        raise JustCultureError(_("Explain the reasons for the outcome"), field="rationale")
    check_outcome(outcome, answers)
    recommendation = recommended_outcome(answers)
    try:
        with transaction.atomic():
            if supersedes is not None:
                supersedes = Assessment.objects.select_for_update().filter(pk=supersedes.pk, report=report).first()
                if supersedes is None:
                    raise JustCultureError(_("The assessment to replace is not one of this report’s."))
                if Assessment.objects.filter(supersedes=supersedes).exists():
                    raise JustCultureError(_("That assessment has already been replaced by a newer one."))
            assessment = Assessment.objects.create(
                report=report, supersedes=supersedes, action=action, **asdict(answers),
                recommended_outcome=recommendation.outcome, chosen_outcome=outcome, rationale=rationale,
                assessed_by=by,
            )
            # In the same transaction: a decision is never kept without its audit entry.
            subject = subject_for(report)
            audit("justculture.assessment", actor=by, organisation_id=access.organisation.pk, subject=subject,
                  detail={
                      # Ids and fixed codes only: the free text stays on the assessment, behind its permission.
                      "assessment": assessment.pk, "supersedes": supersedes.pk if supersedes else None,
                      "recommended": recommendation.outcome, "chosen": outcome, "outcome": assessment.outcome,
                  })
            if assessment.referral_requested:
                audit("justculture.referral_requested", actor=by, organisation_id=access.organisation.pk,
                      subject=subject, detail={"assessment": assessment.pk})
    except IntegrityError as exc:
        # Two people replaced the same assessment at once; the first one won.
        raise JustCultureError(_("That assessment has already been replaced by a newer one.")) from exc
    return assessment


def can_decide(access: OrgAccess, assessment: Assessment, user) -> bool:
    return (access.can(APPROVE_REFERRAL) and assessment.referral_status == "pending"
            and not assessment.is_superseded and assessment.assessed_by_id != user.pk)


def _decide(access: OrgAccess, assessment: Assessment, decision: str, *, by, reason: str) -> ReferralDecision:
    if not access.can(APPROVE_REFERRAL):
        raise NotPermitted(_("You do not have permission to approve or decline referrals."))
    reason = reason.strip()
    if not reason:
        raise JustCultureError(_("Give the reason for your decision"), field="reason")
    try:
        with transaction.atomic():
            locked = (Assessment.objects.select_for_update().select_related("report")
                      .filter(pk=assessment.pk, report__organisation=access.organisation).first())
            if locked is None:
                raise NotPermitted(_("This assessment belongs to another organisation."))
            if locked.chosen_outcome != Outcome.REFERRAL:
                raise JustCultureError(_("This assessment did not request a referral."))
            if locked.assessed_by_id == by.pk:
                raise NotPermitted(_(
                    "You recorded this assessment, so a different person must approve or decline its referral."
                ))
            if Assessment.objects.filter(supersedes=locked).exists():
                raise JustCultureError(_("This assessment has been replaced by a newer one, so its referral lapsed."))
            if ReferralDecision.objects.filter(assessment=locked).exists():
                raise JustCultureError(_("This referral has already been decided."))
            row = ReferralDecision.objects.create(assessment=locked, decision=decision, reason=reason, decided_by=by)
            audit(f"justculture.referral_{decision}", actor=by, organisation_id=access.organisation.pk,
                  subject=subject_for(locked.report),
                  detail={"assessment": locked.pk, "requested_by": locked.assessed_by_id})
    except IntegrityError as exc:
        raise JustCultureError(_("This referral has already been decided.")) from exc
    return row


def approve_referral(access: OrgAccess, assessment: Assessment, *, by, reason: str) -> ReferralDecision:
    """A second person, with the permission, lets the referral outside the learning process take effect."""
    return _decide(access, assessment, Decision.APPROVED, by=by, reason=reason)


def decline_referral(access: OrgAccess, assessment: Assessment, *, by, reason: str) -> ReferralDecision:
    """A second person refuses the referral: the outcome stays system learning."""
    return _decide(access, assessment, Decision.DECLINED, by=by, reason=reason)


def referrals_for(access: OrgAccess) -> QuerySet[Assessment]:
    """Every referral requested in this organisation, the newest first."""
    return (Assessment.objects.filter(report__organisation=access.organisation, chosen_outcome=Outcome.REFERRAL)
            .select_related("report", "assessed_by", "superseded_by", "decision__decided_by")
            .order_by("-assessed_at", "-pk"))


def pending_referrals(access: OrgAccess) -> QuerySet[Assessment]:
    """Referrals waiting for a second person: not yet decided, and not replaced by a newer assessment."""
    return referrals_for(access).filter(decision__isnull=True, superseded_by__isnull=True)


def decided_referrals(access: OrgAccess, limit: int = 50) -> list[Assessment]:
    return list(referrals_for(access).filter(decision__isnull=False).order_by("-decision__decided_at", "-pk")[:limit])


def has_approved_referral(report: Report) -> bool:
    """Whether a second person approved a deliberate-harm referral for this report, still in force.

    Break-glass for the purpose "deliberate harm" is allowed only then.
    """
    return any(a.outcome == Outcome.REFERRAL and not a.is_superseded
               for a in Assessment.objects.filter(report=report).select_related("decision"))


def outcomes_in_force(report_ids) -> dict[int, list[str]]:
    """The outcome of every assessment still in force (not replaced by a newer one), by report id.

    For aggregates that count outcomes (equality monitoring); a report without an assessment is absent."""
    found: dict[int, list[str]] = {}
    for assessment in (Assessment.objects.filter(report_id__in=list(report_ids), superseded_by__isnull=True)
                       .select_related("decision").order_by("pk")):
        found.setdefault(assessment.report_id, []).append(assessment.outcome)
    return found
