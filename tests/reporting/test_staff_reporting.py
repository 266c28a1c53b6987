import json

import pytest

from protection.models import SealedRecord
from protection.services import open_sealed
from reporting.models import Report
from reporting.subjects import subject_for
from tests.factories import sign_in

pytestmark = pytest.mark.django_db


def submit(client, organisation, confidentiality):
    return client.post(f"/o/{organisation.slug}/report/", {
        "what_happened": "Strategy discussion went ahead without health present.", "kind": "concern",
        "confidentiality": confidentiality, "idempotency_key": f"staff-{confidentiality}"})


def test_a_confidential_report_seals_the_identity_apart_from_the_report(client, organisation, reporter_user, reviewer):
    client.force_login(reporter_user)
    submit(client, organisation, "confidential")
    report = Report.objects.get()
    assert report.confidentiality == "confidential"
    assert report.open_reporter is None
    record = SealedRecord.objects.get(kind="identity")
    assert b"reporter1" not in bytes(record.ciphertext)
    identity = json.loads(open_sealed(organisation.pk, subject_for(report), "identity", actor=reviewer,
                                      purpose="test"))
    assert identity["username"] == "reporter1"


def test_reviewers_see_confidential_reporter_but_never_who(client, organisation, reporter_user, reviewer):
    client.force_login(reporter_user)
    submit(client, organisation, "confidential")
    report = Report.objects.get()
    sign_in(client, reviewer)
    html = client.get(f"/o/{organisation.slug}/reports/{report.reference}/").content.decode()
    assert "Confidential reporter" in html
    assert "Robin" not in html and "reporter1" not in html


def test_an_open_report_names_its_reporter(client, organisation, reporter_user, reviewer):
    client.force_login(reporter_user)
    submit(client, organisation, "open")
    report = Report.objects.get()
    assert report.open_reporter == reporter_user
    sign_in(client, reviewer)
    html = client.get(f"/o/{organisation.slug}/reports/{report.reference}/").content.decode()
    assert "Robin Reporter" in html
