from django.conf import settings
from django.db import models


class Theme(models.Model):
    """An emerging theme: a cluster of an organisation's confirmed reports, kept under one identity
    across re-clustering so that a reviewer's name, merge or split stays put."""

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        MERGED = "merged", "Merged into another theme"
        FADED = "faded", "No reports any more"

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    # The clustering's own label (its distinctive terms), recomputed each run; `name` is the reviewer's.
    auto_label = models.CharField(max_length=200, blank=True)
    terms = models.JSONField(default=list, blank=True)
    name = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    merged_into = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    split_from = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    size = models.PositiveIntegerField(default=0)
    representatives = models.JSONField(default=list, blank=True)  # report ids, closest to the centroid first
    centroid = models.BinaryField(blank=True, default=b"")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["organisation", "status"])]

    def __str__(self) -> str:
        return self.name or self.auto_label or f"Theme {self.pk}"

    @property
    def label(self) -> str:
        return str(self)


class ReportTheme(models.Model):
    """A confirmed report's theme after the last clustering (none when it fits no theme). The month
    of submission sits beside it so that counts per theme and month are one indexed GROUP BY."""

    report = models.OneToOneField("reporting.Report", on_delete=models.CASCADE, primary_key=True, related_name="+")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    theme = models.ForeignKey(Theme, null=True, blank=True, on_delete=models.SET_NULL, related_name="memberships")
    month = models.DateField()  # the first day of the month it was submitted (ADR 0003: never finer)

    class Meta:
        indexes = [models.Index(fields=["organisation", "theme", "month"])]

    def __str__(self) -> str:
        return f"Report {self.report_id} in theme {self.theme_id}"


class ThemeDecision(models.Model):
    """A reviewer's edit, kept so that the next clustering honours it: who, when, what."""

    class Kind(models.TextChoices):
        RENAME = "rename", "Renamed"
        MERGE = "merge", "Merged"
        SPLIT = "split", "Split"

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="decisions")
    # The other theme: where a merge went, or the new theme a split made.
    other = models.ForeignKey(Theme, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    detail = models.JSONField(default=dict, blank=True)  # the new name; the report ids a split moved
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["decided_at", "pk"]

    def __str__(self) -> str:
        return f"{self.kind} of theme {self.theme_id}"
