"""Background work for the hub feed and the hub's learning, through Django's tasks API
(GOODCATCH_PERIODIC_TASKS).

The periodic run is the retry: after a failure, sharing.feed_sending waits out its backoff, and the
first run due after it sends again, from the first item the hub has not acknowledged. Fetching the
hub's published learning (sharing.hub_library) backs off the same way."""

from __future__ import annotations

import logging

from django_tasks import task

from sharing import feed_sending, hub_library

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


@task()
def fetch_hub_library() -> dict:
    """Replace this instance's copy of the hub's published learning; a no-op unless it sends to a hub."""
    result = hub_library.fetch_due()
    return {"outcome": result.outcome, "items": result.items, "left_out": result.left_out, "error": result.error}
