"""A reviewer closes a report on its own page: a template to start from, two parts to write, the
feedback shown de-identified, and only then sent."""

import pytest
from django.urls import reverse

from protection.models import AuditEntry
from reporting import lifecycle
from reporting.models import Feedback
from tests.factories import report

pytestmark = pytest.mark.django_db


@pytest.fixture
def coded(organisation, reviewer):
    subject = report(organisation).report
    for status in ("in_review", "coded"):
        lifecycle.transition(subject, status, by=reviewer)
    return subject


def close_url(organisation, subject) -> str:
    return reverse("triage:close", args=[organisation.slug, subject.reference])


def test_a_template_fills_the_two_parts_without_javascript(reviewer_client, organisation, coded):
    html = reviewer_client.get(close_url(organisation, coded)).content.decode()
    for name in ("Thank you, and what we found", "Passed to a partner agency",
                 "A systemic issue taken forward as an action", "No further action, and why"):
        assert name in html
    html = reviewer_client.get(close_url(organisation, coded) + "?template=partner").content.decode()
    assert "we shared it with them" in html and 'name="template" value="partner"' in html
    assert "[add the agency] will [add what they will change]" in html


def test_missing_parts_get_a_specific_error_and_the_text_is_kept(reviewer_client, organisation, coded):
    response = reviewer_client.post(close_url(organisation, coded), {
        "what_we_learnt": "The duty inbox had no owner on Fridays.", "what_will_change": "", "action": "send"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Write “What will change” before closing the report" in html
    assert "The duty inbox had no owner on Fridays.</textarea>" in html
    coded.refresh_from_db()
    assert coded.status == "coded"


def test_an_unfilled_template_gap_is_refused(reviewer_client, organisation, coded):
    response = reviewer_client.post(close_url(organisation, coded), {
        "what_we_learnt": "Thank you. We found that [add what you found].", "what_will_change": "The form changes.",
        "action": "preview"})
    assert response.status_code == 400
    assert "Replace “[add what you found]” in “What we learnt” with your own words" in response.content.decode()


def test_the_reviewer_sees_what_will_be_sent_before_it_is_sent(reviewer_client, organisation, coded, reviewer):
    typed = {"what_we_learnt": "Thank you. Mrs Gwendolyn Pascoe was not called back.",
             "what_will_change": "Call-backs are logged now.", "template": "found"}
    # Sending text that was never previewed shows the preview instead.
    response = reviewer_client.post(close_url(organisation, coded), {**typed, "action": "send"})
    html = response.content.decode()
    assert response.status_code == 200 and 'data-testid="feedback-preview"' in html
    assert "Thank you. Mrs [PERSON 1] was not called back." in html
    coded.refresh_from_db()
    assert coded.status == "coded"
    previewed = response.context["form"]["previewed"].value()
    # Changed after the preview: previewed again, not sent.
    changed = {**typed, "what_will_change": "Call-backs are logged and checked.", "previewed": previewed}
    assert 'data-testid="feedback-preview"' in reviewer_client.post(
        close_url(organisation, coded), {**changed, "action": "send"}).content.decode()
    coded.refresh_from_db()
    assert coded.status == "coded"
    response = reviewer_client.post(close_url(organisation, coded), {**typed, "previewed": previewed, "action": "send"})
    assert response.status_code == 302
    coded.refresh_from_db()
    assert coded.status == "closed"
    sent = Feedback.objects.get()
    assert sent.template == "found" and "Gwendolyn" not in sent.what_we_learnt
    entry = AuditEntry.objects.filter(action="report.transition").order_by("-pk").first()
    assert entry.detail["to"] == "closed" and entry.detail["feedback_template"] == "found"


def test_a_report_that_is_not_coded_cannot_be_closed(reviewer_client, organisation, reviewer):
    subject = report(organisation).report
    response = reviewer_client.get(close_url(organisation, subject))
    assert response.status_code == 302 and response["Location"].endswith(f"/reports/{subject.reference}/")
