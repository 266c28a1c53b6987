"""Factories for learning bulletins: a finished action, a theme with reports in it, a bulletin."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from intelligence.models import ReportTheme, Theme
from learning import bulletins
from learning.models import Action
from learning.models.actions import ActionStatus
from tests.factories import readable_report, report

PERIOD = (dt.date(2026, 3, 1), dt.date(2026, 3, 31))


def done_action(organisation, description="Handover sheets now list every visit due in the next 24 hours.",
                *, done_on: dt.date = dt.date(2026, 3, 12), status=ActionStatus.DONE, by=None) -> Action:
    done_at = timezone.make_aware(dt.datetime.combine(done_on, dt.time(11, 0)))
    return Action.objects.create(organisation=organisation, description=description, level="practice", status=status,
                                 done_at=done_at, created_by=by)


def theme_with_reports(organisation, label="Missed handovers", *, reports: int = 6, month=dt.date(2026, 3, 1)) -> Theme:
    theme = Theme.objects.create(organisation=organisation, auto_label=label, size=reports)
    for n in range(reports):
        submitted = report(organisation, f"The handover on shift {n} did not mention the evening visit.").report
        ReportTheme.objects.create(report=submitted, organisation=organisation, theme=theme, month=month)
    return theme


def confirmed_report(organisation, text: str, *, by, submitted_on: dt.date = dt.date(2026, 3, 10)):
    """A readable report, dated inside the period."""
    from reporting.models import Report

    confirmed = readable_report(organisation, text, by=by)
    Report.objects.filter(pk=confirmed.pk).update(
        submitted_at=timezone.make_aware(dt.datetime.combine(submitted_on, dt.time(9, 0))))
    return confirmed


def draft(organisation, *, by, title="Learning bulletin: March 2026", introduction="What we learned in March.",
          period=PERIOD):
    bulletin = bulletins.propose_draft(organisation, title=title, period_start=period[0], period_end=period[1], by=by)
    bulletin.introduction = introduction
    bulletin.save(update_fields=["introduction"])
    return bulletin


def published(organisation, *, by, **kwargs):
    from django.test import TestCase

    bulletin = draft(organisation, by=by, **kwargs)
    with TestCase.captureOnCommitCallbacks(execute=True):
        return bulletins.publish(bulletin, by=by)
