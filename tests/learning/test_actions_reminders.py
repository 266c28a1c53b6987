"""Overdue actions remind their owners: once a day at most, with only a link and a due date, never the
action's words or a report's; a failed email is recorded, retried after a wait, and never raised."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from learning import reminders
from learning.models.actions import ActionReminder
from learning.tasks import remind_overdue_actions
from tests.factories import readable_report
from tests.learning.factories_actions import manager_in, new_action

pytestmark = pytest.mark.django_db
REPORT_TEXT = "The hospital discharge letter for the Friday visit never reached the duty social worker."
DESCRIPTION = "Make the discharge referral form refuse to submit until the duty social worker is named."


@pytest.fixture(autouse=True)
def _mail(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.GOODCATCH_PUBLIC_URL = "https://goodcatch.example.org"
    settings.GOODCATCH_ACTION_REMINDER_EVERY_DAYS = 1
    settings.GOODCATCH_ACTION_REMINDER_MAX_ATTEMPTS = 3
    settings.GOODCATCH_ACTION_REMINDER_BACKOFF_MINUTES = 5


@pytest.fixture
def owner(organisation):
    return manager_in(organisation, username="owner", email="owner@example.org")


@pytest.fixture
def overdue(organisation, owner, reviewer):
    linked = readable_report(organisation, REPORT_TEXT, by=reviewer)
    return new_action(organisation, owner, description=DESCRIPTION, owner_id=owner.pk,
                      due_date=timezone.localdate() - timedelta(days=2), report_references=[linked.reference])


def test_the_owner_gets_a_link_and_a_due_date_and_no_text(overdue, owner):
    assert remind_overdue_actions.call() == 1
    [email] = mail.outbox
    assert email.to == [owner.email]
    assert email.subject == "An action you own is overdue"
    assert f"https://goodcatch.example.org/o/{overdue.organisation.slug}/actions/{overdue.pk}/" in email.body
    assert overdue.due_date.strftime("%-d %B %Y") in email.body
    whole = email.subject + email.body + "".join(str(a) for a in email.alternatives)
    for words in (REPORT_TEXT, DESCRIPTION, "discharge", "social worker", "Friday", overdue.description[:30]):
        assert words not in whole
    reminder = ActionReminder.objects.get(action=overdue)
    assert reminder.sent_at is not None and reminder.attempts == 1


def test_at_most_one_reminder_a_day(overdue):
    morning = timezone.localtime().replace(hour=9, minute=0)  # three hours later is still the same day
    reminders.remind_overdue(morning)
    reminders.remind_overdue(morning + timedelta(hours=3))
    assert len(mail.outbox) == 1
    reminders.remind_overdue(morning + timedelta(days=1))
    assert len(mail.outbox) == 2


def test_actions_not_overdue_or_finished_are_left_alone(organisation, owner):
    new_action(organisation, owner, owner_id=owner.pk, due_date=timezone.localdate() + timedelta(days=1))
    done = new_action(organisation, owner, owner_id=owner.pk, due_date=timezone.localdate() - timedelta(days=5))
    type(done).objects.filter(pk=done.pk).update(status="done")
    assert reminders.remind_overdue() == 0
    assert mail.outbox == []


def test_a_failed_email_is_recorded_retried_after_a_wait_and_never_raised(overdue, settings):
    settings.EMAIL_BACKEND = "tests.learning.factories_actions.FailingBackend"
    start = timezone.localtime().replace(hour=9, minute=0)  # the retries below all fall on the same day
    assert reminders.remind_overdue(start) == 0  # no exception reaches the caller
    reminder = ActionReminder.objects.get(action=overdue)
    assert reminder.attempts == 1 and reminder.sent_at is None
    assert "ConnectionRefusedError" in reminder.last_error
    assert reminder.next_attempt_at == start + timedelta(minutes=5)

    reminders.remind_overdue(start + timedelta(minutes=2))  # too soon: waits for its backoff
    reminder.refresh_from_db()
    assert reminder.attempts == 1

    reminders.remind_overdue(start + timedelta(minutes=6))
    reminder.refresh_from_db()
    assert reminder.attempts == 2 and reminder.next_attempt_at == start + timedelta(minutes=6 + 10)

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert reminders.remind_overdue(start + timedelta(minutes=17)) == 1
    reminder.refresh_from_db()
    assert reminder.attempts == 3 and reminder.sent_at is not None
    assert ActionReminder.objects.filter(action=overdue).count() == 1
    assert len(mail.outbox) == 1


def test_retries_stop_after_the_last_attempt(overdue, settings):
    settings.EMAIL_BACKEND = "tests.learning.factories_actions.FailingBackend"
    start = timezone.localtime().replace(hour=9, minute=0)  # two hours later is still the same day
    for minutes in (0, 10, 30, 60, 120):
        reminders.remind_overdue(start + timedelta(minutes=minutes))
    reminder = ActionReminder.objects.get(action=overdue)
    assert reminder.attempts == 3 and reminder.sent_at is None


def test_a_failing_mail_server_never_blocks_moving_the_action(client, overdue, owner, settings):
    from django.urls import reverse

    from tests.factories import sign_in

    settings.EMAIL_BACKEND = "tests.learning.factories_actions.FailingBackend"
    sign_in(client, owner)
    url = reverse("learning:action-move", kwargs={"org_slug": overdue.organisation.slug, "action_id": overdue.pk})
    assert client.post(url, {"status": "agreed"}).status_code == 302
    reminders.remind_overdue()
    page = client.get(reverse("learning:action", kwargs={"org_slug": overdue.organisation.slug, "action_id": overdue.pk}))
    assert "not sent after 1 attempt" in page.content.decode()
