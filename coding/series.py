"""Weekly counts of coded contributing factors, for spike detection (intelligence.spikes).

A report counts once for a factor in the week it was submitted, however many reviewers coded that
factor on it (a report coded twice for agreement is still one report). Counted by SQL: the week is
bucketed with `TruncWeek`, which works on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count
from django.db.models.functions import TruncWeek

from .models import CodedFactor


@dataclass(frozen=True)
class FactorWeek:
    key: str
    name: str
    week: dt.date  # the Monday
    reports: int


def _monday(value: dt.datetime | dt.date) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def weekly_factor_counts(organisation_id: int) -> list[FactorWeek]:
    """Reports per coded factor per week of submission, for one organisation; weeks with none are absent."""
    rows = (CodedFactor.objects.filter(coding__organisation_id=organisation_id)
            .annotate(week=TruncWeek("coding__report__submitted_at"))
            .values("code__key", "code__name", "week")
            .annotate(reports=Count("coding__report", distinct=True))
            .order_by("code__key", "week"))
    return [FactorWeek(row["code__key"], row["code__name"], _monday(row["week"]), row["reports"]) for row in rows]


def reports_with_factor(organisation_id: int, key: str, start: dt.datetime, end: dt.datetime) -> list[int]:
    """Ids of the organisation's reports submitted in [start, end) with this factor coded by anyone."""
    return list(CodedFactor.objects.filter(coding__organisation_id=organisation_id, code__key=key,
                                           coding__report__submitted_at__gte=start,
                                           coding__report__submitted_at__lt=end)
                .order_by("coding__report_id").values_list("coding__report_id", flat=True).distinct())
