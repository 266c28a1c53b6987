"""The hub feed's entry point for the rest of sharing: clearance calls `note_change()` whenever a shared
report is cleared, its shareable copy changed, or withdrawn. The sending itself is sharing.feed_sending,
run by the task in sharing.feed_tasks; its sweep finds any change not noted here, so a missed call
delays a report, never loses it."""

from __future__ import annotations

from django.db import transaction

from sharing.feed_sending import sending_enabled
from sharing.feed_tasks import queue_send
from sharing.models import FeedItem, SharedReport


def note_change(shared_report: SharedReport) -> FeedItem | None:
    """Put the report in the outbox; the feed is sent after the caller's transaction commits. None when
    this instance does not send, or the report is a copy received from elsewhere (never sent on)."""
    if shared_report.origin or not sending_enabled():
        return None
    item = FeedItem.objects.create(shared_report=shared_report, withdrawn=shared_report.is_withdrawn)
    transaction.on_commit(queue_send)
    return item
