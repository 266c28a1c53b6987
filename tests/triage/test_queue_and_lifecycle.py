import pytest
from django.urls import reverse

from reporting import lifecycle
from reporting.models import Message, StatusChange
from tests.factories import report

pytestmark = pytest.mark.django_db


def test_the_queue_puts_the_most_potential_harm_first_then_the_oldest(reviewer_client, organisation):
    low = report(organisation, potential_harm=2).report
    severe_old = report(organisation, potential_harm=4).report
    severe_new = report(organisation, potential_harm=4).report
    response = reviewer_client.get(f"/o/{organisation.slug}/queue/")
    order = [r.reference for r in response.context["page"]]
    assert order == [severe_old.reference, severe_new.reference, low.reference]


def test_the_queue_filters_by_status(reviewer_client, organisation, reviewer):
    open_report = report(organisation).report
    closed = report(organisation).report
    for status in ("in_review", "coded"):
        lifecycle.transition(closed, status, by=reviewer)
    lifecycle.transition(closed, "closed", by=reviewer, note="Thanks, the duty rota changed.")
    refs = [r.reference for r in reviewer_client.get(f"/o/{organisation.slug}/queue/").context["page"]]
    assert refs == [open_report.reference]
    refs = [r.reference for r in reviewer_client.get(f"/o/{organisation.slug}/queue/?status=closed").context["page"]]
    assert refs == [closed.reference]


def test_a_report_moves_through_its_states_and_each_change_is_a_permanent_row(reviewer_client, organisation, reviewer):
    subject = report(organisation).report
    url = reverse("triage:transition", args=[organisation.slug, subject.reference])
    for status in ("in_review", "coded"):
        assert reviewer_client.post(url, {"to_status": status}).status_code == 302
    reviewer_client.post(url, {"to_status": "closed", "note": "We changed the referral rota. Thank you."})
    subject.refresh_from_db()
    assert subject.status == "closed"
    changes = list(StatusChange.objects.filter(report=subject).values_list("from_status", "to_status", "changed_by"))
    assert changes == [("", "received", None), ("received", "in_review", reviewer.pk),
                       ("in_review", "coded", reviewer.pk), ("coded", "closed", reviewer.pk)]
    assert Message.objects.get(report=subject).body == "We changed the referral rota. Thank you."
    change = StatusChange.objects.last()
    change.note = "edited"
    with pytest.raises(ValueError):
        change.save()
    with pytest.raises(ValueError):
        change.delete()


def test_a_report_cannot_skip_a_state(reviewer_client, organisation, reviewer):
    subject = report(organisation).report
    with pytest.raises(lifecycle.TransitionError):
        lifecycle.transition(subject, "closed", by=reviewer, note="x")
    response = reviewer_client.post(reverse("triage:transition", args=[organisation.slug, subject.reference]),
                                    {"to_status": "coded"})
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()


def test_closing_without_feedback_is_refused(reviewer_client, organisation, reviewer):
    subject = report(organisation).report
    lifecycle.transition(subject, "in_review", by=reviewer)
    lifecycle.transition(subject, "coded", by=reviewer)
    response = reviewer_client.post(reverse("triage:transition", args=[organisation.slug, subject.reference]),
                                    {"to_status": "closed", "note": ""})
    assert response.status_code == 400
    assert "Write the feedback for the reporter" in response.content.decode()


def test_a_reviewer_messages_the_reporter_once_per_send(reviewer_client, organisation):
    subject = report(organisation).report
    url = reverse("triage:message", args=[organisation.slug, subject.reference])
    data = {"body": "Could you tell us which team?", "idempotency_key": "m1"}
    reviewer_client.post(url, data)
    reviewer_client.post(url, data)
    assert Message.objects.filter(report=subject, author_kind="reviewer").count() == 1


def test_a_narrative_awaiting_deidentification_is_not_shown(reviewer_client, organisation):
    subject = report(organisation, "Nobody told the foster carer about the contact change.").report
    html = reviewer_client.get(f"/o/{organisation.slug}/reports/{subject.reference}/").content.decode()
    assert "Awaiting de-identification" in html
    assert "foster carer" not in html
