"""At the hub, every received report is also a report of the national organisation, so the hub's own
search (and its themes, spikes, dashboards and bulletins) covers the country; it follows the received
copy through a replay, a change of text and a withdrawal."""

from __future__ import annotations

import pytest
from django.utils import timezone

from intelligence import search
from organisations.services import get_organisation
from reporting.services import reports_for_organisation
from sharing.models import SharedReport
from tests.sharing.factories_hub import feed_item, post_feed, registered_sender

pytestmark = pytest.mark.django_db

INBOX = "A referral from the nursery sat in the shared duty inbox over the bank holiday weekend."
MEDICATION = "The evening medication was nearly given twice because the MAR chart had not been signed."



def national_reports():
    return reports_for_organisation(get_organisation("national"))


def test_reports_from_two_instances_are_searched_together_as_the_nations(client, hub_mode,
                                                                          django_capture_on_commit_callbacks):
    north, south = registered_sender("north"), registered_sender("south")
    with django_capture_on_commit_callbacks(execute=True):
        assert post_feed(client, north, [feed_item("a1a1a1a1a1a1a1a1", what_happened=INBOX)], instance="north").status_code == 200
        assert post_feed(client, south, [feed_item("b2b2b2b2b2b2b2b2", what_happened=MEDICATION, slug="south-council",
                                                   period="2025-Q4")], instance="south").status_code == 200
    national = get_organisation("national")
    assert national is not None and national_reports().count() == 2
    mirrored = national_reports().get(pk=SharedReport.objects.get(public_id="b2b2b2b2b2b2b2b2").national_report_id)
    assert mirrored.what_happened == MEDICATION and mirrored.deid_status == "confirmed"
    counted = timezone.localtime(mirrored.submitted_at)  # the first day of its quarter, the finest date that left
    assert (counted.year, counted.month, counted.day, mirrored.occurred_year) == (2025, 10, 1, 2025)
    hits = search.search(national.pk, "nursery", mode="keyword")
    assert [hit.report_id for hit in hits] == [SharedReport.objects.get(public_id="a1a1a1a1a1a1a1a1").national_report_id]


def test_a_replay_adds_no_second_national_report_and_a_withdrawal_takes_it_away(client, hub_mode,
                                                                                 django_capture_on_commit_callbacks):
    north = registered_sender("north")
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(2):
            post_feed(client, north, [feed_item("a1a1a1a1a1a1a1a1", what_happened=INBOX)])
    assert national_reports().count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        post_feed(client, north, [feed_item("a1a1a1a1a1a1a1a1", what_happened=INBOX.replace("nursery", "school"))])
    (changed,) = national_reports()
    assert "school" in changed.what_happened
    with django_capture_on_commit_callbacks(execute=True):
        post_feed(client, north, [feed_item("a1a1a1a1a1a1a1a1", withdrawn=True)])
    assert not national_reports().exists()
    assert search.search(get_organisation("national").pk, "duty inbox", mode="keyword") == []
    assert SharedReport.objects.get(public_id="a1a1a1a1a1a1a1a1").national_report_id is None


def test_a_feed_of_many_reports_is_announced_once_so_its_tasks_are_queued_once(client, hub_mode,
                                                                               django_capture_on_commit_callbacks):
    from reporting.signals import report_confirmed

    announced = []

    def heard(sender, *, report_ids, organisation_id, **kwargs):
        announced.append((organisation_id, sorted(report_ids)))

    report_confirmed.connect(heard, dispatch_uid="test-heard")
    try:
        north = registered_sender("north")
        with django_capture_on_commit_callbacks(execute=True):
            post_feed(client, north, [feed_item(f"c3c3c3c3c3c3c3c{n}", what_happened=f"{INBOX} ({n})") for n in range(3)])
    finally:
        report_confirmed.disconnect(dispatch_uid="test-heard")
    national = get_organisation("national")
    assert announced == [(national.pk, sorted(national_reports().values_list("pk", flat=True)))]
    assert len(announced[0][1]) == 3
    assert len(search.search(national.pk, "nursery", mode="keyword")) == 3  # and every one was indexed
