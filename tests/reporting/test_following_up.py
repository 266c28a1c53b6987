from datetime import UTC, datetime

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


# Guessing, in a shared office ------------------------------------------------------------------------
# Everyone here comes from the test client's one address, as a whole office does through its network.
# The guard's clock stands still, so no window ends halfway through a test.


@pytest.fixture
def slept(monkeypatch):
    import reporting.views as views

    waits: list[float] = []
    monkeypatch.setattr(views.time, "sleep", waits.append)
    monkeypatch.setattr(views.receipt_guard, "clock", lambda: datetime(2026, 3, 14, 12, 0, tzinfo=UTC).timestamp())
    return waits


def wrong_codes(n: int) -> list[str]:
    return [f"ABCD-EFGH-{i:04d}-0000" for i in range(n)]


def test_a_right_code_from_the_office_works_while_someone_there_is_slowed(client, organisation, slept):
    result = report(organisation)
    for code in wrong_codes(35):
        assert client.post("/receipt/", {"code": code}).status_code == 400
    assert slept and max(slept) == 2.0
    response = client.post("/receipt/", {"code": result.receipt_code})
    assert response.status_code == 200 and "Received" in response.content.decode()


def test_one_person_retrying_a_mistyped_code_locks_only_that_code_not_their_office(client, organisation, slept):
    result = report(organisation)
    mistyped = "ABCD-EFGH-JKMN-PQRS"
    statuses = [client.post("/receipt/", {"code": mistyped}).status_code for _ in range(300)]
    assert statuses == [400] * 10 + [429] * 290
    locked = client.post("/receipt/", {"code": mistyped.lower().replace("-", " ")})
    assert "This receipt code has been tried too many times" in locked.content.decode()
    assert "60 minutes" in locked.content.decode() and locked["Retry-After"] == "3600"
    assert slept == []  # refused retries count against nobody: the office is not even slowed
    assert client.post("/receipt/", {"code": result.receipt_code}).status_code == 200
    assert client.post("/receipt/", {"code": "ABCD-EFGH-JKMN-PQRT"}).status_code == 400


def test_a_scanner_behind_the_office_address_locks_it_out_only_after_a_hundred_wrong_codes(
        client, organisation, slept):
    result = report(organisation)
    statuses = [client.post("/receipt/", {"code": code}).status_code for code in wrong_codes(101)]
    assert statuses == [400] * 100 + [429]
    locked = client.post("/receipt/", {"code": result.receipt_code})
    assert locked.status_code == 429 and locked["Retry-After"] == "900"
    assert "too many incorrect receipt codes from this connection" in locked.content.decode()
