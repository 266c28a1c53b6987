"""Times on a report's pages, through one filter, so that no page shows an anonymous report's times
finer than they are kept."""

from __future__ import annotations

from datetime import datetime

from django import template
from django.template.defaultfilters import date as date_filter

register = template.Library()


@register.filter
def report_time(value: datetime | None, report) -> str:
    """`{{ message.created_at|report_time:report }}`: the day only on an anonymous report, whose
    reporter's times are kept to the day (ADR 0003), so that staff times beside them cannot narrow
    them down; the day and minute otherwise."""
    if value is None:
        return ""
    return date_filter(value, "j F Y" if report.is_anonymous else "j F Y, H:i")
