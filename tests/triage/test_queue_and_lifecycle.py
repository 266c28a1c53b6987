import pytest
from django.urls import reverse

from reporting import lifecycle
from reporting.feedback import ClosingFeedback
from reporting.models import Message, StatusChange
from tests.factories import report

pytestmark = pytest.mark.django_db


def queue_order(client, organisation, query: str = "") -> list[str]:
    return [r.reference for r in client.get(f"/o/{organisation.slug}/queue/{query}").context["page"]]


def test_the_queue_shows_the_newest_report_first(reviewer_client, organisation):
    first, second, third = (report(organisation, potential_harm=harm).report for harm in (4, 2, 3))
    assert queue_order(reviewer_client, organisation) == [third.reference, second.reference, first.reference]


def test_the_queue_sorts_by_oldest_or_by_potential_harm_then_the_oldest(reviewer_client, organisation):
    low = report(organisation, potential_harm=2).report
    severe_old = report(organisation, potential_harm=4).report
    severe_new = report(organisation, potential_harm=4).report
    assert queue_order(reviewer_client, organisation, "?sort=oldest") == [
        low.reference, severe_old.reference, severe_new.reference]
    assert queue_order(reviewer_client, organisation, "?sort=harm") == [
        severe_old.reference, severe_new.reference, low.reference]
    assert queue_order(reviewer_client, organisation, "?sort=nonsense") == [
        severe_new.reference, severe_old.reference, low.reference]


def test_the_sort_is_a_choice_in_the_filter_form_and_kept_across_pages(reviewer_client, organisation, monkeypatch):
    from triage import services

    monkeypatch.setattr(services, "QUEUE_PAGE_SIZE", 2)
    oldest = [report(organisation).report for _ in range(3)][0]
    response = reviewer_client.get(f"/o/{organisation.slug}/queue/?status=all&kind=near_miss&sort=oldest")
    html = response.content.decode()
    start = html.index('<form method="get"')
    form = html[start:html.index("</form>", start)]
    assert 'hx-get=' in form and 'name="sort"' in form  # the htmx filters carry the sort too
    assert '<option value="oldest" selected>' in html
    assert "3 reports, oldest first" in html
    assert [r.reference for r in response.context["page"]][0] == oldest.reference
    assert 'href="?status=all&amp;kind=near_miss&amp;sort=oldest&amp;page=2"' in html


def test_the_queue_filters_by_status(reviewer_client, organisation, reviewer):
    open_report = report(organisation).report
    closed = report(organisation).report
    for status in ("in_review", "coded"):
        lifecycle.transition(closed, status, by=reviewer)
    lifecycle.transition(closed, "closed", by=reviewer,
                         feedback=ClosingFeedback("Thanks: the rota left gaps.", "The duty rota changed."))
    refs = [r.reference for r in reviewer_client.get(f"/o/{organisation.slug}/queue/").context["page"]]
    assert refs == [open_report.reference]
    refs = [r.reference for r in reviewer_client.get(f"/o/{organisation.slug}/queue/?status=closed").context["page"]]
    assert refs == [closed.reference]


def test_a_report_moves_through_its_states_and_each_change_is_a_permanent_row(reviewer_client, organisation, reviewer):
    subject = report(organisation).report
    url = reverse("triage:transition", args=[organisation.slug, subject.reference])
    for status in ("in_review", "coded"):
        assert reviewer_client.post(url, {"to_status": status}).status_code == 302
    close = reverse("triage:close", args=[organisation.slug, subject.reference])
    feedback = {"what_we_learnt": "The referral rota had a gap. Thank you.", "what_will_change": "We changed it."}
    previewed = reviewer_client.post(close, {**feedback, "action": "preview"}).context["form"]["previewed"].value()
    assert reviewer_client.post(close, {**feedback, "previewed": previewed, "action": "send"}).status_code == 302
    subject.refresh_from_db()
    assert subject.status == "closed"
    changes = list(StatusChange.objects.filter(report=subject).values_list("from_status", "to_status", "changed_by"))
    assert changes == [("", "received", None), ("received", "in_review", reviewer.pk),
                       ("in_review", "coded", reviewer.pk), ("coded", "closed", reviewer.pk)]
    assert Message.objects.get(report=subject).body == ("What we learnt\nThe referral rota had a gap. Thank you.\n\n"
                                                        "What will change\nWe changed it.")
    change = StatusChange.objects.last()
    change.note = "edited"
    with pytest.raises(ValueError):
        change.save()
    with pytest.raises(ValueError):
        change.delete()


