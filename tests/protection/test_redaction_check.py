"""The redaction workflow's two single doors: one function assembles an organisation's
de-identification settings, and one call applies a reviewer's whole check."""

import pytest

from protection import redaction
from protection.models import Redaction, TermRule
from reporting.models import Message, Report
from reporting.subjects import subject_for
from tests.factories import report

pytestmark = pytest.mark.django_db

WHAT_HAPPENED = "Mum Kerensa Polglase rang about the visit. The file QZX-48213 was not updated."
HOW_NOTICED = "Dad noticed when Kerensa rang again on 14/03/2024."


def test_the_settings_join_what_the_organisation_chose_with_what_its_reviewers_taught(organisation):
    organisation.case_reference_patterns = [r"QZX-(\d{5})"]
    organisation.date_redaction = "bracket"
    organisation.save()
    TermRule.objects.create(organisation_id=organisation.pk, term="Grace Court", kind="allow")
    TermRule.objects.create(organisation_id=organisation.pk, term="Pennant", kind="deny", label="PERSON")
    config = redaction.deid_config(organisation.pk)
    assert list(config.case_reference_patterns) == [r"QZX-(\d{5})"] and config.date_mode == "bracket"
    assert config.allow_terms == {"Grace Court"} and config.deny_labels == {"Pennant": "PERSON"}


def test_without_a_source_of_chosen_settings_nothing_is_redacted_with_defaults(organisation, monkeypatch):
    monkeypatch.setattr(redaction, "_chosen_settings", None)
    with pytest.raises(RuntimeError):
        redaction.deid_config(organisation.pk)


def test_a_reporters_reply_follows_the_organisations_patterns_and_learned_terms(organisation, client):
    organisation.case_reference_patterns = [r"QZX-(\d{5})"]
    organisation.save()
    TermRule.objects.create(organisation_id=organisation.pk, term="Pennant", kind="deny", label="PERSON")
    result = report(organisation, "Referral sat unread.")
    client.post("/receipt/reply/", {"code": result.receipt_code, "body": "Pennant has the file, QZX-48213."})
    body = Message.objects.get(author_kind="reporter").body
    assert "Pennant" not in body and "48213" not in body


def test_one_call_corrects_every_field_and_confirms_the_report(organisation, reviewer):
    subject = report(organisation, WHAT_HAPPENED, how_noticed=HOW_NOTICED).report
    proposal = Redaction.objects.get(field="what_happened")
    first = next(i for i, s in enumerate(proposal.spans) if s["label"] == "PERSON")
    kept = WHAT_HAPPENED[proposal.spans[first]["start"]:proposal.spans[first]["end"]]
    check = redaction.ReviewerCheck(restore={"what_happened": frozenset({first})}, add_terms=("the visit",),
                                    add_label="PERSON", confirm=True)
    result = redaction.apply_check(organisation.pk, subject_for(subject), check, actor=reviewer)
    assert result.confirmed and set(result.corrected) == {"what_happened", "how_noticed"}
    subject = Report.objects.get(pk=subject.pk)
    assert subject.deid_status == "confirmed"
    assert kept in subject.what_happened and "the visit" not in subject.what_happened
    assert TermRule.objects.filter(kind="allow", term=kept).exists()


def test_a_check_without_confirmation_leaves_the_report_for_the_reviewer(organisation, reviewer):
    subject = report(organisation, WHAT_HAPPENED).report
    check = redaction.ReviewerCheck(restore={}, add_terms=("the visit",))
    result = redaction.apply_check(organisation.pk, subject_for(subject), check, actor=reviewer)
    assert result == redaction.CheckResult(("what_happened",), False)
    assert Report.objects.get(pk=subject.pk).deid_status == "draft"
    assert "the visit" not in Redaction.objects.get().redacted


def test_a_reviewer_can_only_give_a_missed_word_a_label_the_page_offers():
    with pytest.raises(ValueError):
        redaction.ReviewerCheck(restore={}, add_terms=("Pennant",), add_label="SHOE_SIZE")
