"""Publishing: refused while an identifier remains; once only; every member of staff can read it;
emails carry a link and the title, never report text, and a failed one is retried and recorded."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.test import TestCase
from django.urls import reverse

from learning import bulletin_mail, bulletins
from learning.models import Bulletin, BulletinDelivery
from learning.models.bulletins import BulletinStatus, DeliveryStatus, ItemKind
from organisations.models import Role
from protection.models import AuditEntry
from tests.factories import member, sign_in
from tests.learning.factories_bulletins import confirmed_report, done_action, draft, published

pytestmark = pytest.mark.django_db

EXCERPT = "The referral sat in the shared inbox over the bank holiday weekend."


class FailingBackend(EmailBackend):
    """A mail server that is down: every send fails, as SMTP would."""

    def send_messages(self, messages):
        raise ConnectionRefusedError("the mail server refused the connection")


def _publish(bulletin, by):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return bulletins.publish(bulletin, by=by)


@pytest.fixture
def staff(organisation, reviewer, reporter_user):
    return {"reviewer": reviewer, "reporter": reporter_user, "manager": member(organisation, Role.MANAGER, username="mgr")}


def test_a_bulletin_that_still_names_someone_is_not_published(organisation, reviewer):
    done_action(organisation, "Kerensa Polglase (07700 900461) now checks the handover sheet.")
    bulletin = draft(organisation, by=reviewer)
    with pytest.raises(bulletins.NotPublishable) as refused:
        _publish(bulletin, reviewer)
    assert {f.finding.label for f in refused.value.result.findings} >= {"PERSON", "PHONE"}
    bulletin.refresh_from_db()
    assert bulletin.status == BulletinStatus.DRAFT and not bulletin.deliveries.exists() and mail.outbox == []
    assert AuditEntry.objects.filter(action="bulletin.publish_refused", organisation_id=organisation.pk).exists()


def test_the_publish_page_refuses_and_lists_what_it_found_with_positions(client, organisation, reviewer):
    done_action(organisation, "Kerensa Polglase now checks the handover sheet.")
    bulletin = draft(organisation, by=reviewer)
    sign_in(client, reviewer)
    response = client.post(reverse("learning:bulletin-publish", args=[organisation.slug, bulletin.pk]))
    page = response.content.decode()
    assert response.status_code == 400
    assert "cannot be published yet" in page and "PERSON" in page and "character 0" in page
    assert "Kerensa" not in page  # the finding is shown masked
    bulletin.refresh_from_db()
    assert bulletin.status == BulletinStatus.DRAFT


def test_a_stated_small_count_stops_publishing(organisation, reviewer):
    bulletin = draft(organisation, by=reviewer, introduction="We had 2 reports about the night shift.")
    with pytest.raises(bulletins.NotPublishable) as refused:
        _publish(bulletin, reviewer)
    assert [f.finding.label for f in refused.value.result.findings] == ["SMALL_COUNT"]


def test_publishing_twice_emails_each_member_of_staff_once(organisation, staff):
    done_action(organisation)
    bulletin = draft(organisation, by=staff["reviewer"])
    _publish(bulletin, staff["reviewer"])
    _publish(bulletin, staff["reviewer"])
    bulletin_mail.deliver_due()
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in staff.values())
    assert BulletinDelivery.objects.filter(bulletin=bulletin, status=DeliveryStatus.SENT).count() == 3
    assert AuditEntry.objects.filter(action="bulletin.publish").count() == 1


def test_the_email_carries_the_title_and_a_link_never_report_text(organisation, staff):
    confirmed_report(organisation, EXCERPT, by=staff["reviewer"])
    done_action(organisation, "Key safes fitted at every house.")
    bulletin = draft(organisation, by=staff["reviewer"])
    bulletin.items.filter(kind=ItemKind.REPORT).update(included=True)
    _publish(bulletin, staff["reviewer"])
    assert len(mail.outbox) == 3
    for message in mail.outbox:
        assert "Learning bulletin: March 2026" in message.subject
        assert f"/o/{organisation.slug}/bulletins/{bulletin.pk}/" in message.body
        for words in ("shared inbox", "bank holiday", "Key safes", "What we learned in March"):
            assert words not in message.body and words not in message.subject


def test_a_failed_email_never_stops_publishing_and_is_recorded_and_retried(organisation, staff, settings):
    settings.EMAIL_BACKEND = "tests.learning.test_bulletins_publish.FailingBackend"
    done_action(organisation)
    bulletin = _publish(draft(organisation, by=staff["reviewer"]), staff["reviewer"])
    assert bulletin.status == BulletinStatus.PUBLISHED
    delivery = BulletinDelivery.objects.get(bulletin=bulletin, recipient=staff["reporter"].email)
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.RETRYING, 1)
    assert "refused the connection" in delivery.last_error
    # Not again before its wait is over; then again, with a longer wait after each failure.
    assert bulletin_mail.deliver_due() == 0 and BulletinDelivery.objects.get(pk=delivery.pk).attempts == 1
    first_wait = delivery.next_attempt_at
    bulletin_mail.deliver_due(now=first_wait)
    delivery.refresh_from_db()
    assert delivery.attempts == 2 and delivery.next_attempt_at - first_wait == bulletin_mail.wait_after(2)
    # The mail server is back: the periodic sweep sends it, once.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    from learning.bulletin_tasks import retry_bulletin_emails

    later = delivery.next_attempt_at + dt.timedelta(seconds=1)
    assert bulletin_mail.deliver_due(now=later) == 3
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_error) == (DeliveryStatus.SENT, 3, "")
    retry_bulletin_emails.call()
    assert len(mail.outbox) == 3


def test_an_email_that_keeps_failing_is_given_up_and_says_why(organisation, staff, settings):
    settings.EMAIL_BACKEND = "tests.learning.test_bulletins_publish.FailingBackend"
    bulletin = _publish(draft(organisation, by=staff["reviewer"]), staff["reviewer"])
    delivery = bulletin.deliveries.first()
    for _attempt in range(bulletin_mail.MAX_ATTEMPTS + 2):
        delivery.refresh_from_db()
        bulletin_mail.deliver_due(now=delivery.next_attempt_at)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.FAILED, bulletin_mail.MAX_ATTEMPTS)
    assert "ConnectionRefusedError" in delivery.last_error


def test_every_member_of_staff_reads_the_published_page(client, organisation, staff):
    done_action(organisation, "Key safes fitted at every house.")
    bulletin = published(organisation, by=staff["reviewer"])
    sign_in(client, staff["reporter"])
    page = client.get(reverse("learning:bulletin", args=[organisation.slug, bulletin.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Learning bulletin: March 2026" in text and "Key safes fitted at every house." in text
    listing = client.get(reverse("learning:bulletins", args=[organisation.slug])).content.decode()
    assert "Learning bulletin: March 2026" in listing


def test_a_draft_does_not_exist_for_staff_who_do_not_publish(client, organisation, staff):
    bulletin = draft(organisation, by=staff["reviewer"], title="Secret draft")
    sign_in(client, staff["reporter"])
    assert client.get(reverse("learning:bulletin", args=[organisation.slug, bulletin.pk])).status_code == 404
    assert "Secret draft" not in client.get(reverse("learning:bulletins", args=[organisation.slug])).content.decode()


def test_another_organisations_bulletin_is_never_found(client, organisation, other_organisation, staff):
    bulletin = published(organisation, by=staff["reviewer"])
    outsider = member(other_organisation, Role.REVIEWER, username="outsider")
    sign_in(client, outsider)
    for name in ("learning:bulletin", "learning:bulletin-pdf", "learning:bulletin-check"):
        assert client.get(reverse(name, args=[organisation.slug, bulletin.pk])).status_code == 404
        assert client.get(reverse(name, args=[other_organisation.slug, bulletin.pk])).status_code == 404
    assert bulletins.bulletin_in(other_organisation.pk, bulletin.pk) is None


def test_a_withdrawn_bulletin_is_no_longer_read_and_its_unsent_emails_stop(client, organisation, staff, settings):
    settings.EMAIL_BACKEND = "tests.learning.test_bulletins_publish.FailingBackend"
    bulletin = published(organisation, by=staff["reviewer"])
    bulletins.withdraw(bulletin, by=staff["reviewer"])
    sign_in(client, staff["reporter"])
    assert client.get(reverse("learning:bulletin", args=[organisation.slug, bulletin.pk])).status_code == 404
    assert set(bulletin.deliveries.values_list("status", flat=True)) == {DeliveryStatus.FAILED}
    assert Bulletin.objects.get(pk=bulletin.pk).status == BulletinStatus.WITHDRAWN


def test_the_published_page_shows_what_was_published_not_later_edits(organisation, staff):
    done_action(organisation, "Key safes fitted at every house.")
    bulletin = published(organisation, by=staff["reviewer"])
    with pytest.raises(bulletins.NotADraft):
        bulletins.edit_draft(bulletin, title="Changed", introduction="", items={}, by=staff["reviewer"])
    assert bulletin.snapshot["sections"][0]["items"][0]["text"] == "Key safes fitted at every house."
