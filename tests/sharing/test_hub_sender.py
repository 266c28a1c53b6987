"""The sending instance's side of the feed: what it notes, what leaves, and when it waits."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from sharing import feed_sending, feeds
from sharing.models import FeedItem
from tests.factories import OrganisationFactory, UserFactory
from tests.sharing.factories import shared_report

pytestmark = pytest.mark.django_db



@pytest.fixture
def council(db):
    return OrganisationFactory(slug="north-council", name="North Borough Council", region="north_west")


def test_what_leaves_is_the_shareable_copy_and_the_organisations_public_face_only(council):
    reviewer = UserFactory(username="clearing-reviewer")
    report = shared_report(council, source_report_id=987654321, cleared_by=reviewer,
                           what_happened="A referral waited in the inbox.")
    payload = feed_sending.payload_for(report)
    assert payload["organisation"] == {"slug": "north-council", "name": "North Borough Council",
                                       "region": "north_west", "sector": "social_care"}
    assert payload["public_id"] == report.public_id and payload["what_happened"] == "A referral waited in the inbox."
    assert set(payload) == {"public_id", "withdrawn", "organisation", *feed_sending.SENT_FIELDS}
    # No internal id, person or exact time, under any name: the keys above are all there is.
    wire = json.dumps(payload)
    for secret in ("987654321", "clearing-reviewer", report.cleared_at.isoformat()[:16]):
        assert secret not in wire


def test_nothing_is_noted_or_sent_until_the_instance_has_a_hub_a_name_and_a_key(council, settings, tmp_path):
    settings.GOODCATCH_HUB_SIGNING_KEY_FILE = str(tmp_path / "none.pem")
    report = shared_report(council)
    assert feeds.note_change(report) is None
    assert feed_sending.send_due().outcome == "off"
    settings.GOODCATCH_HUB_URL, settings.GOODCATCH_INSTANCE_NAME = "https://hub.example.invalid", "north"
    assert feed_sending.send_due().outcome == "off"  # still no key
    assert not FeedItem.objects.exists()


def test_the_hub_itself_sends_nothing(council, sending, settings):
    settings.GOODCATCH_MODE = "hub"
    assert feeds.note_change(shared_report(council)) is None
    assert feed_sending.send_due().outcome == "off"


def test_a_change_is_noted_and_a_received_copy_never_is(council, sending):
    report = shared_report(council)
    item = feeds.note_change(report)
    assert item is not None and item.withdrawn is False and item.acknowledged_at is None
    received = shared_report(council, origin="south")
    assert feeds.note_change(received) is None


def test_the_sweep_notes_what_clearance_did_not_once(council, sending):
    noted = shared_report(council)
    feeds.note_change(noted)
    missed = shared_report(council)
    withdrawn = shared_report(council, withdrawn_at=timezone.now())
    shared_report(council, origin="south")  # received from elsewhere: never sent on
    assert feed_sending.note_missing() == 2
    assert feed_sending.note_missing() == 0
    assert set(FeedItem.objects.values_list("shared_report_id", "withdrawn")) == {
        (noted.pk, False), (missed.pk, False), (withdrawn.pk, True)}

    noted.withdrawn_at = timezone.now()
    noted.save()
    assert feed_sending.note_missing() == 1  # a withdrawal clearance did not note
    assert FeedItem.objects.filter(shared_report=noted, withdrawn=True).exists()


def test_the_wait_after_each_failure_doubles_up_to_its_limit(settings):
    settings.GOODCATCH_HUB_FEED_BACKOFF_SECONDS = 30
    settings.GOODCATCH_HUB_FEED_BACKOFF_MAX_SECONDS = 3600
    assert [feed_sending.backoff(n).total_seconds() for n in (1, 2, 3, 4)] == [30, 60, 120, 240]
    assert feed_sending.backoff(20) == timedelta(hours=1)


def test_a_plain_http_hub_is_refused_outside_this_machine_and_demo_mode(settings):
    settings.DEMO = False
    with pytest.raises(feed_sending.FeedFailed, match="https"):
        feed_sending.post(b"{}", hub_url="http://hub.example.invalid", key=object(), instance="north")
    with pytest.raises(feed_sending.FeedFailed, match="https"):
        feed_sending.post(b"{}", hub_url="ftp://hub.example.invalid", key=object(), instance="north")


def test_a_batch_fits_the_size_limit_and_a_report_too_big_alone_is_set_aside(council, sending, settings):
    settings.GOODCATCH_HUB_FEED_MAX_BYTES = 3000
    small = [shared_report(council) for _ in range(3)]
    huge = shared_report(council, what_happened="x" * 5000)
    for report in [small[0], huge, *small[1:]]:
        feeds.note_change(report)
    items = list(FeedItem.objects.order_by("pk").select_related("shared_report__organisation"))
    batch, body = feed_sending.fit_batch(items)
    assert [item.shared_report for item in batch] == [small[0]]  # the batch ends before the big one
    batch, body = feed_sending.fit_batch(items[1:])
    assert huge.public_id not in body.decode() and len(body) <= 3000
    assert [item.shared_report for item in batch] == small[1:]
    assert FeedItem.objects.get(shared_report=huge).acknowledged_at is not None  # never blocks the rest
