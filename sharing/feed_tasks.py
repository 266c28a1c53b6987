"""Background work for the hub feed, through Django's tasks API (GOODCATCH_PERIODIC_TASKS).

The periodic run is the retry: after a failure, sharing.feeds waits out its backoff and the next run
due after it sends again, from the first item the hub has not acknowledged."""

from __future__ import annotations

from django_tasks import task


@task()
def send_feed() -> dict:
    """Send this instance's unacknowledged feed items to the hub; a no-op unless it sends to one."""
    from sharing import feeds

    result = feeds.send_due()
    return {"outcome": result.outcome, "acknowledged": result.acknowledged, "refused": len(result.refused),
            "error": result.error}
