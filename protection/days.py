"""Times kept to the day. The minute an anonymous reporter sent a report or a reply can point to who
was on shift, so it is never stored (ADR 0003): only the day, as local midnight."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone


def day_only(at: datetime) -> datetime:
    """Midnight (local time) of the day `at` falls on."""
    return timezone.localtime(at).replace(hour=0, minute=0, second=0, microsecond=0)


def start_of_today() -> datetime:
    return day_only(timezone.now())
