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
