"""One check for every door: the report form, the API, the reporter's reply and the reviewer's message
accept, normalise and refuse the same text, and whatever they accept can be stored and de-identified
(on PostgreSQL too, where a NUL once broke de-identification for ever)."""

from __future__ import annotations

import json

import pytest
from django.test import TestCase
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from protection import services as sealed
from protection.models import MESSAGE_KIND
from reporting import validation
from reporting.choices import DeidStatus
from reporting.models import Message, Report
from reporting.services import ReportSubmission, post_message, subject_for, submit_report
from tests.factories import report, sign_in

pytestmark = pytest.mark.django_db

STORY = "The duty worker could not open the referral, so it waited two days."


# The doors. Each sends `text` as its free-text answer and returns the response; `stored` reads back
# what was kept of the last thing sent through it, as it will be de-identified.

def through_the_report_form(client, organisation, text):
    return client.post(f"/r/{organisation.slug}/", {"what_happened": text, "kind": "near_miss"})


def through_the_api(client, organisation, text):
    return client.post(f"/api/v1/orgs/{organisation.slug}/reports", json.dumps({"kind": "near_miss", "what_happened": text}),
                       content_type="application/json")


def a_report_to_answer(organisation):
    """A report to reply about; its de-identification is not needed here, so it is not run."""
    return submit_report(organisation, ReportSubmission(kind="near_miss", what_happened=STORY))


def through_a_reply(client, organisation, text):
    code = a_report_to_answer(organisation).receipt_code
    return client.post("/receipt/reply/", {"code": code, "body": text})


def through_a_reviewers_message(client, organisation, text):
    from organisations.models import Role
    from tests.factories import member

    subject = a_report_to_answer(organisation).report
    sign_in(client, member(organisation, Role.REVIEWER, username="validation-reviewer"))
    return client.post(reverse("triage:message", args=[organisation.slug, subject.reference]), {"body": text})


DOORS = {"report form": through_the_report_form, "API": through_the_api, "reply": through_a_reply,
         "reviewer's message": through_a_reviewers_message}
REFUSED = {"report form": 400, "API": 422, "reply": 400, "reviewer's message": 400}
FIELD = {"report form": "“What happened?”", "API": "“what_happened”", "reply": "“Your reply or more information”",
         "reviewer's message": "“Message to the reporter”"}


def stored(door: str, organisation) -> str:
    if door in ("report form", "API"):
        latest = Report.objects.latest("pk")
        return sealed.read_sealed_for_processing(organisation.pk, subject_for(latest), purpose="test")["what_happened"]
    message = Message.objects.exclude(author_kind="system").latest("pk")
    if door == "reply":
        return sealed.open_sealed(organisation.pk, subject_for(message.report), MESSAGE_KIND,
                                  field=f"message:{message.pk}", actor="system", purpose="test")
    return message.body


def nothing_was_stored(door: str) -> bool:
    """Only the report a reply or message door made to reply to, and no message."""
    return (Report.objects.count() == (door in ("reply", "reviewer's message"))
            and not Message.objects.exclude(author_kind="system").exists())


# What is refused, at every door ----------------------------------------------------------------

BAD = [
    pytest.param("Mum rang\x00 at nine.", "U+0000", id="NUL"),
    pytest.param("The bell\x07 rang.", "U+0007", id="BEL"),
    pytest.param("Escape \x1b[31m codes", "U+001B", id="ESC"),
    pytest.param("Delete\x7f me", "U+007F", id="DEL"),
    pytest.param("A C1 \x9b control", "U+009B", id="C1 control"),
    pytest.param("Not a character \ufffe here", "U+FFFE", id="U+FFFE"),
    pytest.param("Nor \uffff this", "U+FFFF", id="U+FFFF"),
    pytest.param("Plane end \U0010ffff too", "U+10FFFF", id="U+10FFFF"),
    pytest.param("Unreadable \ufffd text", "could not be read", id="replacement character"),
]


@pytest.mark.parametrize("door", DOORS)
@pytest.mark.parametrize("text,named", BAD)
def test_every_door_refuses_the_same_text_naming_the_field_and_the_character(client, organisation, door, text, named):
    response = DOORS[door](client, organisation, text)
    assert response.status_code == REFUSED[door]
    body = response.content.decode() if door != "API" else response.json()["detail"][0]["msg"]
    assert named in body
    assert FIELD[door] in body
    assert nothing_was_stored(door)


def test_the_api_names_the_problem_and_its_field_for_a_program(client, organisation):
    response = through_the_api(client, organisation, "Mum rang\x00 at nine.")
    (error,) = response.json()["detail"]
    assert error["loc"][-1] == "what_happened"
    assert error["type"] == "control_character"
    assert error["msg"] == ("“what_happened” has an invisible character (U+0000) at character 9 that we cannot store. "
                            "Delete it and send again.")
    assert not Report.objects.exists()


