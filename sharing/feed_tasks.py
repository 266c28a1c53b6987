"""Background work for the hub feed, through Django's tasks API (GOODCATCH_PERIODIC_TASKS).

The periodic run is the retry: after a failure, sharing.feed_sending waits out its backoff, and the
first run due after it sends again, from the first item the hub has not acknowledged."""

from __future__ import annotations

import logging

from django_tasks import task

from sharing import feed_sending

logger = logging.getLogger(__name__)


@task()
def send_feed() -> dict:
    """Send this instance's unacknowledged feed items to the hub; a no-op unless it sends to one."""
    result = feed_sending.send_due()
    return {"outcome": result.outcome, "acknowledged": result.acknowledged, "refused": len(result.refused),
            "error": result.error}


def queue_send() -> None:
    """Hand the sending to a task; if even queueing fails, the periodic run sends it later."""
    try:
        send_feed.enqueue()
    except Exception:
        logger.exception("Could not queue the hub feed; the periodic run will send it")
