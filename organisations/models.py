"""Organisations and who belongs to them. A person may belong to more than one organisation."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    REPORTER = "reporter", _("Reporter")
    REVIEWER = "reviewer", _("Reviewer")
    CUSTODIAN = "custodian", _("Custodian")
    MANAGER = "manager", _("Manager")
    ADMIN = "admin", _("Admin")


class Organisation(models.Model):
    slug = models.SlugField(unique=True, max_length=50)
    name = models.CharField(max_length=200)
    # Regular expressions for this organisation's case-management references (Mosaic, LCS ...).
    case_reference_patterns = models.JSONField(default=list, blank=True)
    sealed_retention_days = models.PositiveIntegerField(default=30)

    class DateRedaction(models.TextChoices):
        MONTH_YEAR = "month_year", _("Keep the month and year")
        BRACKET = "bracket", _("Replace with [DATE]")

    # How dates in narratives are de-identified; a date of birth is always removed whole.
    date_redaction = models.CharField(max_length=12, choices=DateRedaction.choices, default=DateRedaction.MONTH_YEAR)
    # How many staff could report (headcount, not full-time equivalents): the dashboard's reporting
    # rate per 100 staff divides by it. Unknown until an admin sets it.
    staff_headcount = models.PositiveIntegerField(null=True, blank=True)
    # Working days a reporter should wait at most for first feedback; empty: the deployment's default
    # (settings.GOODCATCH_FEEDBACK_TARGET_WORKING_DAYS). Reports waiting longer are flagged in the queue.
    feedback_target_working_days = models.PositiveSmallIntegerField(null=True, blank=True)
    # The organisation's own number for help now (its duty or front-door team), shown on every
    # easy-read page beside 999 and Childline. Empty: those two only.
    duty_phone_number = models.CharField(max_length=40, blank=True)
    # Fairness monitoring of just-culture outcomes by staff group (app `equality`) is opt-in.
    equality_monitoring_enabled = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices)
    # Named by an admin: with the admins, the only people who see the equality monitoring figures.
    equality_lead = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "organisation"], name="one_membership_per_org")]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation} ({self.role})"


class ApiToken(models.Model):
    """A per-user token for the reviewers' API. Only a hash of the token is kept."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    token_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
