"""The shareable copy of a report: the third state of its text."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class SharedReport(models.Model):
    """A report cleared for sharing: its de-identified text after the stricter sharing pass, with
    quasi-identifiers generalised (a quarter, not a date; an age band, not an age; a broad service
    area for a rare one), and the codes a reviewer gave it.

    It is its own record with its own audit trail: only this copy may leave the organisation.
    `public_id` is the only id that ever leaves; `source_report_id` (the internal report id) stays
    inside, and is empty for a copy the hub received from another instance (`origin`)."""

    public_id = models.CharField(max_length=32, unique=True)
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    # The report it was cleared from, in this instance; never exported, never sent.
    source_report_id = models.PositiveBigIntegerField(null=True, blank=True, unique=True)
    # At the hub: the sending instance's name (sharing feeds); empty for a copy cleared here.
    origin = models.CharField(max_length=100, blank=True)
    # At the hub: the report in the national organisation that the hub's search, themes, spikes and
    # dashboards read (sharing.national); never sent, never exported.
    national_report_id = models.PositiveBigIntegerField(null=True, blank=True)

    kind = models.CharField(max_length=20)
    service_area = models.CharField(max_length=30, blank=True)  # generalised when rare
    stage = models.CharField(max_length=30, blank=True)
    agencies = models.JSONField(default=list, blank=True)
    period = models.CharField(max_length=7)  # the quarter it happened or was reported in: "2026-Q3"
    potential_harm = models.PositiveSmallIntegerField(default=0)

    what_happened = models.TextField(blank=True)
    potential_harm_text = models.TextField(blank=True)
    how_noticed = models.TextField(blank=True)
    what_would_help = models.TextField(blank=True)

    # What the reviewers coded, as the taxonomy's stable keys (coding), and the risk band.
    factor_codes = models.JSONField(default=list, blank=True)
    error_types = models.JSONField(default=list, blank=True)
    risk_band = models.CharField(max_length=20, blank=True)
    actual_harm = models.PositiveSmallIntegerField(null=True, blank=True)
    themes = models.JSONField(default=list, blank=True)  # theme titles at clearance (intelligence)

    cleared_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    cleared_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")

    class Meta:
        indexes = [models.Index(fields=["organisation", "withdrawn_at", "cleared_at"]),
                   models.Index(fields=["period"])]
        constraints = [models.UniqueConstraint(fields=["origin", "public_id"], name="shared_report_once_per_origin")]

    def __str__(self) -> str:
        return f"shared report {self.public_id}"

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None
