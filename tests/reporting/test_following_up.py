import pytest

from reporting.models import Message
from tests.factories import report

pytestmark = pytest.mark.django_db


def test_the_reporter_sees_status_and_messages_with_their_code(client, organisation, reviewer):
    result = report(organisation)
    Message.objects.create(report=result.report, author_kind="reviewer", reviewer=reviewer,
                           body="Thank you. Which team held the case?")
    response = client.post("/receipt/", {"code": result.receipt_code.lower().replace("-", " ")})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Received" in html
    assert "Which team held the case?" in html
    assert reviewer.username not in html


def test_a_wrong_code_and_a_malformed_code_get_the_same_answer(client, organisation):
    report(organisation)
    wrong = client.post("/receipt/", {"code": "ABCD-EFGH-JKMN-PQRS"})
    malformed = client.post("/receipt/", {"code": "hello"})
    assert wrong.status_code == malformed.status_code == 400
    message = "We could not find a report with that receipt code"
    assert message in wrong.content.decode() and message in malformed.content.decode()


def test_the_reporter_can_reply_once_even_if_they_press_send_twice(client, organisation):
    result = report(organisation)
    data = {"code": result.receipt_code, "body": "It was the assessment team.", "idempotency_key": "reply-1"}
    client.post("/receipt/reply/", data)
    response = client.post("/receipt/reply/", data)
    assert response.status_code == 200
    assert Message.objects.filter(author_kind="reporter").count() == 1
    assert "It was the assessment team." in response.content.decode()


def test_an_empty_reply_is_refused_and_the_code_is_kept(client, organisation):
    result = report(organisation)
    response = client.post("/receipt/reply/", {"code": result.receipt_code, "body": ""})
    assert response.status_code == 400
    assert "Write your message before sending it" in response.content.decode()
    assert result.receipt_code in response.content.decode()


def test_a_reply_with_a_bad_code_does_not_post(client, organisation):
    report(organisation)
    response = client.post("/receipt/reply/", {"code": "ABCD-EFGH-JKMN-PQRS", "body": "hi"})
    assert response.status_code == 400
    assert not Message.objects.exists()
