"""A hub that is down loses nothing: the sending instance keeps its feed until the hub acknowledges
it, backs off, and catches up from its cursor, each report arriving once.

Two live instances: this test's database is the sender; the hub runs in processes of its own (granian
in hub mode, on a SQLite file of its own), stopped and started again during the test."""

from __future__ import annotations

from datetime import timedelta

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.utils import timezone

from protection.models import AuditEntry
from sharing import feed_sending
from sharing.feed_tasks import send_feed
from sharing.models import FeedCursor, FeedItem
from tests.factories import OrganisationFactory
from tests.sharing.factories import shared_report
from tests.sharing.factories_hub import LiveHub

pytestmark = pytest.mark.django_db


def unacknowledged() -> int:
    return FeedItem.objects.filter(acknowledged_at__isnull=True).count()


def test_a_hub_down_for_a_day_loses_nothing_and_the_sender_catches_up_from_its_cursor(live_hub, sender):
    council = OrganisationFactory(slug="north-council", name="North Borough Council", region="north_west")
    first = [shared_report(council, public_id=f"aaaa00000000000{n}") for n in range(3)]

    # The hub is down: the task fails, nothing is marked sent, and the cursor stays where it was.
    outcome = send_feed.enqueue().return_value
    assert outcome["outcome"] == "failed" and "could not be reached" in outcome["error"]
    cursor = FeedCursor.objects.get()
    assert (cursor.last_acknowledged_item, cursor.acknowledged_count, cursor.failures) == (0, 0, 1)
    assert unacknowledged() == 3
    assert cursor.next_attempt_at > timezone.now()
    # Until the backoff has passed, the next runs wait rather than hammer the hub.
    assert send_feed.enqueue().return_value["outcome"] == "waiting"

    # During the day: another report is cleared, and one of the first is withdrawn.
    later = shared_report(council, public_id="bbbb000000000000", what_happened="A visit was booked twice.")
    first[1].withdrawn_at = timezone.now()
    first[1].save()

    live_hub.start()
    tomorrow = timezone.now() + timedelta(days=1)
    caught_up = feed_sending.send_due(now=tomorrow)
    assert caught_up.outcome == "sent" and caught_up.acknowledged == 5  # four reports, one withdrawal
    assert unacknowledged() == 0
    held = live_hub.reports()
    assert [public_id for _origin, public_id, _w, _t in held] == sorted([r.public_id for r in first] + [later.public_id])
    assert {origin for origin, *_rest in held} == {"north"}
    assert [(public_id, withdrawn, text) for _o, public_id, withdrawn, text in held if withdrawn] == [
        (first[1].public_id, True, "")]
    cursor.refresh_from_db()
    assert cursor.last_acknowledged_item == FeedItem.objects.order_by("-pk").first().pk
    assert (cursor.failures, cursor.next_attempt_at, cursor.last_error) == (0, None, "")

    # Nothing is sent twice: the next run finds nothing to send, and the hub holds the same four.
    assert feed_sending.send_due(now=tomorrow).outcome == "nothing"
    assert live_hub.reports() == held
    sent = [entry.detail for entry in AuditEntry.objects.filter(action="sharing.feed_sent", organisation_id=council.pk)]
    assert [sorted(detail["public_ids"]) for detail in sent if "public_ids" in detail] == [
        sorted(r.public_id for r in [*first, later])]
    assert [detail["aggregates"] for detail in sent if "aggregates" in detail] == [0]  # nothing coded yet


def test_a_hub_that_goes_down_mid_feed_gets_the_rest_from_the_cursor_once(live_hub, sender, settings):
    settings.GOODCATCH_HUB_FEED_BATCH = 2
    settings.GOODCATCH_HUB_FEED_MAX_BATCHES_PER_RUN = 1
    council = OrganisationFactory(slug="north-council")
    reports = [shared_report(council, public_id=f"cccc00000000000{n}") for n in range(5)]
    live_hub.start()

    assert feed_sending.send_due().acknowledged == 2
    mark = FeedCursor.objects.get().last_acknowledged_item
    live_hub.stop()
    assert feed_sending.send_due().outcome == "failed"
    assert FeedCursor.objects.get().last_acknowledged_item == mark and unacknowledged() == 3

    live_hub.start()
    later = timezone.now() + timedelta(hours=2)
    assert feed_sending.send_due(now=later).acknowledged == 2
    assert feed_sending.send_due(now=later).acknowledged == 1
    assert [public_id for _o, public_id, _w, _t in live_hub.reports()] == [r.public_id for r in reports]


def test_an_answer_lost_on_the_way_back_costs_a_resend_never_a_second_copy(live_hub, sender):
    council = OrganisationFactory(slug="north-council")
    reports = [shared_report(council, public_id=f"dddd00000000000{n}") for n in range(2)]
    live_hub.start()
    assert feed_sending.send_due().acknowledged == 2
    held = live_hub.reports()

    # As if the hub's answer never arrived: the sender still thinks both are waiting, and sends again.
    FeedItem.objects.update(acknowledged_at=None)
    assert feed_sending.send_due().acknowledged == 2
    assert live_hub.reports() == held and len(held) == len(reports)


def test_a_revoked_sender_keeps_its_feed_until_a_new_key_is_registered(live_hub, sender, settings, tmp_path):
    shared_report(OrganisationFactory(slug="north-council"), public_id="eeee000000000000")
    LiveHub.manage(live_hub.directory, live_hub.database, "hub_senders", "revoke", "--name", "north")
    live_hub.start()
    refused = feed_sending.send_due()
    assert refused.outcome == "failed" and "403" in refused.error
    assert unacknowledged() == 1 and live_hub.reports() == []

    replacement = Ed25519PrivateKey.generate()
    key_file = tmp_path / "sender" / "hub_signing_key.pem"
    key_file.write_bytes(_pem(replacement))
    live_hub.register("north", replacement)
    assert feed_sending.send_due(now=timezone.now() + timedelta(hours=1)).acknowledged == 1
    assert len(live_hub.reports()) == 1


def _pem(key: Ed25519PrivateKey) -> bytes:
    from cryptography.hazmat.primitives import serialization

    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


def test_coded_aggregates_follow_the_reports_and_are_sent_again_only_when_they_change(live_hub, sender, organisation,
                                                                                       reviewer):
    from coding.services import CodingInput, record_coding
    from organisations.services import access_for
    from tests.factories import readable_report

    coded = readable_report(organisation, by=reviewer, potential_harm=3, stage="referral")
    record_coding(access_for(reviewer, organisation.slug), coded, CodingInput(
        factors={"workload-caseload": ""}, error_type="", stage="referral", actual_harm=1, potential_harm=3,
        likelihood=4), by=reviewer)
    shared_report(organisation, public_id="ffff000000000000")  # the organisation shares
    live_hub.start()

    assert feed_sending.send_due().acknowledged == 1
    quarter = f"{coded.submitted_at.year}-Q{(timezone.localtime(coded.submitted_at).month - 1) // 3 + 1}"
    assert live_hub.aggregates() == [("north", quarter, "workload-caseload", 1)]
    sent = FeedCursor.objects.get().aggregates_sha256
    assert sent and feed_sending.send_due().outcome == "nothing"  # unchanged: not sent again
