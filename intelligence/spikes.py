"""Spike alerts: weekly counts per contributing factor, theme, service area and stage, checked against
control limits (intelligence.spc), stored as `SpikeAlert`s and shown with suppressed numbers.

Counts are made by SQL (GROUP BY week, with `TruncWeek`, on SQLite and PostgreSQL alike); only the
per-week totals come into Python. Weeks are those of submission, which anonymous reports keep to the
day (ADR 0003), so weekly buckets lose nothing. The current week counts as far as it has gone: a
partial week can only under-count, so it never raises a false alarm by being partial.

What an alert may say, with small-number suppression: an alert means the count broke its upper
limit, so showing the limit (or the expectation it is made from) next to a hidden count would narrow
"<5" to one or two values. So when the count is under k, the message hides the expectation too and
says only that there were more than usual; and when the baseline was estimated from fewer than k
reports, the expectation is itself a small count and is hidden. An alert still tells a reader that
the count was at least the detector's `min_observed`, so that is set to min(3, k − 2): a hidden count
then always keeps at least two possible values ({3, 4} when k = 5, {2, 3} when k = 4, {1, 2} when
k = 3).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from django.db import transaction
from django.db.models import Count
from django.db.models.functions import TruncWeek
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coding import series as coding_series
from protection.suppression import suppress_count, suppression_k
from reporting import services as reporting
from reporting.choices import ServiceArea, Stage

from . import spc, themes
from .models import SpikeAlert

WEEK = dt.timedelta(days=7)
# How far back an alert still counts as current: its week or the three before it.
CURRENT_WEEKS = 4
# The EWMA's alert is described by the reports of the last four weeks ("this month").
DRIFT_SPAN = 4


def monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _as_date(value: dt.datetime | dt.date) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


# -- detection on plain series (also what `manage.py detect_spikes` runs) ----------------------------


@dataclass(frozen=True)
class WeekAlarm:
    week: dt.date
    alarm: spc.Alarm
    baseline_reports: int    # reports the baseline was estimated from
    recent: int              # reports in the span the message describes
    recent_expected: float
    recent_weeks: int


def alarms_for(weeks: Sequence[dt.date], counts: np.ndarray, detector: spc.Detector | None = None) -> list[list[WeekAlarm]]:
    """Run the detector over series that share these consecutive weeks (counts: series × weeks)."""
    detector = detector or spc.Detector()
    counts = np.atleast_2d(np.asarray(counts, dtype=float))
    result = spc.detect(counts, detector)
    out: list[list[WeekAlarm]] = []
    for i, alarms in enumerate(result.alarms):
        rows = []
        for alarm in alarms:
            total, used = spc.trailing_baseline(counts[i:i + 1], result.alarmed[i:i + 1], alarm.week, detector.baseline)
            mean = float(total[0] / max(used[0], 1))
            span = alarm.weeks if alarm.rule != spc.RULE_EWMA else min(DRIFT_SPAN, alarm.week + 1)
            recent = int(counts[i, alarm.week + 1 - span:alarm.week + 1].sum())
            rows.append(WeekAlarm(weeks[alarm.week], alarm, int(total[0]), recent, mean * span, span))
        out.append(rows)
    return out


# -- the organisation's series ------------------------------------------------------------------------


@dataclass(frozen=True)
class Series:
    key: str     # "factor:<code key>", "service_area:<value>", "stage:<value>", "theme:<id>"
    label: str
    counts: dict[dt.date, int]  # Monday -> reports; weeks with none are absent


def _field_series(organisation_id: int, field: str, labels: dict[str, str], prefix: str) -> list[Series]:
    rows = (reporting.reports_for_organisation(organisation_id).exclude(**{field: ""})
            .annotate(week=TruncWeek("submitted_at")).values(field, "week")
            .annotate(reports=Count("pk")).order_by(field, "week"))
    found: dict[str, dict[dt.date, int]] = {}
    for row in rows:
        found.setdefault(row[field], {})[_as_date(row["week"])] = row["reports"]
    return [Series(f"{prefix}:{value}", f"{_PREFIX_LABELS[prefix]}: {labels.get(value, value)}", counts)
            for value, counts in found.items()]


_PREFIX_LABELS = {"service_area": gettext_lazy("Service area"), "stage": gettext_lazy("Stage")}


def _factor_series(organisation_id: int) -> list[Series]:
    found: dict[str, Series] = {}
    for row in coding_series.weekly_factor_counts(organisation_id):
        series = found.setdefault(row.key, Series(f"factor:{row.key}", f"{_('Contributing factor')}: {row.name}", {}))
        series.counts[row.week] = row.reports
    return list(found.values())


def theme_series(organisation_id: int) -> list[Series]:
    """Weekly report counts per active theme (intelligence.themes)."""
    return [Series(f"theme:{theme.pk}", f"{_('Theme')}: {theme.label}", counts)
            for theme, counts in themes.weekly_counts(organisation_id)]


def weekly_series(organisation_id: int) -> list[Series]:
    return [*_factor_series(organisation_id), *theme_series(organisation_id),
            *_field_series(organisation_id, "service_area", dict(ServiceArea.choices), "service_area"),
            *_field_series(organisation_id, "stage", dict(Stage.choices), "stage")]


def _week_range(series: Iterable[Series], today: dt.date) -> list[dt.date]:
    first = min((week for s in series for week in s.counts), default=None)
    if first is None:
        return []
    last = monday(today)
    return [first + WEEK * i for i in range((last - first).days // 7 + 1)]


# -- running it and storing alerts ---------------------------------------------------------------------


def run_detection(organisation_id: int, *, today: dt.date | None = None, detector: spc.Detector | None = None) -> int:
    """Recompute the organisation's alerts from its weekly counts; returns how many weeks alarmed.

    Alerts are derived data: codings added later change past weeks' factor counts, so the whole set
    is replaced each run (in one transaction, so a page never sees it half-written)."""
    today = today or timezone.localdate()
    detector = detector or spc.Detector(min_observed=min(3, suppression_k() - 2))
    all_series = weekly_series(organisation_id)
    weeks = _week_range(all_series, today)
    alerts: list[SpikeAlert] = []
    if weeks and all_series:
        counts = np.array([[s.counts.get(week, 0) for week in weeks] for s in all_series])
        for s, alarms in zip(all_series, alarms_for(weeks, counts, detector), strict=True):
            for found in alarms:
                alerts.append(SpikeAlert(
                    organisation_id=organisation_id, series_key=s.key[:200], series_label=s.label[:300],
                    week=found.week, weeks=found.alarm.weeks, observed=found.alarm.observed,
                    expected=round(found.alarm.expected, 3), upper=found.alarm.upper, rule=found.alarm.rule,
                    baseline_reports=found.baseline_reports, message=message(s.label, found)[:500]))
    with transaction.atomic():
        SpikeAlert.objects.filter(organisation_id=organisation_id).delete()
        SpikeAlert.objects.bulk_create(alerts)
    return len(alerts)


def message(label: str, found: WeekAlarm, *, k: int | None = None) -> str:
    """The plain-language sentence, with its numbers suppressed (see the module docstring)."""
    k = k or suppression_k()
    end = found.week + WEEK - dt.timedelta(days=1)
    if found.recent_weeks == 1:
        span = _("in the week of %(date)s") % {"date": date_format(found.week, "j F Y")}
    else:
        span = _("in the %(n)s weeks to %(date)s") % {"n": found.recent_weeks, "date": date_format(end, "j F Y")}
    shown = suppress_count(found.recent, k=k)
    if shown.suppressed:
        return _("%(label)s: more reports than usual %(span)s (fewer than %(k)s, so the numbers are hidden "
                 "to protect reporters)") % {"label": label, "span": span, "k": k}
    if found.baseline_reports < k:
        return _("%(label)s: %(count)s %(span)s, more than usual") % {"label": label, "count": shown, "span": span}
    expected = found.recent_expected
    return _("%(label)s: %(count)s %(span)s, expected %(expected)s ± %(spread)s") % {
        "label": label, "count": shown, "span": span, "expected": _round(expected),
        "spread": max(1, _round(math.sqrt(expected)))}


def _round(value: float) -> int:
    return int(math.floor(value + 0.5))


# -- reading alerts ------------------------------------------------------------------------------------


RULE_NAMES = {
    spc.RULE_WEEK: gettext_lazy("One week above its limit"),
    spc.RULE_SCAN2: gettext_lazy("Two weeks together above their limit"),
    spc.RULE_SCAN3: gettext_lazy("Three weeks together above their limit"),
    spc.RULE_EWMA: gettext_lazy("A steady rise over several weeks"),
}


@dataclass(frozen=True)
class CurrentAlert:
    pk: int
    series_key: str
    label: str
    week: dt.date
    rule: str
    rule_name: str
    message: str


def current_alerts(organisation_id: int, *, today: dt.date | None = None) -> list[CurrentAlert]:
    """The organisation's alerts of the last four weeks, the newest week of each series, newest first.
    For pages and the dashboard: the message's numbers are already suppressed."""
    since = monday(today or timezone.localdate()) - WEEK * (CURRENT_WEEKS - 1)
    newest: dict[str, SpikeAlert] = {}
    for alert in SpikeAlert.objects.filter(organisation_id=organisation_id, week__gte=since).order_by("-week", "series_key"):
        newest.setdefault(alert.series_key, alert)
    return [CurrentAlert(a.pk, a.series_key, a.series_label, a.week, a.rule, str(RULE_NAMES.get(a.rule, a.rule)), a.message)
            for a in newest.values()]


