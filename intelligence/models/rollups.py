"""Monthly rollups of the dashboard's counts (intelligence.rollups explains how they stay exact).

Each row counts one month of one organisation's reports for one combination of type, service area
and stage; "*" in one of those columns means every value (the row is the sum over it), so that any
mix of filters reads a small slice instead of summing the finest rows. Rows are added up when read:
a key may appear more than once until its month is compacted.
"""

from __future__ import annotations

from django.db import models

ALL = "*"


class RollupState(models.Model):
    """How far an organisation's rollups have counted: every report, coding and reviewer message
    with an id up to these marks is in them, none after."""

    organisation = models.OneToOneField("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    reports_up_to = models.BigIntegerField(default=0)
    codings_up_to = models.BigIntegerField(default=0)
    messages_up_to = models.BigIntegerField(default=0)
    time_zone = models.CharField(max_length=64)  # months are months in this zone
    built_at = models.DateTimeField(auto_now=True)


class _Slice(models.Model):
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    month = models.DateField()  # the first day
    kind = models.CharField(max_length=30)
    service_area = models.CharField(max_length=30)
    stage = models.CharField(max_length=30)
    n = models.IntegerField()

    class Meta:
        abstract = True


class ReportRollup(_Slice):
    """Reports sent, by month and type (type is never "*": the chart splits by it)."""

    class Meta:
        indexes = [models.Index(fields=["organisation", "service_area", "stage", "month"],
                                name="intel_rollup_reports_slice")]


class FactorRollup(_Slice):
    """Contributing factors on reports' first codings."""

    code_id = models.BigIntegerField()  # coding's Code (an id, not a key: codes are renamed)
    failure = models.CharField(max_length=10)

    class Meta:
        indexes = [models.Index(fields=["organisation", "kind", "service_area", "stage", "month"],
                                name="intel_rollup_factors_slice")]


class RiskRollup(_Slice):
    """Reports' first codings on the risk matrix."""

    consequence = models.PositiveSmallIntegerField()
    likelihood = models.PositiveSmallIntegerField()

    class Meta:
        indexes = [models.Index(fields=["organisation", "kind", "service_area", "stage", "month"],
                                name="intel_rollup_risk_slice")]


class FeedbackRollup(_Slice):
    """Reports by whole days to a reviewer's first message."""

    days = models.IntegerField()

    class Meta:
        indexes = [models.Index(fields=["organisation", "kind", "service_area", "stage", "month"],
                                name="intel_rollup_feedback_slice")]
