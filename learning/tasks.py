"""Background work for learning, through Django's tasks API (GOODCATCH_PERIODIC_TASKS)."""

from __future__ import annotations

from django_tasks import task

from learning.bulletin_tasks import retry_bulletin_emails, send_bulletin_emails  # noqa: F401  (bulletins keep theirs)


@task()
def remind_overdue_actions() -> int:
    """Email the owners of overdue actions (at most once a period each) and retry failed emails after
    their backoff; returns how many were sent."""
    from learning import reminders

    return reminders.remind_overdue()


@task()
def review_action_effectiveness() -> int:
    """Compute the effectiveness review of every action done for the review period; returns how many."""
    from learning import effectiveness

    return effectiveness.review_due()
