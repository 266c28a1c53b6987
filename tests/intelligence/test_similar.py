"""Similar earlier reports and likely duplicates on a report's page, and linking duplicates into one event."""

from __future__ import annotations

import pytest
from django.urls import reverse

from intelligence import events, similar
from intelligence.models import Event, EventReport
from organisations.models import Role
from protection.models import AuditEntry
from tests.factories import member, readable_report, report, sign_in

LETTER = ("The hospital discharge letter for the child never reached the social worker, so the follow-up home "
          "visit was missed. The letter was sent to an old team inbox that nobody checks since the restructure.")
# The same event told again by a second person.
LETTER_AGAIN = ("On Tuesday the hospital discharge letter for the child never reached the social worker. So the "
                "follow-up home visit was missed. The letter went to an old team inbox nobody checks since the restructure.")
# Related (a message that never reached the right person) but a different event.
REFERRAL = ("The school safeguarding referral for the child never reached the duty team, so no home visit was "
            "booked. The referral was sent to a shared inbox that is checked once a week.")
MILEAGE = "A foster carer's mileage claim was paid three months late because the form was lost."


def _references(items):
    return [item.report.reference for item in items]


def test_similar_reports_are_earlier_confirmed_and_of_the_same_organisation_nearest_first(
        organisation, other_organisation, reviewer):
    elsewhere = readable_report(other_organisation, LETTER, by=member(other_organisation, username="elsewhere"))
    mileage = readable_report(organisation, MILEAGE, by=reviewer)
    unconfirmed = report(organisation, LETTER).report
    referral = readable_report(organisation, REFERRAL, by=reviewer)
    subject = readable_report(organisation, LETTER_AGAIN, by=reviewer)
    later = readable_report(organisation, LETTER, by=reviewer)

    found = similar.similar_reports(organisation.pk, subject.pk)

    assert _references(found) == [referral.reference, mileage.reference]
    for absent in (elsewhere, unconfirmed, later, subject):
        assert absent.reference not in _references(found)
    assert found[0].score > found[1].score
    # The other organisation's page never offers ours, and ours is never offered theirs.
    assert similar.similar_reports(other_organisation.pk, subject.pk) == []
    assert subject.reference not in _references(similar.similar_reports(other_organisation.pk, elsewhere.pk))


def test_a_second_account_of_the_same_event_is_flagged_and_a_related_report_is_not(organisation, reviewer):
    first = readable_report(organisation, LETTER, by=reviewer)
    referral = readable_report(organisation, REFERRAL, by=reviewer)
    second = readable_report(organisation, LETTER_AGAIN, by=reviewer)

    found = {item.report.pk: item for item in similar.similar_reports(organisation.pk, second.pk)}

    assert found[first.pk].likely_duplicate
    assert not found[referral.pk].likely_duplicate
    assert [item.report.pk for item in similar.likely_duplicates(organisation.pk, first.pk)] == [second.pk]


def test_an_unconfirmed_report_has_no_similar_reports(organisation, reviewer):
    readable_report(organisation, LETTER, by=reviewer)
    waiting = report(organisation, LETTER_AGAIN).report

    assert similar.similar_reports(organisation.pk, waiting.pk) == []
    assert similar.report_page(organisation.pk, waiting, can_link=True) is None


def test_the_report_page_lists_similar_earlier_reports_with_links_and_flags_the_duplicate(
        organisation, reviewer, reviewer_client):
    first = readable_report(organisation, LETTER, by=reviewer)
    readable_report(organisation, MILEAGE, by=reviewer)
    second = readable_report(organisation, LETTER_AGAIN, by=reviewer)

    page = reviewer_client.get(reverse("triage:report", args=[organisation.slug, second.reference])).content.decode()

    assert "Similar earlier reports" in page
    assert reverse("triage:report", args=[organisation.slug, first.reference]) in page
    assert page.count('data-testid="similar-report"') == 2
    assert page.count('data-testid="likely-duplicate"') == 1
    # The earlier report's page points to the duplicate sent after it.
    earlier = reviewer_client.get(reverse("triage:report", args=[organisation.slug, first.reference])).content.decode()
    assert 'data-testid="no-similar"' in earlier
    assert second.reference in earlier.split('data-testid="later-duplicates"')[1]


def test_a_reviewer_links_duplicates_into_one_event_and_the_page_says_so(organisation, reviewer, reviewer_client):
    first = readable_report(organisation, LETTER, by=reviewer)
    second = readable_report(organisation, LETTER_AGAIN, by=reviewer)
    url = reverse("intelligence:event-link", args=[organisation.slug, second.reference])

    response = reviewer_client.post(url, {"other": first.reference})

    assert response.status_code == 302
    event = Event.objects.get()
    assert set(EventReport.objects.filter(event=event).values_list("report_id", flat=True)) == {first.pk, second.pk}
    entry = AuditEntry.objects.filter(action="event.link").get()
    assert entry.actor_id == reviewer.pk and entry.organisation_id == organisation.pk
    assert entry.detail["event"] == event.reference
    page = reviewer_client.get(reverse("triage:report", args=[organisation.slug, first.reference])).content.decode()
    assert f"Part of event {event.reference} with 1 other report" in page
    assert reverse("triage:report", args=[organisation.slug, second.reference]) in page.split('data-testid="event"')[1]


