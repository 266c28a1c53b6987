"""Overdue actions remind their owners by email, at most once every GOODCATCH_ACTION_REMINDER_EVERY_DAYS.

The email carries no description and no report text: only that an action they own is overdue, its due
date and a link (the page behind it asks them to sign in). A failed send is recorded on the day's
ActionReminder and retried by the next runs of the task with a growing wait, up to
GOODCATCH_ACTION_REMINDER_MAX_ATTEMPTS; it never reaches anyone's request, since only the task sends.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .actions import OPEN
from .models.actions import Action, ActionReminder

logger = logging.getLogger(__name__)


def every_days() -> int:
    return settings.GOODCATCH_ACTION_REMINDER_EVERY_DAYS


def max_attempts() -> int:
    return settings.GOODCATCH_ACTION_REMINDER_MAX_ATTEMPTS


def backoff(attempts: int) -> dt.timedelta:
    """The wait after the n-th failure: 5, 10, 20, 40... minutes (GOODCATCH_ACTION_REMINDER_BACKOFF_MINUTES)."""
    return dt.timedelta(minutes=settings.GOODCATCH_ACTION_REMINDER_BACKOFF_MINUTES * 2 ** max(0, attempts - 1))


def action_link(action: Action) -> str:
    path = reverse("learning:action", kwargs={"org_slug": action.organisation.slug, "action_id": action.pk})
    return settings.GOODCATCH_PUBLIC_URL.rstrip("/") + path


def message_for(action: Action) -> tuple[str, str]:
    """Subject and body: nothing from the action or its reports but its due date and its link."""
    subject = _("An action you own is overdue")
    body = _("An action you own was due on %(due)s and is not done yet.\n\nOpen it to update it: %(link)s\n\n"
             "You are receiving this because you own the action in Good Catch.") % {
        "due": action.due_date.strftime("%-d %B %Y") if action.due_date else "", "link": action_link(action)}
    return subject, body


def overdue(today: dt.date) -> list[Action]:
    return list(Action.objects.filter(status__in=OPEN, due_date__lt=today, owner__isnull=False)
                .exclude(owner__email="").select_related("owner", "organisation"))


def _reminder_for(action: Action, today: dt.date, now: dt.datetime) -> ActionReminder | None:
    """Today's reminder to try now, or None: sent recently, given up on, or waiting for its backoff."""
    last = ActionReminder.objects.filter(action=action).order_by("-sent_on", "-pk").first()
    if last is not None and (today - last.sent_on).days < every_days():
        if last.sent_at is None and last.attempts < max_attempts() and (
                last.next_attempt_at is None or last.next_attempt_at <= now):
            return last  # a failed one, due for its retry
        return None
    try:
        with transaction.atomic():
            return ActionReminder.objects.create(action=action, sent_on=today)
    except IntegrityError:  # another run made today's a moment ago
        return None


def attempt(reminder: ActionReminder, now: dt.datetime) -> bool:
    """Send once; record the result either way. Never raises."""
    action = reminder.action
    subject, body = message_for(action)
    reminder.attempts += 1
    try:
        send_mail(subject, body, None, [action.owner.email], fail_silently=False)
    except Exception as exc:  # any backend's failure: SMTP, DNS, a refused address
        reminder.last_error = f"{type(exc).__name__}: {exc}"[:500]
        reminder.next_attempt_at = now + backoff(reminder.attempts)
        reminder.save(update_fields=["attempts", "last_error", "next_attempt_at"])
        logger.warning("Reminder for action %s failed (attempt %s): %s", action.pk, reminder.attempts,
                       type(exc).__name__)
        return False
    reminder.sent_at, reminder.next_attempt_at = now, None
    reminder.save(update_fields=["attempts", "sent_at", "next_attempt_at"])
    return True


def remind_overdue(now: dt.datetime | None = None) -> int:
    """Remind the owner of every overdue open action that is due a reminder; returns how many were sent."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    sent = 0
    for action in overdue(today):
        reminder = _reminder_for(action, today, now)
        if reminder is not None:
            reminder.action = action
            sent += attempt(reminder, now)
    return sent


def reminders_of(action: Action) -> list[ActionReminder]:
    return list(action.reminders.all()[:10])
