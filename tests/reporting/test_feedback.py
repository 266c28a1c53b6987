"""Every report closes with feedback to its reporter: what was learnt and what will change,
de-identified before anyone reads it, on the receipt page for the anonymous reporter."""

import pytest

from protection.models import PlaceholderSet, SealedRecord
from reporting import feedback, lifecycle
from reporting.feedback import ClosingFeedback
from reporting.models import Feedback, Message, StatusChange
from tests.factories import report

pytestmark = pytest.mark.django_db

NAMED = ClosingFeedback("Thank you. Mrs Gwendolyn Pascoe on 07700 900461 confirmed the referral sat for two days.",
                        "Referrals now go to one duty inbox, checked twice a day.", "found")


def coded(organisation, reviewer, text="The referral was not picked up for three days."):
    submitted = report(organisation, text)
    for status in ("in_review", "coded"):
        lifecycle.transition(submitted.report, status, by=reviewer)
    return submitted


def follow_up(client, code: str) -> str:
    response = client.post("/receipt/", {"code": code})
    assert response.status_code == 200
    return response.content.decode()


def test_a_report_cannot_close_without_both_parts_of_the_feedback(organisation, reviewer):
    subject = coded(organisation, reviewer).report
    with pytest.raises(lifecycle.TransitionError, match="Write the feedback"):
        lifecycle.transition(subject, "closed", by=reviewer, note="A note is not feedback.")
    with pytest.raises(lifecycle.TransitionError, match="Write “What will change” before closing the report"):
        lifecycle.transition(subject, "closed", by=reviewer, feedback=ClosingFeedback("We learnt a lot.", "  "))
    with pytest.raises(lifecycle.TransitionError, match="Replace “\\[add what you found\\]”"):
        template = feedback.TEMPLATES["found"]
        lifecycle.transition(subject, "closed", by=reviewer,
                             feedback=ClosingFeedback(str(template.what_we_learnt), "The rota changes."))
    subject.refresh_from_db()
    assert subject.status == "coded"
    assert not Message.objects.filter(report=subject).exists()


def test_an_identifier_the_reviewer_typed_never_reaches_the_receipt_page_or_the_database(
        client, organisation, reviewer):
    submitted = coded(organisation, reviewer)
    lifecycle.transition(submitted.report, "closed", by=reviewer, feedback=NAMED)
    stored = Feedback.objects.get(message__report=submitted.report)
    assert "[PERSON 1]" in stored.what_we_learnt and "[PHONE 1]" in stored.what_we_learnt
    html = follow_up(client, submitted.receipt_code)
    rows = [stored.what_we_learnt, stored.message.body, StatusChange.objects.filter(to_status="closed").get().note]
    for identifier in ("Gwendolyn", "Pascoe", "07700 900461"):
        assert identifier not in html
        assert not any(identifier in row for row in rows)
    # Nothing of the reviewer's original is kept, not even sealed.
    assert not SealedRecord.objects.filter(kind="message").exists()


def test_the_anonymous_reporter_reads_the_feedback_with_the_receipt_code(client, organisation, reviewer):
    submitted = coded(organisation, reviewer)
    assert "What we learnt" not in follow_up(client, submitted.receipt_code)
    lifecycle.transition(submitted.report, "closed", by=reviewer, feedback=ClosingFeedback(
        "The referral sat in a shared inbox nobody owned.", "Each inbox now has a named duty manager."))
    html = follow_up(client, submitted.receipt_code)
    assert "Closed with feedback" in html
    assert "Feedback on your report" in html
    assert "The referral sat in a shared inbox nobody owned." in html
    assert "Each inbox now has a named duty manager." in html
    assert html.count("Each inbox now has a named duty manager.") == 1  # shown as feedback, not again as a message
    assert reviewer.username not in html


def test_a_preview_shows_the_feedback_de_identified_and_stores_nothing(organisation, reviewer):
    subject = coded(organisation, reviewer).report
    before = (PlaceholderSet.objects.count(), Message.objects.count(), SealedRecord.objects.count())
    shown = feedback.preview(subject, NAMED)
    assert "Gwendolyn" not in shown.what_we_learnt and "[PERSON 1]" in shown.what_we_learnt
    assert (PlaceholderSet.objects.count(), Message.objects.count(), SealedRecord.objects.count()) == before
    lifecycle.transition(subject, "closed", by=reviewer, feedback=NAMED)
    assert Feedback.objects.get().what_we_learnt == shown.what_we_learnt  # what was previewed is what was sent


def test_a_person_named_in_the_report_keeps_their_placeholder_in_the_feedback(organisation, reviewer):
    from reporting.deidentification import confirm_redaction

    submitted = coded(organisation, reviewer, "Mrs Gwendolyn Pascoe rang twice about the referral.")
    confirm_redaction(submitted.report, by=reviewer)
    lifecycle.transition(submitted.report, "closed", by=reviewer, feedback=ClosingFeedback(
        "Thank you. Mrs Gwendolyn Pascoe was called back by the duty manager.", "Call-backs are logged now."))
    submitted.report.refresh_from_db()
    assert "[PERSON 1]" in submitted.report.what_happened
    assert "[PERSON 1]" in Feedback.objects.get().what_we_learnt


def test_closing_feedback_is_the_first_feedback_the_dashboard_counts(organisation, reviewer):
    from reporting.services import first_feedback_delays, reports_for_organisation

    submitted = coded(organisation, reviewer)
    lifecycle.transition(submitted.report, "closed", by=reviewer, feedback=ClosingFeedback("Learnt.", "Changed."))
    rows = first_feedback_delays(reports_for_organisation(organisation))
    assert [(days, n) for _month, days, n in rows] == [(0, 1)]