def test_linking_to_a_report_already_in_an_event_joins_it_and_two_events_merge(organisation, reviewer):
    a, b, c, d = (readable_report(organisation, text, by=reviewer) for text in (LETTER, LETTER_AGAIN, REFERRAL, MILEAGE))

    first = events.link(organisation.pk, a.pk, b.pk, by=reviewer)
    joined = events.link(organisation.pk, c.pk, a.pk, by=reviewer)
    assert joined.pk == first.pk
    assert [r.pk for r in events.event_of(organisation.pk, c.pk).others] == [a.pk, b.pk]

    separate = events.link(organisation.pk, d.pk, readable_report(organisation, "Another.", by=reviewer).pk, by=reviewer)
    merged = events.link(organisation.pk, d.pk, b.pk, by=reviewer)
    assert merged.pk == first.pk
    assert not Event.objects.filter(pk=separate.pk).exists()
    assert len(events.event_of(organisation.pk, a.pk).others) == 4
    assert AuditEntry.objects.filter(action="event.link").count() == 4


def test_unlinking_takes_a_report_out_and_an_event_of_one_dissolves(organisation, reviewer, reviewer_client):
    a, b, c = (readable_report(organisation, text, by=reviewer) for text in (LETTER, LETTER_AGAIN, REFERRAL))
    event = events.link(organisation.pk, a.pk, b.pk, by=reviewer)
    events.link(organisation.pk, a.pk, c.pk, by=reviewer)

    reviewer_client.post(reverse("intelligence:event-unlink", args=[organisation.slug, c.reference]))
    assert events.event_of(organisation.pk, c.pk) is None
    assert [r.pk for r in events.event_of(organisation.pk, a.pk).others] == [b.pk]

    reviewer_client.post(reverse("intelligence:event-unlink", args=[organisation.slug, b.reference]))
    assert not Event.objects.filter(pk=event.pk).exists()
    assert events.event_of(organisation.pk, a.pk) is None
    unlinked = list(AuditEntry.objects.filter(action="event.unlink").order_by("pk").values_list("detail", flat=True))
    assert [entry["dissolved"] for entry in unlinked] == [False, True]


def test_reports_of_another_organisation_or_unconfirmed_ones_cannot_be_linked(
        organisation, other_organisation, reviewer, reviewer_client):
    ours = readable_report(organisation, LETTER, by=reviewer)
    theirs = readable_report(other_organisation, LETTER_AGAIN, by=member(other_organisation, username="elsewhere"))
    waiting = report(organisation, LETTER_AGAIN).report

    reviewer_client.post(reverse("intelligence:event-link", args=[organisation.slug, ours.reference]),
                         {"other": theirs.reference})
    with pytest.raises(events.CannotLink):
        events.link(organisation.pk, ours.pk, theirs.pk, by=reviewer)
    with pytest.raises(events.CannotLink):
        events.link(organisation.pk, ours.pk, waiting.pk, by=reviewer)
    with pytest.raises(events.CannotLink):
        events.link(organisation.pk, ours.pk, ours.pk, by=reviewer)
    assert not Event.objects.exists()
    assert not AuditEntry.objects.filter(action="event.link").exists()


def test_a_manager_sees_similar_reports_but_cannot_link_them(client, organisation, reviewer):
    first = readable_report(organisation, LETTER, by=reviewer)
    second = readable_report(organisation, LETTER_AGAIN, by=reviewer)
    sign_in(client, member(organisation, Role.MANAGER, username="a-manager"))

    page = client.get(reverse("triage:report", args=[organisation.slug, second.reference])).content.decode()
    refused = client.post(reverse("intelligence:event-link", args=[organisation.slug, second.reference]),
                          {"other": first.reference})

    assert first.reference in page and "Link as the same event" not in page
    assert refused.status_code == 403
    assert not Event.objects.exists()


def test_linking_needs_the_csrf_token(organisation, reviewer):
    from django.test import Client

    first = readable_report(organisation, LETTER, by=reviewer)
    second = readable_report(organisation, LETTER_AGAIN, by=reviewer)
    strict = sign_in(Client(enforce_csrf_checks=True), reviewer)

    response = strict.post(reverse("intelligence:event-link", args=[organisation.slug, second.reference]),
                           {"other": first.reference})

    assert response.status_code == 403
    assert not Event.objects.exists()
