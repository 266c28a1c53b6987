"""The easy-read journey through plain HTTP forms: one question a page, answers carried in a signed
field, a check page with change buttons, and a receipt explained in plain words."""

import re

import pytest
from django.urls import reverse

from protection.models import SealedRecord
from reporting.models import Report
from reporting.receipts import receipt_hash

pytestmark = pytest.mark.django_db


def url(organisation) -> str:
    return reverse("reporting:easy-questions", args=[organisation.slug])


def state_of(response) -> str:
    return re.search(rb'name="state" value="([^"]+)"', response.content).group(1).decode()


def answer(client, organisation, response, **data):
    return client.post(url(organisation), {"state": state_of(response), "action": "continue", **data})


def journey(client, organisation, *, who="child", what="My carer forgot my tea.", feel="", better="", talk="no", contact=""):
    page = client.get(url(organisation))
    page = answer(client, organisation, page, who=who)
    page = answer(client, organisation, page, what=what)
    page = answer(client, organisation, page, feel=feel)
    page = answer(client, organisation, page, better=better)
    return answer(client, organisation, page, talk=talk, contact=contact)


def send(client, organisation, check_page):
    return client.post(url(organisation), {"state": state_of(check_page), "action": "send"})


def test_the_start_page_explains_and_links_to_the_first_question(client, organisation):
    response = client.get(reverse("reporting:easy-start", args=[organisation.slug]))
    assert response.status_code == 200
    assert b"Tell us what happened" in response.content
    assert url(organisation).encode() in response.content


def test_the_main_form_links_to_the_easy_read_journey(client, organisation):
    response = client.get(reverse("reporting:report-form", args=[organisation.slug]))
    assert reverse("reporting:easy-start", args=[organisation.slug]).encode() in response.content


def test_one_question_a_page_then_check_then_a_receipt(client, organisation):
    page = client.get(url(organisation))
    assert b"Who are you?" in page.content and b"What happened?" not in page.content
    page = answer(client, organisation, page, who="carer")
    assert b"What happened?" in page.content and b"Question 2 of 5" in page.content
    page = answer(client, organisation, page, what="Mum's carer did not come on Sunday.")
    assert b"How did it make you feel?" in page.content
    page = answer(client, organisation, page, feel="Worried.")
    assert b"What would make it better?" in page.content
    page = answer(client, organisation, page, better="A phone call when they are late.")
    assert b"Do you want someone to talk to you?" in page.content
    check = answer(client, organisation, page, talk="no")
    assert b"Check what you wrote" in check.content
    for words in (b"A carer or family member", b"Mum&#x27;s carer did not come on Sunday.", b"Worried.",
                  b"A phone call when they are late."):
        assert words in check.content
    assert Report.objects.count() == 0  # nothing is kept before "Send"
    receipt = send(client, organisation, check)
    assert receipt.status_code == 200
    code = receipt.context["result"].receipt_code
    assert code.encode() in receipt.content and b"Write it down now" in receipt.content
    report = Report.objects.get()
    assert report.receipt_hash == receipt_hash(code)
    assert report.reporter_group == "carer" and report.kind == "concern" and report.is_anonymous
    assert not report.urgent
    # The words are sealed like any report's, never on the row before de-identification.
    assert report.what_happened == ""
    fields = set(SealedRecord.objects.filter(kind=SealedRecord.Kind.NARRATIVE).values_list("field", flat=True))
    assert fields == {"what_happened", "potential_harm_text", "what_would_help"}


def test_every_page_shows_how_to_get_help_now_with_the_duty_number(client, organisation):
    organisation.duty_phone_number = "01632 960 123"
    organisation.save()
    pages = [client.get(reverse("reporting:easy-start", args=[organisation.slug])), client.get(url(organisation))]
    check = journey(client, organisation)
    pages += [check, send(client, organisation, check)]
    for page in pages:
        assert b'href="tel:999"' in page.content
        assert b"0800 1111" in page.content
        assert b"01632 960 123" in page.content


def test_a_missing_answer_asks_again_and_keeps_nothing_lost(client, organisation):
    page = client.get(url(organisation))
    again = answer(client, organisation, page)
    assert again.status_code == 400 and b"Pick who you are" in again.content
    page = answer(client, organisation, again, who="child")
    again = answer(client, organisation, page, what="   ")
    assert again.status_code == 400 and b"Tell us what happened. One word is fine." in again.content


def test_text_the_check_refuses_comes_back_in_the_box(client, organisation):
    page = answer(client, organisation, client.get(url(organisation)), who="child")
    too_long = "My foster carer shouts. " * 600
    again = answer(client, organisation, page, what=too_long)
    assert again.status_code == 400
    assert too_long.strip().encode() in again.content


def test_help_alone_is_accepted_and_flagged_urgent(client, organisation):
    receipt = send(client, organisation, journey(client, organisation, what="help"))
    assert receipt.status_code == 200
    report = Report.objects.get()
    assert report.urgent
    assert b"A person will look at your report today" in receipt.content


