import pytest

from protection.models import AuditEntry, Redaction, TermRule
from reporting.choices import NARRATIVE_FIELDS
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


def test_the_check_page_lists_the_fields_in_the_order_of_the_report_form(reviewer_client, organisation):
    subject = report(organisation, NARRATIVE, potential_harm_text="The baby could have gone unseen.",
                     how_noticed="Dad rang the duty line.", what_would_help="A shared calendar.").report
    # The engine may finish the fields in any order; the page must not follow it.
    proposals = list(Redaction.objects.order_by("pk"))
    Redaction.objects.all().delete()
    for proposal in reversed(proposals):
        proposal.pk = None
        proposal.save()
    html = reviewer_client.get(check_url(organisation, subject)).content.decode()
    shown = [html.index(f'data-testid="original-{field}"') for field in NARRATIVE_FIELDS]
    assert shown == sorted(shown)


def test_a_field_with_nothing_redacted_has_no_empty_keep_these_words_group(reviewer_client, organisation):
    subject = report(organisation, NARRATIVE, potential_harm_text="The review could have been missed.").report
    html = reviewer_client.get(check_url(organisation, subject)).content.decode()
    assert html.count("Keep these words") == 1  # for "What happened", which has redactions
    assert 'data-testid="nothing-redacted-potential_harm_text"' in html
    assert html.count('data-module="govuk-checkboxes"') == 1


def test_corrections_sent_with_confirm_are_applied_before_the_report_is_published(reviewer_client, organisation):
    subject = report(organisation, NARRATIVE).report
    response = reviewer_client.post(check_url(organisation, subject), {
        "add_terms": "grace period", "add_label": "PERSON", "action": "confirm"})
    assert response.status_code == 302
    subject = Report.objects.get(pk=subject.pk)
    assert subject.deid_status == "confirmed" and "grace period" not in subject.what_happened


def test_a_label_the_page_does_not_offer_is_refused(reviewer_client, organisation):
    subject = report(organisation, NARRATIVE).report
    response = reviewer_client.post(check_url(organisation, subject), {
        "add_terms": "referral", "add_label": "SHOE_SIZE", "action": "confirm"})
    assert response.status_code == 400
    assert Report.objects.get(pk=subject.pk).deid_status == "draft"
    assert not TermRule.objects.exists()
