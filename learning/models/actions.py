"""Actions and recommendations: what an organisation decided to change, and what became of it."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    """What the action changes. RULE_OR_TARGET is double-loop learning: questioning the rule itself."""

    PRACTICE = "practice", _("Practice: how people do the work")
    TOOL_OR_SYSTEM = "tool_or_system", _("A tool or system")
    POLICY = "policy", _("A policy or procedure")
    RESOURCE = "resource", _("A resource: staffing, time, money")
    RULE_OR_TARGET = "rule_or_target", _("A rule or target itself")


class Strength(models.TextChoices):
    """The hierarchy of intervention effectiveness: forcing functions and redesign beat reminders."""

    STRONG = "strong", _("Strong")
    MODERATE = "moderate", _("Moderate")
    WEAK = "weak", _("Weak")


class ActionStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    AGREED = "agreed", _("Agreed")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    EFFECTIVE = "effective", _("Verified effective")
    NOT_EFFECTIVE = "not_effective", _("Not effective")


class Action(models.Model):
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="actions")
    description = models.TextField()
    level = models.CharField(max_length=20, choices=Level.choices)
    strength = models.CharField(max_length=10, choices=Strength.choices, default=Strength.WEAK)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="owned_actions")
    due_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=ActionStatus.choices, default=ActionStatus.PROPOSED)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    done_at = models.DateTimeField(null=True, blank=True)  # when it reached DONE: the bulletin's "we did"
    strength_reason = models.TextField(blank=True)  # the phrases that decided the strength, shown with it
    strength_overridden = models.BooleanField(default=False)  # a person chose the strength (recorded in events)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["organisation", "status"])]

    def __str__(self) -> str:
        return self.description[:80]


class ActionReport(models.Model):
    """A report the action answers. Removing the link leaves the action and its history alone."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="report_links")
    report = models.ForeignKey("reporting.Report", on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["action", "report"], name="one_link_per_action_report")]


class ActionTheme(models.Model):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="theme_links")
    theme = models.ForeignKey("intelligence.Theme", on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["action", "theme"], name="one_link_per_action_theme")]


class ActionFactor(models.Model):
    """A contributing-factor code the action targets; the effectiveness review counts reports with it."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="factor_links")
    code = models.ForeignKey("coding.Code", on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["action", "code"], name="one_link_per_action_code")]


class ActionEvent(models.Model):
    """The action's history: status changes, links made and removed, notes. Never deleted with a link;
    a removed report is recorded by its reference, not by a key that would cascade."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(max_length=30)  # "status", "link_report", "unlink_report", "note", ...
    from_status = models.CharField(max_length=20, choices=ActionStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=ActionStatus.choices, blank=True)
    detail = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]


# ---- added by the actions part (migration 0002_actions) -----------------------------------------


class ActionReminder(models.Model):
    """One day's overdue reminder to an action's owner: sent, or still being retried with backoff.
    A failed email is recorded here and never reaches the person who changed the action."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="reminders")
    sent_on = models.DateField()  # the day the reminder is for
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-sent_on", "-pk"]
        constraints = [models.UniqueConstraint(fields=["action", "sent_on"], name="one_reminder_per_action_day")]


class Verdict(models.TextChoices):
    WENT_DOWN = "went_down", _("Went down")
    NO_CLEAR_CHANGE = "no_clear_change", _("No clear change")
    WENT_UP = "went_up", _("Went up")
    TOO_FEW = "too_few", _("Too few reports to tell")


class EffectivenessReview(models.Model):
    """Did reports with the action's factors or themes go down? Counted from the data in equal windows
    before and after the action was done; a person then verifies the action effective or not."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="effectiveness_reviews")
    computed_at = models.DateTimeField(default=timezone.now)
    window_days = models.PositiveIntegerField()
    before_from = models.DateTimeField()
    done_at = models.DateTimeField()  # the end of the window before and the start of the window after
    after_to = models.DateTimeField()
    before_count = models.PositiveIntegerField()
    after_count = models.PositiveIntegerField()
    p_value = models.FloatField(null=True, blank=True)
    verdict = models.CharField(max_length=20, choices=Verdict.choices)
    basis = models.TextField(blank=True)  # which factors and themes were counted, in words
    decision = models.CharField(max_length=20, choices=ActionStatus.choices, blank=True)  # effective or not
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-computed_at", "-pk"]
