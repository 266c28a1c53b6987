"""A report's text goes: form -> sealed original -> engine's proposal -> reviewer's check -> readable."""

from datetime import timedelta

import pytest

from protection.models import AuditEntry, Redaction, SealedRecord, TermRule
from reporting import deidentification, tasks
from reporting.choices import DeidStatus
from reporting.models import Report
from tests.factories import report

pytestmark = pytest.mark.django_db

NARRATIVE = ("Mum Kerensa Polglase rang the duty line on 07700 900461 to say her son Jago (6) had not been "
             "collected from school. The case note for 14/03/2024 was never opened.")


def test_submission_queues_deidentification_and_keeps_the_report_hidden_until_confirmed(organisation, reviewer):
    subject = report(organisation, NARRATIVE).report
    subject.refresh_from_db()
    assert subject.deid_status == DeidStatus.DRAFT
    assert subject.what_happened == ""
    proposal = Redaction.objects.get(field="what_happened")
    assert "Kerensa" not in proposal.redacted and "07700" not in proposal.redacted
    assert "[PERSON 1]" in proposal.redacted


def test_confirming_makes_the_deidentified_text_readable_and_schedules_the_original_for_destruction(
        organisation, reviewer):
    subject = report(organisation, NARRATIVE).report
    deidentification.confirm_redaction(Report.objects.get(pk=subject.pk), by=reviewer)
    subject.refresh_from_db()
    assert subject.deid_status == DeidStatus.CONFIRMED
    assert "Polglase" not in subject.what_happened and "900461" not in subject.what_happened
    assert "duty line" in subject.what_happened
    record = SealedRecord.objects.get(field="what_happened")
    assert record.destroy_after is not None
    retention = timedelta(days=organisation.sealed_retention_days)
    assert abs(record.destroy_after - subject.deid_confirmed_at - retention) < timedelta(seconds=5)
    assert AuditEntry.objects.filter(action="deid.confirm").exists()


def test_a_failed_deidentification_leaves_the_report_hidden_and_is_retried(organisation, monkeypatch):
    from protection import redaction

    def broken(*args, **kwargs):
        raise RuntimeError("model crashed")

    monkeypatch.setattr(redaction, "propose", broken)
    subject = report(organisation, NARRATIVE).report
    subject.refresh_from_db()
    assert subject.deid_status == DeidStatus.FAILED
    assert subject.what_happened == ""
    monkeypatch.undo()
    assert deidentification.deidentify_waiting() == 0  # a new submission's task leaves it to the periodic retry
    assert tasks.requeue_stalled_deidentification.call() == 1
    subject.refresh_from_db()
    assert subject.deid_status == DeidStatus.DRAFT


def test_a_reporters_reply_is_redacted_before_reviewers_read_it(organisation, reviewer, client):
    from reporting.models import Message

    result = report(organisation, "Referral sat unread.")
    client.post("/receipt/reply/", {"code": result.receipt_code,
                                    "body": "It was Kerensa Polglase's case, ring me on 07700 900461."})
    message = Message.objects.get(author_kind="reporter")
    assert "Polglase" not in message.body and "900461" not in message.body
    original = SealedRecord.objects.get(field=f"message:{message.pk}")
    assert original.kind == "message" and original.destroy_after is not None


def test_a_report_cannot_be_confirmed_before_there_is_a_proposal(organisation, reviewer, monkeypatch):
    from protection import redaction

    monkeypatch.setattr(redaction, "propose", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("down")))
    subject = report(organisation, NARRATIVE).report
    with pytest.raises(deidentification.NotReadyToConfirm):
        deidentification.confirm_redaction(subject, by=reviewer)
    assert SealedRecord.objects.get(field="what_happened").destroy_after is None


def test_organisation_case_reference_patterns_are_used(organisation, reviewer):
    organisation.case_reference_patterns = [r"QZX-(\d{5})"]
    organisation.save()
    report(organisation, "The worker opened the wrong file, QZX-48213, during the visit.")
    assert "48213" not in Redaction.objects.get().redacted


def test_learned_allow_and_deny_terms_apply_to_later_reports(organisation, reviewer):
    TermRule.objects.create(organisation_id=organisation.pk, term="Pennant", kind="deny", label="PERSON")
    report(organisation, "The note from Pennant arrived late.")
    assert "Pennant" not in Redaction.objects.get().redacted


@pytest.mark.parametrize("mode,expected", [("month_year", "March 2024"), ("bracket", "[DATE")])
def test_dates_follow_the_organisations_setting(organisation, mode, expected):
    organisation.date_redaction = mode
    organisation.save()
    report(organisation, "The strategy meeting on 14/03/2024 went ahead without the school.")
    redacted = Redaction.objects.get().redacted
    assert expected in redacted and "14/03" not in redacted
