"""Clearing and withdrawing a copy tells the national hub's outbox at once, when this instance sends."""

from __future__ import annotations

import pytest

from sharing import clearance
from sharing.models import FeedItem
from tests.sharing.factories_clearance import access, confirmed_report

pytestmark = pytest.mark.django_db



def test_a_clearance_and_a_withdrawal_each_go_to_the_outbox(organisation, reviewer, sending):
    shared = clearance.clear_report(access(reviewer, organisation), confirmed_report(organisation, by=reviewer),
                                    by=reviewer)
    clearance.withdraw(access(reviewer, organisation), shared.public_id, by=reviewer)
    assert list(FeedItem.objects.filter(shared_report=shared).order_by("pk").values_list("withdrawn", flat=True)) == [
        False, True]


def test_nothing_goes_to_the_outbox_of_an_instance_that_does_not_send(organisation, reviewer):
    clearance.clear_report(access(reviewer, organisation), confirmed_report(organisation, by=reviewer), by=reviewer)
    assert not FeedItem.objects.exists()