def test_a_report_cannot_skip_a_state(reviewer_client, organisation, reviewer):
    subject = report(organisation).report
    with pytest.raises(lifecycle.TransitionError):
        lifecycle.transition(subject, "closed", by=reviewer, feedback=ClosingFeedback("x", "y"))
    response = reviewer_client.post(reverse("triage:transition", args=[organisation.slug, subject.reference]),
                                    {"to_status": "coded"})
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()


def test_closing_is_not_a_move_of_the_status_form_but_its_own_page(reviewer_client, organisation, reviewer):
    subject = report(organisation).report
    lifecycle.transition(subject, "in_review", by=reviewer)
    lifecycle.transition(subject, "coded", by=reviewer)
    response = reviewer_client.post(reverse("triage:transition", args=[organisation.slug, subject.reference]),
                                    {"to_status": "closed"})
    assert response.status_code == 400
    assert f'href="/o/{organisation.slug}/reports/{subject.reference}/close/"' in response.content.decode()
    subject.refresh_from_db()
    assert subject.status == "coded"


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


def test_the_queue_summarises_each_report_from_its_de_identified_text_only(reviewer_client, organisation, reviewer):
    from protection.models import AuditEntry
    from reporting.deidentification import confirm_redaction

    readable = report(organisation, "Nan Morwenna Trewin was not told the review had moved. She found out by chance "
                                    "from the receptionist at the surgery a week later, after the meeting.").report
    confirm_redaction(readable, by=reviewer)
    draft = report(organisation, "Dad Tobias Penhaligon missed the meeting.").report
    opened_before = AuditEntry.objects.filter(action="sealed.open").count()
    response = reviewer_client.get(f"/o/{organisation.slug}/queue/")
    summaries = {r.reference: r.summary for r in response.context["page"]}
    assert summaries[readable.reference] == "Nan [PERSON 1] was not told the review had moved."
    assert summaries[draft.reference] == ""
    html = response.content.decode()
    assert "Nan [PERSON 1] was not told the review had moved." in html
    for name in ("Morwenna", "Trewin", "Tobias", "Penhaligon"):
        assert name not in html
    assert AuditEntry.objects.filter(action="sealed.open").count() == opened_before  # no original was opened


def test_a_summary_is_one_short_line_ending_on_a_whole_word():
    from triage.services import SUMMARY_CHARS, summary_of

    assert summary_of("- Referral sat in the inbox.\n- Nobody   picked it up.") == \
        "Referral sat in the inbox. Nobody picked it up."
    long_sentence = ("The strategy discussion was booked for the wrong day because the calendar invitation went to "
                     "a shared mailbox that nobody on the team has checked since the restructure last spring")
    summary = summary_of(long_sentence)
    assert summary.endswith("…") and len(summary) <= SUMMARY_CHARS + 1
    assert long_sentence.startswith(summary[:-1]) and long_sentence[len(summary) - 1] == " "
    assert summary_of("x" * 300) == "x" * SUMMARY_CHARS + "…"


def test_a_status_with_one_next_step_is_plain_text_and_closing_is_offered_only_when_possible(
        reviewer_client, organisation, reviewer):
    subject = report(organisation).report
    url = f"/o/{organisation.slug}/reports/{subject.reference}/"
    html = reviewer_client.get(url).content.decode()
    assert 'type="radio"' not in html and 'name="note"' not in html
    assert "Next, this report can move to “In review”." in html
    assert '<input type="hidden" name="to_status" value="in_review"' in html
    assert reviewer_client.post(reverse("triage:transition", args=[organisation.slug, subject.reference]),
                                {"to_status": "in_review"}).status_code == 302
    html = reviewer_client.get(url).content.decode()
    assert html.count('name="to_status" type="radio"') == 2 and 'name="note"' not in html
    assert 'data-testid="close-with-feedback"' not in html
    lifecycle.transition(subject, "coded", by=reviewer)
    html = reviewer_client.get(url).content.decode()
    assert 'data-testid="close-with-feedback"' in html
    assert "Next, this report can move to “In review”." in html  # back, or on through the close page


def test_the_reporters_replies_come_with_a_sentence_on_their_placeholders(reviewer_client, organisation):
    from reporting.services import post_message

    subject = report(organisation).report
    url = f"/o/{organisation.slug}/reports/{subject.reference}/"
    assert "such as [PERSON 1]" not in reviewer_client.get(url).content.decode()
    post_message(subject, "It was Mrs Gwendolyn Pascoe who rang.", author_kind=Message.Author.REPORTER)
    html = reviewer_client.get(url).content.decode()
    assert "such as [PERSON 1]" in html and "Gwendolyn" not in html
