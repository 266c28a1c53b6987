"""Clearing and withdrawing a copy tells the national hub's outbox at once, when this instance sends."""

from __future__ import annotations

import pytest

from sharing import clearance, feed_signing
from sharing.models import FeedItem
from tests.sharing.factories_clearance import access, confirmed_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def sending(tmp_path, settings):
    settings.GOODCATCH_HUB_SIGNING_KEY_FILE = str(tmp_path / "hub.pem")
    feed_signing.generate_private_key()
    settings.GOODCATCH_HUB_URL = "https://hub.example.invalid"
    settings.GOODCATCH_INSTANCE_NAME = "north"


def test_a_clearance_and_a_withdrawal_each_go_to_the_outbox(organisation, reviewer, sending):
    shared = clearance.clear_report(access(reviewer, organisation), confirmed_report(organisation, by=reviewer),
                                    by=reviewer)
    clearance.withdraw(access(reviewer, organisation), shared.public_id, by=reviewer)
    assert list(FeedItem.objects.filter(shared_report=shared).order_by("pk").values_list("withdrawn", flat=True)) == [
        False, True]


def test_nothing_goes_to_the_outbox_of_an_instance_that_does_not_send(organisation, reviewer):
    clearance.clear_report(access(reviewer, organisation), confirmed_report(organisation, by=reviewer), by=reviewer)
    assert not FeedItem.objects.exists()