def test_the_api_refuses_a_lone_surrogate_as_unreadable(client, organisation):
    body = '{"kind": "near_miss", "what_happened": "half a pair \\ud83d here"}'
    response = client.post(f"/api/v1/orgs/{organisation.slug}/reports", body, content_type="application/json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["type"] == "unreadable_character"
    assert not Report.objects.exists()


def test_a_form_post_that_is_not_utf8_is_refused_with_a_clear_message_and_not_stored(client, organisation):
    # Latin-1 "café" (0xE9), and a UTF-8-encoded lone surrogate: neither is UTF-8.
    for raw in ("caf%E9+closed", "half%ED%A0%BD+a+pair"):
        response = client.post(f"/r/{organisation.slug}/", f"what_happened={raw}&kind=near_miss",
                               content_type="application/x-www-form-urlencoded")
        html = response.content.decode()
        assert response.status_code == 400
        assert "“What happened?” has a character that could not be read" in html
    assert not Report.objects.exists()


def test_the_api_refuses_a_body_that_is_not_utf8(client, organisation):
    body = '{"kind": "near_miss", "what_happened": "caf\xe9 closed"}'.encode("latin-1")
    response = client.post(f"/api/v1/orgs/{organisation.slug}/reports", body, content_type="application/json")
    assert response.status_code == 422
    position = body.index(b"\xe9") + 1
    assert response.json()["detail"] == [{"loc": ["body"], "type": "utf8_invalid",
                                          "msg": f"The request body is not valid UTF-8: byte {position} cannot be read"}]
    assert not Report.objects.exists()


def test_a_message_posted_by_code_is_checked_too(organisation):
    subject = report(organisation, STORY).report
    with pytest.raises(validation.NarrativeError, match="U[+]0000"):
        post_message(subject, "Thanks\x00", author_kind=Message.Author.SYSTEM)
    assert not subject.messages.exists()


# What is normalised, the same way at every door -------------------------------------------------

@pytest.mark.parametrize("door", DOORS)
def test_every_door_stores_text_normalised_the_same_way(client, organisation, door):
    sent = "  The re\u0301sume\u0301 came back late.\r\nNobody rang.\u202e\x0bThe end.\u2029 \t"
    response = DOORS[door](client, organisation, sent)
    assert response.status_code in (200, 201, 302)
    assert stored(door, organisation) == "The résumé came back late.\nNobody rang.\nThe end."


@pytest.mark.parametrize("door", ["report form", "API"])
def test_the_limit_counts_a_line_break_as_one_character_as_a_browser_does(client, organisation, door):
    text = "a\r\n" * 4999 + "zz"  # 10000 characters as the reporter sees them, 14999 as a browser sends them
    assert DOORS[door](client, organisation, text).status_code in (200, 201)
    too_long = DOORS[door](client, organisation, text + "!")
    assert too_long.status_code in (400, 422)
    assert "must be 10000 characters or fewer; you have 10001" in too_long.content.decode()


def test_right_to_left_text_and_its_marks_are_kept_as_they_are(organisation):
    text = "قالت الأم \u200fإن الزيارة تأخرت\u200e (Welsh: Dywedodd Mam)"
    assert validation.clean_narrative(text, label="x", max_chars=100) == text


def test_cleaning_twice_changes_nothing():
    once = validation.clean_narrative(" a\r\nb\u2066c\u2069 e\u0301 ", label="x", max_chars=100)
    assert once == "a\nbc é"
    assert validation.clean_narrative(once, label="x", max_chars=100) == once


# Whatever is accepted can be stored and de-identified -------------------------------------------

awkward = st.one_of(
    st.characters(),
    st.sampled_from(["\x00", "\x01", "\x1f", "\x7f", "\x85", "\x9f", "\r", "\r\n", "\x0b", "\u2028", "\u202e",
                     "\u2067", "\ufeff", "\u200b", "\ufffd", "\ufffe", "\U0001ffff", "e\u0301", "\U0001f600",
                     "Mrs Imogen Threlkeld", " 07700 900123 ", "\t", "\n"]),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(pieces=st.lists(awkward, min_size=1, max_size=12))
def test_whatever_the_check_accepts_is_stored_and_deidentified_without_error(organisation, pieces):
    """Runs on whichever database the suite uses; PostgreSQL is the one that refuses NUL in text."""
    try:
        text = validation.clean_narrative("".join(pieces), label="What happened?", max_chars=10_000)
    except validation.NarrativeError:
        return
    if not text:
        return
    result = report(organisation, text)  # sealed, then de-identified by the real engine
    assert Report.objects.get(pk=result.report.pk).deid_status == DeidStatus.DRAFT
    with TestCase.captureOnCommitCallbacks(execute=True):
        message = post_message(result.report, text, author_kind=Message.Author.REPORTER)
    message.refresh_from_db()
    assert "could not be removed automatically" not in message.body