def test_a_report_of_danger_is_urgent_and_says_so(client, organisation):
    receipt = send(client, organisation, journey(client, organisation, what="My step dad hits me when mum is out."))
    assert Report.objects.get().urgent
    assert b"A person will look at your report today" in receipt.content


def test_a_double_press_of_send_makes_one_report(client, organisation):
    check = journey(client, organisation)
    first = send(client, organisation, check)
    second = send(client, organisation, check)
    assert Report.objects.count() == 1
    assert first.context["result"].receipt_code == second.context["result"].receipt_code


def test_change_goes_to_the_question_and_back_to_the_check_page(client, organisation):
    check = journey(client, organisation, what="The taxi did not come.")
    page = client.post(url(organisation), {"state": state_of(check), "action": "change:what"})
    assert b"The taxi did not come." in page.content and b"<textarea" in page.content
    check = answer(client, organisation, page, what="The taxi to school did not come.")
    assert b"Check what you wrote" in check.content and b"The taxi to school did not come." in check.content


def test_back_keeps_what_was_typed(client, organisation):
    page = answer(client, organisation, client.get(url(organisation)), who="child")
    back = client.post(url(organisation), {"state": state_of(page), "action": "back", "what": "Half a story"})
    assert b"Who are you?" in back.content
    forward = answer(client, organisation, back, who="child")
    assert b"Half a story" in forward.content


def test_contact_details_are_sealed_as_identity_and_make_the_report_confidential(client, organisation):
    check = journey(client, organisation, talk="yes", contact="Text me on 07700 900123")
    receipt = send(client, organisation, check)
    report = Report.objects.get()
    assert report.confidentiality == "confidential"
    identity = SealedRecord.objects.get(kind=SealedRecord.Kind.IDENTITY)
    assert b"07700" not in bytes(identity.ciphertext)
    assert "07700" not in str(Report.objects.values().get())
    assert b"A person may get in touch" in receipt.content


def test_contact_is_dropped_when_they_said_no(client, organisation):
    send(client, organisation, journey(client, organisation, talk="no", contact="07700 900123"))
    assert Report.objects.get().is_anonymous
    assert not SealedRecord.objects.filter(kind=SealedRecord.Kind.IDENTITY).exists()


def test_a_changed_state_is_refused_politely_and_the_words_are_shown(client, organisation):
    page = answer(client, organisation, client.get(url(organisation)), who="child")
    state = state_of(page)
    forged = state[:-3] + ("AAA" if not state.endswith("AAA") else "BBB")
    response = client.post(url(organisation), {"state": forged, "action": "continue", "what": "He took my phone."})
    assert response.status_code == 400
    assert b"Sorry, we need you to start again" in response.content
    assert b"He took my phone." in response.content
    assert Report.objects.count() == 0


def test_a_state_from_another_organisation_is_refused(client, organisation, other_organisation):
    page = client.get(url(other_organisation))
    response = client.post(url(organisation), {"state": state_of(page), "action": "continue", "who": "child"})
    assert response.status_code == 400


def test_sending_without_the_needed_answers_asks_for_them(client, organisation):
    from reporting import easy_read

    state = easy_read.seal(easy_read.start().with_answers(at="check", who="child"), organisation.pk)
    response = client.post(url(organisation), {"state": state, "action": "send"})
    assert response.status_code == 400 and b"What happened?" in response.content
    assert Report.objects.count() == 0


def test_the_pages_set_no_cookie_but_csrf_and_store_no_session(client, organisation):
    check = journey(client, organisation)
    send(client, organisation, check)
    assert set(client.cookies) <= {"csrftoken", "django_language"}


def test_changed_answers_sent_with_the_same_key_become_a_new_report_on_a_second_press(client, organisation):
    first_check = journey(client, organisation, what="The taxi did not come.")
    send(client, organisation, first_check)
    # The browser's back button: the old check page again, an answer changed, and "Send".
    page = client.post(url(organisation), {"state": state_of(first_check), "action": "change:what"})
    second_check = answer(client, organisation, page, what="The taxi came an hour late.")
    refused = send(client, organisation, second_check)
    assert refused.status_code == 409 and b"You sent this before with other words" in refused.content
    assert Report.objects.count() == 1
    again = send(client, organisation, refused)
    assert again.status_code == 200 and Report.objects.count() == 2


def test_a_failed_csrf_check_shows_the_page_again_with_the_words(organisation):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    page = browser.get(url(organisation))
    page = browser.post(url(organisation), {"state": state_of(page), "who": "child",
                                            "csrfmiddlewaretoken": browser.cookies["csrftoken"].value})
    assert b"What happened?" in page.content
    browser.cookies.clear()  # a phone that forgot its cookie overnight
    response = browser.post(url(organisation), {"state": state_of(page), "what": "My words stay here."})
    assert response.status_code == 403
    assert b"Your words are safe" in response.content and b"My words stay here." in response.content
    assert Report.objects.count() == 0
