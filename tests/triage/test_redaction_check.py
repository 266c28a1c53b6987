import pytest

from protection.models import AuditEntry, Redaction, TermRule
from reporting.models import Report
from tests.factories import report

pytestmark = pytest.mark.django_db

NARRATIVE = "Nan Morwenna Trewin said the grace period for the referral had passed. Dad will chase up the GP."


def check_url(organisation, subject):
    return f"/o/{organisation.slug}/reports/{subject.reference}/redaction/"


def test_the_check_page_highlights_each_redacted_span_and_its_open_is_audited(reviewer_client, organisation):
    subject = report(organisation, NARRATIVE).report
    html = reviewer_client.get(check_url(organisation, subject)).content.decode()
    assert '<mark class="gc-redacted"' in html and "Morwenna" in html
    assert AuditEntry.objects.filter(action="sealed.open", detail__purpose="de-identification check").exists()


def test_a_reviewer_restores_a_word_and_redacts_a_missed_one_then_confirms(reviewer_client, organisation):
    subject = report(organisation, NARRATIVE).report
    proposal = Redaction.objects.get()
    person = next(i for i, s in enumerate(proposal.spans) if s["label"] == "PERSON")
    restored_word = NARRATIVE[proposal.spans[person]["start"]:proposal.spans[person]["end"]]
    reviewer_client.post(check_url(organisation, subject), {
        f"restore-what_happened-{person}": "1", "add_terms": "referral", "add_label": "PERSON", "action": "apply"})
    proposal.refresh_from_db()
    assert restored_word in proposal.redacted
    assert "referral" not in proposal.redacted
    assert not TermRule.objects.exists()  # nothing is learned until the reviewer confirms
    response = reviewer_client.post(check_url(organisation, subject), {"action": "confirm"})
    assert response.status_code == 302
    assert TermRule.objects.filter(kind="allow", term=restored_word).exists()
    assert TermRule.objects.filter(kind="deny", term="referral").exists()
    subject = Report.objects.get(pk=subject.pk)
    assert subject.deid_status == "confirmed"
    page = reviewer_client.get(f"/o/{organisation.slug}/reports/{subject.reference}/").content.decode()
    assert subject.what_happened in page.replace("&#x27;", "'")


def test_after_confirmation_no_reviewer_page_shows_the_original_names(reviewer_client, organisation):
    subject = report(organisation, NARRATIVE).report
    reviewer_client.post(check_url(organisation, subject), {"action": "confirm"})
    for url in (f"/o/{organisation.slug}/queue/", f"/o/{organisation.slug}/reports/{subject.reference}/"):
        html = reviewer_client.get(url).content.decode()
        assert "Morwenna" not in html and "Trewin" not in html
    # the check page no longer opens the original
    assert reviewer_client.get(check_url(organisation, subject)).status_code == 302


def test_hard_negatives_stay(reviewer_client, organisation):
    report(organisation, NARRATIVE)
    redacted = Redaction.objects.get().redacted
    for word in ("grace period", "will chase up", "GP", "Nan", "Dad"):
        assert word in redacted


def test_a_manager_cannot_open_the_check_page(client, organisation, manager):
    from tests.factories import sign_in

    subject = report(organisation, NARRATIVE).report
    sign_in(client, manager)
    assert client.get(check_url(organisation, subject)).status_code == 403
