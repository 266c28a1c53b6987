"""Emails about a published bulletin: one per member of staff, with its title and a link, never its
text (a report excerpt in a mailbox would outlive a withdrawal and travel beyond the organisation).

Each email is a BulletinDelivery row. A failure is recorded on the row and tried again later with a
growing wait, up to MAX_ATTEMPTS; nothing here ever raises into the request that published.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from learning.models import Bulletin, BulletinDelivery
from learning.models.bulletins import BulletinStatus, DeliveryStatus

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
FIRST_WAIT = dt.timedelta(minutes=5)  # then 10, 20, 40 and 80 minutes
DUE = (DeliveryStatus.PENDING, DeliveryStatus.RETRYING)


def link_to(bulletin: Bulletin) -> str:
    path = reverse("learning:bulletin", kwargs={"org_slug": bulletin.organisation.slug, "bulletin_id": bulletin.pk})
    return settings.GOODCATCH_PUBLIC_URL.rstrip("/") + path


def message_for(bulletin: Bulletin) -> tuple[str, str]:
    """The subject and body: the title and a link, nothing from the bulletin's items."""
    subject = _("Learning bulletin: %(title)s") % {"title": bulletin.title}
    body = render_to_string("learning/bulletins/email.txt", {"bulletin": bulletin, "link": link_to(bulletin)})
    return subject, body


def wait_after(attempts: int) -> dt.timedelta:
    return FIRST_WAIT * (2 ** max(0, attempts - 1))


def _claim(delivery_id: int, now: dt.datetime) -> BulletinDelivery | None:
    """Take one due delivery for this worker: counted as an attempt before it is sent, so that two
    workers never send the same email and a crash mid-send is not retried for ever."""
    with transaction.atomic():
        delivery = (BulletinDelivery.objects.select_for_update().select_related("bulletin__organisation")
                    .filter(pk=delivery_id, status__in=DUE, next_attempt_at__lte=now).first())
        if delivery is None:
            return None
        delivery.attempts += 1
        # If this worker dies while sending, the email is due again after the wait, not at once.
        delivery.status, delivery.next_attempt_at = DeliveryStatus.RETRYING, now + wait_after(delivery.attempts)
        delivery.save(update_fields=["attempts", "status", "next_attempt_at"])
        return delivery


def _send(delivery: BulletinDelivery) -> bool:
    bulletin = delivery.bulletin
    if bulletin.status != BulletinStatus.PUBLISHED:
        BulletinDelivery.objects.filter(pk=delivery.pk).update(status=DeliveryStatus.FAILED,
                                                               last_error="The bulletin is no longer published.")
        return False
    subject, body = message_for(bulletin)
    try:
        send_mail(subject, body, None, [delivery.recipient], fail_silently=False)
    except Exception as error:  # any failure of the mail server is recorded and retried, never raised
        gave_up = delivery.attempts >= MAX_ATTEMPTS
        BulletinDelivery.objects.filter(pk=delivery.pk).update(
            status=DeliveryStatus.FAILED if gave_up else DeliveryStatus.RETRYING,
            last_error=f"{type(error).__name__}: {error}"[:500])
        logger.warning("Bulletin %s email, attempt %s, failed%s: %s", bulletin.pk, delivery.attempts,
                       " (given up)" if gave_up else "", type(error).__name__)
        return False
    BulletinDelivery.objects.filter(pk=delivery.pk).update(status=DeliveryStatus.SENT, sent_at=timezone.now(),
                                                           last_error="")
    return True


def deliver_due(bulletin_id: int | None = None, *, now: dt.datetime | None = None) -> int:
    """Send every delivery that is due (of one bulletin, or of all); returns how many were sent."""
    now = now or timezone.now()
    due = BulletinDelivery.objects.filter(status__in=DUE, next_attempt_at__lte=now)
    if bulletin_id is not None:
        due = due.filter(bulletin_id=bulletin_id)
    sent = 0
    for delivery_id in list(due.order_by("pk").values_list("pk", flat=True)):
        delivery = _claim(delivery_id, now)
        if delivery is not None:
            sent += _send(delivery)
    return sent


def deliveries_of(bulletin: Bulletin) -> list[BulletinDelivery]:
    return list(bulletin.deliveries.all())