def reports_behind(organisation_id: int, alert: CurrentAlert) -> list[str]:
    """References of the reports the alert is about: the series' reports in the weeks it describes."""
    stored = SpikeAlert.objects.get(pk=alert.pk, organisation_id=organisation_id)
    span = DRIFT_SPAN if stored.rule == spc.RULE_EWMA else stored.weeks
    start = _local_midnight(stored.week - WEEK * (span - 1))
    end = _local_midnight(stored.week + WEEK)
    kind, _sep, value = stored.series_key.partition(":")
    reports = reporting.reports_for_organisation(organisation_id).filter(submitted_at__gte=start, submitted_at__lt=end)
    if kind in ("service_area", "stage"):
        reports = reports.filter(**{kind: value})
    elif kind == "factor":
        reports = reports.filter(pk__in=coding_series.reports_with_factor(organisation_id, value, start, end))
    elif kind == "theme" and value.isdigit():
        reports = reports.filter(pk__in=themes.report_ids_query(organisation_id, int(value)))
    else:
        return []
    return list(reports.order_by("submitted_at", "pk").values_list("reference", flat=True))


def _local_midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def alerts_between(organisation_id: int, start: dt.date, end: dt.date) -> list[CurrentAlert]:
    """The organisation's alerts for weeks starting from `start` to `end`, oldest first, for a learning
    bulletin's draft. Their messages' numbers are already suppressed."""
    found = SpikeAlert.objects.filter(organisation_id=organisation_id, week__gte=monday(start), week__lte=end)
    return [CurrentAlert(a.pk, a.series_key, a.series_label, a.week, a.rule, str(RULE_NAMES.get(a.rule, a.rule)), a.message)
            for a in found.order_by("week", "series_key")]
