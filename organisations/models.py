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


class Region(models.TextChoices):
    """Where an organisation works, in the bands that shared and open data are counted by: the UK's
    nations and England's ITL1 regions, coarse enough that a band never names one organisation."""

    NORTH_EAST = "north_east", _("North East")
    NORTH_WEST = "north_west", _("North West")
    YORKSHIRE = "yorkshire", _("Yorkshire and the Humber")
    EAST_MIDLANDS = "east_midlands", _("East Midlands")
    WEST_MIDLANDS = "west_midlands", _("West Midlands")
    EAST = "east", _("East of England")
    LONDON = "london", _("London")
    SOUTH_EAST = "south_east", _("South East")
    SOUTH_WEST = "south_west", _("South West")
    WALES = "wales", _("Wales")
    SCOTLAND = "scotland", _("Scotland")
    NORTHERN_IRELAND = "northern_ireland", _("Northern Ireland")


class Sector(models.TextChoices):
    """What kind of agency an organisation is: sharing agreements name partners by it ("police",
    "health"), and the learning review records each agency's perspective."""

    SOCIAL_CARE = "social_care", _("Local authority social care")
    POLICE = "police", _("Police")
    HEALTH = "health", _("Health")
    EDUCATION = "education", _("Education")
    PROBATION = "probation", _("Probation")
    VOLUNTARY = "voluntary", _("Voluntary or community sector")
    OTHER = "other", _("Other")


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
    # Shared and open data are counted by region band and sector, never by organisation name.
    region = models.CharField(max_length=20, choices=Region.choices, blank=True)
    sector = models.CharField(max_length=20, choices=Sector.choices, default=Sector.SOCIAL_CARE)
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
