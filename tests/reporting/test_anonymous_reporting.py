import pytest
from django.urls import reverse

from protection.models import SealedRecord
from reporting.models import Report
from reporting.receipts import receipt_hash

pytestmark = pytest.mark.django_db

STORY = "Duty SW could not open the referral on the system so it sat for two days before anyone saw it."


def post_report(client, organisation, **overrides):
    data = {"what_happened": STORY, "kind": "near_miss", "potential_harm": "3", "idempotency_key": "key-1",
            "confidentiality": "anonymous"}
    data.update(overrides)
    return client.post(reverse("reporting:report-form", args=[organisation.slug]), data)


def test_the_form_opens_without_an_account(client, organisation):
    response = client.get(f"/r/{organisation.slug}/")
    assert response.status_code == 200
    assert b"What happened?" in response.content


def test_an_unknown_organisation_is_not_found(client, db):
    assert client.get("/r/no-such-place/").status_code == 404


def test_a_submitted_report_shows_its_receipt_code_once_and_stores_only_its_hash(client, organisation):
    response = post_report(client, organisation)
    assert response.status_code == 200
    code = response.context["result"].receipt_code
    assert code.encode() in response.content
    report = Report.objects.get()
    assert report.receipt_hash == receipt_hash(code)
    assert code not in str(Report.objects.values().get())
    assert response["Cache-Control"].startswith("max-age=0") or "no-store" in response["Cache-Control"]


def test_the_narrative_is_sealed_not_stored_on_the_report(client, organisation):
    post_report(client, organisation)
    report = Report.objects.get()
    assert report.what_happened == ""
    record = SealedRecord.objects.get(kind="narrative", field="what_happened")
    assert STORY.encode() not in bytes(record.ciphertext)


def test_without_an_account_only_anonymous_reporting_is_offered(client, organisation):
    response = post_report(client, organisation, confidentiality="confidential")
    assert response.status_code == 400
    assert "Select how you want to report" in response.content.decode()
    post_report(client, organisation)
    report = Report.objects.get()
    assert report.confidentiality == "anonymous"
    assert report.open_reporter is None
    assert not SealedRecord.objects.filter(kind="identity").exists()


def test_a_double_submission_makes_one_report_and_shows_the_same_receipt(client, organisation):
    first = post_report(client, organisation)
    second = post_report(client, organisation)
    assert Report.objects.count() == 1
    assert second.context["result"].duplicate
    assert second.context["result"].receipt_code == first.context["result"].receipt_code


def test_missing_answers_are_listed_in_an_error_summary_and_the_text_is_kept(client, organisation):
    response = post_report(client, organisation, kind="", what_happened="   ")
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert 'href="#id_what_happened"' in html and "Tell us what happened" in html
    assert 'href="#id_kind_0"' in html and "Select what kind of report this is" in html
    assert Report.objects.count() == 0


def test_text_over_the_limit_is_refused_with_the_limit_and_kept_for_editing(client, organisation, settings):
    long_text = "x" * 10001
    response = post_report(client, organisation, what_happened=long_text)
    assert response.status_code == 400
    html = response.content.decode()
    assert "10000 characters or fewer" in html
    assert long_text in html


@pytest.mark.parametrize("field,value,message", [
    ("kind", "exploded", "Select one of the kinds of report listed"),
    ("potential_harm", "99", "Select one of the levels of harm listed"),
    ("occurred_year", "nineteen", "Year must be a number"),
    ("occurred_year", "1900", "Year must be between"),
    ("occurred_month", "13", "Select a month from the list"),
    ("agencies", "aliens", "Select agencies from the list"),
])
def test_each_bad_answer_gets_a_specific_message(client, organisation, field, value, message):
    response = post_report(client, organisation, **{field: value})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert STORY in response.content.decode()


def test_a_month_without_a_year_is_questioned(client, organisation):
    response = post_report(client, organisation, occurred_month="3", occurred_year="")
    assert "Enter the year as well as the month" in response.content.decode()


def test_no_input_causes_a_server_error(client, organisation):
    garbage = {"what_happened": "\x00\ud800".encode("utf-8", "surrogatepass").decode("utf-8", "replace") + "<script>",
               "kind": ["near_miss", "incident"], "agencies": ["police"] * 50, "potential_harm": "-1",
               "idempotency_key": "k" * 500}
    response = client.post(f"/r/{organisation.slug}/", garbage)
    assert response.status_code in (200, 400)
