"""An idempotency key is bound to its report: a resend gets the same receipt code, for at least a day
and across restarts; the key with other answers is refused, never answered with another report's code."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from freezegun import freeze_time

from reporting import idempotency
from reporting.idempotency import IdempotencyKeyReused
from reporting.models import IdempotencyKey, Report
from reporting.services import ReportSubmission, submit_report
from tests.factories import report

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
STORY = "The out-of-hours team were not told the foster carer had changed address."
OTHER_STORY = "A different report: the core group minutes were sent to the wrong family."


def post_form(client, organisation, **answers):
    data = {"what_happened": STORY, "kind": "near_miss", "potential_harm": "2", "confidentiality": "anonymous",
            "idempotency_key": "form-key-1", **answers}
    return client.post(reverse("reporting:report-form", args=[organisation.slug]), data)


def test_a_resend_with_the_same_key_and_answers_gets_the_same_code_and_makes_one_report(organisation):
    first = report(organisation, STORY, idempotency_key="k1")
    again = report(organisation, STORY, idempotency_key="k1")
    assert again.duplicate and not first.duplicate
    assert again.receipt_code == first.receipt_code
    assert again.report == first.report
    assert Report.objects.count() == 1


def test_the_same_key_with_other_answers_is_refused_and_gets_no_code(organisation):
    report(organisation, STORY, idempotency_key="k1")
    with pytest.raises(IdempotencyKeyReused):
        report(organisation, OTHER_STORY, idempotency_key="k1")
    with pytest.raises(IdempotencyKeyReused):
        report(organisation, STORY, idempotency_key="k1", potential_harm=4)
    assert Report.objects.count() == 1


def test_a_key_is_scoped_to_its_organisation(organisation, other_organisation):
    here = report(organisation, STORY, idempotency_key="k1")
    there = report(other_organisation, OTHER_STORY, idempotency_key="k1")
    assert not there.duplicate and there.receipt_code != here.receipt_code


def test_a_resend_after_a_restart_gets_the_code_from_the_database(organisation):
    first = report(organisation, STORY, idempotency_key="k1")
    cache.clear()  # what a crash or a restart leaves of process memory and a local cache
    again = report(organisation, STORY, idempotency_key="k1")
    assert again.duplicate and again.receipt_code == first.receipt_code


def test_the_form_and_the_api_bind_a_key_to_the_same_answers(client, organisation):
    """The same report through either door hashes the same: both doors share one mechanism."""
    answers = idempotency.canonical_answers(ReportSubmission(kind="near_miss", what_happened=STORY,
                                                             agencies=["police", "health", "police"]), "anonymous")
    from_api = idempotency.canonical_answers(ReportSubmission(kind="near_miss", what_happened=STORY,
                                                              agencies=["health", "police"]), "anonymous")
    assert answers == from_api
    form = post_form(client, organisation, idempotency_key="shared", potential_harm="")
    api = client.post(f"/api/v1/orgs/{organisation.slug}/reports", {"kind": "near_miss", "what_happened": STORY},
                      content_type="application/json", HTTP_IDEMPOTENCY_KEY="shared")
    assert api.status_code == 200 and api.json()["duplicate"] is True
    assert api.json()["receipt_code"] == form.context["result"].receipt_code


def test_only_hashes_and_a_sealed_code_are_kept(organisation):
    first = report(organisation, STORY, idempotency_key="a-key-the-client-made")
    row = IdempotencyKey.objects.values().get()
    kept = repr(row)
    assert "a-key-the-client-made" not in kept
    assert first.receipt_code not in kept and first.receipt_code.encode() not in bytes(row["sealed_receipt"])
    assert STORY not in kept
    assert len(row["key_hash"]) == len(row["answers_hash"]) == 64


def test_the_sealed_code_opens_only_with_the_senders_key(organisation):
    report(organisation, STORY, idempotency_key="k1")
    row = IdempotencyKey.objects.get()
    # Someone holding the database (and the server's secrets) but not the key: the row's hash is all they have.
    stranger = idempotency.Claim(key="a-guess", key_hash=row.key_hash, answers_hash=row.answers_hash)
    assert idempotency.replay(stranger).receipt_code is None


def test_a_key_is_kept_to_the_day_for_at_least_24_hours_then_destroyed_by_the_periodic_task(organisation):
    with freeze_time(datetime(2026, 3, 10, 23, 59, tzinfo=LONDON)):
        first = report(organisation, STORY, idempotency_key="k1")
    row = IdempotencyKey.objects.get()
    assert row.forget_after == datetime(2026, 3, 12, 0, 0, tzinfo=LONDON)  # a midnight: no minute is kept
    assert "reporting.tasks.forget_idempotency_keys" in settings.GOODCATCH_PERIODIC_TASKS

    with freeze_time(datetime(2026, 3, 11, 23, 58, tzinfo=LONDON)):  # 23 h 59 min later
        call_command("run_periodic", "--once")
        assert IdempotencyKey.objects.exists()
        assert report(organisation, STORY, idempotency_key="k1").receipt_code == first.receipt_code

    with freeze_time(datetime(2026, 3, 12, 0, 1, tzinfo=LONDON)):
        call_command("run_periodic", "--once")
        assert not IdempotencyKey.objects.exists()
        # Forgotten: the key is free again, as with payment APIs, and makes a new report.
        later = report(organisation, OTHER_STORY, idempotency_key="k1")
    assert not later.duplicate and later.receipt_code != first.receipt_code


@pytest.mark.parametrize("sent", [
    datetime(2026, 3, 10, 0, 0, 1), datetime(2026, 3, 10, 12, 0), datetime(2026, 3, 10, 23, 59, 59),
    datetime(2026, 3, 29, 0, 30), datetime(2026, 10, 25, 0, 30), datetime(2026, 10, 24, 1, 30),
])
def test_a_key_is_always_kept_at_least_24_hours_and_never_48_plus_an_hour(sent):
    """Across the clock changes too (29 March and 25 October 2026 in London)."""
    sent = sent.replace(tzinfo=LONDON)
    forget = idempotency.forget_after(sent)
    kept = forget.astimezone(ZoneInfo("UTC")) - sent.astimezone(ZoneInfo("UTC"))
    assert timedelta(hours=24) < kept <= timedelta(hours=49)
    assert forget.astimezone(LONDON).time() == datetime.min.time()


def test_a_key_due_to_be_forgotten_is_free_before_the_sweep(organisation):
    with freeze_time(datetime(2026, 3, 10, 9, 0, tzinfo=LONDON)):
        report(organisation, STORY, idempotency_key="k1")
    with freeze_time(datetime(2026, 3, 12, 9, 0, tzinfo=LONDON)):
        later = report(organisation, OTHER_STORY, idempotency_key="k1")
    assert not later.duplicate
    assert Report.objects.count() == 2 and IdempotencyKey.objects.count() == 1


def test_the_form_refuses_its_key_with_other_answers_keeps_them_and_offers_a_new_key(client, organisation):
    first = post_form(client, organisation)
    code = first.context["result"].receipt_code
    changed = post_form(client, organisation, what_happened=OTHER_STORY)
    html = changed.content.decode()
    assert changed.status_code == 409
    assert "You already sent this form with different answers" in html
    assert OTHER_STORY in html
    assert code not in html
    assert Report.objects.count() == 1
    new_key = changed.context["form"].data["idempotency_key"]
    assert new_key != "form-key-1" and f'value="{new_key}"' in html

    sent = post_form(client, organisation, what_happened=OTHER_STORY, idempotency_key=new_key)
    assert sent.status_code == 200 and sent.context["result"].receipt_code != code
    assert Report.objects.count() == 2


def test_a_report_without_a_key_is_stored_each_time(organisation):
    submission = ReportSubmission(kind="near_miss", what_happened=STORY)
    first = submit_report(organisation, submission)
    second = submit_report(organisation, submission)
    assert first.report != second.report and not IdempotencyKey.objects.exists()
