"""Just-culture assessments: one action or omission of a report taken through the five tests of the
NHS "A just culture guide" (2018). Every row here is a permanent record: a later assessment
supersedes an earlier one, and a referral decision is a row of its own, so nothing is ever edited."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.permanent import PermanentRecord


class Answer(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    UNSURE = "unsure", _("Not sure")


class Outcome(models.TextChoices):
    """The fixed list a reviewer chooses from. Only REFERRAL leaves the learning process."""

    SYSTEM_LEARNING = "system_learning", _("System learning: no action directed at the individual")
    HEALTH_SUPPORT = "health_support", _("Support for the person’s health, such as occupational health (not sanction)")
    SUPPORTIVE = "supportive", _("A supportive conversation, further training or a protocol review (not sanction)")
    REFERRAL = "referral", _("Deliberate harm: refer outside the learning process")


class Decision(models.TextChoices):
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")


ANSWER_FIELDS = (
    "deliberate_harm",
    "health",
    "protocol_agreed",
    "protocol_workable",
    "protocol_departed",
    "substitution_peers",
    "substitution_training",
    "substitution_supervision",
    "mitigating",
)


def _answer():
    return models.CharField(max_length=10, choices=Answer.choices)


class Assessment(PermanentRecord):
    """One action or omission through the five tests, with the outcome the reviewer chose."""

    permanent_noun = "Just-culture assessments"

    ACTION_MAX_CHARS = 300

    report = models.ForeignKey("reporting.Report", on_delete=models.CASCADE, related_name="justculture_assessments")
    supersedes = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="superseded_by")
    action = models.CharField(max_length=ACTION_MAX_CHARS)
    # 1 Deliberate harm
    deliberate_harm = _answer()
    # 2 Health
    health = _answer()
    # 3 Foresight
    protocol_agreed = _answer()
    protocol_workable = _answer()
    protocol_departed = _answer()
    # 4 Substitution
    substitution_peers = _answer()
    substitution_training = _answer()
    substitution_supervision = _answer()
    # 5 Mitigating circumstances
    mitigating = _answer()
    recommended_outcome = models.CharField(max_length=20, choices=Outcome.choices)
    # What the reviewer chose. A referral only takes effect once a second person approves it: see `outcome`.
    chosen_outcome = models.CharField(max_length=20, choices=Outcome.choices, default=Outcome.SYSTEM_LEARNING)
    rationale = models.TextField()
    assessed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    assessed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["assessed_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(chosen_outcome="referral") | models.Q(deliberate_harm="yes"),
                name="justculture_referral_only_after_deliberate_harm",
            ),
        ]

    def __str__(self) -> str:
        return f"Just-culture assessment {self.pk} of {self.report_id}"

    @property
    def referral_requested(self) -> bool:
        return self.chosen_outcome == Outcome.REFERRAL

    @property
    def referral_decision(self) -> ReferralDecision | None:
        try:
            return self.decision
        except ReferralDecision.DoesNotExist:
            return None

    @property
    def referral_status(self) -> str:
        """"", "pending", "approved" or "declined"."""
        if not self.referral_requested:
            return ""
        decision = self.referral_decision
        return decision.decision if decision else "pending"

    @property
    def outcome(self) -> str:
        """The outcome in force: system learning until a requested referral is approved."""
        if self.referral_requested:
            return Outcome.REFERRAL if self.referral_status == Decision.APPROVED else Outcome.SYSTEM_LEARNING
        return self.chosen_outcome

    def get_outcome_display(self) -> str:
        return Outcome(self.outcome).label

    @property
    def is_superseded(self) -> bool:
        try:
            return self.superseded_by is not None
        except Assessment.DoesNotExist:
            return False


class ReferralDecision(PermanentRecord):
    """A second person's decision on a requested referral outside the learning process."""

    permanent_noun = "Referral decisions"

    REASON_MAX_CHARS = 2000

    assessment = models.OneToOneField(Assessment, on_delete=models.CASCADE, related_name="decision")
    decision = models.CharField(max_length=10, choices=Decision.choices)
    reason = models.TextField()
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.get_decision_display()} referral for assessment {self.assessment_id}"
