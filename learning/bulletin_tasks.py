"""Background work for learning bulletins, through Django's tasks API."""

from __future__ import annotations

import logging

from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def send_bulletin_emails(bulletin_id: int) -> int:
    """Queued when a bulletin is published: email its staff list; returns how many were sent."""
    from learning import bulletin_mail

    return bulletin_mail.deliver_due(bulletin_id)


@task()
def retry_bulletin_emails() -> int:
    """Periodic: send every bulletin email whose retry is due (and any whose queueing failed)."""
    from learning import bulletin_mail

    return bulletin_mail.deliver_due()


def queue_delivery(bulletin_id: int) -> None:
    """After publishing commits: hand the emails to a task. If even queueing fails, the periodic
    sweep (retry_bulletin_emails) finds the pending rows later; publishing is never undone by it."""
    try:
        send_bulletin_emails.enqueue(bulletin_id)
    except Exception:
        logger.exception("Could not queue the emails of bulletin %s; the periodic sweep will send them", bulletin_id)
